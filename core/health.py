"""Training health: what each hidden layer does over training, recorded by the one training loop.

At a few logged steps (HEALTH_STEPS, spread on a log scale so the first steps, where most goes wrong, are
dense), for every hidden layer: the fraction of saturated units (tanh/sigmoid: output within 1% of the
range's ends; others |f'(z)| < 0.01), the fraction of dead units (f'(z) = 0 on the whole batch), the
activations' mean and std, the std of the gradient reaching the activations, grad:data (the weight
gradient's std over the weight's std) and update:data (log10 ||dW|| / ||W|| of the step; CS231n Lecture 6,
"ratio of weight updates / weight magnitudes": about 1e-3 is healthy). Plus histograms with fixed bins of
the activations and of log10 |activation gradient|.

Bound: HEALTH_STEPS logged steps x layers x (8 numbers + 2 x BINS counts): for 8 layers about 15k numbers.
A part's frames (core.train.healths, histograms in compact types): about 30 kB per run and hidden layer.
"""

from __future__ import annotations

import math

import pandas as pd
import torch

from core.nn import SLOPES, dead_units, saturated_values

HEALTH_STEPS = 20  # logged steps per run (all of them in shorter runs): the 20-40, at its low end for cost
BINS = 24
ACT_RANGE = 3.0  # activations of unbounded functions are binned over [-3, 3], the rest in the end bins
BOUNDED_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
GRAD_LOG_RANGE = (-10.0, 0.0)  # log10 |dL/da|: below 1e-10 (and exact zeros) counts in the first bin
HEALTHY_UPDATE = -3.0  # log10 of the rule of thumb's update:data
STATS = ("saturated", "dead", "act_mean", "act_std", "act_grad_std", "grad_data", "update_data")


def logged_steps(steps: int, count: int = HEALTH_STEPS) -> list[int]:
    """`count` of the steps 0..steps-1 (every step while steps <= count), log-spaced so the first steps are
    dense, the last one included."""
    if steps <= count:
        return list(range(steps))
    points = count
    while True:  # rounding merges neighbours at the start: take more points until count are distinct
        chosen = sorted({round(steps ** (i / (points - 1))) - 1 for i in range(points)} | {steps - 1})
        if len(chosen) >= count:
            return chosen
        points += 1


def histograms(values: torch.Tensor, lo: float, hi: float) -> torch.Tensor:
    """values: (L, ...) -> (L, BINS) counts in BINS equal bins over [lo, hi]; values outside go to the end
    bins. One scatter for every layer at once."""
    flat = values.float().flatten(1)
    idx = ((flat.clamp(lo, hi) - lo) * (BINS / (hi - lo))).long().clamp(max=BINS - 1)
    return torch.zeros(len(flat), BINS).scatter_add_(1, idx, torch.ones_like(flat))


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


