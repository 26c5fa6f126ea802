"""Lectures 6-7, transfer learning: reuse a pretrained backbone, as a frozen feature extractor or fine-tuned.

The backbone is the lab's own (core.backbone, trained by core.pretrain on generated digits in many hands,
pen shapes and strokes).
Targets: scikit-learn's handwritten digits (similar to the source) and the same digits with their 64
pixels shuffled by one fixed permutation (different: the same labels, but no strokes left to find).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import torch
from torch import nn

from core.backbone import WEIGHTS, Backbone, Classifier, load_backbone, meta, seeded_backbone, seeded_head, source_head
from core.data import Dataset, digit_pixels
from core.papers import badge, transfer_verdict
from core.parallel import each
from core.params import choice, multi, num
from core.progress import share
from core.train import Run, TrainConfig, train

LABELS = ("1", "2", "5", "10", "20", "50", "all")  # labeled training images per class
TARGETS = ("digits", "shuffled")
SIMILARITY = {"digits": "similar", "shuffled": "different"}
TEST_FRACTION = 0.3
BATCH = 64  # minibatches above this many labeled images, so a step costs the same at 50 or all labels


# Targets, splits and cached features ----------------------------------------------------------------

@lru_cache(maxsize=2)
def target_images(target: str) -> tuple[torch.Tensor, torch.Tensor]:
    """x: (1797, 1, 8, 8), y: (1797,). 'shuffled' moves every pixel by one fixed permutation: the same labels,
    but no strokes left for the pretrained filters to find (a different task)."""
    x, y = digit_pixels()
    if target == "shuffled":
        x = x[:, torch.randperm(64, generator=torch.Generator().manual_seed(0))]
    return x.reshape(-1, 1, 8, 8), y


def split(target: str, labels: str, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(train, test) indices: 30% of every class for test, then the first `labels` of the rest for training.

    Smaller label counts are subsets of larger ones for the same seed, so learning curves are nested."""
    _, y = target_images(target)
    g = torch.Generator().manual_seed(seed)
    train_idx, test_idx = [], []
    for c in range(int(y.max()) + 1):
        idx = (y == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]
        n_test = int(round(TEST_FRACTION * len(idx)))
        test_idx.append(idx[:n_test])
        train_idx.append(idx[n_test:] if labels == "all" else idx[n_test:n_test + int(labels)])
    return torch.cat(train_idx), torch.cat(test_idx)


@lru_cache(maxsize=4)
def frozen_features(weights, target: str) -> dict[str, torch.Tensor]:
    """The frozen pretrained backbone (from the file `weights`) on every target image, computed once:
    'top' (N, 256), 'early' (N, 128: block 2's maps, flattened) and 'block2' (N, 32, 2, 2: block 3's input)."""
    x, _ = target_images(target)
    backbone = load_backbone(weights)
    with torch.no_grad():  # not inference_mode: a model trains on these tensors
        maps = backbone.block2(backbone.block1(x))
        return {"top": backbone.block3(maps).flatten(1), "early": maps.flatten(1), "block2": maps}


def minibatch(n_train: int) -> int:
    """The batch size for n_train labeled images: BATCH above BATCH of them, else 0 (the full batch)."""
    return BATCH if n_train > BATCH else 0


# The five strategies (CS231n Lecture 7, "Transfer learning with CNNs"). Each gives, for a target and a seed,
# the model to train, its input for every target image (the images, or the frozen backbone's features) and
# the optimizer's parameter groups; a group without its own "lr" trains at the head's learning rate.
def from_scratch(weights, target, seed, lr_backbone):
    """No pretraining: a randomly initialized backbone (He init) under a new head, every layer at the head's lr."""
    backbone = seeded_backbone(seed)
    model = nn.Sequential(backbone, seeded_head(backbone.dim, 10, seed))
    return model, target_images(target)[0], [{"params": model.parameters()}]


def linear_probe(weights, target, seed, lr_backbone):
    """The backbone frozen: only a new linear head, on its top features (N, 256)."""
    x = frozen_features(weights, target)["top"]
    head = seeded_head(x.shape[1], 10, seed)
    return head, x, [{"params": head.parameters()}]


