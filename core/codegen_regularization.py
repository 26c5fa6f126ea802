"""Copy as PyTorch code for the Regularization page (core/regularization.py).

Each generator bakes a part's configuration into a short standalone script: the same seeded data,
initial weights, noise masks and full-batch updates as the app, printing one of the app's tables as CSV
(tests/test_codegen.py holds the scripts to the app's numbers). The parts share a few pieces here: the
spiral or digits data, He initialization and the training loop of core.train (evaluations every few
steps, the best validation step, the divergence stop). The noise layers (dropout, DropConnect,
fractional pooling, stochastic depth, augmentation) are copied from core.regularization's own source,
as core.codegen copies the data generators.
"""

from __future__ import annotations

import inspect
import textwrap
from functools import lru_cache

from core import data as data_module
from core.train import BLOWUP_FACTOR, DIVERGE_FACTOR, PATIENCE

HEADER = '''\
"""{title}

Standalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch{extra}).
{about}

{prints}
"""
import math

import torch
import torch.nn.functional as F
from torch import nn
{imports}
torch.set_num_threads(1)
'''

TOY_DATA = '''

{spiral}


def make_data():
    """The noisy spiral, shuffled and split by one seed: {n_train} training points, the rest validation."""
    g = torch.Generator().manual_seed({seed})
    x, y = spiral({n}, {noise!r}, g)
    order = torch.randperm(len(x), generator=g)
    x, y = x[order].float(), y[order]
    n_val = max(1, int(round({val} / {n} * len(x))))  # {val} points (each arm keeps n // 3 of them)
    return x[n_val:], y[n_val:], x[:n_val], y[:n_val]
'''

DIGIT_DATA = '''

def make_data():
    """scikit-learn's 8x8 digits as 64-vectors in [0, 1]: {n_train} training and 500 validation images."""
    bunch = load_digits()
    x = torch.tensor(bunch.data, dtype=torch.float32) / 16.0
    y = torch.tensor(bunch.target, dtype=torch.long)
    pick = torch.randperm(len(x), generator=torch.Generator().manual_seed({seed}))
    train, val = pick[:{n_train}], pick[{n_train}:{n_end}]
    return x[train], y[train], x[val], y[val]
'''

HE_INIT = '''

def he_init(model, seed):
    """He (Kaiming) normal weights for every Linear/Conv, in order, from one seeded stream; zero biases."""
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=g)
            nn.init.zeros_(m.bias)
    return model
'''

# The loop of core.train for a full batch (one step = one epoch); {penalty} and {after_step} are
# extra lines of the penalty part, indented to the loop's body.
FIT = '''

def scores(model, data):
    """Loss and accuracy on the training and validation sets, in eval mode (no noise)."""
    x_train, y_train, x_val, y_val = data
    model.eval()
    row = {{}}
    with torch.inference_mode():
        for split, x, y in (("train", x_train, y_train), ("val", x_val, y_val)):
            logits = model(x)
            row[split + "_loss"] = F.cross_entropy(logits, y).item()
            row[split + "_accuracy"] = (logits.argmax(1) == y).float().mean().item()
    model.train()
    return row


def fit(model, optimizer, data, steps, eval_every{params}):
    """Full-batch training, evaluated every eval_every steps like the app. Returns the last evaluation,
    with the step of lowest validation loss (where early stopping would have stopped)."""
    x_train, y_train = data[:2]
    first, above, best, last = None, 0, None, None
    model.train()
    for step in range(steps + 1):
        if step % eval_every == 0 or step == steps:
            last = scores(model, data)
            if best is None or last["val_loss"] < best[1]:
                best = step, last["val_loss"]
        if step == steps:
            break
        loss = F.cross_entropy(model(x_train), y_train){penalty}
        value = loss.item()
        first = value if first is None else first
        above = above + 1 if value > {factor} * max(first, 1e-3) else 0
        if not math.isfinite(value) or value > {blowup} * max(first, 1e-3) or above >= {patience}:
            return dict(last, best_step=best[0], best_val_loss=best[1], diverged_at=step)  # blew up: stop
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step(){after_step}
    return dict(last, best_step=best[0], best_val_loss=best[1], diverged_at="")
'''

