"""Issue 15, parts 1-3: data preprocessing, the sanity checks before training, reading the loss curve. The issue's
facts on the real code path (core.babysitting: the preprocessing stages, the logged full-batch fit, the checks,
core.train and diagnose), the page's buttons and presets through the real app (AppTest), and determinism."""

import dataclasses
import math

import pandas as pd
import pytest
import torch

from core import babysitting as B
from core.params import validate
from tests.conftest import open_page, problems, texts

PAGE = "app_pages/babysitting.py"


@pytest.fixture(scope="module")
def preprocessed():
    return B.preprocessing(B.PreprocessConfig())


@pytest.fixture(scope="module")
def checked():
    return B.sanity(B.SanityConfig())


# 1. Preprocessing -------------------------------------------------------------------------------------------
def test_the_default_cloud_is_offset_and_badly_scaled(preprocessed):
    """The issue's raw data: an offset of at least 5 and a feature scale ratio of at least 10 at the default."""
    cfg = B.PreprocessConfig()
    original = preprocessed["stats"].set_index("stage").loc["original"]
    assert cfg.offset >= 5 and min(original.mean_1, original.mean_2) > 4  # the sample means, near the offset
    assert math.sqrt(original.var_2 / original.var_1) >= 10


def test_normalized_inputs_reach_the_target_in_fewer_steps_than_raw(preprocessed):
    """Same classifier, initial weights and learning rate: normalized inputs keep the loss below the target from
    an earlier step than the original ones (which may never get there: counted as never)."""
    steps = preprocessed["summary"].set_index("variant").steps_to_target
    assert not math.isnan(steps["normalized"])
    assert steps["normalized"] < (math.inf if math.isnan(steps["original"]) else steps["original"])


def test_normalized_loss_is_less_sensitive_to_small_weight_changes(preprocessed):
    """The slide: before normalization the loss is very sensitive to small changes in the weights. At the same
    initial weights and the same random directions, at least 3x more sensitive here."""
    sensitivity = preprocessed["summary"].set_index("variant").sensitivity_start
    assert sensitivity["original"] > 3 * sensitivity["normalized"]


@pytest.mark.parametrize("seed,correlation", [(0, 0.6), (7, -0.9), (123, 0.0)])
def test_whitened_data_has_identity_covariance(seed, correlation):
    x_train, _, x_val, _ = B.raw_cloud(300, 5.0, 100.0, correlation, seed)
    x, _ = B.whitened(x_train.double(), x_val.double())
    assert torch.allclose(torch.cov(x.T), torch.eye(2, dtype=torch.float64), atol=1e-6)
    stats = B.stage_stats("whitened", x)
    assert stats["var_1"] == pytest.approx(1, abs=1e-6) and abs(stats["cov_12"]) < 1e-6


def test_each_stage_does_what_the_slide_says(preprocessed):
    stats = preprocessed["stats"].set_index("stage")
    centered = ["centered", "normalized", "decorrelated", "whitened"]
    assert (stats.loc[centered, ["mean_1", "mean_2"]].abs() < 1e-9).all().all()
    assert stats.loc["normalized", ["var_1", "var_2"]].tolist() == pytest.approx([1, 1])
    assert abs(stats.cov_12["decorrelated"]) < 1e-9 < abs(stats.cov_12["centered"])


def test_mean_image_centers_every_pixel_and_the_channel_mean_does_not(preprocessed):
    """The digits are grayscale: the per-channel mean is one number. Subtracting the mean image centers every
    pixel (and so every first-layer unit's input); one number leaves the border pixels negative."""
    images = preprocessed["images"].set_index("method")
    assert images.values_subtracted.to_dict() == {"none": 0, "mean_image": 64, "channel_mean": 1}
    assert images.pixel_mean_max["mean_image"] < 1e-6 < 0.1 < images.pixel_mean_max["channel_mean"]
    assert images.unit_offset["mean_image"] < 1e-6 < 0.1 < images.unit_offset["channel_mean"]
    assert images.unit_offset["channel_mean"] < images.unit_offset["none"]


