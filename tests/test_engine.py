"""The shared engine: datasets, models, the training loop, twin runs."""

import math

import pytest
import torch

from core.data import DATASETS, DataConfig, make_dataset
from core.models import NORM_LAYERS, ModelConfig, build_mlp
from core.nn import ACTIVATIONS, ELEMENTWISE, OUTPUT_SLOPES, SLOPES, Act, SeededDropout, dead_units
from core.plain import INITS, OPTIMIZERS
from core.health import STATS
from core.train import TrainConfig, train, twin_runs

TINY = TrainConfig(steps=5, eval_every=1)


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_seeded_and_shaped(name):
    cfg = DataConfig(name=name, n=120, seed=3)
    a, b = make_dataset(cfg), make_dataset(cfg)
    assert torch.equal(a.x_train, b.x_train) and torch.equal(a.y_val, b.y_val)
    assert a.x_train.dtype == torch.float32 and a.x_train.shape[1] == {"digits": 64, "digits1d": 40}.get(name, 2)
    assert len(a.x_val) == round(0.3 * (len(a.x_train) + len(a.x_val)))
    assert a.classes == int(torch.cat([a.y_train, a.y_val]).max()) + 1
    assert not torch.equal(make_dataset(DataConfig(name=name, n=120, seed=4)).x_train, a.x_train)


def test_every_activation_has_its_slope():
    assert list(SLOPES) == list(ACTIVATIONS)


@pytest.mark.parametrize("name", list(OUTPUT_SLOPES))
def test_a_slope_read_from_the_outputs_is_the_slope_to_the_bit(name):
    """The health record reads tanh's, sigmoid's and ReLU's f'(z) from the layer's outputs: the same float32
    numbers as from z, zeros of saturated (or inactive) units included."""
    z = torch.cat([torch.linspace(-30, 30, 20001), torch.tensor([-9.0, 9.0, 17.0, -90.0])])
    assert torch.equal(OUTPUT_SLOPES[name](ACTIVATIONS[name](z)), SLOPES[name](z))
    assert (SLOPES[name](z) == 0).any()  # the comparison covers exact zeros


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivatives_match_autograd(name):
    z = torch.linspace(-5, 5, 201, dtype=torch.float64).requires_grad_()
    (grad,) = torch.autograd.grad(ACTIVATIONS[name](z, slope=0.2, alpha=1.3).sum(), z)
    mask = z.detach().abs() > 1e-6  # kinks of ReLU-like functions at 0
    assert torch.allclose(SLOPES[name](z.detach(), slope=0.2, alpha=1.3)[mask], grad[mask], atol=1e-6)


def test_maxout_takes_the_max_over_each_units_k_pieces():
    z = torch.randn(5, 4 * 3, generator=torch.Generator().manual_seed(0))  # 4 units of k = 3 pieces each
    expected = torch.stack([z[:, 3 * unit:3 * unit + 3].max(dim=1).values for unit in range(4)], dim=1)
    assert torch.equal(ACTIVATIONS["maxout"](z, k=3), expected)
    assert torch.equal(ACTIVATIONS["maxout"](z, k=3), z.reshape(5, 4, 3).amax(dim=-1))


def test_tanh_is_a_shifted_sigmoid():
    z = torch.linspace(-6, 6, 101)
    assert torch.allclose(torch.tanh(z), 2 * torch.sigmoid(2 * z) - 1, atol=1e-6)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("norm", NORM_LAYERS)
def test_mlp_builds_and_trains(activation, norm):
    data = make_dataset(DataConfig(n=60))
    model = build_mlp(ModelConfig(width=8, depth=2, activation=activation, norm=norm, dropout=0.1), 2, 3)
    run = train(model, data, TINY, variant=activation)
    assert set(run.history.columns) == {"step", "variant", "split", "loss", "accuracy"}
    assert run.history.step.max() == 5 and run.history.loss.map(math.isfinite).all()
    assert set(run.health.stat) == set(STATS) and set(run.health.step) == set(range(5))
    assert set(run.health.layer) == {1, 2} and set(run.histograms.quantity) == {"activation", "gradient"}


@pytest.mark.parametrize("init", INITS)
def test_inits_are_seeded(init):
    data = make_dataset(DataConfig(n=60))
    cfg = ModelConfig(width=8, init=init, init_std=0.5)
    a, b = build_mlp(cfg, 2, 3, data.x_train), build_mlp(cfg, 2, 3, data.x_train)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_lowers_the_loss(optimizer):
    data = make_dataset(DataConfig(name="gaussians", n=120))
    lr = {"sgd": 0.5, "momentum": 0.1, "nesterov": 0.1, "adagrad": 0.1}.get(optimizer, 0.01)
    run = train(build_mlp(ModelConfig(width=16), 2, 3), data, TrainConfig(optimizer=optimizer, lr=lr, steps=30))
    loss = run.history[run.history.split == "train"].loss
    assert loss.iloc[-1] < loss.iloc[0]


