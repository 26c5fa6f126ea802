"""Experiments computed in worker processes (ui.workers, issue 19): the same results as in the server's own
process, in parallel on both cores, with their progress reports, their errors, a stop from the listener and a
worker that dies handled as ui.cache's callers expect."""

from __future__ import annotations

import os
import threading
import time

import pytest

from core.initialization import TrainingConfig, training
from tests.parts import assert_same_frames, every_part, experiment, without_seconds
from tests.probes import Probe, dies, fails, spread_out, ticks, whereabouts
from ui import cache, workers


@pytest.fixture(scope="module", autouse=True)
def pool():
    workers.start()
    assert workers.wait(120), "the worker processes did not start"


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


def two_idle_workers():
    """Two idle workers of this core (an earlier test may have left one of another version, or none idle)."""
    taken = [workers.take(cache.CORE_VERSION) for _ in range(2)]
    with workers._lock:
        workers._idle.extend(taken)


def test_a_visitors_pieces_spread_over_both_workers_in_order():
    """core.parallel.each in a visitor's computation: an idle worker takes pieces from the same queue, the results
    come back in the pieces' order, and the progress reports reach the visitor's listener in order."""
    two_idle_workers()
    seen: list[float] = []
    got = cache.compute(spread_out, Probe(steps=12, pause=0.05, tag="spread"), seen.append)[0]
    assert [i for i, _ in got] == list(range(12))
    pids = {pid for _, pid in got}
    assert len(pids) == 2 and os.getpid() not in pids
    assert seen == sorted(seen) and 0 < len(seen) and seen[-1] <= 1


def test_a_visitors_pieces_spread_while_a_background_computation_holds_the_other_worker():
    """A server just woken: the warm-up computes in one worker when a visitor's computation with pieces arrives.
    The warm-up's worker is stopped and its slot comes back within a look (ui.cache.GIVE_WAY_WAIT), and with no
    idle worker left a new one helps: the pieces run in two processes, neither of them the warm-up's, which
    finishes after."""
    two_idle_workers()
    got = {}
    background = threading.Thread(target=lambda: got.setdefault("warm-up", cache.compute(
        whereabouts, Probe(steps=40, pause=0.02, tag="warming"), background=True)[0]))
    background.start()
    time.sleep(0.2)  # under way, in one of the two workers
    pieces = cache.compute(spread_out, Probe(steps=8, pause=0.05, tag="while warming"))[0]
    background.join(30)
    assert [i for i, _ in pieces] == list(range(8))
    pids = {pid for _, pid in pieces}
    assert len(pids) == 2 and got["warm-up"]["pid"] not in pids and os.getpid() not in pids


def test_the_helper_gives_its_slot_back_when_another_visitor_waits():
    """A visitor's pieces borrow the free slot only while nobody else wants it: a second visitor who arrives gets
    the slot after the helper's current piece, and the first visitor's own worker does the rest."""
    two_idle_workers()
    got = {}
    def visitor():
        got["first"] = cache.compute(spread_out, Probe(steps=12, pause=0.1, tag="lends its slot"))[0]
        got["first_done"] = time.monotonic()

    first = threading.Thread(target=visitor)
    first.start()
    time.sleep(0.25)  # the helper is under way
    got["second"] = cache.compute(whereabouts, Probe(tag="arrives"))[0]
    first.join(30)
    pieces, second = got["first"], got["second"]
    assert [i for i, _ in pieces] == list(range(12))
    own = pieces[-1][1]  # the last pieces were the first visitor's own worker's
    assert len({pid for _, pid in pieces}) == 2 and [pid for _, pid in pieces[-4:]] == [own] * 4
    assert second["end"] < got["first_done"] - 0.3 and second["pid"] != own  # it did not wait for the pieces


