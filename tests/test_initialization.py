"""The Initialization page's experiments, on the real code path (engine MLP, inits, training loop)."""

import dataclasses
import math
from urllib.parse import parse_qsl

import pandas as pd
import pytest
import torch

from core import initialization as I
from core.nn import Act
from core.plain import INITS
from tests.conftest import open_page, problems, texts

PAGE = "app_pages/initialization.py"


@pytest.fixture(scope="module")
def slides():
    """The slides' five runs on the lecture's stack: 10 layers x 500 units, 1,000 unit-Gaussian inputs, no bias."""
    base = I.StackConfig()
    assert (base.depth, base.width, base.batch) == (10, 500, 1000)
    return {name: I.stack(dataclasses.replace(base, **values))["layers"] for name, values in I.SLIDES.items()}


# The facts of the issue -------------------------------------------------------------------------
def test_tanh_small_weights_shrink_the_signal_by_0_22_per_layer(slides):
    std = slides["tanh_small"]["std"]
    expected = 0.01 * math.sqrt(500)  # each z sums 500 terms of std 0.01 * std(a); tanh(z) ~ z for small z
    ratios = (std.iloc[1:].values / std.iloc[:-1].values)
    assert ratios == pytest.approx([expected] * 9, rel=0.05)  # within 5% of 0.224 at every layer
    assert std.iloc[-1] < 1e-5


def test_tanh_unit_weights_saturate_over_85_percent_in_every_layer(slides):
    assert (slides["tanh_large"].saturated > 0.85).all()


def test_tanh_xavier_keeps_a_usable_signal(slides):
    assert slides["tanh_xavier"]["std"].iloc[-1] > 0.1


def test_relu_xavier_halves_the_variance_and_he_keeps_it(slides):
    xavier, he = slides["relu_xavier"]["std"], slides["relu_he"]["std"]
    assert xavier.iloc[-1] / xavier.iloc[0] < 0.1  # (1/sqrt 2)^9 = 0.044 in theory
    assert 0.8 <= he.iloc[-1] / he.iloc[0] <= 1.25


@pytest.mark.parametrize("activation,value", [("tanh", 0.0), ("relu", 0.0), ("sigmoid", 0.0), ("tanh", 0.1)])
def test_equal_weights_keep_every_unit_a_copy(activation, value):
    out = I.zero_init(I.ZeroConfig(activation=activation, value=value, steps=60, width=32, checkpoints=6))
    spread = out["spread"]
    equal, random = spread[spread.variant == "equal"], spread[spread.variant == "random"]
    assert (equal.spread == 0).all() and equal.step.max() == 60  # exactly identical, at every checkpoint
    assert (random.spread > 0.1).all()
    loss = out["summary"].set_index("variant").train_loss
    assert loss["equal"] > loss["random"]  # a layer of copies learns less than a layer of different units
    if value == 0 and activation in ("tanh", "relu"):  # f(0) = 0: the hidden weights get exactly zero gradient
        assert (equal.moved == 0).all()
    if value != 0:  # here the units do move, but in lockstep
        assert equal.moved.max() > 0


def test_relu_with_zero_weights_has_exactly_zero_gradient():
    df = I.gradients(I.GradientConfig(activation="relu", init="zero", depth=4, width=50, batch=100))
    assert (df[["act_grad_std", "weight_grad_std", "update_ratio"]] == 0).all().all()


# Gradients ---------------------------------------------------------------------------------------
def test_tanh_unit_weights_grow_the_weight_gradients_towards_the_input():
    df = I.gradients(dataclasses.replace(I.GradientConfig(), **I.SLIDES["tanh_large"]))
    w = df.weight_grad_std
    assert (w.diff().dropna() < 0).all()  # every layer's dL/dW is larger than the next one's
    assert w.iloc[0] > 100 * w.iloc[-1]


def test_update_ratio_is_tiny_for_small_weights_and_near_1e_3_for_he():
    small = I.gradients(I.GradientConfig())
    he = I.gradients(dataclasses.replace(I.GradientConfig(), **I.SLIDES["relu_he"]))
    assert small.update_ratio.max() < 1e-6
    assert 1e-4 < he.update_ratio.median() < 1e-2  # the lecture's rule of thumb, at the default lr 0.01


def test_update_ratio_matches_lr_times_gradient_norm():
    """Oracle: after one plain SGD step, ||dW|| / ||W|| = lr * ||grad|| / ||W||, recomputed by hand."""
    cfg = I.GradientConfig(activation="tanh", init="xavier_normal", depth=3, width=40, batch=64, sgd_lr=0.1)
    df = I.gradients(cfg)
    model, x = I.build_stack(cfg)
    torch.nn.functional.cross_entropy(model(x), I.random_labels(cfg.batch, cfg.seed)).backward()
    by_hand = [(cfg.sgd_lr * lin.weight.grad.norm() / lin.weight.norm()).item() for lin in model.weights()]
    assert df.update_ratio.tolist() == pytest.approx(by_hand, rel=1e-4)
    assert df.weight_grad_std.tolist() == pytest.approx([lin.weight.grad.std().item() for lin in model.weights()],
                                                        rel=1e-5)


