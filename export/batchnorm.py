"""Copy as PyTorch code for the BatchNorm page: a script for each of its seven parts, made of the functions
core/batchnorm.py runs (noise and norms train through export/mlp.py's twin runs)."""

from __future__ import annotations

import math

import torch.nn.functional as F

from core import batchnorm
from core.batchnorm import (
    batch_of_one_error,
    forward_against_torch,
    gaussian_inputs,
    grid_cell,
    layer_statistics,
    learned_affine,
    train_vs_eval_mode,
    without_affine,
)
from core.data import data_settings, load_data
from core.models import MLP
from core.plain import OPTIMIZERS, divergence, evaluate, init_weights
from core.train import train_settings
from export.assemble import Export
from export.cards import card_code
from export.mlp import build, mlp_runs, model_settings, shared_and_changes, train_mlp, twin_settings
from export.tables import print_table


def activations(model, batch, variants):
    """CS231n Lab, BatchNorm: activations per layer with and without BatchNorm

    One batch of unit-Gaussian inputs through the same stack of layers (same weights), once as it is and once
    with BatchNorm before each nonlinearity (training mode). Prints, per layer, the mean and std of z (the
    nonlinearity's input) and of a = f(z), and the fraction of saturated units."""
    x, _ = gaussian_inputs(batch, model["width"], model["seed"])
    rows = []
    for variant, changes in variants.items():
        net = build({**model, **changes}, model["width"], 10, x)
        rows += [{"variant": variant, **row} for row in layer_statistics(net, x)[0]]
    print_table("layers", ["variant", "layer"], rows)


def train_losses(model, x, y, optimizer, lr, steps, every):
    """The app's training loop (core.train) on the full batch, keeping the training loss measured in eval
    mode (BatchNorm then uses its running averages) every `every` steps and at the end. Returns the finite
    losses and whether the run diverged."""
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr)
    losses, first, above, reason = [], None, 0, None
    model.train()
    for step in range(steps + 1):
        if step % every == 0 or step == steps:
            losses.append(evaluate(model, x, y)[0])
        if step == steps:
            break
        loss = F.cross_entropy(model(x), y)
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:  # the app stops the run here too, and reads the model as it stopped
            losses.append(evaluate(model, x, y)[0])
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return [value for value in losses if math.isfinite(value)], reason is not None


def grids(data, activation, depth, width, optimizer, steps, every, seed, variants, jobs):
    """CS231n Lab, BatchNorm: learning-rate and init-scale grids

    The spiral, an MLP trained with full-batch SGD without and with BatchNorm from the same weights, for each
    job: He init at each learning rate (grid 'lr'), W ~ N(0, std^2) at each std (grid 'init'). Prints each
    run's first and final training loss, whether it diverged, and its outcome (trains: below half its start)."""
    x, y, _, _, classes = load_data(**data)
    cells = []
    for grid, value, init, std, lr in jobs:
        for norm in variants:  # twin runs: the same initial weights
            model = MLP(x.shape[1], classes, width=width, depth=depth, activation=activation, norm=norm, seed=seed)
            losses, diverged = train_losses(init_weights(model, init, std, seed), x, y, optimizer, lr, steps, every)
            cells.append(grid_cell(grid, value, norm, losses, diverged))
    print_table("cells", ["grid", "value", "variant"], cells)


