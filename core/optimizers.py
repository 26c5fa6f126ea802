"""Lectures 6-7, optimizers: each claim of the slides as an experiment `config -> frames`.

The 2-D experiments run in float64 (a start 1e-8 off a saddle's ridge must survive) with plain functions
of primitives (`descend`, `race_runs`, `inside_runs`, `saddle_escape`, `convergence`, `stability`) that
the exported scripts run as they are; the network experiments use the lab's one training loop
(core.train). The hand-written update rules of `rule_step` are the ones the page explains; tests check
them against torch.optim step for step.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pandas as pd
import torch

from core.cards import cards_of
from core.data import DATA_CHOICES, DataConfig, make_dataset
from core.models import ModelConfig, SmallCNN, build_mlp
from core.params import choice, flag, multi, num
from core.plain import OPTIMIZERS
from core.progress import report
from core.train import Job, TrainConfig, healths, histories, summary, train, train_many, twin_runs

FIRST_ORDER = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
SECOND_ORDER = ("newton", "lbfgs")
ALL_OPTIMIZERS = FIRST_ORDER + SECOND_ORDER
# The 2-D runs work in float64, so a start 1e-8 off a saddle's ridge does not round onto it.
D = torch.float64


# Surfaces --------------------------------------------------------------------------------------

# Each surface is (x, y, kappa) -> loss, elementwise on tensors; kappa is read by the quadratic only.
def quadratic(x, y, kappa):
    """The "taco shell" (x^2 + kappa y^2) / 2: a valley whose Hessian is diag(1, kappa)."""
    return 0.5 * (x ** 2 + kappa * y ** 2)


def saddle(x, y, kappa):
    """x^2 - y^2: a minimum along x, a maximum along y, a saddle point at the origin."""
    return x ** 2 - y ** 2


def rosenbrock(x, y, kappa):
    """A curved, flat-bottomed banana valley with its minimum 0 at (1, 1)."""
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def beale(x, y, kappa):
    """Flat plateaus and sharp ridges, minimum 0 at (3, 0.5)."""
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


def multimodal(x, y, kappa):
    """A bowl with ripples: a global minimum 0 at the origin and a ring of local minima around it."""
    return 0.1 * (x ** 2 + y ** 2) + 1 - torch.cos(2 * x) * torch.cos(2 * y)


SURFACES = {"quadratic": quadratic, "saddle": saddle, "rosenbrock": rosenbrock, "beale": beale,
            "multimodal": multimodal}


@dataclass(frozen=True)
class View:
    """How the page shows a surface."""
    box: tuple  # (x_lo, x_hi, y_lo, y_hi): the view, and where a path is stopped when it leaves
    minimum: float | None  # the lowest value (None: unbounded below)
    start: tuple  # a start point that tells the surface's story


VIEWS = {
    "quadratic": View((-2.5, 2.5, -1.5, 1.5), 0.0, (-2.2, 1.0)),
    "saddle": View((-2.0, 2.0, -2.0, 2.0), None, (-1.8, 0.02)),
    "rosenbrock": View((-2.0, 2.0, -1.0, 3.0), 0.0, (-1.5, 2.5)),
    "beale": View((-4.5, 4.5, -4.5, 4.5), 0.0, (-1.0, 1.5)),
    "multimodal": View((-4.0, 4.0, -4.0, 4.0), 0.0, (3.2, 2.4)),
}


def loss_at(surface, p, kappa=1.0):
    """p: (2,) or (N, 2) -> the surface's loss (scalar or (N,))."""
    return SURFACES[surface](p[..., 0], p[..., 1], kappa)


def in_view(p, box, margin=0.25):
    """Is the point p within the view box = (x_lo, x_hi, y_lo, y_hi) plus a 25% margin, and finite?"""
    x_lo, x_hi, y_lo, y_hi = box
    mx, my = margin * (x_hi - x_lo), margin * (y_hi - y_lo)
    x, y = float(p[0]), float(p[1])
    return math.isfinite(x) and math.isfinite(y) and x_lo - mx <= x <= x_hi + mx and y_lo - my <= y <= y_hi + my


def grid(surface: str, kappa: float, size: int) -> pd.DataFrame:
    """The loss on a size x size grid of cells: x, y (centers), x2, y2 (far corners), loss, level.
    level = log10(1 + loss - minimum), so a few decades of loss show as bands (a filled contour)."""
    x_lo, x_hi, y_lo, y_hi = VIEWS[surface].box
    xs, ys = torch.linspace(x_lo, x_hi, size + 1, dtype=D), torch.linspace(y_lo, y_hi, size + 1, dtype=D)
    cx, cy = (xs[:-1] + xs[1:]) / 2, (ys[:-1] + ys[1:]) / 2
    gx, gy = torch.meshgrid(cx, cy, indexing="ij")
    loss = SURFACES[surface](gx, gy, kappa).ravel()
    low = VIEWS[surface].minimum
    level = torch.log10(1 + loss - low) if low is not None else loss
    dx, dy = (x_hi - x_lo) / size, (y_hi - y_lo) / size
    return pd.DataFrame({"x": gx.ravel() - dx / 2, "y": gy.ravel() - dy / 2, "x2": gx.ravel() + dx / 2,
                         "y2": gy.ravel() + dy / 2, "loss": loss, "level": level})


# Running an optimizer on a surface ----------------------------------------------------------------

ADAMW_DECAY = 0.01  # torch.optim.AdamW's default; with 0 AdamW would be Adam


def weight_decay_of(optimizer):
    """Only AdamW decays weights on this page: its decoupled decay is what sets it apart from Adam."""
    return ADAMW_DECAY if optimizer == "adamw" else 0.0


