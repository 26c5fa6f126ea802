"""Pieces shared by the hand-written "copy as PyTorch code" scripts of the Initialization, BatchNorm and
Activations pages: the docstring every script opens with, f and f' by name as one-line torch expressions
(the same formulas as core.nn, so saturated and dead counts agree to the element), a maxout layer, the
app's MLP, one step of core.train's loop with its divergence rule, and the source of
plain core functions a script shows as they are.

Each piece is a string of source code; core/codegen_<topic>.py assembles them into a script.
"""

from __future__ import annotations

import importlib
import inspect
import textwrap
from functools import cache

from core.models import ModelConfig
from core.nn import SATURATED_SLOPE, SELU_ALPHA, SELU_SCALE
from core.train import BLOWUP_FACTOR, DIVERGE_FACTOR, PATIENCE

IMPORTS = textwrap.dedent('''\
    import math

    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.set_num_threads(1)
    ''')
# f(z) and f'(z) with the app's defaults (Leaky ReLU's slope 0.01, ELU's alpha 1), as written in core.nn.
F_CODE = {"sigmoid": "torch.sigmoid(z)", "tanh": "torch.tanh(z)", "relu": "torch.relu(z)",
          "leaky_relu": "F.leaky_relu(z, 0.01)", "elu": "F.elu(z, 1.0)", "gelu": "F.gelu(z)", "silu": "F.silu(z)",
          "selu": "F.selu(z)", "softplus": "F.softplus(z)"}
DF_CODE = {"sigmoid": "torch.sigmoid(z) * (1 - torch.sigmoid(z))",
           "tanh": "1 - torch.tanh(z) ** 2",
           "relu": "(z > 0).float()",
           "leaky_relu": "torch.where(z > 0, 1.0, 0.01)",
           "elu": "torch.where(z > 0, torch.ones_like(z), torch.exp(z))",
           "gelu": "0.5 * (1 + torch.erf(z / math.sqrt(2))) + z * torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)",
           "silu": "torch.sigmoid(z) * (1 + z * (1 - torch.sigmoid(z)))",
           "selu": f"{SELU_SCALE!r} * torch.where(z > 0, torch.ones_like(z), {SELU_ALPHA!r} * torch.exp(z))",
           "softplus": "torch.sigmoid(z)"}
MAXOUT_K = ModelConfig().k  # the app's number of maxout pieces


@cache
def source(module: str, name: str) -> str:
    """The source of a plain function of a core module (torch and math only), for a script to show as is."""
    return inspect.getsource(getattr(importlib.import_module(module), name)).strip()


def header(title: str, what: str) -> str:
    """The script's docstring: title, how to run it, what it does and prints (`what`, a few lines)."""
    return (f'"""{title}\n\nStandalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch).\n'
            f'{what.strip()}\n"""\n')


def nonlinearity(name: str, width: int, slope: bool = False, bounds: tuple[float, float] | None = None) -> str:
    """Source defining f(z) for an activation of the app, and with slope=True also df(z) (= f'(z)) and
    saturated(z, a). bounds (lo, hi), for a bounded f on the Initialization page: saturated means a < lo or
    a > hi, i.e. within 1% of the range's ends; otherwise |f'(z)| < 0.01 (the engine's rule)."""
    if name == "maxout":
        code = (f"K = {MAXOUT_K}  # affine pieces per unit: the layer before f has {width} * K outputs\n\n\n"
                f"def f(z):  # maxout (Goodfellow et al. 2013): each unit is the max of its K pieces\n"
                f"    return z.view(-1, {width}, K).max(dim=-1).values\n")
        rule = ("def saturated(z, a):  # maxout never saturates\n"
                "    return torch.zeros_like(a, dtype=torch.bool)\n")
        slope_code = "torch.ones_like(z)  # piecewise linear: the slope never vanishes"
    else:
        code = f"def f(z):  # {name}\n    return {F_CODE[name]}\n"
        slope_code = DF_CODE[name]
        if bounds is not None:
            rule = (f"def saturated(z, a):  # within 1% of the range's ends, where f is flat\n"
                    f"    return (a < {bounds[0]!r}) | (a > {bounds[1]!r})\n")
        else:
            rule = (f"def saturated(z, a):  # where the slope is almost 0: little gradient gets through\n"
                    f"    return df(z).abs() < {SATURATED_SLOPE!r}\n")
    if not slope:
        return code
    return code + f"\n\ndef df(z):  # the slope f'(z)\n    return {slope_code}\n\n\n" + rule


MAXOUT_MODULE = textwrap.dedent('''\
    class Maxout(nn.Module):
        """Maxout (Goodfellow et al. 2013): each of `width` units outputs the max of its k affine pieces."""

        def __init__(self, n_in, width, k, bias=True):
            super().__init__()
            self.width, self.k = width, k
            self.linear = nn.Linear(n_in, width * k, bias=bias)

        def forward(self, x):
            return self.linear(x).view(-1, self.width, self.k).max(dim=-1).values
    ''')


def mlp_builder(depth: int, width: int, seed: int, block: str, params: str = "init") -> str:
    """Source of build(params) -> an nn.Sequential of `depth` hidden blocks (`block`: a list expression in
    d, the block's input size) and a 3-way head; one generator draws every Linear's weight in order
    through init(w, g), biases start at 0 (the app's MLP)."""
    return textwrap.dedent(f'''\
        def build({params}):
            layers, d = [], 2
            for _ in range({depth}):
                layers += {block}
                d = {width}
            model = nn.Sequential(*layers, nn.Linear({width}, 3))
            g = torch.Generator().manual_seed({seed})  # the app's order: every Linear's weight, first to last
            for m in model.modules():
                if isinstance(m, nn.Linear):
                    init(m.weight, g)
                    nn.init.zeros_(m.bias)
            return model
        ''')


def train_step(indent: str, stop: str) -> str:
    """One full-batch step of core.train's loop, as lines at `indent` (needs model, opt, x, y and
    `first, above = None, 0`): the loss, the app's divergence rule (stop, running `stop`, when the loss is
    NaN/inf, passes 1000x its first value, or stays above 3x it for 20 steps), backward and update."""
    return textwrap.indent(textwrap.dedent(f'''\
        loss = F.cross_entropy(model(x), y)  # full batch
        value = loss.item()
        first = value if first is None else first
        above = above + 1 if value > {DIVERGE_FACTOR!r} * max(first, 1e-3) else 0
        if not math.isfinite(value) or value > {BLOWUP_FACTOR!r} * max(first, 1e-3) or above >= {PATIENCE}:
            {stop}  # diverged: the app stops the run here too
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        '''), indent).rstrip()
