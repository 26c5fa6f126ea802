"""Lecture 5, weight initialization: each claim of the slides as an experiment `config -> frames`.

The slides' experiment (CS231n 2017 Lecture 6 / 2019+ Lecture 7, "Weight Initialization"): a stack of
10 fully connected layers of 500 units, no bias, fed unit-Gaussian input; look at the activations of
every layer for W ~ N(0, 0.01^2), W ~ N(0, 1), Xavier (Glorot & Bengio 2010) and He (He et al. 2015).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F

from core import codegen_initialization as codegen
from core.codegen import mlp_export
from core.data import TOY, DataConfig, make_dataset
from core.models import MLP, ModelConfig, build_mlp
from core.nn import ACTIVATION_NAMES, ACTIVATIONS, INITS
from core.params import choice, multi, num
from core.progress import report
from core.train import TrainConfig, histories, summary, train, twin_runs

CLASSES = 10  # the stack's readout: 10 logits, cross-entropy on random labels (parts 2)
RANDOM_INITS = tuple(i for i in INITS if i not in ("zero", "constant"))
# Part 5 trains one model per init: near-duplicates (uniform ~ normal, Xavier uniform ~ Xavier normal) and
# constant (part 3 has it) are left
# out so that every selection stays within the time budget.
TRAIN_INITS = ("zero", "normal", "xavier_normal", "kaiming_normal", "orthogonal", "lsuv")
BOUNDED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
SATURATED_MARGIN = 0.01  # tanh: |a| > 0.99 counts as saturated, as on the slide
LSUV_INPUTS = 32  # LSUV's data step re-runs the whole stack 3x per layer: a small batch keeps that cheap


# 1. The lecture's experiment: a deep stack ------------------------------------------------------
@dataclass(frozen=True)
class StackConfig:
    activation: str = choice("tanh", ACTIVATION_NAMES, key="act")  # the slide's experiment uses tanh
    init: str = choice("normal", tuple(INITS), key="init")
    # the slide's first try: 0.01, then 1.0; capped at 2 so a 20-layer ReLU stack stays inside float32
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")
    depth: int = num(10, 1, 20, key="depth")  # the slide: 10 layers
    width: int = num(500, 10, 500, step=10, key="width")  # the slide: 500 units (the cap keeps 20 layers fast)
    seed: int = num(0, 0, 9999, key="seed")
    batch: int = 1000  # unit-Gaussian inputs per forward pass (size knob for tests)
    samples: int = 1000  # activation values per layer kept for the histograms


def build_stack(cfg: StackConfig) -> tuple[MLP, torch.Tensor]:
    """The slide's stack as an engine MLP without bias, and its input x: (batch, width) ~ N(0, 1).

    The input has its own seed stream, apart from the weights' (same seed would correlate them)."""
    x = torch.randn(cfg.batch, cfg.width, generator=torch.Generator().manual_seed(10_000 + cfg.seed))
    mcfg = ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, init=cfg.init,
                       init_std=cfg.std, bias=False, seed=cfg.seed)
    return build_mlp(mcfg, cfg.width, CLASSES, x[:LSUV_INPUTS]), x


def saturated(name: str, act, z: torch.Tensor, a: torch.Tensor) -> torch.Tensor:
    """Bounded f (tanh, sigmoid): output within 1% of its range's ends (tanh: |a| > 0.99).
    Others: the engine's rule, |f'(z)| < 0.01."""
    if name in BOUNDED:
        lo, hi = BOUNDED[name]
        margin = SATURATED_MARGIN * (hi - lo) / 2
        return (a < lo + margin) | (a > hi - margin)
    return act.saturated(z)


def dead(name: str, z: torch.Tensor) -> torch.Tensor:
    """(width,) True where f'(z) is exactly 0 on every input: no gradient can reach the unit
    (for ReLU: z <= 0 for all inputs)."""
    if name not in ACTIVATIONS:
        return torch.zeros(z.shape[1], dtype=torch.bool)  # maxout's slope never vanishes
    return (ACTIVATIONS[name].df(z) == 0).all(dim=0)


def _forward(model: MLP, x: torch.Tensor) -> torch.Tensor:
    for act in model.acts():
        act.keep = True
    return model(x)


def _release(model: MLP) -> None:
    for act in model.acts():
        act.keep, act.z, act.a = False, None, None


def _finite(value: float) -> float:
    """inf (a value past float32's range: the stack exploded) becomes NaN, which charts leave out."""
    return value if math.isfinite(value) else math.nan