def test_steps_to_needs_the_target_held_to_the_end():
    rows = [{"step": s, "loss": v} for s, v in enumerate([1.0, 0.2, 0.9, 0.25, 0.1])]
    assert B.steps_to(rows, "loss", 0.3) == 3
    assert B.steps_to(rows, "loss", 0.05) is None
    assert B.steps_to([{"step": 0, "accuracy": 1.0}], "accuracy", 1.0, below=False) == 0


# 2. Sanity checks -------------------------------------------------------------------------------------------
def test_the_initial_loss_is_ln_c_with_small_weights(checked):
    checks = checked["checks"].set_index("check")
    assert checks.reference["initial_loss"] == pytest.approx(math.log(10))  # the 1-D digits: 10 classes
    assert abs(checks.value["initial_loss"] - math.log(10)) <= 0.05 and checks.passed["initial_loss"]


def test_regularization_raises_the_initial_loss_strictly(checked):
    checks = checked["checks"].set_index("check")
    assert checks.value["regularization"] > checks.value["initial_loss"] == checks.reference["regularization"]
    assert checks.detail["regularization"] > 0 and checks.passed["regularization"]


def test_the_tiny_subset_is_fit_to_100_percent(checked):
    checks = checked["checks"].set_index("check")
    assert B.SanityConfig().subset == 20 and checks.value["overfit"] == 1.0 and checks.passed["overfit"]
    log = checked["overfit"]
    assert log.accuracy.iloc[-1] == 1.0 and log.loss.iloc[-1] < 0.1 * log.loss.iloc[0]


@pytest.mark.parametrize("preset,failing", [("large", "initial_loss"), ("short", "overfit")])
def test_each_check_can_fail(preset, failing):
    """The presets that break a check: N(0, 1) weights start far from ln C; 10 steps cannot fit the subset."""
    cfg, _ = validate(B.SanityConfig, B.SANITY_PRESETS[preset])
    passed = B.sanity(cfg)["checks"].set_index("check").passed
    assert not passed[failing] and passed.drop(failing).any()


def test_the_criteria():
    assert B.check_passes("initial_loss", 2.35, math.log(10)) and not B.check_passes("initial_loss", 2.36, 2.30)
    assert B.check_passes("regularization", 2.31, 2.30) and not B.check_passes("regularization", 2.30, 2.30)
    assert B.check_passes("overfit", 1.0, 1.0) and not B.check_passes("overfit", 0.95, 1.0)


# 3. The loss curve ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def preset_runs():
    return {name: B.curves(validate(B.CurvesConfig, values)[0]) for name, values in B.CURVE_PRESETS.items()}


@pytest.mark.parametrize("preset", list(B.CURVE_PRESETS))
def test_each_preset_shows_its_signature(preset, preset_runs):
    assert preset_runs[preset]["summary"].signature.iloc[0] == preset
    assert B.diagnose(preset_runs[preset]["history"], preset_runs[preset]["summary"]) == preset


def test_a_too_high_learning_rate_is_stopped_at_its_step(preset_runs):
    out = preset_runs["too_high"]
    row = out["summary"].iloc[0]
    assert row.reason in ("nan", "exploded") and 0 <= row.diverged_at < B.CurvesConfig().steps
    assert out["history"].step.max() == row.diverged_at  # nothing recorded after the stop
    assert B.readings(out["history"], out["summary"])["diverged_at"] == row.diverged_at


def test_the_curve_part_records_health(preset_runs):
    out = preset_runs["good"]
    assert {"health", "histograms"} <= set(out) and set(out["health"].variant) == {"run"}


def synthetic(train_losses, train_accuracy=0.99, val_accuracy=0.97, diverged_at=None):
    """A run's history and summary as core.train gives them, from a list of training losses at steps 0, 10, ..."""
    history = pd.DataFrame([{"step": 10 * i, "variant": "run", "split": "train", "loss": v, "accuracy": 0.5}
                            for i, v in enumerate(train_losses)])
    table = pd.DataFrame([{"variant": "run", "train_accuracy": train_accuracy, "val_accuracy": val_accuracy,
                           "diverged_at": diverged_at, "reason": "nan" if diverged_at is not None else None}])
    return history, table


