"""Issue 14: the training loop records each hidden layer's health; facts checked on the real code path."""

import math
import threading

import pandas as pd
import pytest
import torch
from torch import nn

from core import activations, health, initialization
from core.data import DataConfig, Dataset, make_dataset
from core.health import (BINS, GRAD_OCTAVES, HEALTH_STEPS, bin_counts, count_bins, histograms, logged_steps, moments,
                         octave_bins_, offsets, reading, saturated_fraction)
from core.models import ModelConfig, build_mlp, recording
from core.nn import ACTIVATIONS, SLOPES, Act, dead_units, saturated_values
from core.train import TrainConfig, train
from tests.conftest import run_switching_often


def spiral():
    return make_dataset(DataConfig(n=150))


@pytest.mark.parametrize("steps", [1, 7, 30, 31, 200, 2000])
def test_logged_steps_are_bounded_and_start_dense(steps):
    logged = logged_steps(steps)
    assert logged[0] == 0 and logged[-1] == steps - 1 and logged == sorted(set(logged))
    assert len(logged) in (min(steps, HEALTH_STEPS), HEALTH_STEPS + 1)
    assert logged[:3] == list(range(min(3, steps)))  # every one of the first steps, where most goes wrong
    gaps = [b - a for a, b in zip(logged, logged[1:])]
    assert steps < 100 or gaps[-1] > 5 * gaps[0]  # log-spaced: dense early, sparse late


def test_recording_health_does_not_change_the_run():
    data, cfg = spiral(), TrainConfig(optimizer="adam", lr=0.01, steps=60, batch_size=32)
    model = ModelConfig(width=16, depth=3, activation="tanh", norm="batch", dropout=0.1)
    with_health = train(build_mlp(model, 2, 3), data, cfg)
    without = train(build_mlp(model, 2, 3), data, cfg, health=False)
    assert with_health.history.equals(without.history) and without.health.empty
    assert all(torch.equal(a, b) for a, b in zip(with_health.model.parameters(), without.model.parameters()))


def test_update_to_data_of_plain_sgd_is_lr_times_gradient_over_weight():
    """Oracle: one SGD step changes W by lr * g, so update:data = log10(lr ||g|| / ||W||) of that step."""
    data, lr = spiral(), 0.05
    model = build_mlp(ModelConfig(width=16, depth=2, activation="tanh", init="normal", init_std=0.5), 2, 3)
    w0 = [layer.weight.detach().clone() for layer in model.weights()]
    probe = build_mlp(ModelConfig(width=16, depth=2, activation="tanh", init="normal", init_std=0.5), 2, 3)
    torch.nn.functional.cross_entropy(probe(data.x_train), data.y_train).backward()
    run = train(model, data, TrainConfig(optimizer="sgd", lr=lr, steps=1))
    recorded = run.health[(run.health.stat == "update_data") & (run.health.step == 0)].set_index("layer").value
    for i, (layer, w) in enumerate(zip(probe.weights(), w0), start=1):
        assert recorded[i] == pytest.approx(math.log10(lr * layer.weight.grad.norm().item() / w.norm().item()),
                                            abs=1e-5)


def test_a_tanh_network_at_unit_gaussian_init_is_saturated_as_on_the_initialization_page():
    """The stack statistic of the Initialization page and the health record's first logged step agree."""
    cfg = initialization.StackConfig(activation="tanh", std=1.0, depth=6, width=500, batch=200)  # the slide
    page = initialization.stack(cfg)["layers"].set_index("layer").saturated
    model, x = initialization.build_stack(cfg)
    labels = initialization.random_labels(cfg.batch, cfg.seed)
    data = Dataset(x, labels, x, labels, initialization.CLASSES)
    run = train(model, data, TrainConfig(optimizer="sgd", steps=1))
    recorded = run.health[(run.health.stat == "saturated") & (run.health.step == 0)].set_index("layer").value
    assert (recorded.loc[3:] > 0.8).all()  # deep layers
    assert recorded.to_numpy() == pytest.approx(page.to_numpy(), abs=1e-6)


def test_dead_relus_rise_and_the_page_reads_them_from_the_health_record():
    cfg = activations.DeadConfig(activations=("relu",), steps=150)  # the page's "high" preset: Adam at 0.5
    out = activations.dead_units(cfg)
    dead = out["health"][out["health"].stat == "dead"].groupby("step").value.mean()
    assert dead.iloc[-1] > dead.iloc[0] + 0.1  # units die over training
    page = out["dead"].groupby("step").dead.mean()
    assert page.iloc[-1] == dead.iloc[-1] and (page.index == dead.index).all()


