"""Copy as PyTorch code for the Optimizers page: standalone scripts of its 2-D races, the hand-written
rules, the saddle, momentum against theory, the learning-rate sweep and the schedules.

Each generator bakes the configuration into a script as literals and shares its code with core where
it can: the surfaces, make_optimizer, rule_step, best_settings, the data generators and the batch order
are copied with inspect.getsource, so a change in core reaches the scripts, and tests/test_codegen*.py
notice when the rest drifts apart. `taylor` gets no script: it evaluates closed-form Taylor models at one point.
"""

from __future__ import annotations

import inspect
import textwrap
from string import Template

from core import optimizers as O
from core.codegen import OPT_CODE, data_code
from core.data import DataConfig
from core.models import ModelConfig
from core import train as train_module
from core.train import BLOWUP_FACTOR, DIVERGE_FACTOR, PATIENCE, TrainConfig

SOURCE = {name: inspect.getsource(fn).strip() for name, fn in
          {**{s: O.SURFACES[s].f for s in O.SURFACES}, "make_optimizer": O.make_optimizer,
           "rule_step": O.rule_step, "best_settings": O.best_settings}.items()}
BATCHES = inspect.getsource(train_module._batches).strip().replace("def _batches(", "def batches(", 1)

HEADER = '''\
"""$title

Standalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch).
$what
"""
import math

import torch

torch.set_num_threads(1)
D = torch.float64  # as the app, so a start 1e-8 off a saddle's ridge does not round onto it
'''

# The surface and the rule that stops a path: shared by the race, the saddle and the inside view.
SURFACE = '''

$surface_source


KAPPA = $kappa  # the quadratic's condition number (the other surfaces ignore it)
BOX = $box  # (x_lo, x_hi, y_lo, y_hi): the view


def loss(p):
    return $surface(p[..., 0], p[..., 1], KAPPA)


def inside(p, margin=0.25):
    """Is p within the view plus a 25% margin? A path that leaves it (or overflows) is stopped."""
    x_lo, x_hi, y_lo, y_hi = BOX
    mx, my = margin * (x_hi - x_lo), margin * (y_hi - y_lo)
    x, y = float(p[0]), float(p[1])
    return math.isfinite(x) and math.isfinite(y) and x_lo - mx <= x <= x_hi + mx and y_lo - my <= y <= y_hi + my
'''

NEWTON = '''

def gradient_and_hessian(q):
    """The exact gradient (2,) and Hessian (2, 2) at q: differentiate the gradient once more."""
    z = q.detach().clone().requires_grad_()
    (grad,) = torch.autograd.grad(loss(z), z, create_graph=True)
    rows = [torch.autograd.grad(grad[i], z, retain_graph=True, allow_unused=True)[0] for i in range(2)]
    hess = torch.stack([r if r is not None else torch.zeros_like(z) for r in rows])
    return grad.detach(), hess.detach()
'''

NEWTON_STEP = '''\
        if name == "newton":  # p - lr H^-1 g (pseudo-inverse where H is singular)
            grad, hess = gradient_and_hessian(p.detach())
            grad = grad + noise * torch.randn(2, generator=g, dtype=D) if noise > 0 else grad
            with torch.no_grad():
                p -= lr * torch.linalg.pinv(hess) @ grad
        else:
            opt.step(closure)
'''

DESCEND = '''

$make_optimizer
$newton

def descend(name, lr, start, noise):
    """One optimizer's path: [(step, x, y, loss, left)], left is True where it left the view."""
    p = torch.tensor(start, dtype=D, requires_grad=True)
    g = torch.Generator().manual_seed($seed)  # the gradient noise
    opt = make_optimizer(name, p, lr, $beta)

    def closure():  # torch.optim's protocol; L-BFGS may call it several times per step
        opt.zero_grad()
        value = loss(p)
        value.backward()
        if noise > 0:  # N(0, noise^2) per coordinate: a stand-in for minibatch noise
            p.grad += noise * torch.randn(2, generator=g, dtype=D)
        return value

    q = p.detach()
    path = [(0, float(q[0]), float(q[1]), float(loss(q)), False)]
    for step in range(1, $steps + 1):
$step        q = p.detach()
        left = not inside(q)
        path.append((step, float(q[0]), float(q[1]), float(loss(q)), left))
        if left:
            break
    return [row for row in path if all(math.isfinite(v) for v in row[1:4])]  # the app drops overflowed points
'''

