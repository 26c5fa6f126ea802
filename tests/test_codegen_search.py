"""Copy as PyTorch code for the hyperparameter-search parts (export/search.py): each script, run on its own,
prints the app's tables with the same numbers (joined on their keys by tests/test_codegen.py's helpers),
follows its settings, and passes ruff. The page is not in ui/topics.py yet, so these cases call the
helpers directly with the scope "search" (core.search.EXPERIMENTS, export.search.CODE)."""

import shutil
import subprocess

import pytest
from test_codegen import ROOT, assert_all_defined_names_used, assert_reproduces

from core import search
from export.search import CODE


def test_every_part_of_the_engine_has_a_script():
    assert list(CODE) == list(search.EXPERIMENTS) == ["search", "coarse", "lrfind"]


# The coarse search's default (20 trials of 100 steps) runs twice here, app and script: a third of it is enough.
SMALL = {"coarse": {"coarse_trials": 6, "fine_trials": 4, "trial_steps": 50}}


@pytest.mark.parametrize("part", list(search.EXPERIMENTS))
def test_each_script_reproduces_its_default(part, tmp_path):
    default = search.EXPERIMENTS[part][1]
    cfg = type(default)(**{**default.__dict__, **SMALL.get(part, {})})
    tables = assert_reproduces("search", part, cfg, tmp_path)
    assert set(tables) == {"search": {"trials", "summary"}, "coarse": {"trials", "boxes", "best"},
                           "lrfind": {"curves", "stops", "suggestions", "spread"}}[part]


def test_grid_script_counts_wins_like_the_app(tmp_path):
    cfg = search.GridRandomConfig(grid_side=3, repeats=40, peak_width=0.3, unimportant_weight=1.0, seed=5)
    tables = assert_reproduces("search", "search", cfg, tmp_path)
    _, summary = tables["summary"]
    assert list(summary.distinct_important_values) == [3, 9]
    assert (summary.win_fraction + summary.tie_fraction).sum() == pytest.approx(1.0)  # grid's + random's + ties


def test_coarse_script_follows_the_optimizer_and_reversed_ranges(tmp_path):
    """Adam instead of momentum, and ranges given high-to-low (the app sorts them; the script gets them
    sorted): the script defines adam and no other optimizer, and still prints the app's numbers."""
    cfg = search.CoarseFineConfig(coarse_trials=4, fine_trials=2, trial_steps=30, optimizer="adam", lr_lo=1.0,
                                  lr_hi=1e-3, reg_lo=0.1, reg_hi=1e-4, seed=3)
    script = CODE["coarse"].script(cfg)
    assert "def adam(" in script and "def sgd_momentum(" not in script
    tables = assert_reproduces("search", "coarse", cfg, tmp_path)
    _, boxes = tables["boxes"]
    coarse = boxes.set_index("stage").loc["coarse"]
    assert (coarse.lr_lo, coarse.lr_hi, coarse.reg_lo, coarse.reg_hi) == pytest.approx((1e-3, 1.0, 1e-4, 0.1))


def test_range_script_with_plain_sgd_and_large_batches(tmp_path):
    cfg = search.RangeConfig(seeds=2, optimizer="sgd", batch_size=128, range_steps=60, lr_start=1e-4, lr_end=100.0,
                             seed=7)
    tables = assert_reproduces("search", "lrfind", cfg, tmp_path)
    _, stops = tables["stops"]
    assert list(stops.seed) == [7, 8]


@pytest.fixture(scope="module")
def ruff():
    exe = shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (pip install -r requirements-dev.txt)")
    return exe


def test_every_script_passes_ruff_and_defines_only_what_it_uses(ruff, tmp_path):
    for part, export in CODE.items():
        script = export.script(search.EXPERIMENTS[part][1])
        path = tmp_path / f"search_{part}.py"
        path.write_text(script)
        out = subprocess.run([ruff, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(path)],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stdout[-3000:]
        assert_all_defined_names_used(script, f"search-{part}")