def test_histograms_have_fixed_bins_and_count_every_value():
    run = train(build_mlp(ModelConfig(width=12, depth=2), 2, 3), spiral(), TrainConfig(steps=3))
    counts = run.histograms.groupby(["step", "layer", "quantity"])["count"]
    assert (counts.size() == BINS).all()
    assert (counts.sum() == len(spiral().x_train) * 12).all()  # one count per unit and example


def test_reading_names_the_saturated_layer_and_a_too_large_update():
    data = spiral()
    model = build_mlp(ModelConfig(width=32, depth=3, activation="tanh", init="normal", init_std=2.0), 2, 3)
    run = train(model, data, TrainConfig(optimizer="sgd", lr=3.0, steps=40))
    said = dict(reading(run.health))
    assert "saturated" in said and float(said["saturated"]["share"].rstrip("%")) >= 75
    assert "update_high" in said
    gentle = train(build_mlp(ModelConfig(width=32, depth=3), 2, 3), data, TrainConfig(optimizer="sgd", lr=1e-5,
                                                                                      steps=40))
    assert "update_low" in dict(reading(gentle.health)) and "saturated" not in dict(reading(gentle.health))


def test_moments_are_exact_to_float32_precision():
    """Oracle: the float32 two-pass moments against the exact (float64) mean and std, row by row, within a few
    float32 roundings of the row's scale, on rows like the record's: centred, far off zero, saturated, constant,
    one-signed, large, tiny."""
    g = torch.Generator().manual_seed(0)
    x = torch.randn(7, 3000, generator=g)
    rows = torch.stack([x[0], x[1] * 1e-3 + 3.0, torch.tanh(x[2] * 10), torch.full((3000,), 0.1), torch.relu(x[4]),
                        x[5] * 1e4, x[6] * 1e-9])
    mean, std = moments(rows)
    exact_std, exact_mean = torch.std_mean(rows.double(), dim=1)
    scale = exact_mean.abs() + exact_std
    assert ((mean.double() - exact_mean).abs() <= 1e-6 * scale).all()
    assert ((std.double() - exact_std).abs() <= 1e-6 * exact_std + 1e-7 * scale).all()
    assert moments(torch.zeros(2, 50))[1].eq(0).all()  # a layer of zeros (W = 0, tanh) has std 0 exactly


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_saturated_fraction_is_the_share_of_saturated_values(name):
    """The record's count (comparisons written as floats) against core.nn.saturated_values, the definition,
    on inputs that put outputs on the thresholds themselves (tanh and sigmoid at 1% of their range's ends)."""
    act = Act(name, k=3)
    z = torch.cat([torch.linspace(-8, 8, 602), torch.atanh(torch.tensor([-0.99, 0.99])),
                   torch.logit(torch.tensor([0.01, 0.99]))]).repeat(2, 3, 1)  # (2 rows, N=3, 606: maxout's 3 x 202)
    a = act(z.flatten(0, 1)).view(2, 3, -1)
    a[:, 0, :4] = torch.tensor([-0.99, 0.99, 0.01, 0.99])  # the thresholds as float32, exactly
    slope = SLOPES[name](z, **act.knobs)
    expected = torch.stack([saturated_values(act, z[i], a[i], slope[i]).float().mean() for i in range(2)])
    assert torch.equal(saturated_fraction(act, a, slope), expected)


@pytest.mark.parametrize("width", [40, 42, 7])  # rows of 8, 2 and 1 copies (offsets)
def test_bin_counts_count_every_position_in_its_bin(width):
    """Positions (bin_positions_'s output) against a count bin by bin: three tensors of three rows, spread, all
    in one bin, at the top edge (BINS itself: the last bin), and a NaN (the first bin)."""
    g = torch.Generator().manual_seed(1)
    positions = torch.stack([torch.rand(3, width, generator=g) * BINS, torch.full((3, width), 7.5),
                             torch.full((3, width), float(BINS))])  # (3, 3, width)
    positions[1, 2, 5] = math.nan
    counts = bin_counts(*positions.clone()).transpose(0, 1)  # (tensor, row, BINS)
    bins = torch.nan_to_num(positions, nan=0.0).floor().clamp(0, BINS - 1)
    assert torch.equal(counts, torch.stack([(bins == k).sum(-1) for k in range(BINS)], -1))
    assert counts[1].argmax(-1).tolist() == [7, 7, 7] and (counts[2, :, BINS - 1] == width).all()


