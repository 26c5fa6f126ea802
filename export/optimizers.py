"""Copy as PyTorch code for the Optimizers page. Taylor has no script: its numbers are closed-form (a slice,
its derivatives at one point and one step of each kind), not a run."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from core import optimizers
from core.data import data_settings, load_data
from core.optimizers import (
    convergence,
    inside_runs,
    lr_factor,
    race_runs,
    saddle_escape,
    stability,
    sweep_row,
    weight_decay_of,
)
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate
from core.train import TrainConfig
from export.assemble import Export
from export.cards import card_code
from export.mlp import build, mlp_runs, model_settings, train_mlp, twin_settings
from export.tables import print_table


def race(surface, box, start, optimizers, lrs, steps, kappa, noise, beta, seed):
    """CS231n Lab, Optimizers: a race on a loss surface

    Each optimizer (at its learning rate in lrs) descends the same 2-D surface from the same start; prints
    the steps it ran, its final loss and the step where it left the view (empty if it stayed)."""
    _, summary = race_runs(surface, box, start, optimizers, lrs, steps, kappa, noise, beta, seed)
    print_table("summary", ["optimizer"], summary)


def inside_the_optimizer(surface, box, start, optimizers, lr, beta, steps, kappa, inspect):
    """CS231n Lab, Optimizers: inside the optimizer

    Runs the update rules written out by hand and prints each optimizer's state at step `inspect` (or its
    last step): per coordinate the gradient, velocity, cache, update and effective learning rate."""
    _, state = inside_runs(surface, box, start, optimizers, lr, beta, steps, kappa)
    at = min(inspect, max(row["step"] for row in state))
    print_table("state", ["optimizer", "step", "coordinate"], [row for row in state if row["step"] == at])


def escaping_the_saddle(surface, box, x0, variants, lr, steps, seed):
    """CS231n Lab, Optimizers: saddles and noise

    Optimizers on f = x^2 - y^2 from (x0, y), started on the ridge y = 0 or just off it, with and without
    gradient noise; prints for each run the first step with |y| > 1 (empty if never) and its final |y|."""
    _, escape = saddle_escape(surface, box, x0, variants, lr, steps, seed)
    print_table("escape", ["variant"], escape)


def momentum_against_theory(kappa, tol, max_steps, beta, sweep_steps, points):
    """CS231n Lab, Optimizers: momentum against theory

    Gradient descent and heavy-ball momentum at their best constant settings (Polyak 1964) on a quadratic
    with condition number kappa: predicted and measured rates, iterations to the tolerance; then the
    largest stable learning rate of each, found by running, against the theory's."""
    _, summary = convergence(kappa, tol, max_steps)
    print_table("summary", ["method"], summary)
    _, limits = stability(kappa, beta, sweep_steps, points)
    print_table("limits", ["method"], limits)


def learning_rate_sweep(data, model, optimizers, lrs, momentum, steps, batch_size, seed):
    """CS231n Lab, Optimizers: learning-rate sweep

    Trains the same MLP (same data, start and batches) with each optimizer at each rate of a log grid and
    prints the final training loss, capped; a run that diverged is marked and drawn at the cap."""
    x, y, _, _, classes = load_data(**data)
    rows = []
    for optimizer in optimizers:
        for point, lr in enumerate(lrs):
            net = build(model, x.shape[1], classes, x)
            diverged_at = train_mlp(net, x, y, optimizer, lr, momentum, weight_decay_of(optimizer), steps, batch_size,
                                    seed)
            rows.append(sweep_row(optimizer, point, lr, evaluate(net, x, y)[0] if diverged_at is None else None))
    print_table("sweep", ["optimizer", "point"], rows)


def scores(model, x, y, x_val, y_val, last):
    """(train loss, train accuracy, val loss, val accuracy) of the model, or `last` when a number is not
    finite (the app's charts and tables leave such an evaluation out)."""
    now = evaluate(model, x, y) + evaluate(model, x_val, y_val)
    return now if all(math.isfinite(v) for v in now) else last


def fit_on_schedule(model, x, y, x_val, y_val, optimizer, lr, momentum, factors, batch_size, seed, every):
    """The app's training loop (core.train) with a learning-rate schedule: the rate of step t is
    lr * factors[t]. Like the app it evaluates the model every `every` steps, at the end and where it
    stops on divergence. Returns the last evaluation with finite numbers and the step where the run
    diverged, or None."""
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, momentum=momentum, weight_decay=0.0)
    order = batch_order(len(x), batch_size, torch.Generator().manual_seed(seed))
    first, above, last = None, 0, None
    model.train()
    for step in range(len(factors) + 1):
        if step % every == 0 or step == len(factors):
            last = scores(model, x, y, x_val, y_val, last)
        if step == len(factors):
            return last, None
        idx = next(order)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:  # the app stops the run here too, and reads the model as it stopped
            return scores(model, x, y, x_val, y_val, last), step
        opt.zero_grad(set_to_none=True)
        loss.backward()
        for group in opt.param_groups:  # the schedule sets the rate before every update
            group["lr"] = lr * factors[step]
        opt.step()


def lr_schedules(data, model, schedules, knobs, optimizer, lr, momentum, steps, batch_size, seed, every):
    """CS231n Lab, Optimizers: learning-rate schedules

    Trains the same MLP once per schedule (same data, start and batches), its rate scaled by lr_factor at
    every step; prints each run's final losses and accuracies and the step where it diverged (if it did)."""
    x, y, x_val, y_val, classes = load_data(**data)
    rows = []
    for schedule in schedules:
        factors = [lr_factor(schedule, t, steps, **knobs) for t in range(steps)]
        net = build(model, x.shape[1], classes, x)
        final, diverged_at = fit_on_schedule(net, x, y, x_val, y_val, optimizer, lr, momentum, factors, batch_size,
                                             seed, every)
        train_loss, train_accuracy, val_loss, val_accuracy = final
        rows.append({"variant": schedule, "train_loss": train_loss, "val_loss": val_loss,
                     "train_accuracy": train_accuracy, "val_accuracy": val_accuracy, "diverged_at": diverged_at})
    print_table("summary", ["variant"], rows)


def sweep_settings(cfg: optimizers.SweepConfig) -> dict:
    data, model = optimizers.sweep_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "optimizers": cfg.optimizers,
            "lrs": optimizers.learning_rates(cfg.lo, cfg.hi, cfg.points), "momentum": TrainConfig().momentum,
            "steps": cfg.steps, "batch_size": cfg.batch_size, "seed": cfg.seed}


def schedules_settings(cfg: optimizers.ScheduleConfig) -> dict:
    data, model, train = optimizers.schedule_spec(cfg)
    return {"data": data_settings(data), "model": model_settings(model), "schedules": cfg.schedules,
            "knobs": optimizers.schedule_knobs(cfg), "optimizer": train.optimizer, "lr": train.lr,
            "momentum": train.momentum, "steps": train.steps, "batch_size": train.batch_size, "seed": train.seed,
            "every": train.eval_every}


CODE = {"race": Export(race, optimizers.race_settings),
        "inside": Export(inside_the_optimizer, lambda cfg: {**optimizers.inside_settings(cfg), "inspect": cfg.inspect}),
        "saddle": Export(escaping_the_saddle, optimizers.saddle_settings),
        "theory": Export(momentum_against_theory, optimizers.theory_settings),
        "network": Export(mlp_runs, lambda cfg: twin_settings(*optimizers.network_spec(cfg))),
        "sweep": Export(learning_rate_sweep, sweep_settings),
        "schedules": Export(lr_schedules, schedules_settings), **card_code("optimizers")}
