"""Copy as PyTorch code, Regularization page: the scripts follow settings other than the page defaults.

The page defaults are run by tests/test_codegen.py; here each part runs once on a small configuration that
takes another branch (other p, seed, sizes; a probe point; no warp at all; p_L = 1; two ensemble members).
"""

import ast
import random

import pytest

from core import regularization as R
from core.params import largest, specs, validate
from test_codegen import assert_reproduces

SMALL = [
    ("overfit", R.OverfitConfig(n_train=40, noise=0.1, width=16, steps=50, seed=3)),
    ("penalty", R.PenaltyConfig(l2=0.05, l1=0.1, n_train=30, noise=0.6, steps=50, seed=5)),
    ("dropout", R.DropoutConfig(p=0.2, n_train=30, steps=50, seed=2)),
    ("inference", R.InferenceConfig(p=0.8, passes=40, point=17, seed=4, n_train=60, steps=30)),
    ("dropconnect", R.DropConnectConfig(p=0.8, n_train=20, noise=0.0, steps=50, seed=7)),
    ("fractional", R.FractionalConfig(n_train=50, steps=20, seed=1)),
    ("depth", R.DepthConfig(p_last=1.0, blocks=2, n_train=50, steps=50, seed=6)),
    ("augment", R.AugmentConfig(shift=0.0, rotate=0.0, scale=0.0, n_train=20, steps=50, seed=8)),
    ("augment", R.AugmentConfig(shift=3.0, rotate=45.0, scale=0.3, n_train=20, steps=50, seed=9)),
    ("ensemble", R.EnsembleConfig(models=2, n_train=20, noise=1.0, steps=50, seed=11)),
]


@pytest.mark.parametrize("part,cfg", SMALL, ids=[f"{part}-{i}" for i, (part, _) in enumerate(SMALL)])
def test_script_follows_the_settings(part, cfg, tmp_path):
    assert_reproduces(R, part, cfg, tmp_path)


def test_every_part_of_the_page_has_a_script():
    assert set(R.CODE) == set(R.EXPERIMENTS)


@pytest.mark.parametrize("part", list(R.EXPERIMENTS))
def test_any_allowed_configuration_gives_a_valid_script(part):
    """Random values over every field's range: generation never raises and the script parses."""
    rng = random.Random(part)
    cls = type(R.EXPERIMENTS[part][1])
    for _ in range(30):
        values = {name: rng.uniform(s.lo, s.hi) if s.kind == "float" else rng.randint(int(s.lo), int(s.hi))
                  for name, s in specs(cls).items()}
        cfg, _ = validate(cls, values)
        ast.parse(R.CODE[part](cfg))
    ast.parse(R.CODE[part](largest(cls)))
