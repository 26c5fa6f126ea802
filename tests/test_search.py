"""Hyperparameter search (core/search.py, issue 15 parts 4-6): the lectures' facts on the real code path, the
hand-written rules (fastai's smoothing, stop and suggestions) against their definitions, the range test's
loop against core.train.train, and determinism."""

import math

import pandas as pd
import pytest
import torch

from core import search as S
from core.data import make_dataset
from core.models import build_mlp
from core.params import largest, validate
from core.train import BUDGET_SECONDS, TrainConfig, train

TINY = {"search": S.GridRandomConfig(grid_side=3, repeats=20),
        "coarse": S.CoarseFineConfig(coarse_trials=4, fine_trials=2, trial_steps=20),
        "lrfind": S.RangeConfig(seeds=2, range_steps=30)}
COLUMNS = {"search": {"trials": ["method", "trial", "important", "unimportant", "score"],
                      "best": ["repeat", "method", "best_score", "best_important"],
                      "summary": ["method", "mean_best", "median_best", "distinct_important_values", "win_fraction",
                                  "tie_fraction"],
                      "response": ["axis", "position", "score"]},
           "coarse": {"trials": ["stage", "trial", "lr", "reg", "log_lr", "log_reg", "val_accuracy", "diverged"],
                      "best": ["stage", "lr", "reg", "val_accuracy"],
                      "boxes": ["stage", "lr_lo", "lr_hi", "reg_lo", "reg_hi"]},
           "lrfind": {"curves": ["seed", "step", "lr", "loss", "smoothed"],
                      "stops": ["seed", "steps_run", "stop_lr", "reason"],
                      "suggestions": ["seed", "rule", "lr"], "spread": ["rule", "min_lr", "max_lr", "ratio"]}}


@pytest.mark.parametrize("part", list(S.EXPERIMENTS))
def test_frames_are_tidy_finite_and_deterministic(part):
    fn = S.EXPERIMENTS[part][0]
    first, again = fn(TINY[part]), fn(TINY[part])
    assert {name: list(frame.columns) for name, frame in first.items()} == COLUMNS[part]
    for name, frame in first.items():
        assert len(frame) > 0, name
        numbers = frame.select_dtypes("number").to_numpy(float)
        assert math.isfinite(numbers.sum()), name
        pd.testing.assert_frame_equal(frame, again[name])


# 4. Random vs grid search ----------------------------------------------------------------------------------

def test_random_search_beats_grid_search_when_one_hyperparameter_matters():
    """Bergstra & Bengio 2012: with the same 16 trials, the grid tries 4 values of the important
    hyperparameter and random search 16; over 200 problems random finds the better best in at least 60%
    (the issue's criterion; measured 79% at the default)."""
    cfg = S.GridRandomConfig()
    out = S.grid_vs_random(cfg)
    summary = out["summary"].set_index("method")
    assert summary.win_fraction["random"] >= 0.6
    assert summary.win_fraction.sum() + summary.tie_fraction["grid"] == pytest.approx(1.0)  # ties apart
    trials = out["trials"]
    tried = trials.groupby("method").important.nunique()
    assert tried["grid"] == cfg.grid_side == summary.distinct_important_values["grid"]
    assert tried["random"] == cfg.grid_side ** 2 == summary.distinct_important_values["random"]
    assert summary.median_best["random"] > summary.median_best["grid"]
    assert S.search_winner(out["summary"]) == "random"
    even = out["summary"].assign(win_fraction=[0.4, 0.4])
    assert S.search_winner(even) == "tie"


def test_a_broad_bump_leaves_no_clear_winner():
    """When the score hardly changes across a grid cell (the bump's std 0.3, wider than a cell of 0.25),
    more values of it buy little: random wins about half the time. 200 repeats give a win fraction with a
    standard error of 0.035: 0.35-0.65 is four of them either side of a coin flip."""
    summary = S.grid_vs_random(S.GridRandomConfig(peak_width=0.3))["summary"].set_index("method")
    assert 0.35 <= summary.win_fraction["random"] <= 0.65


