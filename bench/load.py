"""Load test: N concurrent sessions against the real server, through Streamlit's agent API.

Each session opens a page with one of a mix of configurations (defaults, presets, hand-made links,
distinct seeds) and waits for the finished run. Reports errors (must be 0), p50/p95 time to a finished
run, and the server's peak RSS. Usage: python -m bench.load [--sessions 10 25] [--threads 1]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib
import random
import statistics
import time

from bench.server import Server, problems
from ui.topics import TOPICS


def mix(count: int, seed: int = 0) -> list[tuple[str, dict[str, str]]]:
    """`count` (page, query) pairs: every part of every page, some with a distinct seed, some junk."""
    rng = random.Random(seed)
    pool = [(t.scope, {"part": part}) for t in TOPICS
            for part in importlib.import_module(f"core.{t.scope}").EXPERIMENTS]
    out = []
    for i in range(count):
        page, query = rng.choice(pool)
        query = dict(query)
        if i % 3 == 1:
            query["seed"] = str(rng.randint(1, 50))  # a distinct config: real work, not a cache hit
        if i % 7 == 3:
            query["lr"] = "nan"  # a hand-edited link
        out.append((page, query))
    return out


def one(server: Server, page: str, query: dict[str, str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    try:
        snap = server.open(page, query)
        errors = problems(snap) + ([f"status {snap.get('status')}"] if snap.get("status") != "ready" else [])
    except Exception as error:  # noqa: BLE001 - a failed request is a load-test error to report
        errors = [repr(error)]
    return time.perf_counter() - start, errors


def run(sessions: int, threads: str) -> dict:
    with Server(env={"LAB_TORCH_THREADS": threads}) as server:
        server.open()  # the first page, so import time is not charged to the sessions
        jobs = mix(sessions)
        with concurrent.futures.ThreadPoolExecutor(max_workers=sessions) as pool:
            results = list(pool.map(lambda job: one(server, *job), jobs))
        times = sorted(t for t, _ in results)
        errors = [e for _, errs in results for e in errs]
        return {"sessions": sessions, "threads": threads, "errors": len(errors), "first_errors": errors[:3],
                "p50": statistics.median(times), "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
                "peak_rss_mb": server.peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25])
    parser.add_argument("--threads", nargs="+", default=["1"])
    args = parser.parse_args()
    for threads in args.threads:
        for n in args.sessions:
            r = run(n, threads)
            print(f"sessions={r['sessions']:>3} torch_threads={r['threads']} errors={r['errors']} "
                  f"p50={r['p50']:.2f}s p95={r['p95']:.2f}s peak_rss={r['peak_rss_mb']:.0f}MB "
                  f"{r['first_errors'] or ''}")


if __name__ == "__main__":
    main()