# Hand-written measures ---------------------------------------------------------------------------
def test_unit_spread_is_the_largest_pairwise_difference():
    w = torch.randn(7, 5, generator=torch.Generator().manual_seed(1))
    brute = max((w[i] - w[k]).abs().max().item() for i in range(7) for k in range(7))
    assert I.unit_spread(w) == pytest.approx(brute)
    assert I.unit_spread(torch.ones(4, 3) * 0.3) == 0


def test_saturated_and_dead_follow_their_definitions():
    z = torch.tensor([[-5.0, 0.1, 3.0], [-1.0, -0.2, 2.5]])
    tanh = I.saturated_values(Act("tanh"), z, torch.tanh(z))
    assert tanh.tolist() == (torch.tanh(z).abs() > 0.99).tolist()
    sigmoid = I.saturated_values(Act("sigmoid"), z, torch.sigmoid(z))  # within 1% of (0, 1)'s ends
    assert sigmoid.tolist() == ((torch.sigmoid(z) < 0.005) | (torch.sigmoid(z) > 0.995)).tolist()
    relu = I.saturated_values(Act("relu"), z, torch.relu(z))  # unbounded: |f'(z)| < 0.01
    assert relu.tolist() == (z <= 0).tolist()
    assert I.dead_units(Act("relu"), z).tolist() == [True, False, False]  # unit 1 is off for both inputs
    assert I.dead_units(Act("tanh"), z).tolist() == [False, False, False]


def test_geometric_mean_of_ratios():
    assert I.geometric_mean(pd.Series([2.0, 8.0]), pd.Series([1.0, 1.0])) == pytest.approx(4.0)
    assert I.geometric_mean(pd.Series([0.0, 8.0]), pd.Series([1.0, 1.0])) == 0.0
    assert I.geometric_mean(pd.Series([], dtype=float), pd.Series([], dtype=float)) == 1.0


# The variance rule -------------------------------------------------------------------------------
def test_variance_rule_holds_and_he_doubles_xavier():
    cfg = I.VarianceConfig(activation="relu", inits=("normal", "xavier_normal", "kaiming_normal", "lsuv"),
                           std=0.05, width=300, depth=6)
    r = I.variance(cfg)["readout"].set_index("init")
    assert r.n_in_var_w["normal"] == pytest.approx(300 * 0.05 ** 2, rel=0.05)
    assert r.n_in_var_w["kaiming_normal"] == pytest.approx(2 * r.n_in_var_w["xavier_normal"], rel=0.05)
    for init in ("normal", "xavier_normal", "kaiming_normal"):  # the formula, measured layer by layer
        assert r.rule[init] == pytest.approx(r.n_in_var_w[init], rel=0.05)
        assert r.kept_by_f[init] == pytest.approx(0.5, abs=0.03)  # ReLU keeps half of E[z^2]
    assert r.verdict.to_dict() == {"normal": "shrinks", "xavier_normal": "shrinks", "kaiming_normal": "keeps",
                                   "lsuv": "keeps"}
    assert r.factor["lsuv"] == pytest.approx(1.0, abs=0.01)  # LSUV scales every layer to unit variance


# Training ----------------------------------------------------------------------------------------
def test_small_init_never_starts_learning_but_xavier_and_he_do():
    s = I.training(I.TrainingConfig())["summary"].set_index("variant")
    assert s.learned.to_dict() == {"normal": False, "xavier_normal": True, "kaiming_normal": True}
    assert s.train_loss["normal"] == pytest.approx(math.log(3), rel=0.01)  # stuck at chance for 3 classes
    assert s.val_accuracy["kaiming_normal"] > 0.9


def test_training_records_every_layers_health():
    out = I.training(I.TrainingConfig(inits=("normal", "kaiming_normal"), steps=20, width=16, depth=3))
    health = out["health"]
    assert set(health.variant) == {"normal", "kaiming_normal"} and set(health.layer) == {1, 2, 3}
    assert set(out["histograms"].variant) == set(health.variant) and health.step.min() == 0


# Every option, tiny: finite frames and determinism -----------------------------------------------
@pytest.mark.parametrize("init", list(INITS))
@pytest.mark.parametrize("activation", ["tanh", "relu", "maxout"])
def test_every_init_gives_finite_frames(init, activation):
    cfg = I.GradientConfig(activation=activation, init=init, std=1.0, depth=3, width=20, batch=32, samples=10)
    out = I.stack(cfg)
    frames = [out["layers"], out["values"], I.gradients(cfg)]
    assert all(f.select_dtypes("number").map(math.isfinite).all().all() for f in frames)
    assert len(out["values"]) == 3 * 10


