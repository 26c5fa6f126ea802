"""The training-health view shared by every part that trains MLPs through core.train (issue 14).

Four heatmaps, layers x logged steps, of one run (a twin run's variant, picked in a select box bound to the
URL): saturated %, dead %, grad:data and update:data (a diverging scale around the 1e-3 rule of thumb).
Clicking a cell selects that layer and step in the browser (a Vega-Lite selection, no rerun): the
activation and gradient histograms below it, and the step's numbers, follow. The starting cell comes
from the link (`hlayer`, `hstep`). Under it, one line of reading computed by core.health.reading.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.health import HEALTHY_UPDATE, reading
from ui.charts import tips
from ui.i18n import t
from ui.layout import chart, download
from ui.options import legend_label, option_label
from ui.controls import raw

VARIANT, LAYER, STEP = "hvar", "hlayer", "hstep"  # URL keys
HEATMAPS = (("saturated", "percent"), ("dead", "percent"), ("grad_data", "log"), ("update_data", "update"))


def _cell_start(health: pd.DataFrame) -> dict:
    """The selected cell when the page opens: the link's hlayer/hstep where they name a recorded cell,
    else the deepest layer at the first logged step."""
    layers, steps = sorted(health.layer.unique()), sorted(health.step.unique())
    start = {"layer": layers[-1], "step": steps[0]}
    for key, name, options in ((LAYER, "layer", layers), (STEP, "step", steps)):
        given = raw(key)
        if given and given[0].lstrip("-").isdigit() and int(given[0]) in options:
            start[name] = int(given[0])
    return start


def _heatmap(data: pd.DataFrame, stat: str, kind: str, cell: alt.Parameter) -> alt.Chart:
    shown = data[data.stat == stat]
    if kind == "percent":
        scale = alt.Scale(scheme="viridis", domain=[0, 1])
        color = alt.Color("value:Q", scale=scale, title=None, legend=alt.Legend(format="%", orient="bottom"))
    elif kind == "update":  # diverging around the rule of thumb: 10^-3 is the neutral middle
        scale = alt.Scale(scheme="redblue", reverse=True, domainMid=HEALTHY_UPDATE, domain=[-6, 0], clamp=True)
        color = alt.Color("value:Q", scale=scale, title="log10", legend=alt.Legend(orient="bottom"))
    else:
        color = alt.Color("value:Q", scale=alt.Scale(scheme="viridis"), title=None, legend=alt.Legend(orient="bottom"))
    return alt.Chart(shown, title=t(f"health.{stat}")).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("step:O", title=t("health.step"), axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
        y=alt.Y("layer:O", title=t("health.layer")), color=color,
        opacity=alt.condition(cell, alt.value(1.0), alt.value(0.55)),
        tooltip=tips("layer:O", "step:O", "value:Q")).add_params(cell).properties(height=140)


def _histograms(hists: pd.DataFrame, cell: alt.Parameter) -> list[alt.Chart]:
    views = []
    for quantity in ("activation", "gradient"):
        shown = hists[hists.quantity == quantity]
        views.append(alt.Chart(shown, title=t(f"health.hist.{quantity}")).mark_bar().encode(
            x=alt.X("lo:Q", title=t(f"health.axis.{quantity}")), x2=alt.X2("hi"),
            y=alt.Y("count:Q", title=None), tooltip=tips("lo:Q", "hi:Q", "count:Q"))
            .transform_filter(cell).properties(height=120))
    return views


def _numbers(data: pd.DataFrame, cell: alt.Parameter) -> alt.Chart:
    """The selected cell's numbers, one line per statistic."""
    shown = data.assign(label=data.stat.map(lambda s: t(f"health.{s}")))
    return alt.Chart(shown).mark_text(align="left", dx=4).encode(
        y=alt.Y("label:N", title=None, axis=alt.Axis(domain=False, ticks=False)),
        text=alt.Text("value:Q", format=".3~g")).transform_filter(cell).properties(height=140, width=80)


def health_view(scope: str, out: dict) -> None:
    """Draw the health record of a part's result (frames 'health' and 'histograms' from core.train)."""
    health, hists = out.get("health"), out.get("histograms")
    if health is None or health.empty:
        return
    with st.expander(t("health.title"), icon=":material/monitor_heart:"):
        st.caption(t("health.help"))
        variants = list(dict.fromkeys(health.variant))
        variant = st.selectbox(t("health.variant"), variants, key=VARIANT, bind="query-params",
                               format_func=option_label) if len(variants) > 1 else variants[0]
        data = health[(health.variant == variant) & health.value.notna()]
        mine = hists[hists.variant == variant]
        start = _cell_start(data)
        cell = alt.selection_point(name="cell", fields=["layer", "step"], value=[start], empty=False)
        maps = [_heatmap(data, stat, kind, cell) for stat, kind in HEATMAPS]
        figure = alt.vconcat(alt.hconcat(*maps[:2]), alt.hconcat(*maps[2:]),
                             alt.hconcat(*_histograms(mine, cell), _numbers(data, cell)))
        chart(figure, health[health.variant == variant], f"{scope}_health")
        download(mine, f"{scope}_health_histograms")
        for key, values in reading(data):
            st.markdown(t(f"health.read.{key}", variant=legend_label(variant, scope), **values))
