"""Seeded datasets: 2-D toy sets (CS231n spiral and friends), scikit-learn's 8x8 digits, and 1-D digits.

Every generator takes its own `torch.Generator`, so a (name, size, noise, seed) tuple always
gives the same points on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch
import torch.nn.functional as F

from core.params import choice, num
from core.plain import shuffle_split

TOY = ("spiral", "moons", "circles", "xor", "gaussians")
DATASETS = TOY + ("digits", "digits1d")
# What a part's data choice offers: the 2-D toys and the 1-D digits (issue 15: "wherever a page lets the user
# choose a data set"). The 8x8 digits have parts of their own.
DATA_CHOICES = TOY + ("digits1d",)


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


# 1-D digits: our own generator after MNIST-1D (Greydanus 2020, "Scaling down deep learning",
# arXiv:2011.14439; github.com/greydanus/mnist1d): ten short template signals, each example padded, stretched,
# scaled, shifted (circularly), noised, sheared and resampled to 40 points. Harder than the 2-D toys and the
# 8x8 digits: where a signal sits varies more than what it looks like, which a linear model cannot undo, an
# MLP must learn at every position, and a convolution with a global max pool gets for free.
WAVES = (  # one 12-point template per class, all starting and ending at 0 (shapes of our own)
    (0, 1.0, 1.6, 1.9, 2.0, 2.0, 2.0, 2.0, 1.9, 1.6, 1.0, 0),  # 0: a wide hump
    (0, 2.0, 2.0, 2.0, 2.0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4, 0),  # 1: a high step, then a low one
    (0, -2.5, -2.2, -1.8, -1.4, -1.0, -0.6, -0.3, 0, 0, 0, 0),  # 2: a drop, then a slow climb back
    (0, 1.2, 2.0, 1.2, 0.2, 0, 0.2, 1.2, 2.0, 1.2, 0.4, 0),  # 3: two humps
    (0, 1.5, 2.2, 1.5, 0.5, -0.5, -1.5, -2.2, -1.5, -0.8, -0.3, 0),  # 4: up, then down
    (0, -1.8, -1.8, -1.0, 0, 1.0, 1.8, 2.2, 2.2, 1.6, 0.8, 0),  # 5: down, then up
    (0, -0.4, -0.8, -1.4, -2.2, -2.6, -2.2, -1.4, -0.8, -0.4, -0.2, 0),  # 6: a deep dip
    (0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 1.4, 0),  # 7: a long ramp up
    (0, 1.5, 1.5, 0, -1.5, -1.5, 0, 1.5, 1.5, 0, -0.8, 0),  # 8: up, down, up
    (0, -1.0, -1.0, -1.0, -1.0, 0, 1.5, 2.5, 1.5, 0.5, 0.2, 0),  # 9: a shelf below, then a peak
)
# MNIST-1D's settings: zeros after the template (36-60), the middle length 72 (12 + 60), amplitude x(1 +- 0.2),
# a slope of +-0.375 end to end, 40 points in the end; but circular shifts over all 72 points (theirs: up to
# 48) and more noise at noise = 0.2 (correlated 4x, white 2.5x theirs): our templates differ more than theirs.
PADDING_1D, MIDDLE_1D, LENGTH_1D = (36, 60), 72, 40
SCALE_1D, SHEAR_1D = 0.4, 0.75
NOISE_1D = 0.2  # the `noise` value at which the two noise levels below hold (DataConfig's default)
CORRELATED_1D, WHITE_1D = 1.0, 0.05  # std of the noise in the padding (before smoothing) and everywhere


def wave_templates():
    """WAVES as a (10, 12) tensor, each standardized (mean 0, std 1) and then shifted to start at 0."""
    w = torch.tensor(WAVES, dtype=torch.float32)
    w = (w - w.mean(1, keepdim=True)) / w.std(1, keepdim=True)
    return w - w[:, :1]


def resample(x, length, spans=None):
    """Linear interpolation of each row of x (N, M) at `length` evenly spaced points over its first spans[i]
    values (all M when spans is None): (N, length)."""
    n, m = x.shape
    spans = torch.full((n, 1), m) if spans is None else spans[:, None]
    at = torch.linspace(0, 1, length) * (spans - 1)
    left = at.floor().long().clamp(max=m - 2)
    frac = at - left
    return torch.gather(x, 1, left) * (1 - frac) + torch.gather(x, 1, left + 1) * frac


def smooth(x, sigma=2.0):
    """Each row of x (N, M) convolved with a Gaussian of std sigma points, wrapping around: (N, M)."""
    r = int(4 * sigma)
    kernel = torch.exp(-0.5 * (torch.arange(-r, r + 1) / sigma) ** 2)
    return F.conv1d(F.pad(x[:, None], (r, r), mode="circular"), (kernel / kernel.sum())[None, None])[:, 0]


def digits1d(n, noise, g):
    """n 1-D digits x (n, 40) and labels y (n,), balanced (n // 10 or one more per class). noise scales both
    noises; 0.2 gives the levels above, 0 none."""
    y = torch.arange(n) % 10
    templates = wave_templates()
    width = templates.shape[1]
    signal = torch.zeros(n, width + PADDING_1D[1])
    signal[:, :width] = templates[y]
    inside = torch.zeros_like(signal)  # 1 where the template is: the noise in the padding goes elsewhere
    inside[:, :width] = 1.0
    spans = width + torch.randint(PADDING_1D[0], PADDING_1D[1] + 1, (n,), generator=g)
    x, inside = resample(signal, MIDDLE_1D, spans), resample(inside, MIDDLE_1D, spans)  # pad and stretch
    x = x * (1 + SCALE_1D * (torch.rand(n, 1, generator=g) - 0.5))
    shift = torch.randint(0, MIDDLE_1D, (n, 1), generator=g)
    where = (torch.arange(MIDDLE_1D) - shift) % MIDDLE_1D
    x, inside = torch.gather(x, 1, where), torch.gather(inside, 1, where)
    level = noise / NOISE_1D
    background = smooth(CORRELATED_1D * level * torch.randn(n, MIDDLE_1D, generator=g))
    x = torch.where(inside > 0, x, background) + WHITE_1D * level * torch.randn(n, MIDDLE_1D, generator=g)
    x = x - SHEAR_1D * (torch.rand(n, 1, generator=g) - 0.5) * torch.linspace(-0.5, 0.5, MIDDLE_1D)
    return resample(x, LENGTH_1D), y


GENERATORS = {"spiral": spiral, "moons": moons, "circles": circles, "xor": xor,
              "gaussians": gaussians, "digits": digits, "digits1d": digits1d}


def data_dim(name: str) -> int:
    """The number of inputs of a data set's points: 64 pixels, 40 samples of a 1-D digit, else 2."""
    return {"digits": 64, "digits1d": LENGTH_1D}.get(name, 2)


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