def make_optimizer(name, p, lr, beta=0.9, weight_decay=ADAMW_DECAY):
    """The lab's optimizer `name` for the point p: the first-order methods from OPTIMIZERS (weight decay for
    AdamW only), L-BFGS, or None for Newton (stepped by hand in `descend`)."""
    if name == "newton":
        return None
    if name == "lbfgs":  # one iteration per step, so paths are comparable step by step
        return torch.optim.LBFGS([p], lr=lr, max_iter=1, max_eval=20, history_size=10,
                                 line_search_fn="strong_wolfe")
    return OPTIMIZERS[name]([p], lr=lr, momentum=beta, weight_decay=weight_decay if name == "adamw" else 0.0)


def descend(surface, box, start, optimizer, lr, steps, kappa=1.0, noise=0.0, beta=0.9, seed=0):
    """One optimizer's path from `start`: rows of step, x, y, loss, left (True on the row where the path
    left the view `box` or blew up; it stops there). Points that overflowed are dropped.

    Gradients get N(0, noise^2) added per coordinate (a stand-in for minibatch noise); Newton's
    step is p - lr H^-1 g with the exact Hessian (pseudo-inverse where it is singular)."""
    p = torch.tensor(start, dtype=D, requires_grad=True)
    g = torch.Generator().manual_seed(seed)
    opt = make_optimizer(optimizer, p, lr, beta)

    def closure():  # torch.optim's protocol; L-BFGS may call it several times per step
        opt.zero_grad()
        loss = loss_at(surface, p, kappa)
        loss.backward()
        if noise > 0:
            p.grad += noise * torch.randn(2, generator=g, dtype=D)
        return loss

    q = p.detach()
    rows = [{"step": 0, "x": float(q[0]), "y": float(q[1]), "loss": float(loss_at(surface, q, kappa)), "left": False}]
    for step in range(1, steps + 1):
        if optimizer == "newton":
            grad, hess = gradient_and_hessian(surface, p.detach(), kappa)
            grad = grad + noise * torch.randn(2, generator=g, dtype=D) if noise > 0 else grad
            with torch.no_grad():
                p -= lr * torch.linalg.pinv(hess) @ grad
        else:
            opt.step(closure)
        q = p.detach()
        left = not in_view(q, box)
        rows.append({"step": step, "x": float(q[0]), "y": float(q[1]), "loss": float(loss_at(surface, q, kappa)),
                     "left": left})
        if left:
            break
    return [row for row in rows if all(math.isfinite(row[c]) for c in ("x", "y", "loss"))]


def gradient_and_hessian(surface, q, kappa=1.0):
    """The exact gradient (2,) and Hessian (2, 2) at q, by differentiating the gradient once more."""
    z = q.detach().clone().requires_grad_()
    (grad,) = torch.autograd.grad(loss_at(surface, z, kappa), z, create_graph=True)
    rows = [torch.autograd.grad(grad[i], z, retain_graph=True, allow_unused=True)[0] for i in range(2)]
    hess = torch.stack([r if r is not None else torch.zeros_like(z) for r in rows])
    return grad.detach(), hess.detach()


# 1. The race --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RaceConfig:
    surface: str = choice("quadratic", tuple(SURFACES), key="surf")
    kappa: float = num(50.0, 1.0, 100.0, step=1.0, key="kappa")  # used by the quadratic only
    optimizers: tuple = multi(("sgd", "momentum", "rmsprop", "adam", "newton"), ALL_OPTIMIZERS, key="opts")
    x0: float = num(-2.2, -4.5, 4.5, step=0.05, key="x0")
    y0: float = num(1.0, -4.5, 4.5, step=0.05, key="y0")
    steps: int = num(100, 10, 500, step=10, key="steps")
    noise: float = num(0.0, 0.0, 5.0, step=0.1, key="noise")
    shared_lr: bool = flag(True, key="shared")
    # the shared rate of the first-order methods (Newton and L-BFGS keep their own). 0.035 x kappa 50 = 1.75:
    # SGD jitters across the steep direction (factor 1 - 1.75 per step) and crawls along the shallow one.
    lr: float = num(0.035, 1e-4, 2.0, log=True, key="lr")
    beta: float = num(0.9, 0.0, 0.99, step=0.01, key="beta")
    lr_sgd: float = num(0.02, 1e-4, 2.0, log=True, key="lr_sgd")
    lr_momentum: float = num(0.02, 1e-4, 2.0, log=True, key="lr_mom")
    lr_nesterov: float = num(0.02, 1e-4, 2.0, log=True, key="lr_nag")
    lr_adagrad: float = num(0.5, 1e-4, 2.0, log=True, key="lr_ada")
    lr_rmsprop: float = num(0.02, 1e-4, 2.0, log=True, key="lr_rms")
    lr_adam: float = num(0.05, 1e-4, 2.0, log=True, key="lr_adam")
    lr_adamw: float = num(0.05, 1e-4, 2.0, log=True, key="lr_adamw")
    lr_newton: float = num(1.0, 1e-4, 2.0, log=True, key="lr_newton")  # 1 is the pure Newton step
    lr_lbfgs: float = num(1.0, 1e-4, 2.0, log=True, key="lr_lbfgs")
    seed: int = num(0, 0, 9999, key="seed")
    grid: int = 60


def rate_of(cfg: RaceConfig, name: str) -> float:
    if cfg.shared_lr and name in FIRST_ORDER:
        return cfg.lr
    return getattr(cfg, f"lr_{name}")


