"""The one cache of experiment results, shared by all sessions of the server.

Keyed by (experiment, config, version of core/): a rerun with an unchanged config does no work, and
editing any file in core/ invalidates old results. Bounded to MAX_ENTRIES results (least recently
used goes first), and at most COMPUTE_SLOTS experiments run at once, so a crowd of sessions queues
instead of thrashing two cores. Concurrent requests for the same key compute it once.

Visitors go first: a background computation (the warm-up, `background=True`) starts only while no
visitor's script runs or computes, and it gives its slot back and waits while one does (unless that visitor
waits for this very result): at once in a worker process (ui.workers stops it), else at its next progress report.
Computations run in worker processes where they can (ui.workers): two at once then use both cores, and one alone
may borrow the free slot for its independent pieces (core.parallel).
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict
from contextlib import contextmanager
from typing import Any, Callable

import streamlit as st

from core.progress import reporting
from ui import serial_ast, workers
from ui.flow import EndPage
from ui.i18n import t

MAX_ENTRIES = 48  # results are a few hundred kB each at most: well under 100 MB in all
COMPUTE_SLOTS = 2  # one per core of Community Cloud


CORE_VERSION = workers.core_version()
serial_ast.install()  # before any session's compute thread parses (ui.serial_ast says why)
_results: OrderedDict[tuple, tuple[Any, float]] = OrderedDict()
_lock = threading.Lock()
_key_locks: dict[tuple, threading.Lock] = {}
_slots = threading.BoundedSemaphore(COMPUTE_SLOTS)
_queued = 0  # visitors' computations waiting for a slot (_slot)
_background = 0  # background computations holding a compute slot now (one that gives way has given it back)
# How long a visitor's computation waits for a second slot that a background computation is giving back: its
# worker is stopped and its slot released within one look (ui.workers.HOLD_CHECK) of the visitor's arrival.
GIVE_WAY_WAIT = 3 * workers.HOLD_CHECK
# Visitors go first. `_visitors` counts visitors' script runs (app.py runs each inside visit()) and their
# computations; `_waiting` counts, per key, the visitors blocked on that key's lock. A background computation
# runs only while no visitor is counted, unless a visitor waits for its very result (then pausing would
# only make that visitor wait longer, and would deadlock).
_visitors = 0
_waiting: Counter = Counter()
_changed_at = 0.0  # time.monotonic() of the last visitor arriving or leaving
_turn = threading.Condition()


def _count(delta: int = 0, key: tuple | None = None) -> None:
    global _visitors, _changed_at
    with _turn:
        if key is None:
            _visitors += delta
            _changed_at = time.monotonic()
        else:
            _waiting[key] += delta
            if _waiting[key] <= 0:
                del _waiting[key]
        _turn.notify_all()


@contextmanager
def visit():
    """A visitor's script run: background computations give way until it ends."""
    _count(+1)
    try:
        yield
    finally:
        _count(-1)


def visited(timeout: float) -> bool:
    """Wait until a first visitor has come (at most `timeout` s); False if none came."""
    with _turn:
        return _turn.wait_for(lambda: _changed_at > 0, timeout)


def quiet(calm: float, timeout: float) -> bool:
    """Wait until no visitor has been counted for `calm` s (at most `timeout` s); False on timeout."""
    deadline = time.monotonic() + timeout
    with _turn:
        while True:
            now = time.monotonic()
            if _visitors == 0 and now - _changed_at >= calm:
                return True
            if now >= deadline:
                return False
            _turn.wait(min(deadline - now, calm))


def _my_turn(key: tuple) -> bool:
    return _visitors == 0 or _waiting[key] > 0


def _give_way(key: tuple) -> None:
    """A background computation of `key` (before it starts, and at each progress report): while visitors run
    and none of them waits for this result, give the compute slot back and wait."""
    if _my_turn(key):
        return
    _holding(-1)
    _slots.release()
    try:
        with _turn:
            _turn.wait_for(lambda: _my_turn(key))
    finally:
        _slots.acquire()
        _holding(+1)


