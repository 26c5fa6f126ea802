"""Paper cards (core/cards.py): each card's badge is "reproduced" at its defaults and at three other seeds,
decided by the card's own verdict function (the rule is never restated here); the double-descent closed form
is torch.linalg.lstsq's minimum-norm solution; the board and a card render through the real app."""

import dataclasses
import importlib

import pytest
import torch

from core import papers
from core.cards import CARDS, card_part, cards_of
from tests.conftest import open_page, problems
from ui.topics import TOPICS

# The two trained cards take a few seconds a run: their other seeds are `slow` (they still run in CI).
FAST = [cid for cid in CARDS if cid in ("double_descent", "bergstra2012")]
TRAINED = [cid for cid in CARDS if cid not in FAST]


def verdict_at(card_id: str, seed: int | None = None) -> tuple[bool, dict]:
    """The card's verdict on its run (the default config, or with another seed); the badge frame the run
    carries for its script (a card's own part) says the same."""
    card = CARDS[card_id]
    cfg = card.config if seed is None else dataclasses.replace(card.config, seed=seed)
    result = card.experiment(cfg)
    passed, measured = card.judge(result)
    if "badge" in result:
        assert bool(result["badge"].reproduced.iloc[0]) == passed
    return passed, measured


@pytest.mark.parametrize("card_id", list(CARDS))
def test_every_card_is_reproduced_at_its_defaults(card_id):
    passed, measured = verdict_at(card_id)
    assert passed, measured


@pytest.mark.parametrize("card_id", FAST)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_cards_are_reproduced_at_other_seeds(card_id, seed):
    passed, measured = verdict_at(card_id, seed)
    assert passed, (seed, measured)


# The transfer card averages over ten seeds from its `seed` on: its other settings start ten seeds apart, so they
# share none of the default's splits.
OTHER_SEEDS = {"yosinski2014": [10, 20, 30]}


# A trained card's runs are chaotic down to floating-point rounding: the same code, torch and seed end elsewhere on
# another CPU, whose kernels round differently (the He card's 30-layer network at seed 2: He ahead of Xavier by
# 0.25 of training accuracy on an AMD EPYC box, by more than HE_GAP = 0.30 on the box the suite ran on before; at
# seeds 0-11 the EPYC box reproduces the card at 10). A paper's effect at toy scale holds at most seeds, not at
# each: at least MAJORITY of the three other seeds must reproduce it, whichever CPU runs the suite.
MAJORITY = 2


@pytest.mark.slow
@pytest.mark.parametrize("card_id", TRAINED)
def test_trained_cards_are_reproduced_at_most_other_seeds(card_id):
    verdicts = {seed: verdict_at(card_id, seed) for seed in OTHER_SEEDS.get(card_id, [1, 2, 3])}
    assert sum(passed for passed, _ in verdicts.values()) >= MAJORITY, verdicts


def test_a_verdict_can_fail():
    """The badge is not a constant: the He card's verdict on a run where both inits train equally (the deep
    setting as shallow as the shallow one) says "not reproduced"."""
    card = CARDS["he2015"]
    cfg = dataclasses.replace(card.config, deep=16, shallow=2, steps=50, n=150)
    table = card.experiment(cfg)["table"]
    flat = table.assign(train_accuracy=table.groupby("depth").train_accuracy.transform("mean"))
    assert card.judge({"table": flat})[0] is False


def test_transfer_verdict_fails_on_a_small_or_uneven_lead():
    """The transfer card's rule on hand-built tables: a lead of 5 points on every seed is too small; a lead of
    20 points on average that comes from 8 seeds of 10 is too uneven; 12 points on 9 seeds of 10 passes."""
    def rows(leads):
        return [row for seed, lead in enumerate(leads) for row in (
            {"seed": seed, "variant": "scratch", "test_accuracy": 0.6},
            {"seed": seed, "variant": "linear", "test_accuracy": 0.6 + lead})]

    small, uneven, enough = [0.05] * 10, [0.3] * 8 + [-0.1, -0.1], [0.14] * 9 + [-0.06]
    assert papers.transfer_verdict(rows(small))[0] is False
    assert papers.transfer_verdict(rows(uneven))[0] is False and papers.transfer_verdict(rows(uneven))[1]["wins"] == 8
    passed, measured = papers.transfer_verdict(rows(enough))
    assert passed and measured["gap"] == pytest.approx(0.12) and measured["wins"] == 9


