"""core.parallel: an experiment's independent pieces, in order, with their progress, whoever spreads them (the real
spreading over worker processes: tests/test_workers.py)."""

from __future__ import annotations

from core import parallel
from core.progress import report, reporting


def square(x: int) -> int:
    report(0.5)
    return x * x


def squares(xs: list[int]) -> list[int]:
    report(0.5)
    return [x * x for x in xs]


def test_each_here_returns_the_pieces_in_order_and_maps_their_progress_into_shares():
    seen: list[float] = []
    with reporting(seen.append):
        assert parallel.each(square, [(x,) for x in range(4)]) == [0, 1, 4, 9]
    assert seen == [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0]


def test_a_spreader_gets_the_pieces_and_its_results_are_returned_as_they_come():
    """The spreader computes the pieces in any order (here backwards); each and halves put them back in order.
    A spreader that finds no second process calls alone(): halves then computes every item in one call."""
    calls = []

    def backwards(fn, items, alone):
        calls.append(len(items))
        return [fn(*item) for item in reversed(items)][::-1]

    with parallel.spreading(backwards):
        assert parallel.each(square, [(x,) for x in range(5)]) == [0, 1, 4, 9, 16]
        assert parallel.halves(squares, list(range(5))) == [0, 1, 4, 9, 16]
        assert parallel.each(square, [(3,)]) == [9]  # one piece: nothing to spread
    assert calls == [5, 2]

    batches = []

    def no_helper(fn, items, alone):
        return alone()

    with parallel.spreading(no_helper):
        assert parallel.halves(lambda xs: batches.append(xs) or squares(xs), list(range(5))) == [0, 1, 4, 9, 16]
    assert batches == [[0, 1, 2, 3, 4]]
