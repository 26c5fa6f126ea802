"""Issue 19: an optimizer's parameters in one flat tensor per group (core.flat) step in one call per update and give
every number they gave before: runs of every optimizer, parameter groups, parameters a step leaves out, stacks,
and every part's frames."""

from __future__ import annotations

import pandas as pd
import pytest
import torch
from torch import nn

import core.flat
from core.data import DataConfig, make_dataset
from core.models import ModelConfig, build_mlp
from core.plain import OPTIMIZERS
from core.train import Job, TrainConfig, train, train_stacked
from tests.parts import assert_same_frames, every_part, experiment


def spiral():
    return make_dataset(DataConfig(n=150))


def owned(params) -> bool:
    """Every parameter holds storage of its own, no more (core.flat.own_storage)."""
    return all(p.untyped_storage().nbytes() == p.numel() * p.element_size() for p in params)


@pytest.fixture
def flattened_sizes(monkeypatch) -> list:
    """The number of parameters each core.flat.flatten call put in one tensor."""
    sizes = []
    original = core.flat.flatten
    monkeypatch.setattr(core.flat, "flatten", lambda params: sizes.append(len(params)) or original(params))
    return sizes


def run(flat: bool, monkeypatch, build, cfg, **kw):
    monkeypatch.setattr(core.flat, "FLAT", flat)
    return train(build(), spiral(), cfg, **kw)


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_each_optimizer_gives_the_same_run_with_its_parameters_flat(optimizer, monkeypatch, flattened_sizes):
    """A 3-layer MLP, 40 minibatch steps with weight decay and momentum where the optimizer has them: its 8
    parameters trained as one tensor, and history, health record and final parameters equal to the bit; after the
    run each parameter owns its storage again."""
    build = lambda: build_mlp(ModelConfig(width=16, depth=3, activation="tanh", init="xavier_normal"), 2, 3)  # noqa
    cfg = TrainConfig(optimizer=optimizer, lr=0.01, momentum=0.9, weight_decay=0.01, steps=40, batch_size=32)
    loose, flat = (run(f, monkeypatch, build, cfg) for f in (False, True))
    assert flattened_sizes == [8] and owned(flat.model.parameters())
    pd.testing.assert_frame_equal(loose.history, flat.history, check_exact=True)
    pd.testing.assert_frame_equal(loose.health, flat.health, check_exact=True)
    assert all(torch.equal(p, q) for p, q in zip(loose.model.parameters(), flat.model.parameters()))


class Unused(nn.Module):
    """An MLP beside a layer its forward never uses: no step gives that layer a gradient."""

    def __init__(self):
        super().__init__()
        self.mlp = build_mlp(ModelConfig(width=8), 2, 3)
        self.spare = nn.Linear(3, 3)

    def forward(self, x):
        return self.mlp(x)


def test_a_parameter_no_step_reaches_stays_out_and_is_never_moved(monkeypatch, flattened_sizes):
    """Adam with weight decay would move a parameter whose gradient is 0; one with no gradient at the first step
    stays out of the flat tensor, keeps a gradient of None, and is skipped as before."""
    cfg = TrainConfig(optimizer="adam", lr=0.01, weight_decay=0.1, steps=20)
    torch.manual_seed(0)
    first = Unused()
    spare = first.spare.weight.detach().clone()
    monkeypatch.setattr(core.flat, "FLAT", True)
    flat = train(first, spiral(), cfg)
    torch.manual_seed(0)
    monkeypatch.setattr(core.flat, "FLAT", False)
    loose = train(Unused(), spiral(), cfg)
    assert torch.equal(flat.model.spare.weight, spare) and flat.model.spare.weight.grad is None
    assert flattened_sizes == [len(list(flat.model.mlp.parameters()))]
    pd.testing.assert_frame_equal(loose.history, flat.history, check_exact=True)


def test_modules_that_skip_steps_keep_their_parameters_out():
    """Stochastic depth's blocks (SKIPS_STEPS) stay out of the flat tensor, the rest of the model goes in."""
    from core.regularization import ResidualMLP

    model = ResidualMLP(4, 8, 3, 2, 0.5, 0)
    skipped = core.flat.skipping(model)
    assert skipped == {id(p) for block in model.blocks for p in block.parameters()}
    for p in model.parameters():
        p.grad = torch.zeros_like(p)
    opt, _ = core.flat.flattened(torch.optim.SGD(model.parameters(), lr=0.1, foreach=True), skipped)
    params = opt.param_groups[0]["params"]
    assert params[0].numel() == sum(p.numel() for p in model.parameters() if id(p) not in skipped)
    assert {id(p) for p in params[1:]} == skipped


