"""Training health: what each hidden layer does over training, recorded by the one training loop.

At a few logged steps (HEALTH_STEPS, spread on a log scale so the first steps, where most goes wrong, are
dense), for every hidden layer: the fraction of saturated units (tanh/sigmoid: output within 1% of the
range's ends; others |f'(z)| < 0.01), the fraction of dead units (f'(z) = 0 on the whole batch), the
activations' mean and std, the std of the gradient reaching the activations, grad:data (the weight
gradient's std over the weight's std) and update:data (log10 ||dW|| / ||W|| of the step; CS231n Lecture 6,
"ratio of weight updates / weight magnitudes": about 1e-3 is healthy). Plus histograms with fixed bins of
the activations and of log10 |activation gradient|.

Bound: the record is HEALTH_STEPS logged steps x layers x (7 numbers + 2 x BINS counts), for 8 layers about
9k numbers; a part's frames (core.train.healths, histograms in compact types) about 30 kB per run and hidden
layer. While a run trains, the recorder holds copies of at most PENDING_VALUES activation values (1 MB) and
PENDING_WEIGHTS weight values (4 MB), or one logged step's if that is more, and computing their statistics
takes temporaries of about 40 bytes per value, for PENDING_VALUES / 3 values or one layer at a time.

Cost (python -m bench --health prints it per part): at a logged step the loop only copies tensors; the
statistics are computed for many steps and layers at once (each one a few tensor operations, no Python number
before the frames are built): the same numbers as torch's per-layer std_mean, std and norm, to the bit but
for an activation mean that Welford's update in torch.std_mean leaves an ulp off now and then (see moments).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import torch

from core.nn import BOUNDED, SATURATED_MARGIN, SATURATED_SLOPE, SLOPES, dead_units

HEALTH_STEPS = 20  # logged steps per run (all of them in shorter runs): the 20-40, at its low end for cost
BINS = 24
ACT_RANGE = 3.0  # activations of unbounded functions are binned over [-3, 3], the rest in the end bins
BOUNDED_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
GRAD_LOG_RANGE = (-10.0, 0.0)  # log10 |dL/da|: below 1e-10 (and exact zeros) counts in the first bin
HEALTHY_UPDATE = -3.0  # log10 of the rule of thumb's update:data
# Values of logged steps kept before their statistics are computed together (see HealthRecorder): the
# activations' (pre-activations, activations, their gradients: 1 MB in float32, where the work is about fastest
# per value on a 2 MB cache) and the weights' (before, gradient, after: 4 MB).
PENDING_VALUES, PENDING_WEIGHTS = 2**18, 2**20
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


def bin_positions_(values: torch.Tensor, lo: float, hi: float) -> torch.Tensor:
    """values (float32, overwritten in place) -> their position among BINS equal bins over [lo, hi]: bin k
    holds positions [k, k + 1); values outside [lo, hi] go to the end bins (bin_counts truncates to integers
    and caps at BINS - 1, where hi itself lands)."""
    return values.clamp_(lo, hi).sub_(lo).mul_(BINS / (hi - lo))


def bin_counts(*positions: torch.Tensor) -> torch.Tensor:
    """positions: tensors of one shape (R, M) from bin_positions_ -> (R, len(positions), BINS) counts: one
    bincount for every row of every tensor. A NaN (it has no position) counts in the first bin. Neighbouring
    values are counted in separate copies of a row's histogram (up to 8), summed at the end: a run of values in
    one bin (a saturated layer, vanishing gradients) would otherwise make each count wait for the previous
    one, four times slower."""
    R, M = positions[0].shape
    rows, copies = R * len(positions), next(k for k in (8, 4, 2, 1) if M % k == 0)
    idx = torch.empty(len(positions), R, M, dtype=torch.int32)  # int32: truncation is the bin
    for q, p in enumerate(positions):
        idx[q].copy_(p)
    idx = idx.view(rows, M).clamp_(0, BINS - 1)
    idx += torch.arange(rows, dtype=torch.int32).unsqueeze(1) * (copies * BINS)  # row r: r * copies * BINS ...
    idx += (torch.arange(copies, dtype=torch.int32) * BINS).repeat(M // copies)  # ... value j: copy j % copies
    counts = torch.bincount(idx.view(-1), minlength=rows * copies * BINS).view(len(positions), R, copies, BINS)
    return counts.sum(-2).transpose(0, 1)


def histograms(values: torch.Tensor, lo: float, hi: float) -> torch.Tensor:
    """values: (L, ...) -> (L, BINS) counts in BINS equal bins over [lo, hi]; values outside go to the end
    bins."""
    return bin_counts(bin_positions_(values.flatten(1).float().clone(), lo, hi))[:, 0]


def moments(*xs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """xs: tensors of one shape (R, M), float32 -> each row's mean and std (Bessel's correction), (R x len(xs),)
    float32, rows of xs[0] first; computed in float64 in two passes: the float32 rounding of the exact mean
    and std, which torch.std_mean(x, dim=1) gives too (it accumulates in float64, by Welford's update per
    element: several times slower, it was most of what recording cost; its mean is an ulp off now and then,
    on a few values in ten thousand)."""
    R, M = xs[0].shape
    x = torch.empty(len(xs) * R, M, dtype=torch.float64)
    for q, values in enumerate(xs):
        x[q * R:(q + 1) * R].copy_(values)
    mean = x.mean(1, keepdim=True)
    std = torch.linalg.vector_norm(x.sub_(mean), dim=1) / math.sqrt(max(M - 1, 0))
    return mean.squeeze(1).float(), std.float()


def stds(tensors: list[torch.Tensor]) -> torch.Tensor:
    """Each tensor's std as x.std() computes it for a whole tensor: squares of the deviations from its float32
    mean, summed in float64 (so a constant tensor whose float32 mean is an ulp off has a tiny std, not 0).
    Tensors of one size are stacked and done together."""
    out = torch.empty(len(tensors))
    sizes: dict[int, list[int]] = {}
    for i, t in enumerate(tensors):
        sizes.setdefault(t.numel(), []).append(i)
    for size, rows in sizes.items():
        x = torch.stack([tensors[i].reshape(-1) for i in rows])
        deviations = x.double().sub_(x.mean(1, keepdim=True))
        out[rows] = (torch.linalg.vector_norm(deviations, dim=1) / math.sqrt(max(size - 1, 0))).float()
    return out


def saturated_fraction(act, a: torch.Tensor, slope: torch.Tensor) -> torch.Tensor:
    """a, slope: (rows, ...) -> (rows,) the share of each row's values that core.nn.saturated_values calls
    saturated (a bounded f: the output within the margin of its range's ends; others |f'(z)| < 0.01), counted
    with comparisons written as float32 (writing a boolean mask is six times slower here)."""
    if act.name in BOUNDED:
        lo, hi = BOUNDED[act.name]
        margin = SATURATED_MARGIN * (hi - lo) / 2
        count = torch.lt(a, lo + margin, out=torch.empty_like(a))
        count += torch.gt(a, hi - margin, out=torch.empty_like(a))  # the two ends: never both
    else:
        count = torch.lt(slope.abs(), SATURATED_SLOPE, out=torch.empty_like(slope))
    return count.flatten(1).sum(1) / count[0].numel()


def layer_stats(act, z: torch.Tensor, a: torch.Tensor, grad: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows of one activation layer type and shape: z (R, N, units_in) the pre-activations, a and grad
    (R, N, units) the activations and the gradients reaching them -> stats (R, 5): saturated, dead,
    act_mean, act_std, act_grad_std; counts (R, 2, BINS): the histograms of the activations and of
    log10 |gradient|. Overwrites a and grad."""
    slope = SLOPES[act.name](z, **act.knobs)
    saturated, dead = saturated_fraction(act, a, slope), dead_units(act, z, slope).float().mean(-1)
    del slope  # its memory is free for the next temporaries, still in cache
    a, grad = a.flatten(1), grad.flatten(1)
    mean, std = moments(a, grad)  # the activations' rows, then the gradients'
    stats = torch.stack([saturated, dead, mean[:len(z)], std[:len(z)], std[len(z):]], dim=1)
    bin_positions_(a, *BOUNDED_RANGE.get(act.name, (-ACT_RANGE, ACT_RANGE)))
    bin_positions_(grad.abs_().log10_(), *GRAD_LOG_RANGE)  # log10 |dL/da|; 0 -> -inf, the first bin
    return stats, bin_counts(a, grad)