@pytest.mark.parametrize("shape", [(40, 12), (40, 40), (40, 150)])  # p < n, p = n, p > n
def test_double_descent_closed_form_is_lstsq_minimum_norm(shape):
    g = torch.Generator().manual_seed(0)
    phi = torch.relu(torch.randn(*shape, generator=g, dtype=torch.float64))
    y = torch.randn(shape[0], 3, generator=g, dtype=torch.float64)
    mine = papers.min_norm_readout(phi, y)
    oracle = torch.linalg.lstsq(phi, y, driver="gelsd").solution  # SVD-based: the minimum-norm solution
    torch.testing.assert_close(mine, oracle, rtol=1e-6, atol=1e-8)


def test_double_descent_interpolates_beyond_n():
    """Past p = n the readout fits the training targets exactly (the interpolation regime)."""
    g = torch.Generator().manual_seed(1)
    x = torch.randn(30, 8, generator=g, dtype=torch.float64)
    phi = torch.relu(x @ papers.relu_features(x, 90, g))
    y = torch.randn(30, 2, generator=g, dtype=torch.float64)
    torch.testing.assert_close(phi @ papers.min_norm_readout(phi, y), y)


def test_cards_are_parts_of_their_pages_in_order():
    for topic in TOPICS:
        experiments = importlib.import_module(f"core.{topic.scope}").EXPERIMENTS
        own = list(cards_of(topic.scope))
        assert list(experiments)[len(experiments) - len(own):] == own
    linked = [cid for cid, c in CARDS.items() if c.part is not None]
    for cid in linked:  # a linked card names an existing part of its page
        assert card_part(cid) in importlib.import_module(f"core.{CARDS[cid].scope}").EXPERIMENTS


def test_home_board_shows_each_computed_card_with_its_badge():
    """The board reads the shared result cache: the fast cards, computed here, show the badge their verdict
    gives; a card not computed yet says so (the warm-up thread may have filled some meanwhile)."""
    from ui import cache

    for cid in FAST:
        cache.compute(CARDS[cid].experiment, CARDS[cid].config)
    at = open_page(None, timeout=120)
    assert problems(at) == []
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    pending = [c.value for c in at.caption if c.value.startswith("not run yet")]
    assert len(badges) + len(pending) == len(CARDS) and len(badges) >= len(FAST)
    assert all(":green-badge[" in b for b in badges), badges
    links = [p for p in at.get("page_link")]
    assert len(links) >= len(TOPICS) + len(CARDS)


def test_power_iteration_sharpness_is_the_full_hessians_largest_eigenvalue():
    """On a network small enough to form its Hessian (2 -> 6 -> 3, 39 parameters), power iteration with
    Hessian-vector products finds torch.linalg.eigvalsh's largest eigenvalue, to 1% (also after some steps of
    gradient descent, where the card measures it)."""
    from torch.func import functional_call

    from core.models import ModelConfig, build_mlp

    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(40, 2, generator=g), torch.nn.functional.one_hot(torch.randint(3, (40,), generator=g)).float()
    model = build_mlp(ModelConfig(width=6, depth=1, activation="tanh", init="xavier_normal", seed=0), 2, 3)
    names = [n for n, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]

    def loss_of(flat):
        pieces = torch.split(flat, [s.numel() for s in shapes])
        params = {n: p.reshape(s) for n, p, s in zip(names, pieces, shapes)}
        return 0.5 * (functional_call(model, params, (x,)) - y).square().sum(1).mean()

    for _ in range(2):
        flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
        hessian = torch.autograd.functional.hessian(loss_of, flat)
        top = torch.linalg.eigvalsh(hessian).max().item()
        v = torch.randn(flat.numel(), generator=g)
        value, _ = papers.sharpness(model, lambda: papers.squared_loss(model, x, y), v / v.norm(), 300)
        assert value == pytest.approx(top, rel=0.01)
        papers.edge_of_stability_rows(model, x, y, 0.5, 50, 50, 1, 0)  # 50 steps of gradient descent


