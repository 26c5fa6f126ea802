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
