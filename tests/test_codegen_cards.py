"""Copy as code for the paper cards: each script, run on its own, prints the card's table and its badge as the
app computed them (the badge by the same verdict function, copied into the script). The page defaults are
run by tests/test_codegen.py; here small settings, and the badge's verdict is checked to be in the script."""

import pytest

from core import papers, transfer
from export.cards import EXPORTS
from tests.test_codegen import assert_reproduces

SMALL = {"he2015": ("initialization", papers.HeConfig(deep=16, shallow=2, width=16, steps=50, seed=3)),
         "zhang2017": ("regularization", papers.ZhangConfig(width=32, steps=100, seed=2)),
         "ioffe2015": ("batchnorm", papers.IoffeConfig(steps=100, seed=1)),
         "cohen2021": ("optimizers", papers.EosConfig(steps=500, width=16, seed=2)),
         "double_descent": ("regularization", papers.DoubleDescentConfig(n_train=40, draws=2, seed=1)),
         "yosinski2014": ("transfer", transfer.FewLabelsConfig(labels="2", steps=20, seed=4)),
         "loshchilov2019": ("regularization", papers.AdamWConfig(steps=200, seed=3))}


@pytest.mark.parametrize("card_id", list(SMALL))
def test_card_script_prints_the_apps_table_and_badge(card_id, tmp_path):
    scope, cfg = SMALL[card_id]
    tables = assert_reproduces(scope, card_id, cfg, tmp_path)
    assert set(tables) == {"table", "badge"}
    assert tables["badge"][1].card.tolist() == [card_id]


def test_every_card_script_carries_its_verdict_and_constants():
    verdicts = {"he2015": ("def he_verdict(", "HE_GAP = "), "zhang2017": ("def zhang_verdict(", "ZHANG_FIT = "),
                "ioffe2015": ("def ioffe_verdict(", "IOFFE_SPEEDUP = "),
                "cohen2021": ("def eos_verdict(", "EOS_BAND = "),
                "double_descent": ("def double_descent_verdict(", "DD_DROP = "),
                "yosinski2014": ("def transfer_verdict(", "TRANSFER_GAP = "),
                "loshchilov2019": ("def adamw_verdict(", "ADAMW_TOLERANCE = ")}
    for card_id, (_, cfg) in SMALL.items():
        script = EXPORTS[card_id].script(cfg)
        assert all(piece in script for piece in verdicts[card_id]), card_id
        assert "pandas" not in script and "streamlit" not in script