def test_training_is_deterministic_with_minibatches_and_dropout():
    data = make_dataset(DataConfig(n=120))
    cfg = TrainConfig(steps=20, batch_size=16)
    runs = [train(build_mlp(ModelConfig(width=16, dropout=0.3), 2, 3), data, cfg).history for _ in range(2)]
    assert runs[0].equals(runs[1])


def test_twin_runs_share_initial_weights_and_batches():
    data = make_dataset(DataConfig(n=90))
    build = lambda v: build_mlp(ModelConfig(width=8, seed=1), 2, 3)
    a, b = twin_runs(build, ["a", "b"], data, TrainConfig(steps=10, batch_size=8))
    assert a.history.drop(columns="variant").equals(b.history.drop(columns="variant"))


def test_divergence_stops_the_run_and_says_why():
    data = make_dataset(DataConfig(n=90))
    model = build_mlp(ModelConfig(width=32, depth=3, init="normal", init_std=3.0), 2, 3)
    run = train(model, data, TrainConfig(lr=10.0, steps=200))
    assert run.diverged_at is not None and run.diverged_at < 200 and run.reason in ("nan", "exploded")
    assert run.history.loss.map(math.isfinite).all()


def test_seeded_dropout_drops_p_and_scales_survivors():
    layer = SeededDropout(0.3, torch.Generator().manual_seed(0))
    out = layer(torch.ones(100_000))
    assert abs((out == 0).float().mean().item() - 0.3) < 0.01
    assert torch.allclose(out[out != 0], torch.full_like(out[out != 0], 1 / 0.7))
    layer.eval()
    assert torch.equal(layer(torch.ones(10)), torch.ones(10))


def test_a_dead_unit_is_one_whose_slope_is_zero_on_every_input():
    """core.nn.dead_units against its definition, all(f'(z) == 0) over the batch, on slopes with negative values,
    exact zeros, a NaN and several layers at once."""
    slope = torch.tensor([[0.0, 0.0, 1.0, -0.5, 0.0], [0.0, -0.0, 0.0, 0.5, math.nan], [0.0, 0.0, 0.0, 0.0, 0.0]])
    layers = torch.stack([slope, slope.flip(1)])  # (layers, N, units)
    assert torch.equal(dead_units(Act("relu"), None, layers), (layers == 0).all(dim=-2))
    assert dead_units(Act("relu"), None, slope).tolist() == [True, True, False, False, False]


def test_tanh_dead_units_read_from_the_magnitude_are_dead_units():
    """tanh's dead units from |a| alone (the health record's way) are core.nn.dead_units' from its slope: columns
    all saturated to exactly +-1 (dead), all but one input saturated (alive), mixed signs, a NaN (never dead), and
    values next to 1 that are not 1."""
    from core.nn import tanh_dead_units_at, tanh_slope_at

    g = torch.Generator().manual_seed(3)
    z = torch.randn(2, 50, 9, generator=g)
    z[:, :, 0] = 40.0  # tanh = 1 exactly: dead
    z[:, :, 1] = torch.where(torch.arange(50) % 2 == 0, 30.0, -30.0)  # +-1 exactly: dead
    z[:, :, 2] = 40.0
    z[:, 7, 2] = 3.0  # one input off the end: alive
    z[:, :, 3] = 8.5  # tanh within 2^-24 of 1 in float32 or exactly 1, as the kernel rounds: compared, not assumed
    z[0, 4, 4] = math.nan
    z[0, :, 4] = torch.where(torch.isnan(z[0, :, 4]), z[0, :, 4], torch.full((50,), 40.0))
    a = torch.tanh(z)
    expected = dead_units(Act("tanh"), z, tanh_slope_at(a))
    assert torch.equal(tanh_dead_units_at(a.abs()), expected)
    assert expected[:, :2].all() and not expected[:, 2].any() and not expected[0, 4]  # saturated but for a NaN


@pytest.mark.parametrize("timed", [False, True])
def test_eval_every_zero_evaluates_after_the_last_step_only_and_changes_no_number(timed):
    """Parts that read only where a run ends (the transfer grids, as their scripts do) skip the evaluation at
    step 0: same final numbers as a run evaluated at every step; a run that stops early is evaluated where it
    stopped."""
    data = make_dataset(DataConfig(n=90))
    build = lambda v: build_mlp(ModelConfig(width=8, seed=1), 2, 3)  # noqa: E731
    every, end = (twin_runs(build, ["a", "b"], data, TrainConfig(steps=10, batch_size=8, eval_every=e),
                            timed=timed) for e in (1, 0))
    for a, b in zip(every, end):
        assert sorted(b.history.step.unique()) == [10]
        assert b.history.reset_index(drop=True).equals(a.history[a.history.step == 10].reset_index(drop=True))
    model = build_mlp(ModelConfig(width=32, depth=3, init="normal", init_std=3.0), 2, 3)
    run = train(model, data, TrainConfig(lr=10.0, steps=200, eval_every=0))
    assert run.diverged_at is not None and list(run.history.step.unique()) == [run.diverged_at]


