"""Copy as PyTorch code for the paper cards (core/cards.py, core/papers.py): each script runs the card's
experiment with the functions the app ran, prints the card's table, then its badge, decided by the card's own
verdict function (copied into the script with its criterion constants). A page adds its cards to its CODE
with `**card_code(scope)`."""

from __future__ import annotations

import dataclasses
import math

import torch
import torch.nn.functional as F

from core import papers, transfer
from core.backbone import WEIGHTS
from core.cards import CARDS
from core.data import data_settings, load_data
from core.papers import (HE_INITS, adamw_rows, adamw_verdict, double_descent_rows, double_descent_verdict,
                         edge_of_stability_rows, eos_verdict, he_verdict, ioffe_verdict, random_labels, standardized,
                         transfer_verdict, zhang_verdict)
from core.plain import OPTIMIZERS, adam, batch_order, divergence, evaluate
from core.train import train_settings
from core.transfer import STRATEGIES, minibatch, split, target_images
from export.assemble import Export
from export.mlp import build, fit, model_settings, train_mlp
from export.tables import print_table


def print_badge(card, verdict):
    """The card's badge as a table: card, reproduced (True or False), and the numbers its criterion compared."""
    passed, measured = verdict
    print_table("badge", ["card"], [{"card": card, "reproduced": passed, **measured}])


def he2015(data, model, depths, inits, train):
    """CS231n Lab, paper card: He et al. 2015, Xavier vs He init in a deep plain ReLU network

    The same plain ReLU MLP from Xavier's init and from He's, at a deep and a shallow depth, trained with Adam
    on the same standardized digits and batches. Prints each run's final accuracies, then the card's badge."""
    x, y, x_val, y_val, classes = load_data(**data)
    x, x_val = standardized(x, x_val)
    rows = []
    for depth in depths:
        for init in inits:
            net = build({**model, "depth": depth, "init": init}, x.shape[1], classes, x)
            train_mlp(net, x, y, **train)
            rows.append({"depth": depth, "variant": init, "train_accuracy": evaluate(net, x, y)[1],
                         "val_accuracy": evaluate(net, x_val, y_val)[1]})
    print_table("table", ["depth", "variant"], rows)
    print_badge("he2015", he_verdict(rows))


def fit_step(net, x, y, train, every, target=1.0, x_eval=None, y_eval=None):
    """Train as the app does (seeded batches, divergence rule) and return (the first step, among every `every`
    steps and the last, at which the accuracy on (x_eval, y_eval), by default the training set, reaches
    `target` (NaN: never), the step where the run diverged or None)."""
    x_eval, y_eval = (x, y) if x_eval is None else (x_eval, y_eval)
    opt = OPTIMIZERS[train["optimizer"]](net.parameters(), lr=train["lr"], momentum=train["momentum"],
                                         weight_decay=train["weight_decay"])
    order = batch_order(len(x), train["batch_size"], torch.Generator().manual_seed(train["seed"]))
    first, above, fitted = None, 0, math.nan
    for step in range(train["steps"] + 1):
        if (step % every == 0 or step == train["steps"]) and math.isnan(fitted) \
                and evaluate(net, x_eval, y_eval)[1] >= target:
            fitted = float(step)
        if step == train["steps"]:
            break
        idx = next(order)
        loss = F.cross_entropy(net(x[idx]), y[idx])
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:
            if step % every != 0 and math.isnan(fitted) and evaluate(net, x_eval, y_eval)[1] >= target:
                fitted = float(step)  # the app evaluates the model as it stopped, too
            return fitted, step
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return fitted, None


