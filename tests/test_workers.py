"""Experiments computed in worker processes (ui.workers, issue 19): the same results as in the server's own
process, in parallel on both cores, with their progress reports, their errors, a stop from the listener and a
worker that dies handled as ui.cache's callers expect."""

from __future__ import annotations

import os
import threading
import time

import pytest

from core.initialization import TrainingConfig, training
from tests.probes import Probe, dies, fails, ticks, whereabouts
from ui import cache, workers


@pytest.fixture(scope="module", autouse=True)
def pool():
    workers.start()
    assert workers.wait(120), "the worker processes did not start"


def without_seconds(frame):
    return frame.drop(columns=[c for c in frame.columns if "seconds" in c])


def test_a_part_computed_in_a_worker_equals_the_part_computed_here():
    cfg = TrainingConfig(steps=30)
    got, _, cached = cache.compute(training, cfg)
    here = training(cfg)
    assert not cached and set(got) == set(here)
    for name in here:  # every frame, the health record too; a run's CPU seconds are its own
        assert without_seconds(got[name]).equals(without_seconds(here[name])), name


def test_two_computations_run_at_once_in_two_processes_and_report_progress():
    seen: dict[str, list[float]] = {"a": [], "b": []}
    results = {}

    def visitor(tag):
        results[tag] = cache.compute(whereabouts, Probe(steps=8, pause=0.05, tag=tag), seen[tag].append)[0]

    threads = [threading.Thread(target=visitor, args=(tag,)) for tag in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    a, b = results["a"], results["b"]
    assert os.getpid() not in (a["pid"], b["pid"]) and a["pid"] != b["pid"]
    assert a["start"] < b["end"] and b["start"] < a["end"]  # they overlapped
    assert seen["a"] == seen["b"] == [i / 8 for i in range(8)]  # each caller's listener got its own reports


def test_an_error_in_a_worker_reaches_the_caller_and_the_worker_goes_on():
    with pytest.raises(ValueError, match="no such setting: lr"):
        cache.compute(fails, Probe(tag="lr"))
    assert cache.compute(whereabouts, Probe(tag="after an error"))[0]["pid"] != os.getpid()


def test_a_listener_that_raises_stops_the_worker_and_nothing_is_cached():
    """Streamlit ends a run by raising from the next st call: here the progress bar's update."""

    class Ended(Exception):
        pass

    def listener(fraction):
        if fraction >= 0.5:
            raise Ended

    with pytest.raises(Ended):
        cache.compute(whereabouts, Probe(steps=10, tag="stopped"), listener)
    assert cache.lookup(cache.key_of(whereabouts, Probe(steps=10, tag="stopped"))) is None
    result, _, cached = cache.compute(whereabouts, Probe(steps=10, tag="stopped"))
    assert not cached and result["pid"] in workers.pids()  # the stopped worker computes the next job


def test_a_worker_that_dies_is_a_clear_error_and_the_next_job_gets_a_new_one():
    before = set(workers.pids())
    with pytest.raises(workers.WorkerLost, match="exit code 3"):
        cache.compute(dies, Probe())
    pid = cache.compute(whereabouts, Probe(tag="after a death"))[0]["pid"]
    assert pid != os.getpid() and pid in workers.pids()
    assert len(set(workers.pids()) - before) <= 1


def test_a_function_a_worker_cannot_find_by_name_runs_here():
    def closure(cfg):
        return os.getpid()

    assert not workers.by_name(closure) and workers.by_name(training)
    assert cache.compute(closure, Probe(tag="closure"))[0] == os.getpid()


def test_a_worker_of_another_version_of_core_is_replaced():
    old = set(workers.pids())
    pid = workers.call(whereabouts, Probe(), "an older core")["pid"]
    assert pid not in old  # a worker started for that version; the others were closed when taken


def test_a_background_computation_stops_while_a_visitor_computes():
    """The warm-up's computations run in workers too: while a visitor computes, the background worker's process
    is stopped, even between progress reports (this one makes none)."""
    got = {}
    background = threading.Thread(target=lambda: got.setdefault("ticks", cache.compute(
        ticks, Probe(steps=60, pause=0.01, tag="background"), background=True)[0]))
    background.start()
    time.sleep(0.2)  # under way
    visit = {}

    def visitor(cfg):
        visit["begins"] = time.monotonic()
        time.sleep(0.4)
        visit["ends"] = time.monotonic()
        return "visited"

    assert cache.compute(visitor, Probe(tag="visitor"))[0] == "visited"
    background.join(30)
    during = [t for t in got["ticks"] if visit["begins"] + 0.1 < t < visit["ends"]]
    assert during == [] and len(got["ticks"]) == 60  # (0.1 s: the worker's look at the visitors, every 0.05 s)


def test_a_worker_never_runs_the_servers_main_script(tmp_path):
    """In a Streamlit server the script that runs last (app.py) is `__main__`, and multiprocessing runs a parent's
    main module in every child it starts: a new worker must not run it."""
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "app_like.py"
    script.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        worker = workers.Worker(workers._context)
    finally:
        sys.modules["__main__"] = saved
    try:
        assert worker.run(whereabouts, Probe())["pid"] == worker.pid
    finally:
        worker.close()
    assert not marker.exists()


def test_ctrl_c_in_the_servers_terminal_leaves_the_workers_to_the_server():
    """Ctrl+C reaches every process of the terminal's group: a worker ignores it (the server ends its workers)."""
    import signal

    worker = workers.Worker(workers._context)
    try:
        os.kill(worker.pid, signal.SIGINT)
        time.sleep(0.3)
        assert worker.alive() and worker.run(whereabouts, Probe())["pid"] == worker.pid
    finally:
        worker.close()


def test_when_no_worker_can_start_the_job_runs_here(monkeypatch):
    def cannot_start(context):
        raise OSError("Cannot allocate memory")

    monkeypatch.setattr(workers, "_idle", [])  # every worker busy
    monkeypatch.setattr(workers, "Worker", cannot_start)
    assert workers.call(whereabouts, Probe(tag="no worker"), cache.CORE_VERSION)["pid"] == os.getpid()