def group_key(act, z: torch.Tensor, a: torch.Tensor) -> tuple:
    """Layers whose statistics can be computed in one operation: one activation, one shape."""
    return act.name, tuple(act.knobs.items()), z.shape, a.shape


class Rows:
    """Copies of the pre-activations, activations and their gradients of layers of one group_key, row by row
    (a row: a layer at a logged step), until their statistics are computed: `capacity` rows."""

    def __init__(self, act, z: torch.Tensor, a: torch.Tensor, capacity: int):
        self.act, self.used, self.capacity = act, 0, capacity
        self.z = torch.empty(capacity, *z.shape)
        self.a, self.grad = torch.empty(capacity, *a.shape), torch.empty(capacity, *a.shape)

    def add(self, zs: list[torch.Tensor], outputs: list[torch.Tensor]) -> range:
        """Copy layers' pre-activations and activations (their .grad with them) in, one `stack` each; their rows."""
        n, k = self.used, len(zs)
        torch.stack(zs, out=self.z[n:n + k])
        torch.stack([a.detach() for a in outputs], out=self.a[n:n + k])
        torch.stack([torch.zeros_like(a) if a.grad is None else a.grad for a in outputs], out=self.grad[n:n + k])
        self.used += k
        return range(n, n + k)

    def stats(self) -> tuple[torch.Tensor, torch.Tensor]:
        """layer_stats of the rows in, and empty again: all of them at once, or a row at a time when rows are
        larger than a third of PENDING_VALUES (a run of wide layers, whose temporaries stay one layer's)."""
        n, self.used = self.used, 0
        step = max(1, PENDING_VALUES // 3 // self.a[0].numel())
        parts = [layer_stats(self.act, self.z[i:min(i + step, n)], self.a[i:min(i + step, n)],
                             self.grad[i:min(i + step, n)]) for i in range(0, n, step)]
        return tuple(torch.cat(p) for p in zip(*parts))


def weight_stats(sizes: tuple[int, ...], before: torch.Tensor, grads: torch.Tensor,
                 after: torch.Tensor) -> torch.Tensor:
    """before, grads, after: (steps, sum(sizes)), each row a step's weights end to end (sizes: each weight's
    numel) -> (steps x weights, 2): grad:data (the gradient's std over the weight's std) and update:data
    (log10 ||dW|| / ||W||) of each weight. The norms are each weight's own torch.linalg.vector_norm, one call
    for all; the stds are `stds`'s."""
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    before, grads, after = ([t[k, i:i + n] for k in range(len(t)) for i, n in zip(starts, sizes)]
                            for t in (before, grads, after))
    change = torch.stack(torch._foreach_norm(torch._foreach_sub(after, before)))
    update_data = torch.log10(change / (torch.stack(torch._foreach_norm(before)) + 1e-12))
    return torch.stack([stds(grads) / (stds(before) + 1e-12), update_data], 1)


class WeightRows:
    """Copies of a model's hidden weights before and after logged steps, and of their gradients: each step's
    weights end to end in a row, `capacity` rows."""

    def __init__(self, weights, capacity: int):
        self.sizes, self.used = tuple(w.weight.numel() for w in weights), 0
        self.before, self.grads, self.after = (torch.empty(capacity, sum(self.sizes)) for _ in range(3))

    def add_before(self, weights) -> None:
        """Copy the weights and their gradients (NaN for a weight without one) into the next row."""
        torch.cat([w.weight.detach().reshape(-1) for w in weights], out=self.before[self.used])
        torch.cat([(w.weight.grad if w.weight.grad is not None else torch.full_like(w.weight, math.nan)).reshape(-1)
                   for w in weights], out=self.grads[self.used])

    def add_after(self, weights) -> None:
        torch.cat([w.weight.detach().reshape(-1) for w in weights], out=self.after[self.used])
        self.used += 1

    def stats(self) -> torch.Tensor:
        """weight_stats of the rows in, and empty again."""
        n, self.used = self.used, 0
        return weight_stats(self.sizes, self.before[:n], self.grads[:n], self.after[:n])


class HealthRecorder:
    """Used by core.train.train around a logged step: `forward(seen)` after the forward pass (seen from
    core.models.recording, activations' gradients retained), `backward(weights)` after loss.backward(),
    `update(weights)` after the optimizer's step.

    A logged step copies its tensors into the recorder's own buffers (Rows, WeightRows: the loop's own
    tensors are freed as without recording); their statistics are computed together, for many steps and
    layers in one operation each: the activations' when PENDING_VALUES values are in, the weights' when
    PENDING_WEIGHTS are, the rest when the run ends (`frames`)."""

    def __init__(self, variant: str, steps: int = HEALTH_STEPS + 1):
        self.variant, self.steps = variant, max(steps, 1)  # steps: how many will be logged, at most
        self.buffers: dict[tuple, Rows] = {}  # the activations' buffers, by group_key
        self.pending: list[tuple[tuple, int, bool]] = []  # rows in, in order: key, row, alone (see flush)
        self.pending_values = 0
        self.weights: WeightRows | None = None
        self.rows: list[tuple[int, int, float, float]] = []  # step, layer, the activation bins' lo and hi
        self.present: list[bool] = []  # per row: did the layer run at that step
        self.stats: list[torch.Tensor] = []  # (rows, 5) per flush
        self.counts: list[torch.Tensor] = []  # (rows, 2, BINS) per flush
        self.weight_stats: list[torch.Tensor] = []  # (rows, 2) per flush of the weights

    def forward(self, step: int, acts, seen) -> None:
        self.step, self.acts, self.seen = step, acts, seen
        for _, a in filter(None, seen):
            if a.requires_grad:
                a.retain_grad()

    def backward(self, weights) -> None:
        """Copy the weights and their gradients (weights: the hidden layers' nn.Linear, as many as acts)."""
        sizes = tuple(w.weight.numel() for w in weights)
        if self.weights is not None and (self.weights.sizes != sizes or self.weights.used == len(self.weights.before)):
            self.flush_weights()
        if self.weights is None:
            self.weights = WeightRows(weights, min(self.steps, max(1, PENDING_WEIGHTS // (3 * sum(sizes)))))
        self.weights.add_before(weights)

    def update(self, weights) -> None:
        """Copy the weights after the step, and the step's activations and their gradients: every layer in one
        copy each when they share a group_key (an MLP's do), else layer by layer. A layer the step did not run
        (a block stochastic depth skipped) has no activations: its row stays empty (NaN, no counts)."""
        self.weights.add_after(weights)
        present = [i for i, seen in enumerate(self.seen) if seen is not None]
        self.present += [seen is not None for seen in self.seen]
        keys = {i: group_key(self.acts[i], *self.seen[i]) for i in present}
        alone = len(keys) == 1 or len(set(keys.values())) > 1
        size = sum(self.seen[i][0].numel() + 2 * self.seen[i][1].numel() for i in present)
        steps = min(self.steps, max(1, PENDING_VALUES // max(size, 1)))
        for layers in ([[i] for i in present] if alone else [present] if present else []):
            key, act = keys[layers[0]], self.acts[layers[0]]
            rows = self.buffers.get(key)
            if rows is None:
                rows = self.buffers[key] = Rows(act, *self.seen[layers[0]], steps * len(self.seen))
            elif rows.used + len(layers) > rows.capacity:
                self.flush()
            added = rows.add([self.seen[i][0] for i in layers], [self.seen[i][1] for i in layers])
            self.pending += [(key, row, alone) for row in added]
        self.rows += [(self.step, i + 1, *BOUNDED_RANGE.get(act.name, (-ACT_RANGE, ACT_RANGE)))
                      for i, act in enumerate(self.acts)]
        self.pending_values += size
        self.seen = None
        if self.pending_values >= PENDING_VALUES:
            self.flush()

    def flush(self) -> None:
        """The activations' statistics of the rows in: one layer_stats per buffer. A step whose layers did not
        share a group_key had each of them computed alone, and torch's std over the one row of a (1, M)
        gradient is the whole tensor's x.std(): so is theirs here, for the same numbers."""
        if not self.pending:  # only skipped layers since the last flush
            self.pending_values = 0
            return
        alone = [i for i, (_, _, one) in enumerate(self.pending) if one]
        alone_std = stds([self.buffers[key].grad[row] for key, row, one in self.pending if one]) if alone else None
        results = {key: rows.stats() for key, rows in self.buffers.items() if rows.used}
        stats, counts = (torch.cat(part) for part in zip(*results.values()))
        if len(results) > 1:  # back to the rows' order
            first = dict(zip(results, np.cumsum([0] + [len(r[0]) for r in results.values()]).tolist()))
            order = torch.tensor([first[key] + row for key, row, _ in self.pending])
            stats, counts = stats[order], counts[order]
        if alone:
            stats[alone, 4] = alone_std
        self.stats.append(stats)
        self.counts.append(counts)
        self.pending, self.pending_values = [], 0

    def flush_weights(self) -> None:
        self.weight_stats.append(self.weights.stats())
        self.weights = None

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """'health': variant, step, layer, stat, value; 'histograms': variant, step, layer, quantity, bin,
        lo, hi (the bin's edges), count. Built once from the recorded tensors: one row of `rows` per layer
        and logged step."""
        if self.pending:
            self.flush()
        if self.weights is not None and self.weights.used:
            self.flush_weights()
        rows = np.array(self.rows, dtype=float).reshape(-1, 4)
        step, layer = rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int64)
        present = np.array(self.present, dtype=bool)
        act_stats = np.full((len(rows), len(STATS) - 2), np.nan)
        counts = np.zeros((len(rows), 2, BINS), dtype=np.int64)
        if self.stats:
            act_stats[present] = torch.cat(self.stats).double().numpy()
            counts[present] = torch.cat(self.counts).numpy()
        weight_stats = torch.cat(self.weight_stats).double().numpy() if self.weight_stats else np.zeros((0, 2))
        stats = np.concatenate([act_stats, weight_stats], 1)
        text = lambda values: pd.Series(values, dtype="str")  # noqa: E731  (str even when empty)
        health = pd.DataFrame({"variant": text([self.variant] * stats.size), "step": step.repeat(len(STATS)),
                               "layer": layer.repeat(len(STATS)), "stat": text(list(STATS) * len(rows)),
                               "value": np.where(np.isfinite(stats), stats, np.nan).reshape(-1)})
        ranges = np.stack([rows[:, 2:], np.tile(GRAD_LOG_RANGE, (len(rows), 1))], 1)  # (rows, quantity, lo/hi)
        lo, hi = ranges[..., 0].repeat(BINS), ranges[..., 1].repeat(BINS)
        bins, width = np.tile(np.arange(BINS), 2 * len(rows)), (hi - lo) / BINS
        hists = pd.DataFrame({"variant": text([self.variant] * counts.size), "step": step.repeat(2 * BINS),
                              "layer": layer.repeat(2 * BINS),
                              "quantity": text((["activation"] * BINS + ["gradient"] * BINS) * len(rows)),
                              "bin": bins, "lo": lo + bins * width, "hi": lo + (bins + 1) * width,
                              "count": counts.reshape(-1)})
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
