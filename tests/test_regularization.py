"""The Regularization page's facts, on the real code path, plus oracles for the hand-written layers."""

import math

import pytest
import torch
import torch.nn.functional as F

from core import regularization
from core.data import data_settings, load_data
from core.nn import SeededDropout
from tests.conftest import open_page, problems, texts

N = 100_000  # elements for rate checks: the std of a measured rate is at most 0.5/sqrt(N) = 0.0016


@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_dropout_train_mode_drops_p_and_scales_survivors(p):
    layer = SeededDropout(p, torch.Generator().manual_seed(0)).train()
    out = layer(torch.ones(N))
    assert abs((out == 0).float().mean().item() - p) < 0.01
    assert torch.allclose(out[out != 0], torch.full_like(out[out != 0], 1 / (1 - p)))
    oracle = F.dropout(torch.ones(N), p, training=True)  # torch's own inverted dropout scales the same way
    assert torch.allclose(oracle[oracle != 0].unique(), out[out != 0].unique())


def test_dropout_eval_mode_is_identity_and_deterministic():
    layer = SeededDropout(0.5, torch.Generator().manual_seed(0)).eval()
    x = torch.randn(1000)
    assert torch.equal(layer(x), x) and torch.equal(layer(x), layer(x))


@pytest.mark.parametrize("p", [0.3, 0.7])
def test_mean_of_train_passes_is_the_eval_output_and_forgetting_the_scale_is_off_by_1_minus_p(p):
    x = torch.rand(64) + 0.5
    w = torch.randn(8, 64, generator=torch.Generator().manual_seed(1))
    errors = []
    for passes in (100, 10_000):
        g = torch.Generator().manual_seed(2)
        inverted = SeededDropout(p, g).train()(x.repeat(passes, 1)) @ w.T
        unscaled = regularization.UnscaledDropout(p, g).train()(x.repeat(passes, 1)) @ w.T
        # std of one output over passes is at most ||w_row|| |x|max sqrt(p/(1-p)); allow 5 standard errors
        tolerance = 5 * w.norm(dim=1).max() * x.max() * math.sqrt(p / (1 - p) / passes)
        errors.append((inverted.mean(0) - w @ x).abs().max().item())
        assert errors[-1] < tolerance
        assert (unscaled.mean(0) - (1 - p) * (w @ x)).abs().max() < tolerance * (1 - p)
        assert (unscaled.mean(0) - w @ x).abs().max() > 0.5 * p * (w @ x).abs().max()
    assert errors[1] < errors[0]


def test_inference_experiment_shows_the_factor():
    out = regularization.dropout_inference(regularization.InferenceConfig(p=0.5, passes=2000))
    c = out["compare"][out["compare"].quantity == "hidden mean"].set_index("scaling").ratio
    assert c["inverted"] == pytest.approx(1.0, abs=0.03)
    assert c["forgot to scale"] == pytest.approx(0.5, abs=0.03)
    assert set(out["uncertainty"].outcome) == {"correct", "wrong"}


def test_dropconnect_drops_weights_at_rate_p_and_is_the_plain_layer_at_eval():
    p = 0.4
    layer = regularization.DropConnectLinear(400, 250, p, torch.Generator().manual_seed(0))  # 1e5 weights
    x = torch.randn(3, 400)
    layer.train()(x)
    assert abs(1 - layer.last_mask.float().mean().item() - p) < 0.01
    layer.eval()
    assert torch.allclose(layer(x), F.linear(x, layer.weight, layer.bias)) and torch.equal(layer(x), layer(x))
    layer = regularization.DropConnectLinear(20, 10, p, torch.Generator().manual_seed(0)).train()
    x1 = torch.randn(1, 20)
    passes = torch.stack([layer(x1)[0] for _ in range(3000)])
    spread = passes.std(0).max().item() / math.sqrt(3000)
    assert (passes.mean(0) - F.linear(x1, layer.weight, layer.bias)[0]).abs().max() < 5 * spread


def test_stochastic_depth_survival_decays_linearly():
    survival = regularization.survival
    assert survival(0, 8, 0.5) == 1 and survival(8, 8, 0.5) == 0.5 and survival(4, 8, 0.5) == 0.75
    assert [row["p"] for row in regularization.survival_rows(4, 0.2)] == pytest.approx([0.8, 0.6, 0.4, 0.2])