class HealthRecorder:
    """Used by core.train.train around a logged step: `forward(seen)` after the forward pass (seen from
    core.models.recording, activations' gradients retained), `backward(weights)` after loss.backward(),
    `update(weights)` after the optimizer's step."""

    def __init__(self, variant: str):
        self.variant = variant
        self.stats: list[tuple] = []
        self.hists: list[tuple] = []

    def forward(self, step: int, acts, seen) -> None:
        self.step, self.acts, self.seen = step, acts, seen
        for _, a in seen:
            if a.requires_grad:
                a.retain_grad()

    def backward(self, weights) -> None:
        self.before = [w.weight.detach().clone() for w in weights]
        self.grads = [w.weight.grad.std() / (w.weight.detach().std() + 1e-12) if w.weight.grad is not None
                      else torch.tensor(math.nan) for w in weights]

    def update(self, weights) -> None:
        """Every statistic of every layer as tensors, layers of one shape stacked so each statistic is one
        operation for all of them, then one conversion to Python numbers (a .item() per number would cost
        more than the statistics)."""
        changes = [(w.weight.detach() - w0).norm() / (w0.norm() + 1e-12) for w, w0 in zip(weights, self.before)]
        layers = list(range(len(self.seen)))
        groups = [layers] if len({(a.shape, z.shape, act.name) for act, (z, a) in zip(self.acts, self.seen)}) == 1 \
            else [[i] for i in layers]
        for group in groups:
            act = self.acts[group[0]]
            z = torch.stack([self.seen[i][0] for i in group])
            a = torch.stack([self.seen[i][1].detach() for i in group])
            grad = torch.stack([self.seen[i][1].grad if self.seen[i][1].grad is not None
                                else torch.zeros_like(a[0]) for i in group])
            slope = SLOPES[act.name](z, **act.knobs)
            a_std, a_mean = torch.std_mean(a.flatten(1), dim=1)
            stats = torch.stack([saturated_values(act, z, a, slope).flatten(1).float().mean(1),
                                 dead_units(act, z, slope).float().mean(-1), a_mean, a_std,
                                 grad.flatten(1).std(1), torch.stack([self.grads[i] for i in group]),
                                 torch.log10(torch.stack([changes[i] for i in group]))], dim=1)
            lo, hi = BOUNDED_RANGE.get(act.name, (-ACT_RANGE, ACT_RANGE))
            counts = torch.stack([histograms(a, lo, hi),
                                  histograms(torch.log10(grad.abs().clamp_min(1e-30)), *GRAD_LOG_RANGE)], 1)
            for i, row, (act_counts, grad_counts) in zip(group, stats.tolist(), counts.long().tolist()):
                self.stats += [(self.variant, self.step, i + 1, k, _finite(v)) for k, v in zip(STATS, row)]
                self.hists += [(self.variant, self.step, i + 1, "activation", lo, hi, act_counts),
                               (self.variant, self.step, i + 1, "gradient", *GRAD_LOG_RANGE, grad_counts)]
        self.seen = self.before = None

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """'health': variant, step, layer, stat, value; 'histograms': variant, step, layer, quantity, bin,
        lo, hi (the bin's edges), count."""
        health = pd.DataFrame(self.stats, columns=["variant", "step", "layer", "stat", "value"])
        keys = pd.DataFrame([h[:6] for h in self.hists], columns=["variant", "step", "layer", "quantity", "lo", "hi"])
        hists = keys.loc[keys.index.repeat(BINS)].reset_index(drop=True)
        hists["bin"] = list(range(BINS)) * len(keys)
        width = (hists.hi - hists.lo) / BINS
        hists["lo"], hists["hi"] = hists.lo + hists.bin * width, hists.lo + (hists.bin + 1) * width
        hists["count"] = [c for h in self.hists for c in h[6]]
        hists = hists[["variant", "step", "layer", "quantity", "bin", "lo", "hi", "count"]]
        return health, hists


def compact(hists: pd.DataFrame) -> pd.DataFrame:
    """A 'histograms' frame in small types (the result cache holds it): names as categories, step int32, layer
    and bin int8, edges float32, counts int32; about 20 bytes a row instead of 80."""
    return hists.astype({"variant": "category", "step": "int32", "layer": "int8", "quantity": "category",
                         "bin": "int8", "lo": "float32", "hi": "float32", "count": "int32"})


# What the one-line reading calls a problem (fixed here, not tuned to a run): three quarters of a layer's
# units saturated at the start (a ReLU has f'(z) = 0 on about half of its inputs by design, so half is
# normal), a quarter of them dead at the end, updates more than ten times off the 1e-3 rule of thumb.
SATURATED_ALERT, DEAD_ALERT, UPDATE_OFF = 0.75, 0.25, 1.0


def reading(health: pd.DataFrame) -> list[tuple[str, dict]]:
    """What a run's health record says, as (message key, values) pairs: the most saturated layer at the first
    logged step (if three quarters of its units are), the most dead layer at the last one (if a quarter), and
    where the median update:data stands against 10^-3 (too high, too low or near it)."""
    said = []
    first, last = health.step.min(), health.step.max()
    sat = health[(health.stat == "saturated") & (health.step == first)].set_index("layer").value
    if len(sat) and sat.max() >= SATURATED_ALERT:
        said.append(("saturated", {"layer": int(sat.idxmax()), "share": f"{sat.max():.0%}", "step": int(first)}))
    dead = health[(health.stat == "dead") & (health.step == last)].set_index("layer").value
    if len(dead) and dead.max() >= DEAD_ALERT:
        said.append(("dead", {"layer": int(dead.idxmax()), "share": f"{dead.max():.0%}", "step": int(last)}))
    update = health[health.stat == "update_data"].value.dropna()
    if len(update):
        median = float(update.median())
        key = "update_high" if median > HEALTHY_UPDATE + UPDATE_OFF else \
            "update_low" if median < HEALTHY_UPDATE - UPDATE_OFF else "update_ok"
        said.append((key, {"value": f"{median:.1f}"}))
    return said
