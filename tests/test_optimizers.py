"""The Optimizers page: update rules against torch.optim, the lecture's facts, and the page itself."""

import math

import pytest
import torch

from core import optimizers as O
from tests.conftest import open_page, problems, texts


# Oracle: the hand-written rules the page explains are torch.optim's, step for step ----------------
@pytest.mark.parametrize("name", O.FIRST_ORDER)
def test_hand_written_rule_matches_torch_optim(name):
    g = torch.Generator().manual_seed(1)
    p_torch = torch.randn(5, generator=g, dtype=O.D).requires_grad_()
    p_hand, state = p_torch.detach().clone(), {}
    opt = O.make_optimizer(name, p_torch, lr=0.05, beta=0.8, weight_decay=0.1)
    for _ in range(25):
        grad = torch.randn(5, generator=g, dtype=O.D) * 3 + p_hand  # gradients that depend on where we are
        p_hand = O.rule_step(name, p_hand, grad, state, lr=0.05, beta=0.8, weight_decay=0.1)
        p_torch.grad = grad.clone()
        opt.step()
        # float64, so any real difference in the rule shows far above 1e-12
        assert torch.allclose(p_hand, p_torch.detach(), rtol=0, atol=1e-12), name


# Saddles ----------------------------------------------------------------------------------------
def test_sgd_on_the_ridge_stays_on_it_and_adam_leaves_from_1e_8():
    out = O.saddle_runs(O.SaddleConfig(offset=1e-8, steps=300))
    paths, escape = out["paths"], out["escape"].set_index("variant")
    ridge = paths[paths.variant == "sgd, y0=0"]
    assert (ridge.y == 0.0).all() and len(ridge) == 301  # exactly 0 at every step: the gradient in y is 0
    assert ridge.x.abs().iloc[-1] < 1e-6  # ... and it converges to the saddle point itself
    assert escape.steps_to_leave["adam, y0=1e-08"] < 50  # Adam normalizes the tiny gradient to a full step
    assert escape.steps_to_leave["adam, y0=1e-08"] < escape.steps_to_leave["sgd, y0=1e-08"]
    assert math.isnan(escape.steps_to_leave["adam, y0=0"])  # exactly on the ridge Adam has nothing to scale
    assert not math.isnan(escape.steps_to_leave["sgd, y0=0, noise 0.1"])  # noise pushes it off


# Momentum against theory ------------------------------------------------------------------------
def test_momentum_needs_far_fewer_iterations_than_gd_on_kappa_100():
    s = O.theory(O.TheoryConfig(kappa=100, tol=1e-3)).get("summary").set_index("method")
    assert 300 <= s.iterations["gd"] <= 400  # the issue: around 350 (prediction 363)
    assert 40 <= s.iterations["momentum"] <= 80  # the issue: around 60
    assert s.measured_rate["gd"] == pytest.approx(99 / 101, rel=1e-3)  # (kappa - 1) / (kappa + 1)


def test_stability_limits_found_by_the_run():
    assert O.quadratic_run(100, 0.021, 0.0, 3000)[-1] > 1e6  # past 2/lambda_max = 0.02: diverges (stopped at 1e6)
    assert O.quadratic_run(100, 0.035, 0.9, 3000, tol=1e-3)[-1] < 1e-3  # below 3.8/100
    limits = O.theory(O.TheoryConfig(kappa=100, beta=0.9))["limits"].set_index("method")
    assert limits.found_max_lr["gd"] == pytest.approx(0.02, rel=0.01)
    assert limits.found_max_lr["momentum"] == pytest.approx(0.038, rel=0.01)  # (2 + 2 beta) / lambda_max


# Second order -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kappa", [1.0, 20.0, 100.0])
def test_newton_reaches_the_minimum_of_a_quadratic_in_one_step(kappa):
    path = O.descend("quadratic", O.VIEWS["quadratic"].box, (-2.2, 1.3), "newton", 1.0, 3, kappa=kappa)
    assert abs(path[1]["x"]) < 1e-12 and abs(path[1]["y"]) < 1e-12


def test_taylor_newton_step_lands_at_the_quadratic_models_minimum():
    steps = O.taylor(O.TaylorConfig())["steps"].set_index("step")
    assert steps.curvature["newton"] > 0
    model_min = steps.value["start"] - 0.5 * (steps.s["newton"] * steps.curvature["newton"]) * steps.s["newton"]
    assert steps.model_value["newton"] == pytest.approx(model_min, rel=1e-9)
    assert steps.model_value["newton"] < steps.model_value["gradient"]