def race_runs(surface, box, start, optimizers, lrs, steps, kappa, noise, beta, seed):
    """Each optimizer (at its rate in lrs) descends from the same start. Returns two lists of rows:
    'paths' (optimizer, lr, step, x, y, loss, left) and 'summary' (optimizer, lr, steps_run, final_loss,
    left_view_at: the step where the path left the view, None when it stayed)."""
    paths, summary = [], []
    for optimizer, lr in zip(optimizers, lrs):
        path = descend(surface, box, start, optimizer, lr, steps, kappa, noise, beta, seed)
        paths += [{"optimizer": optimizer, "lr": lr, **row} for row in path]
        left = [row["step"] for row in path if row["left"]]
        summary.append({"optimizer": optimizer, "lr": lr, "steps_run": path[-1]["step"],
                        "final_loss": path[-1]["loss"], "left_view_at": left[0] if left else None})
    return paths, summary


def race_settings(cfg: RaceConfig) -> dict:
    return {"surface": cfg.surface, "box": VIEWS[cfg.surface].box, "start": (cfg.x0, cfg.y0),
            "optimizers": cfg.optimizers, "lrs": tuple(rate_of(cfg, name) for name in cfg.optimizers),
            "steps": cfg.steps, "kappa": cfg.kappa, "noise": cfg.noise, "beta": cfg.beta, "seed": cfg.seed}


def race(cfg: RaceConfig) -> dict[str, pd.DataFrame]:
    """race_runs as frames, and the surface: 'paths', 'summary' and 'grid' (see `grid`)."""
    settings, paths, rows = race_settings(cfg), [], []
    for i, (name, lr) in enumerate(zip(settings["optimizers"], settings["lrs"])):  # one at a time, for the progress
        path, row = race_runs(**{**settings, "optimizers": (name,), "lrs": (lr,)})
        paths, rows = paths + path, rows + row
        report((i + 1) / len(cfg.optimizers))
    cols = ["optimizer", "lr", "step", "x", "y", "loss", "left"]
    return {"paths": pd.DataFrame(paths, columns=cols), "grid": grid(cfg.surface, cfg.kappa, cfg.grid),
            "summary": pd.DataFrame(rows)}


# 2. Inside the optimizer: the hand-written rules ---------------------------------------------------

def rule_step(name, p, g, state, lr, beta=0.9, weight_decay=ADAMW_DECAY):
    """One update in torch.optim's convention (defaults as torch: alpha=0.99 for RMSProp, betas
    (0.9, 0.999) and eps 1e-8 for Adam/AdamW, eps 1e-10 for AdaGrad). p, g: (D,). Returns the new p;
    `state` keeps t, velocity (momentum buffer or Adam's first moment) and cache (squared gradients)."""
    t = state["t"] = state.get("t", 0) + 1
    v, s = state.get("velocity", torch.zeros_like(p)), state.get("cache", torch.zeros_like(p))
    if name == "sgd":
        step = g
    elif name in ("momentum", "nesterov"):
        v = g.clone() if t == 1 else beta * v + g  # torch keeps v = beta v + g (lr applied afterwards)
        step = g + beta * v if name == "nesterov" else v
    elif name == "adagrad":
        s = s + g * g
        step = g / (s.sqrt() + 1e-10)
    elif name == "rmsprop":
        s = 0.99 * s + 0.01 * g * g
        step = g / (s.sqrt() + 1e-8)
    elif name in ("adam", "adamw"):
        if name == "adamw":
            p = p * (1 - lr * weight_decay)  # decoupled weight decay (Loshchilov & Hutter 2019)
        v = 0.9 * v + 0.1 * g
        s = 0.999 * s + 0.001 * g * g
        step = (v / (1 - 0.9 ** t)) / ((s / (1 - 0.999 ** t)).sqrt() + 1e-8)
    else:
        raise ValueError(name)
    state["velocity"], state["cache"] = v, s
    return p - lr * step

@dataclass(frozen=True)
class InsideConfig:
    surface: str = choice("quadratic", tuple(SURFACES), key="surf")
    kappa: float = num(20.0, 1.0, 100.0, step=1.0, key="kappa")
    optimizers: tuple = multi(("sgd", "momentum", "rmsprop", "adam"), FIRST_ORDER, key="opts")
    x0: float = num(-2.2, -4.5, 4.5, step=0.05, key="x0")
    y0: float = num(1.0, -4.5, 4.5, step=0.05, key="y0")
    lr: float = num(0.08, 1e-4, 2.0, log=True, key="lr")  # lr x kappa = 1.6: SGD jitters across the valley
    beta: float = num(0.9, 0.0, 0.99, step=0.01, key="beta")
    steps: int = num(60, 5, 500, step=5, key="steps")
    inspect: int = num(5, 1, 500, key="at")  # the step whose state is shown
    grid: int = 50


def inside_runs(surface, box, start, optimizers, lr, beta, steps, kappa):
    """Each optimizer's hand-written rule (rule_step) from the same start on a surface, until it leaves
    the view `box`. Returns two lists of rows: 'paths' (optimizer, step, x, y, loss) and 'state'
    (optimizer, step, coordinate, gradient, velocity, cache, update, effective_lr = -update / gradient:
    the step each coordinate got per unit of gradient, 0 where the gradient is exactly 0)."""
    paths, states = [], []
    for name in optimizers:
        p, state = torch.tensor(start, dtype=D), {}
        paths.append({"optimizer": name, "step": 0, "x": float(p[0]), "y": float(p[1]),
                      "loss": float(loss_at(surface, p, kappa))})
        for step in range(1, steps + 1):
            g = gradient_and_hessian(surface, p, kappa)[0]
            new = rule_step(name, p, g, state, lr, beta)
            for i, coordinate in enumerate("xy"):
                update = float(new[i] - p[i])
                states.append({"optimizer": name, "step": step, "coordinate": coordinate, "gradient": float(g[i]),
                               "velocity": float(state["velocity"][i]), "cache": float(state["cache"][i]),
                               "update": update, "effective_lr": -update / float(g[i]) if g[i] != 0 else 0.0})
            p = new
            paths.append({"optimizer": name, "step": step, "x": float(p[0]), "y": float(p[1]),
                          "loss": float(loss_at(surface, p, kappa))})
            if not in_view(p, box):
                break
    return paths, states


