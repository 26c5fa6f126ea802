"""Copy as PyTorch code for the Regularization page: the app's data, models and noise layers, with the
settings of core/regularization.py's `<part>_settings`, trained by a plain full-batch loop that evaluates
as core.train does."""

from __future__ import annotations

import torch.nn.functional as F

from core import regularization
from core.plain import OPTIMIZERS, divergence, evaluate, init_weights
from core.regularization import (DigitCNN, NoisyMLP, POOLS, ResidualMLP, augmented_mlp, digit_data, dropout_at_test,
                                 ensemble_member, ensemble_scores, gaps, initialized_mlp, penalty_plan,
                                 probabilities, region_starts, sparsity, start_losses, survival_rows, toy_data)
from export.assemble import Export
from export.cards import card_code
from export.mlp import mlp_runs, twin_settings
from export.tables import print_table


def train_tracked(model, x, y, x_val, y_val, optimizer, lr, steps, eval_every, penalty=None, after_step=None):
    """The app's training loop (core.train) on the full batch, without its bookkeeping: an evaluation every
    eval_every steps and at the end, penalty(model) added to the loss, after_step(model) after each update,
    a stop on divergence. Returns the evaluations and the step where the run diverged, or None."""
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr)
    first, above, evaluations = None, 0, []
    model.train()
    for step in range(steps + 1):
        if step % eval_every == 0 or step == steps:
            train_loss, train_accuracy = evaluate(model, x, y)
            val_loss, val_accuracy = evaluate(model, x_val, y_val)
            evaluations.append({"step": step, "train_loss": train_loss, "train_accuracy": train_accuracy,
                                "val_loss": val_loss, "val_accuracy": val_accuracy})
        if step == steps:
            return evaluations, None
        loss = F.cross_entropy(model(x), y)
        if penalty is not None:
            loss = loss + penalty(model)
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:
            return evaluations, step  # the app stops the run here too
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if after_step is not None:
            after_step(model)


def twin_summaries(build, variants, data, train):
    """Twin runs: one model per variant, build(variant), each trained by train_tracked on the same data (x,
    y, x_val, y_val). Prints a summary row per run: its gaps() and the step where it diverged."""
    rows = []
    for variant in variants:
        evaluations, diverged_at = train_tracked(build(variant), *data, **train)
        rows.append({"variant": variant, **gaps(evaluations), "diverged_at": diverged_at})
    print_table("summary", ["variant"], rows)


def overfit_run(data, model, init, train):
    """CS231n Lab, Regularization: overfitting on purpose

    An MLP with far more weights than noisy spiral points, trained full-batch: the training loss keeps falling
    while the validation loss bottoms out early (best_step, where early stopping would stop) and rises again."""
    x, y, x_val, y_val = toy_data(**data)
    evaluations, diverged_at = train_tracked(initialized_mlp(2, 3, model, init), x, y, x_val, y_val, **train)
    print_table("summary", ["variant"], [{"variant": "none", **gaps(evaluations), "diverged_at": diverged_at}])


def penalty_runs(data, model, init, l2, l1, zero_below, train):
    """CS231n Lab, Regularization: L2 and L1

    Twin runs of one MLP: no penalty, L2 added to the loss, and L1 as a proximal soft-threshold after each
    step, which sets weights to exactly 0. Prints the loss at step 0, the fit and the share of zero weights."""
    x, y, x_val, y_val = toy_data(**data)
    start, summary, zeros = [], [], []
    for variant, extras in penalty_plan(l2, l1, train["lr"]).items():
        net = initialized_mlp(2, 3, model, init)
        start.append({"variant": variant, **start_losses(net, x, y, extras.get("penalty"))})
        evaluations, diverged_at = train_tracked(net, x, y, x_val, y_val, **train, **extras)
        zeros.append({"variant": variant, **sparsity(net, zero_below)})
        summary.append({"variant": variant, **gaps(evaluations), "diverged_at": diverged_at,
                        "exact_zero": zeros[-1]["exact_zero"]})
    for name, rows in (("start", start), ("summary", summary), ("zeros", zeros)):
        print_table(name, ["variant"], rows)


def dropout_runs(data, model, train, variants):
    """CS231n Lab, Regularization: dropout in training

    Twin runs of one MLP without and with inverted dropout after each hidden layer: dropout gives up some fit
    on the training points and narrows the gap to the validation points."""
    mlp_runs(data, model, train, variants)


