"""Paper cards: which experiment reproduces which paper's claim, and the one function that decides whether
it did.

A card's verdict is one function `verdict(rows of the result's table) -> (reproduced, measured numbers)`, in
core/papers.py beside its experiment (plain Python, so that the exported script copies it), its criterion
constants fixed in code (and quoted in the card's text, ui/text/cards.py, from `criterion`), never tuned per
seed: the user may change seeds and budgets, and the badge is recomputed by the same function. A page's
engine adds its cards to its EXPERIMENTS with `**cards_of(scope)`, so a card is an ordinary part of its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from core import papers, search, transfer
from core.papers import (ADAMW_MARGIN, ADAMW_TOLERANCE, DD_DROP, DD_WINDOW, EOS_BAND, HE_CLOSE, HE_GAP, IOFFE_SPEEDUP,
                         TRANSFER_GAP, TRANSFER_SEEDS, TRANSFER_WINS, ZHANG_CHANCE_MARGIN, ZHANG_FIT, adamw_verdict,
                         bergstra_verdict, double_descent_verdict, eos_verdict, he_verdict, ioffe_verdict,
                         transfer_verdict, zhang_verdict)


@dataclass(frozen=True)
class Card:
    scope: str  # the page it belongs to (ui/topics.py)
    experiment: Callable[[Any], dict[str, pd.DataFrame]]
    config: Any  # the card's default config
    verdict: Callable[[list[dict]], tuple[bool, dict]]  # table rows -> (reproduced?, the numbers it compared)
    criterion: dict = field(default_factory=dict)  # the constants of the rule, shown in the card's text
    citation: str = ""
    part: str | None = None  # an existing part of the page that is this card (else the card's own id)
    chart: tuple = ("step", "accuracy", "run", False)  # x, y, series, log y of the result's 'curve'
    prefix: str = ""  # URL prefix of the card's controls (apart from the page's other parts)
    presets: dict = field(default_factory=dict)
    table: str = "table"  # the result's frame the verdict reads

    def judge(self, result: dict) -> tuple[bool, dict]:
        """The card's verdict on a result of its experiment."""
        return self.verdict(result[self.table].to_dict("records"))


CARDS: dict[str, Card] = {
    "he2015": Card("initialization", papers.he2015, papers.HeConfig(), he_verdict,
                   {"gap": HE_GAP, "close": HE_CLOSE}, "He, Zhang, Ren & Sun 2015, ICCV (arXiv:1502.01852), Fig. 3",
                   prefix="he", presets={"he_default": {}, "he_deeper": {"deep": 40}, "he_narrow": {"width": 16}}),
    "ioffe2015": Card("batchnorm", papers.ioffe2015, papers.IoffeConfig(), ioffe_verdict,
                      {"speedup": IOFFE_SPEEDUP, "target": papers.IoffeConfig().target},
                      "Ioffe & Szegedy 2015, ICML (arXiv:1502.03167), Fig. 1 and Sec. 3.3", prefix="bn",
                      presets={"bn_default": {}, "bn_gentle": {"lr": 0.2}, "bn_higher": {"high_lr": 50.0}}),
    "cohen2021": Card("optimizers", papers.edge_of_stability, papers.EosConfig(), eos_verdict,
                      {"band": EOS_BAND}, "Cohen, Kaur, Li, Kolter & Talwalkar 2021, ICLR (arXiv:2103.00065), Fig. 1",
                      chart=("step", "value", "run", True), prefix="eos",
                      presets={"eos_default": {}, "eos_small": {"lr": 0.1}, "eos_large": {"lr": 0.5}}),
    "double_descent": Card("regularization", papers.double_descent, papers.DoubleDescentConfig(),
                           double_descent_verdict, {"window": DD_WINDOW, "drop": DD_DROP},
                           "Belkin, Hsu, Ma & Mandal 2019, PNAS (arXiv:1812.11118), Fig. 2; "
                           "Nakkiran et al. 2019 (arXiv:1912.02292)",
                           chart=("features", "value", "run", True), prefix="dd",
                           presets={"dd_default": {}, "dd_more": {"n_train": 200}, "dd_one": {"draws": 1}}),
    "zhang2017": Card("regularization", papers.zhang2017, papers.ZhangConfig(), zhang_verdict,
                      {"fit": ZHANG_FIT, "margin": ZHANG_CHANCE_MARGIN},
                      "Zhang, Bengio, Hardt, Recht & Vinyals 2017, ICLR (arXiv:1611.03530), Fig. 1a",
                      prefix="zh", presets={"zh_default": {}, "zh_narrow": {"width": 32}}),
    "loshchilov2019": Card("regularization", papers.loshchilov2019, papers.AdamWConfig(), adamw_verdict,
                           {"tolerance": ADAMW_TOLERANCE, "margin": ADAMW_MARGIN},
                           "Loshchilov & Hutter 2019, ICLR (arXiv:1711.05101), Fig. 2",
                           chart=("log10_lr", "log10_decay", "run", False), prefix="aw",
                           presets={"aw_default": {}, "aw_short": {"steps": 300}, "aw_long": {"steps": 900}}),
    "bergstra2012": Card("babysitting", search.grid_vs_random, search.GridRandomConfig(), bergstra_verdict,
                         {}, "Bergstra & Bengio 2012, JMLR 13, Fig. 1", part="search", table="summary"),
    "yosinski2014": Card("transfer", transfer.few_labels, transfer.FewLabelsConfig(), transfer_verdict,
                         {"gap": TRANSFER_GAP, "wins": TRANSFER_WINS, "seeds": TRANSFER_SEEDS},
                         "Yosinski, Clune, Bengio & Lipson 2014, NeurIPS (arXiv:1411.1792); CS231n Lecture 7",
                         chart=("seed", "accuracy", "run", False), prefix="tl",
                         presets={"tl_default": {}, "tl_five": {"labels": "5"}, "tl_short": {"steps": 40}}),
}


def card_part(card_id: str) -> str:
    """The part id of a card on its page."""
    return CARDS[card_id].part or card_id


def cards_of(scope: str) -> dict[str, tuple]:
    """The cards of page `scope` that are parts of their own, as EXPERIMENTS entries (id: (experiment, config))."""
    return {cid: (c.experiment, c.config) for cid, c in CARDS.items() if c.scope == scope and c.part is None}
