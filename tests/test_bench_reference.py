"""bench/reference.py: the fixed workload every `python -m bench` prints beside its figures."""

import torch

from bench import reference


def test_the_reference_workload_is_seeded_and_leaves_the_thread_count_alone():
    """The same work on every pass (same losses), one torch thread while it is timed, the caller's count after."""
    assert reference.workload() == reference.workload()
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert reference.seconds(repeats=1) > 0 and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_the_load_report_says_how_far_a_run_is_from_its_target():
    """bench.load prints each run against issue 19's p95 target for its mix and size: met, or missed by how much;
    a size without a target says nothing."""
    from bench.load import TARGETS, verdict

    run = lambda kind, sessions, p95: {"kind": kind, "sessions": sessions, "p95": p95}  # noqa: E731
    assert TARGETS[("cold", 10)] == 3.0 and TARGETS[("cold", 25)] == 6.0
    assert verdict(run("cold", 10, 2.4)) == "target p95 < 3 s: met"
    assert verdict(run("cold", 25, 8.6)) == "target p95 < 6 s: missed by 2.60 s"
    assert verdict(run("group", 10, 1.25)) == "target p95 < 1.2 s: missed by 0.05 s"
    assert verdict(run("group", 1, 0.3)) == ""


def test_the_bench_says_what_a_part_above_the_ratio_target_computes_that_its_script_does_not():
    """issue 19: where a part's ratio to its script stays above the target, `python -m bench` says why, measured:
    matrix products counted (2 n m k for one), the trip to a worker for a tiny part, the steps a run evaluates
    for its curves and what recording its health adds."""
    import re

    from bench.__main__ import matrix_flops, why

    a, b = torch.ones(3, 4), torch.ones(4, 5)
    assert matrix_flops(lambda: a @ b) == 2 * 3 * 4 * 5
    assert "the trip to a worker and back" in why("batchnorm", "forward", 0.0004, 0.0011)
    said = why("optimizers", "network", 0.09, 0.08)
    assert "trip" not in said
    ratio = float(re.search(r"([\d.]+)x its script's matrix arithmetic", said).group(1))
    assert 0.5 < ratio < 5
    assert re.search(r"evaluated at \d+ steps a run for its curves", said)
    assert re.search(r"health recording [+-]\d+%", said)