RACE_MAIN = '''

RATES = $rates  # optimizer: learning rate


if __name__ == "__main__":
    print("# summary by optimizer")
    print("optimizer,lr,steps_run,final_loss,left_view_at")
    for name, lr in RATES.items():
        path = descend(name, lr, $start, $noise)
        left = [step for step, x, y, value, gone in path if gone]
        print(f"{name},{lr:.7g},{path[-1][0]},{path[-1][3]:.7g},{left[0] if left else ''}")
'''

SADDLE_MAIN = '''

# label: (optimizer, start y, gradient noise); one knob changed at a time
VARIANTS = {
$variants
}


if __name__ == "__main__":
    print("# escape by variant")
    print("variant,steps_to_leave,final_abs_y")
    for label, (name, y0, noise) in VARIANTS.items():
        path = descend(name, $lr, ($x0, y0), noise)
        out = [step for step, x, y, value, left in path if abs(y) > $escape]  # |y| > $escape: off the saddle
        print(f'"{label}",{out[0] if out else ""},{abs(path[-1][2]):.7g}')
'''

INSIDE_MAIN = '''

$rule_step


def gradient(p):
    z = p.detach().clone().requires_grad_()
    (grad,) = torch.autograd.grad(loss(z), z)
    return grad


if __name__ == "__main__":
    rows = []  # optimizer, step, coordinate, gradient, velocity, cache, update, effective lr
    for name in $optimizers:
        p, state = torch.tensor($start, dtype=D), {}
        for step in range(1, $steps + 1):
            g = gradient(p)
            new = rule_step(name, p, g, state, $lr, $beta)
            for i, c in enumerate("xy"):
                update = float(new[i] - p[i])
                effective = -update / float(g[i]) if g[i] != 0 else 0.0  # step per unit of gradient
                rows.append((name, step, c, float(g[i]), float(state["velocity"][i]), float(state["cache"][i]),
                             update, effective))
            p = new
            if not inside(p):
                break
    at = min($at, max(row[1] for row in rows))  # the step whose state the page shows
    print("# state by optimizer,step,coordinate")
    print("optimizer,step,coordinate,gradient,velocity,cache,update,effective_lr")
    for name, step, c, *numbers in rows:
        if step == at:
            print(f"{name},{step},{c}," + ",".join(f"{v:.7g}" for v in numbers))
'''

THEORY = '''

KAPPA, TOL, MAX_STEPS = $kappa, $tol, $max_steps  # f = (x^2 + kappa y^2) / 2 from (1, 1)


$best_settings


def distances(lr, beta):
    """torch.optim.SGD with momentum beta: the distance ||x|| to the minimum after each step, until it
    is below TOL (or not finite, or above 1e6)."""
    p = torch.tensor((1.0, 1.0), dtype=D, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=beta)
    h = torch.tensor((1.0, KAPPA), dtype=D)  # the Hessian's diagonal
    out = [float(p.detach().norm())]
    for step in range(1, MAX_STEPS + 1):
        opt.zero_grad()
        (0.5 * (h * p * p).sum()).backward()
        opt.step()
        out.append(float(p.detach().norm()))
        if out[-1] < TOL or not math.isfinite(out[-1]) or out[-1] > 1e6:
            break
    return out


if __name__ == "__main__":
    start = math.sqrt(2)  # ||(1, 1)||
    # the predicted contraction per step: (kappa - 1) / (kappa + 1), with momentum (sqrt kappa - 1) / (sqrt kappa + 1)
    rates = {"gd": (KAPPA - 1) / (KAPPA + 1), "momentum": (math.sqrt(KAPPA) - 1) / (math.sqrt(KAPPA) + 1)}
    print("# summary by method")
    print("method,lr,beta,predicted_rate,measured_rate,iterations,predicted_iterations")
    for method, (lr, beta) in best_settings(KAPPA).items():
        d = distances(lr, beta)
        tail = d[len(d) // 2:]  # the measured rate: geometric mean of the contraction over the second half
        measured = (tail[-1] / tail[0]) ** (1 / max(len(tail) - 1, 1))
        iterations = len(d) - 1 if d[-1] < TOL else ""
        predicted = math.ceil(math.log(TOL / start) / math.log(rates[method]))
        print(f"{method},{lr:.7g},{beta:.7g},{rates[method]:.7g},{measured:.7g},{iterations},{predicted}")
'''

