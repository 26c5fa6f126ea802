"""Copy as PyTorch code for the Regularization page (export/regularization.py) at settings other than the
page defaults, so every branch of the scripts runs once: other p, seeds and sizes, a probe point, no warp at
all and the strongest one, p_L = 1, two ensemble members, plain SGD and a run that diverges. The page
defaults are run by tests/test_codegen.py."""

import ast
import math
import random

import pytest
from test_codegen import assert_reproduces

from core import regularization
from core.params import largest, specs, validate
from export import exports

SMALL = [
    ("overfit", regularization.OverfitConfig(n_train=40, noise=0.1, width=16, steps=50, seed=3)),
    ("penalty", regularization.PenaltyConfig(l2=0.05, l1=0.1, n_train=30, noise=0.6, steps=50, seed=5)),
    ("dropout", regularization.DropoutConfig(p=0.2, n_train=30, steps=50, seed=2)),
    ("inference", regularization.InferenceConfig(p=0.8, passes=40, point=17, seed=4, n_train=60, steps=30)),
    ("dropconnect", regularization.DropConnectConfig(p=0.8, n_train=20, noise=0.0, steps=50, seed=7)),
    ("fractional", regularization.FractionalConfig(size=24, draw=2, n_train=50, steps=20, seed=1)),
    ("depth", regularization.DepthConfig(p_last=1.0, blocks=2, n_train=50, steps=50, seed=6)),
    ("augment", regularization.AugmentConfig(shift=0.0, rotate=0.0, scale=0.0, n_train=20, steps=50, seed=8)),
    ("augment", regularization.AugmentConfig(shift=3.0, rotate=45.0, scale=0.3, n_train=20, steps=50, seed=9)),
    ("ensemble", regularization.EnsembleConfig(models=2, n_train=20, noise=1.0, steps=50, seed=11)),
]


def penalty_zeros(tables, cfg):
    zeros = tables["zeros"][1].set_index("variant").exact_zero
    assert zeros["L1"] > 0 and zeros["none"] == 0 and zeros["L2"] == 0  # only L1's proximal step hits 0
    start = tables["start"][1].set_index("variant").penalty
    assert start["none"] == 0 and start["L2"] > 0


def regions_per_draw(tables, cfg):
    assert set(tables["regions"][1].draw) == set(range(cfg.draw + 1))  # draw 0: 2x2 max pooling's


def blocks_always_on(tables, cfg):
    assert (tables["survival"][1].p == 1.0).all()


def twins_differ_only_by_the_warp(tables, cfg):
    summary = tables["summary"][1].set_index("variant")
    same = summary.loc["plain"].equals(summary.loc["augmented"])
    assert same == (cfg.shift == cfg.rotate == cfg.scale == 0)  # no warp at all: the same run twice


def every_table_of_inference(tables, cfg):
    assert set(tables) == {"compare", "uncertainty", "samples"}
    assert len(tables["samples"][1]) == 2 * cfg.passes  # both scalings


def one_row_per_member(tables, cfg):
    assert list(tables["growing"][1].k) == list(range(1, cfg.models + 1))


# What each part's script prints beyond the app's numbers (which assert_reproduces compares).
CHECKS = {"penalty": penalty_zeros, "inference": every_table_of_inference, "fractional": regions_per_draw,
          "depth": blocks_always_on, "augment": twins_differ_only_by_the_warp, "ensemble": one_row_per_member}
CLAIMS = {"inference": "compare", "ensemble": "growing"}  # the table that carries the claim, if not 'summary'


@pytest.mark.parametrize("part,cfg", SMALL, ids=[f"{part}-{i}" for i, (part, _) in enumerate(SMALL)])
def test_script_follows_the_settings(part, cfg, tmp_path):
    tables = assert_reproduces("regularization", part, cfg, tmp_path)
    assert CLAIMS.get(part, "summary") in tables
    if part in CHECKS:
        CHECKS[part](tables, cfg)


def test_a_diverging_run_stops_at_the_same_step(monkeypatch, tmp_path):
    """Plain SGD at a learning rate of 20 blows the loss up (> 1000x its first value) within a few steps:
    the script stops where the app stops, with the same last evaluation (monkeypatched for both)."""
    monkeypatch.setitem(regularization.TRAINING, "overfit", ("sgd", 20.0, 40))
    cfg = regularization.OverfitConfig(n_train=40, width=32, steps=60)
    assert "'optimizer': 'sgd', 'lr': 20.0" in exports("regularization")["overfit"].script(cfg)
    _, summary = assert_reproduces("regularization", "overfit", cfg, tmp_path)["summary"]
    stopped = summary.set_index("variant").diverged_at["none"]
    assert not math.isnan(stopped), "the run did not diverge"
    assert 0 < stopped < cfg.steps


def test_every_part_of_the_page_has_a_script():
    assert set(exports("regularization")) == set(regularization.EXPERIMENTS)


@pytest.mark.parametrize("part", list(regularization.EXPERIMENTS))
def test_any_allowed_configuration_gives_a_valid_script(part):
    """Random values over every field's range: assembling never raises and the script parses."""
    rng = random.Random(part)
    cls = type(regularization.EXPERIMENTS[part][1])
    export = exports("regularization")[part]
    for _ in range(30):
        values = {name: rng.uniform(s.lo, s.hi) if s.kind == "float" else rng.randint(int(s.lo), int(s.hi))
                  for name, s in specs(cls).items()}
        cfg, _ = validate(cls, values)
        ast.parse(export.script(cfg))
    ast.parse(export.script(largest(cls)))
