"""Train and validation curves of twin runs (core.train frames 'history' and 'summary' with best_step), the
view every Regularization part draws."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui import charts, charts_regularization
from ui.i18n import t
from ui.layout import chart
from ui.options import named


def curves(out: dict, scope: str, name: str, metric: str = "loss") -> None:
    """Train (solid) and validation (dashed) curves per variant; on the loss, each run's best validation step
    dotted, said in the title's subtitle."""
    hist = named(out["history"], "variant", "split", scope=scope)
    title = t(f"{scope}.curves.{metric}")
    title = alt.Title(title, subtitle=t(f"{scope}.curves.best")) if metric == "loss" else title
    fig = charts.lines(hist, "step", metric, "variant", title, dash="split",
                       log_y=metric == "loss", x_title=t("col.step"), y_title=t(f"col.{metric}"))
    best = named(out["summary"][["variant", "best_step"]], "variant", scope=scope)
    chart(charts_regularization.with_best(fig, best) if metric == "loss" else fig, out["history"], name)


def loss_and_accuracy(out: dict, scope: str, name: str) -> None:
    """The usual pair: loss curves left, accuracy curves right."""
    left, right = st.columns(2)
    with left:
        curves(out, scope, f"{name}_history")
    with right:
        curves(out, scope, f"{name}_accuracy", "accuracy")
