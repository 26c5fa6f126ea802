"""Activation functions and the layers built on them, by name: the one registry of activations.

Each activation is a named function of the pre-activations z, and its slope f'(z) a second named function,
so that the pages can draw f', count saturated units (|f'(z)| < 0.01) and compare with autograd, and an
exported script can show either as it is (inspect.getsource). Every function takes the app's knobs as
keywords (Leaky ReLU's slope, ELU's alpha, maxout's k pieces) and ignores the ones it does not use.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

SATURATED_SLOPE = 0.01  # a unit counts as saturated where |f'(z)| < 0.01 (issue 2, part 1)
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805  # Klambauer et al. 2017


def sigmoid(z, **_):
    return torch.sigmoid(z)


def tanh(z, **_):
    return torch.tanh(z)  # = 2 sigmoid(2z) - 1: a zero-centered sigmoid


def relu(z, **_):
    return torch.relu(z)


def leaky_relu(z, slope=0.01, **_):
    return F.leaky_relu(z, slope)


def elu(z, alpha=1.0, **_):
    return F.elu(z, alpha)


def gelu(z, **_):
    return F.gelu(z)


def silu(z, **_):
    return F.silu(z)


def selu(z, **_):
    return F.selu(z)


def softplus(z, **_):
    return F.softplus(z)


def maxout(z, k=2, **_):
    """Maxout (Goodfellow et al. 2013): z holds k affine pieces per unit, (N, units * k) -> (N, units)."""
    return z.view(len(z), -1, k).max(dim=-1).values


def sigmoid_slope_at(s):
    """sigma'(z) from s = sigma(z)."""
    return s * (1 - s)


def sigmoid_slope(z, **_):
    return sigmoid_slope_at(torch.sigmoid(z))


def tanh_slope_at(a):
    """tanh'(z) from a = tanh(z)."""
    return 1 - a ** 2


def tanh_slope(z, **_):
    return tanh_slope_at(torch.tanh(z))


def relu_slope_at(a):
    """ReLU'(z) from a = relu(z) (positive exactly where z is), written as floats by the comparison itself (the
    health record computes it at every logged step; a boolean mask converted after it takes five times as long)."""
    return torch.gt(a, 0, out=torch.empty_like(a))


def relu_slope(z, **_):
    return relu_slope_at(torch.relu(z))


# The piecewise slopes below pick their piece by arithmetic on a 0/1 float mask (x * 1 and x * 0 are exact), the
# same numbers as torch.where(z > 0, ...): where and boolean masks took ten times as long here, and the health
# record computes these slopes at every logged step.
def leaky_relu_slope(z, slope=0.01, **_):
    above = torch.gt(z, 0, out=torch.empty_like(z))  # 1.0 where z > 0, else 0.0
    return above + slope * (1 - above)  # 1 where z > 0, the slope elsewhere


def elu_slope(z, alpha=1.0, **_):
    above = torch.gt(z, 0, out=torch.empty_like(z))
    return above + alpha * torch.exp(z.clamp(max=0)) * (1 - above)  # 1 where z > 0, alpha e^z elsewhere


def gelu_slope(z, **_):
    cdf = 0.5 * (1 + torch.erf(z / math.sqrt(2)))  # GELU(z) = z Phi(z): Phi(z) + z phi(z)
    return cdf + z * torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


def silu_slope(z, **_):
    s = torch.sigmoid(z)
    return s * (1 + z * (1 - s))


def selu_slope(z, **_):
    return SELU_SCALE * elu_slope(z, SELU_ALPHA)


def softplus_slope(z, **_):
    return torch.sigmoid(z)


def maxout_slope(z, **_):
    return torch.ones_like(z)  # piecewise linear: the winning piece's slope never vanishes


# name -> f(z) and name -> f'(z): the one registry of activations (same keys, tested)
ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu, "elu": elu,
               "gelu": gelu, "silu": silu, "selu": selu, "softplus": softplus, "maxout": maxout}
SLOPES = {"sigmoid": sigmoid_slope, "tanh": tanh_slope, "relu": relu_slope, "leaky_relu": leaky_relu_slope,
          "elu": elu_slope, "gelu": gelu_slope, "silu": silu_slope, "selu": selu_slope,
          "softplus": softplus_slope, "maxout": maxout_slope}
