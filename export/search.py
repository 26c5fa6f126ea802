"""Copy as PyTorch code for the hyperparameter-search parts of the Babysitting page (core/search.py): random
vs grid search, coarse to fine, and the learning-rate range test. The lead merges CODE into
export/babysitting.py's."""

from __future__ import annotations

from core import search
from core.data import data_settings, load_data
from core.plain import evaluate
from core.search import (coarse_to_fine_search, grid_vs_random_runs, grid_vs_random_summary, range_spread,
                         range_test)
from export.assemble import Export
from export.mlp import build, model_settings, train_mlp
from export.tables import print_table


def random_vs_grid(side, repeats, width, weight, seed):
    """CS231n Lab, Babysitting: random vs grid search (Bergstra & Bengio 2012)

    Many problems in which only one of two hyperparameters matters (a narrow bump in it, a small broad one in
    the other), each searched with the same budget by a k x k grid and by k² random trials. Prints the first
    problem's trials and, per method, its best scores and how often it won."""
    trials, best = grid_vs_random_runs(side, repeats, width, weight, seed)
    print_table("trials", ["method", "trial"], trials)
    print_table("summary", ["method"], grid_vs_random_summary(best, side))


def coarse_to_fine(data, model, train, coarse, fine, lr_range, reg_range, seed):
    """CS231n Lab, Babysitting: coarse to fine, on a log scale

    Random search over the learning rate and the L2 strength (weight_decay) of an MLP on the 1-D digits: short
    runs log-uniform over wide ranges, then more in a box around the best. Every trial starts from the same
    weights and sees the same batches. Prints every trial's validation accuracy and each stage's best."""
    x, y, x_val, y_val, classes = load_data(**data)

    def trial(lr, reg):
        net = build(model, x.shape[1], classes, x)
        diverged_at = train_mlp(net, x, y, **{**train, "lr": lr, "weight_decay": reg})
        return evaluate(net, x_val, y_val)[1], diverged_at is not None  # the model as it stopped

    trials, best, boxes = coarse_to_fine_search(lambda pairs: [trial(lr, reg) for lr, reg in pairs], coarse, fine,
                                                lr_range, reg_range, seed)
    print_table("trials", ["stage", "trial"], trials)
    print_table("boxes", ["stage"], boxes)
    print_table("best", ["stage"], best)


def lr_range_test(data, model, seeds, optimizer, lo, hi, steps, momentum, batch_size):
    """CS231n Lab, Babysitting: the learning-rate range test (Smith 2017; fastai's lr_find)

    One short run per seed in which the learning rate grows exponentially from lo to hi, each from its own
    initial weights and batch order, stopped when the smoothed loss exceeds 4x its minimum. Prints the
    curves, why each run stopped, the rates two rules suggest, and how much those vary across seeds."""
    x, y, _, _, classes = load_data(**data)
    curves, stops, suggestions = [], [], []
    for seed in seeds:
        net = build({**model, "seed": seed}, x.shape[1], classes, x)
        curve, stop, suggested = range_test(net, x, y, seed, optimizer, lo, hi, steps, momentum, batch_size)
        curves, stops, suggestions = curves + curve, stops + [stop], suggestions + suggested
    print_table("curves", ["seed", "step"], curves)
    print_table("stops", ["seed"], stops)
    print_table("suggestions", ["seed", "rule"], suggestions)
    print_table("spread", ["rule"], range_spread(suggestions))


def coarse_settings(cfg: search.CoarseFineConfig) -> dict:
    data, model, train = search.coarse_spec(cfg)
    lr_range, reg_range = search.coarse_ranges(cfg)
    return {"data": data_settings(data), "model": model_settings(model),
            "train": {"optimizer": train.optimizer, "momentum": train.momentum, "steps": train.steps,
                      "batch_size": train.batch_size, "seed": train.seed},
            "coarse": cfg.coarse_trials, "fine": cfg.fine_trials, "lr_range": lr_range, "reg_range": reg_range,
            "seed": cfg.seed}


def range_test_settings(cfg: search.RangeConfig) -> dict:
    data, seeds = search.range_spec(cfg)
    model = model_settings(search.mlp_config(0))
    del model["seed"]  # each run's own
    return {"data": data_settings(data), "model": model, "seeds": seeds, **search.range_settings(cfg)}


CODE = {"search": Export(random_vs_grid, search.grid_vs_random_settings),
        "coarse": Export(coarse_to_fine, coarse_settings),
        "lrfind": Export(lr_range_test, range_test_settings)}