def test_parameter_groups_keep_their_settings_and_order():
    """Two groups with their own learning rates (a backbone's smaller one): one flat tensor each, in order, each
    parameter a view of its group's tensor holding its values."""
    torch.manual_seed(0)
    backbone, head = nn.Linear(4, 4), nn.Linear(4, 2)
    before = [p.detach().clone() for p in (*backbone.parameters(), *head.parameters())]
    for p in (*backbone.parameters(), *head.parameters()):
        p.grad = torch.ones_like(p)
    opt = OPTIMIZERS["adam"]([{"params": backbone.parameters(), "lr": 1e-3}, {"params": head.parameters()}], lr=1e-2)
    flat, zero_grad = core.flat.flattened(opt)
    assert [g["lr"] for g in flat.param_groups] == [1e-3, 1e-2]
    assert [[p.numel() for p in g["params"]] for g in flat.param_groups] == [[20], [10]]
    assert all(torch.equal(p, q) for p, q in zip((*backbone.parameters(), *head.parameters()), before))
    zero_grad()
    assert all(p.grad is not None and not p.grad.any() for p in backbone.parameters())


def test_nothing_changes_without_it_or_with_nothing_to_gain(monkeypatch):
    """FLAT off, or groups of one tensor each: the optimizer is the same object."""
    w = nn.Parameter(torch.ones(3))
    w.grad = torch.ones(3)
    single = torch.optim.SGD([w], lr=0.1)
    assert core.flat.flattened(single)[0] is single
    layer = nn.Linear(2, 2)
    for p in layer.parameters():
        p.grad = torch.zeros_like(p)
    opt = torch.optim.SGD(layer.parameters(), lr=0.1)
    monkeypatch.setattr(core.flat, "FLAT", False)
    assert core.flat.flattened(opt)[0] is opt


def test_a_stack_shares_one_flat_optimizer_and_splits_it_when_a_run_stops(monkeypatch):
    """Three inits under one momentum setting, the widest diverging at step 4: the stack's leaves are one flat
    tensor while all train, the two that go on take their slices of its momentum, and every number equals the same
    stack trained with its leaves apart."""
    cfg = TrainConfig(optimizer="momentum", lr=0.7, steps=60)
    models = [ModelConfig(width=16, depth=3, activation="relu", init="normal", init_std=s) for s in (0.3, 1.0, 1.5)]
    runs = {}
    for flat in (False, True):
        monkeypatch.setattr(core.flat, "FLAT", flat)
        runs[flat] = train_stacked([Job(build_mlp(m, 2, 3), cfg, str(i)) for i, m in enumerate(models)], spiral())
    assert [r.diverged_at for r in runs[True]] == [None, None, 4]
    for a, b in zip(runs[False], runs[True]):
        pd.testing.assert_frame_equal(a.history, b.history, check_exact=True)
        pd.testing.assert_frame_equal(a.health, b.health, check_exact=True)
        assert all(torch.equal(p, q) for p, q in zip(a.model.parameters(), b.model.parameters()))


@pytest.mark.parametrize("scope,part", every_part())
def test_every_part_gives_the_same_frames_with_flat_parameters(scope, part, monkeypatch):
    """Each part at its defaults with and without flat parameters: every frame equal to the bit, but for timings."""
    fn, cfg = experiment(scope, part)
    monkeypatch.setattr(core.flat, "FLAT", False)
    loose = fn(cfg)
    monkeypatch.setattr(core.flat, "FLAT", True)
    assert_same_frames(fn(cfg), loose)


def test_a_trained_model_pickles_to_its_own_size_alone_or_from_a_stack():
    """Runs travel between worker processes pickled, and pickle saves a view's whole storage once per parameter:
    a model trained alone (its parameters views of one flat tensor) or in a stack (views of the stack's) pickles to
    about its own parameters' bytes once training is over, not to the flat tensor's or the stack's."""
    import pickle

    data, cfg = spiral(), TrainConfig(optimizer="adam", lr=0.01, steps=5)
    model = ModelConfig(width=32, depth=3)
    alone = train(build_mlp(model, 2, 3), data, cfg).model
    stacked = [r.model for r in train_stacked([Job(build_mlp(model, 2, 3), cfg, str(i)) for i in range(8)], data)]
    own_bytes = sum(p.numel() * p.element_size() for p in alone.parameters())
    for trained in (alone, *stacked):
        assert owned(trained.parameters())
        assert len(pickle.dumps(trained)) < 1.5 * own_bytes + 20_000

