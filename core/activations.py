"""Lecture 5, activation functions: each claim of the slides as an experiment `config -> frames`."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F

from core.data import DATA_CHOICES, DataConfig, data_dim, make_dataset
from core.models import ModelConfig, build_mlp
from core.nn import ACTIVATIONS, ELEMENTWISE, SATURATED_SLOPE, SLOPES
from core.parallel import each
from core.params import choice, multi, num
from core.train import TrainConfig, affordable_steps, healths, histories, summary, twin_runs


# 1. Shapes -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShapesConfig:
    activations: tuple = multi(("sigmoid", "tanh", "relu", "leaky_relu", "elu", "maxout"), tuple(ACTIVATIONS),
                               key="acts")
    slope: float = num(0.1, 0.0, 0.5, step=0.01, key="slope")  # larger than PyTorch's 0.01 so the slope shows
    alpha: float = num(1.0, 0.1, 3.0, step=0.1, key="alpha")
    k: int = num(3, 2, 8, key="k")
    span: float = num(6.0, 1.0, 10.0, step=0.5, key="span")
    points: int = 401


def maxout_pieces(k: int, span: float) -> tuple[torch.Tensor, torch.Tensor]:
    """k tangent lines of z^2/4 spread over [-span/2, span/2]: slopes w and intercepts b."""
    at = torch.linspace(-span / 2, span / 2, k)
    return at / 2, -at ** 2 / 4


def shapes(cfg: ShapesConfig) -> pd.DataFrame:
    """Columns: activation, z, f, df, saturated (|f'(z)| < 0.01)."""
    z = torch.linspace(-cfg.span, cfg.span, cfg.points)
    knobs = {"slope": cfg.slope, "alpha": cfg.alpha}
    frames = [pd.DataFrame({"activation": name, "z": z, "f": ACTIVATIONS[name](z, **knobs),
                            "df": SLOPES[name](z, **knobs)})
              for name in ELEMENTWISE if name in cfg.activations]
    if "maxout" in cfg.activations:
        w, b = maxout_pieces(cfg.k, cfg.span)
        pieces = z[:, None] * w + b
        frames.append(pd.DataFrame({"activation": "maxout", "z": z, "f": pieces.max(dim=1).values,
                                    "df": w[pieces.argmax(dim=1)]}))
    out = pd.concat(frames, ignore_index=True)
    out["saturated"] = out["df"].abs() < SATURATED_SLOPE
    return out


# 2. Saturation kills gradients -------------------------------------------------------------------
@dataclass(frozen=True)
class SaturationConfig:
    mu: float = num(0.0, -10.0, 10.0, step=0.5, key="mu")
    sigma: float = num(3.0, 0.1, 10.0, step=0.1, key="sigma")
    layers: int = num(10, 1, 50, key="layers")
    units: int = 20000
    seed: int = num(0, 0, 9999, key="seed")


def gradient_through_layers(mu, sigma, layers, units, seed, activations):
    """Pre-activations z ~ N(mu, sigma^2), drawn afresh in each of `layers` layers of `units` units.

    Returns two lists of rows. 'fractions': activation, saturated (|f'(z)| < 0.01 in a layer),
    mean_abs_slope, gradient_left (after all layers). 'gradient': activation, layer, gradient: the mean of
    |f'(z_1) ... f'(z_l)| over units, how much of an upstream gradient of 1 is left after passing back
    through l layers (weights left out)."""
    g = torch.Generator().manual_seed(seed)
    z = mu + sigma * torch.randn(layers, units, generator=g)
    fractions, gradient = [], []
    for name in activations:
        slopes = SLOPES[name](z)
        left = slopes.abs().cumprod(dim=0).mean(dim=1)  # backprop multiplies by f'(z_l) at every layer
        fractions.append({"activation": name, "saturated": (slopes[0].abs() < SATURATED_SLOPE).float().mean().item(),
                          "mean_abs_slope": slopes[0].abs().mean().item(), "gradient_left": left[-1].item()})
        gradient += [{"activation": name, "layer": i + 1, "gradient": v} for i, v in enumerate(left.tolist())]
    return fractions, gradient


def saturation_settings(cfg: SaturationConfig) -> dict:
    return {"mu": cfg.mu, "sigma": cfg.sigma, "layers": cfg.layers, "units": cfg.units, "seed": cfg.seed,
            "activations": ELEMENTWISE}


def saturation(cfg: SaturationConfig) -> dict[str, pd.DataFrame]:
    """gradient_through_layers for every elementwise activation: 'fractions' and 'gradient'."""
    fractions, gradient = gradient_through_layers(**saturation_settings(cfg))
    return {"fractions": pd.DataFrame(fractions), "gradient": pd.DataFrame(gradient)}


# 3. Not zero-centered -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ZigzagConfig:
    target_w1: float = num(1.0, 0.2, 2.0, step=0.1, key="w1")
    target_w2: float = num(-1.0, -2.0, -0.2, step=0.1, key="w2")  # quadrant 4: w1 > 0 > w2
    lr: float = num(0.3, 0.01, 1.0, step=0.01, key="lr")
    max_steps: int = num(2000, 100, 5000, step=100, key="steps")
    tolerance: float = 0.05
    seed: int = num(0, 0, 9999, key="seed")


def zigzag_runs(target_w1, target_w2, lr, max_steps, tolerance, seed):
    """One unit y = w . x, fitted one example at a time (SGD, batch 1) to w* = (target_w1, target_w2).

    'positive': x ~ U(0, 1)^2, like sigmoid outputs: dL/dw = (w.x - y) x has the sign of x for both
    weights, so each step moves along quadrant 1 or 3. 'centered': 2x - 1 in (-1, 1), like tanh
    outputs (tanh(z) = 2 sigmoid(2z) - 1). Returns two lists of rows: 'paths' (inputs, step, w1, w2,
    same_sign: both components of the update share a sign) and 'steps' (inputs, steps_to_target, None
    when not within `tolerance` of w* after max_steps; same_sign_fraction)."""
    target = torch.tensor([target_w1, target_w2])
    g = torch.Generator().manual_seed(seed)
    u = torch.rand(max_steps, 2, generator=g)
    paths, steps = [], []
    for inputs, x_all in (("positive", u), ("centered", 2 * u - 1)):
        w = torch.zeros(2)
        rows, reached, same = [{"inputs": inputs, "step": 0, "w1": 0.0, "w2": 0.0, "same_sign": True}], None, 0
        for t in range(max_steps):
            x = x_all[t]
            dw = (w @ x - target @ x) * x  # gradient of 0.5 (w.x - w*.x)^2: a multiple of x
            w = w - lr * dw
            same_sign = bool((dw[0] * dw[1]) >= 0)
            same += same_sign
            rows.append({"inputs": inputs, "step": t + 1, "w1": w[0].item(), "w2": w[1].item(),
                         "same_sign": same_sign})
            if (w - target).norm() < tolerance:
                reached = t + 1
                break
        paths += rows
        steps.append({"inputs": inputs, "steps_to_target": reached, "same_sign_fraction": same / (len(rows) - 1)})
    return paths, steps


def zigzag_settings(cfg: ZigzagConfig) -> dict:
    return {"target_w1": cfg.target_w1, "target_w2": cfg.target_w2, "lr": cfg.lr, "max_steps": cfg.max_steps,
            "tolerance": cfg.tolerance, "seed": cfg.seed}


def zigzag(cfg: ZigzagConfig) -> dict[str, pd.DataFrame]:
    """zigzag_runs as frames: 'paths' and 'steps'."""
    paths, steps = zigzag_runs(**zigzag_settings(cfg))
    return {"paths": pd.DataFrame(paths, columns=["inputs", "step", "w1", "w2", "same_sign"]),
            "steps": pd.DataFrame(steps)}


# 4. exp() is expensive ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CostConfig:
    elements: int = num(1_000_000, 10_000, 2_000_000, step=10_000, key="elements")
    repeats: int = num(7, 3, 25, key="repeats")
    trial: int = num(0, 0, 1000, key="trial")  # change to measure again


def cost(cfg: CostConfig) -> pd.DataFrame:
    """Forward+backward seconds per activation (median of repeats), and the ratio to ReLU."""
    x = torch.randn(cfg.elements, generator=torch.Generator().manual_seed(cfg.trial)).requires_grad_()
    for name in ELEMENTWISE:  # one untimed pass of each first: the process's heap grows to what the passes use
        ACTIVATIONS[name](x).sum().backward()  # (else the first activation timed pays the page faults)
        x.grad = None
    rows = []
    for name in ELEMENTWISE:
        times = []
        for _ in range(cfg.repeats + 1):  # the first pass warms up and is dropped
            t0 = time.thread_time()  # this thread's CPU time: other sessions' work on the cores does not count
            ACTIVATIONS[name](x).sum().backward()
            times.append(time.thread_time() - t0)
            x.grad = None
        rows.append({"activation": name, "seconds": float(torch.tensor(times[1:]).median())})
    out = pd.DataFrame(rows)
    out["relative_to_relu"] = out.seconds / out.set_index("activation").seconds["relu"]
    return out


# 5. Dead ReLUs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadConfig:
    optimizer: str = choice("adam", ("sgd", "adam"), key="opt")
    lr: float = num(0.5, 1e-3, 5.0, log=True, key="lr")  # Adam at 0.5 kills ~45% of ReLUs here (tested)
    slope: float = num(0.1, 0.01, 0.5, step=0.01, key="slope")  # Leaky ReLU's negative slope
    width: int = num(100, 10, 256, step=2, key="width")
    depth: int = num(2, 1, 4, key="depth")
    steps: int = num(150, 50, 1000, step=50, key="steps")
    activations: tuple = multi(("relu", "leaky_relu", "elu"), ELEMENTWISE, key="acts")
    seed: int = num(0, 0, 9999, key="seed")

    def limit(self) -> dict:
        dims = [2] + [self.width] * self.depth + [3]
        return {"steps": affordable_steps(210, dims, self.steps, len(self.activations))}


def dead_spec(cfg: DeadConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What the dead-ReLU run trains: data, one model config per activation, training settings."""
    models = {a: ModelConfig(width=cfg.width, depth=cfg.depth, activation=a, slope=cfg.slope, seed=cfg.seed)
              for a in cfg.activations}
    tcfg = TrainConfig(optimizer=cfg.optimizer, lr=cfg.lr, steps=cfg.steps, seed=cfg.seed,
                       eval_every=max(cfg.steps // 20, 1))
    return DataConfig(seed=cfg.seed), models, tcfg


def dead_units(cfg: DeadConfig) -> dict[str, pd.DataFrame]:
    """Spiral, full-batch training at cfg.lr. 'dead': activation, step, layer, dead (the fraction of units
    with f'(z) = 0 on every training point, from the runs' health record at its logged steps); 'history',
    'summary', 'health' and 'histograms' as in core.train."""
    data_cfg, models, tcfg = dead_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda a: build_mlp(models[a], 2, 3)
    runs = twin_runs(build, list(models), data, tcfg)
    health = healths(runs)
    stats = health["health"]
    dead = stats[stats.stat == "dead"].rename(columns={"variant": "activation", "value": "dead"})
    return {"dead": dead[["activation", "step", "layer", "dead"]].reset_index(drop=True),
            "history": histories(runs), "summary": summary(runs), **health}


# 6. Maxout ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MaxoutConfig:
    max_k: int = num(6, 2, 8, key="maxk")
    steps: int = num(400, 50, 800, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def fit_maxout(k, steps, seed):
    """Fit y = x^2 on [-1, 1] (201 points) with one maxout unit max_j (w_j x + b_j), j = 1..k (k = 1 is a
    linear unit), Adam at lr 0.05 for `steps` steps. Returns x, the fit and its mean squared error."""
    x = torch.linspace(-1, 1, 201)[:, None]
    y = x ** 2
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(1, k, generator=g).requires_grad_()
    b = (0.1 * torch.randn(k, generator=g)).requires_grad_()
    opt = torch.optim.Adam([w, b], lr=0.05)
    for _ in range(steps):
        loss = F.mse_loss((x @ w + b).max(dim=1, keepdim=True).values, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        pred = (x @ w + b).max(dim=1).values
    return x[:, 0], pred, F.mse_loss(pred, y[:, 0]).item()


def maxout_fit(cfg: MaxoutConfig) -> dict[str, pd.DataFrame]:
    """fit_maxout for k = 1..max_k: 'fit' (k, x, y: the model, target) and 'error' (k, mse)."""
    fits, errors = [], []
    ks = range(1, cfg.max_k + 1)
    for k, (x, pred, mse) in zip(ks, each(fit_maxout, [(k, cfg.steps, cfg.seed) for k in ks])):  # independent fits
        fits.append(pd.DataFrame({"k": k, "x": x, "y": pred, "target": x ** 2}))
        errors.append({"k": k, "mse": mse})
    return {"fit": pd.concat(fits, ignore_index=True), "error": pd.DataFrame(errors)}


# 7. The race ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RaceConfig:
    activations: tuple = multi(("sigmoid", "tanh", "relu", "leaky_relu", "elu"), tuple(ACTIVATIONS), key="acts")
    dataset: str = choice("spiral", DATA_CHOICES, key="data")
    noise: float = num(0.2, 0.0, 1.0, step=0.05, key="noise")
    n: int = num(300, 60, 1500, step=30, key="n")
    width: int = num(64, 4, 256, step=4, key="width")
    depth: int = num(2, 1, 6, key="depth")
    optimizer: str = choice("adam", ("sgd", "momentum", "adam"), key="opt")
    lr: float = num(0.01, 1e-4, 1.0, log=True, key="lr")
    steps: int = num(200, 20, 1500, step=20, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    grid: int = 60  # decision-boundary resolution: grid x grid points

    def limit(self) -> dict:
        dims = [data_dim(self.dataset)] + [self.width * (2 if "maxout" in self.activations else 1)] * self.depth + [3]
        return {"steps": affordable_steps(int(0.7 * self.n), dims, self.steps, len(self.activations))}


def decision_grid(model, x: torch.Tensor, size: int) -> pd.DataFrame:
    """The model's predicted class on a size x size grid over x's range (plus a margin): x1, x2, class."""
    lo, hi = x.min(0).values - 0.2, x.max(0).values + 0.2
    g1, g2 = torch.meshgrid(torch.linspace(lo[0], hi[0], size), torch.linspace(lo[1], hi[1], size), indexing="ij")
    pts = torch.stack([g1.ravel(), g2.ravel()], 1)
    model.eval()
    with torch.inference_mode():
        pred = model(pts).argmax(1)
    return pd.DataFrame({"x1": pts[:, 0], "x2": pts[:, 1], "class": pred})


def race_spec(cfg: RaceConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What the race trains: data, one model config per activation, training settings."""
    models = {a: ModelConfig(width=cfg.width, depth=cfg.depth, activation=a, seed=cfg.seed) for a in cfg.activations}
    tcfg = TrainConfig(optimizer=cfg.optimizer, lr=cfg.lr, steps=cfg.steps, seed=cfg.seed,
                       eval_every=max(cfg.steps // 60, 1))
    return DataConfig(name=cfg.dataset, n=cfg.n, noise=cfg.noise, seed=cfg.seed), models, tcfg


def race(cfg: RaceConfig) -> dict[str, pd.DataFrame]:
    """Twin runs differing only in activation: 'history', 'summary' (with seconds), 'boundary'
    (activation, x1, x2, class) and 'points' (the training data)."""
    data_cfg, models, tcfg = race_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda a: build_mlp(models[a], data.dim, data.classes)
    runs = twin_runs(build, list(models), data, tcfg, timed=True)  # one after another, each alone: each is timed
    planar = data.dim == 2  # a decision boundary of 2-D points only: empty frames for the 1-D digits' 40 inputs
    x = data.x_train if planar else data.x_train[:0]
    boundary = [decision_grid(r.model, x, cfg.grid).assign(activation=r.variant) for r in runs if planar]
    empty = pd.DataFrame(columns=["x1", "x2", "class", "activation"])
    points = pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "class": data.y_train[:len(x)]})
    return {"history": histories(runs), "summary": summary(runs), **healths(runs),
            "boundary": pd.concat(boundary or [empty], ignore_index=True), "points": points}


# A run is called faster than another only when it took under FASTER of the other's time: the same run's time
# varies by up to about TIMING_NOISE between repeats on a shared 2-core box (python -m bench prints medians for
# that reason).
TIMING_NOISE, FASTER = 0.10, 0.85


def race_times(summary: pd.DataFrame) -> pd.Series:
    """The seconds of the runs that trained every step, by variant, fastest first: a run that diverged stopped
    early, so its time says nothing about its activation (summary: core.train.summary's columns)."""
    finished = summary[summary.diverged_at.isna()]
    return finished.set_index("variant").seconds.sort_values()


def fastest(seconds: dict[str, float]) -> str | None:
    """The variant whose run took least time, or None when there is no other run or the runner-up is too close to
    call it faster (FASTER): timing noise, not the activation, would pick it."""
    order = sorted(seconds, key=seconds.get)
    return order[0] if len(order) > 1 and seconds[order[0]] < FASTER * seconds[order[1]] else None


# The page's parts in order, each with its default config: the page opens on the first one.
# `python -m bench` times each of them; tests walk them.
EXPERIMENTS = {
    "shapes": (shapes, ShapesConfig()),
    "saturation": (saturation, SaturationConfig()),
    "zigzag": (zigzag, ZigzagConfig()),
    "cost": (cost, CostConfig()),
    "dead": (dead_units, DeadConfig()),
    "maxout": (maxout_fit, MaxoutConfig()),
    "race": (race, RaceConfig()),
}