FALLS = [2.3 * 0.7 ** i for i in range(20)]  # a loss that falls from the first logged step on
FLAT_THEN_FALLS = [2.3, 2.3, 2.29, 2.3, 2.28, 2.29] + FALLS[1:15]  # flat for a quarter of the run, then falls
JUMPS = [2.3, 1.9, 2.6, 2.0, 2.5, 1.8, 2.7, 2.1, 2.4, 2.2]  # rises at half the logged steps, never halves
CREEPS = [2.3 - 0.01 * i for i in range(20)]  # falls by 8% in all


@pytest.mark.parametrize("losses,accuracies,diverged,expected", [
    (CREEPS, (0.3, 0.3), None, "too_low"),
    (JUMPS, (0.3, 0.3), None, "too_high"),
    (FALLS[:3], (0.1, 0.1), 25, "too_high"),
    (FLAT_THEN_FALLS, (0.99, 0.97), None, "plateau"),
    (FALLS, (1.0, 0.8), None, "overfitting"),
    (FALLS[:4] + [FALLS[3]] * 16, (0.6, 0.58), None, "underfitting"),
    (FALLS, (0.99, 0.95), None, "good"),
], ids=["too_low", "jumps", "diverged", "plateau", "overfitting", "underfitting", "good"])
def test_diagnose_reads_each_signature_from_the_numbers(losses, accuracies, diverged, expected):
    assert B.diagnose(*synthetic(losses, *accuracies, diverged)) == expected


# Determinism ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("part,cfg", [
    ("preprocessing", B.PreprocessConfig(steps=50, images=200)),
    ("sanity", B.SanityConfig(steps=20)),
    ("curves", B.CurvesConfig(steps=50, n=300)),
])
def test_same_config_same_numbers(part, cfg):
    fn = B.EXPERIMENTS[part][0]
    first, second = fn(cfg), fn(dataclasses.replace(cfg))
    for key in first:
        pd.testing.assert_frame_equal(first[key].drop(columns="seconds", errors="ignore"),
                                      second[key].drop(columns="seconds", errors="ignore"))


def test_another_seed_other_numbers():
    a, b = B.sanity(B.SanityConfig(steps=20)), B.sanity(B.SanityConfig(steps=20, seed=1))
    assert a["checks"].value.iloc[0] != b["checks"].value.iloc[0]


# The page ---------------------------------------------------------------------------------------------------
def test_each_check_shows_its_badge_when_its_button_is_pressed():
    at = open_page(PAGE, part="sanity", lang="en")
    assert problems(at) == [] and "Pass" not in texts(at)
    for check in ("initial_loss", "regularization", "overfit"):
        next(b for b in at.button if b.key.startswith(f"run_check_{check}_")).click().run()
    assert problems(at) == []
    shown = texts(at)
    assert shown.count("Pass") == 3 and "Checks run: 3 of 3 passed" in shown
    assert "ln 10 = 2.3026" in shown


def test_a_failing_check_says_fail():
    at = open_page(PAGE, part="sanity", lang="ko", sstd="1")
    next(b for b in at.button if b.key.startswith("run_check_initial_loss_")).click().run()
    assert problems(at) == [] and "실패" in texts(at)


def test_the_too_high_preset_shows_the_step_where_it_stopped():
    at = open_page(PAGE, part="curves", lang="en", clr="5")
    assert problems(at) == []
    warnings = "\n".join(w.value for w in at.warning)
    assert "diverged at step" in warnings
    assert "learning rate too high" in texts(at)


def test_predict_mode_hides_the_checks_until_revealed():
    at = open_page(PAGE, part="sanity", predict="true")
    assert problems(at) == [] and not [b for b in at.button if b.key.startswith("run_check_")]
    at.radio[0].set_value("higher").run()
    next(b for b in at.button if b.label == "Reveal the result").click().run()
    assert problems(at) == [] and len([b for b in at.button if b.key.startswith("run_check_")]) == 3


def test_the_sensitivity_chart_keeps_a_run_that_never_reached_the_target(preprocessed):
    """The original inputs never reach the target (a missing number in the summary): their bar stays."""
    from ui.charts import bars
    from ui.layout import _finite_rows

    summary = preprocessed["summary"]
    assert summary.steps_to_target.isna().any()
    from ui.options import legend_label

    figure = _finite_rows(bars(summary, "sensitivity_start", "variant", "t", sort=None))
    assert list(figure.data.variant) == [legend_label(v) for v in summary.variant]  # every run, in its words
