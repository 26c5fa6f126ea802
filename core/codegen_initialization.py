"""Copy as PyTorch code for the Initialization page: the slides' deep stack (activation statistics per
layer), its gradients after one step, the variance rule per init, and training from W = 0.

Each `*_script(cfg)` returns a standalone script (or None for LSUV, whose data-driven rescaling has no
one-line torch.nn equivalent) that prints one of the part's tables; tests/test_codegen.py runs it.
Templates are dedented once; multi-line pieces are filled in at column 0.
"""

from __future__ import annotations

import textwrap

from core.codegen import ACT_CODE, INIT_CODE, data_code
from core.codegen_forward import (IMPORTS, MAXOUT_K, MAXOUT_MODULE, header, mlp_builder, nonlinearity,
                                  source, train_step)
from core.data import DataConfig

INIT_NAMES = {"zero": "W = 0", "constant": "every weight = c", "normal": "W ~ N(0, std^2)",
              "uniform": "W ~ U(-a, a) with std a/sqrt(3)", "xavier_normal": "Xavier: Var(W) = 2 / (n_in + n_out)",
              "xavier_uniform": "Xavier (uniform): Var(W) = 2 / (n_in + n_out)",
              "kaiming_normal": "He: Var(W) = 2 / n_in", "orthogonal": "orthogonal rows"}
FINITE = textwrap.dedent('''\
    def finite(value):  # a value past float32's range (the stack exploded) is reported as nan
        return value if math.isfinite(value) else math.nan
    ''')
MAXOUT_Z = "z = a  # maxout: the app reports a unit's output as its z too"


def _bounds(activation: str) -> tuple[float, float] | None:
    """(lo, hi) of the Initialization page's saturation rule for a bounded f (tanh: |a| > 0.99)."""
    from core.initialization import BOUNDED, SATURATED_MARGIN

    if activation not in BOUNDED:
        return None
    lo, hi = BOUNDED[activation]
    margin = SATURATED_MARGIN * (hi - lo) / 2
    return lo + margin, hi - margin


def _tidy(code: str) -> str:
    """Drop the lines an empty placeholder left (only spaces); blank lines stay."""
    return "\n".join(line for line in code.split("\n") if line == "" or line.strip())


def _init(name: str, std: float) -> str:
    return f"{INIT_CODE[name].format(std=repr(std))}  # {INIT_NAMES[name]}"


def _described(cfg) -> str:
    """The init in words, with its std (or constant) where it uses one."""
    if cfg.init == "constant":
        return f"every weight = {cfg.std!r}"
    return INIT_NAMES[cfg.init] + (f" with std = {cfg.std!r}" if cfg.init in ("normal", "uniform") else "")


def _values(cfg) -> dict:
    """What every stack template fills in."""
    return {"width": cfg.width, "depth": cfg.depth, "batch": cfg.batch, "seed": cfg.seed, "act": cfg.activation,
            "out": f"{cfg.width} * K" if cfg.activation == "maxout" else f"{cfg.width}",
            "maxout_z": MAXOUT_Z if cfg.activation == "maxout" else "", "imports": IMPORTS, "finite": FINITE}


STACK = textwrap.dedent('''\
    {imports}

    {f}

    {finite}

    # The input has its own seed, apart from the weights' (the same seed would correlate x and W).
    x = torch.randn({batch}, {width}, generator=torch.Generator().manual_seed(10_000 + {seed}))
    g = torch.Generator().manual_seed({seed})
    layers = [nn.Linear({width}, {out}, bias=False) for _ in range({depth})]  # the slides: no bias
    for w in [layer.weight for layer in layers]:  # one generator, in the app's order
        {init}

    print("# layers by layer")
    print("layer,mean,std,z_second_moment,a_second_moment,saturated,dead")
    a = x
    with torch.no_grad():
        for i, layer in enumerate(layers, start=1):
            z = layer(a)
            a = f(z)
            {maxout_z}
            z2 = z.double().square().mean().item()  # float64: E[z^2] passes 3e38 before z does
            a2 = a.double().square().mean().item()
            dead = (df(z) == 0).all(dim=0)  # a unit whose slope is 0 on every input gets no gradient
            print(f"{{i}},{{finite(a.mean().item()):.7g}},{{finite(a.std().item()):.7g}},{{finite(z2):.7g}},"
                  f"{{finite(a2):.7g}},{{saturated(z, a).float().mean().item():.7g}},{{dead.float().mean().item():.7g}}")
    ''')


