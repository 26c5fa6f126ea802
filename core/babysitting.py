"""Lectures 5-6, babysitting the learning process: data preprocessing, the sanity checks before training, and
reading the loss curve (CS231n 2017 Lecture 6, "Data Preprocessing" and "Babysitting the Learning Process";
cs231n.github.io/neural-networks-2 and -3).

The data, the preprocessing stages, the logged full-batch fit and the measurements are plain functions of numbers
that the exported scripts (export/babysitting.py) copy as they are; the loss-curve part trains through core.train
so that its health record is the one every page shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from core import search
from core.data import DATASETS, DataConfig, gaussians, load_data, make_dataset
from core.models import MLP, ModelConfig, build_mlp, initialize, mlp_settings
from core.params import choice, multi, num
from core.plain import divergence, sgd, shuffle_split
from core.regularization import l2_penalty, start_losses
from core.tiers import TiersConfig, tiers
from core.train import BUDGET_SECONDS, TrainConfig, affordable_steps, estimate_seconds, healths, summary, train


# 1. Data preprocessing -------------------------------------------------------------------------------------
# CS231n Lecture 6 (2017), "Data Preprocessing": original data -> zero-centered -> normalized, and PCA
# (decorrelated) -> whitened. Every statistic comes from the training points alone and is applied to the
# validation points too (cs231n.github.io/neural-networks-2: "computed only on the training data").
def original(x, other):
    return x, other


def centered(x, other):
    """x - mean: every feature's mean is 0."""
    mean = x.mean(dim=0)
    return x - mean, other - mean


def normalized(x, other):
    """Centered, then each feature divided by its std: every feature's variance is 1."""
    x, other = centered(x, other)
    std = x.std(dim=0)
    return x / std, other / std


def principal_axes(x):
    """The eigenvalues and eigenvectors (columns) of the covariance of centered x: (N, D), largest first (the
    first principal component is the direction of largest variance)."""
    variances, axes = torch.linalg.eigh(x.T @ x / (len(x) - 1))
    return variances.flip(0), axes.flip(1)


def decorrelated(x, other):
    """Centered, then rotated onto the principal axes (PCA): the covariance becomes diagonal."""
    x, other = centered(x, other)
    _, axes = principal_axes(x)
    return x @ axes, other @ axes


def whitened(x, other):
    """Decorrelated, then each axis divided by the square root of its eigenvalue: identity covariance."""
    x, other = centered(x, other)
    variances, axes = principal_axes(x)
    return x @ axes / variances.sqrt(), other @ axes / variances.sqrt()


STAGES = {"original": original, "centered": centered, "normalized": normalized, "decorrelated": decorrelated,
          "whitened": whitened}


def raw_cloud(n, offset, ratio, correlation, seed):
    """The slide's point cloud: core.data's three Gaussian blobs (n points, 3 classes), mixed so that the second
    feature has `ratio` times the first one's scale and a correlation of about `correlation` with it, then
    shifted by `offset` in both features. Returns x_train, y_train, x_val, y_val (30% held out)."""
    g = torch.Generator().manual_seed(seed)
    z, y = gaussians(n, 0.2, g)
    mix = torch.tensor([[1.0, correlation * ratio], [0.0, ratio * math.sqrt(1 - correlation ** 2)]])
    return shuffle_split(z @ mix + offset, y, 0.3, g)


def preprocessed(stage, x_train, x_val):
    """STAGES[stage] computed in float64 (whitening divides by the square roots of eigenvalues), returned as
    float32 inputs for training."""
    x, other = STAGES[stage](x_train.double(), x_val.double())
    return x.float(), other.float()


def stage_stats(stage, x):
    """Mean and covariance of x: (N, 2) in float64, as one row."""
    x = x.double()
    mean, cov = x.mean(dim=0), torch.cov(x.T)
    return {"stage": stage, "mean_1": mean[0].item(), "mean_2": mean[1].item(), "var_1": cov[0, 0].item(),
            "var_2": cov[1, 1].item(), "cov_12": cov[0, 1].item()}


def logged_fit(model, x, y, lr, steps):
    """Full-batch SGD on (x, y): the loss and accuracy of every step's forward pass (before its update) and of
    the model after the last one. Stops on divergence (core.plain.divergence, as every run of the lab).
    Returns (rows of step, loss, accuracy; the step where it diverged, or None)."""
    opt = sgd(model.parameters(), lr=lr)
    rows, first, above = [], None, 0
    for step in range(steps + 1):
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:
            return rows, step
        rows.append({"step": step, "loss": loss.item(), "accuracy": (logits.argmax(dim=1) == y).float().mean().item()})
        if step < steps:
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    return rows, None