@pytest.mark.parametrize("rule", ["adam_l2", "adamw"])
def test_grid_adam_step_is_torchs_adam_with_l2_and_the_papers_decoupled_decay(rule):
    """One copy of papers.adam_step against torch.optim: Adam(weight_decay=l2) for Adam + L2; for AdamW the
    paper's w <- w - decay * w, which is torch's AdamW with weight_decay = decay / lr (torch scales it by lr)."""
    g = torch.Generator().manual_seed(0)
    w0, target = torch.randn(4, 3, generator=g), torch.randn(4, 3, generator=g)
    lr, lam = 0.01, 0.003
    mine = {"w": w0[None].clone().requires_grad_(True)}
    theirs = w0.clone().requires_grad_(True)
    opt = torch.optim.Adam([theirs], lr=lr, weight_decay=lam) if rule == "adam_l2" else \
        torch.optim.AdamW([theirs], lr=lr, weight_decay=lam / lr)
    l2, decay = (torch.tensor([lam]), torch.tensor([0.0]))[:: 1 if rule == "adam_l2" else -1]
    state = {}
    for step in range(1, 8):
        (mine["w"][0] - target).pow(4).sum().backward()
        papers.adam_step(mine, state, step, torch.tensor([lr]), l2, decay)
        opt.zero_grad()
        (theirs - target).pow(4).sum().backward()
        opt.step()
    torch.testing.assert_close(mine["w"][0].detach(), theirs.detach(), rtol=1e-5, atol=1e-6)


def test_grid_mlp_is_a_batchnorm_mlp_per_copy():
    """grid_forward's copy k is torch's Linear -> BatchNorm1d -> ReLU -> Linear with the same weights, in
    training (batch statistics, running averages updated) and in evaluation (running averages)."""
    params, buffers = papers.grid_mlp([5, 7, 3], 2, seed=0)
    net = torch.nn.Sequential(torch.nn.Linear(5, 7, bias=False), torch.nn.BatchNorm1d(7), torch.nn.ReLU(),
                              torch.nn.Linear(7, 3))
    with torch.no_grad():
        net[0].weight.copy_(params["w0"][1].T)
        net[3].weight.copy_(params["w1"][1].T)
        net[3].bias.copy_(params["b1"][1, 0])
    x = torch.randn(16, 5, generator=torch.Generator().manual_seed(1))
    torch.testing.assert_close(papers.grid_forward(params, buffers, x, True)[1], net.train()(x))
    torch.testing.assert_close(buffers["var0"][1, 0], net[1].running_var)
    torch.testing.assert_close(papers.grid_forward(params, buffers, x, False)[1], net.eval()(x))


def test_adamw_verdict_fails_when_both_best_decays_move_alike():
    """The AdamW card's rule on hand-built grids: the best decay on the same diagonal for both optimizers
    (one grid step per learning rate) is not reproduced; AdamW's staying put while Adam + L2's moves is."""
    def rows(best_index):
        return [{"variant": name, "lr": lr, "decay": decay, "val_accuracy": 0.9 if j == best_index[name](i) else 0.8}
                for name in ("adam_l2", "adamw") for i, lr in enumerate((1e-3, 3e-3, 1e-2))
                for j, decay in enumerate((1e-4, 3e-4, 1e-3, 3e-3, 1e-2))]

    diagonal = {"adam_l2": lambda i: 3 - i, "adamw": lambda i: 3 - i}
    assert papers.adamw_verdict(rows(diagonal))[0] is False
    separable = {"adam_l2": lambda i: 3 - i, "adamw": lambda i: 2}
    passed, measured = papers.adamw_verdict(rows(separable))
    assert passed and measured["shift_adamw"] == 0 and measured["shift_l2"] == pytest.approx(1.0)


@pytest.mark.parametrize("name,korean", [("random_labels · train", "무작위 레이블 · 학습"),
                                         ("adam_l2 · lr 0.001", "Adam + L2 · 학습률 0.001"),
                                         ("kaiming_normal · layers 30", "Kaiming/He 정규분포 · 30층"),
                                         ("plain · lr 10", "평범한 신경망 · 학습률 10"), ("scratch", "처음부터 학습")])
def test_card_legends_are_translated_piece_by_piece(name, korean, monkeypatch):
    """A card's combined series name ('random_labels · train') reads in Korean piece by piece from the catalog,
    not the English fallback; the names the lectures keep in Latin (Kaiming/He, Adam, L2) stay."""
    import streamlit as st

    from ui.options import legend_label as legend

    monkeypatch.setitem(st.session_state, "lang", "ko")
    assert legend(name) == korean
    monkeypatch.setitem(st.session_state, "lang", "en")
    assert legend(name) != korean
