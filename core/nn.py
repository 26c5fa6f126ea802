"""Activation functions, initializations and layers by name, each with what the pages need.

`ACTIVATIONS[name]` gives f and its derivative df (both elementwise on pre-activations z), so the
pages can draw f'(z), count saturated units (|f'(z)| < 0.01) and compare with autograd.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

SATURATED_SLOPE = 0.01  # a unit counts as saturated where |f'(z)| < 0.01 (issue 2, part 1)
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805  # Klambauer et al. 2017


@dataclass(frozen=True)
class Activation:
    f: Callable[..., torch.Tensor]
    df: Callable[..., torch.Tensor]
    zero_centered: bool
    latex: str


def _sigmoid_df(z, **_):
    s = torch.sigmoid(z)
    return s * (1 - s)


def _gelu_df(z, **_):
    cdf = 0.5 * (1 + torch.erf(z / math.sqrt(2)))
    return cdf + z * torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(lambda z, **_: torch.sigmoid(z), _sigmoid_df, False,
                          r"\sigma(z) = \frac{1}{1 + e^{-z}}"),
    "tanh": Activation(lambda z, **_: torch.tanh(z), lambda z, **_: 1 - torch.tanh(z) ** 2, True,
                       r"\tanh(z) = 2\sigma(2z) - 1"),
    "relu": Activation(lambda z, **_: torch.relu(z), lambda z, **_: (z > 0).to(z.dtype), False,
                       r"\mathrm{ReLU}(z) = \max(0, z)"),
    "leaky_relu": Activation(lambda z, slope=0.01, **_: F.leaky_relu(z, slope),
                             lambda z, slope=0.01, **_: torch.where(z > 0, 1.0, slope).to(z.dtype), True,
                             r"\mathrm{LeakyReLU}(z) = \max(\alpha z, z)"),
    "elu": Activation(lambda z, alpha=1.0, **_: F.elu(z, alpha),
                      lambda z, alpha=1.0, **_: torch.where(z > 0, torch.ones_like(z), alpha * torch.exp(z)), True,
                      r"\mathrm{ELU}(z) = \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}"),
    "gelu": Activation(lambda z, **_: F.gelu(z), _gelu_df, False, r"\mathrm{GELU}(z) = z\,\Phi(z)"),
    "silu": Activation(lambda z, **_: F.silu(z),
                       lambda z, **_: torch.sigmoid(z) * (1 + z * (1 - torch.sigmoid(z))), False,
                       r"\mathrm{SiLU}(z) = z\,\sigma(z)"),
    "selu": Activation(lambda z, **_: F.selu(z),
                       lambda z, **_: SELU_SCALE * torch.where(z > 0, torch.ones_like(z), SELU_ALPHA * torch.exp(z)),
                       True, r"\mathrm{SELU}(z) = \lambda \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}"),
    "softplus": Activation(lambda z, **_: F.softplus(z), lambda z, **_: torch.sigmoid(z), False,
                           r"\mathrm{softplus}(z) = \log(1 + e^{z})"),
}
# Maxout is not elementwise: it takes the max of k affine pieces (Goodfellow et al. 2013), see Maxout.
ACTIVATION_NAMES = tuple(ACTIVATIONS) + ("maxout",)


class Act(nn.Module):
    """An elementwise activation by name; remembers its last input z and output a for statistics."""

    def __init__(self, name: str, slope: float = 0.01, alpha: float = 1.0):
        super().__init__()
        self.name, self.kw = name, {"slope": slope, "alpha": alpha}
        self.keep = False  # set by the training loop when per-layer statistics are wanted
        self.z = self.a = None

    def forward(self, z):
        a = ACTIVATIONS[self.name].f(z, **self.kw)
        if self.keep:
            self.z, self.a = z.detach(), a
        return a

    def saturated(self, z):
        return ACTIVATIONS[self.name].df(z, **self.kw).abs() < SATURATED_SLOPE


class Maxout(nn.Module):
    """max over k affine pieces: (N, D) -> (N, width). Holds its own k*width Linear."""

    def __init__(self, d_in: int, width: int, k: int, bias: bool = True):
        super().__init__()
        self.k, self.width = k, width
        self.linear = nn.Linear(d_in, width * k, bias=bias)
        self.keep, self.z, self.a = False, None, None

    def forward(self, x):
        z = self.linear(x).view(-1, self.width, self.k)
        a = z.max(dim=-1).values
        if self.keep:
            self.z, self.a = a.detach(), a
        return a

    def saturated(self, z):
        return torch.zeros_like(z, dtype=torch.bool)  # piecewise linear: slope never vanishes


class SeededDropout(nn.Module):
    """Inverted dropout with its own generator, so masks repeat with the seed.

    Train: zero each unit with probability p and scale survivors by 1/(1-p); eval: identity.
    (PyTorch's p is the drop probability; CS231n's p is the keep probability, p_keep = 1 - p.)
    """

    def __init__(self, p: float, generator: torch.Generator | None = None):
        super().__init__()
        self.p, self.generator = p, generator

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        if self.p >= 1:
            return torch.zeros_like(x)
        keep = torch.rand(x.shape, generator=self.generator) >= self.p
        return x * keep / (1 - self.p)


def _uniform(w, std, g):
    a = std * math.sqrt(3)  # U(-a, a) has std a/sqrt(3): same std as the normal init
    nn.init.uniform_(w, -a, a, generator=g)


INITS: dict[str, Callable] = {
    "zero": lambda w, std, g: nn.init.zeros_(w),
    "constant": lambda w, std, g: nn.init.constant_(w, std),
    "normal": lambda w, std, g: nn.init.normal_(w, 0.0, std, generator=g),
    "uniform": _uniform,
    "xavier_normal": lambda w, std, g: nn.init.xavier_normal_(w, generator=g),
    "xavier_uniform": lambda w, std, g: nn.init.xavier_uniform_(w, generator=g),
    # He et al. 2015: Var(W) = 2 / n_in for ReLU (fan_in mode)
    "kaiming_normal": lambda w, std, g: nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g),
    "orthogonal": lambda w, std, g: nn.init.orthogonal_(w, generator=g),
    # Mishkin & Matas 2016: orthogonal start, then each layer rescaled on data to unit output variance.
    "lsuv": lambda w, std, g: nn.init.orthogonal_(w, generator=g),
}


def init_linear(layer: nn.Module, init: str, std: float, g: torch.Generator) -> None:
    """Initialize a Linear/Conv weight by registry name; biases start at zero."""
    INITS[init](layer.weight, std, g)
    if layer.bias is not None:
        nn.init.zeros_(layer.bias)


def lsuv_(model: nn.Module, x: torch.Tensor, iterations: int = 3) -> None:
    """LSUV's data step: scale each weight layer so its output has unit variance on x."""
    layers = [m for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    for layer in layers[:-1]:
        out = {}
        handle = layer.register_forward_hook(lambda m, i, o: out.__setitem__("o", o))
        for _ in range(iterations):
            with torch.no_grad():
                model(x)
                std = out["o"].std()
                if std > 1e-8:
                    layer.weight.div_(std)
        handle.remove()