def test_grid_sits_at_cell_centres_and_the_response_peaks_at_one_plus_weight():
    important, unimportant = S.grid_points(4)
    assert sorted(set(important.tolist())) == [0.125, 0.375, 0.625, 0.875]
    assert torch.equal(important.unique(), unimportant.unique()) and len(important) == 16
    assert S.response(0.3, 0.7, 0.3, 0.7, 0.05, 0.25).item() == pytest.approx(1.25)
    assert S.response(0.3 + 0.05, 0.7, 0.3, 0.7, 0.05, 0.0).item() == pytest.approx(math.exp(-0.5))  # one std off


def test_the_best_rows_are_the_best_of_the_first_repeats_trials():
    out = S.grid_vs_random(S.GridRandomConfig(grid_side=3, repeats=20, seed=4))
    first = out["best"][out["best"].repeat == 0].set_index("method").best_score
    assert first.to_dict() == out["trials"].groupby("method").score.max().to_dict()


# 5. Coarse to fine -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def coarse_default():
    return S.coarse_to_fine(S.CoarseFineConfig())


def test_the_fine_stage_searches_a_quarter_box_around_the_best_coarse_trial(coarse_default):
    trials, best, boxes = (coarse_default[k] for k in ("trials", "best", "boxes"))
    coarse, fine = trials[trials.stage == "coarse"], trials[trials.stage == "fine"]
    top = coarse[~coarse.diverged].sort_values("val_accuracy", ascending=False, kind="stable").iloc[0]
    assert best.set_index("stage").loc["coarse", "lr"] == top.lr
    box = boxes.set_index("stage")
    for axis, centre in (("lr", top.log_lr), ("reg", top.log_reg)):
        lo, hi = math.log10(box.loc["fine", f"{axis}_lo"]), math.log10(box.loc["fine", f"{axis}_hi"])
        wide = math.log10(box.loc["coarse", f"{axis}_hi"]) - math.log10(box.loc["coarse", f"{axis}_lo"])
        assert (lo + hi) / 2 == pytest.approx(centre) and hi - lo == pytest.approx(wide / S.FINE_ZOOM)
        assert fine[f"log_{axis}"].between(lo, hi).all()
        assert coarse[f"log_{axis}"].between(math.log10(box.loc["coarse", f"{axis}_lo"]),
                                             math.log10(box.loc["coarse", f"{axis}_hi"])).all()


def test_fine_trials_are_better_than_coarse_ones(coarse_default):
    """Trials where the good ones were do better: the fine stage's median validation accuracy beats the
    coarse stage's by at least 5 points (30 of 600 validation examples; measured 0.38 against 0.20)."""
    trials = coarse_default["trials"]
    median = trials.groupby("stage").val_accuracy.median()
    assert median["fine"] >= median["coarse"] + 0.05
    assert S.better_stage(trials) == "fine"
    assert trials.val_accuracy.max() > 0.3  # a real search: well above chance (0.1) on 10 classes


def test_runs_at_huge_rates_diverge_and_are_never_the_best():
    out = S.coarse_to_fine(S.CoarseFineConfig(coarse_trials=6, fine_trials=2, trial_steps=20, lr_lo=1.0, lr_hi=100.0,
                                            seed=2))
    trials = out["trials"]
    assert trials.diverged.any()
    for stage, row in out["best"].set_index("stage").iterrows():
        here = trials[trials.stage == stage]
        if (~here.diverged).any():
            assert not here[here.lr == row.lr].diverged.iloc[0]


def test_a_best_trial_near_the_edge_is_flagged():
    boxes = pd.DataFrame([{"stage": "coarse", "lr_lo": 1e-6, "lr_hi": 1e-3, "reg_lo": 1e-6, "reg_hi": 1.0}])
    inside = dict(stage="fine", lr_lo=1e-5, lr_hi=1e-4, reg_lo=1e-4, reg_hi=1e-2)
    assert S.past_the_edge(pd.concat([boxes, pd.DataFrame([inside])])) == []
    beyond = dict(inside, lr_hi=2e-3)  # the best lr was within half a fine box of the coarse range's top
    assert S.past_the_edge(pd.concat([boxes, pd.DataFrame([beyond])])) == ["lr"]