def zhang2017(data, model, train, every):
    """CS231n Lab, paper card: Zhang et al. 2017, fitting random labels

    The same 2-layer MLP (same initial weights) trained on the digits' true labels and on uniformly random
    labels; validated on the true labels. Prints each run's final accuracies and the first step at 100%
    training accuracy, then the card's badge."""
    x, y, x_val, y_val, classes = load_data(**data)
    x, x_val = standardized(x, x_val)
    rows = []
    for variant, labels in (("true_labels", y), ("random_labels", random_labels(y, classes, data["seed"]))):
        net = build(model, x.shape[1], classes, x)
        fitted, _ = fit_step(net, x, labels, train, every)
        rows.append({"variant": variant, "train_accuracy": evaluate(net, x, labels)[1],
                     "val_accuracy": evaluate(net, x_val, y_val)[1], "fit_step": fitted})
    print_table("table", ["variant"], rows)
    print_badge("zhang2017", zhang_verdict(rows))


def ioffe2015(data, models, lrs, train, every, target):
    """CS231n Lab, paper card: Ioffe & Szegedy 2015, BatchNorm trains faster and at higher learning rates

    The paper's MNIST network (3 hidden layers of 100 sigmoid units) without and with BatchNorm, same initial
    weights and minibatches of 60, at a base and a high learning rate. Prints, per run, the final accuracies and
    the first step at the target validation accuracy, then the card's badge."""
    x, y, x_val, y_val, classes = load_data(**data)
    x, x_val = standardized(x, x_val)
    rows = []
    for lr in lrs:
        for variant, model in models.items():
            net = build(model, x.shape[1], classes, x)
            reached, diverged_at = fit_step(net, x, y, {**train, "lr": lr}, every, target, x_val, y_val)
            rows.append({"lr": lr, "variant": variant, "train_accuracy": evaluate(net, x, y)[1],
                         "val_accuracy": evaluate(net, x_val, y_val)[1], "target_step": reached,
                         "steps": train["steps"], "diverged": diverged_at is not None})
    print_table("table", ["lr", "variant"], rows)
    print_badge("ioffe2015", ioffe_verdict(rows))


def cohen2021(data, model, lr, steps, every, iterations):
    """CS231n Lab, paper card: Cohen et al. 2021, gradient descent at the edge of stability

    Full-batch gradient descent with step size lr on the squared loss of a small tanh MLP on the spiral; every
    `every` steps the sharpness (the Hessian's largest eigenvalue, by power iteration with Hessian-vector
    products) next to 2/lr. Prints the measurements, then the card's badge."""
    x, y, _, _, classes = load_data(**data)
    net = build(model, x.shape[1], classes, x)
    _, rows = edge_of_stability_rows(net, x, F.one_hot(y, classes).float(), lr, steps, every, iterations,
                                     model["seed"])
    print_table("table", ["step"], rows)
    print_badge("cohen2021", eos_verdict(rows))


def double_descent(n_train, draws, seed, dataset, n_test, points):
    """CS231n Lab, paper card: double descent with random ReLU features

    Random ReLU features of the standardized digits and a minimum-norm least-squares readout (one-hot
    targets), for a sweep of feature counts p around the number of training points n. Prints the test error
    at each p, then the card's badge."""
    rows = double_descent_rows(dataset, n_train, n_test, draws, points, seed)
    print_table("table", ["features"], rows)
    print_badge("double_descent", double_descent_verdict(rows))


def loshchilov2019(data, dims, cells, steps, batch, seed):
    """CS231n Lab, paper card: Loshchilov & Hutter 2019, Adam with L2 vs decoupled weight decay (AdamW)

    One BatchNorm MLP per cell of a grid of learning rate x decay, for Adam with L2 in the gradient and for
    Adam with the paper's decoupled decay, all trained at once from the same initial weights on the same
    minibatches of the standardized digits. Prints every cell's accuracies, then the card's badge."""
    x, y, x_val, y_val, _ = load_data(**data)
    x, x_val = standardized(x, x_val)
    rows = adamw_rows(x, y, x_val, y_val, dims, cells, steps, batch, seed)
    print_table("table", ["variant", "lr", "decay"], rows)
    print_badge("loshchilov2019", adamw_verdict(rows))


