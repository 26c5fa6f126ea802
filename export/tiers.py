"""Copy as PyTorch code for the tiers part (1-D digits: a linear classifier, an MLP and a CNN). The lead merges
CODE into export/babysitting.py, the page's export module."""

from __future__ import annotations

from core.data import data_settings, load_data
from core.plain import evaluate
from core.tiers import TIER_INITS, TIERS, TiersConfig, parameters, tier_model, tier_settings, tiers_spec
from core.train import train_settings
from export.assemble import Export
from export.mlp import train_mlp
from export.tables import print_table


def three_tiers(data, models, inits, tiers, train):
    """CS231n Lab, Babysitting: a linear classifier, an MLP and a CNN on the 1-D digits

    Three models trained on the same split of the 1-D digits (after MNIST-1D) with the same optimizer and
    batches. Where a pattern sits varies more than what it looks like: a linear model cannot undo that, an
    MLP has to learn it at every position, a convolution with a global max pool gets it for free."""
    x, y, x_val, y_val, classes = load_data(**data)
    table, summary = [], []
    for tier in tiers:
        net = tier_model(tier, x.shape[1], classes, init=inits[tier], **models)
        diverged_at = train_mlp(net, x, y, **train)
        train_loss, train_accuracy = evaluate(net, x, y)
        val_loss, val_accuracy = evaluate(net, x_val, y_val)
        table.append({"model": tier, "parameters": parameters(net), "train_accuracy": train_accuracy,
                      "val_accuracy": val_accuracy})
        summary.append({"variant": tier, "train_loss": train_loss, "val_loss": val_loss,
                        "train_accuracy": train_accuracy, "val_accuracy": val_accuracy, "diverged_at": diverged_at})
    print_table("tiers", ["model"], table)
    print_table("summary", ["variant"], summary)


def tiers_script_settings(cfg: TiersConfig) -> dict:
    data, train = tiers_spec(cfg)
    return {"data": data_settings(data), "models": tier_settings(cfg), "inits": dict(TIER_INITS),
            "tiers": list(TIERS), "train": train_settings(train)}


CODE = {"tiers": Export(three_tiers, tiers_script_settings)}
