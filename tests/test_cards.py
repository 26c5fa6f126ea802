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


@pytest.mark.slow
@pytest.mark.parametrize("card_id", TRAINED)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_trained_cards_are_reproduced_at_other_seeds(card_id, seed):
    passed, measured = verdict_at(card_id, seed)
    assert passed, (seed, measured)


def test_a_verdict_can_fail():
    """The badge is not a constant: the He card's verdict on a run where both inits train equally (the deep
    setting as shallow as the shallow one) says "not reproduced"."""
    card = CARDS["he2015"]
    cfg = dataclasses.replace(card.config, deep=16, shallow=2, steps=50, n=150)
    table = card.experiment(cfg)["table"]
    flat = table.assign(train_accuracy=table.groupby("depth").train_accuracy.transform("mean"))
    assert card.judge({"table": flat})[0] is False


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