def inside_settings(cfg: InsideConfig) -> dict:
    return {"surface": cfg.surface, "box": VIEWS[cfg.surface].box, "start": (cfg.x0, cfg.y0),
            "optimizers": cfg.optimizers, "lr": cfg.lr, "beta": cfg.beta, "steps": cfg.steps, "kappa": cfg.kappa}


def inside_state(cfg: InsideConfig) -> dict[str, pd.DataFrame]:
    """inside_runs as frames ('paths', 'state'), the arrows at step cfg.inspect and the surface ('grid')."""
    paths, states = inside_runs(**inside_settings(cfg))
    state = pd.DataFrame(states, columns=["optimizer", "step", "coordinate", "gradient", "velocity", "cache",
                                          "update", "effective_lr"])
    paths = pd.DataFrame(paths, columns=["optimizer", "step", "x", "y", "loss"])
    return {"paths": paths, "state": state, "arrows": arrows(paths, state, cfg.inspect, cfg.lr),
            "grid": grid(cfg.surface, cfg.kappa, cfg.grid)}


def arrows(paths: pd.DataFrame, state: pd.DataFrame, at: int, lr: float) -> pd.DataFrame:
    """At step `at`: optimizer, arrow ("sgd_step": -lr g, what plain SGD would do; "update": what this
    optimizer did), x, y (where the step starts), x2, y2 (where the arrow ends)."""
    rows = []
    for name, s in state[state.step == min(at, state.step.max())].groupby("optimizer", sort=False):
        step = int(s.step.iloc[0])
        here = paths[(paths.optimizer == name) & (paths.step == step - 1)].iloc[0]
        s = s.set_index("coordinate")
        for kind, (dx, dy) in (("sgd_step", (-lr * s.gradient["x"], -lr * s.gradient["y"])),
                               ("update", (s["update"]["x"], s["update"]["y"]))):
            rows.append({"optimizer": name, "step": step, "arrow": kind, "x": here.x, "y": here.y,
                         "x2": here.x + dx, "y2": here.y + dy})
    return pd.DataFrame(rows, columns=["optimizer", "step", "arrow", "x", "y", "x2", "y2"])


# The update rules as the page shows them, in torch.optim's notation: g_t is the gradient at step t,
# eta the learning rate (CS231n writes alpha), mu the momentum (CS231n: rho).
RULE_LATEX = {  # each rule's equations, one per line
    "sgd": (r"\theta_t = \theta_{t-1} - \eta\, g_t",),
    "momentum": (r"b_t = \mu\, b_{t-1} + g_t", r"\theta_t = \theta_{t-1} - \eta\, b_t"),
    "nesterov": (r"b_t = \mu\, b_{t-1} + g_t", r"\theta_t = \theta_{t-1} - \eta\,(g_t + \mu\, b_t)"),
    "adagrad": (r"G_t = G_{t-1} + g_t^2", r"\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{G_t} + \epsilon}"),
    "rmsprop": (r"v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2",
                r"\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}"),
    "adam": (r"m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t", r"v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2",
             r"\theta_t = \theta_{t-1} - \eta\, \frac{m_t / (1 - \beta_1^t)}{\sqrt{v_t / (1 - \beta_2^t)} + \epsilon}"),
    "adamw": (r"\theta \leftarrow (1 - \eta \lambda)\, \theta",
              r"\text{then the Adam step (decay kept out of } m_t, v_t)"),
}


