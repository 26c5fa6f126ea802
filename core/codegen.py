"""Copy as PyTorch code: a short standalone script that reproduces an experiment of the lab.

A topic module lists its exportable parts in `CODE = {part: export}`, where `export(cfg)` returns the
script's source (or None when the configuration has no plain-PyTorch equivalent). Every script uses only
torch (and scikit-learn for the digits): the same seeds, data, model, initialization, optimizer and loop
as the app, and it prints one of the app's tables as CSV under a first line `# <table> by <keys>`, so
tests/test_codegen.py can hold each script to the app's numbers. This file generates the MLP scripts;
parts with their own loops have their generators in core/codegen_<topic>.py.
"""

from __future__ import annotations

import inspect
import textwrap
from functools import cache

from core import data as data_module
from core.data import DataConfig
from core.models import ModelConfig
from core.train import BLOWUP_FACTOR, DIVERGE_FACTOR, PATIENCE, TrainConfig

ACT_CODE = {"sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()", "relu": "nn.ReLU()",
            "leaky_relu": "nn.LeakyReLU({slope})", "elu": "nn.ELU({alpha})", "gelu": "nn.GELU()",
            "silu": "nn.SiLU()", "selu": "nn.SELU()", "softplus": "nn.Softplus()"}
INIT_CODE = {"zero": "nn.init.zeros_(w)", "constant": "nn.init.constant_(w, {std})",
             "normal": "nn.init.normal_(w, 0.0, {std}, generator=g)",
             "uniform": "nn.init.uniform_(w, -{std} * math.sqrt(3), {std} * math.sqrt(3), generator=g)",
             "xavier_normal": "nn.init.xavier_normal_(w, generator=g)",
             "xavier_uniform": "nn.init.xavier_uniform_(w, generator=g)",
             "kaiming_normal": "nn.init.kaiming_normal_(w, nonlinearity='relu', generator=g)",
             "orthogonal": "nn.init.orthogonal_(w, generator=g)"}
OPT_CODE = {"sgd": "torch.optim.SGD(params, lr={lr}, weight_decay={wd}, foreach=True)",
            "momentum": "torch.optim.SGD(params, lr={lr}, momentum={mom}, weight_decay={wd}, foreach=True)",
            "nesterov": "torch.optim.SGD(params, lr={lr}, momentum={mom}, nesterov=True, weight_decay={wd}, foreach=True)",
            "adagrad": "torch.optim.Adagrad(params, lr={lr}, weight_decay={wd}, foreach=True)",
            "rmsprop": "torch.optim.RMSprop(params, lr={lr}, alpha=0.99, weight_decay={wd}, foreach=True)",
            "adam": "torch.optim.Adam(params, lr={lr}, weight_decay={wd}, foreach=True)",
            "adamw": "torch.optim.AdamW(params, lr={lr}, weight_decay={wd}, foreach=True)"}
NORM_CODE = {"batch": "nn.BatchNorm1d({w})", "layer": "nn.LayerNorm({w})", "group": "nn.GroupNorm({groups}, {w})"}


def supported(variants: dict[str, ModelConfig]) -> bool:
    """The generator covers every activation but maxout, every init but LSUV (data-driven)."""
    return all(m.activation in ACT_CODE and m.init in INIT_CODE for m in variants.values())


def _layers(m: ModelConfig) -> str:
    groups = next(g for g in (8, 4, 2, 1) if m.width % g == 0)
    block = ["nn.Linear(d, {w}, bias={bias})".format(w=m.width, bias=m.bias)]
    if m.norm != "none":
        block.append(NORM_CODE[m.norm].format(w=m.width, groups=groups))
    block.append(ACT_CODE[m.activation].format(slope=m.slope, alpha=m.alpha))
    if m.dropout > 0:
        block.append(f"Dropout({m.dropout}, dropout_generator)")
    return ", ".join(block)


@cache
def data_code(cfg: DataConfig) -> str:
    """Source defining make_data() -> x_train, y_train, x_val, y_val, classes: core.data's generator as it
    is (for the digits with its loader), then make_dataset's seeded shuffle and split, with cfg's values."""
    pieces = [data_module._digits] if cfg.name == "digits" else []
    pieces.append(data_module.GENERATORS[cfg.name])
    return "\n\n\n".join(inspect.getsource(fn).strip() for fn in pieces) + textwrap.dedent(f'''


        def make_data():
            """The app's data: {cfg.n} points (noise {cfg.noise}), shuffled, {cfg.val_fraction:.0%} held out."""
            g = torch.Generator().manual_seed({cfg.seed})
            x, y = {cfg.name}({cfg.n}, {cfg.noise!r}, g)
            order = torch.randperm(len(x), generator=g)
            x, y = x[order].float(), y[order]
            n_val = max(1, int(round({cfg.val_fraction!r} * len(x))))
            return x[n_val:], y[n_val:], x[:n_val], y[:n_val], int(y.max()) + 1
        ''')