def test_hessian_cost_grows_with_the_square_of_parameters():
    h = O.hessian_costs(64, 2).set_index("network")
    assert h.parameters["MLP 2-64-64-3 (spiral)"] == 2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3
    assert (h.hessian_entries == h.parameters.astype(float) ** 2).all()
    assert h.hessian_gb["ResNet-18"] > 5e5  # half a petabyte
    assert h.inverse_gflop["ResNet-18"] == pytest.approx(11_689_512.0 ** 3 / 1e9)
    # a browser's table shows an integral float beyond 2^53 unformatted, as an error cell
    assert (h.select_dtypes("number").abs() < 2.0 ** 53).all().all()


# Experiments: shapes, determinism -----------------------------------------------------------------
def test_race_is_deterministic_with_noise_and_has_every_optimizer():
    cfg = O.RaceConfig(optimizers=O.ALL_OPTIMIZERS, steps=20, noise=0.5, grid=10)
    a, b = O.race(cfg), O.race(cfg)
    assert a["paths"].equals(b["paths"]) and set(a["paths"].optimizer) == set(O.ALL_OPTIMIZERS)
    assert a["paths"][["x", "y", "loss"]].map(math.isfinite).all().all()


@pytest.mark.parametrize("surface", list(O.SURFACES))
def test_every_surface_runs_from_its_own_start(surface):
    start = O.VIEWS[surface].start
    cfg = O.RaceConfig(surface=surface, x0=start[0], y0=start[1], steps=20, grid=10,
                       optimizers=("sgd", "adam", "lbfgs"))
    out = O.race(cfg)
    assert len(out["grid"]) == 100 and out["paths"].step.max() >= 1


def test_inside_state_effective_rate_of_sgd_is_the_learning_rate():
    state = O.inside_state(O.InsideConfig(steps=10, optimizers=("sgd", "adam")))["state"]
    sgd = state[state.optimizer == "sgd"]
    assert sgd.effective_lr.to_numpy() == pytest.approx(0.08)
    adam = state[(state.optimizer == "adam") & (state.step == 1)]
    assert adam["update"].abs().to_numpy() == pytest.approx(0.08, rel=1e-6)  # Adam's first step is lr per coordinate


def test_network_twin_runs_share_initial_weights():
    out = O.network(O.NetworkConfig(optimizers=("sgd", "adam", "adamw"), steps=20, width=8))
    first = out["history"][(out["history"].step == 0) & (out["history"].split == "train")]
    assert first.loss.nunique() == 1 and len(first) == 3
    final = out["summary"].set_index("variant").train_loss
    assert final["adam"] != final["adamw"]  # AdamW's decoupled decay makes a difference


def test_sweep_marks_divergence_and_is_deterministic():
    cfg = O.SweepConfig(optimizers=("adam",), lo=1e-3, hi=10.0, points=3, steps=20, width=8)
    a = O.sweep(cfg)
    assert a.equals(O.sweep(cfg)) and list(a.lr) == pytest.approx([1e-3, 0.1, 10.0])
    assert a.diverged.tolist() == [False, False, True]  # Adam at 10 blows up ...
    assert a.final_loss.iloc[-1] == O.DIVERGED_LOSS  # ... and is drawn at the cap


def test_the_health_views_run_of_the_sweep_is_the_sweeps_own_run():
    """The sweep keeps no health record; the view trains the picked run again, recording: the same final loss
    (or the same divergence) as the sweep's, and a record of that run only."""
    cfg = O.SweepConfig(optimizers=("sgd", "adam"), lo=1e-3, hi=10.0, points=3, steps=20, width=8)
    rows = O.sweep(cfg).set_index(["optimizer", "point"])
    jobs = O.sweep_jobs(cfg)
    assert list(jobs) == [f"{o} · lr {lr}" for o in ("sgd", "adam") for lr in ("0.001", "0.1", "10")]
    for point, (name, (optimizer, _)) in enumerate(jobs.items()):
        out = O.sweep_health(O.SweepRun(**vars(cfg), run=name))
        row, h = rows.loc[(optimizer, point % 3)], out["history"]
        final = h[(h.split == "train") & (h.step == cfg.steps)].loss
        assert row.diverged == final.empty and (final.empty or final.iloc[0] == row.final_loss), name
        assert set(out["health"].variant) == {name} and out["health"].layer.max() == 2