def test_histograms_bin_as_the_formula_says():
    """Oracle: bin = floor((clamp(v, lo, hi) - lo) * BINS / (hi - lo)), the top edge in the last bin, counted
    one value at a time."""
    g = torch.Generator().manual_seed(2)
    values = torch.cat([torch.randn(2, 50, generator=g) * 2, torch.tensor([[-5.0, 3.0], [-3.0, 2.999]])], 1)
    counts = histograms(values, -3.0, 3.0)
    expected = torch.zeros(2, BINS, dtype=torch.int64)
    for row, vs in enumerate(values.tolist()):
        for v in vs:
            expected[row, min(int((min(max(v, -3.0), 3.0) + 3.0) * (BINS / 6.0)), BINS - 1)] += 1
    assert torch.equal(counts, expected)


def test_the_record_does_not_depend_on_when_its_statistics_are_computed(monkeypatch):
    """The recorder keeps the tensors of logged steps and computes their statistics together: after every
    step, or once at the end, the record is the same."""
    data, cfg = spiral(), TrainConfig(optimizer="momentum", lr=0.2, steps=40, batch_size=32)
    model = ModelConfig(width=12, depth=3, activation="tanh", norm="batch", dropout=0.2)
    step = 3 * 32 * 12 * 3  # a logged step's values: pre-activations, activations, gradients of 3 layers
    runs = []
    for values, weights in ((1, 1), (3 * step + 1, 5000), (10**9, 10**9)):  # every step, every few, at the end
        monkeypatch.setattr(health, "PENDING_VALUES", values)
        monkeypatch.setattr(health, "PENDING_WEIGHTS", weights)
        runs.append(train(build_mlp(model, 2, 3), data, cfg))
    for run in runs[1:]:
        pd.testing.assert_frame_equal(runs[0].health, run.health, check_exact=True)
        pd.testing.assert_frame_equal(runs[0].histograms, run.histograms, check_exact=True)


class Uneven(nn.Module):
    """Two hidden layers of different widths and activations: the recorder groups rows by shape."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.fc1, self.act1, self.fc2, self.act2 = nn.Linear(2, 9), Act("tanh"), nn.Linear(9, 5), Act("relu")
        self.head = nn.Linear(5, 3)

    def forward(self, x):
        return self.head(self.act2(self.fc2(self.act1(self.fc1(x)))))

    def acts(self):
        return [self.act1, self.act2]

    def weights(self):
        return [self.fc1, self.fc2]


def test_one_logged_step_is_the_statistics_of_its_tensors():
    """Oracle: a step of SGD done by hand on a copy of the model; each recorded number is the statistic of the
    step's tensors computed directly with torch, layer by layer."""
    data, lr = spiral(), 0.3
    model, copy = Uneven(), Uneven()
    run = train(model, data, TrainConfig(optimizer="sgd", lr=lr, steps=1))
    with recording(copy.acts()) as seen:
        loss = torch.nn.functional.cross_entropy(copy(data.x_train), data.y_train)
    for _, a in seen:
        a.retain_grad()
    loss.backward()
    recorded = run.health.set_index(["layer", "stat"]).value
    counts = run.histograms.set_index(["layer", "quantity", "bin"])["count"]
    for layer, (act, (z, a), linear) in enumerate(zip(copy.acts(), seen, copy.weights()), start=1):
        std, mean = torch.std_mean(a.detach())
        w, g = linear.weight.detach(), linear.weight.grad
        expected = {"saturated": saturated_values(act, z, a.detach()).float().mean(),
                    "dead": dead_units(act, z).float().mean(), "act_mean": mean, "act_std": std,
                    "act_grad_std": a.grad.std(), "grad_data": g.std() / w.std(),
                    "update_data": torch.log10(lr * g.norm() / w.norm())}
        for stat, value in expected.items():
            assert recorded[(layer, stat)] == pytest.approx(value.item(), rel=1e-5, abs=1e-7), (layer, stat)
        lo, hi = health.BOUNDED_RANGE.get(act.name, (-health.ACT_RANGE, health.ACT_RANGE))
        assert counts[(layer, "activation")].tolist() == histograms(a.detach().reshape(1, -1), lo, hi)[0].tolist()
        assert counts[(layer, "gradient")].tolist() == octave_oracle(a.grad.reshape(-1)).tolist()


