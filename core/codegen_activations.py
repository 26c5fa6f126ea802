"""Copy as PyTorch code for the Activations page: saturation and the gradient through L layers, the
zig-zag of always-positive inputs, and maxout fitting x^2. (The MLP parts, dead ReLUs and the race, use
core.codegen.mlp_export; shapes and cost are curves and timings, with nothing to reproduce.)

Each `*_script(cfg)` returns a standalone script that prints one of the part's tables; tests/test_codegen.py
runs it. Templates are dedented once; multi-line pieces are filled in at column 0.
"""

from __future__ import annotations

import textwrap

from core.codegen_forward import DF_CODE, header

SATURATION = textwrap.dedent('''\
    import math

    import torch

    torch.set_num_threads(1)

    # f'(z) of each activation, with the app's defaults (Leaky ReLU's slope 0.01, ELU's alpha 1)
    SLOPES = {{
    {slopes}
    }}

    g = torch.Generator().manual_seed({seed})
    z = {mu} + {sigma} * torch.randn({layers}, {units}, generator=g)  # fresh pre-activations in every layer
    print("# fractions by activation")
    print("activation,saturated,mean_abs_slope,gradient_left")
    for name, df in SLOPES.items():
        slopes = df(z)
        # saturated: |f'(z)| < {threshold}, almost no gradient gets through
        saturated = (slopes[0].abs() < {threshold}).float().mean().item()
        # Backprop multiplies the upstream gradient by f'(z_l) at every layer (weights left out): what is left
        # of a gradient of 1 after all {layers} layers, averaged over the units.
        left = slopes.abs().cumprod(dim=0).mean(dim=1)
        print(f"{{name}},{{saturated:.7g}},{{slopes[0].abs().mean().item():.7g}},{{left[-1].item():.7g}}")
    ''')


def saturation_script(cfg) -> str:
    """The part 'saturation': saturated fraction, mean slope and gradient left after L layers ('fractions')."""
    from core.nn import ACTIVATIONS, SATURATED_SLOPE

    doc = header("CS231n Lab, Activations: saturation kills gradients", f"""
Pre-activations z ~ N({cfg.mu!r}, {cfg.sigma!r}^2), drawn afresh in each of {cfg.layers} layers ({cfg.units} units). It prints, per
activation, the fraction of saturated units in a layer (|f'(z)| < {SATURATED_SLOPE}), the mean |f'(z)|, and the mean of
|f'(z_1) ... f'(z_L)|: how much of a gradient survives the way back through all {cfg.layers} layers.""")
    slopes = "\n".join(f"    {name!r}: lambda z: {DF_CODE[name]}," for name in ACTIVATIONS)
    return doc + SATURATION.format(slopes=slopes, seed=cfg.seed, mu=repr(cfg.mu), sigma=repr(cfg.sigma),
                                   layers=cfg.layers, units=cfg.units, threshold=repr(SATURATED_SLOPE))


ZIGZAG = textwrap.dedent('''\
    import torch

    torch.set_num_threads(1)

    target = torch.tensor([{w1}, {w2}])  # w*: w1 > 0 > w2, so the best path goes down and to the right
    g = torch.Generator().manual_seed({seed})
    u = torch.rand({steps}, 2, generator=g)
    print("# steps by inputs")
    print("inputs,steps_to_target,same_sign_fraction")
    # 'positive': x in (0, 1)^2, like sigmoid outputs; 'centered': 2x - 1 in (-1, 1), like tanh's
    for inputs, x_all in (("positive", u), ("centered", 2 * u - 1)):
        w = torch.zeros(2)
        reached, same, taken = None, 0, 0
        for t in range({steps}):
            x = x_all[t]
            dw = (w @ x - target @ x) * x  # gradient of 0.5 (w.x - w*.x)^2: a multiple of x
            w = w - {lr} * dw
            same += bool((dw[0] * dw[1]) >= 0)  # both weights move the same way: only along quadrants 1 and 3
            taken = t + 1
            if (w - target).norm() < {tolerance}:
                reached = t + 1
                break
        print(f"{{inputs}},{{'' if reached is None else reached}},{{same / taken:.7g}}")
    ''')


def zigzag_script(cfg) -> str:
    """The part 'zigzag': steps to the target with positive and with zero-centered inputs (table 'steps')."""
    doc = header("CS231n Lab, Activations: the zig-zag of always-positive inputs", f"""
One unit y = w . x fitted one example at a time (SGD, lr = {cfg.lr!r}) to w* = ({cfg.target_w1!r}, {cfg.target_w2!r}). With inputs
that are all positive (like sigmoid outputs), dL/dw = (w.x - y) x gives both weights the same sign, so w
can only zig-zag towards w*. It prints, for positive and zero-centered inputs, the steps until w is
within {cfg.tolerance} of w* (empty: not within {cfg.max_steps}) and the fraction of steps whose two components shared a sign.""")
    return doc + ZIGZAG.format(w1=repr(cfg.target_w1), w2=repr(cfg.target_w2), seed=cfg.seed, steps=cfg.max_steps,
                               lr=repr(cfg.lr), tolerance=repr(cfg.tolerance))


MAXOUT = textwrap.dedent('''\
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)


    def maxout(x, w, b):
        """A maxout unit (Goodfellow et al. 2013): max_j (w_j x + b_j). x: (N, 1), w: (1, k), b: (k,) -> (N, 1)."""
        return (x @ w + b).max(dim=1, keepdim=True).values


    x = torch.linspace(-1, 1, 201)[:, None]
    y = x ** 2
    print("# error by k")
    print("k,mse")
    for k in range(1, {max_k} + 1):  # k = 1 is a plain linear unit
        g = torch.Generator().manual_seed({seed})
        w = torch.randn(1, k, generator=g).requires_grad_()
        b = (0.1 * torch.randn(k, generator=g)).requires_grad_()
        opt = torch.optim.Adam([w, b], lr=0.05)
        for _ in range({steps}):
            loss = F.mse_loss(maxout(x, w, b), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            print(f"{{k}},{{F.mse_loss(maxout(x, w, b), y).item():.7g}}")  # k pieces: a convex fit of x^2
    ''')


def maxout_script(cfg) -> str:
    """The part 'maxout': the error of a maxout unit with k = 1..max_k pieces fitted to x^2 (table 'error')."""
    doc = header("CS231n Lab, Activations: maxout fits x^2 piece by piece", f"""
A maxout unit max_j (w_j x + b_j) with k = 1..{cfg.max_k} linear pieces fitted to y = x^2 on [-1, 1] (201 points,
Adam lr = 0.05, {cfg.steps} steps, same start for every k). It prints the mean squared error for each k: more
pieces, a closer piecewise-linear fit.""")
    return doc + MAXOUT.format(max_k=cfg.max_k, seed=cfg.seed, steps=cfg.steps)