# Training an MLP: the part shared by the sweep and the schedules.
MLP = '''\
"""$title

Standalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch).
Same seeds, data, initial weights, batches and updates as the app: it prints the same numbers.
$what
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

torch.set_num_threads(1)


$data


def build(classes):
    """The same start for every run: $depth hidden ReLU layers of $width, He init from one seeded generator."""
    layers, d = [], 2
    for _ in range($depth):
        layers += [nn.Linear(d, $width), nn.ReLU()]
        d = $width
    model = nn.Sequential(*layers, nn.Linear(d, classes))
    g = torch.Generator().manual_seed($seed)
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=g)  # He et al. 2015
            nn.init.zeros_(m.bias)
    return model


OPTIMIZERS = {  # as the app builds them (foreach: one fused update for all tensors)
$optimizers
}


$batches


class Divergence:
    """Called with each step's loss: True where the app stops the run (a NaN/inf loss, a loss
    $blowup x the first one, or $patience steps in a row above $factor x the first one)."""

    def __init__(self):
        self.first, self.above = None, 0

    def __call__(self, value):
        self.first = value if self.first is None else self.first
        self.above = self.above + 1 if value > $factor * max(self.first, 1e-3) else 0
        return not math.isfinite(value) or value > $blowup * max(self.first, 1e-3) or self.above >= $patience


def evaluate(model, x, y):
    model.eval()
    with torch.inference_mode():
        logits = model(x)
        return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()
'''

SWEEP_MAIN = '''

def final_loss(name, lr, x, y, classes):
    """Train from the shared start for $steps steps; the final training loss, or None if it diverged."""
    model = build(classes)
    opt = OPTIMIZERS[name](model.parameters(), lr)
    order, diverged = batches(len(x), $batch, torch.Generator().manual_seed($seed)), Divergence()
    model.train()
    for step in range($steps):
        idx = next(order)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        if diverged(loss.item()):
            return None
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    value = evaluate(model, x, y)[0]
    return value if math.isfinite(value) else None


if __name__ == "__main__":
    x_train, y_train, x_val, y_val, classes = make_data()
    rates = torch.logspace(math.log10($lo), math.log10($hi), $points).tolist()  # a log grid, as the app's
    print("# sweep by optimizer,point")
    print("optimizer,point,lr,final_loss,diverged")
    for name in OPTIMIZERS:
        for point, lr in enumerate(rates):
            value = final_loss(name, lr, x_train, y_train, classes)
            shown = $cap if value is None else min(value, $cap)  # the chart draws diverged runs at $cap
            print(f"{name},{point},{lr:.7g},{shown:.7g},{value is None}")
'''

