"""Copy as PyTorch code for the Initialization page: the slides' deep stack (activation statistics per
layer), its gradients after one step, W = 0 against a random init, the variance rule per init, training
from each init, and the ladder of fixes. Every script builds the stack or the MLP with the app's own MLP
and initialize, LSUV included."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from core import initialization
from core.data import data_settings, load_data
from core.initialization import (CLASSES, LSUV_INPUTS, RUNGS, forward_statistics, gradient_statistics,
                                 random_labels, rule_readout, spread_rows, stack_input, standardized)
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate
from core.train import train_settings
from export.assemble import Export
from export.cards import card_code
from export.mlp import build, mlp_runs, model_settings, train_mlp, twin_settings
from export.tables import print_table


def slides_stack(model, batch):
    """The slides' stack from build's settings (the app's MLP without bias: `depth` layers of `width` units,
    a 10-way head) and its input x: (batch, width) ~ N(0, 1). LSUV rescales on the first LSUV_INPUTS."""
    x = stack_input(batch, model["width"], model["seed"])
    return build(model, model["width"], CLASSES, x[:LSUV_INPUTS]), x


def stack(model, batch):
    """CS231n Lab, Initialization: activation statistics through a deep stack

    One forward pass of unit-Gaussian inputs through the slides' stack. Per layer it prints the mean and
    std of the activations, E[z^2] and E[a^2], the fraction of saturated values and of dead units."""
    net, x = slides_stack(model, batch)
    rows, _ = forward_statistics(net, x)
    print_table("layers", ["layer"], rows)


def gradients(model, batch, lr):
    """CS231n Lab, Initialization: gradients and the update-to-weight ratio

    The slides' stack with a 10-way head, cross-entropy on random labels, one backward pass and one plain
    SGD step. Per layer it prints the std of the activations, of dL/da and of dL/dW, and
    ||W_after - W_before|| / ||W_before|| (the rule of thumb wants about 1e-3)."""
    net, x = slides_stack(model, batch)
    print_table("gradients", ["layer"], gradient_statistics(net, x, random_labels(batch, model["seed"]), lr))


def zero(data, model, train, variants, every):
    """CS231n Lab, Initialization: W = 0 and the symmetry problem

    Two MLPs on the same data and batches: 'equal' starts with every weight = c (c = 0 is W = 0), 'random'
    with a random init. Every `every` steps it prints, per hidden layer, the spread of the units' incoming
    weights (0: every unit is still a copy of the others) and how far the weights moved."""
    x, y, _, _, classes = load_data(**data)
    spread = []
    for variant, changes in variants.items():
        net = build({**model, **changes["model"]}, x.shape[1], classes, x)
        weights = [lin.weight for lin in net.weights()]
        start = [w.detach().clone() for w in weights]
        spread += spread_rows(variant, 0, weights, start)
        opt = OPTIMIZERS[train["optimizer"]](net.parameters(), lr=train["lr"], momentum=train["momentum"],
                                             weight_decay=train["weight_decay"])
        order = batch_order(len(x), train["batch_size"], torch.Generator().manual_seed(train["seed"]))
        first, above = None, 0
        for step in range(1, train["steps"] + 1):
            idx = next(order)
            loss = F.cross_entropy(net(x[idx]), y[idx])
            first = loss.item() if first is None else first
            reason, above = divergence(loss.item(), first, above)
            if reason is not None:
                break  # diverged: the app stops the run here too
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if step % every == 0 or step == train["steps"]:
                spread += spread_rows(variant, step, weights, start)
    print_table("spread", ["variant", "step", "layer"], spread)


def variance(model, inits, batch):
    """CS231n Lab, Initialization: the variance rule

    Var(z_l) = n_in Var(W) E[a_(l-1)^2], measured on one forward pass of the slides' stack per init: n_in
    Var(W), the rule (E[z_l^2] / E[a_(l-1)^2]), what f keeps (E[a^2] / E[z^2]) and the signal's growth per
    layer, each a geometric mean over the layers; then E[z^2] of every layer."""
    readout, layers = [], []
    for init in inits:
        net, x = slides_stack({**model, "init": init}, batch)
        rows, _ = forward_statistics(net, x)
        readout.append({"init": init, **rule_readout(net, rows)})
        layers += [{"init": init, "layer": row["layer"], "z_second_moment": row["z_second_moment"]} for row in rows]
    print_table("readout", ["init"], readout)
    print_table("layers", ["init", "layer"], layers)


def training(data, model, train, variants):
    """CS231n Lab, Initialization: training from each init

    One deep MLP per init, trained on the same data with the same batches (twin runs). It prints each run's
    final losses and accuracies and the step where it diverged, if it did."""
    mlp_runs(data, model, train, variants)


def ladder(data, model, rungs, changes, train):
    """CS231n Lab, Initialization: the ladder of fixes

    Karpathy's makemore part 3, one fix at a time, on a 5-layer tanh MLP and the 8x8 digits (inputs
    standardized): (0) every weight ~ N(0, 1); (1) the output layer scaled down, its bias zeroed; (2) the
    hidden weights scaled down by hand; (3) Kaiming's (5/3)/sqrt(n_in) instead; (4) BatchNorm before each
    tanh (`changes`: what a rung's model changes). Every rung starts from the same N(0, 1) draw and trains
    on the same batches. Prints each rung's loss at step 0 next to ln C, and its final losses."""
    x, y, x_val, y_val, classes = load_data(**data)
    x, x_val = standardized(x, x_val)
    rows = []
    for rung in rungs:
        net = RUNGS[rung](build({**model, **changes.get(rung, {})}, x.shape[1], classes, x))
        initial_loss, _ = evaluate(net, x, y)
        diverged_at = train_mlp(net, x, y, **train)
        train_loss, _ = evaluate(net, x, y)
        val_loss, val_accuracy = evaluate(net, x_val, y_val)
        rows.append({"rung": rung, "initial_loss": initial_loss, "chance_loss": math.log(classes),
                     "train_loss": train_loss, "val_loss": val_loss, "val_accuracy": val_accuracy,
                     "diverged_at": diverged_at})
    print_table("rungs", ["rung"], rows)


def ladder_settings(cfg: initialization.LadderConfig) -> dict:
    """ladder's settings: the naive model, the rungs as names (a script keeps only their entries of RUNGS) and,
    for the rungs whose model differs from the naive one (BatchNorm), what differs."""
    data, models, train = initialization.ladder_spec(cfg)
    model = model_settings(initialization.ladder_model(cfg))
    changes = {rung: {k: v for k, v in model_settings(m).items() if model[k] != v} for rung, m in models.items()}
    return {"data": data_settings(data), "model": model, "rungs": list(models),
            "changes": {rung: change for rung, change in changes.items() if change}, "train": train_settings(train)}


def stack_settings(cfg: initialization.StackConfig) -> dict:
    return {"model": model_settings(initialization.stack_model(cfg)), "batch": cfg.batch}


def zero_settings(cfg: initialization.ZeroConfig) -> dict:
    data, models, train = initialization.zero_spec(cfg)
    return {**twin_settings(data, models, train), "every": train.eval_every}


def variance_settings(cfg: initialization.VarianceConfig) -> dict:
    model = model_settings(initialization.stack_model(initialization.variance_stack(cfg, cfg.inits[0])))
    return {"model": {k: v for k, v in model.items() if k != "init"}, "inits": cfg.inits, "batch": cfg.batch}


CODE = {"stack": Export(stack, stack_settings),
        "gradients": Export(gradients, lambda cfg: {**stack_settings(cfg), "lr": cfg.sgd_lr}),
        "zero": Export(zero, zero_settings),
        "variance": Export(variance, variance_settings),
        "training": Export(training, lambda cfg: twin_settings(*initialization.training_spec(cfg))),
        "ladder": Export(ladder, ladder_settings), **card_code("initialization")}