def steps_to(rows, column, target, below=True):
    """The first logged step from which `column` stays at or below (below=False: at or above) target until the
    end of the log, or None. A loss that jumps around and touches the target by chance has not reached it."""
    reached = None
    for row in rows:
        met = row[column] <= target if below else row[column] >= target
        reached = (row["step"] if reached is None else reached) if met else None
    return reached


def sensitivity(model, x, y, radius, samples, seed):
    """How much the loss moves under a small change of the weights: the mean |L(w + d) - L(w)| over `samples`
    random directions d of norm `radius` in the space of all the model's parameters (seeded, so every variant
    is probed with the same directions). CS231n Lecture 6: "after normalization: less sensitive to small changes
    in weights"."""
    params = list(model.parameters())
    start = [p.detach().clone() for p in params]
    g = torch.Generator().manual_seed(seed)
    changes = []
    with torch.no_grad():
        base = F.cross_entropy(model(x), y).item()
        for _ in range(samples):
            d = [torch.randn(p.shape, generator=g) for p in params]
            scale = radius / math.sqrt(sum((v ** 2).sum().item() for v in d))
            for p, p0, v in zip(params, start, d):
                p.copy_(p0 + scale * v)
            changes.append(abs(F.cross_entropy(model(x), y).item() - base))
        for p, p0 in zip(params, start):
            p.copy_(p0)
    return sum(changes) / samples


# The image case (CS231n Lecture 6: "subtract the mean image (AlexNet)" or "subtract the per-channel mean
# (VGGNet)"): on the 8x8 digits, which have one channel (grayscale), the per-channel mean is one number.
SUBTRACTIONS = ("none", "mean_image", "channel_mean")


def pixel_means(x, method):
    """x: (N, 64) training pixels -> what `method` subtracts from every image: nothing, the mean image (64
    numbers) or the one channel's mean (1 number, broadcast)."""
    if method == "mean_image":
        return x.mean(dim=0)
    if method == "channel_mean":
        return x.mean().expand(x.shape[1])
    return torch.zeros(x.shape[1])


def first_layer_offsets(x, seed):
    """A Kaiming-initialized first layer z = W x (64 units, no bias) on inputs x: (N, 64). Returns the mean over
    units of |E[z_j]| (each unit's input off-center) over the mean over units of std(z_j)."""
    w = torch.empty(64, x.shape[1])
    nn.init.kaiming_normal_(w, generator=torch.Generator().manual_seed(seed))
    z = x.double() @ w.double().T
    return (z.mean(dim=0).abs().mean() / z.std(dim=0).mean()).item()


