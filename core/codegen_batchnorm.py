"""Copy as PyTorch code for the BatchNorm page: activations with and without BatchNorm, the learning-rate
and init-scale grids, learned gamma and beta, train vs eval mode, and the hand-written forward pass.

Each `*_script(cfg)` returns a standalone script that prints one of the part's tables; tests/test_codegen.py
runs it. Templates are dedented once; multi-line pieces are filled in at column 0.
"""

from __future__ import annotations

import textwrap

from core.codegen import ACT_CODE, data_code
from core.codegen_forward import IMPORTS, header, mlp_builder, nonlinearity, source, train_step
from core.data import DataConfig

def _build(cfg, activation: str) -> str:
    """build(norm, init): Linear -> BatchNorm (norm = "batch") -> f in each hidden layer."""
    norm = f'([nn.BatchNorm1d({cfg.width})] if norm == "batch" else [])'
    block = f"[nn.Linear(d, {cfg.width})] + {norm} + [{ACT_CODE[activation]}]"
    return mlp_builder(cfg.depth, cfg.width, cfg.seed, block, "norm, init")


ACTIVATIONS = textwrap.dedent('''\
    {imports}

    {f}

    # Not the weights' stream: with one seed, x and W = std * randn would be the same numbers.
    x = torch.randn({batch}, {width}, generator=torch.Generator().manual_seed({seed} + 7919))
    print("# layers by variant,layer")
    print("variant,layer,z_mean,z_std,a_mean,a_std,saturated")
    for variant in ("none", "batch"):
        g = torch.Generator().manual_seed({seed})  # both variants get the same weights
        a = x
        with torch.no_grad():
            for layer in range(1, {depth} + 1):
                linear = nn.Linear({width}, {width})
                nn.init.normal_(linear.weight, 0.0, {std}, generator=g)
                nn.init.zeros_(linear.bias)
                # BatchNorm in training mode: each unit normalized over this batch, then gamma = 1, beta = 0
                norm = nn.BatchNorm1d({width}) if variant == "batch" else nn.Identity()
                z = norm(linear(a))  # the input of the nonlinearity
                a = f(z)
                print(f"{{variant}},{{layer}},{{z.mean().item():.7g}},{{z.std().item():.7g}},{{a.mean().item():.7g}},"
                      f"{{a.std().item():.7g}},{{saturated(z, a).float().mean().item():.7g}}")
    ''')


def activations_script(cfg) -> str:
    """The part 'activations': one forward pass with and without BatchNorm (table 'layers')."""
    doc = header("CS231n Lab, BatchNorm: activations per layer with and without BatchNorm", f"""
{cfg.batch} unit-Gaussian inputs through {cfg.depth} layers of {cfg.width} units (f = {cfg.activation}, W ~ N(0, {cfg.init_std!r}^2),
zero biases), once as they are and once with BatchNorm before each nonlinearity (training mode). It prints,
per layer, the mean and std of z (the nonlinearity's input) and of a = f(z), and the fraction of values
where |f'(z)| < 0.01 (saturated).""")
    return doc + ACTIVATIONS.format(imports=IMPORTS, f=nonlinearity(cfg.activation, cfg.width, slope=True),
                                    batch=cfg.batch, width=cfg.width, depth=cfg.depth, seed=cfg.seed,
                                    std=repr(cfg.init_std))


GRIDS = textwrap.dedent('''\
    {imports}

    {data}

    LRS = {lrs}  # grid 'lr': He init, each learning rate
    STDS = {stds}  # grid 'init': W ~ N(0, std^2), at the learning rate {lr_for_init}
    # (grid, value, init of a weight w given the generator g, learning rate)
    JOBS = ([("lr", lr, lambda w, g: nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g), lr) for lr in LRS]
            + [("init", std, lambda w, g, std=std: nn.init.normal_(w, 0.0, std, generator=g), {lr_for_init})
               for std in STDS])


    {build}

    def train(model, lr):
        """Full-batch SGD for {steps} steps: the training losses measured every {every} steps (in eval mode,
        as the app does: BatchNorm then uses its running averages) and whether the run diverged."""
        opt = torch.optim.SGD(model.parameters(), lr=lr, foreach=True)
        losses, first, above = [], None, 0
        for step in range({steps} + 1):
            if step % {every} == 0 or step == {steps}:
                model.eval()
                with torch.no_grad():
                    losses.append(F.cross_entropy(model(x), y).item())
                model.train()
            if step == {steps}:
                break
    {step}
        return losses, False


    {outcome}


    x, y, *_ = make_data()  # the training set
    print("# cells by grid,value,variant")
    print("grid,value,variant,first_loss,final_loss,diverged,outcome")
    for grid, value, init, lr in JOBS:
        for variant in ("none", "batch"):  # twin runs: same data, same initial weights
            losses, diverged = train(build(variant, init), lr)
            losses = [loss for loss in losses if math.isfinite(loss)]  # the app keeps the finite ones
            first, final = losses[0], losses[-1]
            print(f"{{grid}},{{value!r}},{{variant}},{{first:.7g}},{{final:.7g}},{{diverged}},"
                  f"{{outcome(first, final, diverged)}}")
    ''')


