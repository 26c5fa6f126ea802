"""Issue 14: the training loop records each hidden layer's health; facts checked on the real code path."""

import math

import pytest
import torch

from core import activations, initialization
from core.data import DataConfig, Dataset, make_dataset
from core.health import BINS, HEALTH_STEPS, logged_steps, reading
from core.models import ModelConfig, build_mlp
from core.train import TrainConfig, train


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