def test_a_run_stopped_while_its_pieces_spread_stops_both_workers_and_hands_both_back():
    """Streamlit ends the visitor's run mid-way (the listener raises): the job's worker stops, the helper takes no
    more pieces after its current one, and both workers and the borrowed slot come back for the next visitor."""

    class Ended(Exception):
        pass

    def listener(fraction):
        if fraction >= 0.3:
            raise Ended

    two_idle_workers()
    start = time.monotonic()
    with pytest.raises(Ended):
        cache.compute(spread_out, Probe(steps=40, pause=0.05, tag="stopped while spread"), listener)
    assert time.monotonic() - start < 1.0  # 40 pieces of 0.05 s in two workers would take 1 s
    time.sleep(0.2)  # the helper's last piece
    assert len(workers.pids()) >= 2
    assert cache._slots.acquire(blocking=False) and cache._slots.acquire(blocking=False)  # both slots free
    cache._slots.release()
    cache._slots.release()
    got = cache.compute(spread_out, Probe(steps=8, pause=0.05, tag="after a stop"))[0]
    assert len({pid for _, pid in got}) == 2


def test_with_no_free_slot_the_pieces_stay_in_one_worker():
    """A crowd keeps one compute slot per computation: with the other slot taken, nothing spreads; nor does a
    background computation's."""
    with cache._slots:  # another visitor computes
        got = cache.compute(spread_out, Probe(steps=6, tag="one slot"))[0]
    assert len({pid for _, pid in got}) == 1
    got = cache.compute(spread_out, Probe(steps=6, tag="background"), background=True)[0]
    assert len({pid for _, pid in got}) == 1
    assert cache._slots.acquire(blocking=False) and cache._slots.acquire(blocking=False)  # both given back
    cache._slots.release()
    cache._slots.release()


def test_a_failing_piece_fails_the_computation_with_its_own_error_and_the_workers_go_on():
    for tag in ("fail 0", "fail 5"):  # one the job's own worker takes first, one likely the helper's
        with pytest.raises(ValueError, match=f"piece {tag[-1]} failed"):
            cache.compute(spread_out, Probe(steps=6, pause=0.02, tag=tag))
    time.sleep(0.2)  # the helper finishes its last piece and goes back to the pool
    two_idle_workers()
    got = cache.compute(spread_out, Probe(steps=8, pause=0.05, tag="after a failure"))[0]
    assert len({pid for _, pid in got}) == 2


def test_a_part_spread_over_two_workers_equals_the_part_computed_here():
    """Transfer learning's card: 20 runs in two processes, every number the one process's (each run seeds itself)."""
    from core.transfer import FewLabelsConfig, few_labels

    cfg = FewLabelsConfig(steps=20)
    two_idle_workers()
    got, _, cached = cache.compute(few_labels, cfg)
    here = few_labels(cfg)
    assert not cached and set(got) == set(here)
    for name in here:
        assert got[name].equals(here[name]), name


def test_a_stacked_grid_in_halves_on_two_workers_equals_the_grid_computed_here():
    """The AdamW card's 30 cells train as one stacked model here, as two stacks of 15 in two processes
    (core.parallel.halves): every number is the same (each cell's slice of a batched product is its own)."""
    from core.papers import AdamWConfig, loshchilov2019

    cfg = AdamWConfig(steps=200)
    two_idle_workers()
    got, _, cached = cache.compute(loshchilov2019, cfg)
    here = loshchilov2019(cfg)
    assert not cached
    for name in here:
        assert got[name].equals(here[name]), name


@pytest.mark.parametrize("scope,part", every_part())
def test_every_part_on_the_servers_path_equals_the_part_computed_here(scope, part):
    """Each part at its defaults through ui.cache (a worker process; its independent pieces spread to the other
    worker where it has any, core.parallel) and in this process: the same frames, but for timings. Here, every
    piece must pickle as a worker sends it (one that does not, a lambda say, silently stays in one process)."""
    import pickle

    from core import parallel

    fn, cfg = experiment(scope, part)
    two_idle_workers()
    cache.clear()
    got = cache.compute(fn, cfg)[0]

    def pickled(piece_fn, items, alone):
        for item in items:
            pickle.dumps((piece_fn, item))
        return alone()

    with parallel.spreading(pickled):
        here = fn(cfg)
    assert_same_frames(got, here)


def test_a_worker_keeps_its_freed_heap():
    """glibc's mallopt takes the pad (ui.workers.keep_heap; on this Linux box it must: bench/PROFILE.md item 9)."""
    assert workers.keep_heap()