def gamma(data, model, train):
    """CS231n Lab, BatchNorm: learned gamma and beta

    An MLP with BatchNorm before each ReLU, trained twice from the same weights: with the learned scale gamma
    and shift beta, and without them (y = x_hat). Prints per layer the mean, min and max of the learned gamma
    and beta, and both runs' final losses and accuracies."""
    x, y, x_val, y_val, classes = load_data(**data)
    nets = {"affine": build(model, x.shape[1], classes, x),
            "no_affine": without_affine(build(model, x.shape[1], classes, x))}
    summary = []
    for variant, net in nets.items():
        diverged_at = train_mlp(net, x, y, **train)
        train_loss, train_accuracy = evaluate(net, x, y)
        val_loss, val_accuracy = evaluate(net, x_val, y_val)
        summary.append({"variant": variant, "train_loss": train_loss, "val_loss": val_loss,
                        "train_accuracy": train_accuracy, "val_accuracy": val_accuracy, "diverged_at": diverged_at})
    per_layer = [{"layer": layer, "parameter": parameter, "mean": p.mean().item(), "min": p.min().item(),
                  "max": p.max().item()} for layer, parameter, p in learned_affine(nets["affine"])]
    print_table("per_layer", ["layer", "parameter"], per_layer)
    print_table("summary", ["variant"], summary)


def traintest(mu, sigma, momentum, batch, steps, draws, sizes, seed):
    """CS231n Lab, BatchNorm: training mode vs evaluation mode

    One feature through nn.BatchNorm1d. Prints the gap between training-mode and eval-mode outputs per batch
    size (it shrinks as batches grow), one sample's output among different batch-mates in each mode, the
    running averages next to their closed form, and PyTorch's refusal of a training-mode batch of one."""
    running, batchmates, gap = train_vs_eval_mode(mu, sigma, momentum, batch, steps, draws, sizes, seed)
    print_table("gap", ["batch"], gap)
    print_table("batchmates", ["draw", "mode"], batchmates)
    print_table("running", ["step", "statistic", "source"], running)
    print_table("error", ["message"], [{"message": batch_of_one_error()}])


def noise(data, model, train, variants):
    """CS231n Lab, BatchNorm: noise as regularization

    A small training set, an MLP trained on minibatches without and with BatchNorm (same data, weights and
    batches). Prints each run's final losses and accuracies: with BatchNorm, validation loss stays closer to
    training loss."""
    mlp_runs(data, model, train, variants)


def norms(data, model, train, variants):
    """CS231n Lab, BatchNorm: small batches and other norms

    The spiral on tiny minibatches, one MLP per normalization (none, BatchNorm, LayerNorm, GroupNorm), same
    data, weights and batches. Prints each run's final losses and accuracies."""
    mlp_runs(data, model, train, variants)


def forward(batch, d, mean, std, momentum, eps, seed):
    """CS231n Lab, BatchNorm: the forward pass by hand

    The page's formulas as code, in training and in eval mode, next to torch.nn.functional.batch_norm with the
    same inputs. Prints the largest difference of the output and of the running averages (float32 rounding),
    and each feature's mean and std after normalizing (0 and 1)."""
    rows, y_mean, y_std = forward_against_torch(batch, d, mean, std, momentum, eps, seed)
    print_table("check", ["mode", "quantity"], rows)
    print_table("features", ["feature"], [{"feature": feature, "mean": m, "std": s}
                                          for feature, (m, s) in enumerate(zip(y_mean.tolist(), y_std.tolist()))])


def activations_settings(cfg: batchnorm.ActivationsConfig) -> dict:
    model, variants = shared_and_changes({v: model_settings(m) for v, m in batchnorm.stack_spec(cfg).items()})
    return {"model": model, "batch": cfg.batch, "variants": variants}


def gamma_settings(cfg: batchnorm.GammaConfig) -> dict:
    data, model, train = batchnorm.gamma_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "train": train_settings(train)}


CODE = {"activations": Export(activations, activations_settings),
        "grids": Export(grids, batchnorm.grid_settings),
        "gamma": Export(gamma, gamma_settings),
        "traintest": Export(traintest, batchnorm.traintest_settings),
        "noise": Export(noise, lambda cfg: twin_settings(*batchnorm.noise_spec(cfg))),
        "norms": Export(norms, lambda cfg: twin_settings(*batchnorm.norms_spec(cfg))),
        "forward": Export(forward, batchnorm.forward_settings), **card_code("batchnorm")}
