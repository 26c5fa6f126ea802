"""Lecture 5 (CS231n 2017 Lecture 6), Batch Normalization: each claim of the slides as an experiment.

Ioffe & Szegedy 2015: normalize each feature over the batch, x_hat = (x - mu) / sqrt(var + eps), then
y = gamma * x_hat + beta. The page's formulas are `batchnorm_forward` below, tested against
torch.nn.functional.batch_norm; the networks use torch's nn.BatchNorm1d (through core.models).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from core.cards import cards_of
from core.data import DataConfig, Dataset, data_settings, load_data, make_dataset
from core.models import ModelConfig, build_mlp, recording
from core.nn import saturated
from core.params import choice, multi, num
from core.progress import report
from core.train import Job, TrainConfig, healths, histories, summary, train, train_many, twin_runs

EPS, MOMENTUM = 1e-5, 0.1  # PyTorch's defaults for nn.BatchNorm1d
VARIANTS = ("none", "batch")  # without / with BatchNorm before each nonlinearity


# 7. The forward pass the page's formulas describe (used by parts 3 and 7) ------------------------------


def batchnorm_forward(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor, running_mean: torch.Tensor,
                      running_var: torch.Tensor, *, training: bool, momentum: float = MOMENTUM, eps: float = EPS):
    """x: (N, D); gamma, beta, running_mean, running_var: (D,). Returns (y, new running_mean, new running_var).

    Train: mu and the biased var of this batch normalize x; the running averages move a fraction
    `momentum` towards mu and the *unbiased* var (N / (N - 1) times the biased one), as PyTorch does.
    Eval: the running averages normalize x, so each sample's output depends on that sample only."""
    if training:
        N = x.shape[0]
        if N < 2:  # one value per feature has no spread to normalize by
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {tuple(x.shape)}")
        mu = x.mean(dim=0)
        var = ((x - mu) ** 2).mean(dim=0)
        x_hat = (x - mu) / torch.sqrt(var + eps)
        running_mean = (1 - momentum) * running_mean + momentum * mu
        running_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / torch.sqrt(running_var + eps)
    return gamma * x_hat + beta, running_mean, running_var


# 1. What it does to activations ------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivationsConfig:
    activation: str = choice("tanh", ("tanh", "relu"), key="act")
    init_std: float = num(0.01, 1e-3, 10.0, log=True, key="std")  # CS231n: 0.01 collapses tanh activations
    depth: int = num(10, 2, 12, key="depth")
    width: int = num(500, 50, 500, step=50, key="width")  # the slide's 10 layers of 500 units
    batch: int = num(500, 64, 1000, step=4, key="batch")  # inputs x ~ N(0, 1): one batch
    seed: int = num(0, 0, 9999, key="seed")
    samples: int = 300  # values per layer kept for the histograms


def gaussian_inputs(batch, width, seed):
    """x ~ N(0, 1): (batch, width), and the generator that drew it (the page draws its histograms' sample next)."""
    # Not the weights' stream: with the same seed, x and W = std * randn would be the same numbers and
    # x W^T would have |x_n|^2 on its diagonal (a heavy-tailed first layer).
    g = torch.Generator().manual_seed(seed + 7919)
    return torch.randn(batch, width, generator=g), g


def layer_statistics(model, x):
    """One forward pass of x: (N, D) through an MLP in training mode (BatchNorm uses this batch's mean and var).

    Returns a row per hidden layer: layer, z_mean, z_std, a_mean, a_std, saturated (the fraction where
    |f'(z)| < 0.01), with z the input of the nonlinearity (after BatchNorm when there is one) and a = f(z);
    and the (z, a) of each layer."""
    with torch.inference_mode(), recording(model.acts()) as seen:
        model(x)
    rows = [{"layer": layer, "z_mean": z.mean().item(), "z_std": z.std().item(), "a_mean": a.mean().item(),
             "a_std": a.std().item(), "saturated": saturated(act, z).float().mean().item()}
            for layer, (act, (z, a)) in enumerate(zip(model.acts(), seen), start=1)]
    return rows, seen


def stack_spec(cfg: ActivationsConfig) -> dict[str, ModelConfig]:
    """The stacks part 1 runs, without and with BatchNorm: inputs and layers of `width` units, 10 outputs."""
    return {norm: ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, norm=norm,
                              init="normal", init_std=cfg.init_std, seed=cfg.seed) for norm in VARIANTS}


