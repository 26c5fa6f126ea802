"""Independent pieces of one experiment, which whoever runs the experiment may spread over processes.

An experiment whose runs do not depend on each other (seeds, strategies, the cells of a grid) computes them with
`each(fn, items)`: fn(*item) for every item, results in the items' order; runs trained at once as one stacked
model, with `halves`. Each piece must be a function of its item alone (it seeds itself; it reads no state an
earlier piece left), so where it runs does not change a number (tests/test_workers.py compares every part).
By default the pieces run here, one after another; the UI's worker processes (ui.workers) install a spreader
(`spreading`) that hands some of them to an idle worker, so that one visitor's experiment uses both cores of the
server (issue 19). Like core.progress, core code does not know who spreads, and a context variable keeps
concurrent sessions apart.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Any, Callable, Sequence

from core.progress import share

_spreader: contextvars.ContextVar[Callable | None] = contextvars.ContextVar("spreader", default=None)


def one(fn: Callable, items: Sequence[tuple], i: int) -> Any:
    """fn(*items[i]), its progress reports (0..1) mapped into the i-th of len(items) equal shares of its caller's."""
    with share(i, len(items)):
        return fn(*items[i])


def here(fn: Callable, items: Sequence[tuple]) -> list:
    """Every piece in this process, one after another."""
    return [one(fn, items, i) for i in range(len(items))]


def each(fn: Callable, items: Sequence[tuple]) -> list:
    """[fn(*item) for item in items], spread over processes where a spreader is installed (`spreading`)."""
    spread = _spreader.get()
    if spread is None or len(items) < 2:
        return here(fn, items)
    return spread(fn, list(items), lambda: here(fn, items))


def halves(fn: Callable[[list], list], items: Sequence) -> list:
    """fn(items), for an fn that computes many independent items at once (a stacked model: one result per item,
    each item's result whatever the others are) faster than one by one: in one call here, in two halves where
    a spreader finds a second process for the other half."""
    spread = _spreader.get()
    if spread is None or len(items) < 2:
        return fn(list(items))
    cut = (len(items) + 1) // 2
    chunks = spread(fn, [(list(items[:cut]),), (list(items[cut:]),)], lambda: [fn(list(items))])
    return [result for chunk in chunks for result in chunk]


@contextmanager
def spreading(spread: Callable[[Callable, list, Callable[[], list]], list]):
    """While inside: each and halves call spread(fn, items, alone) for their pieces, fn(*item) each; it returns
    their results in order, as here(fn, items) would, or alone() where it finds no second process."""
    token = _spreader.set(spread)
    try:
        yield
    finally:
        _spreader.reset(token)
