"""Lectures 6-7, hyperparameter search: random vs grid search, coarse to fine on a log scale, and the
learning-rate range test (issue 15, parts 4-6 of the Babysitting page).

Each part is a frozen config, plain functions of primitives that the exported scripts (export/search.py)
call too, and an experiment `config -> dict of frames`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import pandas as pd
import torch
import torch.nn.functional as F

from core.data import DataConfig, make_dataset
from core.models import ModelConfig, build_mlp
from core.params import choice, num
from core.plain import OPTIMIZERS, batch_order, evaluate
from core.progress import report, within
from core.train import BUDGET_SECONDS, Job, TrainConfig, train_many


# 4. Random vs grid search ---------------------------------------------------------------------------------
# Bergstra & Bengio 2012, "Random search for hyper-parameter optimization", JMLR 13, Fig. 1: when only one of
# two hyperparameters matters, a grid of k x k trials tries only k values of the important one, while k²
# random trials try k² of them. The problem is a cheap analytic response surface (no training), which is
# honest for this point: the score is a narrow bump in the important hyperparameter plus a small, broad bump
# in the unimportant one, both at places drawn afresh for every repeat.

@dataclass(frozen=True)
class GridRandomConfig:
    grid_side: int = num(4, 2, 10, key="gside")  # grid values per axis: each method gets side² trials (16)
    repeats: int = num(200, 20, 1000, step=10, key="grepeats")  # problems, each with its own peaks and draws
    peak_width: float = num(0.03, 0.005, 0.3, step=0.005, key="gwidth")  # the important bump's std (axis: [0, 1])
    unimportant_weight: float = num(0.1, 0.0, 1.0, step=0.05, key="gweight")  # the most the other one adds
    seed: int = num(0, 0, 9999, key="gseed")

    def limit(self) -> dict:
        return {}  # no training: the largest configuration (1000 repeats of 2 x 100 trials) takes about 0.2 s


# One-click settings (labels: babysitting.preset.<name>): the default's narrow bump; a bump wider than a grid
# cell; an unimportant hyperparameter that matters as much as the bump's height; the largest budget.
SEARCH_PRESETS = {"narrow": {}, "broad": {"peak_width": 0.3}, "even": {"unimportant_weight": 1.0},
                  "budget": {"grid_side": 10}}
UNIMPORTANT_WIDTH = 0.3  # the unimportant hyperparameter's bump is broad: where it sits hardly matters


def response(important, unimportant, peak, peak_unimportant, width, weight):
    """The score of trials at positions in [0, 1] on each axis (a hyperparameter on the scale it is searched,
    e.g. log10 of the learning rate over its range): a bump of height 1 and std `width` around `peak` in the
    important one, plus at most `weight` from a broad bump in the unimportant one."""
    important, unimportant = torch.as_tensor(important), torch.as_tensor(unimportant)
    g = torch.exp(-0.5 * ((important - peak) / width) ** 2)
    h = torch.exp(-0.5 * ((unimportant - peak_unimportant) / UNIMPORTANT_WIDTH) ** 2)
    return g + weight * h


def grid_points(side):
    """The k x k grid (k = side) at the centres of k equal cells per axis, the fairest grid: (important,
    unimportant), each k² values."""
    values = (torch.arange(side, dtype=torch.float64) + 0.5) / side
    important, unimportant = torch.meshgrid(values, values, indexing="ij")
    return important.reshape(-1), unimportant.reshape(-1)


def grid_vs_random_runs(side, repeats, width, weight, seed):
    """`repeats` problems, each searched by the k x k grid and by k² uniform random trials (k = side). One
    generator draws, per repeat, the problem's two peaks and then the random trials. Returns two lists of
    rows: 'trials' (the first repeat's: method, trial, important, unimportant, score) and 'best' (repeat,
    method, best_score, best_important: the best trial's score and where it is on the important axis)."""
    g = torch.Generator().manual_seed(seed)
    grid = grid_points(side)
    trials, best = [], []
    for repeat in range(repeats):
        peak, peak_unimportant = torch.rand(2, generator=g, dtype=torch.float64).tolist()
        draws = torch.rand(2, side * side, generator=g, dtype=torch.float64)
        for method, (important, unimportant) in (("grid", grid), ("random", (draws[0], draws[1]))):
            score = response(important, unimportant, peak, peak_unimportant, width, weight)
            i = int(score.argmax())
            best.append({"repeat": repeat, "method": method, "best_score": score[i].item(),
                         "best_important": important[i].item()})
            if repeat == 0:
                trials += [{"method": method, "trial": t, "important": a, "unimportant": b, "score": s}
                           for t, (a, b, s) in enumerate(zip(important.tolist(), unimportant.tolist(),
                                                            score.tolist()))]
    return trials, best


def grid_vs_random_summary(best, side):
    """Per method: the mean and median of its best score over the repeats, how many distinct values of the
    important hyperparameter it tried, and the fraction of repeats it won (a strictly higher best score)
    and tied (equal best scores, counted apart from the wins)."""
    by_repeat = {}
    for row in best:
        by_repeat.setdefault(row["repeat"], {})[row["method"]] = row["best_score"]
    n = len(by_repeat)
    ties = sum(s["grid"] == s["random"] for s in by_repeat.values()) / n
    rows = []
    for method, other, distinct in (("grid", "random", side), ("random", "grid", side * side)):
        scores = sorted(s[method] for s in by_repeat.values())
        rows.append({"method": method, "mean_best": sum(scores) / n,
                     "median_best": (scores[(n - 1) // 2] + scores[n // 2]) / 2,
                     "distinct_important_values": distinct,
                     "win_fraction": sum(s[method] > s[other] for s in by_repeat.values()) / n,
                     "tie_fraction": ties})
    return rows


def search_winner(summary: pd.DataFrame) -> str:
    """The page's verdict: "random" or "grid", whichever won more repeats, or "tie" when they won as many."""
    wins = summary.set_index("method").win_fraction
    return "tie" if wins["random"] == wins["grid"] else "random" if wins["random"] > wins["grid"] else "grid"


def grid_vs_random_settings(cfg: GridRandomConfig) -> dict:
    return {"side": cfg.grid_side, "repeats": cfg.repeats, "width": cfg.peak_width, "weight": cfg.unimportant_weight,
            "seed": cfg.seed}


def grid_vs_random(cfg: GridRandomConfig) -> dict[str, pd.DataFrame]:
    """grid_vs_random_runs as frames: 'trials' (the first repeat), 'best' (per repeat and method), 'summary'
    (per method), and 'response': the first repeat's score along each axis through its peak (axis, position,
    score)."""
    trials, best = grid_vs_random_runs(**grid_vs_random_settings(cfg))
    peak, peak_unimportant = torch.rand(2, generator=torch.Generator().manual_seed(cfg.seed),
                                        dtype=torch.float64).tolist()  # the first repeat's, drawn again
    x = torch.linspace(0, 1, 201, dtype=torch.float64)
    width, weight = cfg.peak_width, cfg.unimportant_weight
    along = {"important": response(x, peak_unimportant, peak, peak_unimportant, width, weight),
             "unimportant": response(peak, x, peak, peak_unimportant, width, weight)}
    curves = pd.concat([pd.DataFrame({"axis": axis, "position": x, "score": score}) for axis, score in along.items()],
                       ignore_index=True)
    return {"trials": pd.DataFrame(trials), "best": pd.DataFrame(best),
            "summary": pd.DataFrame(grid_vs_random_summary(best, cfg.grid_side)), "response": curves}


# Parts 5 and 6 train MNIST-1D's MLP (Greydanus 2020: 2 hidden layers of 100, as core.tiers) on the 1-D digits
# (core.data, at their reference noise; 1,400 examples for training), in minibatches of 32.
DATASET, EXAMPLES = "digits1d", 2000
MLP_WIDTH, MLP_DEPTH, BATCH = 100, 2, 32
# Seconds per training step of that MLP, with its share of building, data and evaluation (CPU time on the
# 2-core box, torch 2.13, one thread, Adam: the dearest optimizer here): about 1 ms plus 4.7 µs per example
# of the batch. Measured: part 5's default (2,000 steps of 32, momentum) 1.6-1.8 s; its slowest allowed run
# (50 trials of 110 steps that never diverge, Adam) 6.6 s before this estimate lowered it to 80 steps.
# `limit` keeps every allowed configuration's estimate within core.train's BUDGET_SECONDS (5 s).
STEP_SECONDS, EXAMPLE_SECONDS = 1.0e-3, 4.7e-6


def search_seconds(runs: int, steps: int, batch_size: int) -> float:
    """The estimated time of `runs` trainings of the MLP for `steps` steps on batches of batch_size."""
    return runs * steps * (STEP_SECONDS + EXAMPLE_SECONDS * batch_size)


def affordable(runs: int, steps: int, batch_size: int, lowest: int) -> int:
    """`steps`, or the most steps (a multiple of 10, at least `lowest`) whose runs fit BUDGET_SECONDS."""
    per_step = search_seconds(runs, 1, batch_size)
    return steps if per_step * steps <= BUDGET_SECONDS else max(lowest, int(BUDGET_SECONDS / per_step) // 10 * 10)


def mlp_config(seed: int) -> ModelConfig:
    return ModelConfig(width=MLP_WIDTH, depth=MLP_DEPTH, seed=seed)


# 5. Coarse to fine, on a log scale ------------------------------------------------------------------------
# CS231n Lecture 6, "Hyperparameter optimization": search on a log scale (reg = 10 ** uniform(-5, 5)), coarse
# to fine: a first stage of short runs over wide ranges, then a finer search where the good ones were; a best
# value at the edge of a range means the range should move.

@dataclass(frozen=True)
class CoarseFineConfig:
    coarse_trials: int = num(12, 4, 30, key="ncoarse")  # random trials over the wide ranges
    fine_trials: int = num(8, 2, 20, key="nfine")  # random trials in the box around the best coarse trial
    lr_lo: float = num(1e-4, 1e-6, 1.0, log=True, key="lrmin")
    lr_hi: float = num(10.0, 1e-3, 100.0, log=True, key="lrmax")
    reg_lo: float = num(1e-6, 1e-8, 0.1, log=True, key="regmin")
    reg_hi: float = num(1.0, 1e-4, 10.0, log=True, key="regmax")
    optimizer: str = choice("momentum", ("sgd", "momentum", "adam"), key="fopt")
    trial_steps: int = num(100, 20, 400, step=10, key="fsteps")  # short runs (2.3 epochs), as a first stage
    seed: int = num(0, 0, 9999, key="fseed")  # data, initial weights, batch order and the draws

    def limit(self) -> dict:
        return {"trial_steps": affordable(self.coarse_trials + self.fine_trials, self.trial_steps, BATCH, 20)}


# The lecture's wide ranges; Adam; a learning-rate range set too low (the best sits at its edge and the fine
# box reaches past it: move the range); fewer, longer runs.
COARSE_PRESETS = {"wide": {}, "adam": {"optimizer": "adam"}, "low_range": {"lr_lo": 1e-6, "lr_hi": 1e-3},
                  "longer": {"coarse_trials": 8, "fine_trials": 4, "trial_steps": 300}}
FINE_ZOOM = 4  # the fine box is a quarter as wide as the coarse range on each axis (in decades)


def log_uniform(n, lo, hi, generator):
    """n values 10 ** uniform(log10 lo, log10 hi): every decade between lo and hi equally likely."""
    a, b = math.log10(lo), math.log10(hi)
    return (10 ** (a + (b - a) * torch.rand(n, generator=generator, dtype=torch.float64))).tolist()


def fine_box(best, lo, hi):
    """The fine stage's range on one axis: centred on the best coarse value (in log10) and a FINE_ZOOM-th of
    the coarse range [lo, hi] wide. It may reach past the coarse range: a best value near the edge says the
    coarse range was too narrow there."""
    half = (math.log10(hi) - math.log10(lo)) / (2 * FINE_ZOOM)
    return 10 ** (math.log10(best) - half), 10 ** (math.log10(best) + half)


def best_trial(rows):
    """The trial with the highest validation accuracy among those that did not diverge (the first of a tie)."""
    kept = [r for r in rows if not r["diverged"]] or rows
    return max(kept, key=lambda r: r["val_accuracy"])


def coarse_to_fine_search(trials, coarse, fine, lr_range, reg_range, seed):
    """Random search in two stages: `coarse` trials log-uniform over lr_range x reg_range, then `fine` trials
    log-uniform in the box (fine_box on each axis) around the best coarse trial. trials(pairs) trains one model
    per (lr, reg) of a stage and returns each one's (validation accuracy, whether it diverged); one generator
    seeded with `seed` draws every trial. Returns three lists of rows: 'trials' (stage, trial, lr, reg, log_lr,
    log_reg, val_accuracy, diverged), 'best' (stage, lr, reg, val_accuracy) and 'boxes' (stage, lr_lo, lr_hi,
    reg_lo, reg_hi)."""
    g = torch.Generator().manual_seed(seed)
    rows_of, best, boxes = [], [], []
    for stage, count in (("coarse", coarse), ("fine", fine)):
        if best:
            lr_range, reg_range = fine_box(best[-1]["lr"], *lr_range), fine_box(best[-1]["reg"], *reg_range)
        boxes.append({"stage": stage, "lr_lo": lr_range[0], "lr_hi": lr_range[1], "reg_lo": reg_range[0],
                      "reg_hi": reg_range[1]})
        lrs, regs = log_uniform(count, *lr_range, g), log_uniform(count, *reg_range, g)
        rows = [{"stage": stage, "trial": i, "lr": lr, "reg": reg, "log_lr": math.log10(lr),
                 "log_reg": math.log10(reg), "val_accuracy": accuracy, "diverged": diverged}
                for i, (lr, reg, (accuracy, diverged)) in enumerate(zip(lrs, regs, trials(list(zip(lrs, regs)))))]
        top = best_trial(rows)
        best.append({"stage": stage, "lr": top["lr"], "reg": top["reg"], "val_accuracy": top["val_accuracy"]})
        rows_of += rows
    return rows_of, best, boxes


def better_stage(trials: pd.DataFrame) -> str:
    """The page's verdict: the stage whose median validation accuracy is higher ("coarse" on a tie: the fine
    stage did not help)."""
    median = trials.groupby("stage").val_accuracy.median()
    return "fine" if median["fine"] > median["coarse"] else "coarse"


def past_the_edge(boxes: pd.DataFrame) -> list[str]:
    """The axes ("lr", "reg") on which the fine box reaches outside the coarse range: the best coarse trial was
    near that range's edge, so the range should move that way (CS231n Lecture 6)."""
    box = boxes.set_index("stage")
    return [axis for axis in ("lr", "reg") if box.loc["fine", f"{axis}_lo"] < box.loc["coarse", f"{axis}_lo"]
            or box.loc["fine", f"{axis}_hi"] > box.loc["coarse", f"{axis}_hi"]]


def coarse_spec(cfg: CoarseFineConfig) -> tuple[DataConfig, ModelConfig, TrainConfig]:
    """What every trial trains: the same data, initial weights and batch order; only lr and reg change. reg is
    the optimizer's weight_decay (L2: the gradient of reg/2 ||w||², biases included)."""
    return (DataConfig(name=DATASET, n=EXAMPLES, seed=cfg.seed), mlp_config(cfg.seed),
            TrainConfig(optimizer=cfg.optimizer, steps=cfg.trial_steps, batch_size=BATCH, seed=cfg.seed,
                        eval_every=cfg.trial_steps))


def coarse_ranges(cfg: CoarseFineConfig) -> tuple[tuple[float, float], tuple[float, float]]:
    """The coarse stage's (lo, hi) of lr and of reg, in order whichever way the controls were set."""
    return tuple(sorted((cfg.lr_lo, cfg.lr_hi))), tuple(sorted((cfg.reg_lo, cfg.reg_hi)))


def coarse_to_fine(cfg: CoarseFineConfig) -> dict[str, pd.DataFrame]:
    """coarse_to_fine_search with every trial trained by core.train (a stage's trials stacked) and scored on the
    validation set: 'trials', 'best' and 'boxes'."""
    data_cfg, model, tcfg = coarse_spec(cfg)
    data = make_dataset(data_cfg)
    total, done = cfg.coarse_trials + cfg.fine_trials, []

    def trials(pairs):  # a stage's trials train together (core.train.train_many: stacked, the same numbers)
        jobs = [Job(build_mlp(model, data.dim, data.classes), dataclasses.replace(tcfg, lr=lr, weight_decay=reg),
                    str(i)) for i, (lr, reg) in enumerate(pairs)]
        with within(len(done) / total, (len(done) + len(jobs)) / total):
            runs = train_many(jobs, data, health=False)
        done.extend(runs)
        return [(evaluate(run.model, data.x_val, data.y_val)[1], run.diverged_at is not None)  # as it stopped
                for run in runs]

    rows, best, boxes = coarse_to_fine_search(trials, cfg.coarse_trials, cfg.fine_trials, *coarse_ranges(cfg),
                                                cfg.seed)
    return {"trials": pd.DataFrame(rows), "best": pd.DataFrame(best), "boxes": pd.DataFrame(boxes)}


# 6. Learning-rate range test ------------------------------------------------------------------------------
# Smith 2017, "Cyclical learning rates for training neural networks" (WACV), Sec. 3.3: one short run in which
# the learning rate grows every step; the loss against the rate shows where training starts to work and
# where it blows up. fastai's lr_find (fastai/callback/schedule.py, LRFinder and its suggestion functions)
# grows the rate exponentially, smooths the batch losses (fastai/learner.py, AvgSmoothLoss), stops when the
# smoothed loss exceeds 4x its minimum, and suggests rates by rules such as "minimum" (/10) and "steep".

@dataclass(frozen=True)
class RangeConfig:
    seeds: int = num(5, 2, 10, key="rseeds")  # runs; run i uses seed + i for its initial weights and batches
    lr_start: float = num(1e-7, 1e-8, 1e-2, log=True, key="rlo")  # fastai's start_lr
    lr_end: float = num(100.0, 0.1, 100.0, log=True, key="rhi")  # fastai's end_lr is 10; at 100 most runs blow up
    range_steps: int = num(100, 30, 300, step=10, key="rsteps")  # fastai's num_it
    optimizer: str = choice("momentum", ("sgd", "momentum", "adam"), key="ropt")
    batch_size: int = num(32, 8, 128, step=8, key="rbatch")
    seed: int = num(0, 0, 9999, key="rseed")  # also the data's

    def limit(self) -> dict:
        return {"range_steps": affordable(self.seeds, self.range_steps, self.batch_size, 30)}


# fastai's own range (1e-7 to 10: fewer runs blow up), Adam, smoother losses from larger batches, more seeds.
RANGE_PRESETS = {"blowup": {}, "fastai": {"lr_end": 10.0}, "adam_range": {"optimizer": "adam"},
                 "big_batch": {"batch_size": 128}, "more_seeds": {"seeds": 10}}
SMOOTHING = 0.98  # fastai's AvgSmoothLoss beta
STOP_FACTOR = 4.0  # fastai's LRFinder: stop once the smoothed loss exceeds 4x its lowest value so far
RULES = ("minimum/10", "steepest")


def range_factor(t, lo, hi, steps):
    """The rate at step t over the starting rate lo: (hi / lo) ** (t / (steps - 1)), 1 at the first step and
    hi / lo at the last (fastai: lr = start * (end / start) ** (t / num_it))."""
    return (hi / lo) ** (t / (steps - 1))


def smoothed(losses, beta=SMOOTHING):
    """fastai's smoothed loss: average = beta * average + (1 - beta) * loss, divided by 1 - beta ** (t + 1) so
    the first values are not pulled towards the average's start at 0."""
    out, average = [], 0.0
    for t, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        out.append(average / (1 - beta ** (t + 1)))
    return out


def stop_reason(smooth, factor=STOP_FACTOR):
    """fastai's rule on the smoothed losses so far: "not finite", or "4x minimum" once the last exceeds factor
    x the lowest; None to go on."""
    if not math.isfinite(smooth[-1]):
        return "not finite"
    return "4x minimum" if smooth[-1] > factor * min(smooth) else None


def range_test_run(model, x, y, optimizer, lo, hi, steps, momentum, batch_size, seed):
    """One LR range test of `model` on x: (N, D), y: (N,). core.train.train's loop (seeded batches,
    cross-entropy, an optimizer of the table) with the rate set to lo * range_factor(t) before the update of
    step t, as train's lr_factor does; it records every batch's loss before its update (as fastai's Recorder)
    and stops by stop_reason. Returns (losses, why it ended: stop_reason's or "end of range")."""
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lo, momentum=momentum)
    order = batch_order(len(x), batch_size, torch.Generator().manual_seed(seed))
    losses = []
    model.train()
    for step in range(steps):
        idx = next(order)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        losses.append(loss.item())
        reason = stop_reason(smoothed(losses))
        if reason is not None:
            return losses, reason
        opt.zero_grad(set_to_none=True)
        loss.backward()
        for group in opt.param_groups:
            group["lr"] = lo * range_factor(step, lo, hi, steps)
        opt.step()
    return losses, "end of range"


def suggest(lrs, smooth, steps):
    """fastai's two rules, on the curve without its first tenth of the planned steps and its last 5 points
    (the whole curve when that leaves fewer than 3): 'minimum/10', the rate at the lowest smoothed loss
    divided by 10, and 'steepest', the rate where the smoothed loss falls fastest against log(rate) (the most
    negative slope between neighbours)."""
    if len(lrs) - 5 - steps // 10 >= 3:
        lrs, smooth = lrs[steps // 10:len(lrs) - 5], smooth[steps // 10:len(smooth) - 5]
    lowest = min(range(len(smooth)), key=lambda i: smooth[i])
    slopes = [(smooth[i + 1] - smooth[i]) / (math.log(lrs[i + 1]) - math.log(lrs[i])) for i in range(len(lrs) - 1)]
    steepest = min(range(len(slopes)), key=lambda i: slopes[i]) if slopes else 0
    return {"minimum/10": lrs[lowest] / 10, "steepest": lrs[steepest]}


def range_test(model, x, y, seed, optimizer, lo, hi, steps, momentum, batch_size):
    """range_test_run with batches from `seed`, and what the page shows of it: 'curves' rows (seed, step, lr,
    loss, smoothed; the steps whose smoothed loss is finite), the 'stops' row (seed, steps_run, stop_lr,
    reason) and the 'suggestions' rows (seed, rule, lr)."""
    losses, reason = range_test_run(model, x, y, optimizer, lo, hi, steps, momentum, batch_size, seed)
    lrs = [lo * range_factor(t, lo, hi, steps) for t in range(len(losses))]
    smooth = smoothed(losses)
    curve = [{"seed": seed, "step": t, "lr": lrs[t], "loss": losses[t], "smoothed": smooth[t]}
             for t in range(len(losses)) if math.isfinite(smooth[t])]
    rule_lrs = suggest([row["lr"] for row in curve], [row["smoothed"] for row in curve], steps)
    return (curve, {"seed": seed, "steps_run": len(losses), "stop_lr": lrs[-1], "reason": reason},
            [{"seed": seed, "rule": rule, "lr": rule_lrs[rule]} for rule in RULES])


def range_spread(suggestions):
    """Per rule: the smallest and the largest suggestion over the seeds, and their ratio (1: all agree)."""
    rows = []
    for rule in RULES:
        values = [s["lr"] for s in suggestions if s["rule"] == rule]
        rows.append({"rule": rule, "min_lr": min(values), "max_lr": max(values), "ratio": max(values) / min(values)})
    return rows


def steadier_rule(spread: pd.DataFrame) -> str:
    """The page's verdict: the rule whose suggestions vary less across seeds (the smaller max/min ratio;
    "minimum/10" on a tie)."""
    ratio = spread.set_index("rule").ratio
    return "steepest" if ratio["steepest"] < ratio["minimum/10"] else "minimum/10"


def range_spec(cfg: RangeConfig) -> tuple[DataConfig, list[int]]:
    """The data every run trains on, and the runs' seeds (each one's initial weights and batch order)."""
    return DataConfig(name=DATASET, n=EXAMPLES, seed=cfg.seed), [cfg.seed + i for i in range(cfg.seeds)]


def range_settings(cfg: RangeConfig) -> dict:
    """range_test's settings besides the model, the data and the seed."""
    return {"optimizer": cfg.optimizer, "lo": cfg.lr_start, "hi": cfg.lr_end, "steps": cfg.range_steps,
            "momentum": TrainConfig().momentum, "batch_size": cfg.batch_size}


def lr_range(cfg: RangeConfig) -> dict[str, pd.DataFrame]:
    """range_test once per seed on the same training data, each from its own MLP: 'curves', 'stops',
    'suggestions' and 'spread' (rule, min_lr, max_lr, ratio)."""
    data_cfg, seeds = range_spec(cfg)
    data = make_dataset(data_cfg)
    curves, stops, suggestions = [], [], []
    for i, seed in enumerate(seeds):
        model = build_mlp(mlp_config(seed), data.dim, data.classes)
        curve, stop, suggested = range_test(model, data.x_train, data.y_train, seed, **range_settings(cfg))
        curves, stops, suggestions = curves + curve, stops + [stop], suggestions + suggested
        report((i + 1) / len(seeds))
    return {"curves": pd.DataFrame(curves), "stops": pd.DataFrame(stops), "suggestions": pd.DataFrame(suggestions),
            "spread": pd.DataFrame(range_spread(suggestions))}


# The parts in the page's order, each with its default config (the lead merges them into core.babysitting).
EXPERIMENTS = {
    "search": (grid_vs_random, GridRandomConfig()),
    "coarse": (coarse_to_fine, CoarseFineConfig()),
    "lrfind": (lr_range, RangeConfig()),
}