def layer_activations(cfg: ActivationsConfig) -> dict[str, pd.DataFrame]:
    """layer_statistics of the same stack with and without BatchNorm.

    'layers': variant and layer_statistics' columns. 'values': variant, layer, quantity (z or a), value:
    a seeded sample of each layer's values."""
    x, g = gaussian_inputs(cfg.batch, cfg.width, cfg.seed)
    pick = torch.randperm(cfg.batch * cfg.width, generator=g)[: cfg.samples]
    layers, values = [], []
    for i, (norm, mcfg) in enumerate(stack_spec(cfg).items()):
        rows, seen = layer_statistics(build_mlp(mcfg, cfg.width, 10), x)
        layers += [{"variant": norm, **row} for row in rows]
        for layer, (z, a) in enumerate(seen, start=1):
            for quantity, t in (("z", z), ("a", a)):
                values.append(pd.DataFrame({"variant": norm, "layer": layer, "quantity": quantity,
                                            "value": t.reshape(-1)[pick].numpy()}))
        report((i + 1) / len(VARIANTS))
    return {"layers": pd.DataFrame(layers), "values": pd.concat(values, ignore_index=True)}


# 2. Higher learning rates, less dependence on the init ----------------------------------------------
@dataclass(frozen=True)
class GridConfig:
    activation: str = choice("relu", ("relu", "tanh"), key="act")
    depth: int = num(4, 2, 6, key="depth")
    lr_min: float = num(0.03, 1e-3, 1.0, log=True, key="lrmin")
    lr_max: float = num(3.0, 0.1, 10.0, log=True, key="lrmax")  # without BatchNorm, 3 diverges here (tested)
    std_min: float = num(0.001, 1e-3, 0.1, log=True, key="stdmin")
    std_max: float = num(1.0, 0.1, 10.0, log=True, key="stdmax")
    points: int = num(4, 2, 5, key="points")  # grid values per axis: 4 * points runs in all
    lr_for_init: float = num(0.3, 1e-3, 10.0, log=True, key="lrinit")  # the rate of the init-scale grid
    steps: int = num(100, 20, 150, step=10, key="steps")  # largest grid (20 runs x 150 steps, depth 6): ~6 s CPU
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 64


LOSS_CAP = 2 * math.log(3)  # twice the loss of a uniform guess on the 3-class spiral: the heatmaps' top color


def geometric(lo: float, hi: float, points: int) -> list[float]:
    """points values from lo to hi, evenly spaced on a log axis, to 2 significant digits."""
    lo, hi = min(lo, hi), max(lo, hi)
    return [float(f"{lo * (hi / lo) ** (i / max(points - 1, 1)):.2g}") for i in range(points)]


def outcome(first: float, final: float, diverged: bool) -> str:
    """'diverged' (stopped early), 'trains' (loss below half its start), 'stalls' (above 80%), else 'slow'."""
    if diverged:
        return "diverged"
    return "trains" if final < 0.5 * first else ("stalls" if final > 0.8 * first else "slow")


def grid_jobs(lr_min, lr_max, std_min, std_max, points, lr_for_init):
    """The runs of both grids, as (grid, value, init, std, learning rate). Grid 'lr': He init, learning
    rates from lr_min to lr_max. Grid 'init': W ~ N(0, std^2), std from std_min to std_max, at lr_for_init."""
    jobs = [("lr", lr, "kaiming_normal", 1.0, lr) for lr in geometric(lr_min, lr_max, points)]
    return jobs + [("init", std, "normal", std, lr_for_init) for std in geometric(std_min, std_max, points)]


def grid_cell(grid, value, variant, losses, diverged):
    """A heatmap cell from a run's finite training losses, first to last: first_loss, final_loss,
    final_loss_capped (at LOSS_CAP, and LOSS_CAP for a diverged run: the color scale), diverged, outcome and
    label (the loss, or ✕ for a diverged run)."""
    first, final = losses[0], losses[-1]
    return {"grid": grid, "value": value, "variant": variant, "first_loss": first, "final_loss": final,
            "final_loss_capped": LOSS_CAP if diverged else min(final, LOSS_CAP), "diverged": diverged,
            "outcome": outcome(first, final, diverged), "label": "✕" if diverged else f"{final:.2f}"}


