"""Model builders from a frozen config: an MLP now, a small CNN for the digit pages.

Both are plain `nn.Module`s whose blocks read like the lecture: Linear -> norm -> activation ->
dropout. Weights come from a seeded generator, so two builds with the same seed and shapes are
equal (the basis of twin runs).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import torch
from torch import nn

from core.nn import ACTIVATIONS, Act, SeededDropout
from core.params import choice, flag, num
from core.plain import INITS, init_weights


def batch_norm(width):
    return nn.BatchNorm1d(width)


def layer_norm(width):
    return nn.LayerNorm(width)


def group_norm(width):
    groups = next(g for g in (8, 4, 2, 1) if width % g == 0)  # the largest of 8, 4, 2, 1 that divides width
    return nn.GroupNorm(groups, width)


def no_norm(width):
    return nn.Identity()


# placed before the nonlinearity (Ioffe & Szegedy 2015)
NORM_LAYERS = {"none": no_norm, "batch": batch_norm, "layer": layer_norm, "group": group_norm}


@dataclass(frozen=True)
class ModelConfig:
    width: int = num(64, 2, 512, key="width")
    depth: int = num(2, 1, 12, key="depth")  # hidden layers
    activation: str = choice("relu", tuple(ACTIVATIONS), key="act")
    norm: str = choice("none", tuple(NORM_LAYERS), key="norm")
    dropout: float = num(0.0, 0.0, 0.9, step=0.05, key="drop")  # PyTorch convention: probability to drop
    init: str = choice("kaiming_normal", tuple(INITS), key="init")
    init_std: float = num(0.01, 1e-4, 10.0, log=True, key="std")  # used by normal/uniform/constant
    bias: bool = flag(True, key="bias")
    slope: float = num(0.01, 0.0, 0.5, step=0.01, key="slope")  # Leaky ReLU's negative slope
    alpha: float = num(1.0, 0.1, 3.0, step=0.1, key="alpha")  # ELU's alpha
    k: int = num(2, 2, 8, key="k")  # Maxout pieces
    seed: int = num(0, 0, 9999, key="seed")


class Block(nn.Module):
    """One hidden layer: z = W a + b -> norm -> f -> dropout. Maxout's W has k rows per unit."""

    def __init__(self, d_in, width, activation, norm, dropout, bias, slope, alpha, k, generator):
        super().__init__()
        pieces = k if activation == "maxout" else 1
        self.linear = nn.Linear(d_in, width * pieces, bias=bias)
        self.norm = NORM_LAYERS[norm](width) if pieces == 1 else nn.Identity()
        self.act = Act(activation, slope, alpha, k)
        self.drop = SeededDropout(dropout, generator)

    def forward(self, x):
        return self.drop(self.act(self.norm(self.linear(x))))


class MLP(nn.Module):
    """x: (N, d_in) -> logits (N, d_out) through `depth` hidden blocks of `width` units. Dropout masks come
    from their own generator, seeded with seed + 1."""

    def __init__(self, d_in, d_out, width=64, depth=2, activation="relu", norm="none", dropout=0.0, bias=True,
                 slope=0.01, alpha=1.0, k=2, seed=0):
        super().__init__()
        self.generator = torch.Generator().manual_seed(seed + 1)
        dims = [d_in] + [width] * depth
        self.blocks = nn.ModuleList(Block(a, width, activation, norm, dropout, bias, slope, alpha, k, self.generator)
                                    for a in dims[:-1])
        self.head = nn.Linear(width, d_out)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)

    def acts(self):
        """The activation layers, in order: where per-layer statistics are read."""
        return [b.act for b in self.blocks]

    def weights(self):
        """The weight layers of the hidden blocks, in order."""
        return [b.linear for b in self.blocks]


# Modules whose forward ignores train/eval mode (LayerNorm and GroupNorm normalize each example by itself).
MODE_FREE = (MLP, Block, nn.ModuleList, nn.Linear, nn.Identity, nn.LayerNorm, nn.GroupNorm, Act)