def linear_probe_early(weights, target, seed, lr_backbone):
    """The same on block 2's features (N, 128): an earlier, more generic layer, for a target unlike the source."""
    x = frozen_features(weights, target)["early"]
    head = seeded_head(x.shape[1], 10, seed)
    return head, x, [{"params": head.parameters()}]


def finetune_top(weights, target, seed, lr_backbone):
    """Blocks 1-2 frozen (their output computed once); block 3 retrained at lr_backbone under a new head."""
    backbone = load_backbone(weights)
    head = seeded_head(backbone.dim, 10, seed)
    model = nn.Sequential(backbone.block3, nn.Flatten(), head)
    groups = [{"params": backbone.block3.parameters(), "lr": lr_backbone}, {"params": head.parameters()}]
    return model, frozen_features(weights, target)["block2"], groups


def finetune_all(weights, target, seed, lr_backbone):
    """Every layer retrained: the pretrained backbone at the smaller lr_backbone, a new head at the head's lr."""
    backbone = load_backbone(weights)
    head = seeded_head(backbone.dim, 10, seed)
    groups = [{"params": backbone.parameters(), "lr": lr_backbone}, {"params": head.parameters()}]
    return nn.Sequential(backbone, head), target_images(target)[0], groups


STRATEGIES = {"scratch": from_scratch, "linear": linear_probe, "linear_early": linear_probe_early,
              "finetune_top": finetune_top, "finetune_all": finetune_all}


@dataclass(frozen=True)
class Recipe:
    """How every strategy trains: the knobs the twin runs share."""
    lr_head: float = 0.01
    lr_backbone: float = 0.001
    steps: int = 100
    seed: int = 0