SUMMARY_MAIN = '''

if __name__ == "__main__":
    data = make_data()
    columns = ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "best_step", "best_val_loss"{more}]
    print("# summary by variant")
    print(",".join(["variant"] + columns + ["diverged_at"]))
    for variant in VARIANTS:
        model = {build}
        optimizer = {optimizer}
        row = fit(model, optimizer, data, {steps}, {eval_every}{args}){measure}
        print(",".join([variant] + [f"{{row[c]:.7g}}" for c in columns] + [str(row["diverged_at"])]))
'''

MOMENTUM = "torch.optim.SGD(model.parameters(), lr={lr!r}, momentum=0.9, foreach=True)"
ADAM = "torch.optim.Adam(model.parameters(), lr={lr!r}, foreach=True)"


@lru_cache(maxsize=1)
def _spiral_source() -> str:
    return inspect.getsource(data_module.spiral).strip()


@lru_cache(maxsize=None)
def _core(*names: str) -> str:
    """The source of core.regularization's own layers, so a script runs the very code of the app.
    (Imported here, not on top: core.regularization imports this module.)"""
    from core import regularization

    return "".join(f"\n\n{inspect.getsource(getattr(regularization, name)).strip()}\n" for name in names)


def _head(title: str, about: str, prints: str, digits: bool) -> str:
    prints = textwrap.fill("Same seeds, data, initial weights, noise masks and updates as the app, so it prints "
                           f"the app's numbers: {prints}.", 100)
    return HEADER.format(title=title, about=textwrap.fill(about, 100), prints=prints,
                         extra=" scikit-learn" if digits else "",
                         imports="from sklearn.datasets import load_digits\n" if digits else "")


def _toy(n_train: int, noise: float, seed: int, val: int = 600) -> str:
    """core.regularization.toy_data: n_train + val spiral points, val of them for validation."""
    return TOY_DATA.format(spiral=_spiral_source(), n_train=n_train, n=n_train + val, noise=noise, seed=seed,
                           val=val)


def _digits(n_train: int, seed: int, n_val: int = 500) -> str:
    """core.regularization.digit_data."""
    return DIGIT_DATA.format(n_train=n_train, n_end=n_train + n_val, seed=seed)


def _fit(params: str = "", penalty: str = "", after_step: str = "") -> str:
    return FIT.format(params=params, penalty=penalty, after_step=after_step, factor=DIVERGE_FACTOR,
                      blowup=BLOWUP_FACTOR, patience=PATIENCE)


def _evals(steps: int, evals: int) -> int:
    """core.regularization._train_cfg's evaluation interval."""
    return max(steps // evals, 1)


def _twin_script(head: str, data: str, pieces: str, variants: str, build: str, optimizer: str, steps: int,
                 eval_every: int, fit: str | None = None, **main) -> str:
    """A twin-run script: every variant trains from the same data and initial weights; one summary row each.
    `fit` replaces the plain loop, `main` fills the optional slots of SUMMARY_MAIN (more, args, measure)."""
    main = SUMMARY_MAIN.format(build=build, optimizer=optimizer, steps=steps, eval_every=eval_every,
                               **{"more": "", "args": "", "measure": "", **main})
    return head + data + HE_INIT + pieces + (fit or _fit()) + f"\n\n{variants}\n" + main


# Overfitting, L2 and L1 ---------------------------------------------------------------------------
PENALTY_LINES = '''
        if l2 > 0:  # L2 adds lambda * sum(W^2) of the weight matrices (not the biases) to the loss
            loss = loss + l2 * sum((w ** 2).sum() for w in weight_matrices(model))'''
PROXIMAL_LINES = '''
        if l1 > 0:  # L1 as a proximal step: shrink every weight by lr * lambda, exactly 0 if it crosses 0
            with torch.no_grad():
                for w in weight_matrices(model):
                    w.copy_(torch.sign(w) * (w.abs() - {lr!r} * l1).clamp(min=0))'''
MLP = '''

def mlp(seed):
    """2 -> {width} -> {width} -> 3 with ReLU, He-initialized from the seed."""
    return he_init(nn.Sequential(nn.Linear(2, {width}), nn.ReLU(), nn.Linear({width}, {width}), nn.ReLU(),
                                 nn.Linear({width}, 3)), seed)
'''
WEIGHTS = '''

def weight_matrices(model):
    return [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
'''
EXACT_ZERO = '''
        w = torch.cat([w.detach().flatten() for w in weight_matrices(model)])
        row["exact_zero"] = (w == 0).float().mean().item()'''


def overfit_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: overfitting a small training set",
                 f"A two-hidden-layer MLP ({cfg.width} units) fits {cfg.n_train} noisy spiral points full-batch; "
                 "the validation loss bottoms out early and then rises (early stopping would stop there).",
                 "the final train/validation loss and accuracy and the best validation step", False)
    return _twin_script(head, _toy(cfg.n_train, cfg.noise, cfg.seed), MLP.format(width=cfg.width),
                        'VARIANTS = ["none"]', f"mlp({cfg.seed})", MOMENTUM.format(lr=0.1), cfg.steps,
                        _evals(cfg.steps, 40))


