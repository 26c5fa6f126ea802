"""Lecture 5, weight initialization: each claim of the slides as an experiment `config -> frames`.

The slides' experiment (CS231n 2017 Lecture 6 / 2019+ Lecture 7, "Weight Initialization"): a stack of
10 fully connected layers of 500 units, no bias, fed unit-Gaussian input; look at the activations of
every layer for W ~ N(0, 0.01^2), W ~ N(0, 1), Xavier (Glorot & Bengio 2010) and He (He et al. 2015).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F

from core.cards import cards_of
from core.data import DATA_CHOICES, DataConfig, Dataset, make_dataset
from core.models import MLP, ModelConfig, build_mlp, recording
from core.nn import ACTIVATIONS, dead_units, saturated_values
from core.plain import INITS
from core.parallel import each
from core.params import choice, multi, num
from core.progress import report
from core.train import Run, TrainConfig, affordable_steps, healths, histories, summary, train, twin_runs

CLASSES = 10  # the stack's readout: 10 logits, cross-entropy on random labels (part 2)
RANDOM_INITS = tuple(i for i in INITS if i not in ("zero", "constant"))
# Part 5 trains one model per init: near-duplicates (uniform ~ normal, Xavier uniform ~ Xavier normal) and
# constant (part 3 has it) are left out so that every selection stays within the time budget.
TRAIN_INITS = ("zero", "normal", "xavier_normal", "kaiming_normal", "orthogonal", "lsuv")
LSUV_INPUTS = 32  # LSUV's data step re-runs the whole stack 3x per layer: a small batch keeps that cheap


# 1. The lecture's experiment: a deep stack ------------------------------------------------------
@dataclass(frozen=True)
class StackConfig:
    activation: str = choice("tanh", tuple(ACTIVATIONS), key="act")  # the slide's experiment uses tanh
    init: str = choice("normal", tuple(INITS), key="init")
    # the slide's first try: 0.01, then 1.0; capped at 2 so a 20-layer ReLU stack stays inside float32
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")
    depth: int = num(10, 1, 20, key="depth")  # the slide: 10 layers
    width: int = num(500, 10, 500, step=10, key="width")  # the slide: 500 units (the cap keeps 20 layers fast)
    seed: int = num(0, 0, 9999, key="seed")
    batch: int = 1000  # unit-Gaussian inputs per forward pass (size knob for tests)
    samples: int = 1000  # activation values per layer kept for the histograms


def stack_input(batch, width, seed):
    """x: (batch, width) ~ N(0, 1), the stack's input. It has its own seed stream, apart from the weights'
    (the same seed would correlate x and W)."""
    return torch.randn(batch, width, generator=torch.Generator().manual_seed(10_000 + seed))


def random_labels(batch, seed):
    """(batch,) random class labels for the stack's 10-way readout, from their own seed stream."""
    return torch.randint(CLASSES, (batch,), generator=torch.Generator().manual_seed(20_000 + seed))


def stack_model(cfg: StackConfig) -> ModelConfig:
    """The slide's stack as an engine MLP: `depth` layers of `width` units, no bias."""
    return ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, init=cfg.init,
                       init_std=cfg.std, bias=False, seed=cfg.seed)


def build_stack(cfg: StackConfig) -> tuple[MLP, torch.Tensor]:
    """The slide's stack (stack_model, initialized; LSUV looks at the first LSUV_INPUTS inputs) and its
    input x (stack_input)."""
    x = stack_input(cfg.batch, cfg.width, cfg.seed)
    return build_mlp(stack_model(cfg), cfg.width, CLASSES, x[:LSUV_INPUTS]), x


def finite(value):
    """inf (a value past float32's range: the stack exploded) becomes NaN, which charts leave out."""
    return value if math.isfinite(value) else math.nan