def yosinski2014(weights, labels, steps, seeds, strategies, lr_head, lr_backbone):
    """CS231n Lab, paper card: transfer with few labels (Yosinski et al. 2014; CS231n Lecture 7)

    A linear probe on the lab's pretrained backbone (`weights`: backbone.pt from the page, in the folder the
    script runs in) and the same network trained from scratch, on the digits with `labels` labeled images per
    class, on each seed's split with the same new head and batch order. Prints each run's test accuracy, then
    the card's badge."""
    _, y = target_images("digits")
    rows = []
    for seed in seeds:
        train_idx, test_idx = split("digits", labels, seed)
        for strategy in strategies:
            model, x, groups = STRATEGIES[strategy](weights, "digits", seed, lr_backbone)
            fit(model, x[train_idx], y[train_idx], adam(groups, lr=lr_head), steps, minibatch(len(train_idx)), seed)
            rows.append({"seed": seed, "variant": strategy, "test_accuracy": evaluate(model, x[test_idx],
                                                                                      y[test_idx])[1]})
    print_table("table", ["seed", "variant"], rows)
    print_badge("yosinski2014", transfer_verdict(rows))


def he_settings(cfg: papers.HeConfig) -> dict:
    data, model, train = papers.he_spec(cfg)
    shared = {k: v for k, v in model_settings(model).items() if k not in ("depth", "init")}
    return {"data": data_settings(data), "model": shared, "depths": [cfg.deep, cfg.shallow], "inits": list(HE_INITS),
            "train": train_settings(train)}


def zhang_settings(cfg: papers.ZhangConfig) -> dict:
    data, model, train = papers.zhang_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "train": train_settings(train),
            "every": train.eval_every}


def ioffe_settings(cfg: papers.IoffeConfig) -> dict:
    data, models, train = papers.ioffe_spec(cfg)
    return {"data": data_settings(data), "models": {v: model_settings(m) for v, m in models.items()},
            "lrs": [cfg.lr, cfg.high_lr], "train": train_settings(train), "every": cfg.eval_every,
            "target": cfg.target}


def eos_settings(cfg: papers.EosConfig) -> dict:
    data, model = papers.eos_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "lr": cfg.lr, "steps": cfg.steps,
            "every": cfg.every, "iterations": cfg.iterations}


def double_descent_settings(cfg: papers.DoubleDescentConfig) -> dict:
    return dataclasses.asdict(cfg)


def adamw_settings(cfg: papers.AdamWConfig) -> dict:
    data, dims = papers.adamw_spec(cfg)
    return {"data": data_settings(data), "dims": dims, "cells": [list(c) for c in papers.adamw_cells(cfg)],
            "steps": cfg.steps, "batch": cfg.batch, "seed": cfg.seed}


def transfer_settings(cfg: transfer.FewLabelsConfig) -> dict:
    recipe = transfer.Recipe(steps=cfg.steps)
    return {"weights": WEIGHTS.name, "labels": cfg.labels, "steps": cfg.steps,
            "seeds": list(range(cfg.seed, cfg.seed + cfg.seeds)), "strategies": ["linear", "scratch"],
            "lr_head": recipe.lr_head, "lr_backbone": recipe.lr_backbone}


EXPORTS = {"he2015": Export(he2015, he_settings), "zhang2017": Export(zhang2017, zhang_settings),
           "ioffe2015": Export(ioffe2015, ioffe_settings), "cohen2021": Export(cohen2021, eos_settings),
           "double_descent": Export(double_descent, double_descent_settings),
           "yosinski2014": Export(yosinski2014, transfer_settings, (WEIGHTS,)),
           "loshchilov2019": Export(loshchilov2019, adamw_settings)}


def card_code(scope: str) -> dict[str, Export]:
    """The copy-as-code exports of page `scope`'s own cards, for its CODE."""
    return {cid: EXPORTS[cid] for cid, card in CARDS.items() if card.scope == scope and card.part is None}

