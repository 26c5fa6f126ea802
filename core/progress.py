"""A progress channel that core code can report into without knowing who listens.

The UI sets a callback for the duration of a call (`with reporting(fn): ...`); core functions call
`report(fraction)`. With no listener, reporting is a no-op. A context variable keeps concurrent
sessions (threads) apart.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Callable

_listener: contextvars.ContextVar[Callable[[float], None] | None] = contextvars.ContextVar("progress", default=None)


def report(fraction: float) -> None:
    fn = _listener.get()
    if fn is not None:
        fn(min(max(float(fraction), 0.0), 1.0))


@contextmanager
def reporting(fn: Callable[[float], None]):
    token = _listener.set(fn)
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def within(lo: float, hi: float):
    """Reports inside (0..1) reach the current listener mapped into [lo, hi] of its bar; hi is reported on
    leaving."""
    outer = _listener.get()
    if outer is None:
        yield
        return
    with reporting(lambda f: outer(lo + (hi - lo) * f)):
        yield
    report(hi)


def share(i: int, n: int):
    """Reports inside reach the current listener as the i-th of n equal shares of its bar (`within`)."""
    return within(i / n, (i + 1) / n)