def inference_run(data, model, init, train, point, p, passes, seed):
    """CS231n Lab, Regularization: dropout at inference

    One validation point goes `passes` times through a trained MLP with dropout p, in train mode: with inverted
    dropout their mean is the eval-mode output; forgetting the 1/(1 - p) makes it (1 - p) times as large.
    Also: is the spread of the passes larger where the model is wrong?"""
    x, y, x_val, y_val = toy_data(**data)
    net = initialized_mlp(2, 3, model, init)
    train_tracked(net, x, y, x_val, y_val, **train)
    _, draws, compare, uncertainty = dropout_at_test(net, x_val, y_val, point, p, passes, seed)
    print_table("compare", ["scaling", "quantity"], compare)
    print_table("uncertainty", ["outcome"], uncertainty)
    samples = [{"scaling": scaling, "pass": i, "hidden_mean": h, "probability": q} for scaling, (means, probs)
               in draws.items() for i, (h, q) in enumerate(zip(means.tolist(), probs.tolist()))]
    print_table("samples", ["scaling", "pass"], samples)


def dropconnect_runs(data, kinds, p, width, init, seed, train):
    """CS231n Lab, Regularization: DropConnect

    Twin runs of one MLP: no noise, dropout p on the hidden units, and DropConnect p on the weights."""
    build = lambda kind: init_weights(NoisyMLP(kind, p, 2, width, 3, seed), init, 0.0, seed)
    twin_summaries(build, kinds, toy_data(**data), train)


def fractional_runs(size, draws, data, pools, activation, init, seed, train):
    """CS231n Lab, Regularization: fractional max pooling

    Where the 2x2 regions of fractional max pooling start on a size x size image, for a few random draws;
    then twin runs of a small CNN on few digits with 2x2 max pooling and with fractional max pooling."""
    print_table("regions", ["pooling", "draw", "axis", "start"], region_starts(size, draws, seed)[0])
    build = lambda pool: init_weights(DigitCNN(POOLS[pool](seed), activation), init, 0.0, seed)
    twin_summaries(build, pools, digit_data(**data), train)


def depth_runs(data, width, blocks, activation, p_last, init, seed, train):
    """CS231n Lab, Regularization: stochastic depth

    A residual MLP on few digits whose blocks survive with a probability that decays linearly to p_L; twin
    runs with every block always on (p_L = 1) and with stochastic depth."""
    print_table("survival", ["block"], survival_rows(blocks, p_last["stochastic depth"]))
    build = lambda variant: init_weights(ResidualMLP(64, width, blocks, 10, p_last[variant], seed, activation), init,
                                         0.0, seed)
    twin_summaries(build, list(p_last), digit_data(**data), train)


def augment_runs(data, model, init, warp, seed, train):
    """CS231n Lab, Regularization: data augmentation

    Twin runs of one MLP on few digits, without and with random shifts, rotations and scalings of the
    training images."""
    build = lambda name: augmented_mlp(initialized_mlp(64, 10, model, init), name == "augmented", **warp, seed=seed)
    twin_summaries(build, ("plain", "augmented"), digit_data(**data), train)


def ensemble_runs(data, model, init, members, train):
    """CS231n Lab, Regularization: ensembles

    MLPs trained on the same points, each from its own initial weights: the average of their predicted
    probabilities beats the typical member, and gets better as members join."""
    x, y, x_val, y_val = toy_data(**data)
    probs = []
    for k in range(members):
        net = ensemble_member(model, init, k)
        train_tracked(net, x, y, x_val, y_val, **train)
        probs.append(probabilities(net, x_val))
    models, growing = ensemble_scores(probs, y_val)
    print_table("models", ["model"], models)
    print_table("growing", ["k"], growing)


CODE = {"overfit": Export(overfit_run, regularization.overfit_settings),
        "penalty": Export(penalty_runs, regularization.penalty_settings),
        "dropout": Export(dropout_runs, lambda cfg: twin_settings(*regularization.dropout_spec(cfg))),
        "inference": Export(inference_run, regularization.inference_settings),
        "dropconnect": Export(dropconnect_runs, regularization.dropconnect_settings),
        "fractional": Export(fractional_runs, regularization.fractional_settings),
        "depth": Export(depth_runs, regularization.depth_settings),
        "augment": Export(augment_runs, regularization.augment_settings),
        "ensemble": Export(ensemble_runs, regularization.ensemble_settings), **card_code("regularization")}
