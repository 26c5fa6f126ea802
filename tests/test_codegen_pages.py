"""Copy as PyTorch code for the Initialization, BatchNorm and Activations parts with their own scripts
(core/codegen_initialization.py, codegen_batchnorm.py, codegen_activations.py): settings other than the
page defaults, so every branch of a generator (each activation and init, maxout, divergence) runs once.
The page defaults are run by tests/test_codegen.py."""

import dataclasses

import pytest
from test_codegen import assert_reproduces

from core import activations as A
from core import batchnorm as B
from core import initialization as I
from core.nn import INITS

SMALL_STACK = {"depth": 4, "width": 40, "batch": 120}


def stack(**values):
    return I.StackConfig(**{**SMALL_STACK, **values})


@pytest.mark.parametrize("cfg", [
    stack(activation="relu", init="kaiming_normal"),
    stack(activation="tanh", std=1.0),  # saturated units
    stack(activation="sigmoid", init="uniform", std=0.5),
    stack(activation="relu", init="normal", std=2.0, depth=20),  # explodes past float32: nan in both
    stack(activation="leaky_relu", init="orthogonal"),
    stack(activation="maxout", init="xavier_normal"),
    stack(activation="elu", init="xavier_uniform"),
    stack(activation="gelu", init="constant", std=0.05),
    stack(activation="selu", init="zero"),
    stack(activation="softplus"), stack(activation="silu", init="kaiming_normal"),
], ids=lambda c: f"{c.activation}-{c.init}-{c.std}-{c.depth}")
def test_stack_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(I, "stack", cfg, tmp_path)


@pytest.mark.parametrize("cfg", [
    I.GradientConfig(**SMALL_STACK, activation="relu", init="kaiming_normal", sgd_lr=0.1),
    I.GradientConfig(**SMALL_STACK, activation="maxout", init="xavier_normal"),
    I.GradientConfig(**SMALL_STACK, activation="tanh", init="zero"),
], ids=lambda c: f"{c.activation}-{c.init}")
def test_gradients_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(I, "gradients", cfg, tmp_path)


@pytest.mark.parametrize("cfg", [
    I.VarianceConfig(activation="tanh", inits=tuple(i for i in INITS if i != "lsuv"), depth=5, width=40),
    I.VarianceConfig(activation="maxout", inits=("xavier_normal", "kaiming_normal"), depth=3, width=30),
], ids=["tanh-every-init", "maxout"])
def test_variance_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(I, "variance", cfg, tmp_path)


@pytest.mark.parametrize("cfg", [
    I.ZeroConfig(activation="relu", value=0.1, random_init="normal", steps=40, width=8, depth=3),
    I.ZeroConfig(activation="maxout", steps=30, width=6),
    I.ZeroConfig(activation="relu", random_init="kaiming_normal", lr=5.0, steps=70, width=64, depth=4),
], ids=["relu-c", "maxout", "relu-lr5-diverges"])
def test_zero_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(I, "zero", cfg, tmp_path)


def test_lsuv_gets_no_script():
    assert I.CODE["stack"](I.StackConfig(init="lsuv")) is None
    assert I.CODE["variance"](I.VarianceConfig(inits=("normal", "lsuv"))) is None
    assert I.CODE["zero"](I.ZeroConfig(random_init="lsuv")) is None
    assert I.CODE["stack"](dataclasses.replace(I.StackConfig(), activation="maxout")) is not None


# BatchNorm -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("part,cfg", [
    ("activations", B.ActivationsConfig(activation="relu", init_std=1.0, depth=3, width=50, batch=64, seed=3)),
    ("grids", B.GridConfig(activation="tanh", depth=2, points=2, steps=20, std_max=10.0, lr_max=10.0, seed=1)),
    ("gamma", B.GammaConfig(depth=1, width=8, lr=0.1, steps=50, seed=2)),
    ("traintest", B.TrainTestConfig(momentum=0.5, steps=10, batch=2, mu=-3.0, sigma=0.1, seed=5)),
    ("forward", B.ForwardConfig(batch=2, d=1, momentum=1.0, eps=0.1, seed=7)),
], ids=lambda v: v if isinstance(v, str) else "")
def test_batchnorm_scripts_follow_the_settings(part, cfg, tmp_path):
    assert_reproduces(B, part, cfg, tmp_path)


# Activations ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("part,cfg", [
    ("saturation", A.SaturationConfig(mu=5.0, sigma=0.1, layers=50, seed=4)),  # gradients underflow to 0
    ("zigzag", A.ZigzagConfig(lr=0.01, max_steps=100, target_w1=2.0, seed=1)),  # never reaches the target
    ("maxout", A.MaxoutConfig(max_k=2, steps=50, seed=3)),
], ids=lambda v: v if isinstance(v, str) else "")
def test_activations_scripts_follow_the_settings(part, cfg, tmp_path):
    assert_reproduces(A, part, cfg, tmp_path)


def test_every_part_with_a_result_table_has_a_script():
    """shapes (curves of f and f') and cost (timings of this machine) are the only parts left out."""
    for module, left_out in ((I, set()), (B, set()), (A, {"shapes", "cost"})):
        assert set(module.EXPERIMENTS) - set(module.CODE) == left_out