def stack_script(cfg) -> str | None:
    """The part 'stack': per-layer statistics of one forward pass (table 'layers')."""
    if cfg.init == "lsuv":
        return None
    doc = header("CS231n Lab, Initialization: activation statistics through a deep stack", f"""
The slides' experiment: {cfg.depth} layers of {cfg.width} units without bias, {cfg.batch} unit-Gaussian inputs,
f = {cfg.activation}, {_described(cfg)}. It prints, per layer, the mean and std of the
activations a, E[z^2] and E[a^2], the fraction of saturated values and the fraction of dead units
(f'(z) = 0 on every input: no gradient reaches them).""")
    f = nonlinearity(cfg.activation, cfg.width, slope=True, bounds=_bounds(cfg.activation))
    return doc + _tidy(STACK.format(f=f, init=_init(cfg.init, cfg.std), **_values(cfg)))


GRADIENTS = textwrap.dedent('''\
    {imports}

    {f}

    # The input has its own seed, apart from the weights' (the same seed would correlate x and W).
    x = torch.randn({batch}, {width}, generator=torch.Generator().manual_seed(10_000 + {seed}))
    y = torch.randint(10, ({batch},), generator=torch.Generator().manual_seed(20_000 + {seed}))  # random labels
    g = torch.Generator().manual_seed({seed})
    layers = [nn.Linear({width}, {out}, bias=False) for _ in range({depth})]  # the slides: no bias
    head = nn.Linear({width}, 10)  # 10 logits
    for w in [layer.weight for layer in layers] + [head.weight]:  # one generator, in the app's order
        {init}
    nn.init.zeros_(head.bias)

    acts, a = [], x
    for layer in layers:
        a = f(layer(a))
        a.retain_grad()  # keep dL/da of every hidden layer, not only the leaves' gradients
        acts.append(a)
    loss = F.cross_entropy(head(a), y)
    opt = torch.optim.SGD([layer.weight for layer in layers] + list(head.parameters()), lr={lr})
    opt.zero_grad()
    loss.backward()
    before = [layer.weight.detach().clone() for layer in layers]
    opt.step()

    print("# gradients by layer")
    print("layer,act_std,act_grad_std,weight_grad_std,update_ratio")
    for i, (a, layer, w0) in enumerate(zip(acts, layers, before), start=1):
        w = layer.weight
        ratio = ((w.detach() - w0).norm() / (w0.norm() + 1e-12)).item()  # ||dW|| / ||W||: about 1e-3 is healthy
        print(f"{{i}},{{a.detach().std().item():.7g}},{{a.grad.std().item():.7g}},{{w.grad.std().item():.7g}},"
              f"{{ratio:.7g}}")
    ''')


def gradients_script(cfg) -> str | None:
    """The part 'gradients': one forward and backward pass and one SGD step (its only table)."""
    if cfg.init == "lsuv":
        return None
    doc = header("CS231n Lab, Initialization: gradients and the update-to-weight ratio", f"""
The slides' stack ({cfg.depth} x {cfg.width}, no bias, f = {cfg.activation}, {_described(cfg)}) with a
10-way head, cross-entropy on random labels, one backward pass and one plain SGD step (lr = {cfg.sgd_lr!r}).
It prints, per layer, the std of the activations, of dL/da and of dL/dW, and ||W_after - W_before|| /
||W_before|| (the rule of thumb wants about 1e-3).""")
    return doc + GRADIENTS.format(f=nonlinearity(cfg.activation, cfg.width), init=_init(cfg.init, cfg.std),
                                  lr=repr(cfg.sgd_lr), **_values(cfg))


VARIANCE = textwrap.dedent('''\
    {imports}

    {f}

    INITS = {{
    {inits}
    }}


    {finite}

    {geometric_mean}

    {verdict}


    # The input has its own seed, apart from the weights' (the same seed would correlate x and W).
    x = torch.randn({batch}, {width}, generator=torch.Generator().manual_seed(10_000 + {seed}))
    print("# readout by init")
    print("init,n_in_var_w,rule,kept_by_f,factor,verdict")
    for name, init in INITS.items():
        g = torch.Generator().manual_seed({seed})  # every init starts from the same seed
        layers = [nn.Linear({width}, {out}, bias=False) for _ in range({depth})]
        for layer in layers:
            init(layer.weight, g)
        z2, a2, a = [], [], x  # E[z_l^2] and E[a_l^2] per layer
        with torch.no_grad():
            for layer in layers:
                z = layer(a)
                a = f(z)
                {maxout_z}
                z2.append(finite(z.double().square().mean().item()))  # float64: past float32's range
                a2.append(finite(a.double().square().mean().item()))
        w = layers[-1].weight.detach()
        factor = geometric_mean(z2[1:], z2[:-1])  # E[z_l^2] / E[z_(l-1)^2]: how the signal grows per layer
        rule = geometric_mean(z2, [1.0] + a2[:-1])  # E[z_l^2] / E[a_(l-1)^2] (E[x^2] = 1): the rule's n_in Var(W)
        print(f"{{name}},{{w.shape[1] * w.var().item():.7g}},{{rule:.7g}},{{geometric_mean(a2, z2):.7g}},"
              f"{{factor:.7g}},{{verdict(factor)}}")
    ''')


