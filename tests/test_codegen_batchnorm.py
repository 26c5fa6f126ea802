"""Copy as PyTorch code for the BatchNorm page (export/batchnorm.py) at settings other than the page defaults
(tests/test_codegen.py runs those): the other activation of each part, a grid where runs diverge, other data
sets and normalizations, odd batch sizes and momenta. Each script's tables are joined with the app's."""

import inspect

import pytest
from test_codegen import assert_reproduces

from core import batchnorm
from export import exports


@pytest.mark.parametrize("part,cfg", [
    ("activations", batchnorm.ActivationsConfig(activation="relu", init_std=1.0, depth=3, width=50, batch=64, seed=3)),
    ("gamma", batchnorm.GammaConfig(depth=1, width=8, lr=0.1, steps=50, seed=2)),
    ("traintest", batchnorm.TrainTestConfig(momentum=0.5, steps=10, batch=2, mu=-3.0, sigma=0.1, seed=5)),
    ("noise", batchnorm.NoiseConfig(dataset="spiral", n=90, noise=0.3, batch_size=8, steps=50, seed=1)),
    ("noise", batchnorm.NoiseConfig(dataset="circles", n=60, batch_size=12, steps=50, seed=2)),
], ids=lambda v: v if isinstance(v, str) else "")
def test_batchnorm_scripts_follow_the_settings(part, cfg, tmp_path):
    assert_reproduces("batchnorm", part, cfg, tmp_path)


def test_grid_script_marks_the_runs_that_diverge(tmp_path):
    """tanh at learning rate 10 blows up with and without BatchNorm: the script stops those runs where the
    app does and labels them as the app's heatmap does."""
    cfg = batchnorm.GridConfig(activation="tanh", depth=3, points=2, steps=30, lr_max=10.0, std_max=10.0,
                               lr_for_init=3.0, seed=1)
    _, cells = assert_reproduces("batchnorm", "grids", cfg, tmp_path)["cells"]
    diverged = cells[cells.diverged]
    assert set(diverged.value) == {10.0} and set(diverged.variant) == {"none", "batch"}
    assert set(diverged.outcome) == {"diverged"} and set(diverged.label) == {"✕"}


def test_norms_script_defines_only_the_chosen_normalizations(tmp_path):
    cfg = batchnorm.NormsConfig(norms=("layer", "group"), batch_size=8, steps=50, seed=2)
    script = exports("batchnorm")["norms"].script(cfg)
    assert "def layer_norm(" in script and "def group_norm(" in script and "def batch_norm(" not in script
    _, summary = assert_reproduces("batchnorm", "norms", cfg, tmp_path)["summary"]
    assert list(summary.variant) == ["layer", "group"]


def test_forward_script_shows_the_hand_written_forward_and_matches_torch(tmp_path):
    cfg = batchnorm.ForwardConfig(batch=2, d=1, momentum=1.0, eps=0.1, seed=7)
    assert inspect.getsource(batchnorm.batchnorm_forward) in exports("batchnorm")["forward"].script(cfg)
    _, check = assert_reproduces("batchnorm", "forward", cfg, tmp_path)["check"]
    assert check.max_abs_difference.max() < 1e-5  # the hand-written pass agrees with F.batch_norm


def test_traintest_script_prints_torchs_refusal_of_a_batch_of_one(tmp_path):
    tables = assert_reproduces("batchnorm", "traintest", batchnorm.TrainTestConfig(steps=10, batch=16), tmp_path)
    assert "Expected more than 1 value per channel when training" in tables["error"][1].message[0]
    assert set(tables) == {"gap", "batchmates", "running", "error"}
