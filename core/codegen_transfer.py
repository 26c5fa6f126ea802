"""Copy as PyTorch code for the transfer-learning page: scripts that reuse the lab's pretrained backbone.

Every script defines the backbone in plain torch.nn and loads its weights from backbone.pt, a file that
must sit beside the script (the page offers it for download through `CODE_FILES`); nothing is retrained
from the source data. The scripts are assembled from the blocks below, each part taking only the blocks
it needs, so that the same lines (data split, backbone, training loop) read the same in every script.
"""

from __future__ import annotations

import inspect
import string
import textwrap

from core import backbone as B
from core.train import BLOWUP_FACTOR, DIVERGE_FACTOR, PATIENCE, _batches


def _block(text: str) -> string.Template:
    return string.Template(textwrap.dedent(text).strip("\n") + "\n")


HEADER = _block('''\
    """$title

    Standalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch scikit-learn).
    It loads the lab's pretrained backbone from backbone.pt, which must sit beside this script (download it
    from the same page).

    $prints
    """
    import functools
    ${math}import pathlib
    from collections import OrderedDict

    import torch
    ${functional}from sklearn.datasets import load_digits
    from torch import nn

    torch.set_num_threads(1)
    WEIGHTS = pathlib.Path(__file__).with_name("backbone.pt")
    ''')

DATA = _block('''\
    @functools.lru_cache
    def target_images(target):
        """x: (1797, 1, 8, 8) in [0, 1], y: (1797,). 'shuffled' moves every pixel by one fixed permutation:
        the same labels, but no strokes left for the pretrained filters to find (a *different* task)."""
        bunch = load_digits()
        x = torch.tensor(bunch.data, dtype=torch.float32) / 16.0
        if target == "shuffled":
            x = x[:, torch.randperm(64, generator=torch.Generator().manual_seed(0))]
        return x.reshape(-1, 1, 8, 8), torch.tensor(bunch.target, dtype=torch.long)
    ''')

SPLIT = _block('''\
    def split(y, labels, seed):
        """(train, test) indices: 30% of every class for test, then `labels` of the rest per class for training."""
        g = torch.Generator().manual_seed(seed)
        train_idx, test_idx = [], []
        for c in range(10):
            idx = (y == c).nonzero().flatten()
            idx = idx[torch.randperm(len(idx), generator=g)]
            n_test = round(0.3 * len(idx))
            train_idx.append(idx[n_test:] if labels == "all" else idx[n_test:n_test + int(labels)])
            test_idx.append(idx[:n_test])
        return torch.cat(train_idx), torch.cat(test_idx)
    ''')

BACKBONE = _block('''\
    def conv_block(c_in, c_out, pool):
        """conv3x3 -> BatchNorm -> ReLU, then 2x2 max-pool when `pool` (8x8 -> 4x4 -> 2x2)."""
        return nn.Sequential(OrderedDict(
            conv=nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),  # BN's beta plays the bias
            bn=nn.BatchNorm2d(c_out), relu=nn.ReLU(), pool=nn.MaxPool2d(2) if pool else nn.Identity()))


    def backbone():
        """x: (N, 1, 8, 8) -> features (N, $dim); block3 is the top block that fine-tuning may retrain."""
        return nn.Sequential(OrderedDict(block1=conv_block($c0, $c1, True), block2=conv_block($c1, $c2, True),
                                         block3=conv_block($c2, $c3, False), flatten=nn.Flatten()))


    def pretrained():
        """The lab's backbone, pretrained on generated strokes and shapes; the file also holds its source head."""
        state = torch.load(WEIGHTS, weights_only=True)  # tensors only, no pickled code
        net = backbone()
        net.load_state_dict({k.removeprefix("backbone."): v for k, v in state.items() if k.startswith("backbone.")})
        return net.eval()
    ''')

HEAD = _block(inspect.getsource(B.seeded_head))  # PyTorch's default Linear init, drawn from a seeded generator

RANDOM = _block('''\
    def random_backbone(seed):
        """The same network, randomly initialized (He init for the convolutions, BatchNorm at gamma=1, beta=0)."""
        net = backbone()
        g = torch.Generator().manual_seed(seed)
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=g)
        return net
    ''')

BATCHES = _block(inspect.getsource(_batches).replace("def _batches(", "def batches("))  # the app's own

