"""Benchmark: each page's experiments cold (computed) and warm (from the cache), and app start.

Prints medians over repeats. Usage: python -m bench [--repeats N] [--page SCOPE]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time

from ui import cache
from ui.topics import TOPICS


def median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def experiments(scope: str) -> dict:
    return importlib.import_module(f"core.{scope}").EXPERIMENTS


def bench_page(scope: str, repeats: int) -> list[tuple[str, str, float, float]]:
    rows = []
    for part, (fn, cfg) in experiments(scope).items():
        fn(cfg)  # warm up imports and first-call costs once, outside the timing

        def cold():
            cache.clear()
            cache.compute(fn, cfg)

        cold_s = median_seconds(cold, repeats)
        warm_s = median_seconds(lambda: cache.compute(fn, cfg), repeats * 5)
        rows.append((scope, part, cold_s, warm_s))
    return rows


def bench_app_start(repeats: int) -> float:
    import pathlib

    from streamlit.testing.v1 import AppTest

    app = str(pathlib.Path(__file__).resolve().parent.parent / "app.py")

    def first_page():
        AppTest.from_file(app, default_timeout=60).run()

    return median_seconds(first_page, repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--page", default=None, help="only this page's scope")
    args = parser.parse_args()
    print(f"{'page':<16}{'part':<14}{'cold s':>10}{'warm ms':>10}  (medians of {args.repeats})")
    for topic in TOPICS:
        if args.page and topic.scope != args.page:
            continue
        for scope, part, cold_s, warm_s in bench_page(topic.scope, args.repeats):
            flag = "" if cold_s < 1.0 else "  > 1 s target"
            print(f"{scope:<16}{part:<14}{cold_s:>10.3f}{warm_s * 1000:>10.3f}{flag}")
    print(f"app start (home page, AppTest): {bench_app_start(max(args.repeats // 2, 1)):.3f} s")


if __name__ == "__main__":
    main()