def octave_oracle(values: torch.Tensor) -> torch.Tensor:
    """Counts of log10 |v| in the gradients' bins, by their definition: two octaves each from 2^GRAD_OCTAVES[0],
    floor(log2 |v|) read exactly from frexp (|v| = m 2^e, m in [0.5, 1)); zeros in the first bin, anything past
    the range (inf, NaN) in the last."""
    _, exponent = torch.frexp(values.abs())
    octave = torch.div(exponent - 1 - GRAD_OCTAVES[0], 2, rounding_mode="floor")
    octave = torch.where(values == 0, 0, torch.where(values.isfinite(), octave, BINS)).clamp(0, BINS - 1)
    return torch.bincount(octave, minlength=BINS)


def test_gradient_bins_are_octave_pairs_read_from_the_exponent():
    """Oracle: frexp. Values at and just below every bin edge (powers of four from 2^-43), both signs, zero,
    subnormals, the range's ends, inf and NaN."""
    edges = torch.tensor([2.0 ** e for e in range(GRAD_OCTAVES[0] - 4, GRAD_OCTAVES[1] + 5)])
    below = torch.nextafter(edges, torch.zeros_like(edges))  # the float32 just below each power of two
    special = torch.tensor([0.0, -0.0, 1e-45, 1e-40, math.inf, -math.inf, math.nan, 3.0, -0.3, 1e-12])
    values = torch.cat([edges, below, -edges, special])
    edges = edges.tolist()
    idx = torch.empty(1, 1, len(values), dtype=torch.int32)
    octave_bins_(values, idx[0, 0])
    assert count_bins(idx)[0, 0].tolist() == octave_oracle(values).tolist()
    one = torch.empty(len(values), dtype=torch.int32)
    octave_bins_(values, one)  # a value's own bin: 2^-43 opens the first, 2^-41 the second, 2^3 the last
    where = {v: int(b) for v, b in zip(values.tolist()[:len(edges)], one.tolist())}
    assert where[2.0 ** -43] == 0 and where[2.0 ** -41] == 1 and where[2.0 ** 3] == BINS - 1
    assert int(one[len(edges) + edges.index(2.0 ** -41)]) == 0  # just below 2^-41: still the first


def test_a_block_skipped_by_stochastic_depth_has_an_empty_row_and_the_others_are_recorded():
    """Stochastic depth skips whole blocks in training: at a logged step where a block was skipped, its row of
    the record is empty (NaN, no histogram counts); where it ran, its numbers are there; the run is unchanged."""
    from core.regularization import ResidualMLP

    data = spiral()
    cfg = TrainConfig(optimizer="adam", lr=0.01, steps=40, batch_size=32)
    def build():  # p_L = 0.3: blocks are often skipped
        torch.manual_seed(0)
        return ResidualMLP(2, 16, 4, 3, 0.3, seed=0)
    run, plain = train(build(), data, cfg), train(build(), data, cfg, health=False)
    assert run.history.equals(plain.history)
    act = run.health[run.health.stat == "act_std"]
    skipped, ran = act[act.value.isna()], act[act.value.notna()]
    assert len(skipped) > 0 and len(ran) > 0 and set(ran.layer) == {1, 2, 3, 4}
    assert (run.health[run.health.stat == "update_data"].set_index(["step", "layer"]).value
            .loc[list(zip(skipped.step, skipped.layer))].isna().all())  # no gradient, no update
    counts = run.histograms.groupby(["step", "layer"])["count"].sum()
    assert (counts.loc[list(zip(skipped.step, skipped.layer))] == 0).all()
    assert (counts.loc[list(zip(ran.step, ran.layer))] > 0).all()


def test_bin_offsets_are_safe_to_share_between_threads():
    """Two sessions' runs record health at once: the table of bin offsets, cleared when it holds many shapes, never
    loses an entry between storing and returning it (with the table read twice, three threads switching as
    often as the interpreter can raised KeyError here 5 times in 9,000 calls)."""
    errors, wrong = [], []

    def work(start):
        for i in range(3000):
            rows = 1 + (start + i) % 40  # 40 shapes: more than the table keeps, so it is cleared again and again
            try:
                row_shift, copy_shift, copies = offsets(rows, 8)
            except KeyError as error:
                errors.append(error)
                continue
            if row_shift.shape != (rows, 1) or copy_shift.shape != (1, 8) or copies != 8 \
                    or int(row_shift[-1, 0] + copy_shift[0, -1]) != (rows - 1) * 8 * BINS + 7 * BINS:
                wrong.append(rows)

    run_switching_often([threading.Thread(target=work, args=(start,)) for start in (0, 7, 13)])
    assert errors == [] and wrong == []