def _layer_rows(cfg: StackConfig, model: MLP) -> list[dict]:
    rows = []
    for i, act in enumerate(model.acts()):
        a, z = act.a.detach(), act.z
        rows.append({"layer": i + 1, "mean": _finite(a.mean().item()), "std": _finite(a.std().item()),
                     "z_second_moment": _finite(z.double().square().mean().item()),  # float64: E[z^2] passes 3e38 first
                     "a_second_moment": _finite(a.double().square().mean().item()),
                     "saturated": saturated(cfg.activation, act, z, a).float().mean().item(),
                     "dead": dead(cfg.activation, z).float().mean().item()})
    return rows


def measure(cfg: StackConfig) -> tuple[MLP, pd.DataFrame, pd.DataFrame]:
    """Build the stack and forward its input once: (model, layer statistics, sampled values)."""
    model, x = build_stack(cfg)
    g = torch.Generator().manual_seed(cfg.seed)
    with torch.inference_mode():
        _forward(model, x)
        layers = pd.DataFrame(_layer_rows(cfg, model))
        values = []
        for i, act in enumerate(model.acts()):
            flat = act.a.reshape(-1)
            pick = torch.randint(len(flat), (min(cfg.samples, len(flat)),), generator=g)
            values.append(pd.DataFrame({"layer": i + 1, "activation_value": flat[pick].numpy()}))
    _release(model)
    return model, layers, pd.concat(values, ignore_index=True)


def stack(cfg: StackConfig) -> dict[str, pd.DataFrame]:
    """Forward the unit-Gaussian batch through the stack once.

    'layers': layer, mean, std (of the activations a), z_second_moment and a_second_moment (E[z^2] of the
    pre-activations, E[a^2] of the activations), saturated (fraction of values), dead (fraction of units).
    'values': layer, activation_value — a seeded sample of `samples` activations per layer (histograms)."""
    _, layers, values = measure(cfg)
    return {"layers": layers, "values": values}


# 2. Gradients on the way back -------------------------------------------------------------------
@dataclass(frozen=True)
class GradientConfig(StackConfig):
    sgd_lr: float = num(0.01, 1e-5, 10.0, log=True, key="lr")  # one plain SGD step; He + ReLU gets ~1e-3 ratios


def gradients(cfg: GradientConfig) -> pd.DataFrame:
    """One forward and backward pass of the stack (+ a 10-way readout, cross-entropy on random labels),
    then one SGD step. Per layer: act_std (forward), act_grad_std (std of dL/da), weight_grad_std
    (std of dL/dW), update_ratio (||W_after - W_before|| / ||W_before||; the rule of thumb is ~1e-3)."""
    model, x = build_stack(cfg)
    y = torch.randint(CLASSES, (cfg.batch,), generator=torch.Generator().manual_seed(20_000 + cfg.seed))
    logits = _forward(model, x)
    for act in model.acts():
        act.a.retain_grad()
    opt = torch.optim.SGD(model.parameters(), lr=cfg.sgd_lr)
    opt.zero_grad()
    F.cross_entropy(logits, y).backward()
    weights = [lin.weight for lin in model.weights()]
    before = [w.detach().clone() for w in weights]
    opt.step()
    rows = []
    for i, (act, w, w0) in enumerate(zip(model.acts(), weights, before)):
        rows.append({"layer": i + 1, "act_std": act.a.detach().std().item(),
                     "act_grad_std": act.a.grad.std().item(), "weight_grad_std": w.grad.std().item(),
                     "update_ratio": ((w.detach() - w0).norm() / (w0.norm() + 1e-12)).item()})
    _release(model)
    return pd.DataFrame(rows)


