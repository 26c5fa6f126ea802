"""Copy as PyTorch code for the Babysitting page (export/babysitting.py) at settings other than the page defaults
(run by tests/test_codegen.py), so that every branch of the scripts runs once: the two-layer net on all five
stages, a learning rate at which the original inputs never reach the target, failing checks on another data set,
and loss curves that diverge, train full-batch or with weight decay."""

import math

import pytest
from test_codegen import assert_reproduces

from core import babysitting as B
from export import exports


@pytest.mark.parametrize("cfg", [
    B.PreprocessConfig(model="two_layer_net", inputs=tuple(B.STAGES), lr=0.5, steps=100, points=150, images=300),
    B.PreprocessConfig(lr=0.01, steps=50, offset=12.0, ratio=50.0, correlation=-0.5, seed=3, images=200),
], ids=["net-all-stages", "slow-lr"])
def test_preprocessing_script_follows_the_settings(cfg, tmp_path):
    tables = assert_reproduces("babysitting", "preprocessing", cfg, tmp_path)
    _, summary = tables["summary"]
    assert list(summary.variant) == list(cfg.inputs)
    _, stats = tables["stats"]
    assert list(stats.stage) == list(B.STAGES)  # every stage, whatever the inputs trained on
    if cfg.lr == 0.01:
        assert summary.steps_to_target.isna().all()  # 50 steps at 0.01: none reaches 0.3


@pytest.mark.parametrize("cfg", [
    B.SanityConfig(dataset="spiral", steps=50),  # 2-D spiral: 20 points not fit in 50 steps
    B.SanityConfig(dataset="digits", init_std=1.0, strength=0.01, subset=40, steps=30, seed=5),
], ids=["spiral", "digits-large-init"])
def test_sanity_script_prints_the_same_verdicts(cfg, tmp_path):
    tables = assert_reproduces("babysitting", "sanity", cfg, tmp_path)
    _, checks = tables["checks"]
    assert list(checks.check) == ["initial_loss", "regularization", "overfit"]
    assert not checks.passed.all()  # each setting breaks a check, and the script says so too


def test_a_diverging_loss_curve_stops_at_the_same_step(tmp_path):
    cfg = B.CurvesConfig(lr=5.0, steps=100)
    tables = assert_reproduces("babysitting", "curves", cfg, tmp_path)
    _, summary = tables["summary"]
    assert not math.isnan(summary.diverged_at.iloc[0])  # compared with the app's step by assert_reproduces


@pytest.mark.parametrize("cfg", [
    B.CurvesConfig(batch=0, steps=60, n=300, depth=1, width=16),
    B.CurvesConfig(weight_decay=0.01, init="normal", init_std=0.05, steps=50, n=400, dataset="digits1d"),
], ids=["full-batch", "weight-decay-1d"])
def test_loss_curve_script_follows_the_settings(cfg, tmp_path):
    tables = assert_reproduces("babysitting", "curves", cfg, tmp_path)
    _, history = tables["history"]
    assert set(history.split) == {"train", "val"} and history.step.max() == cfg.steps


def test_scripts_name_only_what_the_run_uses():
    script = exports("babysitting")["preprocessing"].script(B.PreprocessConfig())
    assert "def whitened(" in script and "def sgd(" in script and "def adam(" not in script
    curves = exports("babysitting")["curves"].script(B.CurvesConfig())
    assert "def sgd_momentum(" in curves and "def init_kaiming_normal(" in curves and "def init_normal(" not in curves