def test_same_config_same_frames():
    cfg = I.ZeroConfig(value=0.1, steps=20, width=8, checkpoints=4)
    a, b = I.zero_init(cfg), I.zero_init(cfg)
    assert all(a[k].equals(b[k]) for k in ("spread", "history"))
    s = I.StackConfig(depth=3, width=30, batch=50, samples=20)
    assert I.stack(s)["values"].equals(I.stack(s)["values"])


# The page ----------------------------------------------------------------------------------------
def test_default_notice_reports_the_collapse():
    at = open_page(PAGE)
    assert problems(at) == [] and "a factor of 0.22 per layer" in at.info[0].value


def test_page_reads_the_url_and_speaks_korean():
    at = open_page(PAGE, part="gradients", act="tanh", std="1", lang="ko")
    assert problems(at) == []
    assert "가중치 그래디언트가 입력 쪽으로 갈수록 커집니다" in texts(at)


def test_preset_links_reproduce_the_slides():
    at = open_page(PAGE)
    links = [m.value for m in at.markdown if ":material/link:" in m.value]
    assert len(links) == len(I.SLIDES)
    for link, (name, values) in zip(links, I.SLIDES.items()):
        query = dict(parse_qsl(link[link.index("(?") + 2:-1]))
        if name == "tanh_small":  # the default settings: its link carries nothing (and the default test ran it)
            assert set(query) <= {"lang"}
            continue
        page = open_page(PAGE, **query)
        assert problems(page) == [] and len(page.info) == 1, name
        assert page.selectbox(key="act").value == values["activation"], name
        assert page.selectbox(key="init").value == values["init"], name
        if "std" in values:
            assert page.select_slider(key="std").value == values["std"], name


@pytest.mark.parametrize("part,prefix,activations", [("zero", "z", ["tanh", "relu", "sigmoid", "tanh"]),
                                                     ("training", "t", ["tanh", "tanh", "relu"])])
def test_other_preset_links_open_cleanly(part, prefix, activations):
    at = open_page(PAGE, part=part)
    links = [m.value for m in at.markdown if ":material/link:" in m.value]
    assert len(links) == len(activations)
    for link, activation in zip(links[1:], activations[1:]):  # the first preset is the part's default
        page = open_page(PAGE, **dict(parse_qsl(link[link.index("(?") + 2:-1])))
        assert problems(page) == [] and len(page.info) == 1, link
        assert page.selectbox(key=prefix + "act").value == activation, link


def test_switching_parts_keeps_each_parts_own_settings():
    at = open_page(PAGE)
    at.slider(key="width").set_value(300).run()
    for part in ("zero", "variance", "training", "ladder", "stack"):
        at.segmented_control(key="_part").set_value(part).run()
        assert problems(at) == [] and len(at.info) == 1, part
    assert at.slider(key="width").value == 300 and at.slider(key="depth").value == 10  # the stack, untouched


# The ladder of fixes (the facts are in tests/test_ladder.py) ---------------------------------------------
def test_ladder_page_reads_the_url_and_speaks_korean():
    at = open_page(PAGE, part="ladder", lrungs=["0 · naive N(0, 1)", "2 · hidden weights x0.1"], lsteps="50", lang="ko")
    assert problems(at) == [] and len(at.info) == 1
    assert at.multiselect(key="lrungs").value == ["0_naive", "2_small_hidden"]
    assert "0단계 손실" in at.info[0].value and "은(는)" not in texts(at)
    assert "2 · + 은닉층 × 0.1" in at.info[0].value  # the rung's name in the notice, from this run


def test_ladder_preset_links_open_cleanly():
    at = open_page(PAGE, part="ladder")
    links = [m.value for m in at.markdown if ":material/link:" in m.value]
    assert len(links) == len(I.LADDER_PRESETS)
    for link, (name, values) in list(zip(links, I.LADDER_PRESETS.items()))[1:]:  # the first is the default
        query: dict[str, list[str]] = {}
        for key, value in parse_qsl(link[link.index("(?") + 2:-1]):
            query.setdefault(key, []).append(value)  # lrungs repeats, one per rung
        page = open_page(PAGE, **query)
        assert problems(page) == [] and len(page.info) == 1, name
        assert tuple(page.multiselect(key="lrungs").value) == values.get("rungs", tuple(I.RUNGS)), name
        assert page.selectbox(key="lopt").value == values.get("optimizer", "sgd"), name


def test_ladder_asks_which_rung_starts_at_chance():
    at = open_page(PAGE, part="ladder", lrungs=["0 · naive N(0, 1)", "3 · Kaiming, gain 5/3"])
    question = next(m.value for m in at.markdown if m.value.startswith("**Question:**"))
    assert question.endswith("**3 · × 0.1 → Kaiming**")  # the first shown rung within 0.15 of ln 10
    only_naive = open_page(PAGE, part="ladder", lrungs="0 · naive N(0, 1)", lsteps="50")
    assert any(m.value.endswith("**none of the rungs shown**") for m in only_naive.markdown)
    assert "No rung shown starts within 0.15 of ln C." in only_naive.info[0].value
