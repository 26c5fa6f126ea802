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