SCHEDULES_MAIN = '''

LR, STEPS = $lr, $steps
DROP_EVERY, DROP_FACTOR, DECAY, WARMUP = $drop_every, $drop_factor, $decay, $warmup


def lr_factor(schedule, t):
    """The multiplier of the base rate LR at step t (0-based)."""
    if schedule == "step":  # multiply by DROP_FACTOR every DROP_EVERY steps
        return DROP_FACTOR ** (t // DROP_EVERY)
    if schedule == "exponential":
        return math.exp(-DECAY * t)
    if schedule == "cosine":  # Loshchilov & Hutter 2017, without restarts
        return 0.5 * (1 + math.cos(math.pi * t / STEPS))
    if schedule == "inverse_t":
        return 1 / (1 + DECAY * t)
    if schedule == "warmup":  # linear from LR / WARMUP up to LR, then constant (Goyal et al. 2017)
        return min(1.0, (t + 1) / WARMUP)
    return 1.0  # constant


def run(schedule, x, y, x_val, y_val, classes):
    """Train from the shared start; (train loss, val loss, train accuracy, val accuracy) at the last
    evaluation (every $every steps, as the app's chart), and the step where it diverged (or None)."""
    model = build(classes)
    opt = OPTIMIZERS[$optimizer](model.parameters(), LR)
    order, diverged, last = batches(len(x), $batch, torch.Generator().manual_seed($seed)), Divergence(), None
    for step in range(STEPS + 1):
        if step % $every == 0 or step == STEPS:
            (train_loss, train_acc), (val_loss, val_acc) = evaluate(model, x, y), evaluate(model, x_val, y_val)
            if math.isfinite(train_loss) and math.isfinite(val_loss):
                last = (train_loss, val_loss, train_acc, val_acc)
        if step == STEPS:
            return last, None
        model.train()
        idx = next(order)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        if diverged(loss.item()):
            return last, step
        opt.zero_grad(set_to_none=True)
        loss.backward()
        for group in opt.param_groups:  # the schedule sets the rate before every update
            group["lr"] = LR * lr_factor(schedule, step)
        opt.step()


if __name__ == "__main__":
    data = make_data()
    print("# summary by variant")
    print("variant,train_loss,val_loss,train_accuracy,val_accuracy,diverged_at")
    for schedule in $schedules:
        last, stop = run(schedule, *data)
        print(f"{schedule}," + ",".join(f"{v:.7g}" for v in last) + f",{'' if stop is None else stop}")
'''


def _fill(template: str, **values) -> str:
    return Template(template).substitute(**values)


def _two_d(title: str, what: str, surface: str, kappa: float, seed: int, beta: float, steps: int,
           newton: bool) -> str:
    """The shared head of the 2-D scripts: the surface, make_optimizer and descend."""
    head = _fill(HEADER, title=title, what=what)
    body = _fill(SURFACE, surface_source=SOURCE[surface], kappa=repr(float(kappa)), surface=surface,
                 box=repr(O.SURFACES[surface].box))
    step = NEWTON_STEP if newton else "        opt.step(closure)\n"
    return head + body + _fill(DESCEND, make_optimizer=SOURCE["make_optimizer"], newton=NEWTON if newton else "",
                               seed=seed, beta=repr(beta), steps=steps, step=step)


def race_script(cfg: O.RaceConfig) -> str:
    rates = {name: O.rate_of(cfg, name) for name in cfg.optimizers}
    script = _two_d(f"CS231n Lab, Optimizers: the race on the {cfg.surface} surface",
                    "Runs each optimizer from the same start and prints, per optimizer, its learning rate, the steps\n"
                    "it ran, its final loss and the step where it left the view (empty if it stayed).",
                    cfg.surface, cfg.kappa, cfg.seed, cfg.beta, cfg.steps, "newton" in rates)
    return script + _fill(RACE_MAIN, rates=repr(rates), start=repr((cfg.x0, cfg.y0)), noise=repr(cfg.noise))


def saddle_script(cfg: O.SaddleConfig) -> str:
    variants = "\n".join(f"    {label!r}: {v!r}," for label, v in O.saddle_variants(cfg).items())
    script = _two_d("CS231n Lab, Optimizers: escaping the saddle of f = x^2 - y^2",
                    "Starts on the ridge y = 0 and just off it, with and without gradient noise; prints, per run,\n"
                    "the first step with |y| > 1 (empty if never) and the final |y|.",
                    "saddle", 1.0, cfg.seed, 0.9, cfg.steps, False)
    return script + _fill(SADDLE_MAIN, variants=variants, lr=repr(cfg.lr), x0=repr(cfg.x0), escape=repr(O.ESCAPE))


