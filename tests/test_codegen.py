"""Copy as PyTorch code: every exported script, run on its own, prints the app's numbers.

A script prints one of the app's tables as CSV under a first line `# <table> by <key,...>`; the test
joins it with that table of the app's result on the keys and compares every other column.
"""

import io
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from core import activations as A
from core import batchnorm, initialization, optimizers, regularization, transfer
from core.codegen import mlp_script
from core.data import make_dataset
from core.models import build_mlp
from core.train import summary, twin_runs

TOPICS = [A, initialization, batchnorm, optimizers, regularization, transfer]
EXPORTS = [(m, part) for m in TOPICS for part in getattr(m, "CODE", {})]
# Smaller settings for parts whose page default is slow to run twice (app and script); keys as in EXPERIMENTS.
SMALL: dict[tuple[str, str], dict] = {("transfer", "strategies"): {"steps": 40},
                                       ("transfer", "curves"): {"seeds": 1, "steps": 20},
                                       ("transfer", "table"): {"steps": 20}}


def run_script(source: str, tmp_path) -> tuple[str, list[str], pd.DataFrame]:
    """Run a script in a fresh interpreter: (table name, key columns, the printed table)."""
    path = tmp_path / "run.py"
    path.write_text(source)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    first, _, body = out.stdout.partition("\n")
    assert first.startswith("# ") and " by " in first, first
    table, _, keys = first[2:].partition(" by ")
    return table.strip(), keys.strip().split(","), pd.read_csv(io.StringIO(body))


def assert_same_numbers(printed: pd.DataFrame, app: pd.DataFrame, keys: list[str]) -> None:
    """Every printed row is a row of the app's table, and agrees with it to float32 rounding."""
    values = [c for c in printed.columns if c not in keys]
    assert set(values) <= set(app.columns), set(values) - set(app.columns)
    printed = printed.astype({k: app[k].dtype for k in keys if app[k].dtype.kind in "iub"})
    merged = printed.merge(app[keys + values], on=keys, how="left", suffixes=("", "_app"), indicator=True)
    assert len(printed) > 0 and (merged._merge == "both").all(), merged[merged._merge != "both"][keys]
    assert len(merged) == len(printed), "the keys do not single out the app's rows"
    for c in values:
        mine = pd.to_numeric(merged[c], errors="coerce").to_numpy(float)
        theirs = pd.to_numeric(merged[f"{c}_app"], errors="coerce").to_numpy(float)
        np.testing.assert_allclose(mine, theirs, rtol=1e-4, atol=1e-5, equal_nan=True, err_msg=c)


def assert_reproduces(module, part: str, cfg, tmp_path) -> None:
    script = module.CODE[part](cfg)
    assert script is not None
    for path in getattr(module, "CODE_FILES", {}).get(part, []):  # files the script reads beside it
        shutil.copy(path, tmp_path / path.name)
    table, keys, printed = run_script(script, tmp_path)
    out = module.EXPERIMENTS[part][0](cfg)
    assert_same_numbers(printed, out[table] if isinstance(out, dict) else out, keys)


@pytest.mark.parametrize("module,part", EXPORTS, ids=[f"{m.__name__.split('.')[-1]}-{p}" for m, p in EXPORTS])
def test_every_export_reproduces_its_page_default(module, part, tmp_path):
    default = module.EXPERIMENTS[part][1]
    small = SMALL.get((module.__name__.split(".")[-1], part), {})
    assert_reproduces(module, part, default.__class__(**{**default.__dict__, **small}), tmp_path)


@pytest.mark.parametrize("cfg", [
    A.RaceConfig(activations=("relu", "tanh", "leaky_relu"), steps=30, n=90),
    A.RaceConfig(activations=("elu", "sigmoid"), dataset="moons", optimizer="sgd", lr=0.5, steps=25, n=120),
])
def test_race_script_follows_the_settings(cfg, tmp_path):
    assert_reproduces(A, "race", cfg, tmp_path)


def test_script_with_minibatches_and_dropout_reproduces_the_loop(tmp_path):
    data, models, train = A.dead_spec(A.DeadConfig(steps=20, width=16))
    models = {k: m.__class__(**{**m.__dict__, "dropout": 0.2}) for k, m in models.items()}
    train = train.__class__(**{**train.__dict__, "batch_size": 32})
    _, keys, printed = run_script(mlp_script("dead", data, models, train), tmp_path)
    runs = twin_runs(lambda v: build_mlp(models[v], 2, 3), list(models), make_dataset(data), train)
    assert set(printed.variant) == {"relu", "leaky_relu", "elu"}
    assert_same_numbers(printed, summary(runs), keys)


def test_a_diverging_run_stops_at_the_same_step(tmp_path):
    cfg = optimizers.NetworkConfig(optimizers=("rmsprop", "adam"), lr_scale=100.0, steps=30)
    _, keys, printed = run_script(optimizers.CODE["network"](cfg), tmp_path)
    assert printed.diverged_at.notna().any()
    assert_same_numbers(printed, optimizers.network(cfg)["summary"], keys)


def test_maxout_gets_no_script():
    assert A.CODE["race"](A.RaceConfig(activations=("relu", "maxout"))) is None


def test_initialization_script_follows_the_settings(tmp_path):
    cfg = initialization.TrainingConfig(inits=("normal", "xavier_normal"), steps=20, width=16, depth=3)
    assert_reproduces(initialization, "training", cfg, tmp_path)


# Parts with nothing to reproduce as a training script: curves of formulas, a timing of exp(), Taylor
# models at one point, the backbone's facts, target samples and a parameter count.
NO_SCRIPT = {("activations", "shapes"), ("activations", "cost"), ("optimizers", "taylor"),
             ("transfer", "backbone"), ("transfer", "targets"), ("transfer", "imagenet")}


def test_every_other_part_has_a_script():
    missing = {(m.__name__.split(".")[-1], part) for m in TOPICS for part in m.EXPERIMENTS
               if part not in getattr(m, "CODE", {})}
    assert missing == NO_SCRIPT