def penalty_script(cfg) -> str:
    lr = 0.1  # core.regularization._train_cfg
    head = _head("CS231n Lab, Regularization: L2 and L1 penalties",
                 f"Three twin runs of one MLP on {cfg.n_train} noisy spiral points (same data, initial weights "
                 f"and updates): no penalty, L2 with lambda = {cfg.l2!r} added to the loss, and L1 with lambda = "
                 f"{cfg.l1!r} as a proximal soft-threshold after each SGD step, which sets weights to exactly 0.",
                 "each run's final losses, accuracies and share of exactly-zero weights", False)
    variants = ("# variant: (L2 strength, L1 strength)\n"
                f'VARIANTS = {{"none": (0.0, 0.0), "L2": ({cfg.l2!r}, 0.0), "L1": (0.0, {cfg.l1!r})}}')
    fit = _fit(", l2=0.0, l1=0.0", PENALTY_LINES, PROXIMAL_LINES.format(lr=lr))
    return _twin_script(head, _toy(cfg.n_train, cfg.noise, cfg.seed), MLP.format(width=cfg.width) + WEIGHTS,
                        variants, f"mlp({cfg.seed})", MOMENTUM.format(lr=lr), cfg.steps, _evals(cfg.steps, 40), fit,
                        more=', "exact_zero"', args=", *VARIANTS[variant]", measure=EXACT_ZERO)


# Dropout at inference ------------------------------------------------------------------------------
TRAIN = '''

def train(model, x, y, steps):
    """Full-batch SGD with momentum; stops where the app would if the loss blew up."""
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, foreach=True)
    first, above = None, 0
    model.train()
    for step in range(steps):
        loss = F.cross_entropy(model(x), y)
        value = loss.item()
        first = value if first is None else first
        above = above + 1 if value > {DIVERGE_FACTOR} * max(first, 1e-3) else 0
        if not math.isfinite(value) or value > {BLOWUP_FACTOR} * max(first, 1e-3) or above >= {PATIENCE}:
            return
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
'''.format(DIVERGE_FACTOR=DIVERGE_FACTOR, BLOWUP_FACTOR=BLOWUP_FACTOR, PATIENCE=PATIENCE)

