"""A paper card (core/cards.py) drawn as a part of its page, and its badge on the home page's evidence board.

One function draws every card: the claim (by `parts`), the citation, the criterion with the constants from
code, the presets and form of its config, the run, the discussion question, the badge, a chart, the table,
the measured numbers against the criterion, and a note when it fails for this setting.
"""

from __future__ import annotations

import functools
import math

import streamlit as st

from core.cards import CARDS, Card
from ui import cache, charts
from ui.cache import run
from ui.controls import form, presets
from ui.i18n import t
from ui.layout import MISSING, chart, notice, table
from ui.options import named
from ui.study import gate


def badge(passed: bool) -> None:
    """The card's verdict as a badge: a tick and "reproduced", or a cross and "not reproduced"."""
    if passed:
        st.badge(t("cards.reproduced"), icon=":material/check:", color="green")
    else:
        st.badge(t("cards.not_reproduced"), icon=":material/close:", color="red")


def criterion(card_id: str) -> str:
    return t("cards.criterion", text=t(f"cards.{card_id}.criterion", **CARDS[card_id].criterion))


class Missing(str):
    """A number that was never measured (a step that never came, the loss then): reads '–' whatever format the
    text asks of it ('{loss:.3f}')."""

    def __format__(self, spec: str) -> str:
        return str(self)


def readable(measured: dict) -> dict:
    """Measured numbers made fit for the text: one never measured reads '–' (Missing), a yes/no of a run's fate
    (plain_fails, bn_trains) gets its words."""
    words = {"plain_fate": ("plain_fails", "cards.fails", "cards.reaches"),
             "bn_fate": ("bn_trains", "cards.reaches", "cards.misses")}
    out = {k: Missing(MISSING) if isinstance(v, float) and math.isnan(v) else int(v) if k.startswith("fit_") else v
           for k, v in measured.items()}
    return out | {name: t(yes if measured[k] else no) for name, (k, yes, no) in words.items() if k in measured}


def card(scope: str, card_id: str):
    """Draw card `card_id` as the current part of page `scope`; returns its config (for copy as code)."""
    c: Card = CARDS[card_id]
    st.caption(t("cards.cite", citation=c.citation))
    st.markdown(criterion(card_id))
    cls = type(c.config)
    presets(cls, scope, c.presets, prefix=c.prefix)
    cfg = form(cls, scope, prefix=c.prefix, columns=4)
    result = run(c.experiment, cfg)
    passed, measured = c.judge(result)
    values = readable(measured) | {k: getattr(cfg, k) for k in ("deep", "shallow") if hasattr(cfg, k)}
    gate(scope, card_id, ["yes", "no"], "yes" if passed else "no", cfg)
    badge(passed)
    x, y, series, log_y = c.chart
    chart(charts.lines(named(result["curve"], series, scope=scope), x, y, series, t("cards.chart"), log_y=log_y),
          result["curve"], f"card_{card_id}_curve")
    rows = result["table"]
    table(rows, f"card_{card_id}", names=("variant",) if "variant" in rows else (), scope=scope)
    need = {f"need_{k}": v for k, v in c.criterion.items()}
    notice(t(f"cards.{card_id}.measured", **values, **need))
    if not passed:
        st.warning(t("cards.failed", seed=cfg.seed), icon=":material/close:")
    return cfg


def default_verdict(card_id: str) -> bool | None:
    """The card's badge at its default config from the shared result cache; None when not computed yet."""
    c = CARDS[card_id]
    hit = cache.lookup(cache.key_of(c.experiment, c.config))
    return None if hit is None else c.judge(hit[0])[0]


def compute_defaults(card_ids: list[str]) -> None:
    """Compute the cards' default runs now (into the shared cache), with a progress bar."""
    bar = st.progress(0.0, text=t("run.running"))
    for i, card_id in enumerate(card_ids):
        c = CARDS[card_id]
        cache.compute(c.experiment, c.config, lambda f, i=i: bar.progress((i + f) / len(card_ids),
                                                                         text=t("run.running")))
    bar.empty()


def card_parts(scope: str) -> dict:
    """The parts of page `scope` that are cards (in core.cards' order), for the page's PARTS: `**card_parts(SCOPE)`."""
    return {cid: functools.partial(card, scope, cid) for cid, c in CARDS.items() if c.scope == scope and c.part is None}
