"""Cold start (issue 19): the warm-up never makes a visitor wait. A background computation starts only
while no visitor computes and pauses at its progress reports while one does; the warm-up's steps wait while
a visitor's script runs. (The time a first visitor waits on a fresh server is measured by
`python -m bench.coldstart`, not asserted here.)"""

from __future__ import annotations

import dataclasses
import threading
import time

import torch

from core.progress import report
from tests.conftest import run_switching_often
from ui import cache, serial_ast, warmup


@dataclasses.dataclass(frozen=True)
class Job:
    name: str  # distinct configs: distinct cache keys


def test_a_background_computation_waits_for_a_visitor_and_pauses_while_one_computes():
    events: list[tuple[str, float]] = []
    visitor_may_end, visitor_started = threading.Event(), threading.Event()

    def visitor_fn(cfg):
        events.append(("visitor begins", time.monotonic()))
        visitor_started.set()
        visitor_may_end.wait(10)
        events.append(("visitor ends", time.monotonic()))
        return cfg.name

    def background_fn(cfg):
        for i in range(40):
            report(i / 40)
            events.append(("background step", time.monotonic()))
            time.sleep(0.005)
        return cfg.name

    visitor = threading.Thread(target=cache.compute, args=(visitor_fn, Job("visitor")))
    visitor.start()
    visitor_started.wait(10)
    background = threading.Thread(target=cache.compute, args=(background_fn, Job("background")),
                                  kwargs={"background": True})
    background.start()
    time.sleep(0.3)
    assert not any(name == "background step" for name, _ in events)  # it has not started while the visitor runs
    visitor_may_end.set()
    visitor.join(10)
    # a second visitor arrives while the background computation is under way: the background pauses
    while sum(name == "background step" for name, _ in events) < 5:
        time.sleep(0.005)
    second_done = threading.Event()

    def second_fn(cfg):
        events.append(("second begins", time.monotonic()))
        time.sleep(0.2)
        events.append(("second ends", time.monotonic()))
        second_done.set()
        return cfg.name

    cache.compute(second_fn, Job("second"))
    background.join(10)
    assert not background.is_alive()
    begins = next(t for name, t in events if name == "second begins")
    ends = next(t for name, t in events if name == "second ends")
    during = [t for name, t in events if name == "background step" and begins < t < ends]
    assert len(during) <= 1, during  # at most the step that was already past its report when the visitor came
    assert sum(name == "background step" for name, _ in events) == 40  # and then it finished
    assert cache.compute(background_fn, Job("background"))[2]  # its result is in the cache


def test_a_visitor_waiting_for_the_key_the_warm_up_computes_does_not_pause_it():
    """The first visitor of a page usually asks for the very result the warm-up is computing: it waits for
    that result, and the warm-up must not pause for it (that would deadlock)."""
    started = threading.Event()

    def slow(cfg):
        started.set()
        for i in range(20):
            report(i / 20)
            time.sleep(0.01)
        return "done"

    background = threading.Thread(target=cache.compute, args=(slow, Job("shared")), kwargs={"background": True})
    background.start()
    started.wait(10)
    got = []

    def visitor():
        with cache.visit():  # a visitor's run is under way, and it asks for the result being computed
            got.append(cache.compute(slow, Job("shared")))

    thread = threading.Thread(target=visitor, daemon=True)  # a deadlock would leave it hanging, not the suite
    thread.start()
    thread.join(10)
    background.join(10)
    assert [(result, cached) for result, _, cached in got] == [("done", True)]


def test_the_warm_up_waits_while_a_visitors_run_is_under_way():
    with cache.visit():
        assert warmup.quiet(patience=0.5) is False  # a run under way: no quiet within the patience
    start = time.monotonic()
    assert warmup.quiet(patience=5) is True
    assert time.monotonic() - start >= warmup.QUIET * 0.9  # quiet means some time without a run


def test_serve_py_pays_the_one_time_costs_before_health_and_serves_the_same_app():
    """`streamlit run serve.py`: its health endpoint answers only once ui.warmup.prepare has run (the log
    says so as soon as health answers), and a first page then runs without a problem."""
    from bench.server import Server, problems

    with Server(script="serve.py") as server:
        assert "warm-up: prepared" in server.tail(20_000)  # printed by serve.py before health answered
        snapshot = server.open("optimizers", {"steps": "20"})
        assert problems(snapshot) == []


class Finalized:
    """Garbage in a reference cycle whose finalizer runs Python code: the collector, called from inside the AST
    constructor's allocations, runs it there, and the interpreter may then switch threads mid-construction."""

    def __init__(self):
        self.me = self

    def __del__(self):
        sum(range(50))


def test_threads_parse_python_source_in_turns():
    """With the server's cache loaded, ast.parse holds one lock: two threads parsing a large module while a third
    makes finalized garbage, switching threads as often as the interpreter can, get all their trees (without the
    lock, CPython 3.11 raised 'AST constructor recursion depth mismatch' in 5 of 5 such trials here), and a parse
    from inside a parse goes on."""
    import ast
    import inspect

    assert getattr(ast.parse, "serial", False)  # installed by ui.cache's import, as on the server
    source = inspect.getsource(torch._tensor)
    errors, trees = [], []

    def parse_often():
        for _ in range(20):
            try:
                trees.append(ast.parse(source))
            except SystemError as error:
                errors.append(str(error))

    def garbage():
        for _ in range(20_000):
            Finalized()

    run_switching_often([threading.Thread(target=parse_often) for _ in range(2)] + [threading.Thread(target=garbage)])
    assert errors == [] and len(trees) == 40
    with serial_ast._LOCK:  # re-entrant: the thread holding it parses again
        assert isinstance(ast.parse("x = 1"), ast.Module)


def test_the_warm_up_of_a_woken_server_waits_for_its_first_visitor(monkeypatch):
    """Before any visit, `visited` waits (up to its timeout) and says none came; a visit ends the wait at once."""
    monkeypatch.setattr(cache, "_changed_at", 0.0)  # this process as a server nobody has visited yet
    assert cache.visited(timeout=0.2) is False

    def visitor():
        time.sleep(0.3)
        with cache.visit():
            pass

    thread = threading.Thread(target=visitor, daemon=True)
    start = time.monotonic()
    thread.start()
    assert cache.visited(timeout=10) is True
    assert 0.25 <= time.monotonic() - start < 5
    thread.join(10)