INFERENCE_MAIN = '''

if __name__ == "__main__":
    x_train, y_train, x_val, y_val = make_data()
    generator = torch.Generator().manual_seed({seed} + 1)  # the dropout masks
    linear, dropout, head = nn.Linear(2, {width}), SeededDropout({p!r}, generator), nn.Linear({width}, 3)
    model = he_init(nn.Sequential(linear, nn.ReLU(), dropout, head), {seed})
    train(model, x_train, y_train, {steps})

    model.eval()  # at test dropout is off: the hidden layer gives its expected value in one pass
    x = x_val[{point}:{point_end}]
    with torch.inference_mode():
        hidden_eval = torch.relu(linear(x))
        logits_eval = model(x)
    cls = int(logits_eval.argmax())  # the predicted class

    print("# compare by scaling,quantity")
    print("scaling,quantity,train_mode_mean,train_mode_std,eval_value,ratio")
    # {passes} train-mode passes of the same input: the average of the masks' outputs should equal the
    # eval output (inverted scaling), and is (1 - p) times it when the scaling is forgotten.
    unscaled = UnscaledDropout({p!r}, torch.Generator().manual_seed({seed} + 7))
    for scaling, layer in (("inverted", dropout), ("forgot to scale", unscaled)):
        layer.train()
        with torch.inference_mode():
            h = layer(hidden_eval.repeat({passes}, 1))
            logits = head(h)
        for quantity, values, value in (("hidden mean", h.mean(1), hidden_eval.mean().item()),
                                        ("logit", logits[:, cls], logits_eval[0, cls].item())):
            mean, std = values.mean().item(), values.std().item()
            ratio = mean / value if value else math.nan
            print(f"{{scaling}},{{quantity}},{{mean:.7g}},{{std:.7g}},{{value:.7g}},{{ratio:.7g}}")
'''


def inference_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: dropout at inference",
                 f"An MLP with one hidden layer and dropout p = {cfg.p!r} is trained on the spiral; then one "
                 f"validation point goes through it {cfg.passes} times in train mode. With inverted dropout the "
                 "mean of those noisy passes matches the single eval-mode pass; forgetting the 1/(1 - p) scale "
                 "leaves it a factor 1 - p too small.",
                 "train-mode mean and spread against the eval value, with and without the scaling", False)
    main = INFERENCE_MAIN.format(seed=cfg.seed, width=cfg.width, p=cfg.p, steps=cfg.steps, point=cfg.point,
                                 point_end=cfg.point + 1, passes=cfg.passes)
    layers = _core("SeededDropout", "UnscaledDropout")
    return head + _toy(cfg.n_train, 0.4, cfg.seed) + HE_INIT + layers + TRAIN + main


# DropConnect ---------------------------------------------------------------------------------------
def dropconnect_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: DropConnect",
                 f"Three twin runs of one MLP on {cfg.n_train} noisy spiral points: no noise, dropout "
                 f"p = {cfg.p!r} on the hidden units, and DropConnect with the same p on the weights.",
                 "each run's final losses and accuracies and its best validation step", False)
    return _twin_script(head, _toy(cfg.n_train, cfg.noise, cfg.seed),
                        _core("SeededDropout", "DropConnectLinear", "NoisyMLP"),
                        'VARIANTS = ["none", "dropout", "dropconnect"]',
                        f"he_init(NoisyMLP(variant, {cfg.p!r}, 2, {cfg.width}, 3, {cfg.seed}), {cfg.seed})",
                        MOMENTUM.format(lr=0.1), cfg.steps, _evals(cfg.steps, 40))


# Fractional max pooling ----------------------------------------------------------------------------
FMP_RATIO = "\n\nFMP_RATIO = 1 / math.sqrt(2)  # Graham 2014: shrink by sqrt(2) per layer instead of 2\n"
SMALL_CNN = '''

class SmallCNN(nn.Module):
    """(N, 64) digits -> (N, 1, 8, 8) -> conv3x3, ReLU, pool -> conv3x3, ReLU -> global mean -> 10 logits."""

    def __init__(self, pool):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = pool
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x.view(-1, 1, 8, 8))))
        x = torch.relu(self.conv2(x))
        return self.head(x.mean(dim=(2, 3)))
'''


def fractional_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: fractional max pooling",
                 f"Twin runs of a small CNN on {cfg.n_train} digits: plain 2x2 max pooling against fractional "
                 "max pooling, whose random pooling regions change at every training step.",
                 "each run's final losses and accuracies and its best validation step", True)
    variants = ('VARIANTS = {"2x2 max": lambda: nn.MaxPool2d(2),  # variant: a new pooling layer\n'
                '            "fractional": lambda: SeededFractionalPool(FMP_RATIO, '
                f'torch.Generator().manual_seed({cfg.seed} + 3))}}')
    pieces = FMP_RATIO + _core("SeededFractionalPool") + SMALL_CNN
    return _twin_script(head, _digits(cfg.n_train, cfg.seed), pieces, variants,
                        f"he_init(SmallCNN(VARIANTS[variant]()), {cfg.seed})", ADAM.format(lr=0.01), cfg.steps,
                        _evals(cfg.steps, 20))


