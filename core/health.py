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
layer. While a run trains, the recorder holds copies of at most PENDING_VALUES activation values (2 MB) and
PENDING_WEIGHTS weight values (4 MB), or one logged step's if that is more, and computing their statistics
takes temporaries of about 40 bytes per value, for PENDING_VALUES / 3 values or one layer at a time.

Cost (python -m bench --health prints it per part): at a logged step the loop only copies tensors; the
statistics are computed for many steps, layers and runs at once (a stack of runs, core.train.train_stacked, has
one recorder): each one a few tensor operations, no Python number before the frames are built. Means and stds
are two float32 passes (about 1e-6 from exact, tested); the slope f'(z) is computed only where a statistic
reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from torch import nn

from core.nn import BOUNDED, OUTPUT_SLOPES, SATURATED_SLOPE, SLOPES, dead_units, saturation_bounds, tanh_dead_units_at

HEALTH_STEPS = 20  # logged steps per run (all of them in shorter runs): the 20-40, at its low end for cost
BINS = 24
ACT_RANGE = 3.0  # activations of unbounded functions are binned over [-3, 3], the rest in the end bins
BOUNDED_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
# The gradients' histogram: log10 |dL/da| in BINS bins of two octaves each (a factor of 4, 0.60 decades) from 2^-43
# (1.1e-13) to 2^5 (32). A value's bin is then read from the exponent bits of its float32 (the exponent is
# floor(log2 |v|), exactly), with no logarithm: log10 took a third of the statistics' time. Zeros and subnormals
# count in the first bin, anything from 2^5 up (inf and NaN too) in the last.
GRAD_OCTAVES = (-43, 5)  # log2 of the range's ends
GRAD_LOG_RANGE = tuple(e * math.log10(2) for e in GRAD_OCTAVES)  # the same range in log10 |dL/da|
# Sign bit cleared, the bits shifted right by 24 are floor(E / 2), E = floor(log2 |v|) + 127 the biased exponent; the
# range's first bin starts at an odd power of two, so its bin is floor(E / 2) - GRAD_FIRST_BIN.
GRAD_FIRST_BIN = (127 + GRAD_OCTAVES[0]) // 2
assert GRAD_OCTAVES[1] - GRAD_OCTAVES[0] == 2 * BINS and (127 + GRAD_OCTAVES[0]) % 2 == 0
HEALTHY_UPDATE = -3.0  # log10 of the rule of thumb's update:data
# Values of logged steps kept before their statistics are computed together (see HealthRecorder): the
# activations' (pre-activations, activations, their gradients: 2 MB in float32; 1 MB was about fastest per value
# on the 2 MB cache of the box before, but small parts then computed their statistics every other logged step, in
# many small operations: 2 MB took the ReLU parts' recording from +11-16% to +9-14% on an AMD EPYC box, medians of
# 11 over three runs) and the weights' (before, gradient, change: 4 MB).
PENDING_VALUES, PENDING_WEIGHTS = 2**19, 2**20
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
    scale = BINS / (hi - lo)  # (v - lo) * scale as one add (`add` takes the start as a tensor, alpha as a number)
    return torch.add(torch.tensor(-lo * scale), values.clamp_(lo, hi), alpha=scale, out=values)


_OFFSETS: dict[tuple[int, int], tuple[torch.Tensor, torch.Tensor, int]] = {}  # bin_counts' offsets, by (rows, values)


def offsets(rows: int, values: int) -> tuple[torch.Tensor, torch.Tensor, int]:
    """int32 offsets that put value j of row r in copy j % copies of row r's histogram: (rows, 1) for the rows and
    (1, values) for the copies, each added to the rows' bins (rows, values) on its own (an add that broadcasts
    over a short last axis, e.g. a (rows, 1, copies) offset, is five times slower here), and the number of copies;
    kept for the few shapes a run has."""
    key = (rows, values)
    found = _OFFSETS.get(key)  # read once: another thread may clear the table between two reads
    if found is None:
        copies = next(k for k in (8, 4, 2, 1) if values % k == 0)
        found = (torch.arange(rows, dtype=torch.int32).view(rows, 1) * (copies * BINS),
                 (torch.arange(values, dtype=torch.int32) % copies).view(1, values) * BINS, copies)
        if len(_OFFSETS) > 32:
            _OFFSETS.clear()
        _OFFSETS[key] = found
    return found