# 3. W = 0 ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ZeroConfig:
    activation: str = choice("tanh", ACTIVATION_NAMES, key="act")
    value: float = num(0.0, -1.0, 1.0, step=0.05, key="c")  # every weight starts at c (c = 0: W = 0)
    random_init: str = choice("xavier_normal", RANDOM_INITS, key="rinit")  # the twin's init
    width: int = num(16, 2, 128, step=2, key="width")
    depth: int = num(2, 1, 4, key="depth")
    lr: float = num(0.5, 1e-3, 5.0, log=True, key="lr")
    steps: int = num(200, 10, 500, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    checkpoints: int = 20  # how often along training the unit spread is measured


def unit_spread(weight: torch.Tensor) -> float:
    """The largest difference between any two units' incoming weight vectors: weight (units, n_in)
    -> max over inputs j of (max_i w_ij - min_i w_ij), i.e. max_{i,k} ||w_i - w_k||_inf."""
    return (weight.max(dim=0).values - weight.min(dim=0).values).max().item()


def _watched(model, data, cfg: ZeroConfig, variant: str, span: tuple[float, float]):
    """Plain full-batch SGD, reading the unit spread of every hidden layer at the start and every
    steps // checkpoints steps (and at the end). Returns (Run, spread rows)."""
    weights = [lin.weight for lin in model.weights()]
    start = [w.detach().clone() for w in weights]
    every = max(cfg.steps // cfg.checkpoints, 1)
    rows, done = [], 0

    def record():
        rows.extend((variant, done, i + 1, unit_spread(w.detach()), (w.detach() - w0).norm().item())
                    for i, (w, w0) in enumerate(zip(weights, start)))

    def after_step(_):
        nonlocal done
        done += 1
        if done % every == 0 or done == cfg.steps:
            record()

    record()
    run = train(model, data, TrainConfig(optimizer="sgd", lr=cfg.lr, steps=cfg.steps, eval_every=every),
                variant=variant, progress_span=span, after_step=after_step)
    return run, rows


def zero_init(cfg: ZeroConfig) -> dict[str, pd.DataFrame]:
    """Twin runs on the spiral: every weight = c ('equal') vs cfg.random_init ('random'), same data and
    plain full-batch SGD. 'spread': variant, step, layer, spread (see unit_spread), moved (||W_t - W_0||);
    'history' and 'summary' as in core.train."""
    data = make_dataset(DataConfig(seed=cfg.seed))
    runs, spread = [], []
    for n, (variant, init) in enumerate((("equal", "constant"), ("random", cfg.random_init))):
        model = build_mlp(ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, init=init,
                                      init_std=cfg.value, seed=cfg.seed), 2, data.classes, data.x_train)
        run, rows = _watched(model, data, cfg, variant, (n / 2, (n + 1) / 2))
        runs.append(run)
        spread += rows
    return {"spread": pd.DataFrame(spread, columns=["variant", "step", "layer", "spread", "moved"]),
            "history": histories(runs), "summary": summary(runs)}


# 4. The variance rule ---------------------------------------------------------------------------
@dataclass(frozen=True)
class VarianceConfig:
    activation: str = choice("relu", ACTIVATION_NAMES, key="act")  # ReLU shows why He doubles Xavier
    inits: tuple = multi(("normal", "xavier_normal", "kaiming_normal"), tuple(INITS), key="inits")
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")  # normal/uniform/constant
    depth: int = num(10, 2, 20, key="depth")
    width: int = num(500, 10, 500, step=10, key="width")
    seed: int = num(0, 0, 9999, key="seed")
    batch: int = 250  # inputs per stack: E[z^2] over 250 x width values is plenty


def verdict(factor: float) -> str:
    """'shrinks' / 'keeps' / 'grows' for a per-layer variance factor (10% either side keeps)."""
    return "shrinks" if factor < 0.9 else "grows" if factor > 1.1 else "keeps"


def geometric_mean(top, bottom) -> float:
    """The geometric mean of the ratios top/bottom (two equally long sequences of numbers); 0 when any
    ratio is 0 or undefined (0/0). Plain Python, so the generated script shows this very function."""
    ratios = [t / b if b > 0 else 0.0 for t, b in zip(top, bottom)]
    if not ratios:
        return 1.0  # a single layer: nothing to compare
    if min(ratios) <= 0:
        return 0.0
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def variance(cfg: VarianceConfig) -> dict[str, pd.DataFrame]:
    """The rule Var(z_l) = n_in Var(W) E[a_{l-1}^2] (zero-mean independent weights, no bias), measured.

    'readout', one row per init: n_in_var_w (n_in times the variance of a hidden layer's actual weights);
    rule (measured E[z_l^2] / E[a_{l-1}^2], geometric mean over layers: the rule says n_in_var_w);
    kept_by_f (E[a_l^2] / E[z_l^2]: what the nonlinearity keeps, 1/2 for ReLU); factor (E[z_l^2] /
    E[z_{l-1}^2], the per-layer growth of the signal, = rule x kept_by_f); verdict.
    'layers': init, layer, z_second_moment."""
    readout, layers = [], []
    for n, init in enumerate(cfg.inits):
        scfg = StackConfig(activation=cfg.activation, init=init, std=cfg.std, depth=cfg.depth, width=cfg.width,
                           seed=cfg.seed, batch=cfg.batch, samples=1)
        model, out, _ = measure(scfg)
        w = model.weights()[-1].weight.detach()  # a square hidden layer (depth >= 2)
        z2, a2 = out.z_second_moment, out.a_second_moment
        a_before = pd.concat([pd.Series([1.0]), a2.iloc[:-1]], ignore_index=True)  # E[x^2] = 1 for the input
        factor = geometric_mean(z2.iloc[1:], z2.iloc[:-1])
        readout.append({"init": init, "n_in_var_w": w.shape[1] * w.var().item(),
                        "rule": geometric_mean(z2, a_before), "kept_by_f": geometric_mean(a2, z2),
                        "factor": factor, "verdict": verdict(factor)})
        layers.append(out[["layer", "z_second_moment"]].assign(init=init))
        report((n + 1) / len(cfg.inits))
    return {"readout": pd.DataFrame(readout), "layers": pd.concat(layers, ignore_index=True)}


# 5. What it does to training --------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingConfig:
    activation: str = choice("tanh", ACTIVATION_NAMES, key="act")
    inits: tuple = multi(("normal", "xavier_normal", "kaiming_normal"), TRAIN_INITS, key="inits")
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")  # normal/constant
    depth: int = num(7, 2, 8, key="depth")  # the deep MLP: 6-8 layers
    width: int = num(64, 8, 96, step=8, key="width")
    dataset: str = choice("spiral", TOY, key="data")
    optimizer: str = choice("momentum", ("sgd", "momentum", "adam"), key="opt")
    lr: float = num(0.1, 1e-4, 2.0, log=True, key="lr")
    steps: int = num(100, 20, 300, step=10, key="steps")  # enough for Xavier and He to reach >95% on the spiral
    seed: int = num(0, 0, 9999, key="seed")
    learned_drop: float = 0.1  # a run "started learning" when its training loss fell by more than 10%


def training_spec(cfg: TrainingConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What part 5 trains: the data, one model config per init, the shared training settings."""
    models = {init: ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, init=init,
                                init_std=cfg.std, seed=cfg.seed) for init in cfg.inits}
    tcfg = TrainConfig(optimizer=cfg.optimizer, lr=cfg.lr, steps=cfg.steps, seed=cfg.seed,
                       eval_every=max(cfg.steps // 60, 1))
    return DataConfig(name=cfg.dataset, seed=cfg.seed), models, tcfg


def training(cfg: TrainingConfig) -> dict[str, pd.DataFrame]:
    """Twin runs differing only in init (same data, batches, everything else): 'history', and 'summary'
    (core.train's, plus first_loss and learned: loss fell by more than learned_drop)."""
    data_cfg, models, tcfg = training_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda init: build_mlp(models[init], data.dim, data.classes, data.x_train)
    runs = twin_runs(build, list(models), data, tcfg)
    hist, table = histories(runs), summary(runs)
    train_loss = hist[hist.split == "train"]
    first = train_loss[train_loss.step == 0].set_index("variant").loss
    table["first_loss"] = table.variant.map(first)
    table["learned"] = (table.train_loss < (1 - cfg.learned_drop) * table.first_loss) & table.diverged_at.isna()
    return {"history": hist, "summary": table}


# Parts whose runs can be copied as a plain PyTorch script: part -> export(cfg) (core.codegen*).
CODE = {"stack": codegen.stack_script, "gradients": codegen.gradients_script, "zero": codegen.zero_script,
        "variance": codegen.variance_script,
        "training": mlp_export("CS231n Lab, Initialization: training from each init", training_spec)}

# The page's parts in order, each with its default config: the page opens on the first one.
EXPERIMENTS = {
    "stack": (stack, StackConfig()),
    "gradients": (gradients, GradientConfig()),
    "zero": (zero_init, ZeroConfig()),
    "variance": (variance, VarianceConfig()),
    "training": (training, TrainingConfig()),
}

# The slides' runs (Lecture 6, 2017): one click each on parts 1 and 2.
SLIDES = {
    "tanh_small": {"activation": "tanh", "init": "normal", "std": 0.01},
    "tanh_large": {"activation": "tanh", "init": "normal", "std": 1.0},
    "tanh_xavier": {"activation": "tanh", "init": "xavier_normal"},
    "relu_xavier": {"activation": "relu", "init": "xavier_normal"},
    "relu_he": {"activation": "relu", "init": "kaiming_normal"},
}
