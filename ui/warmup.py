"""Warm the server once, in the background, when the first session arrives, without ever making a visitor
wait. Each step waits until no visitor's script has run for a moment (app.py runs each inside ui.cache.visit:
imports and charts hold Python's lock, so two at once only take turns), and its computations pause while a
visitor runs (ui.cache gives visitors the compute slots first: a worker process computing for the warm-up is
stopped, a computation in this process pauses at its next progress report). The steps: torch's
one-time costs (its optimizers' first use imports torch._dynamo, ~1.2 s; the first backward), each page's
core module and the experiment it opens on, then every paper card's default run (the home page's evidence
board shows their badges). Runs once per process; after the first visitor's run it starts the worker processes
that compute experiments (ui.workers).

prepare() pays a fresh process's one-time costs in one go; serve.py calls it before its health endpoint
answers, so a server woken by a visitor has paid them before that visitor's page runs; it also waits for the
worker processes."""

from __future__ import annotations

import importlib
import logging
import threading

from ui import cache, workers
from ui.topics import TOPICS

QUIET = 0.3  # s without a visitor before the warm-up takes its next step
# A server woken by a visitor serves that visitor first: the warm-up waits for the first visit (at most WAKE s),
# then FIRST_QUIET s after its run, while that visitor's browser loads the chart code and draws (about 1.5 s in
# Chromium on 2 cores: python -m bench.coldstart). The page's own run costs it 0.1-0.3 s at a page's defaults.
WAKE, FIRST_QUIET = 5.0, 2.0
PATIENCE = 30.0  # s: the longest one step waits for quiet (a busy server still gets warmed, slowly)

_stopping = threading.Event()  # stop(): no further step


def quiet(patience: float = PATIENCE) -> bool:
    """Wait until no visitor's run or computation has been under way for QUIET s (at most `patience` s)."""
    return cache.quiet(QUIET, patience)


def chart_first_call() -> None:
    """Altair loads and compiles the Vega-Lite JSON schema on its first validation (~0.2 s)."""
    import altair as alt
    import pandas as pd

    alt.Chart(pd.DataFrame({"x": [0.0, 1.0]})).mark_line().encode(x="x:Q", y="x:Q").to_dict()


def prepare() -> None:
    """A fresh process's one-time costs, for a server that can pay them before its first visitor (serve.py
    does, before its health endpoint answers): every module of ui/, each page's core module and the modules
    core imports inside functions (torch, pandas, Altair, SQLAlchemy, nbformat, scikit-learn), torch's
    first optimizer and backward, Altair's first chart."""
    import pkgutil

    import ui

    workers.start()  # the fork server's imports overlap with the ones below, on the other core
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)
    for name in [f"core.{topic.scope}" for topic in TOPICS] + ["core.pretrain", "sklearn.datasets"]:
        importlib.import_module(name)  # the last two: imported inside core functions (data sets, the backbone)
    workers.one_time_costs()
    chart_first_call()
    workers.wait(PATIENCE)


def page_default(scope: str) -> None:
    """The experiment a page opens on, into the result cache (behind any visitor's computation)."""
    fn, cfg = next(iter(importlib.import_module(f"core.{scope}").EXPERIMENTS.values()))
    cache.compute(fn, cfg, background=True)


def _steps():
    yield workers.one_time_costs
    for topic in TOPICS:
        yield lambda scope=topic.scope: page_default(scope)
    from core.cards import CARDS

    for card in CARDS.values():  # the home page's evidence board reads their default runs (several s each)
        yield lambda card=card: cache.compute(card.experiment, card.config, background=True)


def _warm() -> None:
    try:
        if not _stopping.is_set():
            cache.visited(WAKE)
            cache.quiet(FIRST_QUIET, PATIENCE)
            workers.start()  # after the first visitor's run: the fork server's imports would compete with it
        steps = _steps()
        while True:
            quiet()
            step = None if _stopping.is_set() else next(steps, None)  # (imports happen here, after the quiet)
            if step is None:
                return
            step()
    except Exception:  # noqa: BLE001 - warming is an optimization; a failure shows up on the page itself
        logging.getLogger("lab").exception("warm-up failed")


def stop(timeout: float = 120) -> None:
    """No further step; wait for the one under way (an interpreter that exits while torch computes in a
    daemon thread aborts)."""
    _stopping.set()
    for thread in threading.enumerate():
        if thread.name == "lab-warmup":
            thread.join(timeout)


start = workers.in_background_once(_warm, "lab-warmup")  # once per process, from app.py and serve.py