def bin_counts(*positions: torch.Tensor) -> torch.Tensor:
    """positions: tensors of one shape (R, M) from bin_positions_ -> (R, len(positions), BINS) counts: one
    bincount for every row of every tensor (count_bins). A NaN (it has no position) counts in the first bin."""
    idx = torch.empty(len(positions), *positions[0].shape, dtype=torch.int32)  # int32: truncation is the bin
    for q, p in enumerate(positions):
        idx[q].copy_(p)
    return count_bins(idx)


def octave_bins_(grad: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """grad (float32) -> out (int32, its shape): each value's bin of log10 |v| among the gradients' bins
    (GRAD_OCTAVES), before count_bins caps it to [0, BINS - 1]: below the range negative, above it BINS or more."""
    torch.bitwise_and(grad.view(torch.int32), 0x7FFFFFFF, out=out)
    return out.bitwise_right_shift_(24).sub_(GRAD_FIRST_BIN)


def count_bins(idx: torch.Tensor) -> torch.Tensor:
    """idx (Q, R, M) int32, each value's bin (capped here to [0, BINS - 1]; overwritten) -> (R, Q, BINS) counts:
    one bincount for every row of every tensor. Neighbouring values are counted in separate copies of a row's
    histogram (up to 8), summed at the end: a run of values in one bin (a saturated layer, vanishing gradients)
    would otherwise make each count wait for the previous one, four times slower."""
    Q, R, M = idx.shape
    rows = Q * R
    row_shift, copy_shift, copies = offsets(rows, M)
    idx = idx.view(rows, M).clamp_(0, BINS - 1).add_(row_shift).add_(copy_shift)
    counts = torch.bincount(idx.view(-1), minlength=rows * copies * BINS).view(Q, R, copies, BINS)
    return counts.sum(-2).transpose(0, 1)


def histograms(values: torch.Tensor, lo: float, hi: float) -> torch.Tensor:
    """values: (L, ...) -> (L, BINS) counts in BINS equal bins over [lo, hi]; values outside go to the end
    bins."""
    return bin_counts(bin_positions_(values.flatten(1).float().clone(), lo, hi))[:, 0]


def moments(*xs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """xs: tensors of one shape (..., M), float32 -> the mean and std (Bessel's correction) over the last axis,
    flattened, xs[0]'s first: two passes in float32 (the sum, then the norm of the deviations; torch sums float32
    pairwise, so both agree with torch.std_mean's float64 Welford to about 1e-6 relative, at a fraction of its
    cost: a sum is several times faster than torch's mean here)."""
    M = xs[0].shape[-1]
    means = [x.sum(-1).div_(M) for x in xs]
    stds = [torch.linalg.vector_norm(x - mean.unsqueeze(-1), dim=-1).div_(math.sqrt(max(M - 1, 0)))
            for x, mean in zip(xs, means)]
    return torch.cat([m.reshape(-1) for m in means]), torch.cat([s.reshape(-1) for s in stds])


def saturated_fraction(act, a: torch.Tensor, slope: torch.Tensor | None,
                       magnitude: torch.Tensor | None = None) -> torch.Tensor:
    """a, slope: (rows, ...) -> (rows,) the share of each row's values that core.nn.saturated_values calls
    saturated (a bounded f: the output within the margin of its range's ends; others |f'(z)| < 0.01), counted
    with comparisons written as float32 (writing a boolean mask is six times slower here), into the one buffer
    they read where they can (one pass and one allocation fewer). magnitude: |a|, if the caller has it (it is
    overwritten)."""
    if act.name in BOUNDED:
        low, high = saturation_bounds(act.name)
        if low == -high:  # a range symmetric about 0 (tanh): a is at an end exactly when |a| is past `high`
            count = a.abs() if magnitude is None else magnitude
            torch.gt(count, high, out=count)
        else:
            count = torch.lt(a, low, out=torch.empty_like(a))
            count += torch.gt(a, high, out=torch.empty_like(a))  # the two ends: never both
    else:
        count = slope.abs()
        torch.lt(count, SATURATED_SLOPE, out=count)
    return count.flatten(1).sum(1) / count[0].numel()


def needs_z(act) -> bool:
    """Whether the record needs a layer's pre-activations: only where its slope cannot be read from the outputs
    (core.nn.OUTPUT_SLOPES); otherwise z is neither copied nor passed (None)."""
    return act.name not in OUTPUT_SLOPES


def slopes(act, z: torch.Tensor | None, a: torch.Tensor) -> torch.Tensor | None:
    """f'(z) of rows z (R, N, units_in) with outputs a, from the outputs where core.nn.OUTPUT_SLOPES can (z is
    then not needed, None), or None when no statistic needs it: a bounded f's saturation reads its outputs, and a
    unit is dead only where f'(z) = 0 on every input, the first one included, so unless the first input has a zero
    slope somewhere no unit of any row is dead (tanh and sigmoid: an output exactly at an end of the range)."""
    if needs_z(act):
        slope, source = lambda rows: SLOPES[act.name](rows, **act.knobs), z  # noqa: E731
    else:
        slope, source = OUTPUT_SLOPES[act.name], a
    if act.name in BOUNDED and not bool((slope(source[:, :1]) == 0).any()):
        return None
    return slope(source)


def layer_stats(act, z: torch.Tensor | None, a: torch.Tensor, grad: torch.Tensor) -> tuple[torch.Tensor,
                                                                                          torch.Tensor]:
    """Rows of one activation layer type and shape: z (R, N, units_in) the pre-activations (None for an f in
    core.nn.OUTPUT_SLOPES), a and grad (R, N, units) the activations and the gradients reaching them -> stats
    (R, 5): saturated, dead, act_mean, act_std, act_grad_std; counts (R, 2, BINS): the histograms of the
    activations and of log10 |gradient|. Overwrites a."""
    rows = len(a)
    if act.name == "tanh":  # |a| gives both: dead units (core.nn.tanh_dead_units_at), then the saturated share
        magnitude = a.abs()
        dead = tanh_dead_units_at(magnitude).float().mean(-1)
        saturated = saturated_fraction(act, a, None, magnitude)
        del magnitude
    else:
        slope = slopes(act, z, a)
        saturated = saturated_fraction(act, a, slope)
        dead = torch.zeros(rows) if slope is None else dead_units(act, z, slope).float().mean(-1)
        del slope  # its memory is free for the next temporaries, still in cache
    a, grad = a.flatten(1), grad.flatten(1)
    mean, std = moments(a, grad)  # the activations' rows, then the gradients'
    stats = torch.stack([saturated, dead, mean[:rows], std[:rows], std[rows:]], dim=1)
    idx = torch.empty(2, *a.shape, dtype=torch.int32)
    idx[0].copy_(bin_positions_(a, *BOUNDED_RANGE.get(act.name, (-ACT_RANGE, ACT_RANGE))))  # truncation: the bin
    octave_bins_(grad, idx[1])
    return stats, count_bins(idx)


def group_key(act, z: torch.Tensor | None, a: torch.Tensor) -> tuple:
    """Rows whose statistics can be computed in one operation: one activation, one shape (z, a: one row's; z None
    where the record does not keep it)."""
    return act.name, tuple(act.knobs.items()), None if z is None else z.shape, a.shape


class Rows:
    """Copies of the pre-activations (unless the slope is read from the outputs, core.nn.OUTPUT_SLOPES),
    activations and their gradients of rows of one group_key (a row: a layer of a run at a logged step), until
    their statistics are computed: `capacity` rows, and which row of the record each one is."""

    def __init__(self, act, z: torch.Tensor, a: torch.Tensor, capacity: int):
        self.act, self.used, self.capacity, self.ids = act, 0, capacity, []
        self.z = torch.empty(capacity, *z.shape) if needs_z(act) else None
        self.a, self.grad = torch.empty(capacity, *a.shape), torch.empty(capacity, *a.shape)

    def add(self, pieces: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]], ids: list[int]) -> None:
        """Copy pieces (z, a, grad), each with a leading axis of rows, in: one `cat` each."""
        n, k = self.used, len(ids)
        for q, buffer in enumerate((self.z, self.a, self.grad)):
            if buffer is not None:
                torch.cat([piece[q] for piece in pieces], out=buffer[n:n + k])
        self.ids += ids
        self.used += k

    def stats(self) -> tuple[list[int], torch.Tensor, torch.Tensor]:
        """The record's rows in, their layer_stats, and empty again: all of them at once, or a few rows at a time
        when the rows are larger than a third of PENDING_VALUES (temporaries stay small enough for the cache)."""
        n, ids, self.used, self.ids = self.used, self.ids, 0, []
        step = max(1, PENDING_VALUES // 3 // self.a[0].numel())
        parts = [layer_stats(self.act, None if self.z is None else self.z[i:min(i + step, n)],
                             self.a[i:min(i + step, n)], self.grad[i:min(i + step, n)]) for i in range(0, n, step)]
        return ids, *(torch.cat(p) for p in zip(*parts))


def weight_stats(sizes: tuple[int, ...], before: torch.Tensor, grads: torch.Tensor,
                 change: torch.Tensor) -> torch.Tensor:
    """before, grads, change (after - before): (steps, sum(sizes)), each row a step's weights end to end (sizes:
    each weight's numel) -> (steps x weights, 2): grad:data (the gradient's std over the weight's std, each over
    its whole tensor: `moments`) and update:data (log10 ||dW|| / ||W||). Neighbouring weights of one size are done
    together, as views of the rows (an MLP's hidden weights mostly are)."""
    steps = len(before)
    out = torch.empty(steps, len(sizes), 2)
    first = start = 0
    while first < len(sizes):
        size, count = sizes[first], 1
        while first + count < len(sizes) and sizes[first + count] == size:
            count += 1
        grad, weight, delta = (t[:, start:start + count * size].view(steps, count, size)
                               for t in (grads, before, change))
        _, std = moments(grad, weight)
        out[:, first:first + count, 0] = (std[:steps * count] / (std[steps * count:] + 1e-12)).view(steps, count)
        norm = lambda t: torch.linalg.vector_norm(t, dim=-1)  # noqa: E731
        out[:, first:first + count, 1] = torch.log10(norm(delta) / (norm(weight) + 1e-12))
        first, start = first + count, start + count * size
    return out.view(-1, 2)


class WeightRows:
    """Copies of hidden weights before logged steps, of their gradients and of what the step changed: each step's
    weights end to end in a row, layer by layer and in a layer run by run (a stack's layer is one tensor),
    `capacity` rows; `key` tells which weights they are (runs and the layers' sizes)."""

    def __init__(self, key: tuple, capacity: int):
        self.key, self.used = key, 0
        runs, sizes = key
        self.sizes = tuple(size for size in sizes for _ in runs)  # each run's weight of each layer
        self.before, self.grads, self.change = (torch.empty(capacity, sum(self.sizes)) for _ in range(3))

    def add_before(self, weights: list[tuple[torch.Tensor, torch.Tensor | None]]) -> None:
        """Copy the weights and their gradients (NaN for a layer without one) into the next row."""
        torch.cat([w.reshape(-1) for w, _ in weights], out=self.before[self.used])
        torch.cat([(g if g is not None else torch.full_like(w, math.nan)).reshape(-1) for w, g in weights],
                  out=self.grads[self.used])

    def add_after(self, weights: list[torch.Tensor]) -> None:
        """The change of the weights since add_before: subtracted while the row is still in cache."""
        row = self.change[self.used]
        torch.cat([w.reshape(-1) for w in weights], out=row).sub_(self.before[self.used])
        self.used += 1

    def stats(self) -> torch.Tensor:
        """weight_stats of the rows in, in the record's order (each run's layers in turn), and empty again."""
        n, self.used = self.used, 0
        runs, sizes = len(self.key[0]), len(self.key[1])
        out = weight_stats(self.sizes, self.before[:n], self.grads[:n], self.change[:n])
        return out.view(n, sizes, runs, 2).transpose(1, 2).reshape(-1, 2)


def hidden_weights(model: nn.Module) -> list[tuple[torch.Tensor, torch.Tensor | None]]:
    """Each hidden layer's weight of one run's model (with weights(), e.g. core.models.MLP) and its gradient,
    with a leading axis of one run as HealthRecorder takes them (a stack's: core.stacked.Stack.hidden_weights)."""
    return [(w.weight.detach().unsqueeze(0), None if w.weight.grad is None else w.weight.grad.unsqueeze(0))
            for w in model.weights()]


def layer_tensors(seen, grads: list, stacked: bool) -> list[tuple | None]:
    """core.models.recording's (z, a) per layer after HealthRecorder.retain, and the gradients it kept, after the
    backward -> (z, a, gradient reaching a) per layer, each with a leading axis of runs (stacked: it has one
    already, core.stacked's); z None where retain dropped it, None for a layer that did not run. A layer no
    gradient reached (nothing after it used its output) has a zero gradient."""
    out = []
    for entry, grad in zip(seen, grads):
        if entry is None:
            out.append(None)
            continue
        z, a = entry
        grad = torch.zeros_like(a) if grad is None else grad
        out.append((z, a.detach(), grad) if stacked else
                   (None if z is None else z.unsqueeze(0), a.detach().unsqueeze(0), grad.unsqueeze(0)))
    return out


def pick_rows(tensors: tuple, rows) -> tuple:
    """A layer's (z, a, gradient) with a leading axis of runs -> the same of the runs `rows` (an index or a
    slice); z stays None where the record does not keep it."""
    return tuple(None if t is None else t[rows] for t in tensors)


class HealthRecorder:
    """The health record of runs trained together (core.train: one run; core.train.train_stacked: a stack, its
    tensors with a leading axis of runs), used around a logged step: `retain(seen, acts)` after the forward pass (seen
    from core.models.recording), `backward(weights)` after loss.backward(), `update(...)` after the optimizer's
    step.

    A logged step copies its tensors into the recorder's own buffers (Rows, WeightRows: the loop's own tensors
    are freed as without recording); their statistics are computed together, for many steps, layers and runs in
    one operation each: the activations' when PENDING_VALUES values are in, the weights' when PENDING_WEIGHTS
    are, the rest when the runs end (`frames`)."""

    def __init__(self, variants: list[str], steps: int = HEALTH_STEPS + 1):
        self.variants, self.steps = variants, max(steps, 1)  # steps: how many will be logged, at most
        self.buffers: dict[tuple, Rows] = {}  # the activations' buffers, by group_key
        self.pending_values = 0
        self.weights: WeightRows | None = None
        self.rows: list[tuple[int, int, int, float, float]] = []  # run, step, layer, the activation bins' lo, hi
        self.results: list[tuple[list[int], torch.Tensor, torch.Tensor]] = []  # rows, (rows, 5), (rows, 2, BINS)
        self.weight_stats: list[torch.Tensor] = []  # (rows, 2) per flush of the weights, in the order of `rows`

    @staticmethod
    def retain(seen: list, acts: list[list[nn.Module]]) -> list:
        """After the forward pass: drop the pre-activations of the layers whose activations (acts: each run's
        activation layers) give their slope from the outputs (needs_z: the loop then holds no z through the
        backward), and return a list that the backward fills with the gradient reaching each recorded activation
        (None where none does), by a hook that keeps a reference (retain_grad would copy each one)."""
        grads: list = [None] * len(seen)

        def keep(i):
            return lambda grad: grads.__setitem__(i, grad)

        for i, entry in enumerate(seen):
            if entry is None:
                continue
            z, a = entry
            if not any(needs_z(run_acts[i]) for run_acts in acts):
                seen[i] = (None, a)
            if a.requires_grad:
                a.register_hook(keep(i))
        return grads

    @torch.inference_mode()  # no autograd here: each operation dispatches faster
    def backward(self, weights: list[tuple[torch.Tensor, torch.Tensor | None]], runs: list[int]) -> None:
        """Copy the weights and their gradients (weights: each hidden layer's weight, as many as the runs'
        activations, and its gradient or None, with a leading axis of runs: hidden_weights; runs: which of the
        variants they are)."""
        key = (tuple(runs), tuple(w[0].numel() for w, _ in weights))
        if self.weights is not None and (self.weights.key != key or self.weights.used == len(self.weights.before)):
            self.flush_weights()
        if self.weights is None:
            size = len(runs) * sum(key[1])
            self.weights = WeightRows(key, min(self.steps, max(1, PENDING_WEIGHTS // (3 * size))))
        self.weights.add_before(weights)

    @torch.inference_mode()  # no autograd here: each operation dispatches faster
    def update(self, step: int, runs: list[int], acts: list[list[nn.Module]], layers,
               weights: list[torch.Tensor]) -> None:
        """Copy the weights after the step (as `backward` takes them, without gradients), and the step's
        activations and their gradients (layers: layer_tensors, each with a leading axis over `runs`; acts: each
        run's activation layers): the runs of a layer in one copy when they share an activation, and the layers
        that share a group_key together. A layer the step did not run (a block stochastic depth skipped) has no
        activations: its row stays empty (NaN, no counts)."""
        self.weights.add_after(weights)
        first = len(self.rows)
        count = len(layers)
        self.rows += [(run, step, i + 1, *BOUNDED_RANGE.get(act.name, (-ACT_RANGE, ACT_RANGE)))
                      for run, run_acts in zip(runs, acts) for i, act in enumerate(run_acts)]
        groups: dict[tuple, tuple[nn.Module, list, list[int]]] = {}
        size = 0  # the values this step copies: activations and gradients, and pre-activations where needed
        for i, tensors in enumerate(layers):
            if tensors is None:
                continue
            size += sum(t.numel() for t in tensors[0 if needs_z(acts[0][i]) else 1:])
            same = all(run_acts[i].name == acts[0][i].name and run_acts[i].knobs == acts[0][i].knobs
                       for run_acts in acts)
            parts = [(tensors, range(len(runs)))] if same else \
                [(pick_rows(tensors, slice(j, j + 1)), range(j, j + 1)) for j in range(len(runs))]
            for piece, members in parts:
                act = acts[members[0]][i]
                _, pieces, ids = groups.setdefault(group_key(act, *pick_rows(piece, 0)[:2]), (act, [], []))
                pieces.append(piece)
                ids += [first + j * count + i for j in members]
        steps = min(self.steps, max(1, PENDING_VALUES // max(size, 1)))  # logged steps a buffer holds
        for key, (act, pieces, ids) in groups.items():
            rows = self.buffers.get(key)
            if rows is None:
                z, a, _ = pick_rows(pieces[0], 0)
                rows = self.buffers[key] = Rows(act, z, a, steps * len(runs) * count)
            elif rows.used + len(ids) > rows.capacity:
                self.flush()
            rows.add(pieces, ids)
        self.pending_values += size
        if self.pending_values >= PENDING_VALUES:
            self.flush()

    def flush(self) -> None:
        """The activations' statistics of the rows in: one layer_stats per buffer."""
        self.results += [rows.stats() for rows in self.buffers.values() if rows.used]
        self.pending_values = 0

    def flush_weights(self) -> None:
        self.weight_stats.append(self.weights.stats())
        self.weights = None

    @torch.inference_mode()  # no autograd here: each operation dispatches faster
    def records(self) -> list[Record]:
        """Each variant's Record, from the recorded tensors (the statistics of rows still in are computed
        first)."""
        self.flush()
        if self.weights is not None and self.weights.used:
            self.flush_weights()
        rows = np.array(self.rows, dtype=float).reshape(-1, 5)
        act_stats = np.full((len(rows), len(STATS) - 2), np.nan)
        counts = np.zeros((len(rows), 2, BINS), dtype=np.int32)
        for ids, stats, bins in self.results:
            act_stats[ids] = stats.double().numpy()
            counts[ids] = bins.numpy()
        weight_stats = torch.cat(self.weight_stats).double().numpy() if self.weight_stats else np.zeros((0, 2))
        stats = np.concatenate([act_stats, weight_stats], 1)
        stats = np.where(np.isfinite(stats), stats, np.nan)
        run = rows[:, 0].astype(np.int64)
        return [Record(name, rows[run == v, 1:], stats[run == v], counts[run == v])
                for v, name in enumerate(self.variants)]


@dataclass(frozen=True)
class Record:
    """One run's health record as arrays, a row per (logged step, layer): rows (step, layer, the activation
    bins' lo, hi), stats (the STATS), counts (activation and gradient histograms, BINS each). `frames` makes
    the tables of one or more records at once."""
    variant: str
    rows: np.ndarray
    stats: np.ndarray
    counts: np.ndarray


def frames(records: list[Record]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The records' tables, one row per record row and statistic / histogram bin, the records one after the
    other: 'health': variant, step, layer, stat, value; 'histograms': variant, step, layer, quantity, bin, lo, hi
    (the bin's edges), count, in small types (the result cache holds it: names as categories, step int32,
    layer and bin int8, edges float32, counts int32; about 20 bytes a row instead of 80). Built in one go (a
    part's frames are not built per run and joined)."""
    rows = np.concatenate([np.zeros((0, 4))] + [r.rows for r in records])
    stats = np.concatenate([np.zeros((0, len(STATS)))] + [r.stats for r in records])
    counts = np.concatenate([np.zeros((0, 2, BINS), dtype=np.int32)] + [r.counts for r in records])
    names = sorted({r.variant for r in records})  # categories as astype("category") orders them
    codes = np.repeat([names.index(r.variant) for r in records], [len(r.rows) for r in records]).astype(np.int32)
    step, layer = rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int64)
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    health = pd.DataFrame({"variant": text(np.array(names, dtype=object)[codes.repeat(len(STATS))]),
                           "step": step.repeat(len(STATS)), "layer": layer.repeat(len(STATS)),
                           "stat": text(np.array(STATS, dtype=object)[np.tile(np.arange(len(STATS)), len(rows))]),
                           "value": stats.reshape(-1)})
    ranges = np.stack([rows[:, 2:], np.tile(GRAD_LOG_RANGE, (len(rows), 1))], 1)  # (rows, quantity, lo/hi)
    lo, hi = ranges[..., 0].repeat(BINS), ranges[..., 1].repeat(BINS)
    bins, width = np.tile(np.arange(BINS), 2 * len(rows)), (hi - lo) / BINS
    category = lambda codes, names: pd.Categorical.from_codes(codes, pd.Index(names, dtype="str"))  # noqa: E731
    hists = pd.DataFrame({"variant": category(codes.repeat(2 * BINS), names),
                          "step": step.repeat(2 * BINS).astype(np.int32),
                          "layer": layer.repeat(2 * BINS).astype(np.int8),
                          "quantity": category(np.tile(np.repeat(np.arange(2, dtype=np.int8), BINS), len(rows)),
                                               ["activation", "gradient"]),
                          "bin": bins.astype(np.int8), "lo": (lo + bins * width).astype(np.float32),
                          "hi": (lo + (bins + 1) * width).astype(np.float32),
                          "count": counts.reshape(-1).astype(np.int32)})
    return health, hists


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