def forward_statistics(model, x):
    """Forward x through the stack once. Returns one row per hidden layer (layer; mean and std of the
    activations a; z_second_moment and a_second_moment, E[z^2] of the pre-activations and E[a^2]; saturated,
    the fraction of saturated values; dead, the fraction of dead units) and the recorded (z, a) per layer."""
    rows = []
    with torch.inference_mode(), recording(model.acts()) as seen:
        model(x)
        for i, (act, (z, a)) in enumerate(zip(model.acts(), seen), start=1):
            # the second moments in float64: E[z^2] passes float32's 3e38 before z does
            rows.append({"layer": i, "mean": finite(a.mean().item()), "std": finite(a.std().item()),
                         "z_second_moment": finite(z.double().square().mean().item()),
                         "a_second_moment": finite(a.double().square().mean().item()),
                         "saturated": saturated_values(act, z, a).float().mean().item(),
                         "dead": dead_units(act, z).float().mean().item()})
    return rows, seen


def stack(cfg: StackConfig) -> dict[str, pd.DataFrame]:
    """Forward the unit-Gaussian batch through the stack once.

    'layers': forward_statistics' rows. 'values': layer, activation_value, a seeded sample of `samples`
    activations per layer (histograms)."""
    model, x = build_stack(cfg)
    rows, seen = forward_statistics(model, x)
    g = torch.Generator().manual_seed(cfg.seed)
    values = []
    for i, (_, a) in enumerate(seen):
        flat = a.reshape(-1)
        pick = torch.randint(len(flat), (min(cfg.samples, len(flat)),), generator=g)
        values.append(pd.DataFrame({"layer": i + 1, "activation_value": flat[pick].numpy()}))
    return {"layers": pd.DataFrame(rows), "values": pd.concat(values, ignore_index=True)}


# 2. Gradients on the way back -------------------------------------------------------------------
@dataclass(frozen=True)
class GradientConfig(StackConfig):
    sgd_lr: float = num(0.01, 1e-5, 10.0, log=True, key="lr")  # one plain SGD step; He + ReLU gets ~1e-3 ratios


def gradient_statistics(model, x, y, lr):
    """One forward and backward pass (cross-entropy against the labels y), then one plain SGD step. Per
    hidden layer: act_std (forward), act_grad_std (std of dL/da), weight_grad_std (std of dL/dW),
    update_ratio (||W_after - W_before|| / ||W_before||; the rule of thumb is ~1e-3)."""
    with recording(model.acts()) as seen:
        logits = model(x)
    for _, a in seen:
        a.retain_grad()  # keep dL/da of every hidden layer, not only the leaves' gradients
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    F.cross_entropy(logits, y).backward()
    weights = [lin.weight for lin in model.weights()]
    before = [w.detach().clone() for w in weights]
    opt.step()
    return [{"layer": i, "act_std": a.detach().std().item(), "act_grad_std": a.grad.std().item(),
             "weight_grad_std": w.grad.std().item(),
             "update_ratio": ((w.detach() - w0).norm() / (w0.norm() + 1e-12)).item()}
            for i, ((_, a), w, w0) in enumerate(zip(seen, weights, before), start=1)]


def gradients(cfg: GradientConfig) -> pd.DataFrame:
    """gradient_statistics of the stack (+ a 10-way readout) on random labels."""
    model, x = build_stack(cfg)
    return pd.DataFrame(gradient_statistics(model, x, random_labels(cfg.batch, cfg.seed), cfg.sgd_lr))


