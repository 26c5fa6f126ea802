"""Copy as PyTorch code, Optimizers page: the scripts follow every setting, not only the page defaults
(tests/test_codegen.py runs those): each surface, Newton and L-BFGS, gradient noise, paths that leave
the view, every update rule, unreached tolerances, minibatches, divergence and every schedule."""

import random
import time

import pytest
from test_codegen import assert_reproduces

from core import optimizers as O
from core.params import specs, validate


@pytest.mark.parametrize("surface", list(O.SURFACES))
def test_race_script_on_every_surface_with_noise(surface, tmp_path):
    x0, y0 = O.SURFACES[surface].start
    cfg = O.RaceConfig(surface=surface, x0=x0, y0=y0, steps=30, noise=0.3, kappa=20.0, seed=3,
                       optimizers=("sgd", "nesterov", "adagrad", "adamw", "newton", "lbfgs"))
    assert_reproduces(O, "race", cfg, tmp_path)


def test_race_script_with_own_rates_and_a_path_that_leaves(tmp_path):
    cfg = O.RaceConfig(shared_lr=False, lr_sgd=2.0, lr_momentum=0.5, lr_rmsprop=0.3, lr_newton=0.5, beta=0.5,
                       steps=40, optimizers=("sgd", "momentum", "rmsprop", "newton"))
    assert O.race(cfg)["summary"].left_view_at.notna().any()  # SGD at 2.0 x kappa 50 jumps out
    assert_reproduces(O, "race", cfg, tmp_path)


def test_inside_script_with_every_rule_and_a_late_inspection(tmp_path):
    cfg = O.InsideConfig(surface="rosenbrock", x0=-1.5, y0=2.5, lr=0.002, beta=0.8, steps=25, inspect=400,
                         optimizers=O.FIRST_ORDER)
    assert_reproduces(O, "inside", cfg, tmp_path)


def test_inside_script_when_a_path_leaves_early(tmp_path):
    cfg = O.InsideConfig(kappa=100.0, lr=0.5, steps=40, inspect=3, optimizers=("sgd", "adagrad", "adam"))
    assert O.inside_state(cfg)["paths"].groupby("optimizer").step.max().min() < 40
    assert_reproduces(O, "inside", cfg, tmp_path)


def test_saddle_script_follows_the_settings(tmp_path):
    assert_reproduces(O, "saddle", O.SaddleConfig(offset=1e-3, noise=0.5, lr=0.2, x0=1.0, steps=60, seed=7), tmp_path)


@pytest.mark.parametrize("cfg", [O.TheoryConfig(kappa=10.0, tol=1e-6, max_steps=500),
                                 O.TheoryConfig(kappa=1000.0, max_steps=100)])  # the tolerance is not reached
def test_theory_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(O, "theory", cfg, tmp_path)


def test_sweep_script_with_minibatches_and_divergence(tmp_path):
    cfg = O.SweepConfig(optimizers=("nesterov", "adagrad", "rmsprop", "adamw"), dataset="moons", width=8,
                        lo=10.0, hi=0.01, points=3, steps=20, batch_size=48, seed=2)
    assert O.sweep(cfg).diverged.any()
    assert_reproduces(O, "sweep", cfg, tmp_path)


def test_schedules_script_with_every_schedule_full_batch(tmp_path):
    cfg = O.ScheduleConfig(schedules=O.SCHEDULES, optimizer="adam", lr=0.02, steps=40, drop_every=10,
                           drop_factor=0.5, decay=0.1, warmup=7, batch_size=0, seed=1)
    assert_reproduces(O, "schedules", cfg, tmp_path)


def test_schedules_script_stops_a_diverging_run_where_the_app_does(tmp_path):
    cfg = O.ScheduleConfig(schedules=("constant", "warmup"), optimizer="rmsprop", lr=0.5, steps=60, warmup=50)
    assert O.schedules(cfg)["summary"].diverged_at.notna().any()
    assert_reproduces(O, "schedules", cfg, tmp_path)


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


@pytest.mark.parametrize("part", [p for p in O.CODE if p != "network"])
def test_any_valid_config_gives_a_script_that_compiles_quickly(part):
    rng, cls = random.Random(part), type(O.EXPERIMENTS[part][1])
    O.CODE[part](O.EXPERIMENTS[part][1])  # the first call imports the generator module
    seconds = []
    for _ in range(200):
        cfg = random_config(cls, rng)
        start = time.perf_counter()
        script = O.CODE[part](cfg)
        seconds.append(time.perf_counter() - start)
        compile(script, f"{part}.py", "exec")
    assert sorted(seconds)[100] < 0.005  # the median: a busy machine may delay a single call