# 3. Saddles and noise -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaddleConfig:
    offset: float = num(1e-8, 1e-12, 0.1, log=True, key="offset")  # distance from the ridge y = 0
    noise: float = num(0.1, 0.0, 2.0, step=0.05, key="noise")
    lr: float = num(0.05, 1e-3, 0.5, log=True, key="lr")
    x0: float = num(-1.5, -2.0, 2.0, step=0.1, key="x0")
    steps: int = num(300, 20, 2000, step=20, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


ESCAPE = 1.0  # |y| beyond this counts as having left the saddle at the origin


def saddle_label(optimizer: str, y0: float, noise: float) -> str:
    """A saddle run's name: its optimizer, start y and gradient noise (when there is any)."""
    return (f"{optimizer}, y0={y0:.0e}" if y0 else f"{optimizer}, y0=0") + (f", noise {noise:g}" if noise else "")


def saddle_variants(cfg: SaddleConfig) -> dict[str, tuple[str, float, float]]:
    """label -> (optimizer, start y, gradient noise): one knob changed at a time."""
    variants = [("sgd", 0.0, 0.0), ("sgd", cfg.offset, 0.0), ("sgd", 0.0, cfg.noise), ("momentum", cfg.offset, 0.0),
                ("adam", 0.0, 0.0), ("adam", cfg.offset, 0.0), ("rmsprop", cfg.offset, 0.0)]
    return {saddle_label(*v): v for v in variants}


def saddle_escape(surface, box, x0, variants, lr, steps, seed):
    """Each variant (label: (optimizer, start y, gradient noise)) descends from (x0, start y) on the saddle
    x^2 - y^2. Returns two lists of rows: 'paths' (variant, optimizer, start_y, noise, step, x, y, loss)
    and 'escape' (variant, optimizer, start_y, noise, steps_to_leave: the first step with |y| > ESCAPE,
    None if never; final_abs_y)."""
    paths, escape = [], []
    for label, (optimizer, y0, noise) in variants.items():
        path = descend(surface, box, (x0, y0), optimizer, lr, steps, noise=noise, seed=seed)
        run = {"variant": label, "optimizer": optimizer, "start_y": y0, "noise": noise}
        paths += [{**run, **row} for row in path]
        out = [row["step"] for row in path if abs(row["y"]) > ESCAPE]
        escape.append({**run, "steps_to_leave": out[0] if out else None, "final_abs_y": abs(path[-1]["y"])})
    return paths, escape


def saddle_settings(cfg: SaddleConfig) -> dict:
    return {"surface": "saddle", "box": VIEWS["saddle"].box, "x0": cfg.x0, "variants": saddle_variants(cfg),
            "lr": cfg.lr, "steps": cfg.steps, "seed": cfg.seed}


def saddle_runs(cfg: SaddleConfig) -> dict[str, pd.DataFrame]:
    """saddle_escape as frames: 'paths' and 'escape'."""
    paths, escape = saddle_escape(**saddle_settings(cfg))
    cols = ["variant", "optimizer", "start_y", "noise", "step", "x", "y", "loss"]
    return {"paths": pd.DataFrame(paths)[cols], "escape": pd.DataFrame(escape)}


# 4. Momentum against theory ------------------------------------------------------------------------

@dataclass(frozen=True)
class TheoryConfig:
    kappa: float = num(100.0, 2.0, 1000.0, step=1.0, key="kappa")  # Hessian diag(1, kappa), start (1, 1)
    tol: float = num(1e-3, 1e-8, 0.1, log=True, key="tol")
    beta: float = num(0.9, 0.0, 0.99, step=0.01, key="beta")  # momentum of the stability sweep
    max_steps: int = num(3000, 100, 20000, step=100, key="steps")
    sweep_steps: int = 1000
    points: int = 400


def best_settings(kappa):
    """Optimal constant step (and beta) on a quadratic with eigenvalues 1 and kappa (Polyak 1964)."""
    root = math.sqrt(kappa)
    return {"gd": (2 / (1 + kappa), 0.0), "momentum": (4 / (1 + root) ** 2, ((root - 1) / (root + 1)) ** 2)}


def quadratic_run(kappa, lr, beta, steps, tol=0.0):
    """torch.optim.SGD (momentum beta) on f = (x^2 + kappa y^2)/2 from (1, 1): the distance ||x|| to the
    minimum at the start and after each step. Stops once it is below tol, not finite or above 1e6."""
    p = torch.tensor((1.0, 1.0), dtype=D, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=beta)
    h = torch.tensor((1.0, kappa), dtype=D)  # the Hessian's diagonal
    distances = [float(p.detach().norm())]
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * (h * p * p).sum()).backward()
        opt.step()
        distances.append(float(p.detach().norm()))
        if distances[-1] < tol or not math.isfinite(distances[-1]) or distances[-1] > 1e6:
            break
    return distances


def stability_sweep(kappa, beta, lrs, steps):
    """Heavy ball x <- x - lr v, v <- beta v + H x (torch's momentum rule), for many step sizes at
    once. lrs: (L,) -> final distance (L,) after `steps` steps from (1, 1)."""
    h = torch.tensor((1.0, kappa), dtype=D)
    x, v = torch.ones(len(lrs), 2, dtype=D), torch.zeros(len(lrs), 2, dtype=D)
    for _ in range(steps):
        v = beta * v + h * x
        x = (x - lrs[:, None] * v).clamp(-1e100, 1e100)
    return x.norm(dim=1)


