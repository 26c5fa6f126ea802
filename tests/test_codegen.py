"""Copy as PyTorch code: every exported script, run on its own, prints the app's numbers, and reads as
plain Python (ruff passes on it).

A script prints the app's tables as CSV, each under a line `# <table> by <key,...>`; the test joins each
with that table of the app's result on the keys and compares every other column. The pages come from
ui/topics.py, so a new page's exports are tested without a line here.
"""

import contextlib
import importlib
import io
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from export import exports
from ui.topics import TOPICS

SCOPES = [topic.scope for topic in TOPICS]
EXPORTS = [(scope, part) for scope in SCOPES for part in exports(scope)]
# Smaller settings for parts whose page default is slow to run twice (app and script); keys as in EXPERIMENTS.
SMALL: dict[tuple[str, str], dict] = {("transfer", "strategies"): {"steps": 40},
                                       ("transfer", "curves"): {"seeds": 1, "steps": 20},
                                       ("transfer", "table"): {"steps": 20},
                                       ("babysitting", "coarse"): {"coarse_trials": 6, "fine_trials": 4,
                                                                   "trial_steps": 50},
                                       ("initialization", "he2015"): {"steps": 50},
                                       ("batchnorm", "ioffe2015"): {"steps": 100},
                                       ("regularization", "zhang2017"): {"steps": 100},
                                       ("optimizers", "cohen2021"): {"steps": 500}}


def engine(scope: str):
    return importlib.import_module(f"core.{scope}")


def run_script(source: str, tmp_path, fresh: bool = True) -> dict[str, tuple[list[str], pd.DataFrame]]:
    """Run a script as __main__ in its folder: {table name: (key columns, the printed table)}. fresh: in a
    new interpreter, as a learner runs it (the page-default test of every export); else in this process, with
    its own globals (the many other settings of the per-page tests: no second torch import each)."""
    path = tmp_path / "run.py"
    path.write_text(source)
    if fresh:
        out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert out.returncode == 0, out.stderr[-3000:]
        stdout = out.stdout
    else:
        buffer, here = io.StringIO(), os.getcwd()
        try:
            os.chdir(tmp_path)
            with contextlib.redirect_stdout(buffer):  # the project's own generated code, not user input
                exec(compile(source, str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})
        finally:
            os.chdir(here)
        stdout = buffer.getvalue()
    return parse_tables(stdout)


def parse_tables(stdout: str) -> dict[str, tuple[list[str], pd.DataFrame]]:
    """What an export printed (a script, or a notebook's cells): {table name: (key columns, the table)},
    each table CSV under a line `# <table> by <key,...>`, tables separated by a blank line."""
    tables = {}
    for block in stdout.strip().split("\n\n"):
        first, _, body = block.strip().partition("\n")
        assert first.startswith("# ") and " by " in first, first
        name, _, keys = first[2:].partition(" by ")
        tables[name.strip()] = (keys.strip().split(","), pd.read_csv(io.StringIO(body)))
    assert tables, "the export printed no table"
    return tables


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


def assert_reproduces(scope: str, part: str, cfg, tmp_path, fresh: bool = False) -> dict:
    """Run the part's script for cfg and hold every table it prints to the app's; returns the tables."""
    export = exports(scope)[part]
    script = export.script(cfg)
    assert script is not None
    for path in export.files:  # files the script reads beside it
        shutil.copy(path, tmp_path / path.name)
    tables = run_script(script, tmp_path, fresh)
    out = engine(scope).EXPERIMENTS[part][0](cfg)
    for name, (keys, printed) in tables.items():
        app = out[name] if isinstance(out, dict) else out
        assert_same_numbers(printed, app, keys)
    return tables


def small_default(scope: str, part: str):
    default = engine(scope).EXPERIMENTS[part][1]
    return default.__class__(**{**default.__dict__, **SMALL.get((scope, part), {})})


@pytest.mark.parametrize("scope,part", EXPORTS, ids=[f"{s}-{p}" for s, p in EXPORTS])
def test_every_export_reproduces_its_page_default(scope, part, tmp_path):
    assert_reproduces(scope, part, small_default(scope, part), tmp_path, fresh=True)


@pytest.fixture(scope="module")
def ruff():
    exe = shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (pip install -r requirements-dev.txt)")
    return exe


@pytest.mark.parametrize("scope", SCOPES)
def test_every_script_passes_ruff_and_defines_only_what_it_uses(scope, ruff, tmp_path):
    """ruff (the project's configuration) finds nothing in any script at its page default; and every
    function or class a script defines is used by another part of the script."""
    for part, export in exports(scope).items():
        script = export.script(small_default(scope, part))
        path = tmp_path / f"{scope}_{part}.py"
        path.write_text(script)
        out = subprocess.run([ruff, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(path)],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stdout[-3000:]
        assert_all_defined_names_used(script, f"{scope}-{part}")


def assert_all_defined_names_used(script: str, what: str) -> None:
    import ast

    tree = ast.parse(script)
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert defined - used - {"main"} == set(), (what, defined - used)


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def test_a_maxout_race_gets_a_script_now(tmp_path):
    """One MLP definition serves every activation, maxout included (it had no script before)."""
    from core import activations

    cfg = activations.RaceConfig(activations=("relu", "maxout"), steps=30, n=90)
    assert_reproduces("activations", "race", cfg, tmp_path)


@pytest.mark.parametrize("activations_,dataset,optimizer,lr", [
    (("relu", "tanh", "leaky_relu"), "spiral", "adam", 0.01),
    (("elu", "sigmoid"), "moons", "sgd", 0.5),
])
def test_race_script_follows_the_settings(activations_, dataset, optimizer, lr, tmp_path):
    from core import activations

    cfg = activations.RaceConfig(activations=activations_, dataset=dataset, optimizer=optimizer, lr=lr, steps=25,
                                 n=120)
    assert_reproduces("activations", "race", cfg, tmp_path)


def test_a_relu_script_defines_relu_and_nothing_else_of_the_registries():
    from core import activations

    script = exports("activations")["race"].script(activations.RaceConfig(activations=("relu",)))
    assert "def relu(" in script and "def tanh(" not in script and "def sigmoid(" not in script
    assert "class SeededDropout" in script  # the app's MLP always has its dropout layer (p = 0 here)
    assert "def init_kaiming_normal(" in script and "def init_normal(" not in script
    assert "def adam(" in script and "def sgd(" not in script


def test_dead_relu_script_prints_the_dead_fraction(tmp_path):
    from core import activations

    tables = assert_reproduces("activations", "dead", activations.DeadConfig(steps=50, width=20), tmp_path)
    keys, dead = tables["dead"]
    assert keys == ["activation", "step", "layer"] and dead.dead.between(0, 1).all() and len(dead) > 0


# Parts with nothing to reproduce as a training script: curves of formulas, a timing of exp(), Taylor
# models at one point, the backbone's facts, target samples and a parameter count.
NO_SCRIPT = {("activations", "shapes"), ("activations", "cost"), ("optimizers", "taylor"),
             ("transfer", "backbone"), ("transfer", "targets"), ("transfer", "imagenet")}


def test_every_other_part_has_a_script():
    missing = {(scope, part) for scope in SCOPES for part in engine(scope).EXPERIMENTS if part not in exports(scope)}
    assert missing == NO_SCRIPT