# Stochastic depth ----------------------------------------------------------------------------------
def depth_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: stochastic depth",
                 f"Twin runs of a residual MLP with {cfg.blocks} blocks on {cfg.n_train} digits: every block "
                 f"always on, and stochastic depth with survival decaying linearly to p_L = {cfg.p_last!r}.",
                 "each run's final losses and accuracies and its best validation step", True)
    variants = f'VARIANTS = {{"none": 1.0, "stochastic depth": {cfg.p_last!r}}}  # variant: p_L'
    build = f"he_init(ResidualMLP(64, {cfg.width}, {cfg.blocks}, 10, VARIANTS[variant], {cfg.seed}), {cfg.seed})"
    return _twin_script(head, _digits(cfg.n_train, cfg.seed), _core("survival", "StochasticBlock", "ResidualMLP"),
                        variants, build, ADAM.format(lr=0.003), cfg.steps, _evals(cfg.steps, 30))


# Data augmentation ---------------------------------------------------------------------------------
AUGMENT_MLP = '''

def mlp(augment):
    """(N, 64) -> image -> warp (training only) -> flat -> 128 ReLU units -> 10 logits."""
    return nn.Sequential(nn.Unflatten(1, (1, 8, 8)), augment, nn.Flatten(),
                         nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
'''


def augment_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: data augmentation",
                 f"Twin runs of one MLP on {cfg.n_train} digits, without and with random shifts, rotations and "
                 "scalings of the training images (same initial weights).",
                 "each run's final losses and accuracies and its best validation step", True)
    warp = f"{cfg.shift!r}, {cfg.rotate!r}, {cfg.scale!r}, torch.Generator().manual_seed({cfg.seed} + 6)"
    variants = f'VARIANTS = {{"plain": nn.Identity, "augmented": lambda: Augment({warp})}}'
    return _twin_script(head, _digits(cfg.n_train, cfg.seed), _core("Augment") + AUGMENT_MLP, variants,
                        f"he_init(mlp(VARIANTS[variant]()), {cfg.seed})", ADAM.format(lr=0.01), cfg.steps,
                        _evals(cfg.steps, 20))


# Ensembles -----------------------------------------------------------------------------------------
ENSEMBLE_MAIN = '''

def scores(p, y):
    """Accuracy and cross-entropy of class probabilities p: (N, 3)."""
    return (p.argmax(1) == y).float().mean().item(), F.nll_loss(p.clamp_min(1e-12).log(), y).item()


if __name__ == "__main__":
    x_train, y_train, x_val, y_val = make_data()
    print("# growing by k")
    print("k,val_accuracy,val_loss,model_val_accuracy,model_val_loss")
    probs = []
    for k in range({models}):
        model = mlp({seed} + 1000 * k)  # same data and updates, only the initial weights differ
        train(model, x_train, y_train, {steps})
        model.eval()
        with torch.inference_mode():
            probs.append(model(x_val).softmax(1))
        # the ensemble of the first k + 1 models averages their predicted probabilities
        (acc, loss), (single_acc, single_loss) = scores(torch.stack(probs).mean(0), y_val), scores(probs[-1], y_val)
        print(f"{{k + 1}},{{acc:.7g}},{{loss:.7g}},{{single_acc:.7g}},{{single_loss:.7g}}")
'''


def ensemble_script(cfg) -> str:
    head = _head("CS231n Lab, Regularization: model ensembles",
                 f"{cfg.models} MLPs trained on the same {cfg.n_train} noisy spiral points, each from its own "
                 "initial weights; averaging their predicted probabilities beats the typical single model.",
                 "the ensemble's validation accuracy and loss as models join, beside each newcomer's own", False)
    return head + _toy(cfg.n_train, cfg.noise, cfg.seed) + HE_INIT + MLP.format(width=cfg.width) + TRAIN + \
        ENSEMBLE_MAIN.format(models=cfg.models, seed=cfg.seed, steps=cfg.steps)
