"""Issue 14, part 3: the ladder of fixes (Karpathy's makemore part 3) on the Initialization page. The facts of
the issue, on the real code path (core.initialization.ladder: the engine's MLP, the rung functions, the one
training loop and its health record), for the default seed and two others."""

import math

import pytest
import torch

from core import initialization as I
from core.models import build_mlp
from core.params import validate

LN_C = math.log(10)  # the digits: 10 classes; a uniform guess has loss ln 10 = 2.30
SEEDS = [0, 1, 2024]  # the default seed and two others


def start(seed: int) -> dict:
    """The ladder at its default settings except the seed, trained for the fewest steps the page allows:
    the facts below are about step 0."""
    return I.ladder(I.LadderConfig(seed=seed, steps=50))


def at_step_0(out: dict, stat: str, layer: int) -> dict[str, float]:
    health = out["health"]
    rows = health[(health.stat == stat) & (health.step == 0) & (health.layer == layer)]
    return rows.set_index("variant").value.to_dict()


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"seed{s}")
def started(request):
    return start(request.param)


def test_naive_init_is_confidently_wrong(started):
    """Logits of std about sqrt(64) = 8: the loss at step 0 is over 3x that of a uniform guess."""
    initial = started["rungs"].set_index("rung").initial_loss
    assert initial["0_naive"] > 3 * LN_C


def test_a_small_output_layer_starts_at_chance(started):
    """Output weights x 0.01 and bias 0: logits within a few hundredths of 0, loss within 0.15 of ln 10."""
    rungs = started["rungs"].set_index("rung")
    assert abs(rungs.initial_loss["1_small_output"] - LN_C) < 0.15
    assert rungs.chance_loss.tolist() == pytest.approx([LN_C] * len(rungs))
    assert rungs.near_chance.tolist() == [False, True, True, True, True]


def test_small_hidden_weights_take_layer_1_out_of_saturation(started):
    """N(0, 1) weights on 64 standardized inputs: z has std about 8, most |tanh(z)| > 0.99. Scaled by 0.1,
    std about 0.8: almost none (from the health record of the first logged step)."""
    saturated = at_step_0(started, "saturated", layer=1)
    assert saturated["1_small_output"] > 0.5
    assert saturated["2_small_hidden"] < 0.1


def test_recording_health_does_not_change_the_losses(monkeypatch):
    cfg = I.LadderConfig(steps=50)
    recorded = I.ladder(cfg)
    monkeypatch.setattr("core.train.RECORD_HEALTH", False)
    plain = I.ladder(cfg)
    assert plain["health"].empty and not recorded["health"].empty
    assert recorded["history"].equals(plain["history"])
    losses = ["initial_loss", "train_loss", "val_loss", "val_accuracy"]
    assert recorded["rungs"][losses].equals(plain["rungs"][losses])


@pytest.mark.parametrize("seed", SEEDS)
def test_each_fix_ends_lower_than_the_naive_start(seed):
    """The notebook's loss log, measured at the page's default length: the fixed output layer ends below the
    naive net, and Kaiming init below both (the naive net spends its first steps shrinking its logits, and
    its saturated tanh units pass almost no gradient)."""
    val = I.ladder(I.LadderConfig(seed=seed))["rungs"].set_index("rung").val_loss
    assert val["3_kaiming"] < val["1_small_output"] < val["0_naive"]


# The rung functions -------------------------------------------------------------------------------------
def built(cfg: I.LadderConfig) -> dict:
    data = I.ladder_data(I.ladder_spec(cfg)[0])
    models = I.ladder_spec(cfg)[1]
    return {rung: I.RUNGS[rung](build_mlp(models[rung], data.dim, data.classes)) for rung in cfg.rungs}


def test_rungs_rescale_one_shared_draw():
    """Twin runs: every rung is the same N(0, 1) draw, rescaled by its fix."""
    nets = built(I.LadderConfig(width=32))
    naive, head = nets["0_naive"], nets["0_naive"].head
    for rung, net in nets.items():
        if rung != "0_naive":
            assert torch.allclose(net.head.weight, head.weight * I.OUTPUT_SCALE) and (net.head.bias == 0).all()
    for (w0, w2, w3, w4) in zip(*(nets[r].weights() for r in ("0_naive", "2_small_hidden", "3_kaiming",
                                                                 "4_batchnorm"))):
        assert torch.allclose(w2.weight, w0.weight * I.HIDDEN_SCALE)
        assert torch.allclose(w3.weight, w0.weight * (5 / 3) / math.sqrt(w0.in_features))
        assert torch.equal(w4.weight, w3.weight) and w4.bias is None  # BatchNorm's beta is the bias
    assert all(isinstance(b.norm, torch.nn.BatchNorm1d) for b in nets["4_batchnorm"].blocks)
    assert all(isinstance(b.norm, torch.nn.Identity) for b in naive.blocks)


def test_kaiming_rung_has_tanh_gain_over_root_fan_in():
    """Rung 3's weights have std (5/3)/sqrt(n_in): 0.208 for 64 inputs (within sampling error of 4,096
    draws, about 1.1%)."""
    for layer in built(I.LadderConfig(rungs=("3_kaiming",)))["3_kaiming"].weights():
        assert layer.weight.std().item() == pytest.approx((5 / 3) / math.sqrt(layer.in_features), rel=0.05)


def test_inputs_are_standardized_with_the_training_pixels():
    data = I.ladder_data(I.ladder_spec(I.LadderConfig())[0])
    assert data.x_train.mean().item() == pytest.approx(0, abs=1e-5)
    assert data.x_train.std().item() == pytest.approx(1, abs=1e-5)
    assert (data.x_train.shape[1], data.classes) == (64, 10)


# Config, budget, determinism ----------------------------------------------------------------------------
def test_default_fits_the_budget_and_the_largest_is_lowered():
    assert validate(I.LadderConfig, {})[1] == []
    cfg, notes = validate(I.LadderConfig, {"steps": 1000, "width": 128})
    assert cfg.steps < 1000 and ("steps", 1000, cfg.steps, "budget") in notes


def test_same_config_same_frames_and_a_subset_of_rungs():
    cfg, _ = validate(I.LadderConfig, {"rungs": ("4_batchnorm", "0_naive"), "optimizer": "adam", "lr": 0.005,
                                       "steps": 50, "width": 16})
    assert cfg.rungs == ("0_naive", "4_batchnorm")  # a link's rungs, in the ladder's order
    a, b = I.ladder(cfg), I.ladder(cfg)
    assert all(a[k].equals(b[k]) for k in ("rungs", "history", "health", "histograms"))
    assert a["rungs"].rung.tolist() == ["0_naive", "4_batchnorm"]
    assert set(a["health"].variant) == {"0_naive", "4_batchnorm"} and set(a["health"].layer) == {1, 2, 3, 4, 5}
