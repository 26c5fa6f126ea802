"""Copy as PyTorch code for the Activations page (export/activations.py) at settings other than the page
defaults, so every branch of the scripts runs once: gradients that underflow, a target never reached, one
maxout piece against two, SGD, minibatches, dropout, and a run that diverges. The page defaults are run
by tests/test_codegen.py."""

import dataclasses
import math

import pytest
from test_codegen import assert_reproduces, assert_same_numbers, run_script

from core import activations
from core.data import make_dataset
from core.models import build_mlp
from core.train import summary, twin_runs
from export import exports
from export.assemble import assemble
from export.mlp import mlp_runs, twin_settings


@pytest.mark.parametrize("cfg", [
    activations.SaturationConfig(mu=-1.0, sigma=1.0, layers=3, units=500, seed=2),
    activations.SaturationConfig(mu=5.0, sigma=0.1, layers=50, seed=4),  # sigmoid's gradient underflows to 0
], ids=["centered-3-layers", "saturated-50-layers"])
def test_saturation_script_follows_the_settings(cfg, tmp_path):
    tables = assert_reproduces("activations", "saturation", cfg, tmp_path)
    _, gradient = tables["gradient"]
    assert set(gradient.activation) == set(activations.saturation_settings(cfg)["activations"])
    assert gradient.layer.max() == cfg.layers
    if cfg.layers == 50:
        last = gradient[gradient.layer == 50].set_index("activation").gradient
        assert last["sigmoid"] == 0.0 and last["relu"] == 1.0  # sigmoid'(5) < 0.01 fifty times; all z > 0


def test_zigzag_script_follows_other_targets(tmp_path):
    cfg = activations.ZigzagConfig(target_w1=0.5, target_w2=-1.5, lr=0.5, max_steps=1000, seed=2)
    tables = assert_reproduces("activations", "zigzag", cfg, tmp_path)
    _, steps = tables["steps"]
    assert steps.steps_to_target.between(1, cfg.max_steps).all()  # both reach w*


def test_zigzag_script_prints_a_target_never_reached(tmp_path):
    cfg = activations.ZigzagConfig(target_w1=2.0, lr=0.01, max_steps=100, seed=1)
    tables = assert_reproduces("activations", "zigzag", cfg, tmp_path)
    _, steps = tables["steps"]
    assert set(steps.inputs) == {"positive", "centered"} and steps.steps_to_target.isna().all()


def test_maxout_script_with_two_pieces(tmp_path):
    tables = assert_reproduces("activations", "maxout", activations.MaxoutConfig(max_k=2, steps=50, seed=3), tmp_path)
    _, error = tables["error"]
    assert list(error.k) == [1, 2]


def test_dead_script_with_sgd(tmp_path):
    cfg = activations.DeadConfig(optimizer="sgd", lr=1.0, width=20, steps=40, activations=("relu", "sigmoid", "selu"))
    tables = assert_reproduces("activations", "dead", cfg, tmp_path)
    _, printed = tables["summary"]
    assert set(printed.variant) == set(cfg.activations) and printed.diverged_at.isna().all()


def test_dead_script_with_minibatches(monkeypatch, tmp_path):
    """The dead-unit fraction is measured on the batch each step trains on, in the app and the script."""
    spec = activations.dead_spec

    def minibatch_spec(cfg):
        data, models, train = spec(cfg)
        return data, models, dataclasses.replace(train, batch_size=32)

    monkeypatch.setattr(activations, "dead_spec", minibatch_spec)  # the app's run and the script's settings
    cfg = activations.DeadConfig(width=16, steps=40, activations=("relu", "leaky_relu"))
    assert "'batch_size': 32" in exports("activations")["dead"].script(cfg)
    tables = assert_reproduces("activations", "dead", cfg, tmp_path)
    _, dead = tables["dead"]
    assert set(dead.activation) == {"relu", "leaky_relu"} and dead.dead.between(0, 1).all()


def test_a_diverging_dead_relu_run_stops_at_the_same_step(tmp_path):
    # 20 steps: the app evaluates every step (eval_every = steps // 20), so its last evaluation is of the
    # model as it stopped, which is what the script evaluates. With a coarser eval_every the app's summary
    # keeps the last evaluation before the stop instead, and the two differ after a divergence.
    cfg = activations.DeadConfig(optimizer="sgd", lr=5.0, width=40, depth=3, steps=20,
                                 activations=("relu", "leaky_relu"))
    tables = assert_reproduces("activations", "dead", cfg, tmp_path)  # diverged_at compared with the app's
    _, printed = tables["summary"]
    stopped = printed.set_index("variant").diverged_at
    assert not math.isnan(stopped["relu"]), "the ReLU run did not diverge"
    _, dead = tables["dead"]
    for variant, step in stopped.dropna().items():
        assert dead[dead.activation == variant].step.max() < step  # nothing recorded after it stopped


def test_mlp_script_with_minibatches_and_dropout_reproduces_the_loop(tmp_path):
    data, models, train = activations.dead_spec(activations.DeadConfig(steps=20, width=16))
    models = {name: dataclasses.replace(model, dropout=0.2) for name, model in models.items()}
    train = dataclasses.replace(train, batch_size=32)
    script = assemble(mlp_runs, twin_settings(data, models, train))
    keys, printed = run_script(script, tmp_path)["summary"]
    runs = twin_runs(lambda name: build_mlp(models[name], 2, 3), list(models), make_dataset(data), train)
    assert set(printed.variant) == {"relu", "leaky_relu", "elu"}
    assert_same_numbers(printed, summary(runs), keys)
    assert "'dropout': 0.2" in script and "'batch_size': 32" in script