def test_stochastic_depth_eval_is_deterministic_and_the_expectation_of_train_for_linear_blocks():
    torch.manual_seed(0)  # only for the test's own layer weights
    g = torch.Generator().manual_seed(0)
    blocks = torch.nn.Sequential(regularization.StochasticBlock(torch.nn.Linear(5, 5), 0.7, g),
                                 regularization.StochasticBlock(torch.nn.Linear(5, 5), 0.4, g))
    x = torch.randn(1, 5)
    blocks.eval()
    with torch.no_grad():
        out = blocks(x)
        assert torch.equal(out, blocks(x))
        blocks.train()
        errors = []
        for passes in (200, 20_000):
            train_out = torch.cat([blocks(x) for _ in range(passes)])
            errors.append((train_out.mean(0) - out[0]).abs().max().item())
            assert errors[-1] < 5 * train_out.std(0).max().item() / math.sqrt(passes)
        assert errors[1] < errors[0]


def test_l2_raises_the_loss_at_step_0_and_l1_sets_weights_to_exactly_zero():
    out = regularization.penalties(regularization.PenaltyConfig(steps=100))
    start = out["start"].set_index("variant")
    assert start.total["L2"] > start.total["none"] and start.data_loss["L2"] == start.data_loss["none"]
    zeros = out["zeros"].set_index("variant").exact_zero
    assert zeros["L1"] > 0.3 and zeros["none"] == 0 and zeros["L2"] == 0
    assert out["weights"].groupby("variant").share.sum().round(6).eq(1).all()


def test_soft_threshold_matches_torch_softshrink():
    model = torch.nn.Linear(30, 20)
    w = model.weight.detach().clone()
    regularization.soft_threshold_(0.05)(model)
    assert torch.allclose(model.weight, F.softshrink(w, 0.05))


def test_regularization_shrinks_the_gap_on_the_default_small_data_setup_over_seeds():
    gaps = {}
    for seed in (0, 1, 2):
        rows = list(regularization.penalties(regularization.PenaltyConfig(seed=seed))["summary"].itertuples())
        dropout = regularization.dropout_training(regularization.DropoutConfig(seed=seed))["summary"]
        rows += [r for r in dropout.itertuples() if r.variant != "none"]
        for r in rows:
            gaps.setdefault(r.variant, []).append((r.loss_gap, r.val_accuracy))
    mean = {v: (sum(g for g, _ in rows) / 3, sum(a for _, a in rows) / 3) for v, rows in gaps.items()}
    best = max((v for v in mean if v != "none"), key=lambda v: mean[v][1])  # the best regularized setting
    assert mean[best][0] < mean["none"][0]


def test_overfitting_gap_shrinks_with_more_data():
    small = regularization.overfit(regularization.OverfitConfig(n_train=20, steps=200))["summary"].iloc[0]
    large = regularization.overfit(regularization.OverfitConfig(n_train=1000, steps=200))["summary"].iloc[0]
    assert small.train_accuracy == 1.0 and small.loss_gap > large.loss_gap
    assert 0 <= small.best_step <= 200


def test_the_data_is_split_by_a_count_of_points():
    """toy_data (the scripts' and most parts' data) is the data of toy_config (the dropout part's, through
    core.data); the spiral rounds n down to a multiple of 3, so the validation count moves by a point or two."""
    x, y, x_val, y_val = regularization.toy_data(50, 0.3, 4)
    for mine, loaded in zip((x, y, x_val, y_val), load_data(**data_settings(regularization.toy_config(50, 0.3, 4)))):
        assert torch.equal(mine, loaded)
    assert len(x) == 50 and abs(len(x_val) - regularization.VAL_POINTS) <= 2
    x, y, x_val, y_val = regularization.digit_data(120, 3)
    assert (len(x), len(x_val)) == (120, 500) and x.shape[1] == 64


def test_fractional_regions_read_from_torch_reproduce_its_pooling():
    g = torch.Generator().manual_seed(3)
    image = torch.rand(1, 1, 16, 16, generator=g)
    u = torch.rand(1, 1, 2, generator=g)
    rows, cols = regularization.pooling_regions(16, u)
    assert len(rows) == len(cols) == int(16 * regularization.FMP_RATIO) and rows[0] == 0 and rows[-1] == 14
    assert set(b - a for a, b in zip(rows, rows[1:])) <= {1, 2}
    by_hand = torch.tensor([[image[0, 0, r:r + 2, c:c + 2].max() for c in cols] for r in rows])
    ratio = regularization.FMP_RATIO
    torch_out = F.fractional_max_pool2d(image, 2, output_ratio=(ratio, ratio), _random_samples=u)
    assert torch.equal(by_hand, torch_out[0, 0])


