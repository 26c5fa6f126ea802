"""The one cache of experiment results, shared by all sessions of the server.

Keyed by (experiment, config, version of core/): a rerun with an unchanged config does no work, and
editing any file in core/ invalidates old results. Bounded to MAX_ENTRIES results (least recently
used goes first), and at most COMPUTE_SLOTS experiments run at once, so a crowd of sessions queues
instead of thrashing two cores. Concurrent requests for the same key compute it once.
"""

from __future__ import annotations

import hashlib
import pathlib
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

import streamlit as st

from core.progress import reporting
from ui.flow import EndPage
from ui.i18n import t

MAX_ENTRIES = 48  # results are a few hundred kB each at most: well under 100 MB in all
COMPUTE_SLOTS = 2  # one per core of Community Cloud


def _core_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(pathlib.Path(__file__).resolve().parent.parent.joinpath("core").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CORE_VERSION = _core_version()
_results: OrderedDict[tuple, tuple[Any, float]] = OrderedDict()
_lock = threading.Lock()
_key_locks: dict[tuple, threading.Lock] = {}
_slots = threading.BoundedSemaphore(COMPUTE_SLOTS)


def key_of(fn: Callable, cfg) -> tuple:
    return (fn.__module__, fn.__qualname__, repr(cfg), CORE_VERSION)


def lookup(key: tuple):
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key]
    return None


def compute(fn: Callable, cfg, on_progress: Callable[[float], None] | None = None) -> tuple[Any, float, bool]:
    """(result, seconds it took, was it cached) for fn(cfg), computing at most once per key."""
    key = key_of(fn, cfg)
    hit = lookup(key)
    if hit is not None:
        return hit[0], hit[1], True
    with _lock:
        key_lock = _key_locks.setdefault(key, threading.Lock())
    with key_lock:
        hit = lookup(key)
        if hit is not None:
            return hit[0], hit[1], True
        with _slots, reporting(on_progress or (lambda f: None)):
            start = time.perf_counter()
            result = fn(cfg)
            seconds = time.perf_counter() - start
        with _lock:
            _results[key] = (result, seconds)
            while len(_results) > MAX_ENTRIES:
                _results.popitem(last=False)
            _key_locks.pop(key, None)
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