FIT = _block('''\
    def accuracy(model, x, y):
        model.eval()  # BatchNorm normalizes with its running statistics
        with torch.inference_mode():
            return (model(x).argmax(1) == y).float().mean().item()


    def fit(model, groups, lr, steps, batch, seed, every, x_train, y_train, x_test, y_test):
        """Adam on the parameter groups; returns (test, train) accuracy at the last evaluation (every `every`
        steps and at the end, as the app records them)."""
        opt = torch.optim.Adam(groups, lr=lr, foreach=True)
        order = batches(len(x_train), batch, torch.Generator().manual_seed(seed))
        first, above = None, 0
        for step in range(steps + 1):
            if step % every == 0 or step == steps:
                last = accuracy(model, x_test, y_test), accuracy(model, x_train, y_train)
                model.train()  # BatchNorm layers being trained normalize with the batch's statistics
            if step == steps:
                break
            idx = next(order)
            loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
            value = loss.item()
            first = value if first is None else first
            above = above + 1 if value > $factor * max(first, 1e-3) else 0
            if not math.isfinite(value) or value > $blowup * max(first, 1e-3) or above >= $patience:
                break  # diverged: the app stops the run here too
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return last
    ''')

STRATEGY = _block('''\
    @functools.lru_cache
    def features(target):
        """The frozen pretrained backbone on every image, once: block-2 maps (N, $c2, 2, 2), top features (N, $dim)."""
        x, _ = target_images(target)
        net = pretrained()
        with torch.no_grad():
            maps = net.block2(net.block1(x))
            return maps, net.block3(maps).flatten(1)


    def run(strategy, target, labels, seed, evals=1):
        """Train one strategy on the split of `seed` for STEPS steps, evaluated `evals` times on the way:
        (test accuracy, train accuracy, trained parameters)."""
        x, y = target_images(target)
        train_idx, test_idx = split(y, labels, seed)
        maps, top = features(target)
        if strategy in ("linear", "linear_early"):  # frozen backbone: only a linear classifier on its features
            inputs = top if strategy == "linear" else maps.flatten(1)  # linear_early: a more generic layer
            model = seeded_head(inputs.shape[1], 10, seed)
            groups = [{"params": model.parameters()}]
        elif strategy == "finetune_top":  # blocks 1-2 frozen (their output computed once), block 3 + head trained
            block3, head = pretrained().block3, seeded_head($dim, 10, seed)
            inputs, model = maps, nn.Sequential(block3, nn.Flatten(), head)
            groups = [{"params": block3.parameters(), "lr": LR_BACKBONE}, {"params": head.parameters()}]
        else:  # scratch: a random backbone, all at LR_HEAD; finetune_all: pretrained, at a smaller lr
            net, head = (random_backbone(seed) if strategy == "scratch" else pretrained()), seeded_head($dim, 10, seed)
            inputs, model = x, nn.Sequential(net, head)
            lr = LR_HEAD if strategy == "scratch" else LR_BACKBONE
            groups = [{"params": net.parameters(), "lr": lr}, {"params": head.parameters()}]
        batch = $batch if len(train_idx) > $batch else 0  # minibatches only above $batch labeled images
        test, train = fit(model, groups, LR_HEAD, STEPS, batch, seed, max(STEPS // evals, 1),
                          inputs[train_idx], y[train_idx], inputs[test_idx], y[test_idx])
        return test, train, sum(p.numel() for p in model.parameters())  # all of the model is trained
    ''')

STRATEGIES_MAIN = _block('''\
    if __name__ == "__main__":
        print("# summary by strategy")
        print("strategy,test_accuracy,train_accuracy,trained_parameters")
        for strategy in STRATEGIES:
            test, train, n = run(strategy, TARGET, LABELS, SEED, evals=5)
            print(f"{strategy},{test:.7g},{train:.7g},{n}")
    ''')

CURVES_MAIN = _block('''\
    if __name__ == "__main__":
        print("# mean by strategy,per_class")
        print("strategy,per_class,mean,std,lo,hi")
        for labels in SIZES:
            per_class = len(split(target_images(TARGET)[1], labels, 0)[0]) / 10  # 'all' is about 126
            for strategy in STRATEGIES:
                acc = [run(strategy, TARGET, labels, seed)[0] for seed in range(SEEDS)]
                std = torch.tensor(acc, dtype=torch.float64).std().item() if len(acc) > 1 else 0.0  # over seeds
                print(f"{strategy},{per_class:.1f},{sum(acc) / len(acc):.7g},{std:.7g},{min(acc):.7g},{max(acc):.7g}")
    ''')