def variance_script(cfg) -> str | None:
    """The part 'variance': the rule Var(z_l) = n_in Var(W) E[a_(l-1)^2], measured per init (table 'readout')."""
    if "lsuv" in cfg.inits:
        return None
    doc = header("CS231n Lab, Initialization: the variance rule", f"""
z_l = W_l a_(l-1) with zero-mean independent weights gives Var(z_l) = n_in Var(W) E[a_(l-1)^2]. For each
init, the slides' stack ({cfg.depth} x {cfg.width}, no bias, f = {cfg.activation}) forwards one batch of {cfg.batch}
unit-Gaussian inputs. It prints n_in Var(W) of the last layer's weights, the rule measured (E[z_l^2] /
E[a_(l-1)^2]), what f keeps (E[a^2] / E[z^2], 1/2 for ReLU) and the signal's growth per layer (E[z_l^2] /
E[z_(l-1)^2]), each a geometric mean over the layers.""")
    inits = "\n".join(f"    {name!r}: lambda w, g: {INIT_CODE[name].format(std=repr(cfg.std))},  # {INIT_NAMES[name]}"
                      for name in cfg.inits)
    return doc + _tidy(VARIANCE.format(f=nonlinearity(cfg.activation, cfg.width), inits=inits,
                                       geometric_mean=source("core.initialization", "geometric_mean"),
                                       verdict=source("core.initialization", "verdict"),
                                       **_values(cfg)))


ZERO = textwrap.dedent('''\
    {imports}

    {data}

    {maxout}# Equal weights: every unit of a layer computes the same output and gets the same gradient, so the
    # units stay copies of each other (the slides' W = 0 pitfall). A random init breaks the symmetry.
    INITS = {{"equal": lambda w, g: nn.init.constant_(w, {value}),
             "random": lambda w, g: {random}}}


    {build}

    {unit_spread}


    x, y, *_ = make_data()  # the training set
    print("# spread by variant,step,layer")
    print("variant,step,layer,spread,moved")
    for variant, init in INITS.items():
        model = build(init)
        hidden = [m.weight for m in model.modules() if isinstance(m, nn.Linear)][:-1]
        start = [w.detach().clone() for w in hidden]
        opt = torch.optim.SGD(model.parameters(), lr={lr}, foreach=True)
        first, above = None, 0
        for step in range({steps} + 1):
            if step % {every} == 0 or step == {steps}:
                for i, (w, w0) in enumerate(zip(hidden, start), start=1):
                    moved = (w.detach() - w0).norm().item()  # ||W_t - W_0||
                    print(f"{{variant}},{{step}},{{i}},{{unit_spread(w.detach()):.7g}},{{moved:.7g}}")
            if step == {steps}:
                break
    {step}
    ''')


def zero_script(cfg) -> str | None:
    """The part 'zero': twin runs from equal weights and from a random init (table 'spread')."""
    if cfg.random_init == "lsuv":
        return None
    if cfg.activation == "maxout":
        block = f"Maxout(d, {cfg.width}, {MAXOUT_K})"
    else:
        block = f"nn.Linear(d, {cfg.width}), {ACT_CODE[cfg.activation].format(slope=0.01, alpha=1.0)}"
    every = max(cfg.steps // cfg.checkpoints, 1)
    doc = header("CS231n Lab, Initialization: W = 0 and the symmetry problem", f"""
Two MLPs ({cfg.depth} hidden layers of {cfg.width} units, f = {cfg.activation}) on the spiral, trained with full-batch SGD (lr = {cfg.lr!r},
{cfg.steps} steps): 'equal' starts with every weight = {cfg.value!r}, 'random' with {INIT_NAMES[cfg.random_init]}.
Every {every} steps it prints, per hidden layer, the spread of the units (the largest difference between
two units' incoming weights: 0 means every unit is still a copy of the others) and ||W_t - W_0||.""")
    return doc + ZERO.format(imports=IMPORTS, data=data_code(DataConfig(seed=cfg.seed)),
                             maxout=MAXOUT_MODULE + "\n\n" if cfg.activation == "maxout" else "",
                             value=repr(cfg.value), random=INIT_CODE[cfg.random_init].format(std=repr(cfg.value)),
                             build=mlp_builder(cfg.depth, cfg.width, cfg.seed, f"[{block}]"),
                             unit_spread=source("core.initialization", "unit_spread"), lr=repr(cfg.lr),
                             steps=cfg.steps, every=every,
                             step=train_step("        ", "break"))
