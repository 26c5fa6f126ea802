"""A fixed workload that says how fast this machine is at the lab's kind of work, printed by every
`python -m bench` run beside its figures: the same box can be 1.5x slower an hour later (README), so a
figure is read against the reference measured with it (a part taking 2x the reference on any machine).

Plain PyTorch, independent of the engine (an engine change does not move it), one torch thread as the
lab runs: a small tanh MLP trained with SGD on the full batch, and a small CNN on 8x8 images with Adam
on minibatches, both seeded.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from bench import median_seconds


def workload() -> float:
    """One pass of the workload; returns its final losses' sum (so nothing is skipped)."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(500, 2, generator=g), torch.randint(0, 3, (500,), generator=g)
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(2, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 3))
    opt = torch.optim.SGD(mlp.parameters(), lr=0.1)
    for _ in range(200):
        loss = F.cross_entropy(mlp(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    total = loss.item()
    images, labels = torch.randn(256, 1, 8, 8, generator=g), torch.randint(0, 10, (256,), generator=g)
    cnn = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(128, 10))
    opt = torch.optim.Adam(cnn.parameters(), lr=0.01)
    for step in range(40):
        batch = slice(64 * (step % 4), 64 * (step % 4 + 1))
        loss = F.cross_entropy(cnn(images[batch]), labels[batch])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return total + loss.item()


def seconds(repeats: int = 5) -> float:
    """Median seconds of the workload over `repeats` passes, after one untimed pass (first-call costs)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        workload()
        return median_seconds(workload, repeats)
    finally:
        torch.set_num_threads(threads)


def line(repeats: int = 5) -> str:
    return (f"machine reference (bench/reference.py, plain PyTorch MLP and CNN steps, median of {repeats}): "
            f"{seconds(repeats) * 1000:.0f} ms")


if __name__ == "__main__":
    print(line())