TABLE_MAIN = _block('''\
    # CS231n Lecture 7, "Transfer learning with CNNs": the advice for each cell, as one of our strategies.
    ADVICE = {("similar", "little"): "linear", ("different", "little"): "linear_early",
              ("similar", "lots"): "finetune_top", ("different", "lots"): "finetune_all"}


    if __name__ == "__main__":
        print("# cells by similarity,data,best,runner_up,advice")
        print("similarity,data,best,runner_up,advice,best_accuracy,margin,advice_accuracy,gap")
        for target, similarity in (("digits", "similar"), ("shuffled", "different")):
            for labels, data in ((LITTLE, "little"), (LOTS, "lots")):
                mean = {}
                for strategy in STRATEGIES:
                    acc = [run(strategy, target, labels, seed)[0] for seed in range(SEEDS)]
                    mean[strategy] = sum(acc) / len(acc)
                best, second = sorted(mean, key=lambda s: -mean[s])[:2]
                advice = ADVICE[(similarity, data)]
                print(f"{similarity},{data},{best},{second},{advice},{mean[best]:.7g},"
                      f"{mean[best] - mean[second]:.7g},{mean[advice]:.7g},{mean[best] - mean[advice]:.7g}")
    ''')

PCA_MAIN = _block('''\
    def pca2(f):
        """f: (N, D) -> (N, 2) on the top two principal axes, and the share of the variance they keep."""
        f = f - f.mean(0)
        _, s, v = torch.linalg.svd(f, full_matrices=False)
        return f @ v[:2].T, ((s[:2] ** 2).sum() / (s ** 2).sum()).item()


    def centroid_accuracy(f, y):
        """Nearest-class-mean accuracy on standardized features: how well classes cluster, with no training."""
        f = (f - f.mean(0)) / (f.std(0) + 1e-6)
        means = torch.stack([f[y == c].mean(0) for c in range(10)])
        return (torch.cdist(f, means).argmin(1) == y).float().mean().item()


    if __name__ == "__main__":
        x, y = target_images(TARGET)
        pick = torch.randperm(len(x), generator=torch.Generator().manual_seed(SEED))[:POINTS]
        print("# scores by backbone")
        print("backbone,explained,centroid_accuracy")
        for name, net in (("pretrained", pretrained()), ("random", random_backbone(SEED).eval())):
            with torch.inference_mode():
                f = net(x[pick]) if LAYER == "top" else net.block2(net.block1(x[pick])).flatten(1)
            z, explained = pca2(f)  # z: the 2-D points the page plots
            print(f"{name},{explained:.7g},{centroid_accuracy(f, y[pick]):.7g}")
    ''')

BN_MAIN = _block('''\
    class FrozenClassifier(nn.Module):
        """A new head on a frozen backbone. requires_grad=False stops the weights, not BatchNorm: in train mode
        it still normalizes with batch statistics and overwrites its running mean and variance. keep_eval
        is the fix: the backbone stays in eval mode whatever model.train() says."""

        def __init__(self, backbone, head, keep_eval):
            super().__init__()
            self.backbone, self.head, self.keep_eval = backbone.requires_grad_(False), head, keep_eval

        def train(self, mode=True):
            super().train(mode)
            if self.keep_eval:
                self.backbone.eval()
            return self

        def forward(self, x):
            return self.head(self.backbone(x))


    def bn_stats(net):
        return {name: b.clone() for name, b in net.named_buffers() if name.endswith(("running_mean", "running_var"))}


    if __name__ == "__main__":
        x, y = target_images(TARGET)
        train_idx, test_idx = split(y, LABELS, SEED)
        print("# summary by variant")
        print("variant,weights_changed,head_change,stats_changed,features_changed,test_accuracy")
        for variant, keep_eval in (("train_mode", False), ("eval_mode", True)):
            net = pretrained()
            weights0, stats0 = {n: p.detach().clone() for n, p in net.named_parameters()}, bn_stats(net)
            with torch.no_grad():
                features0 = net(x)
            model = FrozenClassifier(net, seeded_head($dim, 10, SEED), keep_eval)
            head0 = model.head.weight.detach().clone()
            test, _ = fit(model, model.head.parameters(), LR, STEPS, BATCH, SEED, STEPS,
                          x[train_idx], y[train_idx], x[test_idx], y[test_idx])
            model.eval()
            stats1 = bn_stats(net)
            with torch.no_grad():
                features_changed = (net(x) - features0).abs().max().item()
            weights_changed = max((p - weights0[n]).abs().max().item() for n, p in net.named_parameters())
            stats_changed = max((stats1[k] - stats0[k]).abs().max().item() for k in stats0)
            head_change = (model.head.weight.detach() - head0).norm().item()
            print(f"{variant},{weights_changed:.7g},{head_change:.7g},{stats_changed:.7g},"
                  f"{features_changed:.7g},{test:.7g}")
    ''')


