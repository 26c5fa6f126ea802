"""Model builders from a frozen config: an MLP now, a small CNN for the digit pages.

Both are plain `nn.Module`s whose blocks read like the lecture: Linear -> norm -> activation ->
dropout. Weights come from a seeded generator, so two builds with the same seed and shapes are
equal (the basis of twin runs).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from core.nn import ACTIVATION_NAMES, INITS, Act, Maxout, SeededDropout, init_linear, lsuv_
from core.params import choice, flag, num

NORMS = ("none", "batch", "layer", "group")


@dataclass(frozen=True)
class ModelConfig:
    width: int = num(64, 2, 512, key="width")
    depth: int = num(2, 1, 12, key="depth")  # hidden layers
    activation: str = choice("relu", ACTIVATION_NAMES, key="act")
    norm: str = choice("none", NORMS, key="norm")  # placed before the nonlinearity (Ioffe & Szegedy 2015)
    dropout: float = num(0.0, 0.0, 0.9, step=0.05, key="drop")  # PyTorch convention: probability to drop
    init: str = choice("kaiming_normal", tuple(INITS), key="init")
    init_std: float = num(0.01, 1e-4, 10.0, log=True, key="std")  # used by normal/uniform/constant
    bias: bool = flag(True, key="bias")
    slope: float = num(0.01, 0.0, 0.5, step=0.01, key="slope")  # Leaky ReLU's negative slope
    alpha: float = num(1.0, 0.1, 3.0, step=0.1, key="alpha")  # ELU's alpha
    k: int = num(2, 2, 8, key="k")  # Maxout pieces
    seed: int = num(0, 0, 9999, key="seed")


def _norm(kind: str, width: int) -> nn.Module:
    if kind == "batch":
        return nn.BatchNorm1d(width)
    if kind == "layer":
        return nn.LayerNorm(width)
    if kind == "group":
        return nn.GroupNorm(_groups(width), width)
    return nn.Identity()


def _groups(width: int) -> int:
    """The largest of 8, 4, 2, 1 that divides width (GroupNorm needs an exact split)."""
    return next(g for g in (8, 4, 2, 1) if width % g == 0)


class Block(nn.Module):
    """One hidden layer: z = W a + b -> norm -> f -> dropout."""

    def __init__(self, d_in: int, cfg: ModelConfig, generator: torch.Generator):
        super().__init__()
        if cfg.activation == "maxout":
            self.linear, self.norm = nn.Identity(), nn.Identity()
            self.act = Maxout(d_in, cfg.width, cfg.k, bias=cfg.bias)
        else:
            self.linear = nn.Linear(d_in, cfg.width, bias=cfg.bias)
            self.norm = _norm(cfg.norm, cfg.width)
            self.act = Act(cfg.activation, cfg.slope, cfg.alpha)
        self.drop = SeededDropout(cfg.dropout, generator)

    def forward(self, x):
        return self.drop(self.act(self.norm(self.linear(x))))


class MLP(nn.Module):
    """x: (N, D) -> logits (N, K) through `depth` hidden blocks of `width` units."""

    def __init__(self, cfg: ModelConfig, d_in: int, d_out: int):
        super().__init__()
        self.cfg = cfg
        self.generator = torch.Generator().manual_seed(cfg.seed + 1)  # dropout masks
        dims = [d_in] + [cfg.width] * cfg.depth
        self.blocks = nn.ModuleList(Block(a, cfg, self.generator) for a in dims[:-1])
        self.head = nn.Linear(cfg.width, d_out)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)

    def acts(self) -> list[nn.Module]:
        """The activation modules, in order: where per-layer statistics are read."""
        return [b.act for b in self.blocks]

    def weights(self) -> list[nn.Linear]:
        """The weight layers of the hidden blocks, in order."""
        return [b.act.linear if isinstance(b.act, Maxout) else b.linear for b in self.blocks]


def initialize(model: nn.Module, init: str, std: float, seed: int, x: torch.Tensor | None = None) -> nn.Module:
    """Apply a named init to every Linear/Conv from one seeded stream; LSUV also needs data x."""
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            init_linear(m, init, std, g)
    if init == "lsuv" and x is not None:
        lsuv_(model, x)
    return model


def build_mlp(cfg: ModelConfig, d_in: int, d_out: int, x: torch.Tensor | None = None) -> MLP:
    """Build and initialize an MLP; x (a batch of inputs) is used only by LSUV."""
    model = MLP(cfg, d_in, d_out)
    return initialize(model, cfg.init, cfg.init_std, cfg.seed, x)


class SmallCNN(nn.Module):
    """(N, 1, 8, 8) -> (N, K): conv3x3 -> f -> pool -> conv3x3 -> f -> pool -> linear."""

    def __init__(self, channels: int = 16, classes: int = 10, activation: str = "relu",
                 pool: nn.Module | None = None):
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, 2 * channels, 3, padding=1)
        self.act1, self.act2 = Act(activation), Act(activation)
        self.pool = pool if pool is not None else nn.MaxPool2d(2)
        self.head = nn.Linear(2 * channels, classes)

    def features(self, x):
        x = self.pool(self.act1(self.conv1(x)))
        x = self.act2(self.conv2(x))
        return x.mean(dim=(2, 3))  # global average pool: (N, 2C)

    def forward(self, x):
        return self.head(self.features(x))
