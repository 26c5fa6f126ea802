"""Every part of every page, for tests that compare a part's frames computed two ways (tests/test_workers.py,
tests/test_flat.py)."""

from __future__ import annotations

import importlib

import pandas as pd

TIMINGS = {("activations", "cost")}  # its numbers are timings of the process that computed them


def every_part() -> list[tuple[str, str]]:
    """(scope, part) of every part whose numbers are not timings."""
    from ui.topics import TOPICS

    parts = [(t.scope, part) for t in TOPICS for part in importlib.import_module(f"core.{t.scope}").EXPERIMENTS]
    return [p for p in parts if p not in TIMINGS]


def without_seconds(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame without its columns of seconds (a run's own timing)."""
    return frame.drop(columns=[c for c in frame.columns if "seconds" in c])


def frames(result) -> dict:
    """A part's result as named frames (a part may return one frame)."""
    return result if isinstance(result, dict) else {"result": result}


def experiment(scope: str, part: str):
    """(fn, default config) of a part."""
    return importlib.import_module(f"core.{scope}").EXPERIMENTS[part]


def assert_same_frames(got, expected) -> None:
    """A part's two results (computed two ways) hold the same named frames, equal to the bit but for timings."""
    got, expected = frames(got), frames(expected)
    assert set(got) == set(expected)
    for name, frame in expected.items():
        if isinstance(frame, pd.DataFrame):
            assert without_seconds(got[name]).equals(without_seconds(frame)), name

