"""Lectures 6-7, regularization: each claim of the slides as an experiment `config -> frames`.

The claims: regularization trades training fit for validation accuracy; dropout's output is random, so
at test its expectation is used instead (inverted dropout does the scaling while training); DropConnect,
fractional max pooling and stochastic depth are the same idea (noise in training, averaged out at
test); data augmentation and ensembles help too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from core import codegen_regularization as codegen
from core.codegen import mlp_export
from core.data import DataConfig, Dataset, _digits, make_dataset
from core.models import ModelConfig, SmallCNN, build_mlp, initialize
from core.nn import SeededDropout
from core.params import choice, num
from core.progress import report
from core.train import TrainConfig, histories, summary, train, twin_runs

VAL_POINTS = 600  # a fixed validation set, so only the training-set size moves


def toy_config(n_train: int, noise: float, seed: int) -> DataConfig:
    """The noisy spiral with n_train training points and VAL_POINTS validation points."""
    n = n_train + VAL_POINTS
    return DataConfig(name="spiral", n=n, noise=noise, val_fraction=VAL_POINTS / n, seed=seed)


def toy_data(n_train: int, noise: float, seed: int) -> Dataset:
    return make_dataset(toy_config(n_train, noise, seed))


def digit_data(n_train: int, seed: int, n_val: int = 500) -> Dataset:
    """A seeded split of scikit-learn's digits: n_train training images, n_val validation images (64-vectors)."""
    x, y = _digits()
    pick = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    train_idx, val_idx = pick[:n_train], pick[n_train:n_train + n_val]
    return Dataset(x[train_idx], y[train_idx], x[val_idx], y[val_idx], 10)


def weight_matrices(model: nn.Module) -> list[torch.Tensor]:
    """Every weight matrix (not the biases): what L2 and L1 act on."""
    return [m.weight for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]


def l2_penalty(strength: float):
    """R(W) = λ Σ w² (CS231n's L2; the slides write λ R(W) added to the data loss)."""
    return lambda model: strength * sum((w ** 2).sum() for w in weight_matrices(model))


def soft_threshold_(threshold: float):
    """L1's proximal step after each update: w <- sign(w) max(|w| - τ, 0), τ = lr·λ.

    Plain (sub)gradient descent on λ|w| only makes weights hover around zero; this step sets them to
    exactly zero, which is what the L1 penalty's minimum looks like."""
    def step(model):
        with torch.no_grad():
            for w in weight_matrices(model):
                w.copy_(torch.sign(w) * (w.abs() - threshold).clamp(min=0))
    return step


def gap_row(run) -> dict:
    """Final train/val losses and accuracies, the gap, and the step of best validation loss."""
    h = run.history
    val = h[h.split == "val"]
    best = val.loc[val.loss.idxmin()]
    row = summary([run]).iloc[0].to_dict()
    row.update(loss_gap=row["val_loss"] - row["train_loss"],
               accuracy_gap=row["train_accuracy"] - row["val_accuracy"],
               best_step=int(best.step), best_val_loss=float(best.loss),
               best_val_accuracy=float(val.loc[val.loss.idxmin()].accuracy))
    return row