def test_schedules_shape_the_learning_rate():
    cfg = O.ScheduleConfig(schedules=O.SCHEDULES, steps=40, drop_every=10, warmup=10)
    out = O.schedules(cfg)
    lr = out["schedule"].pivot(index="step", columns="schedule", values="lr")
    assert lr["step"][25] == pytest.approx(cfg.lr * 0.01)  # two drops by 0.1
    assert lr["cosine"][0] == pytest.approx(cfg.lr) and lr["cosine"][39] < cfg.lr * 0.01
    assert lr["warmup"][0] == pytest.approx(cfg.lr / 10) and lr["warmup"][20] == pytest.approx(cfg.lr)
    assert (lr["flat"] == cfg.lr).all()
    final = out["summary"].set_index("variant").train_loss
    assert final["flat"] != final["step"]  # the schedule reached the optimizer


# The page ------------------------------------------------------------------------------------------


def test_page_reads_the_url_and_speaks_korean():
    at = open_page("app_pages/optimizers.py", part="theory", kappa="50", lang="ko")
    assert problems(at) == []
    assert "κ = 50" in texts(at) and "반복" in texts(at)


def test_bad_url_values_get_a_note():
    at = open_page("app_pages/optimizers.py", part="race", surf="nope", steps="-3", opts="zzz")
    notes = "\n".join(w.value for w in at.warning)
    assert problems(at) == [] and "`surf=nope`" in notes and "`steps=-3`" in notes and "`opts=zzz`" in notes


PRESETS = [("race", "taco"), ("race", "saddle"), ("race", "rosenbrock"), ("race", "beale"), ("race", "local"),
           ("race", "noisy"), ("saddle", "exact"), ("taylor", "concave")]


@pytest.mark.parametrize("part,preset", PRESETS)
def test_presets_apply(part, preset):
    at = open_page("app_pages/optimizers.py", part=part)
    at.button(key=f"preset_{preset}").click().run()
    assert problems(at) == [] and len(at.info) >= 1


def test_nesterov_without_momentum_is_plain_sgd():
    """beta = 0 is allowed on the race: Nesterov then has nothing to look ahead with and follows SGD
    (torch's SGD refuses nesterov=True with momentum 0, which used to end the page in a traceback)."""
    cfg = O.RaceConfig(optimizers=("sgd", "nesterov"), beta=0.0, steps=30)
    paths = O.race(cfg)["paths"].set_index(["optimizer", "step"])
    assert paths.loc["nesterov"][["x", "y"]].equals(paths.loc["sgd"][["x", "y"]])


# The race's step slider lives in the chart (issue 19: client-side scrubbing) ------------------------
def race_map(at) -> dict:
    import json

    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    return next(spec for spec in specs if any(p.get("name") == "at" for p in spec.get("params", [])))


def share_link(at) -> str:
    """The sidebar's link to this run (AppTest has no base URL: the link is its query, or "/")."""
    return next(c.value for c in at.code if c.value.startswith(("?", "/", "http")))


def test_race_step_is_a_chart_parameter_not_a_widget_and_the_url_sets_where_it_starts():
    """No Streamlit slider keyed `at` (moving one would run the page again): the map carries a Vega-Lite
    parameter `at` bound to a range input over the run's steps, starting at the URL's step, which the
    share link keeps; the paths and their dots are filtered by it in the browser."""
    at = open_page("app_pages/optimizers.py", part="race", steps="60", at="25")
    assert problems(at) == [] and not at.warning
    assert "at" not in [s.key for s in at.slider]
    spec = race_map(at)
    (param,) = [p for p in spec["params"] if p["name"] == "at"]
    assert param["value"] == 25 and param["bind"] == {**param["bind"], "input": "range", "min": 0, "max": 60, "step": 1}
    filters = [f["filter"] for layer in spec["layer"] for f in layer.get("transform", []) if "filter" in f]
    assert "(datum.step <= at)" in filters
    assert "at=25" in share_link(at)


@pytest.mark.parametrize("given, used", [("999", 60), ("abc", 60), ("-4", 0)])
def test_a_bad_url_step_is_replaced_with_a_note(given, used):
    at = open_page("app_pages/optimizers.py", part="race", steps="60", at=given)
    (param,) = [p for p in race_map(at)["params"] if p["name"] == "at"]
    assert param["value"] == used
    assert any(f"`at={given}`" in w.value for w in at.warning), [w.value for w in at.warning]
    assert ("at=" in share_link(at)) == (used != 60)  # the default (the last step) stays out of the link