# f'(z) read from the output f(z), where the slope is a function of it: the same operations as SLOPES after its
# f(z), so the same numbers from a layer's own outputs (the health record needs no copy of z for these). ReLU's
# output is positive exactly where z is.
OUTPUT_SLOPES = {"sigmoid": sigmoid_slope_at, "tanh": tanh_slope_at, "relu": relu_slope_at}
# Maxout is not elementwise (it takes the max over k pieces); the curves and slope statistics use the others.
ELEMENTWISE = tuple(name for name in ACTIVATIONS if name != "maxout")


class Act(nn.Module):
    """An activation by name as a layer: a = f(z), with the knobs the app sets."""

    def __init__(self, name, slope=0.01, alpha=1.0, k=2):
        super().__init__()
        self.name, self.knobs = name, {"slope": slope, "alpha": alpha, "k": k}

    def forward(self, z):
        return ACTIVATIONS[self.name](z, **self.knobs)


# Bounded activations (their output range): saturated means within 1% of the range's ends (saturated_values)
BOUNDED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
SATURATED_MARGIN = 0.01  # tanh: |a| > 0.99 counts as saturated, as on the slide


def saturation_bounds(name):
    """A bounded f's outputs below the first number or above the second are saturated: within SATURATED_MARGIN of
    its range's ends (tanh: -0.99, 0.99)."""
    lo, hi = BOUNDED[name]
    margin = SATURATED_MARGIN * (hi - lo) / 2
    return lo + margin, hi - margin


def saturated_values(act, z, a, slope=None):
    """For an activation layer `act`, its input z and output a: True where a value is saturated.
    Bounded f (tanh, sigmoid): the output is within 1% of its range's ends (tanh: |a| > 0.99, as on the
    slide). Others: the engine's rule, |f'(z)| < 0.01 (slope: f'(z) if the caller has it already)."""
    if act.name in BOUNDED:
        low, high = saturation_bounds(act.name)
        return (a < low) | (a > high)
    return saturated(act, z) if slope is None else slope.abs() < SATURATED_SLOPE


def dead_units(act, z, slope=None):
    """(units,) True where f'(z) is exactly 0 on every input (z: (N, units), or (..., N, units) for several
    layers at once): no gradient can reach the unit (for ReLU: z <= 0 for all inputs; maxout's slope never
    vanishes). slope: f'(z) if the caller has it already. (Its largest and smallest values both 0: the same as
    all(f'(z) == 0), NaN included, with two reductions and no mask or copy the size of z: the health record
    computes it at every logged step.)"""
    slope = SLOPES[act.name](z, **act.knobs) if slope is None else slope
    return (slope.amax(dim=-2) == 0) & (slope.amin(dim=-2) == 0)


def tanh_dead_units_at(magnitude):
    """dead_units of tanh read from |a| (..., N, units), a = tanh(z): its slope 1 - a^2 is exactly 0 where |a| is
    exactly 1 and nowhere else in float32 (the largest float below 1 squares to 1 - 2^-23), so a unit is dead where
    its smallest |a| over the inputs is 1. One reduction over |a|, which the health record has already; a NaN is
    never dead, as in dead_units."""
    return magnitude.amin(dim=-2) == 1


def saturated(act, z):
    """For an activation layer `act` and its input z: True where |f'(z)| < 0.01, almost no gradient gets
    through."""
    return SLOPES[act.name](z, **act.knobs).abs() < SATURATED_SLOPE


class SeededDropout(nn.Module):
    """Inverted dropout with its own generator, so masks repeat with the seed.

    Train: zero each unit with probability p and scale survivors by 1/(1-p); eval: identity.
    (PyTorch's p is the drop probability; CS231n's p is the keep probability, p_keep = 1 - p.)
    """

    def __init__(self, p, generator=None):
        super().__init__()
        self.p, self.generator = p, generator

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        if self.p >= 1:
            return torch.zeros_like(x)
        keep = torch.rand(x.shape, generator=self.generator) >= self.p
        return x * keep / (1 - self.p)