def grids_script(cfg) -> str:
    """The part 'grids': learning-rate and init-scale grids, twin runs with and without BatchNorm ('cells')."""
    from core.batchnorm import geometric

    lrs, stds = geometric(cfg.lr_min, cfg.lr_max, cfg.points), geometric(cfg.std_min, cfg.std_max, cfg.points)
    every = max(cfg.steps // 10, 1)
    doc = header("CS231n Lab, BatchNorm: learning-rate and init-scale grids", f"""
The spiral, an MLP ({cfg.depth} hidden layers of {cfg.width} units, f = {cfg.activation}) trained with full-batch SGD for
{cfg.steps} steps, without and with BatchNorm, for {2 * len(lrs) * 2} runs: He init at learning rates {lrs},
and W ~ N(0, std^2) for std in {stds} at {cfg.lr_for_init!r}. It prints each run's training loss at the
start and at the end, whether it diverged (the app's rule), and its outcome (trains: loss below half its start).""")
    return doc + GRIDS.format(imports=IMPORTS, data=data_code(DataConfig(seed=cfg.seed)), lrs=repr(lrs),
                              stds=repr(stds), lr_for_init=repr(cfg.lr_for_init), build=_build(cfg, cfg.activation),
                              steps=cfg.steps, every=every,
                              step=train_step("        ", "return losses, True"),
                              outcome=source("core.batchnorm", "outcome"))


GAMMA = textwrap.dedent('''\
    {imports}

    {data}

    {build}

    x, y, *_ = make_data()  # the training set
    model = build("batch", lambda w, g: nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g))
    opt = torch.optim.Adam(model.parameters(), lr={lr}, foreach=True)
    first, above = None, 0
    for step in range({steps}):
    {step}

    print("# per_layer by layer,parameter")
    print("layer,parameter,mean,min,max")
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    for layer, bn in enumerate(norms, start=1):
        for parameter, p in (("gamma", bn.weight), ("beta", bn.bias)):  # y = gamma * x_hat + beta, per unit
            p = p.detach()
            print(f"{{layer}},{{parameter}},{{p.mean().item():.7g}},{{p.min().item():.7g}},{{p.max().item():.7g}}")
    ''')


def gamma_script(cfg) -> str:
    """The part 'gamma': the learned gamma and beta of each BatchNorm layer (table 'per_layer')."""
    doc = header("CS231n Lab, BatchNorm: learned gamma and beta", f"""
The spiral, an MLP ({cfg.depth} hidden layers of {cfg.width} units, Linear -> BatchNorm -> ReLU, He init) trained with
Adam (lr = {cfg.lr!r}, full batch, {cfg.steps} steps). It prints, per layer, the mean, min and max of the learned
gamma and beta. (The page's twin run uses nn.BatchNorm1d({cfg.width}, affine=False): y = x_hat.)""")
    return doc + GAMMA.format(imports=IMPORTS, data=data_code(DataConfig(seed=cfg.seed)),
                              build=_build(cfg, "relu"), lr=repr(cfg.lr), steps=cfg.steps,
                              step=train_step("    ", "break"))


TRAINTEST = textwrap.dedent('''\
    import torch
    from torch import nn

    torch.set_num_threads(1)

    MU, SIGMA, BATCH = {mu}, {sigma}, {batch}  # one feature x ~ N(MU, SIGMA^2), batches of BATCH
    g = torch.Generator().manual_seed({seed})
    bn = nn.BatchNorm1d(1, momentum={momentum})
    with torch.no_grad():
        # 1. Training mode: each batch moves the running averages a fraction `momentum` towards its own
        #    mean and variance (the page's first charts; after the last reading the app draws one batch more).
        for step in range({steps} + 1):
            bn(MU + SIGMA * torch.randn(BATCH, 1, generator=g))
        # From here on eval mode uses the population's numbers and train mode no longer moves them.
        bn.momentum = 0.0
        bn.running_mean.fill_(MU)
        bn.running_var.fill_(SIGMA ** 2)
        # 2. The page's batch-mates chart: one sample x0 = MU + SIGMA in {draws} batches with other batch-mates.
        x0 = torch.tensor([[MU + SIGMA]])
        outputs = {{"train": [], "eval": []}}
        for draw in range({draws}):
            batch = torch.cat([x0, MU + SIGMA * torch.randn(BATCH - 1, 1, generator=g)])
            for mode in outputs:
                bn.train(mode == "train")
                outputs[mode].append(bn(batch)[0, 0].item())  # train: depends on the batch-mates; eval: does not
        # 3. The gap: mean |train-mode output - eval-mode output| over {draws} batches of each size.
        print("# gap by batch")
        print("batch,gap")
        for size in {sizes}:
            batches = MU + SIGMA * torch.randn({draws}, size, 1, generator=g)
            diffs = [(bn.train()(b) - bn.eval()(b)).abs().mean() for b in batches]
            print(f"{{size}},{{torch.stack(diffs).mean().item():.7g}}")
    ''')


def traintest_script(cfg) -> str:
    """The part 'traintest': running averages, batch-mates and the train/eval gap (table 'gap')."""
    from core.batchnorm import GAP_SIZES

    doc = header("CS231n Lab, BatchNorm: training mode vs evaluation mode", f"""
One feature x ~ N({cfg.mu!r}, {cfg.sigma!r}^2) through nn.BatchNorm1d(1, momentum={cfg.momentum!r}). In training mode a sample
is normalized with its batch's mean and variance, so its output depends on its batch-mates; in eval mode
with the running averages, so it does not. It prints, per batch size, how far the training-mode output
is from the eval-mode output on average: the gap shrinks as the batch statistics approach the population's.""")
    return doc + TRAINTEST.format(mu=repr(cfg.mu), sigma=repr(cfg.sigma), batch=cfg.batch, seed=cfg.seed,
                                  momentum=repr(cfg.momentum), steps=cfg.steps, draws=cfg.draws,
                                  sizes=repr(GAP_SIZES))


FORWARD = textwrap.dedent('''\
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)

    EPS, MOMENTUM = 1e-5, 0.1  # PyTorch's defaults


    {forward}


    # x: ({batch}, {d}), each feature with its own mean and std around {mean} and {std}
    g = torch.Generator().manual_seed({seed})
    x = {mean} + {std} * (0.5 + torch.rand({d}, generator=g)) * torch.randn({batch}, {d}, generator=g)
    gamma, beta = 1 + torch.randn({d}, generator=g), torch.randn({d}, generator=g)
    running_mean, running_var = torch.randn({d}, generator=g), 0.5 + torch.rand({d}, generator=g)

    print("# check by mode,quantity")
    print("mode,quantity,max_abs_difference")
    for mode in ("train", "eval"):
        training = mode == "train"
        y, m, v = batchnorm_forward(x, gamma, beta, running_mean, running_var, training=training,
                                    momentum={momentum}, eps={eps})
        m_torch, v_torch = running_mean.clone(), running_var.clone()  # F.batch_norm updates these in place
        y_torch = F.batch_norm(x, m_torch, v_torch, gamma, beta, training=training, momentum={momentum}, eps={eps})
        for quantity, ours, theirs in (("y", y, y_torch), ("running_mean", m, m_torch), ("running_var", v, v_torch)):
            print(f"{{mode}},{{quantity}},{{(ours - theirs).abs().max().item():.7g}}")
    ''')


def forward_script(cfg) -> str:
    """The part 'forward': the hand-written forward pass against F.batch_norm (table 'check')."""
    doc = header("CS231n Lab, BatchNorm: the forward pass by hand", f"""
The BatchNorm forward pass written out (the page's formulas), run in training and in eval mode on a
({cfg.batch}, {cfg.d}) batch, next to torch.nn.functional.batch_norm with the same gamma, beta, running averages,
momentum {cfg.momentum!r} and eps {cfg.eps!r}. It prints the largest difference of the output and of the updated
running averages: float32 rounding (about 1e-7) or exactly 0.""")
    return doc + FORWARD.format(forward=source("core.batchnorm", "batchnorm_forward"), batch=cfg.batch, d=cfg.d,
                                mean=repr(cfg.mean), std=repr(cfg.std), seed=cfg.seed,
                                momentum=repr(cfg.momentum), eps=repr(cfg.eps))
