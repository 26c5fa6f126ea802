"""Issue 19: twin runs of one MLP shape train as one stacked model (core.stacked, core.train.train_stacked) and
give the per-variant loop's numbers: every frame of every part that stacks, health records included."""

import pandas as pd
import pytest
import torch

import core.train
from core import activations, batchnorm, initialization, optimizers, papers, regularization, search, stacked
from core.data import DataConfig, make_dataset
from core.models import MLP, ModelConfig, build_mlp
from core.train import Job, TrainConfig, train, train_stacked, twin_runs

# Every part whose twin runs stack (their models: plain MLPs of one shape), at small settings. The Activations
# race times each run and keeps the loop (timed=True); LayerNorm's, GroupNorm's, dropout's, the residual and the
# CNN models do not stack.
PARTS = [(activations.dead_units, activations.DeadConfig(steps=40, width=32)),
         (initialization.training, initialization.TrainingConfig(steps=30, depth=4, width=32)),
         (initialization.ladder, initialization.LadderConfig(steps=30, n=300)),
         (optimizers.network, optimizers.NetworkConfig(steps=40)),
         (papers.he2015, papers.HeConfig(steps=50, deep=16)),
         (optimizers.sweep, optimizers.SweepConfig(points=4, steps=30)),  # hi = 10: some runs diverge
         (optimizers.schedules, optimizers.ScheduleConfig(steps=60, drop_every=20, warmup=10)),
         (regularization.penalties, regularization.PenaltyConfig(steps=50, width=32)),
         (regularization.ensemble, regularization.EnsembleConfig(models=3, steps=50)),
         (batchnorm.lr_and_init_grids, batchnorm.GridConfig(points=3, steps=40)),  # BatchNorm MLPs stacked too
         (search.coarse_to_fine, search.CoarseFineConfig(coarse_trials=5, fine_trials=3, trial_steps=30))]


def both(fn, cfg, monkeypatch) -> tuple[dict, dict, int]:
    """The part's result with the loop and stacked, and how many stacked loops ran."""
    calls = []
    original = core.train.train_stacked
    monkeypatch.setattr(core.train, "train_stacked", lambda *a, **k: calls.append(1) or original(*a, **k))
    frames = lambda out: {"table": out} if isinstance(out, pd.DataFrame) else out  # noqa: E731
    monkeypatch.setattr(core.train, "STACK", False)
    loop = frames(fn(cfg))
    monkeypatch.setattr(core.train, "STACK", True)
    return loop, frames(fn(cfg)), len(calls)


@pytest.mark.parametrize("fn, cfg", PARTS, ids=[fn.__name__ for fn, _ in PARTS])
def test_a_part_gives_the_same_numbers_stacked_as_one_run_after_another(fn, cfg, monkeypatch):
    loop, together, stacks = both(fn, cfg, monkeypatch)
    assert stacks >= 1, "the part's runs did not stack"
    assert loop.keys() == together.keys()
    for key, frame in loop.items():
        if isinstance(frame, pd.DataFrame):
            drop = lambda f: f.drop(columns=["seconds"], errors="ignore").reset_index(drop=True)  # noqa: E731
            pd.testing.assert_frame_equal(drop(frame), drop(together[key]), check_exact=False, rtol=1e-5,
                                          atol=1e-7, obj=key)


def spiral():
    return make_dataset(DataConfig(n=150))


def test_a_variant_that_diverges_leaves_the_stack_where_its_own_run_stops():
    """Three learning rates of plain SGD, the last one far too large: it stops early, as in its own run, and the
    others train to the end with the numbers of their own runs; each keeps its own optimizer and penalty."""
    data = spiral()
    model = ModelConfig(width=16, depth=3, activation="tanh", init="xavier_normal")
    cfgs = [TrainConfig(optimizer=o, lr=lr, steps=60) for o, lr in (("sgd", 0.1), ("adam", 0.01), ("sgd", 80.0))]
    penalty = lambda m: 1e-3 * sum((layer.weight ** 2).sum() for layer in m.weights())  # noqa: E731
    alone = [train(build_mlp(model, 2, 3), data, c, variant=str(i), penalty=penalty) for i, c in enumerate(cfgs)]
    together = train_stacked([Job(build_mlp(model, 2, 3), c, str(i), penalty=penalty) for i, c in enumerate(cfgs)],
                             data)
    assert alone[2].diverged_at is not None and alone[0].diverged_at is None
    for a, b in zip(alone, together):
        assert (a.diverged_at, a.reason) == (b.diverged_at, b.reason)
        pd.testing.assert_frame_equal(a.history, b.history, rtol=1e-5)
        pd.testing.assert_frame_equal(a.health, b.health, rtol=1e-5)
        pd.testing.assert_frame_equal(a.histograms, b.histograms)
        assert all(torch.allclose(p, q, rtol=1e-5, atol=1e-7) for p, q in zip(a.model.parameters(),
                                                                             b.model.parameters()))


