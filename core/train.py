"""The one training loop of the lab, and twin runs built on it.

`train` is the plain loop (zero_grad, forward, loss, backward, step) with what the pages measure
around it: train/validation loss and accuracy, per-layer statistics on demand, and divergence
detection that stops the run and says where and why.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from core.data import Dataset
from core.flat import flattened, own_storage, skipping, zeroing
from core.health import (HealthRecorder, Record, frames, hidden_weights, layer_tensors, logged_steps,
                         pick_rows)
from core import stacked
from core.models import mode_free, recording
from core.params import choice, num
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate, loss_and_accuracy
from core.parallel import each, halves, here
from core.progress import report

# Time budget of one experiment on one core (issue 9: any allowed configuration within a few seconds).
# Measured on a 2-core box: a training step, with its evaluation and statistics, costs about 2 ms of
# fixed overhead plus ~1.2e-10 s per multiply-add of forward and backward (3x the forward's count).
BUDGET_SECONDS = 5.0
STEP_OVERHEAD, SECONDS_PER_MAC = 2e-3, 1.2e-10


def estimate_seconds(n: int, dims: list[int], steps: int, runs: int = 1) -> float:
    """Rough time of `runs` trainings of an MLP with layer sizes `dims` on n points for `steps`."""
    macs = 3 * n * sum(a * b for a, b in zip(dims[:-1], dims[1:]))
    return runs * steps * (STEP_OVERHEAD + SECONDS_PER_MAC * macs)


def affordable_steps(n: int, dims: list[int], steps: int, runs: int = 1, budget: float = BUDGET_SECONDS) -> int:
    """`steps`, or fewer (a multiple of 10, at least 10) when the runs would exceed the budget."""
    per_step = estimate_seconds(n, dims, 1, runs)
    return steps if per_step * steps <= budget else max(10, int(budget / per_step) // 10 * 10)


@dataclass(frozen=True)
class TrainConfig:
    optimizer: str = choice("sgd", tuple(OPTIMIZERS), key="opt")
    lr: float = num(0.1, 1e-4, 10.0, log=True, key="lr")
    momentum: float = num(0.9, 0.0, 0.99, step=0.01, key="mom")  # used by momentum and nesterov
    weight_decay: float = num(0.0, 0.0, 0.1, step=0.001, key="wd")
    steps: int = num(200, 1, 2000, step=10, key="steps")
    batch_size: int = num(0, 0, 512, step=8, key="batch")  # 0 means full batch
    seed: int = num(0, 0, 9999, key="tseed")  # batch order
    eval_every: int = 1  # evaluate at every eval_every-th step and after the last; 0: after the last only


def evaluated(step: int, cfg: TrainConfig) -> bool:
    """Whether the loop evaluates before `step` (a run of cfg.steps steps: step 0 is before any update,
    step cfg.steps after the last)."""
    return step == cfg.steps or (cfg.eval_every > 0 and step % cfg.eval_every == 0)


def evaluation(model, data: Dataset, step: int, variant: str, train_logits: torch.Tensor | None = None) -> list[tuple]:
    """History rows (step, variant, split, loss, accuracy) for the training and validation sets. train_logits: the
    model's on the whole training set, where the step's own forward computed them (shares_forward)."""
    train = evaluate(model, data.x_train, data.y_train) if train_logits is None else \
        loss_and_accuracy(train_logits.detach(), data.y_train)
    return [(step, variant, "train", *train), (step, variant, "val", *evaluate(model, data.x_val, data.y_val))]


SHARE_FORWARD = True  # tests compare the runs with and without it


def shares_forward(free: bool, idx, step: int, cfg: TrainConfig) -> bool:
    """Whether the training forward of `step` (on the points idx) is also the evaluation's on the training set:
    the loop evaluates before this step, the batch is the whole training set (batch_order's slice), and the
    models compute the same in train and eval mode (free: core.models.mode_free). Then the evaluation reads the
    training set's loss and accuracy from that forward's logits, the same numbers, one forward fewer a step."""
    return SHARE_FORWARD and free and isinstance(idx, slice) and idx == slice(None) and evaluated(step, cfg)


def train_settings(cfg: TrainConfig) -> dict:
    """The training settings an exported script takes (export/mlp.py's fit)."""
    return {"optimizer": cfg.optimizer, "lr": cfg.lr, "momentum": cfg.momentum, "weight_decay": cfg.weight_decay,
            "steps": cfg.steps, "batch_size": cfg.batch_size, "seed": cfg.seed}


@dataclass
class Run:
    """What one training run leaves behind. history: step, variant, split, loss, accuracy."""
    variant: str
    history: pd.DataFrame
    record: Record  # core.health's, at the logged steps (the frames: health, histograms)
    model: nn.Module
    # The CPU time of the thread that trained it (other sessions' work on the same cores does not count), from the
    # moment its optimizer exists: a process's first torch.optim optimizer imports torch._dynamo (about 1 s, once),
    # which would land in whichever run came first (on a fresh server the Activations race's first activation
    # showed 1.91 s against 0.29 s for the others).
    seconds: float
    diverged_at: int | None = None
    reason: str | None = None  # "nan" or "exploded"

    @cached_property
    def _frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return frames([self.record])

    @property
    def health(self) -> pd.DataFrame:
        """variant, step, layer, stat, value (core.health.frames)."""
        return self._frames[0]

    @property
    def histograms(self) -> pd.DataFrame:
        """variant, step, layer, quantity, bin, lo, hi, count (core.health.frames)."""
        return self._frames[1]


RECORD_HEALTH = True  # python -m bench turns it off to measure what recording costs


def train(model: nn.Module, data: Dataset, cfg: TrainConfig, *, variant: str = "", health: bool | None = None,
          penalty: Callable[[nn.Module], torch.Tensor] | None = None,
          after_step: Callable[[nn.Module], None] | None = None,
          lr_factor: Callable[[int], float] | None = None, params=None) -> Run:
    """Train `model` on `data` with `cfg`; returns a Run with tidy frames.

    health (for models with acts() / weights(), e.g. core.models.MLP) records each hidden layer's health at
    the logged steps of core.health; it does not change the run. penalty(model) is added to the loss (L1/L2
    regularization). The run stops early on divergence (core.plain.divergence): diverged_at is the step,
    reason "nan" or "exploded".
    after_step(model), if given, runs after every optimizer step (e.g. L1's proximal soft-threshold).
    lr_factor(step) (optional, a learning-rate schedule) scales each group's starting lr at each step.
    params: optional parameter groups for the optimizer (e.g. a smaller lr for a pretrained backbone).
    """
    opt = OPTIMIZERS[cfg.optimizer](model.parameters() if params is None else params, lr=cfg.lr,
                                    momentum=cfg.momentum, weight_decay=cfg.weight_decay)
    zero_grad = zeroing(opt)
    start = time.thread_time()  # a Run's seconds: from here, on this thread
    base_lrs = [group["lr"] for group in opt.param_groups]
    batches = batch_order(len(data.x_train), cfg.batch_size, torch.Generator().manual_seed(cfg.seed))
    history, first_loss, diverged, reason, above = [], None, None, None, 0
    health = RECORD_HEALTH if health is None else health
    logged = set(logged_steps(cfg.steps)) if health and hasattr(model, "acts") and model.acts() else set()
    recorder = HealthRecorder([variant], len(logged))
    free = mode_free(model)
    model.train()
    for step in range(cfg.steps + 1):
        if step == cfg.steps:
            history += evaluation(model, data, step, variant)
            break
        record, idx = step in logged, next(batches)
        reuse = shares_forward(free, idx, step, cfg)
        if evaluated(step, cfg) and not reuse:
            history += evaluation(model, data, step, variant)
        with recording(model.acts() if record else []) as seen:
            logits = model(data.x_train[idx])
            loss = F.cross_entropy(logits, data.y_train[idx])
        if reuse:
            history += evaluation(model, data, step, variant, logits)
        grads = recorder.retain(seen, [model.acts()]) if record else None
        if penalty is not None:
            loss = loss + penalty(model)
        value = loss.item()
        first_loss = value if first_loss is None else first_loss
        reason, above = divergence(value, first_loss, above)
        if reason is not None:
            diverged = step
            if not evaluated(step, cfg):  # the summary reads the model as it stopped, as a script does
                history += evaluation(model, data, step, variant)
            break
        zero_grad()
        loss.backward()
        if step == 0:  # the parameters that have a gradient, in one tensor per group from here (core.flat)
            opt, zero_grad = flattened(opt, skipping(model))
        if record:
            recorder.backward(hidden_weights(model), [0])
        if lr_factor is not None:
            for group, base in zip(opt.param_groups, base_lrs):
                group["lr"] = base * lr_factor(step)
        opt.step()
        if after_step is not None:
            after_step(model)
        if record:
            recorder.update(step, [0], [model.acts()], layer_tensors(seen, grads, stacked=False),
                            [w for w, _ in hidden_weights(model)])
        if step % 20 == 0:
            report(step / cfg.steps)
    hist = pd.DataFrame(history, columns=["step", "variant", "split", "loss", "accuracy"])
    hist = hist[pd.Series([math.isfinite(v) for v in hist["loss"]], index=hist.index)]  # no NaN reaches a chart
    own_storage(model)  # its parameters leave the flat tensor: the model goes alone where it goes (pickled)
    return Run(variant, hist.reset_index(drop=True), recorder.records()[0], model, time.thread_time() - start,
               diverged, reason)


STACK = True  # runs of one MLP shape train as one stacked model (core.stacked); tests and bench compare


@dataclass
class Job:
    """One run for train_many: train(model, data, cfg, variant=..., penalty=..., after_step=..., lr_factor=...)."""
    model: nn.Module
    cfg: TrainConfig
    variant: str
    penalty: Callable[[nn.Module], torch.Tensor] | None = None
    after_step: Callable[[nn.Module], None] | None = None
    lr_factor: Callable[[int], float] | None = None


def train_many(jobs: list[Job], data: Dataset, *, timed: bool = False, health: bool | None = None) -> list[Run]:
    """Each job's `train` on the same data, the runs in the jobs' order. Jobs whose models stack
    (core.stacked.signature) and whose configs share steps, batch size, batch order and evaluation train together
    in one stacked loop (train_stacked: the same numbers, a fraction of the time); the others one by one. The
    groups are independent pieces (core.parallel.each: they may train in two processes, where every job can be
    sent to another; the runs then hold that process's trained models).
    timed: each run alone, one after another, in this process, so that a run's seconds are its own (a part that
    compares them): no stack, no second process."""
    groups: dict[tuple, list[int]] = {}
    for i, job in enumerate(jobs):
        shape = stacked.signature(job.model) if STACK and not timed else None
        c = job.cfg
        groups.setdefault((i,) if shape is None else (shape, c.steps, c.batch_size, c.seed, c.eval_every), []).append(i)
    health = RECORD_HEALTH if health is None else health  # this process's setting, wherever a group trains
    pieces = [([jobs[i] for i in members], data, health) for members in groups.values()]
    if timed:
        trained = here(train_group, pieces)
    elif len(pieces) == 1:  # one stack: in halves where a second process is free (each its own stack)
        trained = [halves(functools.partial(train_group, data=data, health=health), pieces[0][0])]
    else:
        trained = each(train_group, pieces)
    runs: list[Run | None] = [None] * len(jobs)
    for members, group in zip(groups.values(), trained):
        for i, run in zip(members, group):
            runs[i] = run
    return runs


def train_group(jobs: list[Job], data: Dataset, health: bool) -> list[Run]:
    """One group of train_many: a job alone (`train`), or jobs that stack (train_stacked)."""
    if len(jobs) == 1:
        job = jobs[0]
        return [train(job.model, data, job.cfg, variant=job.variant, health=health, penalty=job.penalty,
                      after_step=job.after_step, lr_factor=job.lr_factor)]
    return train_stacked(jobs, data, health=health)


def twin_runs(build: Callable[[str], nn.Module], variants: list[str], data: Dataset,
              cfg: TrainConfig | Callable[[str], TrainConfig], timed: bool = False, **kw) -> list[Run]:
    """Train one model per variant; `build(variant)` must seed its weights, so variants that share
    shapes and init share initial weights. Data and batch order (cfg.seed) are shared by all; so are kw's
    penalty, after_step, lr_factor (train's). Stacked where they stack (train_many)."""
    if "params" in kw:  # parameter groups (a backbone's own rate): one after another
        return here(lambda v: train(build(v), data, cfg(v) if callable(cfg) else cfg, variant=v, **kw),
                    [(v,) for v in variants])
    extras = {k: kw.pop(k) for k in ("penalty", "after_step", "lr_factor") if k in kw}
    jobs = [Job(build(v), cfg(v) if callable(cfg) else cfg, v, **extras) for v in variants]
    return train_many(jobs, data, timed=timed, **kw)


def stacked_evaluation(stack: stacked.Stack, data: Dataset, step: int, variants: list[str],
                       active: list[int], train_logits: torch.Tensor | None = None) -> list[list]:
    """evaluation() of the models `active` of the stack (variants: their names), their forwards stacked (in eval
    mode: BatchNorm's running statistics); train_logits: theirs on the whole training set, where the step's own
    forward computed them (shares_forward)."""
    rows: list[list] = [[] for _ in variants]
    with torch.inference_mode():
        for split, x, y in (("train", data.x_train, data.y_train), ("val", data.x_val, data.y_val)):
            logits = stack.forward(x, training=False, active=active) if split == "val" or train_logits is None \
                else train_logits.detach()
            losses = torch.stack([F.cross_entropy(out, y) for out in logits]).tolist()
            accuracies = (logits.argmax(dim=2) == y).float().mean(1).tolist()  # counts of 0/1: exact in float32
            for v, (loss, accuracy) in enumerate(zip(losses, accuracies)):
                rows[v].append((step, variants[v], split, loss, accuracy))
    return rows


def train_stacked(jobs: list[Job], data: Dataset, *, health: bool | None = None) -> list[Run]:
    """`train` of each job's model on the same batches, the forwards and backwards of all of them stacked
    (core.stacked): each keeps its own optimizer (its own kind, learning rate, state), penalty, after_step,
    schedule, divergence check (a run that stops leaves the stack, its history ends where train's would) and
    health record. Runs with one optimizer setting and no schedule share one optimizer over the stacked
    parameters until one of them stops (its steps are elementwise: each run's numbers are its own optimizer's);
    then each goes on with its own, holding its share of the state (split_optimizer). A Run's seconds are its
    share of the loop's time."""
    models, cfgs, variants = [j.model for j in jobs], [j.cfg for j in jobs], [j.variant for j in jobs]
    cfg, count = cfgs[0], len(models)
    stack = stacked.Stack(models)  # from here the models' parameters are views of the stack's
    settings = lambda c: (c.optimizer, c.lr, c.momentum, c.weight_decay)  # noqa: E731
    shared = None
    if len({settings(c) for c in cfgs}) == 1 and all(j.lr_factor is None for j in jobs):
        shared = OPTIMIZERS[cfg.optimizer](stack.optimized(), lr=cfg.lr, momentum=cfg.momentum,
                                           weight_decay=cfg.weight_decay)
        opts = []
    else:
        opts = [own_optimizer(m, c) for m, c in zip(models, cfgs)]
    start = time.thread_time()  # a Run's seconds: from here, on this thread
    base_lrs = [[group["lr"] for group in opt.param_groups] for opt in opts]
    batches = batch_order(len(data.x_train), cfg.batch_size, torch.Generator().manual_seed(cfg.seed))
    history: list[list] = [[] for _ in models]
    first: list[float | None] = [None] * count
    above, diverged, reason = [0] * count, [None] * count, [None] * count
    health = RECORD_HEALTH if health is None else health
    logged = set(logged_steps(cfg.steps)) if health else set()
    recorder = HealthRecorder(variants, len(logged))
    active = list(range(count))
    free = all(mode_free(m) for m in models)
    for model in models:
        model.train()

    def evaluate_active(step: int, train_logits: torch.Tensor | None = None) -> None:
        for v, rows in zip(active, stacked_evaluation(stack, data, step, [variants[v] for v in active], active,
                                                      train_logits)):
            history[v] += rows

    for step in range(cfg.steps + 1):
        if step == cfg.steps:
            evaluate_active(step)
            break
        record, idx = step in logged, next(batches)
        reuse = shares_forward(free, idx, step, cfg)
        if evaluated(step, cfg) and not reuse:
            evaluate_active(step)
        seen: list | None = [] if record else None
        logits = stack.forward(data.x_train[idx], seen, active=active)
        if reuse:
            evaluate_active(step, logits)
        y = data.y_train[idx]
        losses = [F.cross_entropy(out, y) for out in logits]
        losses = [loss if jobs[v].penalty is None else loss + jobs[v].penalty(models[v])
                  for loss, v in zip(losses, active)]
        going = []
        for i, (v, value) in enumerate(zip(active, torch.stack(losses).tolist())):
            first[v] = value if first[v] is None else first[v]
            reason[v], above[v] = divergence(value, first[v], above[v])
            if reason[v] is None:
                going.append(i)
                continue
            diverged[v] = step
            if not evaluated(step, cfg):  # the summary reads the model as it stopped, as a script does
                history[v] += evaluation(models[v], data, step, variants[v])
        if not going:
            break
        members = [active[i] for i in going]
        stack.zero_grad()
        grads = recorder.retain(seen, [models[v].acts() for v in active]) if record else None
        sum(losses[i] for i in going).backward()
        if record:
            recorder.backward(stack.hidden_weights(members), members)
        if shared is not None and len(members) < count:  # a run stopped: the others go on with their own
            opts, shared = split_optimizer(shared, stack, cfgs), None
            base_lrs = [[group["lr"] for group in opt.param_groups] for opt in opts]
        if shared is not None:
            shared.step()
        for v in members:
            if shared is None:
                if jobs[v].lr_factor is not None:
                    for group, base in zip(opts[v].param_groups, base_lrs[v]):
                        group["lr"] = base * jobs[v].lr_factor(step)
                opts[v].step()
            if jobs[v].after_step is not None:
                jobs[v].after_step(models[v])
        if record:
            layers = layer_tensors(seen, grads, stacked=True)
            if len(going) < len(active):  # runs that stopped at this step have no record of it
                layers = [pick_rows(tensors, going) for tensors in layers]
            recorder.update(step, members, [models[v].acts() for v in members], layers,
                            [w for w, _ in stack.hidden_weights(members)])
        active = members
        if step % 20 == 0:
            report(step / cfg.steps)
    seconds = (time.thread_time() - start) / count
    runs, records = [], recorder.records()
    for v, model in enumerate(models):
        own_storage(model)  # out of the stack: each model carries its own parameters only (core.flat.own_storage)
        hist = pd.DataFrame(history[v], columns=["step", "variant", "split", "loss", "accuracy"])
        hist = hist[pd.Series([math.isfinite(x) for x in hist["loss"]], index=hist.index)]
        runs.append(Run(variants[v], hist.reset_index(drop=True), records[v], model, seconds,
                        diverged[v], reason[v]))
    return runs


def own_optimizer(model: nn.Module, cfg: TrainConfig) -> torch.optim.Optimizer:
    return OPTIMIZERS[cfg.optimizer](model.parameters(), lr=cfg.lr, momentum=cfg.momentum,
                                     weight_decay=cfg.weight_decay)


def split_optimizer(shared: torch.optim.Optimizer, stack: stacked.Stack, cfgs: list[TrainConfig]) -> list:
    """An optimizer per model of the stack, each holding its slice of the shared optimizer's state (moments,
    momentum buffers; its step count as is): stepping on from there is what its own optimizer would do."""
    opts = []
    for v, (model, cfg) in enumerate(zip(stack.models, cfgs)):
        opt = own_optimizer(model, cfg)
        for name in stack.leaves:
            state = stack.state_of(shared.state, name)
            if state:
                opt.state[model.get_parameter(name)] = {
                    key: value[v].clone() if torch.is_tensor(value) and value.dim() > 0 else
                    value.clone() if torch.is_tensor(value) else value for key, value in state.items()}
        opts.append(opt)
    return opts


def healths(runs: list[Run]) -> dict[str, pd.DataFrame]:
    """The runs' health records as a part's result frames: 'health' and 'histograms' (in compact types: the
    result cache keeps them)."""
    health, hists = frames([r.record for r in runs])
    return {"health": health, "histograms": hists}


def histories(runs: list[Run]) -> pd.DataFrame:
    return pd.concat([r.history for r in runs], ignore_index=True)


def summary(runs: list[Run]) -> pd.DataFrame:
    """One row per run: final train/val accuracy and loss, seconds, divergence."""
    rows = []
    for r in runs:
        last = r.history[r.history.step == r.history.step.max()].set_index("split")
        rows.append({"variant": r.variant,
                     "train_loss": last.loss.get("train", math.nan), "val_loss": last.loss.get("val", math.nan),
                     "train_accuracy": last.accuracy.get("train", math.nan),
                     "val_accuracy": last.accuracy.get("val", math.nan),
                     "seconds": r.seconds, "diverged_at": r.diverged_at, "reason": r.reason})
    return pd.DataFrame(rows)