def run_strategy(strategy: str, target: str, labels: str, r: Recipe, evals: int = 0) -> Run:
    """Train one strategy with Adam on the (target, labels, seed) split; 'val' in its history is the test set,
    evaluated `evals` times (and at step 0), or only after the last step (evals=0: where only the end is read,
    as the exported scripts do)."""
    _, y = target_images(target)
    train_idx, test_idx = split(target, labels, r.seed)
    model, x, groups = STRATEGIES[strategy](WEIGHTS, target, r.seed, r.lr_backbone)
    data = Dataset(x[train_idx], y[train_idx], x[test_idx], y[test_idx], 10)
    cfg = TrainConfig(optimizer="adam", lr=r.lr_head, steps=r.steps, seed=r.seed,
                      batch_size=minibatch(len(train_idx)), eval_every=max(r.steps // evals, 1) if evals else 0)
    return train(model, data, cfg, variant=strategy, params=groups)


def trained_parameters(model) -> int:
    """How many parameters a strategy trains: all of its model's (BatchNorm's gamma and beta included);
    the frozen part of a backbone is not in the model, it made the inputs."""
    return sum(p.numel() for p in model.parameters())


def final_accuracy(run: Run) -> float:
    """The test accuracy at the run's last evaluation."""
    h = run.history
    return float(h[(h.split == "val") & (h.step == h.step.max())].accuracy.iloc[0])


# 1. The backbone --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackboneConfig:
    examples: int = num(1, 1, 4, key="ex")  # source images shown per class
    seed: int = num(0, 0, 9999, key="seed")


def mosaic(images: torch.Tensor, labels: list, columns: int, gap: int = 1) -> pd.DataFrame:
    """(N, h, w) images tiled into one picture: tile, label, x, y, value (for one heatmap)."""
    n, h, w = images.shape
    tile = torch.arange(n).repeat_interleave(h * w)
    row = torch.arange(h).repeat_interleave(w).repeat(n)
    col = torch.arange(w).repeat(h * n)
    return pd.DataFrame({"tile": tile.numpy(), "label": [labels[i] for i in tile.tolist()],
                         "x": ((tile % columns) * (w + gap) + col).numpy(),
                         "y": ((tile // columns) * (h + gap) + row).numpy(), "value": images.reshape(-1).numpy()})


def backbone_info(cfg: BackboneConfig) -> dict[str, pd.DataFrame]:
    """'facts': what the backbone was trained on, how long, to what accuracy; 'filters': the 16 first-layer
    3x3 filters as a mosaic; 'samples': cfg.examples generated source images per class as a mosaic."""
    from core.pretrain import CLASSES, render

    info = meta()
    facts = pd.DataFrame([{"fact": k, "value": info[k]} for k in
                          ("train_images", "test_images", "epochs", "steps", "train_seconds", "data_seconds",
                           "source_accuracy", "parameters")]
                         + [{"fact": "classes", "value": len(info["classes"])},
                            {"fact": "file_kb", "value": round(WEIGHTS.stat().st_size / 1024, 1)}])
    w = load_backbone(WEIGHTS).block1.conv.weight.detach()[:, 0]  # (16, 3, 3)
    w = w / w.abs().amax(dim=(1, 2), keepdim=True)  # each filter on its own scale: the pattern is the point
    labels = torch.arange(len(CLASSES)).repeat_interleave(cfg.examples)
    images = render(labels, torch.Generator().manual_seed(cfg.seed))[:, 0]
    return {"facts": facts, "filters": mosaic(w, [f"filter {i + 1}" for i in range(len(w))], 8),
            "samples": mosaic(images, [CLASSES[i] for i in labels.tolist()], 18 if cfg.examples == 1 else 12)}


# 2. Targets --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetConfig:
    target: str = choice("digits", TARGETS, key="target")
    labels: str = choice("5", LABELS, key="labels")
    seed: int = num(0, 0, 9999, key="seed")


def target_info(cfg: TargetConfig) -> dict[str, pd.DataFrame]:
    """'samples': the labeled training images (at most 5 per class shown); 'sizes': split, images;
    'zero_shot': how well the source network's own digit classes read the target with no training."""
    x, y = target_images(cfg.target)
    train_idx, test_idx = split(cfg.target, cfg.labels, cfg.seed)
    shown = torch.cat([train_idx[y[train_idx] == c][:5] for c in range(10)])
    shown = shown[torch.argsort(y[shown] * 10 + torch.arange(len(shown)) % 10)]
    sizes = pd.DataFrame({"split": ["train", "test"], "images": [len(train_idx), len(test_idx)]})
    return {"samples": mosaic(x[shown, 0], [str(int(v)) for v in y[shown]], 10),
            "sizes": sizes,
            "zero_shot": pd.DataFrame([{"target": cfg.target, "zero_shot_accuracy": zero_shot(cfg.target)}])}


def zero_shot(target: str) -> float:
    """Accuracy of the source head's ten 'zero'..'nine' classes on the whole target, with no target labels."""
    from core.pretrain import CLASSES

    x, y = target_images(target)
    digits = [CLASSES.index(n)
              for n in ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")]
    with torch.inference_mode():
        logits = source_head()(frozen_features(WEIGHTS, target)["top"])[:, digits]
    return float((logits.argmax(1) == y).float().mean())


# 3. Strategies --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StrategyConfig:
    target: str = choice("digits", TARGETS, key="target")
    labels: str = choice("5", LABELS, key="labels")
    strategies: tuple = multi(tuple(STRATEGIES), tuple(STRATEGIES), key="strats")
    lr_head: float = num(0.01, 1e-4, 0.1, log=True, key="lrh")
    lr_backbone: float = num(0.001, 1e-5, 0.1, log=True, key="lrb")  # CS231n: fine-tune with a smaller lr
    steps: int = num(100, 20, 300, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def strategies(cfg: StrategyConfig) -> dict[str, pd.DataFrame]:
    """Twin runs on one split (same test set, same head init, same batch order).
    'history': step, variant, split, loss, accuracy ('val' = test); 'summary': strategy, test_accuracy,
    train_accuracy, trained_parameters, seconds."""
    r = Recipe(cfg.lr_head, cfg.lr_backbone, cfg.steps, cfg.seed)
    runs = each(strategy_run, [(s, cfg.target, cfg.labels, r) for s in cfg.strategies])
    return {"history": pd.concat([history for history, _ in runs], ignore_index=True),
            "summary": pd.DataFrame([row for _, row in runs])}


def strategy_run(strategy: str, target: str, labels: str, r: Recipe) -> tuple[pd.DataFrame, dict]:
    """One strategy of `strategies` (a piece: core.parallel): its history and its summary row."""
    run = run_strategy(strategy, target, labels, r, evals=5)
    h = run.history[run.history.step == run.history.step.max()].set_index("split").accuracy
    return run.history, {"strategy": run.variant, "test_accuracy": h["val"], "train_accuracy": h["train"],
                         "trained_parameters": trained_parameters(run.model), "seconds": run.seconds}


# 4. Learning curves -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CurveConfig:
    target: str = choice("digits", TARGETS, key="target")
    sizes: tuple = multi(("1", "5", "50"), LABELS, key="sizes")
    strategies: tuple = multi(tuple(STRATEGIES), tuple(STRATEGIES), key="strats")
    seeds: int = num(2, 1, 3, key="seeds")
    steps: int = num(60, 20, 60, step=10, key="steps")  # capped so 7 sizes x 3 seeds stay near 15 s
    lr_head: float = num(0.01, 1e-4, 0.1, log=True, key="lrh")
    lr_backbone: float = num(0.001, 1e-5, 0.1, log=True, key="lrb")

    def limit(self) -> dict:
        steps, seeds = affordable(len(self.sizes) * len(self.strategies), self.seeds, self.steps)
        return {"steps": steps, "seeds": seeds}


# Measured on a 2-core box over the learning curves at their largest size: one run costs about 70 ms
# (split, features, evaluation) plus 1.4 ms per training step. A grid of runs gets RUNS_BUDGET seconds:
# past it, steps are lowered (to 20 at least), then seeds.
RUN_SECONDS, STEP_SECONDS, RUNS_BUDGET = 0.07, 1.4e-3, 8.0


def affordable(runs_per_seed: int, seeds: int, steps: int) -> tuple[int, int]:
    """(steps, seeds), lowered where needed so that runs_per_seed x seeds runs fit RUNS_BUDGET."""
    cost = lambda s, n: runs_per_seed * n * (RUN_SECONDS + STEP_SECONDS * s)
    while seeds > 1 and cost(20, seeds) > RUNS_BUDGET:
        seeds -= 1
    while steps > 20 and cost(steps, seeds) > RUNS_BUDGET:
        steps -= 10
    return steps, seeds


def per_class(target: str, labels: str) -> float:
    """Mean labeled images per class that `labels` gives ('all' is about 126 for the digits)."""
    train_idx, _ = split(target, labels, 0)
    return len(train_idx) / 10


# What a run of each strategy costs, relative to the others (measured: 0.14, 0.14, 0.06, 0.015 and 0.014 s at
# 60 steps on 50 labels per class, 2-core box, 2026-12-01): the grids hand out their costliest runs first, so
# that two workers sharing them (core.parallel) end together instead of one waiting for the other's last run.
STRATEGY_COST = {"finetune_all": 10, "scratch": 10, "finetune_top": 4, "linear_early": 1, "linear": 1}


def grid_runs(cells: list[tuple[str, str, str, int]], r: Recipe) -> pd.DataFrame:
    """Every cell (target, labels, strategy, seed) once, as independent pieces (core.parallel), costliest first
    (STRATEGY_COST, then the most labels): target, labels, per_class, strategy, seed, test_accuracy."""
    order = sorted(range(len(cells)), key=lambda i: (-STRATEGY_COST[cells[i][2]], -per_class(*cells[i][:2])))
    done = each(strategy_accuracy, [(*cells[i], r) for i in order])
    accuracies = [acc for _, acc in sorted(zip(order, done))]
    return pd.DataFrame([{"target": target, "labels": labels, "per_class": per_class(target, labels), "strategy": s,
                          "seed": seed, "test_accuracy": acc}
                         for (target, labels, s, seed), acc in zip(cells, accuracies)])


def strategy_accuracy(target: str, labels: str, strategy: str, seed: int, r: Recipe) -> float:
    """A strategy's final test accuracy on the (target, labels, seed) split, r's rates and steps (a piece)."""
    return final_accuracy(run_strategy(strategy, target, labels, dataclasses.replace(r, seed=seed)))


def spread(accuracies):
    """One strategy's test accuracies over seeds: mean, std (the sample's, 0 for a single seed), lo, hi."""
    n, mean = len(accuracies), sum(accuracies) / len(accuracies)
    std = (sum((a - mean) ** 2 for a in accuracies) / (n - 1)) ** 0.5 if n > 1 else 0.0
    return {"mean": mean, "std": std, "lo": min(accuracies), "hi": max(accuracies)}


def curves(cfg: CurveConfig) -> dict[str, pd.DataFrame]:
    """'runs' (one row per run) and 'mean': strategy, labels, per_class, mean, std, lo, hi over seeds."""
    runs = grid_runs([(cfg.target, labels, s, seed) for labels in cfg.sizes for seed in range(cfg.seeds)
                      for s in cfg.strategies], Recipe(cfg.lr_head, cfg.lr_backbone, cfg.steps))
    by = ["strategy", "labels", "per_class"]
    mean = [{**dict(zip(by, key)), **spread(group.test_accuracy.tolist())}
            for key, group in runs.groupby(by, sort=False)]
    return {"runs": runs, "mean": pd.DataFrame(mean)}


# 5. The 2x2 table ---------------------------------------------------------------------------------

# CS231n (Lecture 7, "Transfer learning with CNNs"): what to do in each cell, mapped to our strategies.
ADVICE = {("similar", "little"): "linear", ("different", "little"): "linear_early",
          ("similar", "lots"): "finetune_top", ("different", "lots"): "finetune_all"}


@dataclass(frozen=True)
class TableConfig:
    little: str = choice("5", ("1", "2", "5", "10"), key="little")
    lots: str = choice("50", ("50", "all"), key="lots")
    seeds: int = num(1, 1, 3, key="seeds")
    steps: int = num(60, 20, 60, step=10, key="steps")

    def limit(self) -> dict:
        steps, seeds = affordable(len(TARGETS) * 2 * len(STRATEGIES), self.seeds, self.steps)
        return {"steps": steps, "seeds": seeds}


def verdict(accuracies, advice):
    """One cell of the 2x2 table from each strategy's test accuracies over seeds ({strategy: [accuracy]}):
    the best strategy by mean and its runner-up, the lecture's advice, and how far it falls behind the
    best; it agrees when that gap is within the best's std over seeds, or 0.5 points."""
    mean = {s: spread(a)["mean"] for s, a in accuracies.items()}
    best, runner_up = sorted(mean, key=lambda s: -mean[s])[:2]
    gap = mean[best] - mean[advice]
    return {"best": best, "best_accuracy": mean[best], "runner_up": runner_up, "margin": mean[best] - mean[runner_up],
            "advice": advice, "advice_accuracy": mean[advice], "gap": gap,
            "agrees": gap <= max(spread(accuracies[best])["std"], 0.005)}


def table(cfg: TableConfig) -> dict[str, pd.DataFrame]:
    """'cells': similarity, data, then verdict's columns; 'runs': every run."""
    r = Recipe(steps=cfg.steps)
    runs = grid_runs([(t, labels, s, seed) for t in TARGETS for labels in (cfg.little, cfg.lots)
                      for seed in range(cfg.seeds) for s in STRATEGIES], r)
    runs["similarity"] = runs.target.map(SIMILARITY)
    runs["data"] = runs.labels.map({cfg.little: "little", cfg.lots: "lots"})
    cells = []
    for (similarity, data), cell in runs.groupby(["similarity", "data"], sort=False):
        accuracies = {s: group.test_accuracy.tolist() for s, group in cell.groupby("strategy", sort=False)}
        cells.append({"similarity": similarity, "data": data, **verdict(accuracies, ADVICE[(similarity, data)])})
    return {"cells": pd.DataFrame(cells), "runs": runs}


# 6. What the features look like ----------------------------------------------------------------------
@dataclass(frozen=True)
class PcaConfig:
    target: str = choice("digits", TARGETS, key="target")
    layer: str = choice("top", ("top", "early"), key="layer")
    points: int = num(600, 100, 1797, step=50, key="points")
    seed: int = num(0, 0, 9999, key="seed")


def pca2(f: torch.Tensor) -> tuple[torch.Tensor, float]:
    """f: (N, D) -> (N, 2) projections on the top two principal axes, and their share of the variance."""
    f = f - f.mean(0)
    _, s, v = torch.linalg.svd(f, full_matrices=False)
    return f @ v[:2].T, float((s[:2] ** 2).sum() / (s ** 2).sum())


def centroid_accuracy(f: torch.Tensor, y: torch.Tensor) -> float:
    """Nearest-class-mean accuracy on standardized features: how well classes cluster, with no training."""
    f = (f - f.mean(0)) / (f.std(0) + 1e-6)
    means = torch.stack([f[y == c].mean(0) for c in range(int(y.max()) + 1)])
    return float((torch.cdist(f, means).argmin(1) == y).float().mean())


def project_features(weights, target, layer, points, seed):
    """`points` target images (a seeded pick) through the pretrained backbone and a random one
    (seeded_backbone): their features at `layer` ('top' (N, 256) or 'early' (N, 128)), projected on the
    top two principal axes. Returns the images' labels, each backbone's projection (points, 2) and rows:
    backbone, explained (the two axes' share of the variance), centroid_accuracy (in the full feature space)."""
    x, y = target_images(target)
    pick = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))[:points]
    projections, scores = {}, []
    for name, net in (("pretrained", load_backbone(weights)), ("random", seeded_backbone(seed).eval())):
        with torch.inference_mode():
            f = net(x[pick]) if layer == "top" else net.early(x[pick])
        projections[name], explained = pca2(f)
        scores.append({"backbone": name, "explained": explained, "centroid_accuracy": centroid_accuracy(f, y[pick])})
    return y[pick], projections, scores


def pca_settings(cfg: PcaConfig) -> dict:
    return {"target": cfg.target, "layer": cfg.layer, "points": cfg.points, "seed": cfg.seed}


def features_pca(cfg: PcaConfig) -> dict[str, pd.DataFrame]:
    """project_features of the shipped backbone: 'points' (backbone, pc1, pc2, class) and 'scores'."""
    labels, projections, scores = project_features(WEIGHTS, **pca_settings(cfg))
    points = [pd.DataFrame({"backbone": name, "pc1": z[:, 0].numpy(), "pc2": z[:, 1].numpy(),
                            "class": labels.numpy().astype(str)}) for name, z in projections.items()]
    return {"points": pd.concat(points, ignore_index=True), "scores": pd.DataFrame(scores)}


# 7. The frozen-BatchNorm pitfall -------------------------------------------------------------------

class FrozenClassifier(Classifier):
    """A classifier whose backbone's weights are frozen: requires_grad=False stops the weights, not BatchNorm,
    which in train mode still normalizes with the batch's statistics and overwrites its running mean and
    variance. keep_eval is the fix: the backbone stays in eval mode whatever model.train() is called with."""

    def __init__(self, backbone: Backbone, head: nn.Linear, keep_eval: bool):
        super().__init__(backbone, head.out_features)
        self.head, self.keep_eval = head, keep_eval
        backbone.requires_grad_(False)

    def train(self, mode: bool = True):
        super().train(mode)
        if self.keep_eval:
            self.backbone.eval()
        return self


BN_LR = 0.01  # Adam's step size for the new head in both variants


@dataclass(frozen=True)
class BnConfig:
    target: str = choice("digits", TARGETS, key="target")
    labels: str = choice("20", LABELS, key="labels")
    batch_size: int = num(16, 2, 64, step=2, key="batch")
    steps: int = num(100, 10, 300, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


@lru_cache(maxsize=1)
def source_sample() -> tuple[torch.Tensor, torch.Tensor]:
    """A small fresh source test set (5 images per class) to check what the backbone still knows."""
    from core.pretrain import source_set

    return source_set(5, seed=12345)


def bn_stats(net: Backbone) -> dict[str, torch.Tensor]:
    """Copies of every BatchNorm layer's running statistics, by name ('block1.bn.running_mean', ...)."""
    return {f"{name}.{s}": getattr(m, s).clone() for name, m in net.named_modules()
            if isinstance(m, nn.BatchNorm2d) for s in ("running_mean", "running_var")}


def snapshot(model: FrozenClassifier) -> dict:
    """What training a head might change: copies of the backbone's weights, of its BatchNorm running
    statistics and of the head's weight."""
    return {"weights": {n: p.detach().clone() for n, p in model.backbone.named_parameters()},
            "stats": bn_stats(model.backbone), "head": model.head.weight.detach().clone()}


def changes(model: FrozenClassifier, before: dict, x: torch.Tensor, features: torch.Tensor) -> dict:
    """How far training moved what `before` (a snapshot) holds: the largest change of a backbone weight and
    of a running statistic, the norm of the head's change, and the largest change of the backbone's
    features of x (N, 1, 8, 8) against `features`, the untouched backbone's (N, 256)."""
    net, stats = model.backbone, bn_stats(model.backbone)
    with torch.inference_mode():
        drift = (net(x) - features).abs().max().item()
    return {"weights_changed": max((p - before["weights"][n]).abs().max().item() for n, p in net.named_parameters()),
            "head_change": (model.head.weight.detach() - before["head"]).norm().item(),
            "stats_changed": max((stats[k] - before["stats"][k]).abs().max().item() for k in stats),
            "features_changed": drift}


def running_stat_rows(variant: str, before: dict, after: dict) -> list[dict]:
    """Rows variant, layer, stat, channel, before, after: every channel's running statistics (bn_stats)."""
    rows = []
    for key in before:
        layer, stat = key.rsplit(".", 1)
        rows += [{"variant": variant, "layer": layer.replace(".bn", ""), "stat": stat, "channel": c,
                  "before": float(b), "after": float(a)} for c, (b, a) in enumerate(zip(before[key], after[key]))]
    return rows


def bn_pitfall(cfg: BnConfig) -> dict[str, pd.DataFrame]:
    """Train a new head on a frozen backbone twice: left in train mode (pitfall) and kept in eval mode (fix).

    'summary': variant, the changes (weights_changed, head_change, stats_changed, features_changed),
    source_accuracy (backbone + its source head, on fresh source images), test_accuracy.
    'stats': variant, layer, stat, channel, before, after."""
    x, y = target_images(cfg.target)
    train_idx, test_idx = split(cfg.target, cfg.labels, cfg.seed)
    data = Dataset(x[train_idx], y[train_idx], x[test_idx], y[test_idx], 10)
    xs, ys = source_sample()
    summary, stats = [], []
    for variant, keep_eval in (("train_mode", False), ("eval_mode", True)):
        net = load_backbone(WEIGHTS)
        model = FrozenClassifier(net, seeded_head(net.dim, 10, cfg.seed), keep_eval)
        before = snapshot(model)
        tcfg = TrainConfig(optimizer="adam", lr=BN_LR, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
                           eval_every=0)
        with share(int(keep_eval), 2):
            run = train(model, data, tcfg, variant=variant)
        model.eval()
        with torch.inference_mode():
            source_accuracy = float((source_head()(net(xs)).argmax(1) == ys).float().mean())
        summary.append({"variant": variant, **changes(model, before, x, frozen_features(WEIGHTS, cfg.target)["top"]),
                        "source_accuracy": source_accuracy, "test_accuracy": final_accuracy(run)})
        stats += running_stat_rows(variant, before["stats"], bn_stats(net))
    return {"summary": pd.DataFrame(summary), "stats": pd.DataFrame(stats)}


# 8. With a real ImageNet model ---------------------------------------------------------------------
# ResNet-18's parameters by stage (He et al. 2016; torchvision's resnet18, 1000 ImageNet classes).
RESNET18 = {"conv1+bn1": 9_536, "layer1": 147_968, "layer2": 525_568, "layer3": 2_099_712, "layer4": 8_393_728}
TRAINS = {"linear": ("fc",), "finetune_top": ("layer4", "fc"),
          "finetune_all": ("conv1+bn1", "layer1", "layer2", "layer3", "layer4", "fc")}


@dataclass(frozen=True)
class RecipeConfig:
    strategy: str = choice("linear", tuple(TRAINS), key="strategy")
    classes: int = num(10, 2, 1000, key="classes")
    lr_head: float = num(0.01, 1e-4, 0.1, log=True, key="lrh")
    lr_backbone: float = num(0.001, 1e-5, 0.1, log=True, key="lrb")


def recipe(cfg: RecipeConfig) -> pd.DataFrame:
    """ResNet-18 stage by stage: stage, parameters, trained (under cfg.strategy), lr."""
    sizes = {**RESNET18, "fc": 512 * cfg.classes + cfg.classes}  # the new head: 512 features -> classes
    rows = []
    for stage, n in sizes.items():
        trained = stage in TRAINS[cfg.strategy]
        lr = cfg.lr_head if stage == "fc" else (cfg.lr_backbone if trained else 0.0)
        rows.append({"stage": stage, "parameters": n, "trained": trained, "lr": lr})
    out = pd.DataFrame(rows)
    return out.assign(share=out.parameters / out.parameters.sum())


# 9. Paper card: transfer with few labels --------------------------------------------------------------
# Yosinski, Clune, Bengio & Lipson 2014, "How transferable are features in deep neural networks?", NeurIPS
# (features transfer well between similar tasks), and CS231n Lecture 7's table ("very little data, similar
# dataset: use a linear classifier on the top layer"): with one labeled image per class, a linear probe on
# the pretrained backbone beats training the same network from scratch. The verdict is core.papers'.
@dataclass(frozen=True)
class FewLabelsConfig:
    labels: str = choice("1", ("1", "2", "5"), key="labels")  # the claim is about 1 per class
    steps: int = num(100, 20, 150, step=10, key="steps")  # the strategies part's 100; 150 at most: 20 runs a card
    seed: int = num(0, 0, 9999, key="seed")  # the first of the seeds (splits, head init, batch order)
    seeds: int = 10  # the criterion's seeds: seed, seed + 1, ..., seed + 9


def few_labels(cfg: FewLabelsConfig) -> dict[str, pd.DataFrame]:
    """The linear probe and training from scratch, twin runs on the split of each of cfg.seeds seeds.
    'table': seed, variant, test_accuracy; 'curve': the same for the chart (seed, accuracy, run); 'badge'."""
    jobs = [(seed, s) for seed in range(cfg.seed, cfg.seed + cfg.seeds) for s in ("linear", "scratch")]
    accuracies = each(strategy_accuracy, [("digits", cfg.labels, s, seed, Recipe(steps=cfg.steps)) for seed, s in jobs])
    rows = [{"seed": seed, "variant": s, "test_accuracy": acc} for (seed, s), acc in zip(jobs, accuracies)]
    table = pd.DataFrame(rows)
    curve = table.rename(columns={"test_accuracy": "accuracy", "variant": "run"})
    return {"table": table, "curve": curve, "badge": badge("yosinski2014", transfer_verdict(rows))}


EXPERIMENTS = {
    "backbone": (backbone_info, BackboneConfig()),
    "targets": (target_info, TargetConfig()),
    "strategies": (strategies, StrategyConfig()),
    "curves": (curves, CurveConfig()),
    "table": (table, TableConfig()),
    "pca": (features_pca, PcaConfig()),
    "bn": (bn_pitfall, BnConfig()),
    "imagenet": (recipe, RecipeConfig()),
    # the paper card (core/cards.py), listed here rather than by core.cards.cards_of: core.cards imports this module
    "yosinski2014": (few_labels, FewLabelsConfig()),
}
