"""Seeded datasets: 2-D toy sets (CS231n spiral and friends) and scikit-learn's 8x8 digits.

Every generator takes its own `torch.Generator`, so a (name, size, noise, seed) tuple always
gives the same points on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch

from core.params import choice, num
from core.plain import shuffle_split

TOY = ("spiral", "moons", "circles", "xor", "gaussians")
DATASETS = TOY + ("digits",)


@dataclass(frozen=True)
class DataConfig:
    # CS231n's 3-class spiral (cs231n.github.io/neural-networks-case-study)
    name: str = choice("spiral", DATASETS, key="data")
    n: int = num(300, 30, 3000, step=10, key="n")  # points in all, before the validation split
    noise: float = num(0.2, 0.0, 1.0, step=0.05, key="noise")
    val_fraction: float = 0.3
    seed: int = num(0, 0, 9999, key="dseed")


@dataclass
class Dataset:
    """x_*: (N, D) float32, y_*: (N,) int64; `classes` is K."""
    x_train: torch.Tensor
    y_train: torch.Tensor
    x_val: torch.Tensor
    y_val: torch.Tensor
    classes: int

    @property
    def dim(self) -> int:
        return self.x_train.shape[1]


def spiral(n: int, noise: float, g: torch.Generator, k: int = 3):
    """K interleaved arms; arm j sweeps angle 4j..4(j+1) while the radius grows 0..1."""
    per = max(n // k, 2)
    r = torch.linspace(0.0, 1.0, per).repeat(k)
    arm = torch.arange(k).repeat_interleave(per)
    t = torch.linspace(0.0, 4.0, per).repeat(k) + 4.0 * arm + noise * torch.randn(per * k, generator=g)
    x = torch.stack([r * torch.sin(t), r * torch.cos(t)], dim=1)
    return x, arm


def moons(n: int, noise: float, g: torch.Generator):
    half = n // 2
    t = math.pi * torch.rand(2 * half, generator=g)
    upper = torch.stack([torch.cos(t[:half]), torch.sin(t[:half])], 1)
    lower = torch.stack([1 - torch.cos(t[half:]), 0.5 - torch.sin(t[half:])], 1)
    x = torch.cat([upper, lower]) + 0.5 * noise * torch.randn(2 * half, 2, generator=g)
    return (x - torch.tensor([0.5, 0.25])), torch.arange(2).repeat_interleave(half)


def circles(n: int, noise: float, g: torch.Generator):
    half = n // 2
    t = 2 * math.pi * torch.rand(2 * half, generator=g)
    radius = torch.cat([torch.full((half,), 1.0), torch.full((half,), 0.5)])
    x = radius[:, None] * torch.stack([torch.cos(t), torch.sin(t)], 1)
    return x + 0.3 * noise * torch.randn(2 * half, 2, generator=g), torch.arange(2).repeat_interleave(half)


def xor(n: int, noise: float, g: torch.Generator):
    x = 2 * torch.rand(n, 2, generator=g) - 1
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).long()
    return x + 0.3 * noise * torch.randn(n, 2, generator=g), y


def gaussians(n: int, noise: float, g: torch.Generator, k: int = 3):
    per = max(n // k, 2)
    angle = 2 * math.pi * torch.arange(k) / k
    centers = torch.stack([torch.cos(angle), torch.sin(angle)], 1)
    y = torch.arange(k).repeat_interleave(per)
    return centers[y] + (0.15 + noise) * torch.randn(per * k, 2, generator=g), y


@lru_cache(maxsize=1)
def digit_pixels():
    """scikit-learn's bundled 1,797 handwritten digits: x (1797, 64), 8x8 pixels scaled to [0, 1], and y."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return torch.tensor(bunch.data, dtype=torch.float32) / 16.0, torch.tensor(bunch.target, dtype=torch.long)


def digits(n: int, noise: float, g: torch.Generator):
    """A seeded sample of n digits (as 64-vectors), with optional pixel noise."""
    x, y = digit_pixels()
    pick = torch.randperm(len(x), generator=g)[: min(n, len(x))]
    return x[pick] + noise * 0.1 * torch.randn(len(pick), 64, generator=g), y[pick]


GENERATORS = {"spiral": spiral, "moons": moons, "circles": circles, "xor": xor,
              "gaussians": gaussians, "digits": digits}


def load_data(name, n, noise, val_fraction, seed):
    """A data set by name: generated from the seed, shuffled, a fraction held out.
    Returns x_train, y_train, x_val, y_val and the number of classes."""
    g = torch.Generator().manual_seed(seed)
    x, y = GENERATORS[name](n, noise, g)
    return *shuffle_split(x, y, val_fraction, g), int(y.max()) + 1


def data_settings(cfg: DataConfig) -> dict:
    """load_data's keyword arguments for a config."""
    return {"name": cfg.name, "n": cfg.n, "noise": cfg.noise, "val_fraction": cfg.val_fraction, "seed": cfg.seed}


def make_dataset(cfg: DataConfig) -> Dataset:
    """Generate, shuffle and split; the split is seeded too."""
    return Dataset(*load_data(**data_settings(cfg)))
