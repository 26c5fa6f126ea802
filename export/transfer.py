"""Copy as PyTorch code for the Transfer learning page. The scripts load the shipped backbone from
backbone.pt, which the page offers for download beside each script (Export.files). The backbone's facts,
the target samples and the ResNet-18 parameter count reproduce no run and have no script."""

from __future__ import annotations


from core import transfer
from core.backbone import WEIGHTS, load_backbone, seeded_head
from core.plain import adam, evaluate
from core.transfer import (ADVICE, BN_LR, SIMILARITY, STRATEGIES, TARGETS, FrozenClassifier, bn_stats, changes,
                           frozen_features, minibatch, per_class, project_features, running_stat_rows, snapshot,
                           split, spread, target_images, trained_parameters, verdict)
from export.assemble import Export
from export.cards import card_code
from export.mlp import fit
from export.tables import print_table


def train_strategy(strategy, weights, target, labels, lr_head, lr_backbone, steps, seed):
    """One of the app's runs (core.transfer.run_strategy): the strategy's model trained on the split of
    `seed`. Returns its final test and train accuracy and how many parameters the strategy trains."""
    _, y = target_images(target)
    train_idx, test_idx = split(target, labels, seed)
    model, x, groups = STRATEGIES[strategy](weights, target, seed, lr_backbone)
    fit(model, x[train_idx], y[train_idx], adam(groups, lr=lr_head), steps, minibatch(len(train_idx)), seed)
    _, test = evaluate(model, x[test_idx], y[test_idx])
    _, train = evaluate(model, x[train_idx], y[train_idx])
    return test, train, trained_parameters(model)


def compare_strategies(target, labels, strategies, lr_head, lr_backbone, steps, seed, weights):
    """CS231n Lab, Transfer learning: scratch vs linear probe vs fine-tuning

    Five ways to use the lab's pretrained backbone (`weights`: backbone.pt from the page, in the folder the
    script runs in), trained on the same labeled images with the same new head and batch order. Prints each
    strategy's final test and train accuracy and how many parameters it trains."""
    rows = []
    for strategy in strategies:
        test, train, parameters = train_strategy(strategy, weights, target, labels, lr_head, lr_backbone, steps,
                                                 seed)
        rows.append({"strategy": strategy, "test_accuracy": test, "train_accuracy": train,
                     "trained_parameters": parameters})
    print_table("summary", ["strategy"], rows)


def learning_curves(target, sizes, strategies, seeds, steps, lr_head, lr_backbone, weights):
    """CS231n Lab, Transfer learning: learning curves

    Each strategy (the pretrained backbone: `weights`, backbone.pt from the page, in the folder the script
    runs in) trained on more and more labeled images per class, once per seed. Prints the test accuracy's
    mean, standard deviation, lowest and highest over the seeds."""
    rows = []
    for labels in sizes:
        for strategy in strategies:
            runs = [train_strategy(strategy, weights, target, labels, lr_head, lr_backbone, steps, seed)
                    for seed in range(seeds)]
            accuracies = [test for test, _, _ in runs]
            rows.append({"strategy": strategy, "labels": labels, "per_class": per_class(target, labels),
                         **spread(accuracies)})
    print_table("mean", ["strategy", "per_class"], rows)


def advice_table(little, lots, strategies, seeds, steps, lr_head, lr_backbone, weights):
    """CS231n Lab, Transfer learning: the 2x2 table (similar or different data, little or lots)

    Every strategy on the digits (similar to the source of the backbone in `weights`, backbone.pt from the
    page) and on the shuffled digits (different), with little and with lots of labels. Prints each cell's
    best strategy next to the lecture's advice, and whether the advice is within the seeds' spread of it."""
    cells = []
    for target in TARGETS:
        similarity = SIMILARITY[target]
        for labels, data in ((little, "little"), (lots, "lots")):
            accuracies = {}
            for strategy in strategies:
                runs = [train_strategy(strategy, weights, target, labels, lr_head, lr_backbone, steps, seed)
                        for seed in range(seeds)]
                accuracies[strategy] = [test for test, _, _ in runs]
            cells.append({"similarity": similarity, "data": data,
                          **verdict(accuracies, ADVICE[(similarity, data)])})
    print_table("cells", ["similarity", "data", "best", "runner_up", "advice"], cells)


def feature_pca(target, layer, points, seed, weights):
    """CS231n Lab, Transfer learning: what the features look like

    The features of some target images from the pretrained backbone (`weights`: backbone.pt from the page,
    in the folder the script runs in) and from a random one: how much of their variance two principal axes
    keep, and how well the digits cluster (nearest class mean)."""
    _, _, scores = project_features(weights, target, layer, points, seed)
    print_table("scores", ["backbone"], scores)


def frozen_batchnorm(target, labels, batch_size, steps, seed, weights):
    """CS231n Lab, Transfer learning: BatchNorm on a frozen backbone

    A new head trained twice on the frozen pretrained backbone (`weights`: backbone.pt from the page), left
    in train mode and kept in eval mode. Prints what training changed (the backbone's weights, BatchNorm
    running statistics and features, the head) and every running statistic before and after."""
    x, y = target_images(target)
    train_idx, test_idx = split(target, labels, seed)
    summary, stats = [], []
    for variant, keep_eval in (("train_mode", False), ("eval_mode", True)):
        backbone = load_backbone(weights)
        model = FrozenClassifier(backbone, seeded_head(backbone.dim, 10, seed), keep_eval)
        before = snapshot(model)
        fit(model, x[train_idx], y[train_idx], adam(model.parameters(), lr=BN_LR), steps, batch_size, seed)
        model.eval()
        _, test = evaluate(model, x[test_idx], y[test_idx])
        summary.append({"variant": variant, **changes(model, before, x, frozen_features(weights, target)["top"]),
                        "test_accuracy": test})
        stats += running_stat_rows(variant, before["stats"], bn_stats(backbone))
    print_table("summary", ["variant"], summary)
    print_table("stats", ["variant", "layer", "stat", "channel"], stats)


def settings(*fields, **fixed):
    """A part's settings: these fields of its config, `fixed` values, and the name of the weights' file,
    which the script reads from the folder it runs in."""
    return lambda cfg: {**{name: getattr(cfg, name) for name in fields}, **fixed, "weights": WEIGHTS.name}


RECIPE = transfer.Recipe()  # the table trains every cell at the default learning rates
FILES = (WEIGHTS,)
CODE = {"strategies": Export(compare_strategies, settings("target", "labels", "strategies", "lr_head", "lr_backbone",
                                                          "steps", "seed"), FILES),
        "curves": Export(learning_curves, settings("target", "sizes", "strategies", "seeds", "steps", "lr_head",
                                                   "lr_backbone"), FILES),
        "table": Export(advice_table, settings("little", "lots", "seeds", "steps", strategies=tuple(STRATEGIES),
                                               lr_head=RECIPE.lr_head, lr_backbone=RECIPE.lr_backbone), FILES),
        "pca": Export(feature_pca, lambda cfg: {**transfer.pca_settings(cfg), "weights": WEIGHTS.name}, FILES),
        "bn": Export(frozen_batchnorm, settings("target", "labels", "batch_size", "steps", "seed"), FILES),
        **card_code("transfer")}