# 3. W = 0 ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ZeroConfig:
    activation: str = choice("tanh", tuple(ACTIVATIONS), key="act")
    value: float = num(0.0, -1.0, 1.0, step=0.05, key="c")  # every weight starts at c (c = 0: W = 0)
    random_init: str = choice("xavier_normal", RANDOM_INITS, key="rinit")  # the twin's init
    width: int = num(16, 2, 128, step=2, key="width")
    depth: int = num(2, 1, 4, key="depth")
    lr: float = num(0.5, 1e-3, 5.0, log=True, key="lr")
    steps: int = num(200, 10, 500, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    checkpoints: int = 20  # how often along training the unit spread is measured


def zero_spec(cfg: ZeroConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What part 3 trains: the spiral, the twins 'equal' (every weight = c) and 'random' (an init that draws at
    the scale |c|, or 0.01 when c = 0, if it takes a scale), and plain full-batch SGD, evaluated every
    steps // checkpoints steps."""
    scale = abs(cfg.value) or ModelConfig.init_std
    models = {variant: ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, init=init,
                                   init_std=std, seed=cfg.seed)
              for variant, init, std in (("equal", "constant", cfg.value), ("random", cfg.random_init, scale))}
    every = max(cfg.steps // cfg.checkpoints, 1)
    return DataConfig(seed=cfg.seed), models, TrainConfig(optimizer="sgd", lr=cfg.lr, steps=cfg.steps, eval_every=every)


def unit_spread(weight):
    """The largest difference between any two units' incoming weight vectors: weight (units, n_in)
    -> max over inputs j of (max_i w_ij - min_i w_ij), i.e. max_{i,k} ||w_i - w_k||_inf."""
    return (weight.max(dim=0).values - weight.min(dim=0).values).max().item()


def spread_rows(variant, step, weights, start):
    """Per hidden layer (weights: its weight matrices, start: their copies at step 0): the unit spread
    (0: every unit is still a copy of the others) and how far the weights moved, ||W_t - W_0||."""
    return [{"variant": variant, "step": step, "layer": i, "spread": unit_spread(w.detach()),
             "moved": (w.detach() - w0).norm().item()} for i, (w, w0) in enumerate(zip(weights, start), start=1)]


def zero_run(cfg: ZeroConfig, variant: str) -> tuple[Run, list[dict]]:
    """One twin of part 3 (a piece: core.parallel), watched (_watched)."""
    data_cfg, models, tcfg = zero_spec(cfg)
    data = make_dataset(data_cfg)
    return _watched(build_mlp(models[variant], data.dim, data.classes, data.x_train), data, tcfg, variant)


def _watched(model, data, tcfg: TrainConfig, variant: str):
    """core.train's run, reading spread_rows at the start and every tcfg.eval_every steps (and at the
    end). Returns (Run, spread rows)."""
    weights = [lin.weight for lin in model.weights()]
    start = [w.detach().clone() for w in weights]
    rows, done = spread_rows(variant, 0, weights, start), 0

    def after_step(_):
        nonlocal done
        done += 1
        if done % tcfg.eval_every == 0 or done == tcfg.steps:
            rows.extend(spread_rows(variant, done, weights, start))

    run = train(model, data, tcfg, variant=variant, after_step=after_step)
    return run, rows


def zero_init(cfg: ZeroConfig) -> dict[str, pd.DataFrame]:
    """Twin runs on the spiral (zero_spec), same data and plain full-batch SGD. 'spread': variant, step,
    layer, spread (see unit_spread), moved (||W_t - W_0||); 'history' and 'summary' as in core.train."""
    watched = each(zero_run, [(cfg, variant) for variant in zero_spec(cfg)[1]])
    runs, spread = [run for run, _ in watched], [row for _, rows in watched for row in rows]
    return {"spread": pd.DataFrame(spread, columns=["variant", "step", "layer", "spread", "moved"]),
            "history": histories(runs), "summary": summary(runs)}


# 4. The variance rule ---------------------------------------------------------------------------
@dataclass(frozen=True)
class VarianceConfig:
    activation: str = choice("relu", tuple(ACTIVATIONS), key="act")  # ReLU shows why He doubles Xavier
    inits: tuple = multi(("normal", "xavier_normal", "kaiming_normal"), tuple(INITS), key="inits")
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")  # normal/uniform/constant
    depth: int = num(10, 2, 20, key="depth")
    width: int = num(500, 10, 500, step=10, key="width")
    seed: int = num(0, 0, 9999, key="seed")
    batch: int = 250  # inputs per stack: E[z^2] over 250 x width values is plenty


def variance_stack(cfg: VarianceConfig, init: str) -> StackConfig:
    """The stack part 4 forwards for one init."""
    return StackConfig(activation=cfg.activation, init=init, std=cfg.std, depth=cfg.depth, width=cfg.width,
                       seed=cfg.seed, batch=cfg.batch)


def verdict(factor):
    """'shrinks' / 'keeps' / 'grows' for a per-layer variance factor (10% either side keeps)."""
    return "shrinks" if factor < 0.9 else "grows" if factor > 1.1 else "keeps"


def geometric_mean(top, bottom):
    """The geometric mean of the ratios top/bottom (two equally long sequences of numbers); 0 when any
    ratio is 0 or undefined (0/0)."""
    ratios = [t / b if b > 0 else 0.0 for t, b in zip(top, bottom)]
    if not ratios:
        return 1.0  # a single layer: nothing to compare
    if min(ratios) <= 0:
        return 0.0
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def rule_readout(model, rows):
    """The rule Var(z_l) = n_in Var(W) E[a_{l-1}^2] (zero-mean independent weights, no bias), measured on
    one forward pass (rows: forward_statistics'). n_in_var_w: n_in times the variance of the last hidden
    layer's actual weights; rule: E[z_l^2] / E[a_{l-1}^2], geometric mean over layers (the rule says
    n_in_var_w); kept_by_f: E[a_l^2] / E[z_l^2], what the nonlinearity keeps (1/2 for ReLU); factor:
    E[z_l^2] / E[z_{l-1}^2], the per-layer growth of the signal (= rule x kept_by_f); verdict."""
    w = model.weights()[-1].weight.detach()  # a square hidden layer (depth >= 2)
    z2 = [row["z_second_moment"] for row in rows]
    a2 = [row["a_second_moment"] for row in rows]
    factor = geometric_mean(z2[1:], z2[:-1])
    return {"n_in_var_w": w.shape[1] * w.var().item(),
            "rule": geometric_mean(z2, [1.0] + a2[:-1]),  # E[x^2] = 1 for the unit-Gaussian input
            "kept_by_f": geometric_mean(a2, z2), "factor": factor, "verdict": verdict(factor)}


def variance(cfg: VarianceConfig) -> dict[str, pd.DataFrame]:
    """rule_readout per init: 'readout' (init and rule_readout's columns); 'layers': layer,
    z_second_moment, init."""
    readout, layers = [], []
    for n, init in enumerate(cfg.inits):
        model, x = build_stack(variance_stack(cfg, init))
        rows, _ = forward_statistics(model, x)
        readout.append({"init": init, **rule_readout(model, rows)})
        layers += [{"layer": row["layer"], "z_second_moment": row["z_second_moment"], "init": init} for row in rows]
        report((n + 1) / len(cfg.inits))
    return {"readout": pd.DataFrame(readout), "layers": pd.DataFrame(layers)}


# 5. What it does to training --------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingConfig:
    activation: str = choice("tanh", tuple(ACTIVATIONS), key="act")
    inits: tuple = multi(("normal", "xavier_normal", "kaiming_normal"), TRAIN_INITS, key="inits")
    std: float = num(0.01, 1e-3, 2.0, log=True, key="std")  # normal/constant
    depth: int = num(7, 2, 8, key="depth")  # the deep MLP: 6-8 layers
    width: int = num(64, 8, 96, step=8, key="width")
    dataset: str = choice("spiral", DATA_CHOICES, key="data")
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
    (core.train's, plus first_loss and learned: loss fell by more than learned_drop); 'health' and
    'histograms' (core.train.healths)."""
    data_cfg, models, tcfg = training_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda init: build_mlp(models[init], data.dim, data.classes, data.x_train)
    runs = twin_runs(build, list(models), data, tcfg)
    hist, table = histories(runs), summary(runs)
    train_loss = hist[hist.split == "train"]
    first = train_loss[train_loss.step == 0].set_index("variant").loss
    table["first_loss"] = table.variant.map(first)
    table["learned"] = (table.train_loss < (1 - cfg.learned_drop) * table.first_loss) & table.diverged_at.isna()
    return {"history": hist, "summary": table, **healths(runs)}


# 6. The ladder of fixes (Karpathy, "Building makemore part 3", 2022) -------------------------------------
# Every rung starts from the same N(0, 1) draw of the same MLP (twin runs) and adds one fix to the rung
# before it; rung 3 replaces rung 2's hand-picked scale with a principled one.

OUTPUT_SCALE = 0.01  # the notebook's W2 * 0.01: logits near 0, softmax near uniform, loss near ln C
# The notebook's W1 * 0.2 took its 30 inputs from z ~ N(0, 30) (std 5.5) to std about 1. Here a layer has 64
# inputs (8x8 pixels, 64 units by default): z's std is about sqrt(64) = 8 at N(0, 1), and a round tenth of
# it, 0.8, lies in tanh's near-linear range (|a| > 0.99 needs |z| > 2.65, over 3 stds away).
HIDDEN_SCALE = 0.1
TANH_GAIN = 5 / 3  # torch.nn.init.calculate_gain("tanh"): makes up for tanh squashing the variance
BATCHNORM_RUNGS = ("4_batchnorm",)  # built with BatchNorm before each tanh (core.models.Block's order)


def rung_naive(model):
    """(0) As built: every weight ~ N(0, 1), biases 0 (the notebook drew its biases from N(0, 1) too; the
    lab's inits zero them). The output layer's logits have a std of about sqrt(width): the softmax is
    confident, and wrong."""
    return model


def rung_small_output(model):
    """(1) The output layer scaled down and its bias zeroed (already 0 here, as the notebook's fix has it): the
    logits start near 0."""
    with torch.no_grad():
        model.head.weight.mul_(OUTPUT_SCALE)
        model.head.bias.zero_()
    return model


def rung_small_hidden(model):
    """(2) Rung 1, and every hidden weight scaled by a hand-picked HIDDEN_SCALE: tanh no longer saturated."""
    rung_small_output(model)
    with torch.no_grad():
        for layer in model.weights():
            layer.weight.mul_(HIDDEN_SCALE)
    return model


def rung_kaiming(model):
    """(3) Rung 1, and every hidden weight rescaled from N(0, 1) to N(0, (5/3)^2 / n_in) (Kaiming init with
    tanh's gain, He et al. 2015; torch.nn.init.kaiming_normal_(w, nonlinearity="tanh") in distribution)
    instead of rung 2's hand-picked scale."""
    rung_small_output(model)
    with torch.no_grad():
        for layer in model.weights():
            layer.weight.mul_(TANH_GAIN / math.sqrt(layer.in_features))
    return model


def rung_batchnorm(model):
    """(4) Rung 3's weights in a model built with BatchNorm before each tanh (Ioffe & Szegedy 2015)."""
    return rung_kaiming(model)


RUNGS = {"0_naive": rung_naive, "1_small_output": rung_small_output, "2_small_hidden": rung_small_hidden,
         "3_kaiming": rung_kaiming, "4_batchnorm": rung_batchnorm}


@dataclass(frozen=True)
class LadderConfig:
    rungs: tuple = multi(tuple(RUNGS), tuple(RUNGS), key="rungs")
    optimizer: str = choice("sgd", ("sgd", "adam"), key="opt")  # the notebook: plain SGD at 0.1
    lr: float = num(0.1, 1e-4, 1.0, log=True, key="lr")
    width: int = num(64, 16, 128, step=16, key="width")
    steps: int = num(150, 50, 1000, step=50, key="steps")  # 5 rungs x 150 steps: about 1.5 s on one core
    seed: int = num(0, 0, 9999, key="seed")
    depth: int = 5  # the notebook's deep network: 5 tanh layers
    batch: int = 32  # the notebook's minibatch
    n: int = 1797  # all of scikit-learn's digits (size knob for tests)

    def limit(self) -> dict:
        dims = [64] + [self.width] * self.depth + [10]
        return {"steps": affordable_steps(self.batch, dims, self.steps, len(self.rungs))}


def standardized(x_train, x_val):
    """x_train, x_val: (N, 64) pixels in [0, 1] -> both shifted and scaled by one mean and one std of the
    training pixels. The scales of rungs 2 and 3 assume inputs of mean 0 and E[x^2] = 1 (raw pixels have E[x^2]
    about 0.23: naive init would then saturate under half of layer 1). One mean and std for all pixels, not one
    per pixel: the border pixels are almost always 0, and their tiny std would blow up the rare digit that
    touches them."""
    mean, std = x_train.mean(), x_train.std()
    return (x_train - mean) / std, (x_val - mean) / std


def ladder_model(cfg: LadderConfig) -> ModelConfig:
    """The naive network every rung starts from: `depth` tanh layers of `width` units, every weight ~ N(0, 1)."""
    return ModelConfig(width=cfg.width, depth=cfg.depth, activation="tanh", init="normal", init_std=1.0,
                       seed=cfg.seed)


def ladder_spec(cfg: LadderConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What the ladder trains: the digits, one model config per rung (ladder_model; for rung 4 with BatchNorm
    and, as in the notebook, no bias before it: BatchNorm's beta is the bias), minibatch training."""
    naive = ladder_model(cfg)
    models = {rung: dataclasses.replace(naive, norm="batch", bias=False) if rung in BATCHNORM_RUNGS else naive
              for rung in cfg.rungs}
    tcfg = TrainConfig(optimizer=cfg.optimizer, lr=cfg.lr, steps=cfg.steps, batch_size=cfg.batch, seed=cfg.seed,
                       eval_every=max(cfg.steps // 30, 1))
    return DataConfig(name="digits", n=cfg.n, noise=0.0, seed=cfg.seed), models, tcfg


def ladder_data(data_cfg: DataConfig) -> Dataset:
    """The digits, split, with standardized inputs."""
    data = make_dataset(data_cfg)
    x_train, x_val = standardized(data.x_train, data.x_val)
    return Dataset(x_train, data.y_train, x_val, data.y_val, data.classes)


CHANCE_TOLERANCE = 0.15  # "near ln C": within 0.15 nats (ln 10 = 2.30; a confident wrong start is several times it)


def rung_table(hist: pd.DataFrame, table: pd.DataFrame, health: pd.DataFrame, classes: int) -> pd.DataFrame:
    """The notebook's loss log, measured: per rung (in order) initial_loss (step 0, on the whole training set),
    chance_loss (ln C, a uniform guess), near_chance (within CHANCE_TOLERANCE of it), saturated_at_start (the
    share of saturated tanh units at step 0, over all hidden layers), the final losses, the final validation
    accuracy, and diverged_at."""
    start = hist[(hist.split == "train") & (hist.step == 0)].set_index("variant").loss
    sat = health[(health.stat == "saturated") & (health.step == 0)].groupby("variant").value.mean()
    rungs = table.rename(columns={"variant": "rung"})
    rungs.insert(1, "initial_loss", rungs.rung.map(start))
    rungs.insert(2, "chance_loss", math.log(classes))
    rungs.insert(3, "near_chance", (rungs.initial_loss - rungs.chance_loss).abs() <= CHANCE_TOLERANCE)
    rungs.insert(4, "saturated_at_start", rungs.rung.map(sat))
    return rungs[["rung", "initial_loss", "chance_loss", "near_chance", "saturated_at_start", "train_loss",
                  "val_loss", "val_accuracy", "diverged_at"]]


def ladder(cfg: LadderConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of the rungs (same data, batches and N(0, 1) draw; each rung rescales it, RUNGS): 'rungs'
    (rung_table), 'history', 'summary', 'health' and 'histograms' as in core.train."""
    data_cfg, models, tcfg = ladder_spec(cfg)
    data = ladder_data(data_cfg)
    build = lambda rung: RUNGS[rung](build_mlp(models[rung], data.dim, data.classes))
    runs = twin_runs(build, list(models), data, tcfg)
    hist, table, health = histories(runs), summary(runs), healths(runs)
    return {"rungs": rung_table(hist, table, health["health"], data.classes), "history": hist, "summary": table,
            **health}


# The page's parts in order, each with its default config: the page opens on the first one.
EXPERIMENTS = {
    "stack": (stack, StackConfig()),
    "gradients": (gradients, GradientConfig()),
    "zero": (zero_init, ZeroConfig()),
    "variance": (variance, VarianceConfig()),
    "training": (training, TrainingConfig()),
    "ladder": (ladder, LadderConfig()),
    **cards_of("initialization"),  # paper cards (core/cards.py)
}

# The ladder's one-click settings.
LADDER_PRESETS = {"ladder_all": {}, "ladder_naive_fixed": {"rungs": ("0_naive", "3_kaiming")},
                  "ladder_adam": {"optimizer": "adam", "lr": 0.005}}

# The slides' runs (Lecture 6, 2017): one click each on parts 1 and 2.
SLIDES = {
    "tanh_small": {"activation": "tanh", "init": "normal", "std": 0.01},
    "tanh_large": {"activation": "tanh", "init": "normal", "std": 1.0},
    "tanh_xavier": {"activation": "tanh", "init": "xavier_normal"},
    "relu_xavier": {"activation": "relu", "init": "xavier_normal"},
    "relu_he": {"activation": "relu", "init": "kaiming_normal"},
}
