"""Copy as PyTorch code for the Initialization page (export/initialization.py): settings other than the page
defaults, so every activation, init (LSUV included), optimizer and the divergence stop run once in a script.
The page defaults are run by tests/test_codegen.py."""

import inspect

import pytest
from test_codegen import assert_reproduces

from core import initialization
from core.plain import INITS
from export import exports

SMALL_STACK = {"depth": 4, "width": 40, "batch": 120}


def stack(**values):
    return initialization.StackConfig(**{**SMALL_STACK, **values})


@pytest.mark.parametrize("cfg", [
    stack(activation="relu", init="kaiming_normal"),
    stack(activation="sigmoid", init="uniform", std=0.5),
    stack(activation="leaky_relu", init="orthogonal"),
    stack(activation="maxout", init="xavier_normal"),
    stack(activation="elu", init="xavier_uniform"),
    stack(activation="gelu", init="constant", std=0.05),
    stack(activation="selu", init="zero"),
    stack(activation="softplus"),
    stack(activation="silu", init="lsuv"),
], ids=lambda c: f"{c.activation}-{c.init}-{c.std}")
def test_stack_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces("initialization", "stack", cfg, tmp_path)


def test_stack_script_counts_saturated_tanh_units_by_the_pages_rule(tmp_path):
    tables = assert_reproduces("initialization", "stack", stack(activation="tanh", std=1.0), tmp_path)
    _, layers = tables["layers"]
    assert (layers.saturated > 0.5).all()  # |a| > 0.99 for most values of every layer
    script = exports("initialization")["stack"].script(stack(activation="tanh", std=1.0))
    assert inspect.getsource(initialization.saturated_values) in script  # the engine's rule, verbatim


def test_stack_script_follows_an_exploding_stack(tmp_path):
    """std 2 over 100 inputs: Var(z) grows about 200x per layer, to 1e45 after 20 layers (E[z^2] in float64)."""
    cfg = stack(activation="relu", init="normal", std=2.0, depth=20, width=100)
    _, layers = assert_reproduces("initialization", "stack", cfg, tmp_path)["layers"]
    assert layers.z_second_moment.iloc[-1] > 1e40 and layers["std"].iloc[-1] > 1e20


def test_an_lsuv_stack_gets_a_script_with_the_data_step(tmp_path):
    cfg = stack(activation="relu", init="lsuv")
    script = exports("initialization")["stack"].script(cfg)
    assert "def lsuv_(" in script and "def init_orthogonal(" in script
    _, layers = assert_reproduces("initialization", "stack", cfg, tmp_path)["layers"]
    # unit variance on the 32 inputs LSUV rescales with, about 1 on all 120
    assert layers.z_second_moment.tolist() == pytest.approx([1.0] * SMALL_STACK["depth"], abs=0.15)


def test_a_normal_init_script_leaves_lsuv_out():
    script = exports("initialization")["stack"].script(stack(init="normal"))
    assert "def init_normal(" in script and "lsuv" not in script and "def init_orthogonal(" not in script


@pytest.mark.parametrize("cfg", [
    initialization.GradientConfig(**SMALL_STACK, activation="relu", init="kaiming_normal", sgd_lr=0.1),
    initialization.GradientConfig(**SMALL_STACK, activation="maxout", init="xavier_normal"),
    initialization.GradientConfig(**SMALL_STACK, activation="tanh", init="zero"),
    initialization.GradientConfig(**SMALL_STACK, activation="tanh", init="lsuv"),
], ids=lambda c: f"{c.activation}-{c.init}")
def test_gradients_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces("initialization", "gradients", cfg, tmp_path)


@pytest.mark.parametrize("cfg", [
    initialization.VarianceConfig(activation="tanh", inits=tuple(INITS), depth=5, width=40),
    initialization.VarianceConfig(activation="maxout", inits=("xavier_normal", "kaiming_normal"), depth=3, width=30),
], ids=["tanh-every-init", "maxout"])
def test_variance_script_follows_the_settings(cfg, tmp_path):
    tables = assert_reproduces("initialization", "variance", cfg, tmp_path)
    assert set(tables) == {"readout", "layers"}
    assert tables["readout"][1].init.tolist() == list(cfg.inits)


@pytest.mark.parametrize("cfg", [
    initialization.ZeroConfig(activation="relu", value=0.1, random_init="normal", steps=40, width=8, depth=3),
    initialization.ZeroConfig(activation="maxout", steps=30, width=6),
    initialization.ZeroConfig(activation="sigmoid", random_init="lsuv", steps=30, width=8),
], ids=["relu-c", "maxout", "sigmoid-lsuv"])
def test_zero_script_follows_the_settings(cfg, tmp_path):
    _, spread = assert_reproduces("initialization", "zero", cfg, tmp_path)["spread"]
    assert (spread[spread.variant == "equal"].spread == 0).all() and spread.step.max() == cfg.steps


def test_zero_script_stops_a_diverging_run_where_the_app_does(tmp_path):
    cfg = initialization.ZeroConfig(activation="relu", random_init="kaiming_normal", lr=5.0, steps=70, width=64,
                                    depth=4)
    _, spread = assert_reproduces("initialization", "zero", cfg, tmp_path)["spread"]
    last = spread.groupby("variant").step.max()
    assert last["random"] < cfg.steps  # the random twin diverged and stopped early


@pytest.mark.parametrize("cfg", [
    initialization.TrainingConfig(inits=("normal", "xavier_normal"), steps=20, width=16, depth=3),
    initialization.TrainingConfig(activation="relu", inits=("zero", "kaiming_normal", "orthogonal", "lsuv"),
                                  dataset="moons", optimizer="adam", lr=0.01, steps=20, width=16, depth=3),
    initialization.TrainingConfig(activation="sigmoid", inits=("xavier_normal",), optimizer="sgd", lr=0.5,
                                  steps=20, width=16, depth=2),
], ids=["momentum", "adam-lsuv", "sgd"])
def test_training_script_follows_the_settings(cfg, tmp_path):
    _, printed = assert_reproduces("initialization", "training", cfg, tmp_path)["summary"]
    assert printed.variant.tolist() == list(cfg.inits)


@pytest.mark.parametrize("cfg", [
    initialization.LadderConfig(rungs=("1_small_output", "4_batchnorm"), optimizer="adam", lr=0.005, width=32,
                                steps=50, seed=3),
    initialization.LadderConfig(rungs=("0_naive", "2_small_hidden"), lr=0.5, width=16, steps=50),
], ids=["adam-batchnorm", "sgd-naive"])
def test_ladder_script_follows_the_settings(cfg, tmp_path):
    _, printed = assert_reproduces("initialization", "ladder", cfg, tmp_path)["rungs"]
    assert printed.rung.tolist() == list(cfg.rungs)


def test_a_batchnorm_ladder_script_keeps_only_its_rung_and_what_it_builds_on():
    script = exports("initialization")["ladder"].script(initialization.LadderConfig(rungs=("4_batchnorm",)))
    assert 'RUNGS = {"4_batchnorm": rung_batchnorm}' in script
    for name in ("rung_batchnorm", "rung_kaiming", "rung_small_output"):  # each rung builds on the one before
        assert f"def {name}(" in script
    assert "def rung_naive(" not in script and "def rung_small_hidden(" not in script
    assert inspect.getsource(initialization.standardized) in script and "def batch_norm(" in script
