"""Issue 9: every page's experiments at their largest allowed configuration finish, with finite
numbers (their time is reported by `python -m bench --largest`, not asserted here)."""

import importlib
import math

import pandas as pd
import pytest

from core.params import largest, validate
from ui.topics import TOPICS

CASES = [(topic.scope, part) for topic in TOPICS
         for part in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS]


def frames(result) -> list[pd.DataFrame]:
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, dict):
        return [f for v in result.values() for f in frames(v)]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("scope, part", CASES)
def test_largest_configuration_runs_and_stays_finite(scope, part):
    fn, default = importlib.import_module(f"core.{scope}").EXPERIMENTS[part]
    out = frames(fn(largest(type(default))))
    assert out, "an experiment returns at least one DataFrame"
    for frame in out:
        numbers = frame.select_dtypes("number").to_numpy().ravel()
        assert all(math.isfinite(v) for v in numbers if v == v), f"{scope}/{part}: inf in the results"


def test_budget_lowers_steps_and_says_so():
    from core.activations import RaceConfig

    cfg, notes = validate(RaceConfig, {"steps": 1500, "n": 1500, "width": 256, "depth": 6,
                                       "activations": ("relu", "tanh", "elu", "selu", "gelu")})
    assert cfg.steps < 1500 and ("steps", 1500, cfg.steps, "budget") in notes
    small, notes = validate(RaceConfig, {"steps": 100})
    assert small.steps == 100 and notes == []