TRAINING = [DATA, SPLIT, BACKBONE, HEAD, RANDOM, BATCHES, FIT, STRATEGY]  # what run(strategy, ...) needs


def _script(title: str, prints: str, config: dict, blocks: list[string.Template]) -> str:
    """The blocks in order under the docstring, with the configuration as literals (repr: exact floats)."""
    c = B.CHANNELS
    values = {"title": title, "prints": textwrap.fill(prints, 104), "batch": _topic().BATCH,
              "factor": DIVERGE_FACTOR, "blowup": BLOWUP_FACTOR, "patience": PATIENCE,
              "dim": c[2] * 4, "c0": 1, "c1": c[0], "c2": c[1], "c3": c[2],  # block 3's maps are 2x2
              "math": "import math\n" if FIT in blocks else "",  # only the training loop needs them
              "functional": "import torch.nn.functional as F\n" if FIT in blocks else ""}
    literals = "".join(f"{k} = {v!r}\n" for k, v in config.items())
    parts = [HEADER.substitute(values) + literals] + [b.substitute(values) for b in blocks]
    return "\n\n".join(parts)


def _topic():
    """core.transfer, which imports this module: its constants are read at call time."""
    from core import transfer

    return transfer


def strategies_script(cfg) -> str:
    return _script("CS231n Lab, Transfer learning: scratch vs linear probe vs fine-tuning",
                   "Prints each strategy's final test and train accuracy.",
                   {"TARGET": cfg.target, "LABELS": cfg.labels, "STRATEGIES": tuple(cfg.strategies),
                    "LR_HEAD": cfg.lr_head, "LR_BACKBONE": cfg.lr_backbone, "STEPS": cfg.steps, "SEED": cfg.seed},
                   TRAINING + [STRATEGIES_MAIN])


def curves_script(cfg) -> str:
    return _script("CS231n Lab, Transfer learning: learning curves",
                   "Prints each strategy's test accuracy by labeled images per class (mean and spread over seeds).",
                   {"TARGET": cfg.target, "SIZES": tuple(cfg.sizes), "STRATEGIES": tuple(cfg.strategies),
                    "SEEDS": cfg.seeds, "STEPS": cfg.steps, "LR_HEAD": cfg.lr_head, "LR_BACKBONE": cfg.lr_backbone},
                   TRAINING + [CURVES_MAIN])


def table_script(cfg) -> str:
    r = _topic().Recipe()  # the table trains every cell with the recipe's default learning rates
    return _script("CS231n Lab, Transfer learning: the 2x2 table (similar or different data, little or lots)",
                   "Prints the best strategy of each cell next to the lecture's advice.",
                   {"LITTLE": cfg.little, "LOTS": cfg.lots, "STRATEGIES": _topic().STRATEGIES, "SEEDS": cfg.seeds,
                    "STEPS": cfg.steps, "LR_HEAD": r.lr_head, "LR_BACKBONE": r.lr_backbone},
                   TRAINING + [TABLE_MAIN])


def pca_script(cfg) -> str:
    return _script("CS231n Lab, Transfer learning: what the features look like",
                   "Prints how much variance two principal axes keep and how well classes cluster, "
                   "for the pretrained and a random backbone.",
                   {"TARGET": cfg.target, "LAYER": cfg.layer, "POINTS": cfg.points, "SEED": cfg.seed},
                   [DATA, BACKBONE, RANDOM, PCA_MAIN])


def bn_script(cfg) -> str:
    return _script("CS231n Lab, Transfer learning: BatchNorm in train mode on a frozen backbone",
                   "Prints what a new head's training changed in the backbone, left in train mode or kept "
                   "in eval mode. (The app also scores the source task on generated images; not here.)",
                   {"TARGET": cfg.target, "LABELS": cfg.labels, "BATCH": cfg.batch_size, "STEPS": cfg.steps,
                    "SEED": cfg.seed, "LR": _topic().BN_LR},
                   [DATA, SPLIT, BACKBONE, HEAD, BATCHES, FIT, BN_MAIN])
