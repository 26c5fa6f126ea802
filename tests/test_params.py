"""The one place where values are validated: core.params."""

import math

import pytest

from core.params import log_grid, validate
from core.train import TrainConfig
from core.models import ModelConfig


def test_valid_values_pass_unchanged():
    cfg, notes = validate(TrainConfig, {"lr": 0.05, "steps": 100, "optimizer": "adam"})
    assert (cfg.lr, cfg.steps, cfg.optimizer, notes) == (0.05, 100, "adam", [])


@pytest.mark.parametrize("given, expected", [(1e9, 10.0), (-5, 1e-4), ("0.3", 0.3), (math.nan, 0.1), ("x", 0.1),
                                             (math.inf, 10.0)])
def test_numbers_are_clamped_or_replaced(given, expected):
    cfg, notes = validate(TrainConfig, {"lr": given})
    assert cfg.lr == pytest.approx(expected)


def test_unknown_choice_falls_back_to_default_with_a_note():
    cfg, notes = validate(ModelConfig, {"activation": "swishy", "depth": 99, "bogus": 1})
    assert cfg.activation == "relu" and cfg.depth == 12
    assert {n[0] for n in notes} == {"activation", "depth", "bogus"}


def test_log_grid_is_one_two_five():
    assert log_grid(1e-3, 1.0) == [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
