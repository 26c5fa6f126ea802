"""The BatchNorm page: the lecture's facts on the real code path, the hand-written forward against torch,
determinism, and the page itself (AppTest)."""

import json
import math

import pyarrow
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from core import batchnorm
from tests.conftest import open_page, problems, texts

PAGE = "app_pages/batchnorm.py"


def _inputs(N, D, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = 4.0 + 3.0 * torch.randn(N, D, generator=g)
    gamma, beta = 1 + torch.randn(D, generator=g), torch.randn(D, generator=g)
    return x, gamma, beta, torch.randn(D, generator=g), 0.5 + torch.rand(D, generator=g)


# Facts ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("batch", [32, 256])
def test_train_mode_output_has_zero_mean_and_unit_std(batch):
    f = batchnorm.forward_check(batchnorm.ForwardConfig(batch=batch, d=16))["features"]
    assert f["mean"].abs().max() < 1e-3  # the tolerance; float32 gives ~1e-7
    assert (f["std"] - 1).abs().max() < 1e-3  # biased std, as BatchNorm divides by N (eps=1e-5 shifts it ~1e-6)


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("N,momentum", [(2, 0.1), (64, 0.1), (7, 0.5)])
def test_hand_written_forward_equals_torch(training, N, momentum):
    x, gamma, beta, rm, rv = _inputs(N, 5)
    y, m, v = batchnorm.batchnorm_forward(x, gamma, beta, rm, rv, training=training, momentum=momentum)
    rm_t, rv_t = rm.clone(), rv.clone()
    y_t = F.batch_norm(x, rm_t, rv_t, gamma, beta, training=training, momentum=momentum, eps=batchnorm.EPS)
    torch.testing.assert_close(y, y_t, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(m, rm_t)
    torch.testing.assert_close(v, rv_t)


def test_running_variance_is_unbiased_but_normalization_is_biased():
    x, gamma, beta, rm, rv = _inputs(4, 3)
    _, _, v = batchnorm.batchnorm_forward(x, gamma, beta, rm, rv, training=True)
    torch.testing.assert_close(v, 0.9 * rv + 0.1 * x.var(0, correction=1))  # N - 1 in the running average
    biased = 0.9 * rv + 0.1 * x.var(0, correction=0)
    assert (v - biased).abs().min() > 1e-3  # N = 4: a factor 4/3 apart, so the test can tell them apart
    bn = nn.BatchNorm1d(3, affine=False).train()
    ones, zeros = torch.ones(3), torch.zeros(3)
    y, _, _ = batchnorm.batchnorm_forward(x, ones, zeros, zeros, ones, training=True)
    torch.testing.assert_close(y, bn(x), atol=1e-5, rtol=1e-5)


def test_batch_of_one_is_refused_with_torchs_message():
    message = batchnorm.batch_of_one_error()
    assert "Expected more than 1 value per channel when training" in message
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        batchnorm.batchnorm_forward(torch.ones(1, 3), torch.ones(3), torch.zeros(3), torch.zeros(3), torch.ones(3),
                            training=True)
    out = batchnorm.train_vs_test(batchnorm.TrainTestConfig(steps=10))
    assert out["error"].message.iloc[0] == message


@pytest.mark.parametrize("k", [1, 5, 30])
def test_running_mean_after_k_steps_is_mu_times_one_minus_point_nine_to_the_k(k):
    mu = 3.0
    bn = nn.BatchNorm1d(1)  # PyTorch's default momentum 0.1
    mine = torch.zeros(1)
    for _ in range(k):
        batch = torch.tensor([[mu - 1.0], [mu + 1.0]])  # batch mean exactly mu every step
        bn(batch)
        _, mine, _ = batchnorm.batchnorm_forward(batch, torch.ones(1), torch.zeros(1), mine, torch.ones(1),
                                                 training=True)
    expected = mu * (1 - 0.9 ** k)
    assert bn.running_mean.item() == pytest.approx(expected, rel=1e-5)
    assert mine.item() == pytest.approx(expected, rel=1e-5)
    assert batchnorm.closed_form_running(mu, 1.0, 0.1, k)[0] == pytest.approx(expected, rel=1e-12)


def test_running_average_follows_the_closed_form_and_reaches_the_population():
    cfg = batchnorm.TrainTestConfig(momentum=0.1, steps=200, batch=256, mu=2.0, sigma=1.0)
    running = batchnorm.train_vs_test(cfg)["running"]
    last = running[(running.step == 200) & (running.statistic == "mean")].set_index("source").value
    assert last["closed_form"] == pytest.approx(2.0 * (1 - 0.9 ** 200))
    assert last["running"] == pytest.approx(2.0, abs=0.05)  # batch means of 256 vary by ~0.06; averaged over ~10


def test_eval_output_ignores_batchmates_and_train_output_does_not():
    mates = batchnorm.train_vs_test(batchnorm.TrainTestConfig(batch=4))["batchmates"]
    spread = mates.groupby("mode").output.std()
    assert spread["eval"] < 1e-6  # the same number in every batch
    assert spread["train"] > 0.05  # moves with who else is in the batch


def test_train_eval_gap_shrinks_with_batch_size():
    gap = batchnorm.train_vs_test(batchnorm.TrainTestConfig())["gap"].set_index("batch").gap
    assert gap[2] > 3 * gap[256] and gap.is_monotonic_decreasing


@pytest.mark.parametrize("std", [0.01, 1.0])
def test_batchnorm_keeps_every_tanh_layers_std(std):
    cfg = batchnorm.ActivationsConfig(activation="tanh", init_std=std, depth=10, width=500, batch=500)
    layers = batchnorm.layer_activations(cfg)["layers"].set_index(["variant", "layer"])
    bn = layers.loc["batch"].a_std
    assert (bn - bn[1]).abs().max() < 0.05  # the bar: every layer within 0.05 of the first
    plain = layers.loc["none"]
    if std == 0.01:
        assert plain.a_std[10] < 1e-5  # the slide's collapse without BatchNorm
    else:
        assert plain.saturated[10] > 0.5 and layers.loc["batch"].saturated.max() < 0.05


def test_batchnorm_trains_where_the_plain_network_diverges_or_stalls():
    cells = batchnorm.lr_and_init_grids(batchnorm.GridConfig())["cells"]  # the page's default setup
    assert set(cells[cells.diverged].label) == {"✕"}  # the heatmap's marker
    c = cells.pivot_table(index=["grid", "value"], columns="variant", values="outcome", aggfunc="first")
    lr = c.loc["lr"]
    assert ((lr["batch"] == "trains") & lr["none"].isin(["diverged", "stalls"])).any()
    init = c.loc["init"]
    assert (init["batch"] == "trains").all() and (init["none"] != "trains").sum() >= 2  # less init dependence
    assert cells.final_loss.map(math.isfinite).all()  # finite for the heatmap


def test_the_health_views_run_of_a_grid_is_the_grids_own_run():
    """The grids keep no health record; the view trains the picked run again, recording: the same losses as
    the grid's run, and a record of that run only, one row per hidden layer."""
    cfg = batchnorm.GridConfig(points=2, steps=30, depth=3)
    curves = batchnorm.lr_and_init_grids(cfg)["history"]
    names = batchnorm.grid_run_ids(cfg)
    assert names == [f"{g} {v} · {n}" for g, vs in (("lr", ("0.03", "3")), ("std", ("0.001", "1"))) for v in vs
                     for n in batchnorm.VARIANTS]
    for name, (grid, value) in (("lr 3 · none", ("lr", 3.0)), ("std 0.001 · batch", ("init", 0.001))):
        out = batchnorm.grid_health(batchnorm.GridRun(**vars(cfg), run=name))
        train = out["history"][out["history"].split == "train"]
        grid_curve = curves[(curves.grid == grid) & (curves.value == value) & (curves.variant == name[-5:].strip())]
        assert train.loss.tolist() == grid_curve.loss.tolist(), name
        assert set(out["health"].variant) == {name} and sorted(out["health"].layer.unique()) == [1, 2, 3]


def test_identity_is_recovered_with_gamma_std_and_beta_mean():
    full = batchnorm.restore(batchnorm.RestoreConfig(mix=1.0))["summary"].iloc[0]
    assert full.max_abs_difference < 1e-9  # float64: only rounding is left
    half = batchnorm.restore(batchnorm.RestoreConfig(mix=0.0))
    assert half["summary"].max_abs_difference.iloc[0] > 1.0
    y = half["values"].y
    assert y.mean() == pytest.approx(0, abs=1e-9) and y.std(ddof=0) == pytest.approx(1, abs=1e-3)


def test_learned_gamma_and_beta_move_away_from_their_start():
    out = batchnorm.gamma_beta(batchnorm.GammaConfig(depth=2, width=16, steps=50))
    learned = out["learned"]
    assert set(learned.layer) == {1, 2} and len(learned) == 2 * 2 * 16
    assert (learned[learned.parameter == "gamma"].value - 1).abs().max() > 0.01
    assert set(out["summary"].variant) == {"affine", "no_affine"}


def test_batchnorm_narrows_the_train_validation_loss_gap():
    s = batchnorm.regularization(batchnorm.NoiseConfig())["summary"].set_index("variant")  # the page's default
    assert s.loss_gap["batch"] < s.loss_gap["none"] / 2


def test_layernorm_beats_batchnorm_at_batch_size_four():
    summary = batchnorm.small_batches(batchnorm.NormsConfig(norms=("batch", "layer")))["summary"]
    acc = summary.set_index("variant").val_accuracy
    assert acc["layer"] > acc["batch"] + 0.1


# Determinism ------------------------------------------------------------------------------------------
TINY = {
    "activations": batchnorm.ActivationsConfig(depth=3, width=50, batch=64),
    "grids": batchnorm.GridConfig(points=2, steps=20, depth=2),
    "gamma": batchnorm.GammaConfig(depth=1, width=8, steps=50),
    "traintest": batchnorm.TrainTestConfig(steps=10),
    "noise": batchnorm.NoiseConfig(steps=50),
    "norms": batchnorm.NormsConfig(steps=50, norms=("batch", "group")),
    "forward": batchnorm.ForwardConfig(batch=8, d=2),
}


def test_every_part_but_the_paper_cards_has_a_tiny_config():  # the cards' own tests: tests/test_cards.py
    from core.cards import cards_of

    assert set(TINY) == set(batchnorm.EXPERIMENTS) - set(cards_of("batchnorm"))


@pytest.mark.parametrize("part", list(TINY))
def test_experiments_are_deterministic_and_finite(part):
    fn = batchnorm.EXPERIMENTS[part][0]
    a, b = fn(TINY[part]), fn(TINY[part])
    for key in a:
        timing = [c for c in a[key].columns if c == "seconds"]  # wall-clock time is the one thing that may differ
        assert a[key].drop(columns=timing).equals(b[key].drop(columns=timing)), key
        numbers = a[key].select_dtypes("number")
        assert numbers.notna().all().all() and numbers.abs().lt(float("inf")).all().all(), key


def test_bounds_keep_the_largest_grid_small():
    big = batchnorm.GridConfig(points=10**6, steps=10**6, depth=99)  # clamped by the same validation as the URL
    from core.params import clamp

    fixed = clamp(big)
    assert (fixed.points, fixed.steps, fixed.depth) == (5, 150, 6)


# The page -----------------------------------------------------------------------------------------------
def test_grid_part_renders_from_the_url_in_korean():
    at = open_page(PAGE, part="grids", points="2", steps="40", showlr="0.01", lang="ko")
    assert problems(at) == []
    assert "BatchNorm이 있는 신경망만" in texts(at)
    picks = {p["name"]: p["value"] for c in at.get("vega_lite_chart") for p in params(json.loads(c.proto.spec))
             if p["name"].startswith("pick_")}
    assert picks == {"pick_lr": [{"학습률": 0.03}],  # the grid's value nearest to showlr=0.01
                     "pick_init": [{"초기 표준편차": 0.001}]}  # the default's


def params(spec: dict) -> list[dict]:
    """Every parameter a Vega-Lite spec declares, at any depth (a selection sits on the unit that takes the
    clicks)."""
    found = list(spec.get("params", []))
    for key in ("layer", "vconcat", "hconcat"):
        for child in spec.get(key, []):
            found += params(child)
    return found


def test_a_grid_figure_filters_its_curves_by_the_clicked_cell():
    """Each grid is one figure: a transparent layer over the heatmap's cells holds a point selection on the grid's
    value, and the curves below are filtered by it and name the value shown (the spec draws in Chromium: the
    browser tests open every part); its data holds every row's curves, so a click redraws in the browser. A bad
    showstd gets a note and the default."""
    at = open_page(PAGE, part="grids", points="2", steps="40", showstd="abc")
    assert problems(at) == [] and any("`showstd=abc`" in w.value for w in at.warning)
    figure = next(c.proto for c in at.get("vega_lite_chart")
                  if any(p["name"] == "pick_lr" for p in params(json.loads(c.proto.spec))))
    spec = json.loads(figure.spec)
    (pick,) = params(spec)
    assert pick["value"] == [{"learning rate": 3.0}] and pick["select"]["type"] == "point"
    heat = spec["vconcat"][0]["layer"]
    assert [layer["mark"]["type"] for layer in heat] == ["rect", "text", "rect"]  # cells, numbers, the click
    assert pick["views"] == [heat[2]["name"]]  # on top: a click anywhere in a cell, its number too, picks the row
    curves = spec["vconcat"][1]["layer"]
    assert all("pick_lr" in [f.get("filter", {}).get("param") for f in layer["transform"]] for layer in curves)
    data = next(d.data.data for d in figure.datasets if d.name == curves[0]["data"]["name"])
    rows = pyarrow.ipc.open_stream(data).read_all().to_pandas()
    assert sorted(rows["learning rate"].unique()) == [0.03, 3.0]  # both rows' curves are in the chart


def test_traintest_reads_the_url_and_shows_torchs_error():
    at = open_page(PAGE, part="traintest", batch="128", mom="0.5", lang="ko")
    assert problems(at) == []
    assert "m = 0.5로" in texts(at) and "크기 128의 배치" in texts(at)
    assert any("more than 1 value per channel" in c.value for c in at.code)


def test_default_grid_page_names_the_rate_where_only_batchnorm_trains():
    at = open_page(PAGE, part="grids")
    assert problems(at) == [] and "(loss below half its start): 3." in at.info[0].value
    assert len(at.get("vega_lite_chart")) == 2  # a figure per grid, heatmap over curves (the health view is closed)


@pytest.mark.parametrize("part,preset", [("activations", "large"), ("activations", "relu"), ("traintest", "slow"),
                                         ("traintest", "big")])
def test_presets_apply(part, preset):
    at = open_page(PAGE, part=part)
    before = at.info[0].value
    at.button(key=f"preset_{preset}").click().run()
    assert problems(at) == [] and at.info[0].value != before


def test_bad_url_values_get_a_note():
    at = open_page(PAGE, part="forward", batch="1", eps="abc", d="9999")
    notes = "\n".join(w.value for w in at.warning)
    assert problems(at) == [] and "`batch=1`" in notes and "`eps=abc`" in notes and "`d=9999`" in notes
