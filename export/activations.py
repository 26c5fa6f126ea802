"""Copy as PyTorch code for the Activations page. Shapes (curves of formulas) and cost (a timing of exp())
reproduce no run and have no script."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from core import activations
from core.activations import fit_maxout, gradient_through_layers, zigzag_runs
from core.data import load_data
from core.health import logged_steps
from core.models import recording
from core.nn import dead_units
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate
from export.assemble import Export
from export.mlp import build, mlp_runs, twin_settings
from export.tables import print_table


def saturation(mu, sigma, layers, units, seed, activations):
    """CS231n Lab, Activations: saturation kills gradients

    Pre-activations z ~ N(mu, sigma^2), drawn afresh in every layer: per activation, the fraction of
    saturated units (|f'(z)| < 0.01), the mean |f'(z)|, and how much of a gradient of 1 is left after
    passing back through every layer."""
    fractions, gradient = gradient_through_layers(mu, sigma, layers, units, seed, activations)
    print_table("fractions", ["activation"], fractions)
    print_table("gradient", ["activation", "layer"], gradient)


def zigzag(target_w1, target_w2, lr, max_steps, tolerance, seed):
    """CS231n Lab, Activations: the zig-zag of always-positive inputs

    One unit y = w . x fitted one example at a time towards w* in quadrant 4. With inputs that are all
    positive (like sigmoid outputs) both weights move the same way at every step, so w can only zig-zag;
    zero-centered inputs go straight."""
    _, steps = zigzag_runs(target_w1, target_w2, lr, max_steps, tolerance, seed)
    print_table("steps", ["inputs"], steps)


def maxout(max_k, steps, seed):
    """CS231n Lab, Activations: maxout fits x^2 piece by piece

    A maxout unit with k = 1..max_k linear pieces fitted to y = x^2: more pieces, a closer convex fit."""
    print_table("error", ["k"], [{"k": k, "mse": fit_maxout(k, steps, seed)[2]} for k in range(1, max_k + 1)])


def dead_relus(data, model, train, variants):
    """CS231n Lab, Activations: dead ReLUs at a high learning rate

    One MLP per activation, same data, initial weights and batches. At the app's logged steps it measures,
    in each hidden layer, the fraction of dead units: f'(z) = 0 on the whole batch, so no gradient reaches
    them again."""
    x, y, x_val, y_val, classes = load_data(**data)
    logged = set(logged_steps(train["steps"]))
    dead, summary = [], []
    for variant, changes in variants.items():
        net = build({**model, **changes.get("model", {})}, x.shape[1], classes, x)
        opt = OPTIMIZERS[train["optimizer"]](net.parameters(), lr=train["lr"], momentum=train["momentum"],
                                             weight_decay=train["weight_decay"])
        order = batch_order(len(x), train["batch_size"], torch.Generator().manual_seed(train["seed"]))
        first, above, diverged_at = None, 0, None
        for step in range(train["steps"]):
            idx = next(order)
            with recording(net.acts() if step in logged else []) as seen:
                loss = F.cross_entropy(net(x[idx]), y[idx])
            first = loss.item() if first is None else first
            reason, above = divergence(loss.item(), first, above)
            if reason is not None:
                diverged_at = step
                break
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            dead += [{"activation": variant, "step": step, "layer": layer,
                      "dead": dead_units(act, z).float().mean().item()}
                     for layer, (act, (z, _)) in enumerate(zip(net.acts(), seen), start=1)]
        train_loss, train_accuracy = evaluate(net, x, y)
        val_loss, val_accuracy = evaluate(net, x_val, y_val)
        summary.append({"variant": variant, "train_loss": train_loss, "val_loss": val_loss,
                        "train_accuracy": train_accuracy, "val_accuracy": val_accuracy, "diverged_at": diverged_at})
    print_table("dead", ["activation", "step", "layer"], dead)
    print_table("summary", ["variant"], summary)


def dead_settings(cfg: activations.DeadConfig) -> dict:
    return twin_settings(*activations.dead_spec(cfg))


def race_settings(cfg: activations.RaceConfig) -> dict:
    return twin_settings(*activations.race_spec(cfg))

CODE = {"saturation": Export(saturation, activations.saturation_settings),
        "zigzag": Export(zigzag, activations.zigzag_settings),
        "maxout": Export(maxout, lambda cfg: {"max_k": cfg.max_k, "steps": cfg.steps, "seed": cfg.seed}),
        "dead": Export(dead_relus, dead_settings),
        "race": Export(mlp_runs, race_settings)}