def grid_settings(cfg: GridConfig) -> dict:
    """The grids' runs (grid_jobs) and what they share: the spiral, the MLP, full-batch SGD, the training
    loss measured every `every` steps."""
    return {"data": data_settings(DataConfig(seed=cfg.seed)), "activation": cfg.activation, "depth": cfg.depth,
            "width": cfg.width, "optimizer": "sgd", "steps": cfg.steps, "every": max(cfg.steps // 10, 1),
            "seed": cfg.seed, "variants": VARIANTS,
            "jobs": grid_jobs(cfg.lr_min, cfg.lr_max, cfg.std_min, cfg.std_max, cfg.points, cfg.lr_for_init)}


def grid_job(cfg: GridConfig, data: Dataset, job: tuple, norm: str) -> Job:
    """One run of the grids: job (grid_jobs) with (norm 'batch') or without (norm 'none') BatchNorm; full-batch
    SGD on the spiral."""
    settings = grid_settings(cfg)
    grid, value, init, std, lr = job
    model = build_mlp(ModelConfig(width=cfg.width, depth=cfg.depth, activation=cfg.activation, norm=norm,
                                  init=init, init_std=std, seed=cfg.seed), 2, data.classes)
    tcfg = TrainConfig(optimizer=settings["optimizer"], lr=lr, steps=cfg.steps, seed=cfg.seed,
                       eval_every=settings["every"])
    return Job(model, tcfg, run_id(grid, value, norm))


def grid_run(cfg: GridConfig, data: Dataset, job: tuple, norm: str, *, health: bool = False):
    """grid_job trained alone; health: record its training health (core.health)."""
    one = grid_job(cfg, data, job, norm)
    return train(one.model, data, one.cfg, variant=one.variant, health=health)


def run_id(grid: str, value: float, norm: str) -> str:
    """A grid run's name: 'lr 0.3 · batch', 'std 0.001 · none' (the health view lists them)."""
    return f"{'lr' if grid == 'lr' else 'std'} {value:g} · {norm}"


def grid_run_ids(cfg: GridConfig) -> list[str]:
    """Every run of the grids, in the grids' order (a value that appears twice is one run)."""
    return list(dict.fromkeys(run_id(job[0], job[1], norm) for job in grid_settings(cfg)["jobs"] for norm in VARIANTS))


def lr_and_init_grids(cfg: GridConfig) -> dict[str, pd.DataFrame]:
    """Spiral, full-batch SGD, twin runs (same data, same initial weights) with and without BatchNorm for each
    of grid_jobs. 'cells': grid_cell of each run; 'history': grid, value, variant, step, loss. No health record:
    all 16-20 runs' would take 1.6 MB; grid_health records the one run the health view shows (at most 0.2 MB)."""
    settings = grid_settings(cfg)
    data = Dataset(*load_data(**settings["data"]))
    plan = [(job[0], job[1], norm, grid_job(cfg, data, job, norm)) for job in settings["jobs"]
            for norm in settings["variants"]]
    runs = train_many([one for *_, one in plan], data, health=False)  # stacked: core.train.train_many
    cells, curves = [], []
    for (grid, value, norm, _), run in zip(plan, runs):
        h = run.history[run.history.split == "train"]
        cells.append(grid_cell(grid, value, norm, h.loss.tolist(), run.diverged_at is not None))
        curves.append(pd.DataFrame({"grid": grid, "value": value, "variant": norm, "step": h.step, "loss": h.loss}))
    return {"cells": pd.DataFrame(cells), "history": pd.concat(curves, ignore_index=True)}


@dataclass(frozen=True)
class GridRun(GridConfig):
    run: str = ""  # one of grid_run_ids(the grid config); picked in the health view (its URL key is hvar)


def grid_health(cfg: GridRun) -> dict[str, pd.DataFrame]:
    """The run `cfg.run` of the grids (the first if it names none) trained again, now recording its health: the
    same run as in lr_and_init_grids (same seeds; recording changes nothing). 'history', 'health', 'histograms'."""
    settings = grid_settings(cfg)
    data = Dataset(*load_data(**settings["data"]))
    runs = {run_id(job[0], job[1], norm): (job, norm) for job in settings["jobs"] for norm in VARIANTS}
    job, norm = runs.get(cfg.run, next(iter(runs.values())))
    run = grid_run(cfg, data, job, norm, health=True)
    return {"history": run.history, **healths([run])}


# 3. Gamma and beta -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class GammaConfig:
    depth: int = num(3, 1, 6, key="depth")
    width: int = num(64, 8, 128, step=8, key="width")
    lr: float = num(0.01, 1e-4, 0.1, log=True, key="lr")
    steps: int = num(200, 50, 500, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def without_affine(model):
    """Replace every BatchNorm1d of an MLP's blocks by one without gamma and beta (y = x_hat)."""
    for block in model.blocks:
        if isinstance(block.norm, nn.BatchNorm1d):
            block.norm = nn.BatchNorm1d(block.norm.num_features, affine=False)
    return model


def learned_affine(model):
    """The gamma and beta of each BatchNorm layer of an MLP: (layer, "gamma" or "beta", values: (width,))."""
    return [(layer, parameter, p.detach()) for layer, block in enumerate(model.blocks, start=1)
            for parameter, p in (("gamma", block.norm.weight), ("beta", block.norm.bias))]


def gamma_spec(cfg: GammaConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What part 3 trains: the spiral, an MLP with BatchNorm before each ReLU, Adam on the full batch."""
    mcfg = ModelConfig(width=cfg.width, depth=cfg.depth, activation="relu", norm="batch", seed=cfg.seed)
    tcfg = TrainConfig(optimizer="adam", lr=cfg.lr, steps=cfg.steps, seed=cfg.seed, eval_every=max(cfg.steps // 40, 1))
    return DataConfig(seed=cfg.seed), mcfg, tcfg


def gamma_beta(cfg: GammaConfig) -> dict[str, pd.DataFrame]:
    """Twin runs of gamma_spec: 'affine' (learned gamma, beta) and 'no_affine' (without_affine: y = x_hat).

    'learned': layer, unit, parameter (gamma or beta), value, after training (affine run).
    'per_layer': layer, parameter, mean, min, max. 'history', 'summary', 'health' and 'histograms' as in
    core.train."""
    data_cfg, mcfg, tcfg = gamma_spec(cfg)
    data = make_dataset(data_cfg)

    def build(variant):
        model = build_mlp(mcfg, 2, data.classes)
        return model if variant == "affine" else without_affine(model)

    runs = twin_runs(build, ["affine", "no_affine"], data, tcfg)
    learned = pd.concat([pd.DataFrame({"layer": layer, "unit": range(cfg.width), "parameter": parameter,
                                       "value": values.numpy()})
                         for layer, parameter, values in learned_affine(runs[0].model)], ignore_index=True)
    per_layer = learned.groupby(["layer", "parameter"], as_index=False).value.agg(["mean", "min", "max"])
    return {"learned": learned, "per_layer": per_layer, "history": histories(runs), "summary": summary(runs),
            **healths(runs)}


@dataclass(frozen=True)
class RestoreConfig:
    mix: float = num(1.0, 0.0, 1.0, step=0.05, key="mix")  # 0: gamma = 1, beta = 0; 1: gamma = sqrt(var+eps), beta = mu
    mean: float = num(3.0, -5.0, 5.0, step=0.5, key="xmean")
    std: float = num(2.0, 0.1, 5.0, step=0.1, key="xstd")
    shape: str = choice("skewed", ("gauss", "skewed", "bimodal"), key="shape")
    n: int = 2000
    seed: int = num(0, 0, 9999, key="rseed")


def restore(cfg: RestoreConfig) -> dict[str, pd.DataFrame]:
    """One feature x (N values of the chosen shape, scaled to mean/std) through batchnorm_forward with
    gamma = (1 - mix) + mix sqrt(var + eps) and beta = mix mu: mix = 1 gives back x exactly.

    'values': sample, x, y. 'summary': gamma, beta, mu, var, max_abs_difference (max |y - x|)."""
    g = torch.Generator().manual_seed(cfg.seed)
    if cfg.shape == "skewed":  # exponential
        u = torch.empty(cfg.n).exponential_(generator=g)
    elif cfg.shape == "bimodal":
        u = torch.randn(cfg.n, generator=g) * 0.4 + torch.where(torch.rand(cfg.n, generator=g) < 0.5, -1.0, 1.0)
    else:
        u = torch.randn(cfg.n, generator=g)
    x = (cfg.mean + cfg.std * (u - u.mean()) / u.std())[:, None].double()  # float64: "exactly" to ~1e-15
    mu, var = x.mean(0), x.var(0, correction=0)
    gamma = (1 - cfg.mix) + cfg.mix * torch.sqrt(var + EPS)
    beta = cfg.mix * mu
    y, _, _ = batchnorm_forward(x, gamma, beta, torch.zeros(1, dtype=x.dtype), torch.ones(1, dtype=x.dtype),
                                training=True)
    values = pd.DataFrame({"sample": range(cfg.n), "x": x[:, 0].numpy(), "y": y[:, 0].numpy()})
    summary_ = pd.DataFrame([{"gamma": gamma.item(), "beta": beta.item(), "mu": mu.item(), "var": var.item(),
                              "max_abs_difference": (y - x).abs().max().item()}])
    return {"values": values, "summary": summary_}


# 4. Train vs test -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainTestConfig:
    momentum: float = num(0.1, 0.01, 0.9, step=0.01, key="mom")  # PyTorch's default 0.1
    steps: int = num(60, 10, 300, step=10, key="steps")
    batch: int = num(4, 2, 256, key="batch")
    mu: float = num(2.0, -5.0, 5.0, step=0.5, key="mu")  # population mean
    sigma: float = num(1.5, 0.1, 5.0, step=0.1, key="sigma")  # population std
    draws: int = 30  # sets of batch-mates for the same sample
    seed: int = num(0, 0, 9999, key="seed")


GAP_SIZES = (2, 4, 8, 16, 32, 64, 128, 256)


def closed_form_running(mu: float, sigma: float, momentum: float, k: int) -> tuple[float, float]:
    """Expected running (mean, var) after k steps from PyTorch's start (0, 1): each step keeps a fraction
    1 - m of the old value, so the start's weight is (1 - m)^k and the population's 1 - (1 - m)^k."""
    kept = (1 - momentum) ** k
    return mu * (1 - kept), kept * 1.0 + sigma ** 2 * (1 - kept)


def batch_of_one_error() -> str:
    """PyTorch's own message for a training-mode BatchNorm on a batch of one sample."""
    try:
        nn.BatchNorm1d(3).train()(torch.zeros(1, 3))
    except ValueError as error:
        return str(error)
    return ""


def train_vs_eval_mode(mu, sigma, momentum, batch, steps, draws, sizes, seed):
    """One feature x ~ N(mu, sigma^2) through nn.BatchNorm1d(1, momentum), all draws from one seeded stream.

    Returns three lists of rows. 'running': step, statistic (mean or var), source (running, closed_form,
    population), value, over `steps` training-mode batches of size `batch`. 'batchmates': draw, mode (train or
    eval), output: the same sample x0 = mu + sigma in `draws` batches with different batch-mates. 'gap': batch,
    gap: mean |train-mode - eval-mode output| over `draws` batches of each size in `sizes`."""
    g = torch.Generator().manual_seed(seed)
    bn = nn.BatchNorm1d(1, momentum=momentum)
    running, mates, gap = [], [], []
    with torch.no_grad():
        for k in range(steps + 1):
            mean_k, var_k = closed_form_running(mu, sigma, momentum, k)
            readings = (("mean", "running", bn.running_mean.item()), ("mean", "closed_form", mean_k),
                        ("mean", "population", mu), ("var", "running", bn.running_var.item()),
                        ("var", "closed_form", var_k), ("var", "population", sigma ** 2))
            running += [{"step": k, "statistic": statistic, "source": source, "value": value}
                        for statistic, source, value in readings]
            bn(mu + sigma * torch.randn(batch, 1, generator=g))  # running averages move towards this batch's
        bn.momentum = 0.0  # freeze the running averages: train-mode calls below must not move them
        bn.running_mean.fill_(mu)  # the rest isolates batch noise: eval mode uses the population's numbers
        bn.running_var.fill_(sigma ** 2)
        x0 = torch.tensor([[mu + sigma]])
        for draw in range(draws):
            mates_batch = torch.cat([x0, mu + sigma * torch.randn(batch - 1, 1, generator=g)])
            for mode in ("train", "eval"):
                bn.train(mode == "train")
                mates.append({"draw": draw, "mode": mode, "output": bn(mates_batch)[0, 0].item()})
        for size in sizes:
            batches = mu + sigma * torch.randn(draws, size, 1, generator=g)
            diffs = [(bn.train()(b) - bn.eval()(b)).abs().mean() for b in batches]
            gap.append({"batch": size, "gap": torch.stack(diffs).mean().item()})
    return running, mates, gap


def traintest_settings(cfg: TrainTestConfig) -> dict:
    return {"mu": cfg.mu, "sigma": cfg.sigma, "momentum": cfg.momentum, "batch": cfg.batch, "steps": cfg.steps,
            "draws": cfg.draws, "sizes": GAP_SIZES, "seed": cfg.seed}


def train_vs_test(cfg: TrainTestConfig) -> dict[str, pd.DataFrame]:
    """train_vs_eval_mode as frames ('running', 'batchmates', 'gap'), and 'error': message (PyTorch refusing a
    training-mode batch of one)."""
    running, mates, gap = train_vs_eval_mode(**traintest_settings(cfg))
    return {"running": pd.DataFrame(running), "batchmates": pd.DataFrame(mates), "gap": pd.DataFrame(gap),
            "error": pd.DataFrame({"message": [batch_of_one_error()]})}


# 5. Regularization by noise ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NoiseConfig:
    dataset: str = choice("moons", ("moons", "spiral", "circles", "digits1d"), key="data")
    n: int = num(60, 30, 300, step=10, key="n")  # small on purpose: 42 training points by default
    noise: float = num(0.6, 0.0, 1.0, step=0.05, key="noise")
    batch_size: int = num(16, 4, 64, step=4, key="batch")  # the batch statistics' noise needs minibatches
    steps: int = num(200, 50, 500, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def noise_spec(cfg: NoiseConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What part 5 trains: the small data set, the MLP without and with BatchNorm, the shared settings."""
    models = {v: ModelConfig(width=64, depth=3, norm=v, seed=cfg.seed) for v in VARIANTS}
    tcfg = TrainConfig(optimizer="adam", lr=0.01, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
                       eval_every=max(cfg.steps // 40, 1))
    return DataConfig(name=cfg.dataset, n=cfg.n, noise=cfg.noise, seed=cfg.seed), models, tcfg


def regularization(cfg: NoiseConfig) -> dict[str, pd.DataFrame]:
    """Twin runs without and with BatchNorm (width 64, depth 3, Adam 0.01, minibatches) on a small training set.
    'history', and 'summary' with loss_gap = val_loss - train_loss, accuracy_gap = train - val accuracy,
    train_points; 'health' and 'histograms' as in core.train."""
    data_cfg, models, tcfg = noise_spec(cfg)
    data = make_dataset(data_cfg)
    runs = twin_runs(lambda v: build_mlp(models[v], data.dim, data.classes), list(models), data, tcfg)
    out = summary(runs)
    out["loss_gap"] = out.val_loss - out.train_loss
    out["accuracy_gap"] = out.train_accuracy - out.val_accuracy
    out["train_points"] = len(data.x_train)
    return {"history": histories(runs), "summary": out, **healths(runs)}


# 6. Beyond the lecture: LayerNorm and GroupNorm -------------------------------------------------------
@dataclass(frozen=True)
class NormsConfig:
    norms: tuple = multi(("none", "batch", "layer", "group"), ("none", "batch", "layer", "group"), key="norms")
    batch_size: int = num(4, 2, 64, key="batch")
    steps: int = num(150, 50, 400, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")


def small_batches(cfg: NormsConfig) -> dict[str, pd.DataFrame]:
    """Spiral, width 32, depth 3, Adam 0.01, minibatches of batch_size: twin runs per normalization.
    BatchNorm normalizes over the batch; LayerNorm over the units of one sample; GroupNorm over groups of
    units of one sample (Ba et al. 2016, Wu & He 2018). 'history' (validation in eval mode), 'summary',
    'health' and 'histograms'."""
    data_cfg, models, tcfg = norms_spec(cfg)
    data = make_dataset(data_cfg)
    runs = twin_runs(lambda v: build_mlp(models[v], 2, data.classes), list(models), data, tcfg)
    return {"history": histories(runs), "summary": summary(runs), **healths(runs)}


def norms_spec(cfg: NormsConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What part 6 trains: the spiral, one MLP per normalization, the shared settings."""
    models = {v: ModelConfig(width=32, depth=3, norm=v, seed=cfg.seed) for v in cfg.norms}
    tcfg = TrainConfig(optimizer="adam", lr=0.01, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
                       eval_every=max(cfg.steps // 30, 1))
    return DataConfig(seed=cfg.seed), models, tcfg


# 7. The hand-written forward against PyTorch ----------------------------------------------------------
@dataclass(frozen=True)
class ForwardConfig:
    batch: int = num(64, 2, 1024, key="batch")
    d: int = num(8, 1, 64, key="d")
    mean: float = num(5.0, -10.0, 10.0, step=0.5, key="xmean")
    std: float = num(3.0, 0.1, 10.0, step=0.1, key="xstd")
    momentum: float = num(0.1, 0.01, 1.0, step=0.01, key="mom")
    eps: float = num(1e-5, 1e-8, 1e-1, log=True, key="eps")
    seed: int = num(0, 0, 9999, key="seed")


def forward_against_torch(batch, d, mean, std, momentum, eps, seed):
    """x: (batch, d), each feature with its own mean and std around `mean` and `std`; random gamma, beta and
    running averages: (d,).

    Returns rows of mode (train, eval), quantity (y, running_mean, running_var), max_abs_difference between
    batchnorm_forward and F.batch_norm; and the mean and std (biased, as BatchNorm's) of each feature of y in
    train mode with gamma = 1, beta = 0: (d,) each."""
    g = torch.Generator().manual_seed(seed)
    x = mean + std * (0.5 + torch.rand(d, generator=g)) * torch.randn(batch, d, generator=g)
    gamma, beta = 1 + torch.randn(d, generator=g), torch.randn(d, generator=g)
    running_mean, running_var = torch.randn(d, generator=g), 0.5 + torch.rand(d, generator=g)
    rows = []
    for mode in ("train", "eval"):
        training = mode == "train"
        y, m, v = batchnorm_forward(x, gamma, beta, running_mean, running_var, training=training,
                                    momentum=momentum, eps=eps)
        m_torch, v_torch = running_mean.clone(), running_var.clone()  # F.batch_norm updates these in place
        y_torch = F.batch_norm(x, m_torch, v_torch, gamma, beta, training=training, momentum=momentum, eps=eps)
        for quantity, ours, theirs in (("y", y, y_torch), ("running_mean", m, m_torch), ("running_var", v, v_torch)):
            rows.append({"mode": mode, "quantity": quantity, "max_abs_difference": (ours - theirs).abs().max().item()})
    ones, zeros = torch.ones(d), torch.zeros(d)
    y, _, _ = batchnorm_forward(x, ones, zeros, zeros, ones, training=True, eps=eps)
    return rows, y.mean(0), y.std(0, correction=0)


def forward_settings(cfg: ForwardConfig) -> dict:
    return {"batch": cfg.batch, "d": cfg.d, "mean": cfg.mean, "std": cfg.std, "momentum": cfg.momentum,
            "eps": cfg.eps, "seed": cfg.seed}


def forward_check(cfg: ForwardConfig) -> dict[str, pd.DataFrame]:
    """forward_against_torch: 'check' (mode, quantity, max_abs_difference) and 'features' (feature, mean, std)."""
    rows, mean, std = forward_against_torch(**forward_settings(cfg))
    features = pd.DataFrame({"feature": range(cfg.d), "mean": mean.numpy(), "std": std.numpy()})
    return {"check": pd.DataFrame(rows), "features": features}


# The page's parts in order, each with its default config: the page opens on the first one.
EXPERIMENTS = {
    "activations": (layer_activations, ActivationsConfig()),
    "grids": (lr_and_init_grids, GridConfig()),
    "gamma": (gamma_beta, GammaConfig()),
    "traintest": (train_vs_test, TrainTestConfig()),
    "noise": (regularization, NoiseConfig()),
    "norms": (small_batches, NormsConfig()),
    "forward": (forward_check, ForwardConfig()),
    **cards_of("batchnorm"),  # paper cards (core/cards.py)
}