def test_log_uniform_draws_are_uniform_in_the_exponent():
    """Each decade equally likely: the mean exponent of 4,000 draws over [1e-6, 1] sits at -3 within 0.15
    (four standard errors: 6 / sqrt(12 * 4000) = 0.027 each) and every draw is inside the range."""
    values = torch.tensor(S.log_uniform(4000, 1e-6, 1.0, torch.Generator().manual_seed(0)))
    assert values.min() >= 1e-6 and values.max() <= 1.0
    assert values.log10().mean().item() == pytest.approx(-3.0, abs=0.15)
    assert ((values > 1e-6) & (values < 1e-5)).float().mean().item() == pytest.approx(1 / 6, abs=0.03)


# 6. Learning-rate range test -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def range_default():
    return S.lr_range(S.RangeConfig())


def test_minimum_over_ten_varies_less_across_seeds_than_steepest(range_default):
    """The issue's fact: over the default's 5 seeds, the max/min ratio of the minimum/10 suggestions is
    smaller than the steepest rule's (measured 3.5 against 1.2e5: the steepest slope of a smoothed noisy curve
    can sit anywhere, even in its flat start)."""
    spread = range_default["spread"].set_index("rule").ratio
    assert spread["minimum/10"] < spread["steepest"]
    assert S.steadier_rule(range_default["spread"]) == "minimum/10"


def test_runs_stop_at_four_times_their_smoothed_minimum_and_say_so(range_default):
    cfg = S.RangeConfig()
    stops = range_default["stops"].set_index("seed")
    assert set(stops.reason) <= {"4x minimum", "not finite", "end of range"}
    assert (stops.reason == "4x minimum").any()  # at hi = 100 most runs blow up (4 of 5 at the default)
    for seed, curve in range_default["curves"].groupby("seed"):
        assert curve.lr.iloc[0] == pytest.approx(cfg.lr_start) and len(curve) == stops.steps_run[seed]
        before = curve.smoothed.iloc[:-1]
        assert (before <= S.STOP_FACTOR * before.cummin()).all()  # never over the line before the end
        if stops.reason[seed] == "4x minimum":
            assert curve.smoothed.iloc[-1] > S.STOP_FACTOR * curve.smoothed.min()
            assert stops.steps_run[seed] < cfg.range_steps
        else:
            assert curve.lr.iloc[-1] == pytest.approx(cfg.lr_end) and stops.steps_run[seed] == cfg.range_steps


def test_smoothing_is_a_bias_corrected_average():
    """fastai's AvgSmoothLoss: a constant loss stays constant from the first step (the bias correction), and
    each value is the average of the losses so far weighted by beta ** age."""
    assert S.smoothed([2.0] * 5) == pytest.approx([2.0] * 5)
    losses = torch.rand(30, generator=torch.Generator().manual_seed(0)).tolist()
    for t, value in enumerate(S.smoothed(losses, beta=0.9)):
        weights = [0.9 ** (t - i) for i in range(t + 1)]
        assert value == pytest.approx(sum(w * v for w, v in zip(weights, losses)) / sum(weights))


def test_stop_reason_follows_fastai():
    assert S.stop_reason([2.0, 1.0, 3.9]) is None
    assert S.stop_reason([2.0, 1.0, 4.1]) == "4x minimum"
    assert S.stop_reason([2.0, float("nan")]) == "not finite"


def test_suggestions_on_a_known_curve():
    """On 60 steps the rules skip the first 6 points (a tenth of the planned steps) and the last 5: a cliff
    inside the first 6 is ignored; the steepest fall is at index 20 and the lowest point at index 40."""
    lrs = [10 ** (-6 + 0.1 * t) for t in range(60)]
    smooth = [3.0] * 60
    smooth[3] = -10.0  # inside the skipped start
    for t in range(20, 41):
        smooth[t] = 2.0 - 0.02 * (t - 20)
    smooth[20] = 2.5  # the largest drop: from index 20 to 21
    for t in range(41, 60):
        smooth[t] = 1.6 + 0.1 * (t - 40)
    rules = S.suggest(lrs, smooth, 60)
    assert rules["steepest"] == lrs[20] and rules["minimum/10"] == pytest.approx(lrs[40] / 10)


