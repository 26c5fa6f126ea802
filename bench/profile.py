"""Where the time of one part goes: cProfile (Python functions, by own time and by cumulative time) and the
torch profiler (operators, by self CPU time), each on a run after one warm-up run.

Usage: python -m bench.profile SCOPE PART [SCOPE PART ...] [--top N]
(bench/PROFILE.md holds the table for the slowest parts.)
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import time

import torch


def part_of(scope: str, part: str):
    return importlib.import_module(f"core.{scope}").EXPERIMENTS[part]


def seconds(fn, cfg) -> float:
    start = time.perf_counter()
    fn(cfg)
    return time.perf_counter() - start


# Where a training run's time goes, by the cumulative time of the functions that do each kind of work
# (file suffix, function name). Evaluation includes its own forwards; "forward" counts every forward.
KINDS = {
    "forward": [("torch/nn/modules/module.py", "_call_impl")],
    "backward": [("torch/_tensor.py", "backward")],
    "optimizer step": [("torch/optim/optimizer.py", "wrapper")],
    "zero_grad": [("torch/optim/optimizer.py", "zero_grad")],
    "evaluation": [("core/plain.py", "evaluate")],
    "health": [("core/health.py", "")],
    "data": [("core/data.py", "")],
    "pandas": [("pandas/", "")],
}


def breakdown(stats: pstats.Stats) -> dict[str, float]:
    """Seconds per kind of work (KINDS): the largest cumulative time among the matching functions, so
    that a function calling another of the same kind is not counted twice."""
    found = {kind: 0.0 for kind in KINDS}
    for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        for kind, patterns in KINDS.items():
            if any(path.endswith(suffix) or (suffix.endswith("/") and suffix in path) for suffix, _ in patterns) \
                    and any(name == wanted or not wanted for _, wanted in patterns):
                found[kind] = max(found[kind], cumulative)
    return found


def python_profile(fn, cfg, top: int) -> str:
    profile = cProfile.Profile()
    profile.runcall(fn, cfg)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = max(cumulative for (_, _, _, cumulative, _) in stats.stats.values())
    shares = sorted(breakdown(stats).items(), key=lambda kv: -kv[1])
    out.write("cost breakdown (cProfile cumulative, share of the run): " + ", ".join(
        f"{kind} {seconds / total:.0%}" for kind, seconds in shares if seconds) + "\n")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top * 2)
    return out.getvalue()


def torch_profile(fn, cfg, top: int) -> str:
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        fn(cfg)
    return prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("parts", nargs="+", help="SCOPE PART pairs")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    for scope, part in zip(args.parts[::2], args.parts[1::2]):
        fn, cfg = part_of(scope, part)
        first = seconds(fn, cfg)  # imports and first-call costs
        again = min(seconds(fn, cfg) for _ in range(2))
        print(f"\n===== {scope} {part}: first call {first:.3f} s, again {again:.3f} s =====")
        print(python_profile(fn, cfg, args.top))
        print(torch_profile(fn, cfg, args.top))


if __name__ == "__main__":
    main()