def inside_script(cfg: O.InsideConfig) -> str:
    head = _fill(HEADER, title="CS231n Lab, Optimizers: inside the update rules",
                 what="Runs the update rules written out by hand and prints each optimizer's state at step "
                      f"{cfg.inspect}:\nper coordinate the gradient, velocity, cache, update and effective rate.")
    body = _fill(SURFACE, surface_source=SOURCE[cfg.surface], kappa=repr(float(cfg.kappa)), surface=cfg.surface,
                 box=repr(O.SURFACES[cfg.surface].box))
    return head + body + _fill(INSIDE_MAIN, rule_step=SOURCE["rule_step"], optimizers=repr(cfg.optimizers),
                               start=repr((cfg.x0, cfg.y0)), steps=cfg.steps, lr=repr(cfg.lr), beta=repr(cfg.beta),
                               at=cfg.inspect)


def theory_script(cfg: O.TheoryConfig) -> str:
    head = _fill(HEADER, title="CS231n Lab, Optimizers: momentum against theory",
                 what="Runs gradient descent and heavy-ball momentum at their best constant settings (Polyak 1964)\n"
                      "and prints the predicted and measured rates and the iterations to reach the tolerance.")
    return head + _fill(THEORY, kappa=repr(float(cfg.kappa)), tol=repr(cfg.tol), max_steps=cfg.max_steps,
                        best_settings=SOURCE["best_settings"])


def _mlp(title: str, what: str, dataset: str, seed: int, width: int, optimizers: dict[str, str]) -> str:
    data, model = DataConfig(name=dataset, seed=seed), ModelConfig(width=width, seed=seed)
    return _fill(MLP, title=title, what=what, data=data_code(data), seed=seed, depth=model.depth, width=width,
                 optimizers="\n".join(f"    {k!r}: lambda params, lr: {v}," for k, v in optimizers.items()),
                 batches=BATCHES, blowup=repr(BLOWUP_FACTOR), patience=PATIENCE, factor=repr(DIVERGE_FACTOR))


def _optimizer(name: str) -> str:
    decay = O.ADAMW_DECAY if name == "adamw" else 0.0
    return OPT_CODE[name].format(lr="lr", mom=TrainConfig().momentum, wd=decay)


def sweep_script(cfg: O.SweepConfig) -> str:
    lo, hi = sorted((cfg.lo, cfg.hi))
    script = _mlp("CS231n Lab, Optimizers: a learning-rate sweep",
                  f"Trains the same MLP for {cfg.steps} steps at each rate of a log grid, for each optimizer, and\n"
                  "prints the final training loss (capped; marked diverged when the run blew up).",
                  cfg.dataset, cfg.seed, cfg.width, {name: _optimizer(name) for name in cfg.optimizers})
    return script + _fill(SWEEP_MAIN, steps=cfg.steps, batch=cfg.batch_size, seed=cfg.seed, lo=repr(lo),
                          hi=repr(hi), points=cfg.points, cap=repr(O.DIVERGED_LOSS))


def schedules_script(cfg: O.ScheduleConfig) -> str:
    script = _mlp("CS231n Lab, Optimizers: learning-rate schedules",
                  "Trains the same MLP once per schedule (same data, start and batches) and prints the final\n"
                  "losses and accuracies, and the step where a run diverged (empty if it did not).",
                  "spiral", cfg.seed, 32, {cfg.optimizer: _optimizer(cfg.optimizer)})
    return script + _fill(SCHEDULES_MAIN, lr=repr(cfg.lr), steps=cfg.steps, drop_every=cfg.drop_every,
                          drop_factor=repr(cfg.drop_factor), decay=repr(cfg.decay), warmup=cfg.warmup,
                          every=max(cfg.steps // 30, 1), optimizer=repr(cfg.optimizer), batch=cfg.batch_size,
                          seed=cfg.seed, schedules=repr(cfg.schedules))
