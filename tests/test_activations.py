"""The Activations page's experiments, on the real code path."""

import dataclasses
import math

import pytest
import torch

from core import activations as A
from core.nn import ACTIVATIONS
from tests.conftest import open_page, problems, texts
from ui.text.activations import FORMULAS


def test_shapes_mark_saturation_where_the_slope_vanishes():
    df = A.shapes(A.ShapesConfig(activations=("sigmoid", "relu", "maxout"), span=8.0))
    sig = df[df.activation == "sigmoid"]
    assert sig[sig.z.abs() > 5].saturated.all() and not sig[sig.z.abs() < 4].saturated.any()
    relu = df[df.activation == "relu"]
    assert relu[relu.z < 0].saturated.all() and not relu[relu.z > 0].saturated.any()
    assert set(df.activation) == {"sigmoid", "relu", "maxout"}


def test_every_activation_has_a_formula():
    """The shapes part writes each chosen activation's formula: the catalog has one per activation."""
    assert set(FORMULAS) == set(ACTIVATIONS)


def test_saturation_shrinks_sigmoid_gradient_fastest():
    out = A.saturation(A.SaturationConfig(mu=0.0, sigma=1.0, layers=10, units=2000))
    last = out["gradient"][out["gradient"].layer == 10].set_index("activation").gradient
    assert last["sigmoid"] < 0.25 ** 10 * 1.0001  # sigmoid's slope never exceeds 1/4
    assert last["sigmoid"] < last["tanh"] < 1
    third = out["gradient"][out["gradient"].layer == 3].set_index("activation").gradient
    assert third["relu"] == pytest.approx(0.5 ** 3, abs=0.03)  # ReLU passes all or nothing: P(z > 0)^3


def test_positive_inputs_zigzag_and_centered_inputs_go_straight():
    out = A.zigzag(A.ZigzagConfig())
    steps = out["steps"].set_index("inputs")
    assert steps.same_sign_fraction["positive"] == 1.0  # every update in quadrant 1 or 3
    assert steps.same_sign_fraction["centered"] < 0.8
    assert steps.steps_to_target["centered"] < steps.steps_to_target["positive"]


def test_cost_is_relative_to_relu():
    df = A.cost(A.CostConfig(elements=10_000, repeats=3))
    assert df.set_index("activation").relative_to_relu["relu"] == 1.0 and (df.seconds > 0).all()


def test_high_learning_rate_kills_relus_but_not_leaky_or_elu():
    out = A.dead_units(A.DeadConfig())
    final = out["dead"][out["dead"].step == out["dead"].step.max()].groupby("activation").dead.mean()
    acc = out["summary"].set_index("variant").train_accuracy
    assert final["relu"] > 0.30  # the bar: a high rate kills over 30% of ReLUs
    assert acc["leaky_relu"] > 0.9 and acc["elu"] > 0.9 and acc["relu"] < acc["leaky_relu"]
    low = A.dead_units(dataclasses.replace(A.DeadConfig(), lr=0.01, activations=("relu",)))
    assert low["dead"][low["dead"].step == low["dead"].step.max()].dead.mean() < final["relu"] / 2


def test_maxout_fits_a_parabola_better_with_more_pieces():
    err = A.maxout_fit(A.MaxoutConfig(max_k=4, steps=300))["error"].set_index("k").mse
    assert err[4] < err[1] / 10


def test_race_is_a_twin_run_and_deterministic():
    cfg = A.RaceConfig(activations=("relu", "tanh"), steps=20, n=90, grid=10)
    a, b = A.race(cfg), A.race(cfg)
    assert a["history"].equals(b["history"]) and a["boundary"].equals(b["boundary"])
    first = a["history"][a["history"].step == 0].groupby("variant").loss.first()
    assert set(a["boundary"].activation) == {"relu", "tanh"} and len(first) == 2


def test_page_reads_its_settings_from_the_url_and_in_korean():
    at = open_page("app_pages/activations.py", part="dead", lr="0.01", lang="ko")
    assert problems(at) == []
    assert "학습률 0.01에서" in texts(at)


def test_bad_url_values_get_a_note_not_a_traceback():
    at = open_page("app_pages/activations.py", part="race", lr="abc", steps="-5", acts="nonsense", data="x" * 500)
    notes = "\n".join(w.value for w in at.warning)
    assert problems(at) == []
    assert "`lr=abc`" in notes and "`steps=-5`" in notes and "`acts=nonsense`" in notes


def test_home_lists_the_topics():
    at = open_page()
    assert problems(at) == [] and "Why sigmoid and tanh saturate" in texts(at)
    assert "Link to this run" in str([m.value for m in at.sidebar.markdown])


def test_focus_link_hides_other_controls_but_keeps_their_values():
    at = open_page("app_pages/activations.py", part="dead", focus="lr", steps="100", lr="0.01")
    assert problems(at) == []
    assert [s.key for s in at.select_slider] == ["lr"] and len(at.slider) == 0  # only lr is drawn
    assert "Remove `focus=` from the address" in texts(at)
    plain = open_page("app_pages/activations.py", part="dead", steps="100", lr="0.01")
    assert at.info[0].value == plain.info[0].value  # steps=100 still applies while hidden


def test_predict_mode_hides_the_result_until_revealed():
    at = open_page("app_pages/activations.py", part="dead", predict="true")
    assert problems(at) == [] and len(at.info) == 0  # no result yet
    reveal = next(b for b in at.button if b.label == "Reveal the result")
    assert reveal.disabled
    at.radio[0].set_value("leaky_relu").run()
    next(b for b in at.button if b.label == "Reveal the result").click().run()
    assert problems(at) == [] and len(at.info) == 1
    assert "this run says **ReLU**" in " ".join(w.value for w in at.warning)  # the measured answer