def image_case(name, n, seed):
    """The digits (`name`: the 8x8 "digits"; n of them, 30% held out), each subtraction computed on the training
    images. Rows: 'images' (method, values_subtracted, subtracted_mean, pixel_mean_max: max over pixels of
    |mean after subtraction|, unit_offset: first_layer_offsets) and 'pixels' (method, row, col, value: each
    pixel's mean after it)."""
    x, _, _, _, _ = load_data(name, n, 0.0, 0.3, seed)
    images, pixels = [], []
    for method in SUBTRACTIONS:
        means = pixel_means(x, method)
        shifted = x - means
        after = shifted.mean(dim=0)
        count = {"none": 0, "mean_image": x.shape[1], "channel_mean": 1}[method]
        images.append({"method": method, "values_subtracted": count,
                       "subtracted_mean": means.mean().item(), "pixel_mean_max": after.abs().max().item(),
                       "unit_offset": first_layer_offsets(shifted, seed)})
        pixels += [{"method": method, "row": i // 8, "col": i % 8, "value": v} for i, v in enumerate(after.tolist())]
    return images, pixels


def classifier(model, d_in, classes):
    """The lab's MLP (d_in -> classes) from its settings (core.models.mlp_settings, plus init and its std), its
    weights drawn from the model's seed, biases 0: every kind of input starts from the same weights. With
    depth 0 and width d_in it is a linear classifier (softmax regression): the head alone."""
    settings = dict(model)
    init, std = settings.pop("init"), settings.pop("std")
    return initialize(MLP(d_in, classes, **settings), init, std, settings["seed"])


def compare_inputs(x_train, y_train, x_val, inputs, model, lr, steps, target, radius, samples):
    """The same classifier (`model`: its settings), from the same initial weights, trained by logged_fit on each
    kind of input in `inputs` (STAGES). Returns history rows (variant, step, loss, accuracy) and summary rows
    (variant, initial_loss, final_loss, steps_to_target: steps_to the `target` loss, sensitivity_start and
    sensitivity_end: at the initial and the final weights, diverged_at)."""
    history, summary = [], []
    for stage in inputs:
        x, _ = preprocessed(stage, x_train, x_val)
        net = classifier(model, x.shape[1], int(y_train.max()) + 1)
        start = sensitivity(net, x, y_train, radius, samples, model["seed"])
        log, diverged_at = logged_fit(net, x, y_train, lr, steps)
        history += [{"variant": stage, **row} for row in log]
        summary.append({"variant": stage, "initial_loss": log[0]["loss"] if log else math.nan,
                        "final_loss": log[-1]["loss"] if log else math.nan,
                        "steps_to_target": steps_to(log, "loss", target), "sensitivity_start": start,
                        "sensitivity_end": sensitivity(net, x, y_train, radius, samples, model["seed"]),
                        "diverged_at": diverged_at})
    return history, summary


@dataclass(frozen=True)
class PreprocessConfig:
    offset: float = num(5.0, 0.0, 20.0, step=0.5, key="offset")  # the issue: an offset of at least 5
    ratio: float = num(10.0, 1.0, 100.0, log=True, key="ratio")  # feature 2's scale / feature 1's: at least 10
    correlation: float = num(0.6, -0.9, 0.9, step=0.1, key="corr")
    inputs: tuple = multi(("original", "centered", "normalized"), tuple(STAGES), key="inputs")
    model: str = choice("linear_classifier", ("linear_classifier", "two_layer_net"), key="model")  # the slide's
    lr: float = num(1.0, 1e-3, 2.0, log=True, key="lr")
    steps: int = num(300, 50, 2000, step=50, key="steps")
    target: float = num(0.3, 0.05, 1.0, step=0.05, key="target")
    points: int = num(300, 60, 1500, step=30, key="points")
    seed: int = num(0, 0, 9999, key="seed")
    radius: float = 0.1  # norm of the weight perturbations that probe the loss's sensitivity
    samples: int = 20  # perturbations per probe
    width: int = 16  # the two-layer net: one hidden layer of 16 tanh units
    activation: str = "tanh"
    init: str = "normal"  # small random weights, N(0, 0.01²) (cs231n.github.io/neural-networks-2): every kind of
    std: float = 0.01  # input starts near the loss of a uniform guess, ln 3
    images: int = 1797  # all of scikit-learn's digits for the image case (size knob for tests)

    def limit(self) -> dict:
        dims = [2, 3] if self.model == "linear_classifier" else [2, self.width, 3]
        return {"steps": affordable_steps(int(0.7 * self.points), dims, self.steps, len(self.inputs))}


# One click each: the slide's setting, a careful learning rate, the small MLP, all five stages.
PREPROCESS_PRESETS = {"slide": {}, "careful": {"lr": 0.1}, "net": {"model": "two_layer_net"},
                      "all": {"inputs": tuple(STAGES)}}


def classifier_settings(cfg: PreprocessConfig) -> dict:
    """classifier's settings: softmax regression on the 2 features, or one hidden layer of cfg.width units."""
    linear = cfg.model == "linear_classifier"
    model = ModelConfig(width=2 if linear else cfg.width, depth=0 if linear else 1, activation=cfg.activation,
                        init=cfg.init, init_std=cfg.std, seed=cfg.seed)
    return {**mlp_settings(model), "init": model.init, "std": model.init_std}


def preprocess_settings(cfg: PreprocessConfig) -> dict:
    """What the part's run is made of, as primitives: the cloud, the comparison, the image case (the
    experiment and the exported script take them as they are)."""
    return {"cloud": {"n": cfg.points, "offset": cfg.offset, "ratio": cfg.ratio, "correlation": cfg.correlation,
                      "seed": cfg.seed},
            "stages": list(STAGES),
            "comparison": {"inputs": list(cfg.inputs), "model": classifier_settings(cfg), "lr": cfg.lr,
                           "steps": cfg.steps, "target": cfg.target, "radius": cfg.radius, "samples": cfg.samples},
            "images": {"name": "digits", "n": cfg.images, "seed": cfg.seed}}


def preprocessing(cfg: PreprocessConfig) -> dict[str, pd.DataFrame]:
    """'cloud' (stage, x1, x2, class: the training points at every stage), 'stats' (stage_stats per stage),
    'history' and 'summary' (compare_inputs), 'images' and 'pixels' (image_case)."""
    settings = preprocess_settings(cfg)
    x_train, y_train, x_val, _ = raw_cloud(**settings["cloud"])
    clouds, stats = [], []
    for stage in settings["stages"]:
        x, _ = STAGES[stage](x_train.double(), x_val.double())
        clouds.append(pd.DataFrame({"stage": stage, "x1": x[:, 0].numpy(), "x2": x[:, 1].numpy(),
                                    "class": y_train.numpy()}))
        stats.append(stage_stats(stage, x))
    history, summary = compare_inputs(x_train, y_train, x_val, **settings["comparison"])
    images, pixels = image_case(**settings["images"])
    return {"cloud": pd.concat(clouds, ignore_index=True), "stats": pd.DataFrame(stats),
            "history": pd.DataFrame(history, columns=["variant", "step", "loss", "accuracy"]),
            "summary": pd.DataFrame(summary), "images": pd.DataFrame(images), "pixels": pd.DataFrame(pixels)}


# 2. Sanity checks before training -------------------------------------------------------------------------
# cs231n.github.io/neural-networks-3, "Before learning: sanity checks": look for the correct loss at chance
# performance (ln C with small weights), increase the regularization strength (the loss should go up), overfit
# a tiny subset of data (about 20 examples, regularization off, to zero cost).
CHANCE_TOLERANCE = 0.05  # the issue: the initial loss within 0.05 of ln C


def check_passes(check, value, reference):
    """The one criterion of each check: value against its reference."""
    if check == "initial_loss":
        return abs(value - reference) <= CHANCE_TOLERANCE
    if check == "regularization":
        return value > reference
    return value >= reference  # overfit: every example of the tiny subset classified right (accuracy 1)


def sanity_checks(model, x, y, strength, subset, lr, steps):
    """The three checks on a freshly initialized model (changed in place by the third): 'checks' rows (check,
    value, reference, passed, detail) and the tiny subset's training log. x, y: the training set; C = y.max() + 1.
    - initial_loss: the data loss, no regularization, against ln C (a uniform guess over C classes);
    - regularization: the same loss plus the L2 penalty `strength` * sum of squared weights, against it;
    - overfit: the training accuracy on the first `subset` examples after `steps` full-batch SGD steps without
      regularization, against 1; detail: the first step at 100%."""
    chance = math.log(int(y.max()) + 1)
    start = start_losses(model, x, y)
    regularized = start_losses(model, x, y, l2_penalty(strength))
    log, _ = logged_fit(model, x[:subset], y[:subset], lr, steps)
    fitted = log[-1]["accuracy"] if log else 0.0
    rows = [("initial_loss", start["data_loss"], chance, None),
            ("regularization", regularized["total"], start["data_loss"], regularized["penalty"]),
            ("overfit", fitted, 1.0, steps_to(log, "accuracy", 1.0, below=False))]
    checks = [{"check": check, "value": value, "reference": reference, "passed": check_passes(check, value, reference),
               "detail": detail} for check, value, reference, detail in rows]
    return checks, log


@dataclass(frozen=True)
class SanityConfig:
    dataset: str = choice("digits1d", DATASETS, key="sdata")
    init_std: float = num(0.01, 1e-3, 10.0, log=True, key="sstd")  # "small weights": N(0, 0.01²)
    strength: float = num(1.0, 1e-3, 100.0, log=True, key="sreg")  # the L2 strength λ of the second check
    subset: int = num(20, 5, 200, step=5, key="sub")  # the notes: "a tiny subset (e.g. 20 examples)"
    width: int = num(64, 8, 256, step=8, key="swidth")
    lr: float = num(1.0, 1e-3, 5.0, log=True, key="slr")
    steps: int = num(200, 10, 1000, step=10, key="ssteps")
    seed: int = num(0, 0, 9999, key="sseed")
    n: int = 1000  # points in the data set (30% held out): the first two checks read the training set


# One click each: every check passes; big initial weights fail check 1; too few steps fail check 3.
SANITY_PRESETS = {"small": {}, "large": {"init_std": 1.0}, "short": {"steps": 10}}


# Noise of each data set in this page's runs: none for the digits (their pixels are the data), the toy sets'
# default otherwise.
def data_config(name: str, n: int, seed: int) -> DataConfig:
    return DataConfig(name=name, n=n, noise=0.0 if name == "digits" else DataConfig.noise, seed=seed)


def sanity_model(cfg: SanityConfig) -> ModelConfig:
    """The two-layer ReLU net of the notes, every weight ~ N(0, init_std²), biases 0."""
    return ModelConfig(width=cfg.width, depth=1, activation="relu", init="normal", init_std=cfg.init_std,
                       seed=cfg.seed)


def sanity(cfg: SanityConfig) -> dict[str, pd.DataFrame]:
    """sanity_checks as frames: 'checks' (with chance_loss = ln C for the data's C) and 'overfit' (step, loss,
    accuracy on the tiny subset)."""
    data = make_dataset(data_config(cfg.dataset, cfg.n, cfg.seed))
    model = build_mlp(sanity_model(cfg), data.dim, data.classes)
    checks, log = sanity_checks(model, data.x_train, data.y_train, cfg.strength, cfg.subset, cfg.lr, cfg.steps)
    table = pd.DataFrame(checks)
    table["classes"] = data.classes
    return {"checks": table, "overfit": pd.DataFrame(log, columns=["step", "loss", "accuracy"])}


# 3. Reading the loss curve -------------------------------------------------------------------------------
# CS231n Lecture 6 (2017), "Babysitting the Learning Process" and "Monitor and visualize the loss curve": loss
# barely changing (learning rate too low), exploding or NaN (too high), a plateau then a drop (bad
# initialization), a big train/validation gap (overfitting: increase regularization), no gap (increase model
# capacity).
SIGNATURES = ("too_low", "too_high", "plateau", "overfitting", "underfitting", "good")
# diagnose's thresholds, each on a number measured from the run's curves.
BARELY_MOVES = 0.9  # final training loss above 90% of the first: the loss barely moved
NOT_HALVED, JUMPY = 0.5, 0.3  # a loss that did not halve and rose at more than 30% of the logged steps jumps
PLATEAU_DROP = 0.9  # a plateau ends when the training loss first falls below 90% of its first value ...
PLATEAU_SHARE = 0.15  # ... and it is a plateau when that takes more than 15% of the run
BIG_GAP = 0.1  # overfitting: training accuracy more than 10 points above validation accuracy
WELL_FIT = 0.9  # underfitting: training accuracy below 90% with no big gap
THRESHOLDS = {"barely_moves": BARELY_MOVES, "not_halved": NOT_HALVED, "jumpy": JUMPY, "plateau_drop": PLATEAU_DROP,
              "plateau_share": PLATEAU_SHARE, "big_gap": BIG_GAP, "well_fit": WELL_FIT}  # as the page states them


@dataclass(frozen=True)
class CurvesConfig:
    # the 8x8 digits: on the 1-D digits an MLP overfits at every setting (the tiers: MLP well below a
    # CNN), so no run of it would read "about right"; they stay one choice away
    dataset: str = choice("digits", DATASETS, key="cdata")
    n: int = num(1000, 50, 3000, step=50, key="cn")  # points in all, 30% held out for validation
    width: int = num(64, 2, 256, step=2, key="cwidth")
    depth: int = num(2, 1, 6, key="cdepth")
    init: str = choice("kaiming_normal", ("kaiming_normal", "normal"), key="cinit")
    init_std: float = num(0.01, 1e-4, 1.0, log=True, key="cstd")  # the normal init's std
    lr: float = num(0.05, 1e-5, 10.0, log=True, key="clr")
    weight_decay: float = num(0.0, 0.0, 0.1, step=0.001, key="cwd")
    steps: int = num(300, 50, 2000, step=50, key="csteps")
    batch: int = num(64, 0, 512, step=16, key="cbatch")  # 0: the full batch
    seed: int = num(0, 0, 9999, key="cseed")

    def limit(self) -> dict:
        """Steps that fit the budget with the evaluations: about 51 forward passes over all n points (a third of
        a training step's cost per point), whatever the steps."""
        dims = [64] + [self.width] * self.depth + [10]  # the widest inputs offered (the 8x8 digits' 64 pixels)
        rows = self.batch if 0 < self.batch < self.n else self.n
        evaluations = estimate_seconds(self.n // 3, dims, 51)
        return {"steps": affordable_steps(rows, dims, self.steps, budget=max(BUDGET_SECONDS - evaluations, 1.0))}


# One click per signature of the slides (tests/test_babysitting.py checks that each gives its signature).
CURVE_PRESETS = {"good": {}, "too_low": {"lr": 1e-5}, "too_high": {"lr": 5.0},
                 "plateau": {"init": "normal", "init_std": 0.05, "depth": 4, "steps": 600},
                 "overfitting": {"n": 100, "width": 256, "steps": 600},
                 "underfitting": {"width": 2, "depth": 1}}


def curves_spec(cfg: CurvesConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What the loss-curve run trains: data, one ReLU MLP, SGD with momentum on minibatches."""
    model = ModelConfig(width=cfg.width, depth=cfg.depth, init=cfg.init, init_std=cfg.init_std, seed=cfg.seed)
    tcfg = TrainConfig(optimizer="momentum", lr=cfg.lr, weight_decay=cfg.weight_decay, steps=cfg.steps,
                       batch_size=cfg.batch, seed=cfg.seed, eval_every=max(cfg.steps // 50, 1))
    return data_config(cfg.dataset, cfg.n, cfg.seed), model, tcfg


def readings(history: pd.DataFrame, table: pd.DataFrame) -> dict:
    """The numbers diagnose reads from one run (history and summary as core.train gives them): the first and
    final training loss and their ratio, the share of logged steps at which the training loss rose, the step
    where it first fell below PLATEAU_DROP of its first value (None if never) and that step's share of the run,
    the final accuracies and their gap, and where and why the run diverged (None if it did not)."""
    curve = history[history.split == "train"].sort_values("step")
    first, last = float(curve.loss.iloc[0]), float(curve.loss.iloc[-1])
    fell = curve[curve.loss < PLATEAU_DROP * first]
    row = table.iloc[0]
    diverged = pd.notna(row.diverged_at)
    return {"first_loss": first, "final_loss": last, "loss_ratio": last / first,
            "rises": float((curve.loss.diff() > 0).mean()),
            "plateau_until": int(fell.step.iloc[0]) if len(fell) else None,
            "plateau_share": float(fell.step.iloc[0] / max(curve.step.iloc[-1], 1)) if len(fell) else 1.0,
            "train_accuracy": float(row.train_accuracy), "val_accuracy": float(row.val_accuracy),
            "accuracy_gap": float(row.train_accuracy - row.val_accuracy),
            "diverged_at": int(row.diverged_at) if diverged else None, "reason": row.reason if diverged else None}


def diagnose(history: pd.DataFrame, table: pd.DataFrame) -> str:
    """The signature (SIGNATURES) of one run's curves, from its readings and the thresholds above; the first
    that matches wins:
    too_high: stopped on divergence, or the loss did not halve and jumps (rose at over JUMPY of the steps);
    too_low: the training loss barely moved (still above BARELY_MOVES of its first value);
    plateau: it took over PLATEAU_SHARE of the run to fall below PLATEAU_DROP of its first value;
    overfitting: training accuracy over BIG_GAP above validation accuracy;
    underfitting: no big gap, but training accuracy below WELL_FIT;
    good: none of these."""
    r = readings(history, table)
    if r["diverged_at"] is not None or (r["loss_ratio"] > NOT_HALVED and r["rises"] > JUMPY):
        return "too_high"
    if r["loss_ratio"] > BARELY_MOVES:
        return "too_low"
    if r["plateau_share"] > PLATEAU_SHARE:
        return "plateau"
    if r["accuracy_gap"] > BIG_GAP:
        return "overfitting"
    if r["train_accuracy"] < WELL_FIT:
        return "underfitting"
    return "good"


def curves(cfg: CurvesConfig) -> dict[str, pd.DataFrame]:
    """One run through core.train: 'history' and 'summary' (with its 'signature', diagnose's name for it),
    'health' and 'histograms'."""
    data_cfg, model_cfg, tcfg = curves_spec(cfg)
    data = make_dataset(data_cfg)
    run = train(build_mlp(model_cfg, data.dim, data.classes), data, tcfg, variant="run")
    table = summary([run])
    table["signature"] = diagnose(run.history, table)
    return {"history": run.history, "summary": table, **healths([run])}


# The page's parts in order, each with its default config: the page opens on the first one.
EXPERIMENTS = {
    "preprocessing": (preprocessing, PreprocessConfig()),
    "sanity": (sanity, SanityConfig()),
    "curves": (curves, CurvesConfig()),
    **search.EXPERIMENTS,  # 4-6: hyperparameter search (core/search.py)
    "tiers": (tiers, TiersConfig()),  # 7: the 1-D digits' tiers (core/tiers.py)
}