def _holding(delta: int) -> None:
    global _background
    with _lock:
        _background += delta


@contextmanager
def _slot(background: bool):
    """A compute slot for the computation; a visitor counts in `_queued` while it waits for one."""
    global _queued
    if not background:
        with _lock:
            _queued += 1
    try:
        _slots.acquire()
    finally:
        if not background:
            with _lock:
                _queued -= 1
    if background:
        _holding(+1)
    try:
        yield
    finally:
        if background:
            _holding(-1)
        _slots.release()


def _spare() -> tuple[Callable[[], None], Callable[[], bool]] | None:
    """A second compute slot for a visitor's computation if one is free now, or within GIVE_WAY_WAIT while a
    background computation holds one (it gives it back when a visitor computes; when visitors hold both, nobody
    waits): (its release, is a visitor waiting for a slot?), else None. A part's independent pieces
    (core.parallel) then use both cores, and the slot goes back between two pieces as soon as another visitor
    waits (ui.workers.Helper)."""
    got = _slots.acquire(timeout=GIVE_WAY_WAIT) if _background else _slots.acquire(blocking=False)
    return (_slots.release, lambda: _queued > 0) if got else None


def key_of(fn: Callable, cfg) -> tuple:
    return (fn.__module__, fn.__qualname__, repr(cfg), CORE_VERSION)


def lookup(key: tuple):
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key]
    return None


def compute(fn: Callable, cfg, on_progress: Callable[[float], None] | None = None, *,
            background: bool = False) -> tuple[Any, float, bool]:
    """(result, seconds it took, was it cached) for fn(cfg), computing at most once per key.

    background: nobody waits for this result (the warm-up); it goes after every visitor's computation."""
    key = key_of(fn, cfg)
    hit = lookup(key)
    if hit is not None:
        return hit[0], hit[1], True
    with _lock:
        key_lock = _key_locks.setdefault(key, threading.Lock())
    if not key_lock.acquire(blocking=False):  # someone computes it: wait for that result
        if not background:
            _count(+1, key)  # a visitor waits for it: a background computation of it goes on
        try:
            key_lock.acquire()
        finally:
            if not background:
                _count(-1, key)
    try:
        hit = lookup(key)
        if hit is not None:
            return hit[0], hit[1], True
        if not background:
            _count(+1)
        try:
            listener = (lambda f: _give_way(key)) if background else on_progress or (lambda f: None)
            with _slot(background), reporting(listener):
                if background:
                    _give_way(key)
                start = time.perf_counter()
                hold = (lambda: not _my_turn(key), lambda: _give_way(key)) if background else None
                result = workers.call(fn, cfg, CORE_VERSION, hold, None if background else _spare)  # in a
                # worker process where one can run it; a visitor's may borrow a free slot for its pieces
                seconds = time.perf_counter() - start
        finally:
            if not background:
                _count(-1)
        with _lock:
            _results[key] = (result, seconds)
            while len(_results) > MAX_ENTRIES:
                _results.popitem(last=False)
            _key_locks.pop(key, None)
    finally:
        key_lock.release()
    return result, seconds, False


def clear() -> None:
    with _lock:
        _results.clear()


def size() -> int:
    return len(_results)


def run(fn: Callable, cfg) -> Any:
    """Run (or fetch) an experiment inside a page: a progress bar while it runs, then its time.

    A failure shows a clear message and ends the page (never a traceback)."""
    bar = st.empty()
    update = lambda f: bar.progress(f, text=t("run.running"))
    try:
        result, seconds, cached = compute(fn, cfg, update)
    except Exception as error:  # noqa: BLE001 - any failure becomes a message, not a traceback
        bar.empty()
        st.error(t("run.failed", error=f"{type(error).__name__}: {error}"))
        raise EndPage from error
    bar.empty()
    st.caption(t("run.cached" if cached else "run.took", seconds=f"{seconds:.2f}"))
    return result