def mlp_export(title: str, spec):
    """The CODE entry of a part that trains MLPs through core.train: `spec(cfg)` gives (data, models,
    train); the entry gives the script, or None when an activation or init has no torch.nn equivalent."""
    def export(cfg) -> str | None:
        data, models, train = spec(cfg)
        return mlp_script(title, data, models, train) if supported(models) else None
    return export


def mlp_script(title: str, data: DataConfig, variants: dict[str, ModelConfig],
               train: TrainConfig | dict[str, TrainConfig]) -> str:
    """A runnable script training one model per variant and printing its final metrics. `train` is
    shared by all variants, or given per variant (e.g. one optimizer each)."""
    per = train if isinstance(train, dict) else {name: train for name in variants}
    optimizer = lambda c: OPT_CODE[c.optimizer].format(lr=c.lr, mom=c.momentum, wd=c.weight_decay)
    builders = "\n".join(
        f"    {name!r}: (lambda d: [{_layers(m)}], {m.width}, {m.depth}, {m.seed}, "
        f"lambda w, g: {INIT_CODE[m.init].format(std=m.init_std)},\n"
        f"        lambda params: {optimizer(per[name])}, {per[name].steps}, {per[name].batch_size}, {per[name].seed}),"
        for name, m in variants.items())
    return TEMPLATE.format(title=title, data=data_code(data), extra=" scikit-learn" if data.name == "digits" else "",
                           builders=builders,
                           factor=DIVERGE_FACTOR, blowup=BLOWUP_FACTOR, patience=PATIENCE,
                           dropout=max((m.dropout for m in variants.values()), default=0))


TEMPLATE = textwrap.dedent('''\
    """{title}

    Standalone reproduction of a CS231n Lab run with plain PyTorch (pip install torch{extra}).
    Same seeds, data, initial weights, batches and updates as the app: it prints the same numbers.
    """
    import math

    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.set_num_threads(1)


    {data}


    class Dropout(nn.Module):
        """Inverted dropout drawing its masks from one seeded generator (p = probability to drop)."""

        def __init__(self, p, generator):
            super().__init__()
            self.p, self.generator = p, generator

        def forward(self, x):
            if not self.training or self.p == 0:
                return x
            return x * (torch.rand(x.shape, generator=self.generator) >= self.p) / (1 - self.p)


    # variant: (hidden block given its input size d, width, depth, seed, init of a weight w,
    #           optimizer of the parameters, steps, batch size (0: full batch), seed of the batch order)
    VARIANTS = {{
    {builders}
    }}


    def build(variant, d_in, d_out):
        block, width, depth, seed, init = VARIANTS[variant][:5]
        global dropout_generator
        dropout_generator = torch.Generator().manual_seed(seed + 1)
        layers, d = [], d_in
        for _ in range(depth):
            layers += block(d)
            d = width
        model = nn.Sequential(*layers, nn.Linear(width, d_out))
        g = torch.Generator().manual_seed(seed)
        for m in model.modules():
            if isinstance(m, nn.Linear):
                init(m.weight, g)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
        return model


    def batches(n, size, g):
        while True:
            if size <= 0 or size >= n:
                yield slice(None)
                continue
            order = torch.randperm(n, generator=g)
            for start in range(0, n - size + 1, size):
                yield order[start:start + size]


    def train(model, x, y, variant):
        make_optimizer, steps, batch, order_seed = VARIANTS[variant][5:]
        opt = make_optimizer(model.parameters())
        order = batches(len(x), batch, torch.Generator().manual_seed(order_seed))
        first, above = None, 0
        model.train()
        for step in range(steps):
            idx = next(order)
            loss = F.cross_entropy(model(x[idx]), y[idx])
            value = loss.item()
            first = value if first is None else first
            above = above + 1 if value > {factor} * max(first, 1e-3) else 0
            if not math.isfinite(value) or value > {blowup} * max(first, 1e-3) or above >= {patience}:
                return step  # diverged: the app stops the run here too
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return None


    def evaluate(model, x, y):
        model.eval()
        with torch.inference_mode():
            logits = model(x)
            return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


    if __name__ == "__main__":
        x_train, y_train, x_val, y_val, classes = make_data()
        print("# summary by variant")
        print("variant,train_loss,val_loss,train_accuracy,val_accuracy,diverged_at")
        for variant in VARIANTS:
            model = build(variant, x_train.shape[1], classes)
            diverged = train(model, x_train, y_train, variant)
            train_loss, train_acc = evaluate(model, x_train, y_train)
            val_loss, val_acc = evaluate(model, x_val, y_val)
            print(f"{{variant}},{{train_loss:.7g}},{{val_loss:.7g}},{{train_acc:.7g}},{{val_acc:.7g}},"
                  f"{{'' if diverged is None else diverged}}")
    ''')
