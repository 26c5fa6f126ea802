"""Copy as PyTorch code, Optimizers page: the scripts follow every setting, not only the page defaults
(tests/test_codegen.py runs those): each surface, Newton and L-BFGS, gradient noise, paths that leave
the view, every update rule, unreached tolerances, minibatches, divergence and every schedule."""

import math
import random

import pytest
from test_codegen import assert_reproduces

from core import optimizers
from core.params import specs, validate
from export import exports

SCOPE = "optimizers"


# The quadratic runs at the page default (tests/test_codegen.py) and the saddle in its own part.
@pytest.mark.parametrize("surface", ["rosenbrock", "beale", "multimodal"])
def test_race_script_on_every_surface_with_noise(surface, tmp_path):
    x0, y0 = optimizers.VIEWS[surface].start
    cfg = optimizers.RaceConfig(surface=surface, x0=x0, y0=y0, steps=30, noise=0.3, kappa=20.0, seed=3,
                                optimizers=("sgd", "nesterov", "adagrad", "adamw", "newton", "lbfgs"))
    _, summary = assert_reproduces(SCOPE, "race", cfg, tmp_path)["summary"]
    assert list(summary.optimizer) == list(cfg.optimizers)


def test_race_script_with_own_rates_and_a_path_that_leaves(tmp_path):
    cfg = optimizers.RaceConfig(shared_lr=False, lr_sgd=2.0, lr_momentum=0.5, lr_rmsprop=0.3, lr_newton=0.5,
                                beta=0.5, steps=40, optimizers=("sgd", "momentum", "rmsprop", "newton"))
    _, summary = assert_reproduces(SCOPE, "race", cfg, tmp_path)["summary"]
    left = summary.set_index("optimizer").left_view_at
    assert left["sgd"] <= 40  # SGD at 2.0 x kappa 50 jumps out of the view, and the script stops it there too
    assert summary.set_index("optimizer").lr["sgd"] == 2.0


def test_inside_script_with_every_rule_and_a_late_inspection(tmp_path):
    cfg = optimizers.InsideConfig(surface="rosenbrock", x0=-1.5, y0=2.5, lr=0.002, beta=0.8, steps=25, inspect=400,
                                  optimizers=optimizers.FIRST_ORDER)
    _, state = assert_reproduces(SCOPE, "inside", cfg, tmp_path)["state"]
    assert set(state.step) == {25}  # the last step: momentum and Nesterov have left the view by then


def test_inside_script_when_a_path_leaves_early(tmp_path):
    cfg = optimizers.InsideConfig(kappa=100.0, lr=0.5, steps=40, inspect=3, optimizers=("sgd", "adagrad", "adam"))
    assert optimizers.inside_state(cfg)["paths"].groupby("optimizer").step.max().min() < 40
    _, state = assert_reproduces(SCOPE, "inside", cfg, tmp_path)["state"]
    assert set(state.step) == {3}


def test_saddle_script_follows_the_settings(tmp_path):
    cfg = optimizers.SaddleConfig(offset=1e-3, noise=0.5, lr=0.2, x0=1.0, steps=60, seed=7)
    _, escape = assert_reproduces(SCOPE, "saddle", cfg, tmp_path)["escape"]
    assert "sgd, y0=0, noise 0.5" in set(escape.variant)  # a label with commas survives the CSV


@pytest.mark.parametrize("cfg,reached", [(optimizers.TheoryConfig(kappa=10.0, tol=1e-6, max_steps=500), True),
                                         (optimizers.TheoryConfig(kappa=1000.0, max_steps=100), False)])
def test_theory_script_follows_the_settings(cfg, reached, tmp_path):
    tables = assert_reproduces(SCOPE, "theory", cfg, tmp_path)
    assert tables["summary"][1].iterations.notna().all() == reached
    assert set(tables["limits"][1].method) == {"gd", "momentum"}


def test_network_script_stops_a_diverging_run_at_the_same_step(tmp_path):
    cfg = optimizers.NetworkConfig(optimizers=("rmsprop", "adam", "adamw"), lr_scale=100.0, steps=30, batch_size=64)
    _, summary = assert_reproduces(SCOPE, "network", cfg, tmp_path)["summary"]
    diverged = summary.set_index("variant").diverged_at
    assert diverged["rmsprop"] >= 0 and math.isnan(diverged["adam"])  # RMSProp at 0.3 blows up, Adam does not


def test_sweep_script_with_minibatches_and_divergence(tmp_path):
    cfg = optimizers.SweepConfig(optimizers=("nesterov", "adagrad", "rmsprop", "adamw"), dataset="moons", width=8,
                                 lo=10.0, hi=0.01, points=3, steps=20, batch_size=48, seed=2)
    _, sweep = assert_reproduces(SCOPE, "sweep", cfg, tmp_path)["sweep"]
    at_10 = sweep[sweep.point == 2]
    assert at_10.diverged.all() and (at_10.final_loss == optimizers.DIVERGED_LOSS).all()
    assert not sweep[sweep.point == 0].diverged.any()


def test_schedules_script_with_every_schedule_full_batch(tmp_path):
    cfg = optimizers.ScheduleConfig(schedules=optimizers.SCHEDULES, optimizer="adam", lr=0.02, steps=40,
                                    drop_every=10, drop_factor=0.5, decay=0.1, warmup=7, batch_size=0, seed=1)
    _, summary = assert_reproduces(SCOPE, "schedules", cfg, tmp_path)["summary"]
    assert list(summary.variant) == list(optimizers.SCHEDULES)


def test_schedules_script_stops_a_diverging_run_where_the_app_does(tmp_path):
    cfg = optimizers.ScheduleConfig(schedules=("flat", "warmup"), optimizer="rmsprop", lr=0.5, steps=60,
                                    warmup=50)
    _, summary = assert_reproduces(SCOPE, "schedules", cfg, tmp_path)["summary"]
    diverged = summary.set_index("variant").diverged_at
    assert diverged["flat"] >= 0 and math.isnan(diverged["warmup"])  # the warmup keeps RMSProp at 0.5 stable


def random_config(cls, rng: random.Random):
    values = {}
    for name, spec in specs(cls).items():
        if spec.kind in ("int", "float"):
            values[name] = rng.choice([spec.lo, spec.hi, rng.uniform(spec.lo, spec.hi)])
        elif spec.kind == "choice":
            values[name] = rng.choice(spec.options)
        elif spec.kind == "flag":
            values[name] = rng.random() < 0.5
        else:
            values[name] = tuple(o for o in spec.options if rng.random() < 0.5)
    return validate(cls, values)[0]


@pytest.mark.parametrize("part", list(exports(SCOPE)))
def test_any_valid_config_gives_a_script_that_compiles(part):
    rng, cls = random.Random(part), type(optimizers.EXPERIMENTS[part][1])
    for _ in range(20):
        cfg = random_config(cls, rng)
        script = exports(SCOPE)[part].script(cfg)
        code = compile(script, f"{part}.py", "exec")
        assert "main" in code.co_names and script.rstrip().endswith(")")  # defines main and calls it
