"""Module-level experiment functions for tests/test_workers.py: a worker process finds them by name, as it finds
core's experiments."""

from __future__ import annotations

import dataclasses
import os
import time

from core.progress import report


@dataclasses.dataclass(frozen=True)
class Probe:
    steps: int = 5
    pause: float = 0.0  # s after each report
    tag: str = ""  # distinct tags: distinct cache keys


def whereabouts(cfg: Probe) -> dict:
    """Which process ran it, when (CLOCK_MONOTONIC: one clock for every process of the machine), and what its
    progress reports answered."""
    start = time.monotonic()
    for i in range(cfg.steps):
        report(i / cfg.steps)
        time.sleep(cfg.pause)
    return {"pid": os.getpid(), "start": start, "end": time.monotonic()}


def fails(cfg: Probe) -> None:
    raise ValueError(f"no such setting: {cfg.tag}")


def dies(cfg: Probe) -> None:
    os._exit(3)  # a worker killed mid-run (out of memory, say)


def ticks(cfg: Probe) -> list[float]:
    """A clock reading every `pause` s, `steps` times, and no progress report: a computation that would never
    give way on its own."""
    out = []
    for _ in range(cfg.steps):
        out.append(time.monotonic())
        time.sleep(cfg.pause)
    return out


def where_piece(i: int, pause: float, fail_at: int) -> tuple[int, int]:
    """One piece of `spread_out`: its index and the process that ran it."""
    report(0.5)
    time.sleep(pause)
    if i == fail_at:
        raise ValueError(f"piece {i} failed")
    return i, os.getpid()


def spread_out(cfg: Probe) -> list[tuple[int, int]]:
    """`steps` independent pieces (core.parallel.each), each `pause` s long; tag "fail 3": the fourth piece
    raises."""
    from core.parallel import each

    fail_at = int(cfg.tag.split()[1]) if cfg.tag.startswith("fail") else -1
    return each(where_piece, [(i, cfg.pause, fail_at) for i in range(cfg.steps)])