def test_the_range_test_loop_is_core_trains_loop():
    """range_test_run with a rate that never blows up updates the weights exactly as core.train.train with
    lr_factor = range_factor: same batches, same rates before the same updates."""
    data = make_dataset(S.range_spec(S.RangeConfig())[0])
    lo, hi, steps = 1e-3, 1e-1, 40
    mine = build_mlp(S.mlp_config(3), data.dim, data.classes)
    theirs = build_mlp(S.mlp_config(3), data.dim, data.classes)
    losses, reason = S.range_test_run(mine, data.x_train, data.y_train, "momentum", lo, hi, steps, 0.9, 32, 3)
    cfg = TrainConfig(optimizer="momentum", lr=lo, steps=steps, batch_size=32, seed=3, eval_every=steps)
    run = train(theirs, data, cfg, health=False, lr_factor=lambda t: S.range_factor(t, lo, hi, steps))
    assert reason == "end of range" and run.diverged_at is None and len(losses) == steps
    for a, b in zip(mine.parameters(), theirs.parameters()):
        assert torch.equal(a, b)
    assert S.range_factor(0, lo, hi, steps) == 1 and lo * S.range_factor(steps - 1, lo, hi, steps) == pytest.approx(hi)


# Budgets ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("part", ["coarse", "lrfind"])
def test_every_allowed_configuration_fits_the_budget(part):
    cfg = largest(type(S.EXPERIMENTS[part][1]))
    if part == "coarse":
        runs, steps, batch = cfg.coarse_trials + cfg.fine_trials, cfg.trial_steps, S.BATCH
    else:
        runs, steps, batch = cfg.seeds, cfg.range_steps, cfg.batch_size
    assert S.search_seconds(runs, steps, batch) <= BUDGET_SECONDS
    default = S.EXPERIMENTS[part][1]
    assert validate(type(default), {})[0] == default  # the default is not lowered


def test_a_long_search_is_lowered_and_says_so():
    cfg, notes = validate(S.CoarseFineConfig, {"coarse_trials": 30, "fine_trials": 20, "trial_steps": 400})
    assert cfg.trial_steps < 400 and ("trial_steps", 400, cfg.trial_steps, "budget") in notes


@pytest.mark.parametrize("part, presets", [("search", S.SEARCH_PRESETS), ("coarse", S.COARSE_PRESETS),
                                            ("lrfind", S.RANGE_PRESETS)])
def test_presets_are_allowed_settings(part, presets):
    """Every preset is a set of valid values (nothing replaced); budget lowering is allowed and said."""
    cls = type(S.EXPERIMENTS[part][1])
    for name, values in presets.items():
        _, notes = validate(cls, values)
        assert all(len(note) == 4 for note in notes), (name, notes)


def test_the_charts_are_valid_vega_lite():
    """Each chart builder of ui/charts_search.py on real (tiny) results: a spec that validates against the
    Vega-Lite schema and serializes to JSON (what Streamlit sends)."""
    import json

    from ui import charts_search as C

    search, coarse, lrfind = (S.EXPERIMENTS[part][0](TINY[part]) for part in ("search", "coarse", "lrfind"))
    cfg = TINY["lrfind"]
    figures = [C.trials_on_response(search["trials"], search["response"], "t"), C.best_scores(search["best"], "t"),
               C.search_scatter(coarse["trials"], coarse["boxes"], coarse["best"], "t"),
               C.accuracy_against(coarse["trials"], "lr", "t"),
               C.range_band(lrfind["curves"], lrfind["suggestions"], (cfg.lr_start, cfg.lr_end), "t"),
               C.suggestion_strip(lrfind["suggestions"], (cfg.lr_start, cfg.lr_end), "t")]
    point = S.coarse_to_fine(S.CoarseFineConfig(coarse_trials=4, fine_trials=2, trial_steps=20, lr_lo=0.01,
                                                lr_hi=0.01, reg_lo=1e-3, reg_hi=1e-3))  # ranges of one value
    figures += [C.search_scatter(point["trials"], point["boxes"], point["best"], "t"),
                C.accuracy_against(point["trials"], "reg", "t")]
    for figure in figures:
        spec = json.loads(json.dumps(figure.to_dict(validate=True)))  # validates, and survives the trip to JSON
        assert "vega-lite" in spec["$schema"] and any(key in spec for key in ("mark", "layer", "hconcat", "vconcat"))
        assert spec["datasets"] and any(len(rows) for rows in spec["datasets"].values())  # drawn from the results