def test_runs_with_one_optimizer_setting_share_it_and_split_it_when_one_stops(monkeypatch):
    """One optimizer setting (momentum SGD, lr 0.7) and three inits: the runs share one optimizer over the stacked
    parameters; the widest init diverges at step 4, and the other two go on with optimizers of their own holding
    their slices of the momentum: every run's numbers are its own run's, and its model's parameters are its own."""
    data = spiral()
    cfg = TrainConfig(optimizer="momentum", lr=0.7, steps=60)
    models = [ModelConfig(width=16, depth=3, activation="relu", init="normal", init_std=s) for s in (0.3, 1.0, 1.5)]
    splits = []
    original = core.train.split_optimizer
    monkeypatch.setattr(core.train, "split_optimizer", lambda *a: splits.append(1) or original(*a))
    alone = [train(build_mlp(m, 2, 3), data, cfg, variant=str(i)) for i, m in enumerate(models)]
    together = train_stacked([Job(build_mlp(m, 2, 3), cfg, str(i)) for i, m in enumerate(models)], data)
    assert [r.diverged_at for r in alone] == [None, None, 4] and splits == [1]
    for a, b in zip(alone, together):
        assert (a.diverged_at, a.reason) == (b.diverged_at, b.reason)
        pd.testing.assert_frame_equal(a.history, b.history, rtol=1e-5)
        pd.testing.assert_frame_equal(a.health, b.health, rtol=1e-5)
        assert all(torch.allclose(p, q, rtol=1e-5, atol=1e-7) for p, q in zip(a.model.parameters(),
                                                                             b.model.parameters()))
    first, second = (dict(r.model.named_parameters()) for r in together[:2])
    with torch.no_grad():  # each model's parameters are views of its own slice
        first["head.bias"].add_(1.0)
    assert not torch.equal(first["head.bias"], second["head.bias"])


def test_what_does_not_stack_runs_one_after_another():
    """LayerNorm and GroupNorm, dropout (masks per model), maxout (its shape) and other modules keep the loop;
    BatchNorm stacks, but only with BatchNorm; twin_runs mixes both and returns the runs in the variants' order."""
    assert stacked.signature(MLP(2, 3)) is not None
    assert stacked.signature(MLP(2, 3, norm="batch")) not in (None, stacked.signature(MLP(2, 3)))
    for kw in ({"norm": "layer"}, {"norm": "group"}, {"dropout": 0.2}, {"activation": "maxout"}):
        assert stacked.signature(MLP(2, 3, **kw)) is None, kw
    assert stacked.signature(torch.nn.Linear(2, 3)) is None
    data = spiral()
    models = {"relu": ModelConfig(width=8), "bn": ModelConfig(width=8, norm="batch"), "tanh":
              ModelConfig(width=8, activation="tanh")}
    runs = twin_runs(lambda v: build_mlp(models[v], 2, 3), list(models), data, TrainConfig(steps=5))
    assert [r.variant for r in runs] == list(models)


def test_batchnorm_models_stacked_keep_their_running_statistics_and_health_records():
    """BatchNorm's batch statistics per variant (side by side as channels), running statistics written back to
    each module, evaluation with them: histories, health records, weights and buffers equal to their own runs."""
    data = spiral()
    model = ModelConfig(width=16, depth=3, activation="tanh", norm="batch", init="normal", init_std=0.5)
    cfgs = [TrainConfig(optimizer="sgd", lr=lr, steps=30, batch_size=32) for lr in (0.05, 0.5)]
    alone = [train(build_mlp(model, 2, 3), data, c, variant=str(i)) for i, c in enumerate(cfgs)]
    together = train_stacked([Job(build_mlp(model, 2, 3), c, str(i)) for i, c in enumerate(cfgs)], data)
    for a, b in zip(alone, together):
        pd.testing.assert_frame_equal(a.history, b.history, rtol=1e-5)
        pd.testing.assert_frame_equal(a.health, b.health, rtol=1e-5)
        assert all(torch.equal(p, q) for p, q in zip(a.model.state_dict().values(), b.model.state_dict().values()))


@pytest.mark.parametrize("fn,cfg", PARTS, ids=[fn.__name__ for fn, _ in PARTS])
def test_a_stack_trained_in_halves_gives_the_whole_stacks_numbers(fn, cfg):
    """Where a second process is free, a stack trains as two (core.parallel.halves in train_many): every frame,
    health records included, equals the one stack's to the bit. Here a spreader that always finds one computes
    the halves one after another in this process."""
    from core import parallel

    split = []

    def two(piece, items, alone):
        split.append(len(items))
        return [piece(*item) for item in items]

    whole = fn(cfg)
    with parallel.spreading(two):
        halved = fn(cfg)
    assert split  # it did split
    for name, frame in whole.items():
        if isinstance(frame, pd.DataFrame):
            keep = [c for c in frame.columns if "seconds" not in c]
            pd.testing.assert_frame_equal(halved[name][keep], frame[keep], check_exact=True, obj=name)