def mode_free(model: nn.Module) -> bool:
    """Whether the model computes the same in train and eval mode: an MLP without dropout or BatchNorm (every
    module's type one of MODE_FREE, exactly: a subclass may read the mode), so a training forward on the whole
    training set is also its evaluation there (core.train)."""
    return type(model) is MLP and all(type(m) in MODE_FREE or (type(m) is SeededDropout and m.p == 0)
                                      for m in model.modules())


def mlp_settings(cfg: ModelConfig) -> dict:
    """MLP's keyword arguments for a config (all but init, init_std: those are applied after building)."""
    return {"width": cfg.width, "depth": cfg.depth, "activation": cfg.activation, "norm": cfg.norm,
            "dropout": cfg.dropout, "bias": cfg.bias, "slope": cfg.slope, "alpha": cfg.alpha, "k": cfg.k,
            "seed": cfg.seed}


def lsuv_(model: nn.Module, x: torch.Tensor, iterations: int = 3) -> None:
    """LSUV's data step (Mishkin & Matas 2016): scale each weight layer so its output has unit variance on x."""
    layers = [m for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    for layer in layers[:-1]:
        out = {}
        handle = layer.register_forward_hook(lambda m, i, o, out=out: out.__setitem__("o", o))
        for _ in range(iterations):
            with torch.no_grad():
                model(x)
                std = out["o"].std()
                if std > 1e-8:
                    layer.weight.div_(std)
        handle.remove()


# Inits that also look at data: after the named init, a step on a batch of inputs.
DATA_STEPS = {"lsuv": lsuv_}


def initialize(model, init, std, seed, x=None):
    """Apply a named init to every Linear/Conv from one seeded stream; LSUV also needs inputs x."""
    init_weights(model, init, std, seed)
    if init in DATA_STEPS and x is not None:
        DATA_STEPS[init](model, x)
    return model


def build_mlp(cfg: ModelConfig, d_in: int, d_out: int, x: torch.Tensor | None = None) -> MLP:
    """Build and initialize an MLP; x (a batch of inputs) is used only by LSUV."""
    return initialize(MLP(d_in, d_out, **mlp_settings(cfg)), cfg.init, cfg.init_std, cfg.seed, x)


@contextmanager
def recording(acts):
    """Within the block, every forward through the activation layers `acts` leaves (z, a) in the yielded
    list, one entry per layer: z detached, a as computed (so a gradient can be retained on it)."""
    seen = [None] * len(acts)

    def keep(i):
        return lambda layer, inputs, output: seen.__setitem__(i, (inputs[0].detach(), output))

    handles = [act.register_forward_hook(keep(i)) for i, act in enumerate(acts)]
    try:
        yield seen
    finally:
        for handle in handles:
            handle.remove()


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


class CNN1d(nn.Module):
    """(N, L) -> (N, K): conv1d k=5 -> ReLU -> conv1d k=5 -> ReLU -> global max pool -> linear, for the 1-D
    digits. Circular padding, as the digits are shifted circularly; the max over positions makes the features
    the same wherever a pattern sits (MNIST-1D's point: Greydanus 2020, arXiv:2011.14439). Every weight comes
    from one generator seeded with `seed` through the named init (core.plain.INITS), biases start at 0."""

    def __init__(self, classes: int = 10, channels: int = 16, init: str = "kaiming_normal", seed: int = 0):
        super().__init__()
        self.conv1 = nn.Conv1d(1, channels, 5, padding=2, padding_mode="circular")
        self.conv2 = nn.Conv1d(channels, channels, 5, padding=2, padding_mode="circular")
        self.act1, self.act2 = nn.ReLU(), nn.ReLU()
        self.head = nn.Linear(channels, classes)
        g = torch.Generator().manual_seed(seed)
        for layer in (self.conv1, self.conv2, self.head):
            INITS[init](layer.weight, 0.01, g)  # std: used by the normal/uniform/constant inits only
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        h = self.act1(self.conv1(x[:, None]))  # (N, 1, L) -> (N, C, L)
        h = self.act2(self.conv2(h))
        return self.head(h.amax(dim=2))  # global max pool: (N, C)