def convergence(kappa, tol, max_steps):
    """Gradient descent and heavy-ball momentum at their best constant settings on the quadratic with
    Hessian diag(1, kappa), from (1, 1). Returns two lists of rows: 'curves' (method, step, distance and
    predicted = rate^t ||x0||) and 'summary' (method, lr, beta, predicted_rate, measured_rate over the
    second half of the run, iterations to ||x|| < tol (None if not reached), predicted_iterations)."""
    start = math.sqrt(2)  # ||(1, 1)||
    # the predicted contraction per step: (kappa - 1) / (kappa + 1), with momentum (sqrt kappa - 1) / (sqrt kappa + 1)
    rates = {"gd": (kappa - 1) / (kappa + 1), "momentum": (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)}
    curves, summary = [], []
    for method, (lr, beta) in best_settings(kappa).items():
        distances = quadratic_run(kappa, lr, beta, max_steps, tol)
        curves += [{"method": method, "step": step, "distance": distance, "predicted": start * rates[method] ** step}
                   for step, distance in enumerate(distances)]
        tail = distances[len(distances) // 2:]  # the measured rate: the mean contraction over the second half
        summary.append({"method": method, "lr": lr, "beta": beta, "predicted_rate": rates[method],
                        "measured_rate": (tail[-1] / tail[0]) ** (1 / max(len(tail) - 1, 1)),
                        "iterations": len(distances) - 1 if distances[-1] < tol else None,
                        "predicted_iterations": math.ceil(math.log(tol / start) / math.log(rates[method]))})
    return curves, summary


def stability(kappa, beta, steps, points):
    """The largest stable rate, found by running: the heavy ball for gradient descent (beta 0) and for
    momentum beta, at `points` rates from 0.5 to 1.25 x the theory's limit (2 + 2 beta) / kappa. Returns
    two lists of rows: 'sweep' (method, lr, final_distance after `steps` steps, stable: no farther than
    at the start) and 'limits' (method, beta, theory_max_lr, found_max_lr: the largest stable rate)."""
    start = math.sqrt(2)
    sweep, limits = [], []
    for method, b in (("gd", 0.0), ("momentum", beta)):
        bound = (2 + 2 * b) / kappa
        lrs = torch.linspace(0.5 * bound, 1.25 * bound, points, dtype=D)
        final = stability_sweep(kappa, b, lrs, steps)
        stable = final <= start
        sweep += [{"method": method, "lr": lr, "final_distance": distance, "stable": ok}
                  for lr, distance, ok in zip(lrs.tolist(), final.clamp(max=1e30).tolist(), stable.tolist())]
        limits.append({"method": method, "beta": b, "theory_max_lr": bound,
                       "found_max_lr": float(lrs[stable].max()) if stable.any() else None})
    return sweep, limits


def theory_settings(cfg: TheoryConfig) -> dict:
    return {"kappa": cfg.kappa, "tol": cfg.tol, "max_steps": cfg.max_steps, "beta": cfg.beta,
            "sweep_steps": cfg.sweep_steps, "points": cfg.points}


def theory(cfg: TheoryConfig) -> dict[str, pd.DataFrame]:
    """convergence and stability as frames: 'curves', 'summary', 'sweep' and 'limits'."""
    curves, rows = convergence(cfg.kappa, cfg.tol, cfg.max_steps)
    sweep, limits = stability(cfg.kappa, cfg.beta, cfg.sweep_steps, cfg.points)
    return {"curves": pd.DataFrame(curves), "summary": pd.DataFrame(rows), "sweep": pd.DataFrame(sweep),
            "limits": pd.DataFrame(limits)}


# 5. First and second order --------------------------------------------------------------------------

@dataclass(frozen=True)
class TaylorConfig:
    surface: str = choice("multimodal", tuple(SURFACES), key="surf")
    kappa: float = num(20.0, 1.0, 100.0, step=1.0, key="kappa")
    x: float = num(0.3, -4.5, 4.5, step=0.05, key="px")  # near the bottom, where the quadratic model fits
    y: float = num(0.0, -4.5, 4.5, step=0.05, key="py")
    angle: float = num(0.0, 0.0, 180.0, step=5.0, key="angle")  # slice direction, degrees from the x axis
    span: float = num(1.5, 0.1, 4.0, step=0.1, key="span")
    lr: float = num(0.1, 1e-3, 2.0, log=True, key="lr")
    mlp_width: int = num(64, 2, 512, key="width")  # "your MLP" in the Hessian-cost table
    mlp_depth: int = num(2, 1, 12, key="depth")
    points: int = 201


def slice_1d(cfg: TaylorConfig):
    """g(s) = f(p + s d) with d the unit vector at `angle`; returns g and its value, slope, curvature at 0."""
    a = math.radians(cfg.angle)
    p, d = torch.tensor((cfg.x, cfg.y), dtype=D), torch.tensor((math.cos(a), math.sin(a)), dtype=D)
    g = lambda s: loss_at(cfg.surface, p + s[..., None] * d, cfg.kappa)
    s0 = torch.tensor(0.0, dtype=D)
    return g, float(g(s0)), float(torch.func.grad(g)(s0)), float(torch.func.grad(torch.func.grad(g))(s0))


def taylor(cfg: TaylorConfig) -> dict[str, pd.DataFrame]:
    """'curves': s, curve (function / linear / quadratic), value; 'steps': step (gradient / newton),
    s (where it lands on the slice), value (the true g there), model_value (what the quadratic predicted);
    'hessian': network, parameters, hessian_entries, hessian_gb (float32), inverse_gflop (~N^3 / 1e9)."""
    g, g0, slope, curv = slice_1d(cfg)
    s = torch.linspace(-cfg.span, cfg.span, cfg.points, dtype=D)
    quad = lambda u: g0 + slope * u + 0.5 * curv * u ** 2
    curves = pd.concat([pd.DataFrame({"s": s, "curve": "function", "value": g(s)}),
                        pd.DataFrame({"s": s, "curve": "linear", "value": g0 + slope * s}),
                        pd.DataFrame({"s": s, "curve": "quadratic", "value": quad(s)})], ignore_index=True)
    newton = -slope / curv if curv != 0 else math.nan
    steps = [{"step": "start", "s": 0.0}, {"step": "gradient", "s": -cfg.lr * slope}, {"step": "newton", "s": newton}]
    for row in steps:
        u = torch.tensor(row["s"], dtype=D)
        row.update(value=float(g(u)), model_value=float(quad(u)), curvature=curv)
    steps = pd.DataFrame([r for r in steps if math.isfinite(r["s"])])
    return {"curves": curves, "steps": steps, "hessian": hessian_costs(cfg.mlp_width, cfg.mlp_depth)}


def count(model) -> int:
    return sum(p.numel() for p in model.parameters())


def hessian_costs(width: int, depth: int) -> pd.DataFrame:
    """A Hessian has N^2 entries for N parameters; storing it in float32 takes 4 N^2 bytes and
    inverting it ~N^3 operations (in billions: a browser's table shows whole numbers only up to 2^53).
    Networks of this lab's pages, plus ResNet-18 (He et al. 2016, 11,689,512 parameters) for scale."""
    nets = {"MLP 2-64-64-3 (spiral)": count(build_mlp(ModelConfig(), 2, 3)),
            f"your MLP 2-{width}x{depth}-3": count(build_mlp(ModelConfig(width=width, depth=depth), 2, 3)),
            "MLP 64-128-128-10 (digits)": count(build_mlp(ModelConfig(width=128), 64, 10)),
            "SmallCNN (digits)": count(SmallCNN()),
            "tanh 10 x 500 (Lecture 6 init)": count(build_mlp(ModelConfig(width=500, depth=10), 500, 10)),
            "ResNet-18": 11_689_512}
    return pd.DataFrame([{"network": k, "parameters": n, "hessian_entries": float(n) ** 2,
                          "hessian_gb": 4.0 * n ** 2 / 1e9, "inverse_gflop": float(n) ** 3 / 1e9}
                         for k, n in nets.items()])
# 6. On a real network --------------------------------------------------------------------------------

NET_LR = {"sgd": 0.5, "momentum": 0.05, "nesterov": 0.05, "adagrad": 0.05, "rmsprop": 0.003, "adam": 0.005,
          "adamw": 0.005}  # a reasonable rate for each on the spiral, so the race is about the method


@dataclass(frozen=True)
class NetworkConfig:
    optimizers: tuple = multi(("sgd", "momentum", "rmsprop", "adam"), FIRST_ORDER, key="opts")
    dataset: str = choice("spiral", DATA_CHOICES, key="data")
    width: int = num(32, 4, 128, step=4, key="width")
    steps: int = num(100, 20, 600, step=10, key="steps")
    batch_size: int = num(0, 0, 256, step=8, key="batch")  # 0: full batch
    lr_scale: float = num(1.0, 0.01, 100.0, log=True, key="scale")  # multiplies each optimizer's rate
    seed: int = num(0, 0, 9999, key="seed")


def network_spec(cfg: NetworkConfig) -> tuple[DataConfig, dict[str, ModelConfig], dict[str, TrainConfig]]:
    """What part 6 trains: the data, the same MLP for every optimizer, each optimizer's settings."""
    model = ModelConfig(width=cfg.width, seed=cfg.seed)
    train = {name: TrainConfig(optimizer=name, lr=min(NET_LR[name] * cfg.lr_scale, 10.0), steps=cfg.steps,
                               weight_decay=weight_decay_of(name), batch_size=cfg.batch_size,
                               seed=cfg.seed, eval_every=max(cfg.steps // 25, 1)) for name in cfg.optimizers}
    return DataConfig(name=cfg.dataset, n=300, seed=cfg.seed), {name: model for name in cfg.optimizers}, train


def network(cfg: NetworkConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of one MLP (same data, initial weights and batch order), one per optimizer, each at
    NET_LR[name] x lr_scale. 'history', 'summary' (with lr), 'health' and 'histograms' as in core.train."""
    data_cfg, models, train = network_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda name: build_mlp(models[name], data.dim, data.classes)
    tcfg = lambda name: train[name]
    runs = twin_runs(build, list(cfg.optimizers), data, tcfg)
    return {"history": histories(runs), "summary": summary(runs).assign(lr=[tcfg(r.variant).lr for r in runs]),
            **healths(runs)}


@dataclass(frozen=True)
class SweepConfig:
    optimizers: tuple = multi(("sgd", "momentum", "adam"), FIRST_ORDER, key="opts")
    dataset: str = choice("spiral", DATA_CHOICES, key="data")
    width: int = num(32, 4, 128, step=4, key="width")
    lo: float = num(1e-3, 1e-5, 1.0, log=True, key="lo")
    hi: float = num(10.0, 1e-3, 10.0, log=True, key="hi")
    points: int = num(5, 3, 9, key="points")
    steps: int = num(40, 20, 200, step=10, key="steps")
    batch_size: int = num(0, 0, 256, step=8, key="batch")
    seed: int = num(0, 0, 9999, key="seed")


DIVERGED_LOSS = 10.0  # where a diverged run is drawn on the sweep chart


def learning_rates(lo: float, hi: float, points: int) -> list[float]:
    """A log grid of `points` rates between lo and hi (in either order)."""
    lo, hi = sorted((lo, hi))
    return torch.logspace(math.log10(lo), math.log10(hi), points).tolist()


def sweep_row(optimizer, point, lr, final_loss):
    """A row of the sweep; final_loss is None when the run diverged (the chart draws it at DIVERGED_LOSS)."""
    diverged = final_loss is None or not math.isfinite(final_loss)
    return {"optimizer": optimizer, "point": point, "lr": lr,
            "final_loss": DIVERGED_LOSS if diverged else min(final_loss, DIVERGED_LOSS), "diverged": diverged}


def sweep_spec(cfg: SweepConfig) -> tuple[DataConfig, ModelConfig]:
    """What the sweep trains: the data and one MLP (the same start for every optimizer and rate)."""
    return DataConfig(name=cfg.dataset, n=300, seed=cfg.seed), ModelConfig(width=cfg.width, seed=cfg.seed)


def sweep_jobs(cfg: SweepConfig) -> dict[str, tuple[str, float]]:
    """The sweep's runs by name ('adam · lr 0.01', listed by the health view): (optimizer, lr), in the sweep's
    order (rates equal to 2 digits are one name: the first of them)."""
    jobs = {}
    for name in cfg.optimizers:
        for lr in learning_rates(cfg.lo, cfg.hi, cfg.points):
            jobs.setdefault(f"{name} · lr {lr:.2g}", (name, lr))
    return jobs


def sweep_config(cfg: SweepConfig, optimizer: str, lr: float) -> TrainConfig:
    """The training settings of the sweep's run of `optimizer` at `lr`."""
    return TrainConfig(optimizer=optimizer, lr=lr, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
                       weight_decay=weight_decay_of(optimizer), eval_every=cfg.steps)


def sweep_run(cfg: SweepConfig, data, optimizer: str, lr: float, health: bool = False):
    """One run of the sweep: the MLP of sweep_spec trained by `optimizer` at `lr`."""
    _, model = sweep_spec(cfg)
    return train(build_mlp(model, data.dim, data.classes), data, sweep_config(cfg, optimizer, lr),
                 variant=f"{optimizer} · lr {lr:.2g}", health=health)


def sweep(cfg: SweepConfig) -> pd.DataFrame:
    """Final training loss after `steps` steps for each optimizer at each rate of a log grid from lo to hi:
    optimizer, point (the rate's index on the grid), lr, final_loss (DIVERGED_LOSS when the run diverged),
    diverged. Same data and initial weights; the runs train stacked (core.train.train_many: sweep_run's
    numbers). No health record (all 15-63 runs': 0.8-1.2 MB); sweep_health records the one run the health view
    shows (60 kB)."""
    data_cfg, model = sweep_spec(cfg)
    data = make_dataset(data_cfg)
    grid = [(name, point, lr) for name in cfg.optimizers
            for point, lr in enumerate(learning_rates(cfg.lo, cfg.hi, cfg.points))]
    runs = train_many([Job(build_mlp(model, data.dim, data.classes), sweep_config(cfg, name, lr),
                           f"{name} · lr {lr:.2g}") for name, _, lr in grid], data, health=False)
    rows = []
    for (name, point, lr), r in zip(grid, runs):
        h = r.history
        last = h[(h.split == "train") & (h.step == cfg.steps)].loss  # empty when it diverged or ended non-finite
        final = float(last.iloc[0]) if r.diverged_at is None and len(last) == 1 else None
        rows.append(sweep_row(name, point, lr, final))
    return pd.DataFrame(rows, columns=["optimizer", "point", "lr", "final_loss", "diverged"])


@dataclass(frozen=True)
class SweepRun(SweepConfig):
    run: str = ""  # one of sweep_jobs(the sweep's config); picked in the health view (its URL key is hvar)


def sweep_health(cfg: SweepRun) -> dict[str, pd.DataFrame]:
    """The sweep's run `cfg.run` (the first if it names none) trained again, recording its health: the same run
    as in sweep (same seeds; recording changes nothing). 'history', 'health', 'histograms'."""
    jobs = sweep_jobs(cfg)
    optimizer, lr = jobs.get(cfg.run, next(iter(jobs.values())))
    run = sweep_run(cfg, make_dataset(sweep_spec(cfg)[0]), optimizer, lr, health=True)
    return {"history": run.history, **healths([run])}


# 7. Learning-rate schedules -------------------------------------------------------------------------

SCHEDULES = ("flat", "step", "exponential", "cosine", "inverse_t", "warmup")


@dataclass(frozen=True)
class ScheduleConfig:
    schedules: tuple = multi(("flat", "step", "cosine", "warmup"), SCHEDULES, key="scheds")
    optimizer: str = choice("momentum", FIRST_ORDER, key="opt")
    lr: float = num(0.2, 1e-4, 2.0, log=True, key="lr")
    steps: int = num(150, 20, 1000, step=10, key="steps")
    drop_every: int = num(50, 5, 500, step=5, key="every")  # step decay: multiply by drop_factor every so often
    drop_factor: float = num(0.1, 0.01, 0.9, step=0.01, key="factor")
    decay: float = num(0.02, 1e-4, 0.5, log=True, key="decay")  # exponential e^(-k t) and 1/(1 + k t)
    warmup: int = num(30, 1, 500, step=1, key="warm")  # steps of linear warmup
    batch_size: int = num(32, 0, 256, step=8, key="batch")
    seed: int = num(0, 0, 9999, key="seed")


def lr_factor(schedule, t, steps, drop_every, drop_factor, decay, warmup):
    """The multiplier of the base rate at step t (0-based) of a run of `steps` steps."""
    if schedule == "step":  # multiply by drop_factor every drop_every steps
        return drop_factor ** (t // drop_every)
    if schedule == "exponential":
        return math.exp(-decay * t)
    if schedule == "cosine":  # Loshchilov & Hutter 2017, without restarts
        return 0.5 * (1 + math.cos(math.pi * t / steps))
    if schedule == "inverse_t":
        return 1 / (1 + decay * t)
    if schedule == "warmup":  # linear from lr/warmup up to lr, then constant (Goyal et al. 2017)
        return min(1.0, (t + 1) / warmup)
    return 1.0  # flat: a constant rate


def schedule_knobs(cfg: ScheduleConfig) -> dict:
    """lr_factor's settings besides the schedule, the step and the run's length."""
    return {"drop_every": cfg.drop_every, "drop_factor": cfg.drop_factor, "decay": cfg.decay, "warmup": cfg.warmup}


def schedule_spec(cfg: ScheduleConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What part 7 trains: the data, one MLP (the same start for every schedule) and its training."""
    return DataConfig(seed=cfg.seed), ModelConfig(width=32, seed=cfg.seed), TrainConfig(
        optimizer=cfg.optimizer, lr=cfg.lr, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
        eval_every=max(cfg.steps // 30, 1))


def schedules(cfg: ScheduleConfig) -> dict[str, pd.DataFrame]:
    """'schedule': schedule, step, lr; 'history', 'summary', 'health' and 'histograms' of one run per schedule
    (twin runs: same data, initial weights and batch order)."""
    data_cfg, model, tcfg = schedule_spec(cfg)
    data, knobs = make_dataset(data_cfg), schedule_knobs(cfg)
    # partials, not lambdas: a run that holds its schedule can be sent to another process (core.parallel)
    factors = {name: functools.partial(lr_factor, name, steps=cfg.steps, **knobs) for name in cfg.schedules}
    runs = train_many([Job(build_mlp(model, 2, data.classes), tcfg, name, lr_factor=factors[name])
                       for name in cfg.schedules], data)
    table = [{"schedule": name, "step": t, "lr": cfg.lr * factors[name](t)}
             for name in cfg.schedules for t in range(cfg.steps)]
    return {"schedule": pd.DataFrame(table), "history": histories(runs), "summary": summary(runs), **healths(runs)}


# The page's parts in order, each with its default config.
EXPERIMENTS = {
    "race": (race, RaceConfig()),
    "inside": (inside_state, InsideConfig()),
    "saddle": (saddle_runs, SaddleConfig()),
    "theory": (theory, TheoryConfig()),
    "taylor": (taylor, TaylorConfig()),
    "network": (network, NetworkConfig()),
    "sweep": (sweep, SweepConfig()),
    "schedules": (schedules, ScheduleConfig()),
    **cards_of("optimizers"),  # paper cards (core/cards.py)
}
