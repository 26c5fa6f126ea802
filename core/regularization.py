"""Lectures 6-7, regularization: each claim of the slides as an experiment `config -> frames`.

The claims: regularization trades training fit for validation accuracy; dropout's output is random, so
at test its expectation is used instead (inverted dropout does the scaling while training); DropConnect,
fractional max pooling and stochastic depth are the same idea (noise in training, averaged out at
test); data augmentation and ensembles help too.

The data, the noise layers, the models and the measurements are plain functions of numbers that the
exported scripts (export/regularization.py) copy as they are; the experiments train them with core.train.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from core.cards import cards_of
from core.data import DataConfig, Dataset, digit_pixels, make_dataset, spiral
from core.models import MLP, ModelConfig, SmallCNN, build_mlp, mlp_settings
from core.nn import Act, SeededDropout
from core.params import num
from core.plain import init_weights, shuffle_split
from core.train import Job, TrainConfig, healths, histories, train, train_many, twin_runs

VAL_POINTS = 600  # a fixed validation set, so only the training-set size moves
INIT = "kaiming_normal"  # He et al. 2015: every net on this page is a ReLU net
# How each part trains (full batch, one step = one epoch): optimizer, learning rate, and about how many
# evaluations per run. SGD with momentum on the toy set, so L2 in the loss is classic weight decay and
# L1's proximal step is exact; Adam for the digits.
TRAINING = {"overfit": ("momentum", 0.1, 40), "penalty": ("momentum", 0.1, 40), "dropout": ("momentum", 0.1, 40),
            "inference": ("momentum", 0.1, 40), "dropconnect": ("momentum", 0.1, 40),
            "fractional": ("adam", 0.01, 20), "depth": ("adam", 0.003, 30), "augment": ("adam", 0.01, 20),
            "ensemble": ("momentum", 0.1, 1)}


# Each part's `<part>_settings(cfg)` gives the primitives its run is made of: the experiment builds its
# data, models and TrainConfig from them, and the exported script's main takes them as they are.
def training(part, steps) -> dict:
    """A part's training (TRAINING) for `steps` steps: optimizer, lr, steps, eval_every."""
    optimizer, lr, evals = TRAINING[part]
    return {"optimizer": optimizer, "lr": lr, "steps": steps, "eval_every": max(steps // evals, 1)}


def toy_settings(cfg) -> dict:
    return {"n_train": cfg.n_train, "noise": cfg.noise, "seed": cfg.seed}


def digit_settings(cfg) -> dict:
    return {"n_train": cfg.n_train, "seed": cfg.seed}


def toy_config(n_train: int, noise: float, seed: int) -> DataConfig:
    """toy_data as a data config (for core.data.load_data): the same points."""
    n = n_train + VAL_POINTS
    return DataConfig(name="spiral", n=n, noise=noise, val_fraction=VAL_POINTS / n, seed=seed)


def toy_data(n_train, noise, seed, n_val=VAL_POINTS):
    """The noisy spiral, split by a count of points: n_train for training, n_val for validation (as a
    fraction of the points the arms hold). Returns x_train, y_train, x_val, y_val."""
    g = torch.Generator().manual_seed(seed)
    x, y = spiral(n_train + n_val, noise, g)
    return shuffle_split(x, y, n_val / (n_train + n_val), g)


def digit_data(n_train, seed, n_val=500):
    """A seeded split of scikit-learn's digits by a count of images: n_train for training, the next n_val
    for validation (64-vectors). Returns x_train, y_train, x_val, y_val."""
    x, y = digit_pixels()
    pick = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    train_idx, val_idx = pick[:n_train], pick[n_train:n_train + n_val]
    return x[train_idx], y[train_idx], x[val_idx], y[val_idx]


def initialized_mlp(d_in, classes, model, init):
    """An MLP (core.models) with `model` settings, its weights drawn by `init` from the model's seed."""
    return init_weights(MLP(d_in, classes, **model), init, 0.0, model["seed"])


def weight_matrices(model):
    """Every weight matrix (not the biases): what L2 and L1 act on."""
    return [m.weight for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]


def l2_term(strength, model):
    """R(W) = λ Σ w² (CS231n's L2; the slides write λ R(W) added to the data loss)."""
    return strength * sum((w ** 2).sum() for w in weight_matrices(model))


def l2_penalty(strength):
    """l2_term with its strength fixed: penalty(model), which a training loop adds to the loss (a partial
    rather than a closure, so that it pickles)."""
    return functools.partial(l2_term, strength)


def soft_threshold(threshold, model):
    """L1's proximal step after each update: w <- sign(w) max(|w| - τ, 0), τ = lr·λ.

    Plain (sub)gradient descent on λ|w| only makes weights hover around zero; this step sets them to
    exactly zero, which is what the L1 penalty's minimum looks like."""
    with torch.no_grad():
        for w in weight_matrices(model):
            w.copy_(torch.sign(w) * (w.abs() - threshold).clamp(min=0))


def soft_threshold_(threshold):
    """soft_threshold with its threshold fixed: step(model), run after each update (a partial, as l2_penalty)."""
    return functools.partial(soft_threshold, threshold)


def gaps(evaluations):
    """evaluations: a run's evaluations in order, dicts of step, train_loss, train_accuracy, val_loss,
    val_accuracy. The last one's losses and accuracies, the gaps between train and validation, and the
    evaluation of lowest validation loss (where early stopping would have stopped)."""
    last = evaluations[-1]
    best = min(evaluations, key=lambda e: e["val_loss"])
    return {"train_loss": last["train_loss"], "val_loss": last["val_loss"],
            "train_accuracy": last["train_accuracy"], "val_accuracy": last["val_accuracy"],
            "loss_gap": last["val_loss"] - last["train_loss"],
            "accuracy_gap": last["train_accuracy"] - last["val_accuracy"],
            "best_step": best["step"], "best_val_loss": best["val_loss"], "best_val_accuracy": best["val_accuracy"]}


def gap_row(run) -> dict:
    """gaps() of a core.train run, with its variant, seconds and divergence."""
    wide = run.history.pivot(index="step", columns="split", values=["loss", "accuracy"])
    evaluations = [{"step": int(step), **{f"{split}_{m}": row[(m, split)] for split in ("train", "val")
                                          for m in ("loss", "accuracy")}} for step, row in wide.iterrows()]
    row = gaps(evaluations)
    finals = {k: row.pop(k) for k in ("train_loss", "val_loss", "train_accuracy", "val_accuracy")}
    return {"variant": run.variant, **finals, "seconds": run.seconds, "diverged_at": run.diverged_at,
            "reason": run.reason, **row}


# 1. Overfitting on purpose --------------------------------------------------------------------------
@dataclass(frozen=True)
class OverfitConfig:
    n_train: int = num(60, 20, 2000, step=10, key="n")  # 60 noisy points for ~17k weights: overfits
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    width: int = num(128, 8, 128, step=8, key="width")
    steps: int = num(300, 50, 500, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def overfit_settings(cfg: OverfitConfig) -> dict:
    return {"data": toy_settings(cfg), "model": mlp_settings(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed)),
            "init": INIT, "train": training("overfit", cfg.steps)}


def overfit(cfg: OverfitConfig) -> dict[str, pd.DataFrame]:
    """A 2-hidden-layer MLP trained full-batch (one step = one epoch) on few noisy spiral points.

    'history': step, variant, split, loss, accuracy; 'summary': one gap_row; 'health' and 'histograms' as in
    core.train."""
    s = overfit_settings(cfg)
    data = Dataset(*toy_data(**s["data"]), 3)
    model = initialized_mlp(2, 3, s["model"], s["init"])
    run = train(model, data, TrainConfig(**s["train"], seed=cfg.seed), variant="none")
    return {"history": run.history, "summary": pd.DataFrame([gap_row(run)]), **healths([run])}


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


def penalty_plan(l2, l1, lr):
    """The three variants and what each adds to training (core.train's penalty and after_step): nothing,
    L2's penalty added to the loss, or L1's proximal step after each update (threshold lr·λ₁)."""
    return {"none": {}, "L2": {"penalty": l2_penalty(l2)}, "L1": {"after_step": soft_threshold_(lr * l1)}}


def start_losses(model, x, y, penalty=None):
    """The loss at step 0: the data loss on (x, y), the penalty (0 without one) and their sum."""
    with torch.no_grad():
        data_loss = F.cross_entropy(model(x), y).item()
        value = penalty(model).item() if penalty is not None else 0.0
    return {"data_loss": data_loss, "penalty": value, "total": data_loss + value}


def sparsity(model, zero_below):
    """The number of weights (not biases), and the fractions of them exactly 0 and below zero_below in size."""
    w = torch.cat([w.detach().flatten() for w in weight_matrices(model)])
    return {"weights": len(w), "exact_zero": (w == 0).float().mean().item(),
            "near_zero": (w.abs() < zero_below).float().mean().item()}


def penalty_settings(cfg: PenaltyConfig) -> dict:
    return {"data": toy_settings(cfg), "model": mlp_settings(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed)),
            "init": INIT, "l2": cfg.l2, "l1": cfg.l1, "zero_below": cfg.zero_below,
            "train": training("penalty", cfg.steps)}


def penalties(cfg: PenaltyConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of penalty_plan's variants: no penalty, L2 (added to the loss), L1 (proximal soft-threshold).

    'history'; 'summary' (gap_row per variant, with exact_zero); 'weights': variant, weight, share (a
    histogram of the final weights); 'zeros': variant, weights, exact_zero, near_zero fractions; 'start':
    variant, data_loss, penalty, total at step 0; 'health' and 'histograms' as in core.train."""
    s = penalty_settings(cfg)
    data = Dataset(*toy_data(**s["data"]), 3)
    tcfg = TrainConfig(**s["train"], seed=cfg.seed)
    plan = penalty_plan(cfg.l2, cfg.l1, tcfg.lr)
    jobs = [Job(initialized_mlp(2, 3, s["model"], s["init"]), tcfg, variant, **extras)
            for variant, extras in plan.items()]
    start = [{"variant": job.variant, **start_losses(job.model, data.x_train, data.y_train, job.penalty)}
             for job in jobs]
    runs = train_many(jobs, data)
    zeros = [{"variant": r.variant, **sparsity(r.model, cfg.zero_below)} for r in runs]
    flats = {r.variant: torch.cat([w.detach().flatten() for w in weight_matrices(r.model)]) for r in runs}
    zeros = pd.DataFrame(zeros)
    # the summary carries the exact zeros too, so one table tells fit and sparsity
    summary = pd.DataFrame([gap_row(r) for r in runs]).merge(zeros[["variant", "exact_zero"]], on="variant")
    return {"history": histories(runs), "summary": summary,
            "weights": weight_histogram(flats), "zeros": zeros, "start": pd.DataFrame(start), **healths(runs)}


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
    tcfg = TrainConfig(**training("dropout", cfg.steps), seed=cfg.seed)
    return toy_config(cfg.n_train, cfg.noise, cfg.seed), models, tcfg


def dropout_training(cfg: DropoutConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of the same MLP without and with dropout p after each hidden layer: 'history', 'summary',
    'health' and 'histograms'."""
    data_cfg, models, tcfg = dropout_spec(cfg)
    runs = twin_runs(lambda v: build_mlp(models[v], 2, 3), list(models), make_dataset(data_cfg), tcfg)
    return {"history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs]), **healths(runs)}


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
    noise: float = 0.4
    steps: int = 200
    width: int = 128


def mc_passes(model, x, passes):
    """x: (N, D) -> (passes, N, K) logits with the dropout layers in train mode (Monte Carlo dropout)."""
    model.train()
    with torch.inference_mode():
        out = model(x.repeat(passes, 1)).view(passes, len(x), -1)
    model.eval()
    return out


def mc_uncertainty(model, x, y, passes):
    """Monte Carlo dropout on the points x: (N, D) with labels y: the spread (std over `passes` train-mode
    passes) of the probability of each point's predicted class, averaged over the points the model gets
    right and over those it gets wrong. Is the spread larger where the model is wrong?"""
    model.eval()
    with torch.inference_mode():
        predicted = model(x).argmax(1)
    probs = mc_passes(model, x, passes).softmax(-1)
    spread = probs.gather(2, predicted[None, :, None].expand(passes, -1, 1)).squeeze(2).std(0)
    correct = predicted == y
    return [{"outcome": name, "points": int(mask.sum()), "mean_std": spread[mask].mean().item() if mask.any() else 0.0}
            for name, mask in (("correct", correct), ("wrong", ~correct))]


def dropout_at_test(model, x_val, y_val, point, p, passes, seed):
    """A trained MLP with one hidden layer and dropout p before the head (so the logits are linear in the
    mask), at test. The validation point x_val[point] goes through it `passes` times in train mode, with
    the model's inverted dropout and with UnscaledDropout (own generator, seed + 7), and once in eval mode.

    Returns the predicted class; per scaling the passes' hidden means (the mean activation entering the
    head) and probabilities of the predicted class, (passes,) each; 'compare' rows (scaling, quantity,
    train_mode_mean, train_mode_std, eval_value, ratio); mc_uncertainty's rows on the validation set."""
    x, block = x_val[point:point + 1], model.blocks[0]
    model.eval()
    with torch.inference_mode():
        hidden_eval = block.act(block.linear(x))
        logits_eval = model(x)
    predicted = int(logits_eval.argmax())
    draws, compare = {}, []
    for scaling, layer in (("inverted", block.drop),
                           ("forgot to scale", UnscaledDropout(p, torch.Generator().manual_seed(seed + 7)))):
        layer.train()
        with torch.inference_mode():
            h = layer(hidden_eval.repeat(passes, 1))
            logits = model.head(h)
        layer.eval()
        draws[scaling] = h.mean(1), logits.softmax(1)[:, predicted]
        for quantity, values, value in (("hidden mean", h.mean(1), hidden_eval.mean().item()),
                                        ("logit", logits[:, predicted], logits_eval[0, predicted].item())):
            compare.append({"scaling": scaling, "quantity": quantity, "train_mode_mean": values.mean().item(),
                            "train_mode_std": values.std().item(), "eval_value": value,
                            "ratio": values.mean().item() / value if value else math.nan})
    return predicted, draws, compare, mc_uncertainty(model, x_val, y_val, min(passes, 200))


def inference_settings(cfg: InferenceConfig) -> dict:
    model = ModelConfig(width=cfg.width, depth=1, dropout=cfg.p, seed=cfg.seed)
    return {"data": toy_settings(cfg), "model": mlp_settings(model), "init": INIT,
            "train": training("inference", cfg.steps), "point": cfg.point, "p": cfg.p, "passes": cfg.passes,
            "seed": cfg.seed}


def dropout_inference(cfg: InferenceConfig) -> dict[str, pd.DataFrame]:
    """dropout_at_test after training: 'samples': scaling, pass, hidden_mean, probability; 'compare';
    'uncertainty': outcome (correct/wrong), points, mean_std; 'point': x1, x2, label, predicted; 'health' and
    'histograms' of the training (core.train)."""
    s = inference_settings(cfg)
    data = Dataset(*toy_data(**s["data"]), 3)
    model = initialized_mlp(2, 3, s["model"], s["init"])
    trained = train(model, data, TrainConfig(**s["train"], seed=cfg.seed), variant="dropout")
    predicted, draws, compare, uncertainty = dropout_at_test(model, data.x_val, data.y_val, cfg.point, cfg.p,
                                                             cfg.passes, cfg.seed)
    samples = [pd.DataFrame({"scaling": scaling, "pass": range(cfg.passes), "hidden_mean": h, "probability": q})
               for scaling, (h, q) in draws.items()]
    x = data.x_val[cfg.point]
    return {"samples": pd.concat(samples, ignore_index=True), "compare": pd.DataFrame(compare),
            "uncertainty": pd.DataFrame(uncertainty),
            "point": pd.DataFrame({"x1": [x[0].item()], "x2": [x[1].item()], "label": [int(data.y_val[cfg.point])],
                                   "predicted": [predicted]}), **healths([trained])}


# 5. DropConnect -----------------------------------------------------------------------------------
class DropConnectLinear(nn.Linear):
    """y = (M ⊙ W) x / (1-p) + b with M_ij ~ Bernoulli(1-p) drawn per forward (Wan et al. 2013, with
    inverted scaling so that eval is the plain layer y = W x + b). `last_mask` keeps the last M."""

    def __init__(self, d_in, d_out, p, generator=None):
        super().__init__(d_in, d_out)
        self.p, self.generator, self.last_mask = p, generator, None

    def forward(self, x):
        if not self.training or self.p == 0:
            return F.linear(x, self.weight, self.bias)
        mask = torch.rand(self.weight.shape, generator=self.generator) >= self.p
        self.last_mask = mask
        return F.linear(x, self.weight * mask / (1 - self.p), self.bias)


class ReLU(nn.ReLU):
    """torch's ReLU with a name, by which the lab's training-health record (core.health) looks up its
    derivative, as for the lab's other activation layers (core.nn.Act). Computes exactly nn.ReLU."""
    name, knobs = "relu", {}


class NoisyMLP(nn.Module):
    """2 -> width -> width -> K with ReLU; noise where the lecture puts it: 'none', 'dropout' on the
    hidden activations, or 'dropconnect' on the weights of the 2nd layer and the head. Same shapes in
    all three, so the same seed gives the same initial weights."""

    def __init__(self, kind, p, d_in, width, classes, seed):
        super().__init__()
        g = torch.Generator().manual_seed(seed + 1)
        q = p if kind == "dropconnect" else 0.0
        self.fc1 = nn.Linear(d_in, width)
        self.fc2, self.head = DropConnectLinear(width, width, q, g), DropConnectLinear(width, classes, q, g)
        self.relu1, self.relu2 = ReLU(), ReLU()
        self.drop = SeededDropout(p if kind == "dropout" else 0.0, g)

    def forward(self, x):
        h = self.drop(self.relu1(self.fc1(x)))
        h = self.drop(self.relu2(self.fc2(h)))
        return self.head(h)

    def acts(self):  # the hidden layers, for the health record (as core.models.MLP)
        return [self.relu1, self.relu2]

    def weights(self):
        return [self.fc1, self.fc2]


@dataclass(frozen=True)
class DropConnectConfig:
    p: float = num(0.5, 0.05, 0.9, step=0.05, key="p")
    n_train: int = num(60, 20, 500, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 128


def dropconnect_settings(cfg: DropConnectConfig) -> dict:
    return {"data": toy_settings(cfg), "kinds": ("none", "dropout", "dropconnect"), "p": cfg.p, "width": cfg.width,
            "init": INIT, "seed": cfg.seed, "train": training("dropconnect", cfg.steps)}


def dropconnect(cfg: DropConnectConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of NoisyMLP's kinds: no noise, dropout p, DropConnect p. 'history', 'summary', 'health' and
    'histograms' (core.train)."""
    s = dropconnect_settings(cfg)
    data = Dataset(*toy_data(**s["data"]), 3)
    build = lambda kind: init_weights(NoisyMLP(kind, cfg.p, 2, cfg.width, 3, cfg.seed), s["init"], 0.0, cfg.seed)
    runs = twin_runs(build, list(s["kinds"]), data, TrainConfig(**s["train"], seed=cfg.seed))
    return {"history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs]), **healths(runs)}


# 6. Fractional max pooling -------------------------------------------------------------------------
FMP_RATIO = 1 / math.sqrt(2)  # Graham 2014: shrink by √2 per layer instead of 2


class SeededFractionalPool(nn.Module):
    """Fractional max pooling (kernel 2, output ratio r) whose pseudo-random regions come from its own
    generator: fresh regions on every training forward, one fixed set of regions in eval mode."""

    def __init__(self, ratio=FMP_RATIO, generator=None):
        super().__init__()
        self.ratio, self.generator = ratio, generator

    def forward(self, x):
        n, c = x.shape[:2]
        u = torch.rand(n, c, 2, generator=self.generator) if self.training else torch.full((n, c, 2), 0.5)
        return F.fractional_max_pool2d(x, 2, output_ratio=(self.ratio, self.ratio), _random_samples=u.to(x.dtype))


def max_pool(seed):
    """Plain 2x2 max pooling: fixed regions, nothing drawn (the seed is not used)."""
    return nn.MaxPool2d(2)


def fractional_pool(seed):
    return SeededFractionalPool(FMP_RATIO, torch.Generator().manual_seed(seed + 3))


# The two poolings the CNN is trained with: name -> the pooling layer for a seed.
POOLS = {"2x2 max": max_pool, "fractional": fractional_pool}


def pooling_regions(size, u, ratio=FMP_RATIO):
    """Start rows and start columns of the 2x2 pooling regions torch uses for samples u: (1, 1, 2).

    Read from torch itself: pooling a ramp image (value = position) returns each region's last pixel."""
    ramp = torch.arange(size * size, dtype=torch.float32).view(1, 1, size, size)
    _, idx = F.fractional_max_pool2d(ramp, 2, output_ratio=(ratio, ratio), return_indices=True, _random_samples=u)
    idx = idx[0, 0]
    rows = (idx[:, 0] // size - 1).tolist()
    cols = (idx[0, :] % size - 1).tolist()
    return rows, cols


def region_starts(size, draws, seed):
    """Where the pooling regions of a size x size image start: 2x2 max pooling's fixed ones (draw 0),
    then fractional max pooling's for `draws` random draws. Returns rows (pooling, draw, axis, start) and
    the draws' samples u: (1, 1, 2) each."""
    g = torch.Generator().manual_seed(seed)
    rows = [{"pooling": "2x2 max", "draw": 0, "axis": axis, "start": s} for axis in ("row", "col")
            for s in range(0, size, 2)]
    samples = []
    for draw in range(1, draws + 1):
        samples.append(torch.rand(1, 1, 2, generator=g))
        for axis, starts in zip(("row", "col"), pooling_regions(size, samples[-1])):
            rows += [{"pooling": "fractional", "draw": draw, "axis": axis, "start": s} for s in starts]
    return rows, samples


def upsample(x: torch.Tensor, size: int) -> torch.Tensor:
    """(N, 64) digits -> (N, 1, size, size) by nearest-neighbour enlargement (pixels stay pixels)."""
    return F.interpolate(x.view(-1, 1, 8, 8), size=(size, size), mode="nearest")


class DigitCNN(nn.Module):
    """Flat (N, 64) digits -> (N, 1, 8, 8) -> SmallCNN with the given pooling layer."""

    def __init__(self, pool, activation="relu", channels=16):
        super().__init__()
        self.cnn = SmallCNN(channels=channels, classes=10, activation=activation, pool=pool)

    def forward(self, x):
        return self.cnn(x.view(-1, 1, 8, 8))


@dataclass(frozen=True)
class FractionalConfig:
    size: int = num(16, 8, 32, step=8, key="size")  # the drawn digit, enlarged for visibility (the CNN sees 8x8)
    draw: int = num(3, 1, 8, key="draw")  # how many random region sets to draw (at least one)
    n_train: int = num(200, 50, 300, step=50, key="n")
    steps: int = num(100, 20, 120, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def fractional_settings(cfg: FractionalConfig) -> dict:
    return {"size": cfg.size, "draws": cfg.draw, "data": digit_settings(cfg), "pools": tuple(POOLS),
            "activation": "relu", "init": INIT, "seed": cfg.seed, "train": training("fractional", cfg.steps)}


def fractional_pooling(cfg: FractionalConfig) -> dict[str, pd.DataFrame]:
    """'image': row, col, value (one digit, enlarged); 'regions': region_starts; 'pooled': pooling, row,
    col, value; 'history', 'summary' of the small CNN trained with each of POOLS (twin runs)."""
    x, _ = digit_pixels()
    image = upsample(x[cfg.seed % len(x)][None], cfg.size)
    regions, samples = region_starts(cfg.size, cfg.draw, cfg.seed)
    pooled = [("2x2 max", F.max_pool2d(image, 2)),
              ("fractional", F.fractional_max_pool2d(image, 2, output_ratio=(FMP_RATIO, FMP_RATIO),
                                                     _random_samples=samples[0]))]
    s = fractional_settings(cfg)
    data = Dataset(*digit_data(**s["data"]), 10)
    build = lambda pool: init_weights(DigitCNN(POOLS[pool](cfg.seed), s["activation"]), s["init"], 0.0, cfg.seed)
    runs = twin_runs(build, list(s["pools"]), data, TrainConfig(**s["train"], seed=cfg.seed))
    return {"image": _pixels(image[0, 0]).assign(pooling="input"), "regions": pd.DataFrame(regions),
            "pooled": pd.concat([_pixels(p[0, 0]).assign(pooling=name) for name, p in pooled], ignore_index=True),
            "history": histories(runs), "summary": pd.DataFrame([gap_row(r) for r in runs])}


def _pixels(img: torch.Tensor) -> pd.DataFrame:
    rows, cols = torch.meshgrid(torch.arange(img.shape[0]), torch.arange(img.shape[1]), indexing="ij")
    return pd.DataFrame({"row": rows.flatten(), "col": cols.flatten(), "value": img.flatten()})


# 7. Stochastic depth -------------------------------------------------------------------------------
def survival(block, blocks, p_last):
    """Huang et al. 2016's linear decay: p_l = 1 - l/L (1 - p_L) for block l of L; the input (l = 0) always
    survives."""
    return 1 - block / blocks * (1 - p_last)


def survival_rows(blocks, p_last):
    """block, p: each block's survival probability."""
    return [{"block": block, "p": survival(block, blocks, p_last)} for block in range(1, blocks + 1)]


class StochasticBlock(nn.Module):
    """x + b f(x) in training with b ~ Bernoulli(p) once per forward (the whole block is skipped for the
    whole batch, as in the paper); x + p f(x) at test: the expectation of the training output."""

    SKIPS_STEPS = True  # a skipped block's parameters get no gradient at that step (core.flat.skipping)

    def __init__(self, f, p, generator=None):
        super().__init__()
        self.f, self.p, self.generator = f, p, generator

    def forward(self, x):
        if not self.training:
            return x + self.p * self.f(x)
        if torch.rand(1, generator=self.generator).item() < self.p:
            return x + self.f(x)
        return x


class ResidualMLP(nn.Module):
    """D -> width, then `blocks` residual blocks f(x) = W2 relu(W1 x), then the head. Block l survives
    with survival(l, blocks, p_last) in training (p_last = 1: every block always on)."""

    def __init__(self, d_in, width, blocks, classes, p_last, seed, activation="relu"):
        super().__init__()
        g = torch.Generator().manual_seed(seed + 1)
        self.stem, self.head = nn.Linear(d_in, width), nn.Linear(width, classes)
        self.blocks = nn.ModuleList(
            StochasticBlock(nn.Sequential(nn.Linear(width, width), Act(activation), nn.Linear(width, width)),
                            survival(block, blocks, p_last), g) for block in range(1, blocks + 1))

    def forward(self, x):
        x = torch.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        return self.head(torch.relu(x))

    def acts(self):
        """Each block's activation layer (core.train records their health; a block skipped at a logged step
        has no activations there: its row of the record is empty)."""
        return [block.f[1] for block in self.blocks]

    def weights(self):
        """The weight feeding each block's activation."""
        return [block.f[0] for block in self.blocks]


@dataclass(frozen=True)
class DepthConfig:
    p_last: float = num(0.5, 0.1, 1.0, step=0.05, key="pL")  # the paper's default p_L = 0.5
    blocks: int = num(6, 2, 10, key="blocks")
    n_train: int = num(100, 50, 300, step=50, key="n")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 32


def depth_settings(cfg: DepthConfig) -> dict:
    """p_last: the twin runs' p_L, every block always on ('none') and stochastic depth."""
    return {"data": digit_settings(cfg), "width": cfg.width, "blocks": cfg.blocks, "activation": "relu",
            "p_last": {"none": 1.0, "stochastic depth": cfg.p_last}, "init": INIT, "seed": cfg.seed,
            "train": training("depth", cfg.steps)}


def stochastic_depth(cfg: DepthConfig) -> dict[str, pd.DataFrame]:
    """Residual MLP on few digits, twin runs without and with stochastic depth. 'survival': block, p;
    'history'; 'summary'."""
    s = depth_settings(cfg)
    data = Dataset(*digit_data(**s["data"]), 10)
    build = lambda v: init_weights(ResidualMLP(64, cfg.width, cfg.blocks, 10, s["p_last"][v], cfg.seed,
                                               s["activation"]), s["init"], 0.0, cfg.seed)
    runs = twin_runs(build, list(s["p_last"]), data, TrainConfig(**s["train"], seed=cfg.seed))
    return {"survival": pd.DataFrame(survival_rows(cfg.blocks, cfg.p_last)), "history": histories(runs),
            "summary": pd.DataFrame([gap_row(r) for r in runs]), **healths(runs)}


# 8. Data augmentation ------------------------------------------------------------------------------
class Augment(nn.Module):
    """Label-preserving random changes of (N, 1, 8, 8) digits, active in training only: a shift of up to
    `shift` pixels, a rotation of up to `rotate` degrees and a scaling by up to ±`scale`, all drawn per
    image from the module's generator (one affine warp, bilinear, zeros outside)."""

    def __init__(self, shift, rotate, scale, generator=None):
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


class AugmentedMLP(nn.Sequential):
    """Image in, a change of it, flat, the MLP last: its hidden layers are the MLP's (for the health record)."""

    def acts(self):
        return self[-1].acts()

    def weights(self):
        return self[-1].weights()


def augmented_mlp(mlp, augmented, shift, rotate, scale, seed):
    """(N, 64) -> image -> Augment, when `augmented` (training only; its own generator, seed + 6) -> flat ->
    mlp. An MLP has no built-in tolerance to shifts (a CNN with global pooling has some), so it gains most."""
    augment = Augment(shift, rotate, scale, torch.Generator().manual_seed(seed + 6)) if augmented else nn.Identity()
    return AugmentedMLP(nn.Unflatten(1, (1, 8, 8)), augment, nn.Flatten(), mlp)


def augment_settings(cfg: AugmentConfig) -> dict:
    return {"data": digit_settings(cfg), "model": mlp_settings(ModelConfig(width=128, depth=1, seed=cfg.seed)),
            "init": INIT, "warp": {"shift": cfg.shift, "rotate": cfg.rotate, "scale": cfg.scale}, "seed": cfg.seed,
            "train": training("augment", cfg.steps)}


def augmentation(cfg: AugmentConfig) -> dict[str, pd.DataFrame]:
    """'grid': example, version (0 = original), row, col, value; twin runs of an MLP with one hidden layer
    of 128 units without and with the augmentation (augmented_mlp): 'history', 'summary', 'health' and
    'histograms'."""
    s = augment_settings(cfg)
    data = Dataset(*digit_data(**s["data"]), 10)
    aug = Augment(cfg.shift, cfg.rotate, cfg.scale, torch.Generator().manual_seed(cfg.seed + 5))
    images = data.x_train[:cfg.examples].view(-1, 1, 8, 8)
    grid = [_pixels(images[e, 0]).assign(example=e + 1, version=0) for e in range(cfg.examples)]
    for v in range(1, cfg.versions):
        warped = aug(images)
        grid += [_pixels(warped[e, 0]).assign(example=e + 1, version=v) for e in range(cfg.examples)]
    build = lambda v: augmented_mlp(initialized_mlp(64, 10, s["model"], s["init"]), v == "augmented", **s["warp"],
                                    seed=cfg.seed)
    runs = twin_runs(build, ["plain", "augmented"], data, TrainConfig(**s["train"], seed=cfg.seed))
    return {"grid": pd.concat(grid, ignore_index=True), "history": histories(runs),
            "summary": pd.DataFrame([gap_row(r) for r in runs]), **healths(runs)}


# 9. Ensembles --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnsembleConfig:
    models: int = num(5, 2, 8, key="K")
    n_train: int = num(60, 20, 500, step=10, key="n")
    noise: float = num(0.4, 0.0, 1.0, step=0.05, key="noise")
    steps: int = num(150, 50, 300, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 64


def probabilities(model, x):
    """The model's class probabilities softmax(logits): (N, K), in eval mode."""
    model.eval()
    with torch.inference_mode():
        return model(x).softmax(1)


def probability_scores(p, y):
    """Accuracy and cross-entropy of class probabilities p: (N, K) against labels y."""
    return {"val_accuracy": (p.argmax(1) == y).float().mean().item(),
            "val_loss": F.nll_loss(p.clamp_min(1e-12).log(), y).item()}


def ensemble_scores(probs, y):
    """probs: each member's class probabilities on the validation set, in order. 'models' rows: model,
    val_accuracy, val_loss of each member alone; 'growing' rows: k, val_accuracy, val_loss of the average of
    the first k members' probabilities, beside model_val_accuracy, model_val_loss of the k-th alone."""
    models, growing = [], []
    for k, p in enumerate(probs, start=1):
        alone = probability_scores(p, y)
        models.append({"model": f"model {k}", **alone})
        growing.append({"k": k, **probability_scores(torch.stack(probs[:k]).mean(0), y),
                        "model_val_accuracy": alone["val_accuracy"], "model_val_loss": alone["val_loss"]})
    return models, growing


def ensemble_member(model, init, k):
    """Member k of the ensemble: the MLP of `model` settings (2 -> 3), with its own initial weights from
    the seed + 1000 k."""
    return initialized_mlp(2, 3, {**model, "seed": model["seed"] + 1000 * k}, init)


def ensemble_settings(cfg: EnsembleConfig) -> dict:
    return {"data": toy_settings(cfg), "model": mlp_settings(ModelConfig(width=cfg.width, depth=2, seed=cfg.seed)),
            "init": INIT, "members": cfg.models, "train": training("ensemble", cfg.steps)}


def ensemble(cfg: EnsembleConfig) -> dict[str, pd.DataFrame]:
    """K MLPs on the same data, each with its own initial weights (ensemble_member): ensemble_scores'
    'models' and 'growing'; 'health' and 'histograms' of the members' training (variant 'model k')."""
    s = ensemble_settings(cfg)
    data = Dataset(*toy_data(**s["data"]), 3)
    runs = train_many([Job(ensemble_member(s["model"], s["init"], k), TrainConfig(**s["train"], seed=cfg.seed),
                           f"model {k + 1}") for k in range(cfg.models)], data)
    probs = [probabilities(r.model, data.x_val) for r in runs]
    models, growing = ensemble_scores(probs, data.y_val)
    return {"models": pd.DataFrame(models), "growing": pd.DataFrame(growing), **healths(runs)}


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
    **cards_of("regularization"),  # paper cards (core/cards.py)
}
