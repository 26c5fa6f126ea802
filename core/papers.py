"""Paper cards: the experiments behind the headline results of papers the lectures cite, at toy scale.

Each experiment is `config -> dict of frames` like any part's, built on the lab's engine (core.train), seeded,
with a size knob. Every result has a 'table' (the numbers the card's verdict reads, and the exported script
prints) and a 'curve' (what the card draws: x, y, series). The verdicts and their criteria are in core/cards.py.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F

from core.data import DataConfig, Dataset, load_data, make_dataset
from core.models import ModelConfig, build_mlp
from core.parallel import each, halves
from core.params import num
from core.plain import batch_order
from core.progress import report
from core.train import Run, TrainConfig, affordable_steps, histories, train, twin_runs


def standardized(x_train, x_val):
    """Both shifted and scaled by one mean and one std of the training inputs, as core.initialization's ladder
    does (not imported from there: that module's EXPERIMENTS import the cards, which import this one)."""
    mean, std = x_train.mean(), x_train.std()
    return (x_train - mean) / std, (x_val - mean) / std


def standardized_data(cfg: DataConfig) -> Dataset:
    """The data set, split, with standardized inputs."""
    data = make_dataset(cfg)
    x_train, x_val = standardized(data.x_train, data.x_val)
    return Dataset(x_train, data.y_train, x_val, data.y_val, data.classes)


def badge(card_id, verdict) -> pd.DataFrame:
    """A card's verdict as a one-row frame: card, reproduced, and the numbers it compared."""
    passed, measured = verdict
    return pd.DataFrame([{"card": card_id, "reproduced": bool(passed), **measured}])


def final_rows(runs, **columns) -> list[dict]:
    """One row per run: the columns given, then the final train and validation accuracy."""
    rows = []
    for r in runs:
        last = r.history[r.history.step == r.history.step.max()].set_index("split").accuracy
        rows.append({**columns, "variant": r.variant, "train_accuracy": last["train"], "val_accuracy": last["val"]})
    return rows


# 1. He et al. 2015 -----------------------------------------------------------------------------------------
# He, Zhang, Ren & Sun 2015, "Delving deep into rectifiers", ICCV, Fig. 3: a 30-layer plain ReLU network
# initialized with Xavier's Var(W) = 1/n stalls, while Var(W) = 2/n trains; at 22 layers both converge.
@dataclass(frozen=True)
class HeConfig:
    deep: int = num(30, 16, 40, key="deep")  # the paper's deep plain network: 30 layers
    shallow: int = num(10, 2, 12, key="shallow")  # a depth where Xavier still trains
    width: int = num(32, 16, 48, step=8, key="width")
    steps: int = num(100, 50, 300, step=10, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    lr: float = 1e-3  # Adam's default step
    n: int = 300  # digits in all (210 to train on): the size knob

    def limit(self) -> dict:
        dims = [64] + [self.width] * self.deep + [10]
        return {"steps": affordable_steps(self.n, dims, self.steps, 4)}


HE_INITS = ("xavier_normal", "kaiming_normal")


def he_spec(cfg: HeConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What the He card trains: the digits, the plain ReLU MLP (its depth and init set per run), and Adam."""
    model = ModelConfig(width=cfg.width, depth=cfg.deep, activation="relu", init=HE_INITS[0], seed=cfg.seed)
    tcfg = TrainConfig(optimizer="adam", lr=cfg.lr, steps=cfg.steps, seed=cfg.seed, eval_every=max(cfg.steps // 30, 1))
    return DataConfig(name="digits", n=cfg.n, noise=0.0, seed=cfg.seed), model, tcfg


def he2015(cfg: HeConfig) -> dict[str, pd.DataFrame]:
    """Twin runs (same data, batches and seed) of a plain ReLU MLP from Xavier's and He's init, at the deep
    and the shallow depth. 'table': depth, variant, train_accuracy, val_accuracy; 'curve': the training
    accuracy over the steps (step, accuracy, run); 'badge'."""
    depths = each(he_depth, [(cfg, depth) for depth in (cfg.deep, cfg.shallow)])
    rows = [row for depth_rows, _ in depths for row in depth_rows]
    curve = pd.concat([c for _, c in depths], ignore_index=True)[["step", "accuracy", "run"]]
    return {"table": pd.DataFrame(rows), "curve": curve, "badge": badge("he2015", he_verdict(rows))}


def he_depth(cfg: HeConfig, depth: int) -> tuple[list[dict], pd.DataFrame]:
    """The He card's twin runs at one depth (a piece: core.parallel): its table rows and training curves."""
    data_cfg, model, tcfg = he_spec(cfg)
    data = standardized_data(data_cfg)
    build = lambda init: build_mlp(dataclasses.replace(model, depth=depth, init=init), data.dim, data.classes)
    runs = twin_runs(build, list(HE_INITS), data, tcfg, health=False)
    hist = histories(runs)
    hist = hist[hist.split == "train"]
    return final_rows(runs, depth=depth), hist.assign(run=hist.variant + f" · layers {depth}")  # ui.options.
    # legend_label reads 'layers N'


HE_GAP = 0.30  # deep: He's final training accuracy exceeds Xavier's by at least 30 points
HE_CLOSE = 0.10  # shallow: the two within 10 points of each other


def he_verdict(rows):
    """The He card's criterion on its table's rows (depth, variant, train_accuracy, ...): (reproduced, the
    numbers compared)."""
    acc = {(r["depth"], r["variant"]): r["train_accuracy"] for r in rows}
    deep, shallow = max(r["depth"] for r in rows), min(r["depth"] for r in rows)
    gap = acc[(deep, "kaiming_normal")] - acc[(deep, "xavier_normal")]
    diff = abs(acc[(shallow, "kaiming_normal")] - acc[(shallow, "xavier_normal")])
    return gap >= HE_GAP and diff <= HE_CLOSE, {"gap": gap, "diff": diff}


# 2. Ioffe & Szegedy 2015 -----------------------------------------------------------------------------------
# Ioffe & Szegedy 2015, "Batch normalization", ICML, Fig. 1 (MNIST: 3 fully connected hidden layers of 100
# sigmoid units, minibatches of 60; with BN the test accuracy rises much faster) and Sec. 3.3 / 4.2.2 (BN
# allows higher learning rates: "we can use much higher learning rates without the risk of divergence").
@dataclass(frozen=True)
class IoffeConfig:
    lr: float = num(1.0, 0.1, 3.0, log=True, key="lr")  # the base learning rate, where both are compared
    high_lr: float = num(10.0, 5.0, 50.0, log=True, key="hlr")  # the high one: does the plain network still train?
    steps: int = num(300, 100, 600, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    target: float = 0.9  # validation accuracy to reach
    n: int = 600  # digits in all (420 to train on): the size knob
    eval_every: int = 10


def ioffe_spec(cfg: IoffeConfig) -> tuple[DataConfig, dict[str, ModelConfig], TrainConfig]:
    """What the BatchNorm card trains: the digits, the paper's MLP (3 x 100 sigmoid units) without and with BN
    before each sigmoid, plain SGD on minibatches of 60 (its learning rate set per run)."""
    plain = ModelConfig(width=100, depth=3, activation="sigmoid", init="xavier_normal", seed=cfg.seed)
    models = {"plain": plain, "batchnorm": dataclasses.replace(plain, norm="batch")}
    tcfg = TrainConfig(optimizer="sgd", lr=cfg.lr, steps=cfg.steps, batch_size=60, seed=cfg.seed,
                       eval_every=cfg.eval_every)
    return DataConfig(name="digits", n=cfg.n, noise=0.0, seed=cfg.seed), models, tcfg


def ioffe2015(cfg: IoffeConfig) -> dict[str, pd.DataFrame]:
    """The plain and the BN network (same initial weights and batches) at the base and at the high learning
    rate. 'table': lr, variant, val_accuracy, target_step (first evaluated step at the target validation
    accuracy, NaN: never), diverged_at; 'curve': step, accuracy (validation), run; 'badge'."""
    rates = each(ioffe_rate, [(cfg, lr) for lr in (cfg.lr, cfg.high_lr)])
    rows = [row for rate_rows, _ in rates for row in rate_rows]
    curve = pd.concat([c for _, c in rates], ignore_index=True)[["step", "accuracy", "run"]]
    return {"table": pd.DataFrame(rows), "curve": curve, "badge": badge("ioffe2015", ioffe_verdict(rows))}


def ioffe_rate(cfg: IoffeConfig, lr: float) -> tuple[list[dict], pd.DataFrame]:
    """The BatchNorm card's twin runs at one learning rate (a piece: core.parallel): its table rows and
    validation curves."""
    data_cfg, models, tcfg = ioffe_spec(cfg)
    data = standardized_data(data_cfg)
    runs = twin_runs(lambda v: build_mlp(models[v], data.dim, data.classes), list(models), data,
                     dataclasses.replace(tcfg, lr=lr), health=False)
    rows = []
    for row, r in zip(final_rows(runs, lr=lr), runs):
        val = r.history[r.history.split == "val"]
        hit = val[val.accuracy >= cfg.target]
        rows.append({**row, "target_step": float(hit.step.min()) if len(hit) else math.nan,
                     "steps": cfg.steps, "diverged": r.diverged_at is not None})
    hist = histories(runs)
    hist = hist[hist.split == "val"]
    return rows, hist.assign(run=hist.variant + f" · lr {lr:g}")


IOFFE_SPEEDUP = 3.0  # at the base lr, BN reaches the target in at least 3x fewer steps


def ioffe_verdict(rows):
    """The BatchNorm card's criterion on its table's rows (lr, variant, target_step, steps, diverged, ...): at
    the base lr (the smaller), BN's steps to the target x IOFFE_SPEEDUP <= the plain network's (a plain run
    that never reaches it counts as the whole budget, a lower bound); at the high lr, BN reaches the target
    and the plain network diverges or never reaches it."""
    base, high = min(r["lr"] for r in rows), max(r["lr"] for r in rows)
    row = {(r["lr"], r["variant"]): r for r in rows}
    reach = lambda r: math.inf if math.isnan(r["target_step"]) else r["target_step"]  # NaN: never reached
    plain_steps = min(reach(row[(base, "plain")]), row[(base, "plain")]["steps"])
    bn_steps = reach(row[(base, "batchnorm")])
    speedup = plain_steps / bn_steps if bn_steps > 0 else math.inf
    plain_fails = row[(high, "plain")]["diverged"] or reach(row[(high, "plain")]) == math.inf
    bn_trains = reach(row[(high, "batchnorm")]) < math.inf and not row[(high, "batchnorm")]["diverged"]
    return speedup >= IOFFE_SPEEDUP and plain_fails and bn_trains, \
        {"speedup": speedup, "plain_steps": plain_steps, "bn_steps": bn_steps, "plain_fails": plain_fails,
         "bn_trains": bn_trains}


# 3. Cohen et al. 2021, the edge of stability ----------------------------------------------------------------
# Cohen, Kaur, Li, Kolter & Talwalkar 2021, "Gradient descent on neural networks typically occurs at the edge
# of stability", ICLR, Fig. 1: with full-batch gradient descent at step size eta, the sharpness (the largest
# eigenvalue of the loss's Hessian) rises ("progressive sharpening") until it reaches 2/eta, then hovers just
# there while the loss keeps falling, non-monotonically. Their main experiments use the squared loss.
@dataclass(frozen=True)
class EosConfig:
    lr: float = num(0.2, 0.05, 0.5, log=True, key="lr")  # eta; 2/eta = 10 at the default
    steps: int = num(2000, 500, 2500, step=100, key="steps")
    width: int = num(64, 16, 96, step=16, key="width")
    seed: int = num(0, 0, 9999, key="seed")
    every: int = 25  # the sharpness is measured every 25 steps
    iterations: int = 5  # power iterations per measurement (warm-started from the last vector; 20 at step 0)
    n: int = 300  # spiral points in all (210 to train on): the size knob


def sharpness(model, loss_fn, v, iterations):
    """The largest eigenvalue of the Hessian of loss_fn() with respect to the model's parameters, by power
    iteration with Hessian-vector products (double backward): v (P,) a unit start vector. Returns (eigenvalue,
    the last unit vector), to warm-start the next call."""
    params = list(model.parameters())
    grads = torch.autograd.grad(loss_fn(), params, create_graph=True)
    flat = torch.cat([g.reshape(-1) for g in grads])
    value = 0.0
    for _ in range(iterations):
        hv = torch.cat([h.reshape(-1) for h in torch.autograd.grad(flat @ v, params, retain_graph=True)])
        value = (v @ hv).item()  # the Rayleigh quotient v^T H v
        v = hv / hv.norm()
    return value, v


def squared_loss(model, x, y):
    """Half the squared error against one-hot targets y (N, K), summed over classes, averaged over points."""
    return 0.5 * (model(x) - y).square().sum(1).mean()


def edge_of_stability_rows(model, x, y, lr, steps, every, iterations, seed, progress=None):
    """Full-batch gradient descent on squared_loss, measuring the sharpness every `every` steps. Returns the
    rows 'loss' (step, loss) at every step and 'sharpness' (step, sharpness, threshold = 2 / lr, loss)."""
    loss_fn = lambda: squared_loss(model, x, y)
    v = torch.randn(sum(p.numel() for p in model.parameters()), generator=torch.Generator().manual_seed(seed))
    v = v / v.norm()
    losses, sharp = [], []
    for step in range(steps + 1):
        loss = loss_fn()
        losses.append({"step": step, "loss": loss.item()})
        if step % every == 0:
            value, v = sharpness(model, loss_fn, v, 4 * iterations if step == 0 else iterations)
            sharp.append({"step": step, "sharpness": value, "threshold": 2 / lr, "loss": loss.item()})
            if progress is not None:
                progress(step / steps)
        if step == steps or not math.isfinite(loss.item()):
            break
        model.zero_grad(set_to_none=True)
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    return losses, sharp


def eos_spec(cfg: EosConfig) -> tuple[DataConfig, ModelConfig]:
    """The spiral and a 2-layer tanh MLP (Xavier init): what the edge-of-stability card trains."""
    return (DataConfig(name="spiral", n=cfg.n, seed=cfg.seed),
            ModelConfig(width=cfg.width, depth=2, activation="tanh", init="xavier_normal", seed=cfg.seed))


def edge_of_stability(cfg: EosConfig) -> dict[str, pd.DataFrame]:
    """'table': the sharpness measurements (step, sharpness, threshold); 'loss': step, loss; 'curve': both
    for the chart (step, value, run: sharpness, 2/eta, loss); 'badge'."""
    data_cfg, model_cfg = eos_spec(cfg)
    data = make_dataset(data_cfg)
    model = build_mlp(model_cfg, data.dim, data.classes)
    y = F.one_hot(data.y_train, data.classes).float()
    losses, sharp = edge_of_stability_rows(model, data.x_train, y, cfg.lr, cfg.steps, cfg.every, cfg.iterations,
                                           cfg.seed, report)
    table, loss = pd.DataFrame(sharp), pd.DataFrame(losses)
    curve = pd.concat([table.melt("step", ["sharpness", "threshold"], var_name="run"),
                       loss.rename(columns={"loss": "value"}).assign(run="loss")], ignore_index=True)
    return {"table": table, "loss": loss, "curve": curve[["step", "value", "run"]],
            "badge": badge("cohen2021", eos_verdict(sharp))}


EOS_BAND = 0.15  # over the last half of the run the sharpness stays within 15% of 2/eta


def eos_verdict(rows):
    """The edge-of-stability card's criterion on its table's rows (step, sharpness, threshold = 2/eta, loss):
    every measurement of the last half within EOS_BAND of 2/eta; and the final loss lower than the loss when
    the sharpness first came within EOS_BAND of 2/eta (it must get there)."""
    last = rows[-1]["step"]
    late = [r["sharpness"] / r["threshold"] for r in rows if r["step"] >= last / 2]
    inside = all(abs(ratio - 1) <= EOS_BAND for ratio in late)
    reached = [r for r in rows if r["sharpness"] >= (1 - EOS_BAND) * r["threshold"]]
    at_reach = reached[0]["loss"] if reached else math.nan
    passed = inside and rows[-1]["loss"] < at_reach
    return passed, {"low": min(late), "high": max(late), "reached_at": reached[0]["step"] if reached else math.nan,
                    "loss_at_reach": at_reach, "final_loss": rows[-1]["loss"]}


# 4. Loshchilov & Hutter 2019, AdamW --------------------------------------------------------------------------
# Loshchilov & Hutter 2019, "Decoupled weight decay regularization", ICLR (arXiv:1711.05101), Fig. 2: on a grid
# of learning rate x weight decay (a ResNet with BatchNorm on CIFAR-10), Adam with L2 in the gradient has its
# good settings on a diagonal (the best decay depends on the learning rate), while Adam with decoupled weight
# decay (AdamW) has a more separable space: its best decay barely moves with the learning rate.
@dataclass(frozen=True)
class AdamWConfig:
    steps: int = num(600, 200, 900, step=100, key="steps")  # 64 epochs of 300 digits: the decay has time to act
    seed: int = num(0, 0, 9999, key="seed")
    width: int = 32  # 30 such MLPs train at once: the time of the card grows with width x steps
    n: int = 600  # digits in all, half held out: 300 to train on, few enough to overfit (the size knob)
    batch: int = 32  # minibatches, as in the paper: the noise is part of why L2 and decay differ
    lrs: tuple = (1e-3, 3e-3, 1e-2)  # Adam's alpha, half a decade apart
    l2s: tuple = (3e-4, 1e-3, 3e-3, 1e-2, 3e-2)  # Adam + L2: lambda in the gradient g + lambda w
    decays: tuple = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)  # AdamW: w <- w - lambda w every step, not scaled by alpha


def grid_mlp(dims, copies, seed):
    """The parameters and BatchNorm buffers of `copies` identical MLPs, one per cell of a grid, trained at once
    (twin runs: the same initial weights): dims = [D, H, ..., K]; hidden layers x @ W -> BatchNorm (gamma, beta)
    -> ReLU, then x @ W + b. Every tensor is (G, ...), G = copies; He-normal weights from one seeded draw."""
    g = torch.Generator().manual_seed(seed)
    params, buffers = {}, {}
    for i, (a, b) in enumerate(zip(dims[:-1], dims[1:])):
        params[f"w{i}"] = (torch.randn(a, b, generator=g) * math.sqrt(2 / a)).expand(copies, a, b).clone()
        if i < len(dims) - 2:  # BatchNorm's beta plays the hidden layer's bias
            params[f"gamma{i}"], params[f"beta{i}"] = torch.ones(copies, 1, b), torch.zeros(copies, 1, b)
            buffers[f"mean{i}"], buffers[f"var{i}"] = torch.zeros(copies, 1, b), torch.ones(copies, 1, b)
        else:
            params[f"b{i}"] = torch.zeros(copies, 1, b)
    return params, buffers


def grid_forward(params, buffers, x, training, momentum=0.1, eps=1e-5):
    """x: (N, D) -> every copy's logits (G, N, K). In training BatchNorm normalizes with the batch's statistics
    and updates the running ones (as torch.nn.BatchNorm1d does), at evaluation it uses the running ones."""
    layers = sum(name.startswith("w") for name in params)
    h = x.expand(params["w0"].shape[0], *x.shape)
    for i in range(layers - 1):
        z = h @ params[f"w{i}"]
        if training:
            mean, var = z.mean(1, keepdim=True), z.var(1, unbiased=False, keepdim=True)
            with torch.no_grad():
                buffers[f"mean{i}"].lerp_(mean, momentum)
                buffers[f"var{i}"].lerp_(var * z.shape[1] / (z.shape[1] - 1), momentum)
        else:
            mean, var = buffers[f"mean{i}"], buffers[f"var{i}"]
        h = torch.relu(params[f"gamma{i}"] * (z - mean) / torch.sqrt(var + eps) + params[f"beta{i}"])
    return h @ params[f"w{layers - 1}"] + params[f"b{layers - 1}"]


def adam_step(params, state, step, lr, l2, decay, betas=(0.9, 0.999), eps=1e-8):
    """One Adam step (Kingma & Ba 2015) on every copy at once, each with its own lr, l2 and decay (G,):
    Adam + L2 adds l2 * w to the gradient, so the decay goes through Adam's normalization; AdamW shrinks
    w <- w - decay * w before the step, as in Loshchilov & Hutter's Algorithm 2 with the schedule multiplier
    eta_t = 1. torch.optim.AdamW shrinks by lr * weight_decay instead, which ties the decay to the learning
    rate: the paper's rule is torch's with weight_decay = decay / lr (tests/test_cards.py checks both rules
    against torch.optim)."""
    b1, b2 = betas
    with torch.no_grad():
        for name, p in params.items():
            shape = (-1,) + (1,) * (p.dim() - 1)
            grad = p.grad + l2.view(shape) * p
            m, v = state.setdefault(name, (torch.zeros_like(p), torch.zeros_like(p)))
            m.mul_(b1).add_(grad, alpha=1 - b1)
            v.mul_(b2).addcmul_(grad, grad, value=1 - b2)
            p.mul_(1 - decay.view(shape))
            p.sub_(lr.view(shape) / (1 - b1 ** step) * m / (v.sqrt() / math.sqrt(1 - b2 ** step) + eps))
            p.grad = None


def adamw_rows(x, y, x_val, y_val, dims, cells, steps, batch, seed, progress=None):
    """Train one MLP per cell (optimizer: 'adam_l2' or 'adamw', lr, decay) at once on the same minibatches
    (core.plain.batch_order) for `steps` steps; rows: variant (the optimizer), lr, decay, train_accuracy,
    val_accuracy, val_loss. progress(fraction), if given, is called now and then."""
    params, buffers = grid_mlp(dims, len(cells), seed)
    for p in params.values():
        p.requires_grad_(True)
    lr = torch.tensor([c[1] for c in cells])
    l2 = torch.tensor([c[2] if c[0] == "adam_l2" else 0.0 for c in cells])
    decay = torch.tensor([c[2] if c[0] == "adamw" else 0.0 for c in cells])
    order, state = batch_order(len(x), batch, torch.Generator().manual_seed(seed)), {}
    for step in range(1, steps + 1):
        idx = next(order)
        logits = grid_forward(params, buffers, x[idx], True)
        # the sum over copies of each copy's mean loss: each copy's gradient is its own run's
        F.cross_entropy(logits.flatten(0, 1), y[idx].repeat(len(cells)), reduction="sum").div(len(y[idx])).backward()
        adam_step(params, state, step, lr, l2, decay)
        if progress is not None and step % 100 == 0:
            progress(step / steps)
    with torch.no_grad():
        train_logits, val_logits = grid_forward(params, buffers, x, False), grid_forward(params, buffers, x_val, False)
    return [{"variant": c[0], "lr": c[1], "decay": c[2],
             "train_accuracy": (train_logits[k].argmax(1) == y).float().mean().item(),
             "val_accuracy": (val_logits[k].argmax(1) == y_val).float().mean().item(),
             "val_loss": F.cross_entropy(val_logits[k], y_val).item()} for k, c in enumerate(cells)]


def adamw_cells(cfg: AdamWConfig) -> list[tuple[str, float, float]]:
    """The grid: (optimizer, lr, decay) for Adam + L2 and for AdamW, each over its own decays."""
    return [(name, lr, decay) for name, decays in (("adam_l2", cfg.l2s), ("adamw", cfg.decays))
            for lr in cfg.lrs for decay in decays]


def adamw_spec(cfg: AdamWConfig) -> tuple[DataConfig, list[int]]:
    """What the AdamW card trains: the digits (half held out) and the MLP's sizes, 64 pixels -> 2 hidden -> 10."""
    data = DataConfig(name="digits", n=cfg.n, noise=0.0, seed=cfg.seed, val_fraction=0.5)
    return data, [64, cfg.width, cfg.width, 10]


def adamw_grid(cfg: AdamWConfig, cells: list[tuple[str, float, float]]) -> list[dict]:
    """adamw_rows of these cells of the card's grid (all of them, or a share: core.parallel.halves)."""
    data_cfg, dims = adamw_spec(cfg)
    data = standardized_data(data_cfg)
    return adamw_rows(data.x_train, data.y_train, data.x_val, data.y_val, dims, cells, cfg.steps, cfg.batch, cfg.seed,
                      report)


def loshchilov2019(cfg: AdamWConfig) -> dict[str, pd.DataFrame]:
    """The grid of learning rate x decay for Adam + L2 and for AdamW, every cell a twin run (same standardized
    digits, initial weights and minibatches). 'table': adamw_rows; 'curve': the best decay (best_decay) at each
    learning rate, a line per optimizer (log10_lr, log10_decay, run: the optimizer); 'badge'."""
    rows = halves(functools.partial(adamw_grid, cfg), adamw_cells(cfg))
    table = pd.DataFrame(rows)
    curve = pd.DataFrame([{"log10_lr": math.log10(lr), "log10_decay": centre, "run": name}
                          for (name, lr), centre in best_decay(rows).items()])
    return {"table": table, "curve": curve, "badge": badge("loshchilov2019", adamw_verdict(rows))}


ADAMW_TOLERANCE = 0.01  # a decay is "best" at a learning rate when its validation accuracy is within 1 point
# (3 of the 300 held-out digits) of that learning rate's best: near-ties count as ties
ADAMW_MARGIN = 0.0  # AdamW's best decay moves across the learning rates by less than Adam + L2's (strictly)


def best_decay(rows):
    """The centre of the good decays of each (variant, lr) among rows: the mean of log10(decay) over the
    decays within ADAMW_TOLERANCE of the best validation accuracy. Returns {(variant, lr): log10 decay}."""
    best = {}
    for r in rows:
        key = (r["variant"], r["lr"])
        best[key] = max(best.get(key, 0.0), r["val_accuracy"])
    good = {}
    for r in rows:
        if r["val_accuracy"] >= best[(r["variant"], r["lr"])] - ADAMW_TOLERANCE:
            good.setdefault((r["variant"], r["lr"]), []).append(math.log10(r["decay"]))
    return {key: sum(v) / len(v) for key, v in good.items()}


def adamw_verdict(rows):
    """The AdamW card's criterion on its table's rows (variant, lr, decay, val_accuracy, ...): the shift of the
    best decay (best_decay) across the learning rates, the range of its log10 in decades, is at least
    ADAMW_MARGIN (0: strictly) smaller for AdamW than for Adam + L2."""
    centre = best_decay(rows)
    shift = {name: max(v for (o, _), v in centre.items() if o == name) - min(v for (o, _), v in centre.items()
                                                                                 if o == name)
             for name in ("adam_l2", "adamw")}
    top = {name: max(r["val_accuracy"] for r in rows if r["variant"] == name) for name in ("adam_l2", "adamw")}
    passed = shift["adamw"] + ADAMW_MARGIN < shift["adam_l2"]
    return passed, {"shift_l2": shift["adam_l2"], "shift_adamw": shift["adamw"], "best_l2": top["adam_l2"],
                    "best_adamw": top["adamw"]}


# 5. Zhang et al. 2017 --------------------------------------------------------------------------------------
# Zhang, Bengio, Hardt, Recht & Vinyals 2017, "Understanding deep learning requires rethinking
# generalization", ICLR, Fig. 1a and Table 1: the same network fits random labels to 100% training accuracy,
# more slowly than the true labels, while its test accuracy is at chance.
@dataclass(frozen=True)
class ZhangConfig:
    width: int = num(128, 32, 256, step=32, key="width")
    steps: int = num(300, 100, 600, step=50, key="steps")
    seed: int = num(0, 0, 9999, key="seed")
    lr: float = 1e-3  # Adam's default step, full batch
    n: int = 600  # digits in all (420 to fit): the size knob

    def limit(self) -> dict:
        return {"steps": affordable_steps(self.n, [64, self.width, self.width, 10], self.steps, 2)}


def random_labels(y: torch.Tensor, classes: int, seed: int) -> torch.Tensor:
    """y's labels replaced by uniform random classes (Zhang et al.'s 'random labels'), from their own stream."""
    return torch.randint(classes, y.shape, generator=torch.Generator().manual_seed(30_000 + seed))


def first_step_at(history: pd.DataFrame, accuracy: float) -> float:
    """The first evaluated step whose training accuracy reaches `accuracy` (NaN: never)."""
    hit = history[(history.split == "train") & (history.accuracy >= accuracy)]
    return float(hit.step.min()) if len(hit) else math.nan


def zhang_spec(cfg: ZhangConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What the Zhang card trains: the digits, a 2-layer ReLU MLP, full-batch Adam (evaluated every 5 steps)."""
    model = ModelConfig(width=cfg.width, depth=2, activation="relu", seed=cfg.seed)
    tcfg = TrainConfig(optimizer="adam", lr=cfg.lr, steps=cfg.steps, seed=cfg.seed, eval_every=5)
    return DataConfig(name="digits", n=cfg.n, noise=0.0, seed=cfg.seed), model, tcfg


def zhang2017(cfg: ZhangConfig) -> dict[str, pd.DataFrame]:
    """The same 2-layer MLP (same init) trained on the true labels and on random labels; validation on the
    true labels. 'table': variant, train_accuracy, val_accuracy, fit_step (first step at 100% training
    accuracy); 'curve': step, accuracy, run (train and validation accuracy of each); 'badge'."""
    runs = each(zhang_run, [(cfg, "true_labels"), (cfg, "random_labels")])
    rows = final_rows(runs)
    for row, r in zip(rows, runs):
        row["fit_step"] = first_step_at(r.history, 1.0)
    hist = histories(runs)
    curve = hist.assign(run=hist.variant + " · " + hist.split)[["step", "accuracy", "run"]]
    return {"table": pd.DataFrame(rows), "curve": curve, "badge": badge("zhang2017", zhang_verdict(rows))}


def zhang_run(cfg: ZhangConfig, variant: str) -> Run:
    """The Zhang card's run on the true labels or on random ones (a piece: core.parallel), without its model."""
    data_cfg, model, tcfg = zhang_spec(cfg)
    data = standardized_data(data_cfg)
    if variant == "random_labels":
        data = Dataset(data.x_train, random_labels(data.y_train, data.classes, cfg.seed), data.x_val, data.y_val,
                       data.classes)
    return dataclasses.replace(train(build_mlp(model, data.dim, data.classes), data, tcfg, variant=variant,
                                     health=False), model=None)


ZHANG_FIT = 1.0  # random labels fitted: 100% training accuracy
ZHANG_CHANCE_MARGIN = 0.10  # validation accuracy on the true labels at most chance (1/10) + 10 points


def zhang_verdict(rows):
    """The Zhang card's criterion on its table's rows (variant, train_accuracy, val_accuracy, fit_step)."""
    row = {r["variant"]: r for r in rows}
    fit_true, fit_random = row["true_labels"]["fit_step"], row["random_labels"]["fit_step"]
    train_acc, val_acc = row["random_labels"]["train_accuracy"], row["random_labels"]["val_accuracy"]
    chance = 1 / 10
    slower = math.isfinite(fit_random) and (math.isnan(fit_true) or fit_random > fit_true)
    passed = train_acc >= ZHANG_FIT and slower and val_acc <= chance + ZHANG_CHANCE_MARGIN
    return passed, {"train": train_acc, "val": val_acc, "fit_true": fit_true, "fit_random": fit_random,
                    "chance": chance}


# 6. Double descent -----------------------------------------------------------------------------------------
# Belkin, Hsu, Ma & Mandal 2019, "Reconciling modern machine-learning practice and the classical bias-variance
# trade-off", PNAS, Fig. 2 (random features, minimum-norm readout); Nakkiran et al. 2019, "Deep double
# descent": test error peaks where the model can first fit the n training points exactly (p = n) and falls
# again beyond.
@dataclass(frozen=True)
class DoubleDescentConfig:
    n_train: int = num(100, 40, 200, step=10, key="ntrain")  # training digits: the peak should sit at p = n
    draws: int = num(5, 1, 10, key="draws")  # random feature draws averaged per p
    seed: int = num(0, 0, 9999, key="seed")
    dataset: str = "digits"  # the 8x8 digits (by name: the exported script keeps only its generator)
    n_test: int = 500
    points: int = 20  # feature counts p, log-spaced from n/10 to 10 n


def min_norm_readout(phi: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The minimum-norm least-squares readout beta: (p, K) for features phi: (n, p) and targets y: (n, K), in
    closed form: beta = phi^+ y = V diag(1/s) U^T y from phi's SVD, leaving out the singular values below
    max(n, p) x eps x the largest (numerically zero). For p > n it fits the n points exactly, with least norm."""
    u, s, vh = torch.linalg.svd(phi, full_matrices=False)
    keep = s > max(phi.shape) * torch.finfo(phi.dtype).eps * s[0]
    return vh[keep].T @ ((u[:, keep].T @ y) / s[keep, None])


def relu_features(x: torch.Tensor, p: int, generator: torch.Generator) -> torch.Tensor:
    """A random ReLU feature map's weights: (D, p) ~ N(0, 1/D), so that x @ W has unit-scale entries."""
    return torch.randn(x.shape[1], p, generator=generator, dtype=torch.float64) / math.sqrt(x.shape[1])


def feature_counts(n: int, points: int) -> list[int]:
    """p from n/10 to 10 n, log-spaced, with n itself among them."""
    grid = torch.logspace(math.log10(max(n // 10, 2)), math.log10(10 * n), points, dtype=torch.float64)
    return sorted({int(round(v)) for v in grid.tolist()} | {n})


def double_descent_rows(dataset, n_train, n_test, draws, points, seed, progress=None):
    """Test error of a random-ReLU-features regression (one-hot targets, minimum-norm readout) against the
    number of features p: rows of features, n_train, test_mse, test_error (classification), each averaged
    over `draws` feature draws. progress(fraction), if given, is called after each p."""
    x, y, x_test, y_test, classes = load_data(dataset, n_train + n_test, 0.0, n_test / (n_train + n_test), seed)
    x, x_test = standardized(x.double(), x_test.double())
    targets, test_targets = F.one_hot(y, classes).double(), F.one_hot(y_test, classes).double()
    rows, counts = [], feature_counts(len(x), points)
    g = torch.Generator().manual_seed(seed)
    for i, p in enumerate(counts):
        mse = error = 0.0
        for _ in range(draws):
            w = relu_features(x, p, g)
            out = torch.relu(x_test @ w) @ min_norm_readout(torch.relu(x @ w), targets)
            mse += (out - test_targets).square().sum(1).mean().item() / draws
            error += (out.argmax(1) != y_test).double().mean().item() / draws
        rows.append({"features": p, "n_train": len(x), "test_mse": mse, "test_error": error})
        if progress is not None:
            progress((i + 1) / len(counts))
    return rows


def double_descent(cfg: DoubleDescentConfig) -> dict[str, pd.DataFrame]:
    """double_descent_rows as frames: 'table' (its rows), 'curve' (features, run: test_mse or test_error,
    value) and 'badge'."""
    rows = double_descent_rows(cfg.dataset, cfg.n_train, cfg.n_test, cfg.draws, cfg.points, cfg.seed, report)
    table = pd.DataFrame(rows)
    return {"table": table, "curve": table.melt("features", ["test_mse", "test_error"], var_name="run",
                                                value_name="value"),
            "badge": badge("double_descent", double_descent_verdict(rows))}


DD_WINDOW = 2.0  # the peak of the test error lies within [n / 2, 2 n] features
DD_DROP = 0.5  # at the most features the test error is at most half the peak ...
# ... and below the best of the classical regime (p <= n / 2): more features than points generalize better


def double_descent_verdict(rows):
    """The double-descent card's criterion on its table's rows (features, n_train, test_mse, ...), in order of p."""
    n = rows[0]["n_train"]
    peak = max(rows, key=lambda r: r["test_mse"])
    last = rows[-1]["test_mse"]
    classical = min(r["test_mse"] for r in rows if r["features"] <= n / 2)
    passed = n / DD_WINDOW <= peak["features"] <= n * DD_WINDOW and last <= DD_DROP * peak["test_mse"] \
        and last < classical
    return passed, {"peak_at": peak["features"], "peak": peak["test_mse"], "last": last, "classical": classical,
                    "n": n}


# 7. Bergstra & Bengio 2012 (the Babysitting page's part "search", core/search.py) ---------------------------
def bergstra_verdict(rows):
    """Random search wins more of the repeated problems than the grid (rows: the part's summary, per method)."""
    wins = {r["method"]: r["win_fraction"] for r in rows}
    return wins["random"] > wins["grid"], {"random": wins["random"], "grid": wins["grid"]}


# 8. Transfer with few labels (the experiment is core.transfer.few_labels, beside the page's strategies) ------
# Yosinski, Clune, Bengio & Lipson 2014, NeurIPS: features transfer between similar tasks; CS231n Lecture 7:
# with very little data from a dataset similar to the pretraining one, a linear classifier on the top layer.
TRANSFER_GAP = 0.10  # the probe's test accuracy beats scratch's by at least 10 points on average over the seeds
TRANSFER_WINS = 9  # ... and the probe is ahead on at least 9 seeds ...
TRANSFER_SEEDS = 10  # ... of 10


def transfer_verdict(rows):
    """The transfer card's criterion on its table's rows (seed, variant: linear or scratch, test_accuracy): the
    mean over seeds of (probe - scratch) at least TRANSFER_GAP, and the probe ahead on at least TRANSFER_WINS of
    the seeds (TRANSFER_WINS of TRANSFER_SEEDS, in proportion when there are other counts of seeds)."""
    accuracy = {(r["seed"], r["variant"]): r["test_accuracy"] for r in rows}
    seeds = sorted({r["seed"] for r in rows})
    gaps = [accuracy[(s, "linear")] - accuracy[(s, "scratch")] for s in seeds]
    gap, wins = sum(gaps) / len(gaps), sum(g > 0 for g in gaps)
    passed = gap >= TRANSFER_GAP and wins * TRANSFER_SEEDS >= TRANSFER_WINS * len(seeds)
    return passed, {"gap": gap, "wins": wins, "seeds": len(seeds), "worst": min(gaps)}