# 1. Overfitting on purpose --------------------------------------------------------------------------
@dataclass(frozen=True)
class OverfitConfig:
    n_train: int = num(60, 20, 2000, step=10, key="n")  # 60 noisy points for ~17k weights: overfits
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    width: int = num(128, 8, 128, step=8, key="width")
    steps: int = num(300, 50, 500, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def _train_cfg(steps: int, seed: int, optimizer: str = "momentum", lr: float = 0.1, evals: int = 40) -> TrainConfig:
    """Full batch, SGD with momentum 0.9 on the toy set (so L2 in the loss is classic weight decay and
    L1's proximal step is exact); about `evals` evaluations per run."""
    return TrainConfig(optimizer=optimizer, lr=lr, steps=steps, seed=seed, eval_every=max(steps // evals, 1))


def overfit(cfg: OverfitConfig) -> dict[str, pd.DataFrame]:
    """A 2-hidden-layer MLP trained full-batch (one step = one epoch) on few noisy spiral points.

    'history': step, variant, split, loss, accuracy; 'summary': one gap_row."""
    data = toy_data(cfg.n_train, cfg.noise, cfg.seed)
    model = build_mlp(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed), 2, 3)
    run = train(model, data, _train_cfg(cfg.steps, cfg.seed), variant="none")
    return {"history": run.history, "summary": pd.DataFrame([gap_row(run)])}


# 2. L2 and L1 --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PenaltyConfig:
    l2: float = num(0.001, 1e-5, 0.1, log=True, key="l2")
    l1: float = num(0.01, 1e-5, 0.1, log=True, key="l1")
    n_train: int = num(60, 20, 1000, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 128
    zero_below: float = 1e-3  # "near zero" for the histogram's count (exact zeros are counted separately)


def penalties(cfg: PenaltyConfig) -> dict[str, pd.DataFrame]:
    """Twin runs: no penalty, L2 (added to the loss), L1 (proximal soft-threshold).

    'history'; 'summary' (gap_row per variant); 'weights': variant, layer, weight (every final weight);
    'zeros': variant, exact_zero, near_zero fractions; 'start': variant, data_loss, penalty, total at step 0."""
    data = toy_data(cfg.n_train, cfg.noise, cfg.seed)
    build = lambda v: build_mlp(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed), 2, 3)
    tcfg = _train_cfg(cfg.steps, cfg.seed)
    plan = {"none": {}, "L2": {"penalty": l2_penalty(cfg.l2)}, "L1": {"after_step": soft_threshold_(tcfg.lr * cfg.l1)}}
    runs, start = [], []
    for i, (variant, kw) in enumerate(plan.items()):
        model = build(variant)
        with torch.no_grad():
            data_loss = F.cross_entropy(model(data.x_train), data.y_train).item()
            pen = kw["penalty"](model).item() if "penalty" in kw else 0.0
        start.append({"variant": variant, "data_loss": data_loss, "penalty": pen, "total": data_loss + pen})
        runs.append(train(model, data, tcfg, variant=variant, progress_span=(i / 3, (i + 1) / 3), **kw))
    flats = {r.variant: torch.cat([w.detach().flatten() for w in weight_matrices(r.model)]) for r in runs}
    zeros = pd.DataFrame([{"variant": v, "weights": len(w), "exact_zero": (w == 0).float().mean().item(),
                           "near_zero": (w.abs() < cfg.zero_below).float().mean().item()} for v, w in flats.items()])
    # the summary carries the exact zeros too, so one table tells fit and sparsity (the exported script prints it)
    gaps = pd.DataFrame([gap_row(r) for r in runs]).merge(zeros[["variant", "exact_zero"]], on="variant")
    return {"history": histories(runs), "summary": gaps,
            "weights": weight_histogram(flats), "zeros": zeros, "start": pd.DataFrame(start)}


def weight_histogram(flats: dict[str, torch.Tensor], bins: int = 41) -> pd.DataFrame:
    """variant, weight (bin center), share (fraction of that variant's weights): one shared, symmetric
    set of bins with a bin centered on 0, so L1's exact zeros land in one bar."""
    edge = max(w.abs().max().item() for w in flats.values()) or 1.0
    width = 2 * edge / bins
    rows = []
    for variant, w in flats.items():
        idx = ((w + edge) / width).floor().clamp(0, bins - 1).long()
        share = torch.bincount(idx, minlength=bins).float() / len(w)
        rows.append(pd.DataFrame({"variant": variant, "weight": -edge + width * (torch.arange(bins) + 0.5),
                                  "share": share}))
    return pd.concat(rows, ignore_index=True)


# 3. Dropout in training ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DropoutConfig:
    p: float = num(0.5, 0.05, 0.9, step=0.05, key="p")  # PyTorch's p: the probability to DROP a unit
    n_train: int = num(60, 20, 1000, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 128


def dropout_spec(cfg: DropoutConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What the dropout run trains: data, the MLP without and with dropout, training settings."""
    models = {v: ModelConfig(width=cfg.width, depth=2, dropout=p, seed=cfg.seed)
              for v, p in (("none", 0.0), ("dropout", cfg.p))}
    return toy_config(cfg.n_train, cfg.noise, cfg.seed), models, _train_cfg(cfg.steps, cfg.seed)


def dropout_training(cfg: DropoutConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of the same MLP without and with dropout p after each hidden layer: 'history', 'summary'."""
    data_cfg, models, tcfg = dropout_spec(cfg)
    runs = twin_runs(lambda v: build_mlp(models[v], 2, 3), list(models), make_dataset(data_cfg), tcfg)
    return {"history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs])}


# 4. Dropout at inference ---------------------------------------------------------------------------
class UnscaledDropout(SeededDropout):
    """The bug: zero units with probability p but forget the 1/(1-p). E[output] = (1-p) x."""

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        return x * (torch.rand(x.shape, generator=self.generator) >= self.p)


@dataclass(frozen=True)
class InferenceConfig:
    p: float = num(0.5, 0.05, 0.9, step=0.05, key="p")
    passes: int = num(500, 10, 5000, step=10, key="passes")  # train-mode passes of the one input
    point: int = num(0, 0, 99, key="point")  # which validation point is sent through
    seed: int = num(0, 0, 9999, key="seed")
    n_train: int = 300
    steps: int = 200
    width: int = 128


def mc_passes(model: nn.Module, x: torch.Tensor, passes: int) -> torch.Tensor:
    """x: (N, D) -> (passes, N, K) logits with the dropout layers in train mode (Monte Carlo dropout)."""
    model.train()
    with torch.inference_mode():
        out = model(x.repeat(passes, 1)).view(passes, len(x), -1)
    model.eval()
    return out


def dropout_inference(cfg: InferenceConfig) -> dict[str, pd.DataFrame]:
    """One hidden layer with dropout p before the head, so logits are linear in the mask and the mean of
    the train-mode passes must equal the eval output exactly in expectation.

    'samples': scaling, pass, hidden_mean (mean activation entering the head), probability (of the
    predicted class); 'compare': scaling, quantity, train_mode_mean, train_mode_std, eval_value, ratio;
    'uncertainty': outcome (correct/wrong), points, mean_std (MC spread of the predicted class's probability)."""
    data = toy_data(cfg.n_train, 0.4, cfg.seed)
    model = build_mlp(ModelConfig(width=cfg.width, depth=1, dropout=cfg.p, seed=cfg.seed), 2, 3)
    train(model, data, _train_cfg(cfg.steps, cfg.seed))
    model.eval()
    x = data.x_val[cfg.point:cfg.point + 1]
    block = model.blocks[0]
    with torch.inference_mode():
        hidden_eval = block.act(block.linear(x))
        logits_eval = model(x)
    cls = int(logits_eval.argmax())
    samples, compare = [], []
    for scaling, layer in (("inverted", block.drop), ("forgot to scale", UnscaledDropout(cfg.p, torch.Generator().manual_seed(cfg.seed + 7)))):
        layer.train()
        with torch.inference_mode():
            h = layer(hidden_eval.repeat(cfg.passes, 1))
            logits = model.head(h)
        prob = logits.softmax(1)[:, cls]
        samples.append(pd.DataFrame({"scaling": scaling, "pass": range(cfg.passes), "hidden_mean": h.mean(1),
                                     "probability": prob}))
        for quantity, train_values, value in (("hidden mean", h.mean(1), hidden_eval.mean().item()),
                                              ("logit", logits[:, cls], logits_eval[0, cls].item())):
            compare.append({"scaling": scaling, "quantity": quantity, "train_mode_mean": train_values.mean().item(),
                            "train_mode_std": train_values.std().item(), "eval_value": value,
                            "ratio": train_values.mean().item() / value if value else math.nan})
        layer.eval()
    return {"samples": pd.concat(samples, ignore_index=True), "compare": pd.DataFrame(compare),
            "uncertainty": _mc_uncertainty(model, data, min(cfg.passes, 200)),
            "point": pd.DataFrame({"x1": [x[0, 0].item()], "x2": [x[0, 1].item()], "label": [int(data.y_val[cfg.point])],
                                   "predicted": [cls]})}


def _mc_uncertainty(model, data: Dataset, passes: int) -> pd.DataFrame:
    """Monte Carlo dropout on the validation set: is the spread larger where the model is wrong?"""
    model.eval()
    with torch.inference_mode():
        pred = model(data.x_val).argmax(1)
    probs = mc_passes(model, data.x_val, passes).softmax(-1)
    spread = probs.gather(2, pred[None, :, None].expand(passes, -1, 1)).squeeze(2).std(0)
    correct = pred == data.y_val
    return pd.DataFrame([{"outcome": name, "points": int(mask.sum()),
                          "mean_std": spread[mask].mean().item() if mask.any() else 0.0}
                         for name, mask in (("correct", correct), ("wrong", ~correct))])


# 5. DropConnect -----------------------------------------------------------------------------------
class DropConnectLinear(nn.Linear):
    """y = (M ⊙ W) x / (1-p) + b with M_ij ~ Bernoulli(1-p) drawn per forward (Wan et al. 2013, with
    inverted scaling so that eval is the plain layer y = W x + b). `last_mask` keeps the last M."""

    def __init__(self, d_in: int, d_out: int, p: float, generator: torch.Generator | None = None):
        super().__init__(d_in, d_out)
        self.p, self.generator, self.last_mask = p, generator, None

    def forward(self, x):
        if not self.training or self.p == 0:
            return F.linear(x, self.weight, self.bias)
        mask = torch.rand(self.weight.shape, generator=self.generator) >= self.p
        self.last_mask = mask
        return F.linear(x, self.weight * mask / (1 - self.p), self.bias)


class NoisyMLP(nn.Module):
    """2 -> width -> width -> K with ReLU; noise where the lecture puts it: 'none', 'dropout' on the
    hidden activations, or 'dropconnect' on the weights of the 2nd layer and the head. Same shapes in
    all three, so the same seed gives the same initial weights."""

    def __init__(self, kind: str, p: float, d_in: int, width: int, classes: int, seed: int):
        super().__init__()
        g = torch.Generator().manual_seed(seed + 1)
        q = p if kind == "dropconnect" else 0.0
        self.fc1 = nn.Linear(d_in, width)
        self.fc2, self.head = DropConnectLinear(width, width, q, g), DropConnectLinear(width, classes, q, g)
        self.drop = SeededDropout(p if kind == "dropout" else 0.0, g)

    def forward(self, x):
        h = self.drop(torch.relu(self.fc1(x)))
        h = self.drop(torch.relu(self.fc2(h)))
        return self.head(h)


@dataclass(frozen=True)
class DropConnectConfig:
    p: float = num(0.5, 0.05, 0.9, step=0.05, key="p")
    n_train: int = num(60, 20, 500, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 128


def dropconnect(cfg: DropConnectConfig) -> dict[str, pd.DataFrame]:
    """Twin runs: no noise, dropout p, DropConnect p. 'history', 'summary'."""
    data = toy_data(cfg.n_train, cfg.noise, cfg.seed)
    build = lambda kind: initialize(NoisyMLP(kind, cfg.p, 2, cfg.width, 3, cfg.seed), "kaiming_normal", 0.0, cfg.seed)
    runs = twin_runs(build, ["none", "dropout", "dropconnect"], data, _train_cfg(cfg.steps, cfg.seed))
    return {"history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs])}


# 6. Fractional max pooling -------------------------------------------------------------------------
FMP_RATIO = 1 / math.sqrt(2)  # Graham 2014: shrink by √2 per layer instead of 2


class SeededFractionalPool(nn.Module):
    """Fractional max pooling (kernel 2, output ratio r) whose pseudo-random regions come from its own
    generator: fresh regions on every training forward, one fixed set of regions in eval mode."""

    def __init__(self, ratio: float = FMP_RATIO, generator: torch.Generator | None = None):
        super().__init__()
        self.ratio, self.generator = ratio, generator

    def forward(self, x):
        n, c = x.shape[:2]
        u = torch.rand(n, c, 2, generator=self.generator) if self.training else torch.full((n, c, 2), 0.5)
        return F.fractional_max_pool2d(x, 2, output_ratio=(self.ratio, self.ratio), _random_samples=u.to(x.dtype))


def pooling_regions(size: int, u: torch.Tensor, ratio: float = FMP_RATIO) -> tuple[list[int], list[int]]:
    """Start rows and start columns of the 2x2 pooling regions torch uses for samples u: (1, 1, 2).

    Read from torch itself: pooling a ramp image (value = position) returns each region's last pixel."""
    ramp = torch.arange(size * size, dtype=torch.float32).view(1, 1, size, size)
    _, idx = F.fractional_max_pool2d(ramp, 2, output_ratio=(ratio, ratio), return_indices=True, _random_samples=u)
    idx = idx[0, 0]
    rows = (idx[:, 0] // size - 1).tolist()
    cols = (idx[0, :] % size - 1).tolist()
    return rows, cols


def upsample(x: torch.Tensor, size: int) -> torch.Tensor:
    """(N, 64) digits -> (N, 1, size, size) by nearest-neighbour enlargement (pixels stay pixels)."""
    return F.interpolate(x.view(-1, 1, 8, 8), size=(size, size), mode="nearest")


class DigitCNN(nn.Module):
    """Flat (N, 64) digits -> (N, 1, 8, 8) -> SmallCNN with the given pooling layer."""

    def __init__(self, pool: nn.Module | None, channels: int = 16):
        super().__init__()
        self.cnn = SmallCNN(channels=channels, classes=10, pool=pool)

    def forward(self, x):
        return self.cnn(x.view(-1, 1, 8, 8))


@dataclass(frozen=True)
class FractionalConfig:
    size: int = num(16, 8, 32, step=8, key="size")  # the drawn digit, enlarged for visibility (the CNN sees 8x8)
    draw: int = num(3, 1, 8, key="draw")  # how many random region sets to draw (at least one)
    n_train: int = num(200, 50, 300, step=50, key="n")
    steps: int = num(100, 20, 120, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def fractional_pooling(cfg: FractionalConfig) -> dict[str, pd.DataFrame]:
    """'image': row, col, value (one digit, enlarged); 'regions': pooling, draw, axis, start (region
    starts per draw, 2x2 max pooling as the fixed reference); 'pooled': pooling, row, col, value;
    'history', 'summary' of the small CNN trained with each pooling (twin runs)."""
    x, _ = _digits()
    image = upsample(x[cfg.seed % len(x)][None], cfg.size)
    g = torch.Generator().manual_seed(cfg.seed)
    regions = [("2x2 max", 0, axis, s) for axis in ("row", "col") for s in range(0, cfg.size, 2)]
    pooled = [("2x2 max", F.max_pool2d(image, 2))]
    for d in range(cfg.draw):
        u = torch.rand(1, 1, 2, generator=g)
        rows, cols = pooling_regions(cfg.size, u)
        regions += [("fractional", d + 1, "row", s) for s in rows] + [("fractional", d + 1, "col", s) for s in cols]
        if d == 0:
            pooled.append(("fractional", F.fractional_max_pool2d(image, 2, output_ratio=(FMP_RATIO, FMP_RATIO), _random_samples=u)))
    data = digit_data(cfg.n_train, cfg.seed)
    pools = {"2x2 max": lambda: nn.MaxPool2d(2),
             "fractional": lambda: SeededFractionalPool(FMP_RATIO, torch.Generator().manual_seed(cfg.seed + 3))}
    build = lambda v: initialize(DigitCNN(pools[v]()), "kaiming_normal", 0.0, cfg.seed)
    runs = twin_runs(build, list(pools), data, _train_cfg(cfg.steps, cfg.seed, "adam", 0.01, evals=20))
    return {"image": _pixels(image[0, 0]).assign(pooling="input"),
            "regions": pd.DataFrame(regions, columns=["pooling", "draw", "axis", "start"]),
            "pooled": pd.concat([_pixels(p[0, 0]).assign(pooling=name) for name, p in pooled], ignore_index=True),
            "history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs])}


def _pixels(img: torch.Tensor) -> pd.DataFrame:
    rows, cols = torch.meshgrid(torch.arange(img.shape[0]), torch.arange(img.shape[1]), indexing="ij")
    return pd.DataFrame({"row": rows.flatten(), "col": cols.flatten(), "value": img.flatten()})


# 7. Stochastic depth -------------------------------------------------------------------------------
def survival(l: int, L: int, p_last: float) -> float:
    """Huang et al. 2016's linear decay: p_l = 1 - l/L (1 - p_L); the input (l = 0) always survives."""
    return 1 - l / L * (1 - p_last)


class StochasticBlock(nn.Module):
    """x + b f(x) in training with b ~ Bernoulli(p) once per forward (the whole block is skipped for the
    whole batch, as in the paper); x + p f(x) at test: the expectation of the training output."""

    def __init__(self, f: nn.Module, p: float, generator: torch.Generator | None = None):
        super().__init__()
        self.f, self.p, self.generator = f, p, generator

    def forward(self, x):
        if not self.training:
            return x + self.p * self.f(x)
        if torch.rand(1, generator=self.generator).item() < self.p:
            return x + self.f(x)
        return x


class ResidualMLP(nn.Module):
    """D -> width, then `blocks` residual blocks f(x) = W2 relu(W1 x), then the head."""

    def __init__(self, d_in: int, width: int, blocks: int, classes: int, p_last: float, seed: int):
        super().__init__()
        g = torch.Generator().manual_seed(seed + 1)
        self.stem, self.head = nn.Linear(d_in, width), nn.Linear(width, classes)
        self.blocks = nn.ModuleList(
            StochasticBlock(nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width)),
                            survival(l, blocks, p_last), g) for l in range(1, blocks + 1))

    def forward(self, x):
        x = torch.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        return self.head(torch.relu(x))


@dataclass(frozen=True)
class DepthConfig:
    p_last: float = num(0.5, 0.1, 1.0, step=0.05, key="pL")  # the paper's default p_L = 0.5
    blocks: int = num(6, 2, 10, key="blocks")
    n_train: int = num(100, 50, 300, step=50, key="n")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 32


def stochastic_depth(cfg: DepthConfig) -> dict[str, pd.DataFrame]:
    """Residual MLP on few digits, twin runs with all blocks always on ('none') and with stochastic depth.

    'survival': block, p; 'history'; 'summary'."""
    data = digit_data(cfg.n_train, cfg.seed)
    build = lambda v: initialize(ResidualMLP(64, cfg.width, cfg.blocks, 10, cfg.p_last if v != "none" else 1.0,
                                             cfg.seed), "kaiming_normal", 0.0, cfg.seed)
    runs = twin_runs(build, ["none", "stochastic depth"], data, _train_cfg(cfg.steps, cfg.seed, "adam", 0.003, evals=30))
    probs = pd.DataFrame({"block": range(1, cfg.blocks + 1),
                          "p": [survival(l, cfg.blocks, cfg.p_last) for l in range(1, cfg.blocks + 1)]})
    return {"survival": probs, "history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs])}


# 8. Data augmentation ------------------------------------------------------------------------------
class Augment(nn.Module):
    """Label-preserving random changes of (N, 1, 8, 8) digits, active in training only: a shift of up to
    `shift` pixels, a rotation of up to `rotate` degrees and a scaling by up to ±`scale`, all drawn per
    image from the module's generator (one affine warp, bilinear, zeros outside)."""

    def __init__(self, shift: float, rotate: float, scale: float, generator: torch.Generator | None = None):
        super().__init__()
        self.shift, self.rotate, self.scale, self.generator = shift, rotate, scale, generator

    def forward(self, x):
        if not self.training or (self.shift == 0 and self.rotate == 0 and self.scale == 0):
            return x
        n, size = len(x), x.shape[-1]
        r = 2 * torch.rand(n, 4, generator=self.generator) - 1  # U(-1, 1): angle, scale, dx, dy
        angle, zoom = r[:, 0] * math.radians(self.rotate), 1 + r[:, 1] * self.scale
        cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
        move = r[:, 2:] * self.shift * 2 / size  # pixels -> grid units of [-1, 1]
        theta = torch.stack([torch.stack([cos, -sin, move[:, 0]], 1), torch.stack([sin, cos, move[:, 1]], 1)], 1)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        return F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")


@dataclass(frozen=True)
class AugmentConfig:
    shift: float = num(1.0, 0.0, 3.0, step=0.5, key="shift")  # pixels of 8
    rotate: float = num(10.0, 0.0, 45.0, step=5.0, key="rot")  # degrees; digits are not rotation-invariant (6/9)
    scale: float = num(0.1, 0.0, 0.3, step=0.05, key="scale")
    n_train: int = num(50, 20, 500, step=10, key="n")  # few images: where augmentation pays
    steps: int = num(200, 50, 500, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    examples: int = 4
    versions: int = 6


def augmented_mlp(cfg: AugmentConfig, on: bool) -> nn.Module:
    """(N, 64) -> image -> Augment (training only) -> flat -> MLP with one hidden layer of 128 units.
    An MLP has no built-in tolerance to shifts (a CNN with global pooling has some), so it gains most."""
    mlp = build_mlp(ModelConfig(width=128, depth=1, seed=cfg.seed), 64, 10)
    aug = Augment(cfg.shift, cfg.rotate, cfg.scale, torch.Generator().manual_seed(cfg.seed + 6)) if on else nn.Identity()
    return nn.Sequential(nn.Unflatten(1, (1, 8, 8)), aug, nn.Flatten(), mlp)


def augmentation(cfg: AugmentConfig) -> dict[str, pd.DataFrame]:
    """'grid': example, version (0 = original), row, col, value; twin runs of the MLP without and with
    the augmentation: 'history', 'summary'."""
    data = digit_data(cfg.n_train, cfg.seed)
    aug = Augment(cfg.shift, cfg.rotate, cfg.scale, torch.Generator().manual_seed(cfg.seed + 5))
    images = data.x_train[:cfg.examples].view(-1, 1, 8, 8)
    grid = [_pixels(images[e, 0]).assign(example=e + 1, version=0) for e in range(cfg.examples)]
    for v in range(1, cfg.versions):
        warped = aug(images)
        grid += [_pixels(warped[e, 0]).assign(example=e + 1, version=v) for e in range(cfg.examples)]
    runs = twin_runs(lambda v: augmented_mlp(cfg, v == "augmented"), ["plain", "augmented"], data,
                     _train_cfg(cfg.steps, cfg.seed, "adam", 0.01, evals=20))
    return {"grid": pd.concat(grid, ignore_index=True), "history": histories(runs),
            "summary": pd.DataFrame([gap_row(r) for r in runs])}


# 9. Ensembles --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnsembleConfig:
    models: int = num(5, 2, 8, key="K")
    n_train: int = num(60, 20, 500, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 64


def ensemble(cfg: EnsembleConfig) -> dict[str, pd.DataFrame]:
    """K MLPs on the same data, each with its own initial weights (seed + k). 'models': model,
    val_accuracy, val_loss (each single model); 'growing': k, val_accuracy, val_loss of the average of
    the first k models' softmax outputs, and model_val_accuracy, model_val_loss of the k-th model alone."""
    data = toy_data(cfg.n_train, cfg.noise, cfg.seed)
    probs, rows, growing = [], [], []
    for k in range(cfg.models):
        model = build_mlp(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed + 1000 * k), 2, 3)
        train(model, data, TrainConfig(optimizer="momentum", lr=0.1, steps=cfg.steps, seed=cfg.seed,
                                       eval_every=cfg.steps))
        model.eval()
        with torch.inference_mode():
            probs.append(model(data.x_val).softmax(1))
        rows.append({"model": f"model {k + 1}", **_scores(probs[-1], data.y_val)})
        growing.append({"k": k + 1, **_scores(torch.stack(probs).mean(0), data.y_val),
                        "model_val_accuracy": rows[-1]["val_accuracy"], "model_val_loss": rows[-1]["val_loss"]})
        report((k + 1) / cfg.models)
    return {"models": pd.DataFrame(rows), "growing": pd.DataFrame(growing)}


def _scores(p: torch.Tensor, y: torch.Tensor) -> dict:
    return {"val_accuracy": (p.argmax(1) == y).float().mean().item(),
            "val_loss": F.nll_loss(p.clamp_min(1e-12).log(), y).item()}


# The page's parts in order, each with its default config.
EXPERIMENTS = {
    "overfit": (overfit, OverfitConfig()),
    "penalty": (penalties, PenaltyConfig()),
    "dropout": (dropout_training, DropoutConfig()),
    "inference": (dropout_inference, InferenceConfig()),
    "dropconnect": (dropconnect, DropConnectConfig()),
    "fractional": (fractional_pooling, FractionalConfig()),
    "depth": (stochastic_depth, DepthConfig()),
    "augment": (augmentation, AugmentConfig()),
    "ensemble": (ensemble, EnsembleConfig()),
}

# Parts whose runs can be copied as a plain PyTorch script: core.codegen for the plain MLP twin runs,
# core.codegen_regularization for the rest.
CODE = {
    "overfit": codegen.overfit_script,
    "penalty": codegen.penalty_script,
    "dropout": mlp_export("CS231n Lab, Regularization: dropout in training", dropout_spec),
    "inference": codegen.inference_script,
    "dropconnect": codegen.dropconnect_script,
    "fractional": codegen.fractional_script,
    "depth": codegen.depth_script,
    "augment": codegen.augment_script,
    "ensemble": codegen.ensemble_script,
}