def test_a_runs_seconds_are_its_threads_cpu_time_not_the_wall_clock():
    """Run.seconds counts what the run computed, not time its thread spent waiting (here a sleep after every step,
    as it waits while other sessions' runs hold the cores): the race compares runs by it."""
    import time

    data = make_dataset(DataConfig(n=60))
    build = lambda: build_mlp(ModelConfig(width=8, depth=1), data.dim, data.classes)  # noqa: E731
    train(build(), data, TrainConfig(steps=1), health=False)  # a fresh process's one-time costs (torch.optim's imports)
    start = time.perf_counter()
    run = train(build(), data, TrainConfig(steps=5), after_step=lambda _: time.sleep(0.05), health=False)
    assert time.perf_counter() - start >= 0.25 and run.seconds < 0.2


def test_a_runs_seconds_leave_out_building_its_optimizer(monkeypatch):
    """The clock starts once the optimizer exists: a process's first torch.optim optimizer imports torch._dynamo
    (about 1 s, once), which must not land in whichever run came first. Here building the optimizer spins the CPU
    for 0.3 s first."""
    import time

    import core.train

    def slow_sgd(params, **settings):
        spin = time.thread_time()
        while time.thread_time() - spin < 0.3:
            pass
        return OPTIMIZERS["sgd"](params, **settings)

    monkeypatch.setitem(core.train.OPTIMIZERS, "slow", slow_sgd)
    data = make_dataset(DataConfig(n=60))
    build = lambda: build_mlp(ModelConfig(width=8, depth=1), data.dim, data.classes)  # noqa: E731
    alone = train(build(), data, TrainConfig(optimizer="slow", steps=5), health=False)
    twins = twin_runs(lambda _: build(), ["a", "b"], data, TrainConfig(optimizer="slow", steps=5), health=False)
    assert alone.seconds < 0.2 and all(run.seconds < 0.2 for run in twins)


# Parts whose runs train on the whole training set with models that ignore train/eval mode (shares_forward): one
# after another and stacked, with a penalty, a twin whose dropout run cannot share and a run that diverges.
SHARING = ["activations.race", "initialization.training", "regularization.penalty", "regularization.dropout",
           "optimizers.sweep"]


@pytest.mark.parametrize("name", SHARING)
def test_a_step_that_reads_the_training_set_evaluation_from_its_own_forward_changes_no_number(name, monkeypatch):
    """Where a step's forward is also the evaluation's on the training set, the loop reads the training loss and
    accuracy from it instead of a second forward: every frame of the part equals the one with the second forward,
    to the bit (a run's seconds aside), and the shortcut was taken."""
    import importlib

    import pandas as pd

    import core.train

    module, part = name.split(".")
    fn, cfg = importlib.import_module(f"core.{module}").EXPERIMENTS[part]
    taken = []
    original = core.train.shares_forward
    monkeypatch.setattr(core.train, "shares_forward", lambda *a: taken.append(original(*a)) or taken[-1])
    frames = lambda out: {"table": out} if isinstance(out, pd.DataFrame) else out  # noqa: E731
    monkeypatch.setattr(core.train, "SHARE_FORWARD", False)
    two = frames(fn(cfg))
    assert not any(taken)
    monkeypatch.setattr(core.train, "SHARE_FORWARD", True)
    one = frames(fn(cfg))
    assert any(taken)
    compared = [key for key, frame in two.items() if isinstance(frame, pd.DataFrame)]
    assert compared and one.keys() == two.keys()
    for key in compared:
        drop = lambda f: f.drop(columns=["seconds"], errors="ignore")  # noqa: E731
        pd.testing.assert_frame_equal(drop(two[key]), drop(one[key]), check_exact=True, obj=key)


def test_only_models_that_ignore_the_mode_share_the_training_forward():
    from core.models import mode_free

    assert mode_free(build_mlp(ModelConfig(norm="layer"), 2, 3))
    assert not mode_free(build_mlp(ModelConfig(norm="batch"), 2, 3))
    assert not mode_free(build_mlp(ModelConfig(dropout=0.2), 2, 3))
    model = build_mlp(ModelConfig(), 2, 3)
    model.blocks[0].drop = SeededDropout(0.5)
    assert not mode_free(model)
    assert not mode_free(torch.nn.Sequential(torch.nn.Linear(2, 3)))