def test_fractional_pool_layer_is_seeded_and_fixed_at_eval():
    x = torch.rand(2, 3, 8, 8)
    a, b = regularization.SeededFractionalPool(generator=torch.Generator().manual_seed(0)), \
        regularization.SeededFractionalPool(generator=torch.Generator().manual_seed(0))
    assert torch.equal(a(x), b(x)) and a(x).shape == (2, 3, 5, 5)
    a.eval()
    assert torch.equal(a(x), a(x))


def test_augment_is_identity_at_eval_and_keeps_shapes():
    aug = regularization.Augment(1.0, 10.0, 0.1, torch.Generator().manual_seed(0))
    x = torch.rand(4, 1, 8, 8)
    assert torch.equal(aug.eval()(x), x)
    y = aug.train()(x)
    assert y.shape == x.shape and not torch.equal(y, x)


def test_ensemble_average_has_lower_loss_than_its_members_on_average():
    out = regularization.ensemble(regularization.EnsembleConfig(models=3, steps=100))
    assert out["growing"].val_accuracy.iloc[0] == out["models"].val_accuracy.iloc[0]
    # Jensen: the NLL of averaged probabilities never exceeds the average NLL
    assert out["growing"].val_loss.iloc[-1] <= out["models"].val_loss.mean() + 1e-6


@pytest.mark.parametrize("fn,cfg", [
    (regularization.fractional_pooling, regularization.FractionalConfig(n_train=50, steps=20, draw=1)),
    (regularization.stochastic_depth, regularization.DepthConfig(n_train=50, steps=50, blocks=3)),
    (regularization.augmentation, regularization.AugmentConfig(n_train=20, steps=50)),
    (regularization.dropconnect, regularization.DropConnectConfig(steps=50)),
])
def test_experiments_are_deterministic_and_finite(fn, cfg):
    a, b = fn(cfg), fn(cfg)
    for key in a:
        first, second = (out[key].drop(columns=["seconds"], errors="ignore") for out in (a, b))
        assert first.equals(second)
        if key == "health" and "variant" in first:  # a block stochastic depth skipped has an empty row there
            first = first[first.variant != "stochastic depth"]  # (tests/test_health.py checks those rows)
        numbers = first.select_dtypes("number")
        assert len(numbers) and numbers.notna().all().all() and numbers.map(math.isfinite).all().all(), key


@pytest.mark.parametrize("fn, cfg, layers", [
    (regularization.dropconnect, regularization.DropConnectConfig(steps=50, n_train=40), 2),
    (regularization.augmentation, regularization.AugmentConfig(steps=50, n_train=40), 1)])
def test_dropconnect_and_augmentation_record_each_hidden_layer_without_changing_the_run(fn, cfg, layers,
                                                                                      monkeypatch):
    """Their models expose the hidden layers (acts, weights) to the health record; recording draws nothing from
    the masks' and warps' generators, so the runs are the same without it."""
    import core.train

    out = fn(cfg)
    assert set(out["health"].variant) == set(out["summary"].variant)
    assert sorted(out["health"].layer.unique()) == list(range(1, layers + 1))
    dead = out["health"][out["health"].stat == "dead"].value
    assert dead.between(0, 1).all() and out["histograms"]["count"].sum() > 0
    monkeypatch.setattr(core.train, "RECORD_HEALTH", False)
    plain = fn(cfg)
    assert plain["health"].empty and plain["history"].equals(out["history"])


def test_page_reads_the_url_in_korean():
    at = open_page("app_pages/regularization.py", part="dropout", p="0.2", n="100", lang="ko")
    assert problems(at) == []
    assert "드롭아웃 p = 0.2 (남길 확률 0.80" in texts(at)


@pytest.mark.parametrize("part,names", [("overfit", ["few", "many"]), ("dropout", ["light", "heavy", "half"]),
                                        ("depth", ["off", "paper"]), ("augment", ["shift", "strong", "mild"])])
def test_presets_apply_and_render(part, names):
    at = open_page("app_pages/regularization.py", part=part)
    for name in names:
        at.button(key=f"preset_{name}").click().run()
        assert problems(at) == [] and len(at.info) >= 1, name
    assert texts(at)


def test_predict_mode_hides_inference_until_revealed_and_keeps_the_share_link():
    at = open_page("app_pages/regularization.py", part="inference", predict="true")
    assert problems(at) == [] and len(at.info) == 0
    assert "Link to this run" in str([m.value for m in at.sidebar.markdown])
    at.radio[0].set_value("keep").run()
    next(b for b in at.button if b.label == "Reveal the result").click().run()
    assert problems(at) == [] and len(at.info) >= 1 and len(at.success) == 1  # (1 - p) is right
