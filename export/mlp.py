"""Scripts for the parts that train MLPs through core.train: one model per variant on the same data, with
the same initial weights where shapes allow and the same batch order, as the app's twin runs."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from core.data import data_settings, load_data
from core.models import MLP, ModelConfig, initialize, mlp_settings
from core.plain import OPTIMIZERS, batch_order, divergence, evaluate
from core.train import TrainConfig, train_settings
from export.tables import print_table


def fit(model, x, y, opt, steps, batch_size, seed):
    """The app's training loop (core.train) without its bookkeeping: seeded batches (0: the full batch),
    cross-entropy, one step of the optimizer `opt` each, stop on divergence. Returns the step where the
    run diverged, or None."""
    order = batch_order(len(x), batch_size, torch.Generator().manual_seed(seed))
    first, above = None, 0
    model.train()
    for step in range(steps):
        idx = next(order)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        first = loss.item() if first is None else first
        reason, above = divergence(loss.item(), first, above)
        if reason is not None:
            return step  # the app stops the run here too, and reads the model as it stopped
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return None


def train_mlp(model, x, y, optimizer, lr, momentum, weight_decay, steps, batch_size, seed):
    """fit with an optimizer of the app's table, by name."""
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    return fit(model, x, y, opt, steps, batch_size, seed)


def build(model, d_in, classes, x):
    """An initialized MLP from its settings: MLP's arguments plus init and std (x: inputs for LSUV)."""
    settings = dict(model)
    init, std = settings.pop("init"), settings.pop("std")
    return initialize(MLP(d_in, classes, **settings), init, std, settings["seed"], x)


def mlp_runs(data, model, train, variants):
    """Twin runs of MLPs: one model per variant, trained on the same data with the same batch order.

    `model` and `train` hold what every variant shares; `variants` what each changes (its "model" and
    "train" settings). Prints each run's final losses, accuracies and the step where it diverged."""
    x_train, y_train, x_val, y_val, classes = load_data(**data)
    rows = []
    for variant, changes in variants.items():
        net = build({**model, **changes.get("model", {})}, x_train.shape[1], classes, x_train)
        diverged_at = train_mlp(net, x_train, y_train, **{**train, **changes.get("train", {})})
        train_loss, train_accuracy = evaluate(net, x_train, y_train)
        val_loss, val_accuracy = evaluate(net, x_val, y_val)
        rows.append({"variant": variant, "train_loss": train_loss, "val_loss": val_loss,
                     "train_accuracy": train_accuracy, "val_accuracy": val_accuracy, "diverged_at": diverged_at})
    print_table("summary", ["variant"], rows)


def model_settings(cfg: ModelConfig) -> dict:
    """build's settings for a model config."""
    return {**mlp_settings(cfg), "init": cfg.init, "std": cfg.init_std}


def shared_and_changes(per_variant: dict[str, dict]) -> tuple[dict, dict]:
    """Split each variant's settings into what all variants share and what each one changes."""
    first = next(iter(per_variant.values()))
    shared = {k: v for k, v in first.items() if all(s.get(k) == v for s in per_variant.values())}
    return shared, {name: {k: v for k, v in s.items() if k not in shared} for name, s in per_variant.items()}


def twin_settings(data, models: dict[str, ModelConfig], train: TrainConfig | dict[str, TrainConfig]) -> dict:
    """mlp_runs' settings for a part's spec: its data, one model config per variant, and training settings
    shared by every variant or given per variant."""
    per = train if isinstance(train, dict) else {name: train for name in models}
    model, model_changes = shared_and_changes({v: model_settings(m) for v, m in models.items()})
    train_shared, train_changes = shared_and_changes({v: train_settings(per[v]) for v in models})
    variants = {v: {k: c for k, c in (("model", model_changes[v]), ("train", train_changes[v])) if c}
                for v in models}
    return {"data": data_settings(data), "model": model, "train": train_shared, "variants": variants}
