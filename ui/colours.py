"""One colour per named thing, the same on every page and in both themes: the registry every chart reads.

The palette is Okabe & Ito's eight colour-blind-safe hues (Okabe & Ito 2008, "Color Universal Design",
https://jfly.uni-koeln.de/color/), with a mid grey in place of their black (black vanishes on the dark theme),
extended by two hues of Paul Tol's "muted" scheme (https://personal.sron.nl/~pault/) for the families with
ten members (activations). A chart that compares two series also gives them a second channel (dash, shape).

To colour a new entity: add its id (the registry key, e.g. "mish") to COLOURS with a PALETTE colour that no
other member of its family uses; tests/test_colours.py checks the families stay distinct.
Charts get shown names (ui.options.named), so `colour` also finds an id by its label in either language.
"""

from __future__ import annotations

from functools import cache

import altair as alt
import pandas as pd

BLUE, ORANGE, GREEN, VERMILLION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
SKY, PURPLE, YELLOW, GREY = "#56B4E9", "#CC79A7", "#F0E442", "#999999"
OLIVE, MAGENTA = "#999933", "#AA4499"  # Paul Tol's muted olive and purple
# Order of the fallback colours for series that are not named entities (layers, statistics, k, ...).
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY, OLIVE, MAGENTA)

# Families: members of one family can be drawn together, so their colours differ (tests/test_colours.py).
FAMILIES: dict[str, dict[str, str]] = {
    "activation": {"relu": BLUE, "tanh": ORANGE, "sigmoid": GREEN, "gelu": VERMILLION, "leaky_relu": PURPLE,
                   "elu": SKY, "silu": YELLOW, "selu": GREY, "softplus": OLIVE, "maxout": MAGENTA},
    "init": {"normal": BLUE, "xavier_normal": ORANGE, "kaiming_normal": GREEN, "orthogonal": VERMILLION,
             "uniform": SKY, "lsuv": PURPLE, "zero": YELLOW, "constant": GREY, "xavier_uniform": OLIVE},
    "optimizer": {"sgd": BLUE, "momentum": ORANGE, "nesterov": YELLOW, "adagrad": SKY, "rmsprop": GREEN,
                  "adam": VERMILLION, "adamw": PURPLE, "newton": OLIVE, "lbfgs": MAGENTA},
    "norm": {"none": GREY, "batch": BLUE, "layer": ORANGE, "group": GREEN},
    "split": {"train": BLUE, "val": ORANGE},
    "strategy": {"scratch": GREY, "linear": BLUE, "linear_early": SKY, "finetune_top": ORANGE,
                 "finetune_all": VERMILLION},
    "backbone": {"pretrained": GREEN, "random": ORANGE},
    "schedule": {"flat": GREY, "step": BLUE, "exponential": ORANGE, "cosine": GREEN, "inverse_t": PURPLE,
                 "warmup": VERMILLION},
    "rung": {"0_naive": VERMILLION, "1_small_output": ORANGE, "2_small_hidden": YELLOW, "3_kaiming": GREEN,
             "4_batchnorm": BLUE},
    "stage": {"original": GREY, "centered": BLUE, "normalized": ORANGE, "decorrelated": GREEN,
              "whitened": VERMILLION, "mean_image": SKY, "channel_mean": PURPLE},
    "search": {"grid": BLUE, "random": ORANGE},
    "search_stage": {"coarse": BLUE, "fine": ORANGE},
    "frozen_bn": {"train_mode": VERMILLION, "eval_mode": BLUE},
    "affine": {"affine": BLUE, "no_affine": ORANGE},
    "bn_source": {"running": BLUE, "closed_form": ORANGE, "population": GREEN, "eval": VERMILLION},
    "inputs": {"positive": VERMILLION, "centered": BLUE},
}
COLOURS: dict[str, str] = {}
for _family in FAMILIES.values():
    for _id, _colour in _family.items():
        # an id in two families ("none", "centered", "random") keeps one colour everywhere
        assert COLOURS.setdefault(_id, _colour) == _colour, _id
SEQUENTIAL, DIVERGING = "viridis", "redblue"  # heatmaps: perceptually uniform; diverging around a meaningful zero


@cache
def _ids_by_name() -> dict[str, str]:
    """Every shown name of a coloured id (its option label, its legend wording in both languages) -> the id."""
    from ui.options import LABELS
    from ui.text import CATALOG

    names: dict[str, str] = {}
    for key, texts in CATALOG.items():
        head, _, tail = key.rpartition(".")
        if tail in COLOURS and (head == "legend" or head.endswith(".legend")):
            for text in texts:
                names.setdefault(text, tail)
    for value in COLOURS:
        names.setdefault(LABELS.get(value, value), value)
        names.setdefault(value, value)
    return names


def entity(name) -> str | None:
    """The registry id behind a shown name or id ('ReLU' -> 'relu', '검증' -> 'val'), None for anything else."""
    return _ids_by_name().get(str(name))


def colour(name) -> str | None:
    """The fixed colour of a named entity (by id or shown name), None when it is not one."""
    found = entity(name)
    return COLOURS[found] if found else None


def colours_for(names) -> list[str]:
    """One colour per name, in order: each entity its own; other names the palette's colours no entity in the
    list holds, in turn (so two series of one chart never share a colour while the palette lasts)."""
    names = list(dict.fromkeys(names))
    fixed = [colour(n) for n in names]
    free = iter([c for c in PALETTE if c not in fixed] + list(PALETTE))
    return [c if c else next(free) for c in fixed]


def scale(names) -> alt.Scale:
    """An ordinal colour scale that pins each of `names` to its colour."""
    names = list(dict.fromkeys(names))
    return alt.Scale(domain=names, range=colours_for(names))


def color(data: pd.DataFrame | None, field: str, names=None, **kwargs) -> alt.Color:
    """A colour channel over `field` ("name" or "name:type", as ui.charts.typed gives it) with the fixed colours
    of its values (those of `names`, else of the column in the data's order). A quantitative field keeps a
    continuous scale. kwargs go to alt.Color (title, legend, ...)."""
    kwargs = {"title": None, **kwargs}
    shorthand = field if ":" in field else f"{field}:N"
    column = shorthand.split(":")[0]
    if shorthand.endswith(":Q"):
        return alt.Color(shorthand, **kwargs)
    if names is None:
        names = data[column] if data is not None and column in data else []
    names = [n.item() if hasattr(n, "item") else n for n in dict.fromkeys(names)]  # JSON-ready, type kept
    if not names:
        return alt.Color(shorthand, **kwargs)
    return alt.Color(shorthand, **{"sort": names, "scale": scale(names), **kwargs})