def test_outside_predict_mode_the_question_is_shown_answered():
    at = open_page("app_pages/activations.py", part="zigzag")
    assert "→ **zero-centered inputs" in texts(at)


def test_race_offers_its_code():
    at = open_page("app_pages/activations.py", part="race", steps="40")
    code = [c.value for c in at.code if "def fit(" in c.value]
    assert problems(at) == [] and len(code) == 1
    assert "'steps': 40" in code[0] and "'batch_size': 0" in code[0]  # 40 steps, full batch


def test_race_table_shows_the_cpu_seconds_next_to_the_activation():
    """The race is about time: its summary shows the CPU seconds right after the activation, where a phone's
    width shows them without scrolling the table; the CSV keeps the computed column order."""
    at = open_page("app_pages/activations.py", part="race", steps="20", n="90")
    frame = [df for df in at.dataframe if "seconds" in getattr(df.value, "columns", [])]
    assert problems(at) == [] and len(frame) == 1
    assert list(frame[0].proto.column_order)[:2] == ["variant", "seconds"]
    assert list(frame[0].value.columns)[:2] == ["variant", "train_loss"]


def test_fastest_names_a_run_only_when_it_is_clearly_ahead_of_the_next():
    """A run is the fastest only when it took under FASTER of the runner-up's time: timing noise of about 10%
    cannot pick it; a single run has nothing to beat."""
    assert A.fastest({"relu": 0.10, "elu": 0.20, "tanh": 0.30}) == "relu"
    assert A.fastest({"relu": 0.20, "elu": 0.21, "tanh": 0.50}) is None
    assert A.fastest({"relu": 0.20}) is None
    assert A.fastest({"relu": A.FASTER * 0.2, "elu": 0.2}) is None  # the boundary itself is too close


def test_race_times_leave_out_a_run_that_stopped_early():
    import pandas as pd

    summary = pd.DataFrame({"variant": ["relu", "elu", "tanh"], "seconds": [0.3, 0.01, 0.2],
                            "diverged_at": [None, 3, None]})
    assert A.race_times(summary).to_dict() == {"tanh": 0.2, "relu": 0.3}


def test_race_notice_says_the_times_with_their_verdict():
    """The page's notice reports the times as core.activations.fastest reads them, in both languages: a fastest run
    with the next one's time, or the range of times when none is clearly ahead."""
    for lang, fast, tie in (("en", "Fastest run:", "too close to call"),
                            ("ko", "가장 빠른 실행:", "너무 비슷해 가릴 수 없습니다")):
        at = open_page("app_pages/activations.py", part="race", steps="20", n="90", lang=lang)
        notice = [i.value for i in at.info if fast in i.value or tie in i.value]
        assert problems(at) == [] and len(notice) == 1, lang
        summary = [df for df in at.dataframe if "seconds" in getattr(df.value, "columns", [])]
        assert summary, lang
        seconds = summary[0].value.set_index(summary[0].value.columns[0]).seconds
        assert (fast in notice[0]) == (A.fastest(seconds.to_dict()) is not None), (lang, notice[0])
        assert ("SGD" in notice[0]) and ("Adam" in notice[0]), notice[0]  # Adam by default: it suggests SGD


def test_race_leaves_a_run_that_stopped_early_out_of_its_times():
    """A diverged run stopped early, so its short time says nothing about its activation: at a learning rate of 1
    with plain SGD on 5 layers some runs diverge, and the notice's times are those of the runs that finished."""
    at = open_page("app_pages/activations.py", part="race", steps="100", n="90", lr="1", opt="sgd", depth="5")
    summary = [df.value for df in at.dataframe if "seconds" in getattr(df.value, "columns", [])][0]
    finished = summary[summary.diverged_at.isna()]
    notice = [i.value for i in at.info if "validation accuracy" in i.value][0]
    assert problems(at) == [] and len(finished) < len(summary), summary
    for name in set(summary.variant) - set(finished.variant):
        assert f"{name} (" not in notice, notice
    assert "instead of Adam" not in notice and "Try more depth" in notice  # it already trains with SGD


@pytest.mark.parametrize("knob", [0.01, 0.3, 1.0, 1.7])
def test_piecewise_slopes_are_the_pieces_exactly(knob):
    """Oracle: torch.where picking each piece. The slopes pick theirs with a 0/1 float mask instead (faster);
    the numbers are the same to the bit, at 0, -0, the infinities, a NaN, subnormals and every scale."""
    from core.nn import SELU_ALPHA, SELU_SCALE, elu_slope, leaky_relu_slope, relu_slope, selu_slope

    scales = 10.0 ** torch.arange(-4, 4).repeat(500)
    z = torch.cat([torch.randn(4000, generator=torch.Generator().manual_seed(3)) * scales,
                   torch.tensor([0.0, -0.0, math.inf, -math.inf, math.nan, 1e-45, -1e-45, -200.0, 200.0])])
    same = lambda got, expected: torch.equal(got.nan_to_num(7.0), expected.nan_to_num(7.0))  # noqa: E731
    assert same(relu_slope(z), torch.where(z > 0, 1.0, 0.0))
    assert same(leaky_relu_slope(z, slope=knob), torch.where(z > 0, 1.0, knob))
    assert same(elu_slope(z, alpha=knob), torch.where(z > 0, torch.ones_like(z), knob * torch.exp(z)))
    assert same(selu_slope(z), SELU_SCALE * torch.where(z > 0, torch.ones_like(z), SELU_ALPHA * torch.exp(z)))
    assert leaky_relu_slope(z, slope=knob).isnan().sum() == 0  # a NaN input takes the negative piece, as where does
