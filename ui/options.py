"""Names of options: option_label, one string for both languages, and legend_label, the one translation.

A link spells an option by its option_label (ui.controls writes it into the URL), so these labels must not
change with the language: a link made in Korean then still opens in English. They are the technical names the
lectures use in both languages. What a reader sees (select boxes, legends, tables) may use translated wording
instead: legend_label, the one translation of a name for display, and named, which applies it to a frame's
columns.
"""

import re

from ui.i18n import has, t

LABELS = {
    "sigmoid": "Sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "elu": "ELU",
    "gelu": "GELU",
    "silu": "SiLU (Swish)",
    "selu": "SELU",
    "softplus": "Softplus",
    "maxout": "Maxout",
    "sgd": "SGD",
    "momentum": "SGD + momentum",
    "nesterov": "Nesterov momentum",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSProp",
    "adam": "Adam",
    "adamw": "AdamW",
    "spiral": "Spiral (3 classes)",
    "moons": "Two moons",
    "circles": "Circles",
    "xor": "XOR",
    "gaussians": "Gaussian blobs",
    "digits": "Handwritten digits (8x8)",
    "digits1d": "1-D digits (MNIST-1D style)",
    "softmax": "Linear (softmax)",  # the tiers on the 1-D digits (core.tiers)
    "mlp": "MLP",
    "cnn": "1-D CNN",
    "zero": "Zero",
    "constant": "Constant",
    "normal": "Normal N(0, std²)",
    "uniform": "Uniform (same std)",
    "xavier_normal": "Xavier/Glorot normal",
    "xavier_uniform": "Xavier/Glorot uniform",
    "kaiming_normal": "Kaiming/He normal",
    "orthogonal": "Orthogonal",
    "lsuv": "LSUV (data-driven)",
    "none": "None",
    "batch": "BatchNorm",
    "layer": "LayerNorm",
    "group": "GroupNorm",
    "train": "train",
    "val": "validation",
    "newton": "Newton (exact Hessian)",
    "lbfgs": "L-BFGS",
    "quadratic": "Quadratic (taco shell)",
    "saddle": "Saddle x² − y²",
    "rosenbrock": "Rosenbrock",
    "beale": "Beale",
    "multimodal": "Ripples (many local minima)",
    "flat": "Constant",
    "step": "Step decay",
    "exponential": "Exponential",
    "cosine": "Cosine",
    "inverse_t": "1/t",
    "warmup": "Linear warmup",
    "affine": "with γ, β",
    "no_affine": "without γ, β",
    "running": "running average",
    "closed_form": "closed form",
    "population": "population",
    "eval": "eval",
    "gauss": "Gaussian",
    "skewed": "Exponential (skewed)",
    "bimodal": "Two bumps",
    "shuffled": "Shuffled-pixel digits (8x8)",
    "scratch": "From scratch",
    "linear": "Linear probe (top)",
    "linear_early": "Linear probe (block 2)",
    "finetune_top": "Fine-tune top block",
    "finetune_all": "Fine-tune all",
    "top": "Top block",
    "early": "Block 2",
    "pretrained": "Pretrained",
    "random": "Random init",
    "0_naive": "0 · naive N(0, 1)",
    "1_small_output": "1 · output layer x0.01",
    "2_small_hidden": "2 · hidden weights x0.1",
    "3_kaiming": "3 · Kaiming, gain 5/3",
    "4_batchnorm": "4 · + BatchNorm",
    "train_mode": "Frozen, train mode",
    "eval_mode": "Frozen, eval mode (fix)",
}


def option_label(value) -> str:
    """An option's label; a run of a grid named by its pieces ('lr 0.3 · batch') gets each piece's label
    ('lr 0.3 · BatchNorm')."""
    if isinstance(value, str) and " · " in value:
        return " · ".join(map(option_label, value.split(" · ")))
    return LABELS.get(value, str(value).replace("_", " "))


def legend_label(value, scope: str | None = None) -> str:
    """The one translation of a series or option name for a legend, table, picker or sentence (free to change
    with the language; a URL keeps option_label). A combined name is read piece by piece ('adam_l2 · lr 0.001',
    'kaiming_normal · layers 30', 'sgd, y0=0, noise 0.1'). A name reads the page's wording where the catalog has
    `<scope>.legend.<name>` (BatchNorm's "none" is no normalization), else `legend.<name>`; an option keeps its
    label (the technical names the lectures use in both languages: ReLU, Adam, BatchNorm); a data column melted
    into a series ('act_std') reads its column title; a piece 'name value' whose value starts with a digit ('lr
    0.001', 'model 3', 'your MLP 2-64x2-3') reads `legend.<name> N` with the value. A name already shown
    (translated) comes back as it is."""
    text = str(value)
    if " · " in text:
        return " · ".join(legend_label(piece, scope) for piece in text.split(" · "))
    keys = ([f"{scope}.legend.{{}}"] if scope else []) + ["legend.{}"]
    for key in keys:
        if has(key.format(text)):
            return t(key.format(text))
    if text in LABELS or not has(f"col.{text}"):
        if ", " in text:
            return ", ".join(legend_label(piece, scope) for piece in text.split(", "))
        name, _, number = text.rpartition(" ")
        for key in keys if name and NUMBER.fullmatch(number) else []:
            if has(key.format(f"{name} N")):
                return t(key.format(f"{name} N"), value=number)
        return option_label(value)
    return t(f"col.{text}")


NUMBER = re.compile(r"[-+]?\.?\d\S*")  # 0.001, 1e-08, 3, 2-64x2-3 (a size)


def by_link(options) -> dict:
    """How a link may name each of `options`: by its option_label (what the app writes) or by its id."""
    return {option_label(o): o for o in options} | {o: o for o in options}


def namer(options, scope: str | None = None):
    """options -> their legend_label, read now (in this run's language), as a select box's format_func: AppTest
    calls it outside the run, where the language is not known."""
    return {o: legend_label(o, scope) for o in options}.__getitem__


def named(data, *columns, scope: str | None = None):
    """A copy of data whose option-id columns show display names (for legends and tables); a missing value stays
    missing."""
    return data.assign(**{c: data[c].map({v: legend_label(v, scope) for v in data[c].dropna().unique()})
                          for c in columns})
