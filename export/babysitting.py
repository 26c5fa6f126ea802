"""Copy as PyTorch code for the Babysitting page: the preprocessing stages and the same classifier trained on
each kind of input, the three sanity checks before training, and one run's loss curves."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from core import babysitting
from core.babysitting import STAGES, compare_inputs, image_case, raw_cloud, sanity_checks, stage_stats
from core.data import data_settings, load_data
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate
from core.train import train_settings
from export import search, tiers
from export.assemble import Export
from export.mlp import build, model_settings
from export.tables import print_table


def preprocessing(cloud, stages, comparison, images):
    """CS231n Lab, Babysitting: data preprocessing

    The slide's 2-D cloud, offset and badly scaled, at every stage (original, centered, normalized, decorrelated,
    whitened: statistics of the training points); then one classifier, from the same initial weights, trained
    full-batch on each kind of input: its first and last loss, the step from which the loss stays below the
    target, and how much the loss moves under small random changes of the weights. Last, the image case on
    the 8x8 digits: subtracting the mean image or the one (grayscale) channel's mean."""
    x_train, y_train, x_val, _ = raw_cloud(**cloud)
    print_table("stats", ["stage"], [stage_stats(s, STAGES[s](x_train.double(), x_val.double())[0]) for s in stages])
    _, summary = compare_inputs(x_train, y_train, x_val, **comparison)
    print_table("summary", ["variant"], summary)
    rows, _ = image_case(**images)
    print_table("images", ["method"], rows)


def sanity(data, model, strength, subset, lr, steps):
    """CS231n Lab, Babysitting: sanity checks before training

    A freshly initialized two-layer net with small weights: (1) its loss against ln C, the loss of a uniform
    guess over C classes; (2) the loss with L2 regularization added, which must be higher; (3) plain SGD on
    a tiny subset without regularization, which must reach 100% training accuracy. Prints each check's value,
    reference and verdict, and the tiny subset's training log."""
    x, y, _, _, classes = load_data(**data)
    net = build(model, x.shape[1], classes, x)
    checks, log = sanity_checks(net, x, y, strength, subset, lr, steps)
    print_table("checks", ["check"], checks)
    print_table("overfit", ["step"], log)


def evaluation_rows(model, x, y, x_val, y_val, step):
    """The app's history rows at a step: loss and accuracy on the training and the validation set."""
    rows = []
    for split, inputs, labels in (("train", x, y), ("val", x_val, y_val)):
        loss, accuracy = evaluate(model, inputs, labels)
        rows.append({"variant": "run", "step": step, "split": split, "loss": loss, "accuracy": accuracy})
    return rows


def loss_curve(data, model, train, every):
    """CS231n Lab, Babysitting: reading the loss curve

    One MLP trained on minibatches as the app trains it (core.train: evaluate every `every` steps, stop on
    divergence). Prints the training and validation loss and accuracy at each evaluation, then the final
    numbers and the step where the run diverged, if it did: read the curve's signature from them."""
    x, y, x_val, y_val, classes = load_data(**data)
    net = build(model, x.shape[1], classes, x)
    opt = OPTIMIZERS[train["optimizer"]](net.parameters(), lr=train["lr"], momentum=train["momentum"],
                                         weight_decay=train["weight_decay"])
    order = batch_order(len(x), train["batch_size"], torch.Generator().manual_seed(train["seed"]))
    history, first, above, diverged_at = [], None, 0, None
    for step in range(train["steps"] + 1):
        if step % every == 0 or step == train["steps"]:
            history += evaluation_rows(net, x, y, x_val, y_val, step)
        if step == train["steps"]:
            break
        idx = next(order)
        loss = F.cross_entropy(net(x[idx]), y[idx])
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:  # the app stops here too, and reads the model as it stopped
            diverged_at = step
            if step % every != 0:
                history += evaluation_rows(net, x, y, x_val, y_val, step)
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    history = [row for row in history if math.isfinite(row["loss"])]
    print_table("history", ["variant", "step", "split"], history)
    final = {f"{row['split']}_{name}": row[name] for row in history if row["step"] == history[-1]["step"]
             for name in ("loss", "accuracy")}
    print_table("summary", ["variant"], [{"variant": "run", **final, "diverged_at": diverged_at}])


def sanity_settings(cfg: babysitting.SanityConfig) -> dict:
    return {"data": data_settings(babysitting.data_config(cfg.dataset, cfg.n, cfg.seed)),
            "model": model_settings(babysitting.sanity_model(cfg)), "strength": cfg.strength, "subset": cfg.subset,
            "lr": cfg.lr, "steps": cfg.steps}


def curves_settings(cfg: babysitting.CurvesConfig) -> dict:
    data, model, train = babysitting.curves_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "train": train_settings(train),
            "every": train.eval_every}


CODE = {"preprocessing": Export(preprocessing, babysitting.preprocess_settings),
        "sanity": Export(sanity, sanity_settings),
        "curves": Export(loss_curve, curves_settings),
        **search.CODE,  # 4-6 (export/search.py)
        **tiers.CODE}  # 7 (export/tiers.py)
