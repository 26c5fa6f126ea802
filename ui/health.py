"""The training-health view shared by every part that trains MLPs through core.train (issue 14).

Four heatmaps, layers x logged steps, of one run (a twin run's variant, picked in a select box whose choice the
URL keeps): saturated %, dead %, grad:data and update:data (a diverging scale around the 1e-3 rule of thumb).
Clicking a cell selects that layer and step in the browser (a Vega-Lite point selection shared by the
heatmaps): the cell's numbers and the activation and gradient histograms below follow at once, filtered from
data already sent. The click also reruns the page (its result comes from the cache), which writes the cell into
the URL (`hlayer`, `hstep`), so the sidebar's link and the address bar keep it and opening either starts on it.
Not a fragment: a fragment's rerun would leave the sidebar's link stale. Under it, one line of reading per
finding, computed by core.health.reading.

A grid of many runs keeps no health record in its result (all of them would take 1-2 MB): the picker lists
every run, and the one picked is trained again with recording by a small cached experiment (`record`).

The view is an expander that draws nothing until it is opened (its state is in the URL, health=1, and a link
naming a run or a cell opens it): a closed view costs a training part's rerun nothing.

Everything is one vertical stack of single views: Streamlit stretches each to the container's width, so the
view fits a phone as well as a wide screen, and the four heatmaps share one step axis.
"""

from __future__ import annotations

import math
from typing import Callable

import altair as alt
import pandas as pd
import streamlit as st

from core.health import HEALTH_STEPS, HEALTHY_UPDATE, STATS, reading
from ui import colours
from ui.charts import tips
from ui.controls import FRESH, moved, quoted, raw, share_value, write
from ui.i18n import t
from ui.layout import download, sendable
from ui.options import by_link, legend_label, namer

VARIANT, LAYER, STEP, OPEN = "hvar", "hlayer", "hstep", "health"  # URL keys (health=1: the view is open)
OPENED = "_hopen_"  # + scope: session_state, the expander's state
PICKED = "_hvar_of"  # session_state: the scope and runs the picker last listed
CELL = "cell"  # the Vega-Lite selection's name
CHART = "_hcell_"  # + scope: the figure's key; its state holds the cell clicked last
HEATMAPS = ("saturated", "dead", "grad_data", "update_data")
ROW = 22  # pixels per layer in a heatmap
UPDATE_DOMAIN = (HEALTHY_UPDATE - 3, HEALTHY_UPDATE + 3)  # 10^-6 .. 10^0, the rule of thumb in the middle
GRAD_FLOOR = -8.0  # log10 grad:data of a layer without gradient (exactly 0) is drawn here
NAMES_WIDTH = 170  # pixels for the names of the selected cell's numbers
FORMATS = {"saturated": ".1%", "dead": ".1%", "update_data": ".2f"}  # the others: 3 significant digits


def _number(given: list[str] | None) -> int | None:
    text = given[-1].strip() if given else ""
    return int(text) if text.lstrip("-").isdigit() else None


def _cell(health: pd.DataFrame, clicked: list) -> dict:
    """The selected cell: the one clicked last (the chart's selection event), else the link's hlayer/hstep where
    they name a recorded cell, else where the reading points (the most saturated layer at the first step, or the
    most dead one at the last), else the deepest layer at the first logged step. Writes it to the URL (each of
    hlayer, hstep only where it differs from that default), so a link opens on the same cell."""
    layers, steps = sorted(health.layer.unique()), sorted(health.step.unique())
    default = {"layer": int(layers[-1]), "step": int(steps[0])}
    for key, values in reading(health):
        if key in ("saturated", "dead"):
            default = {"layer": values["layer"], "step": values["step"]}
            break
    cell = dict(default)
    for key, name, options in ((LAYER, "layer", layers), (STEP, "step", steps)):
        given = st.query_params.get_all(key)  # the URL now: a fragment's rerun comes after a click wrote it
        if given and _number(given) in options:
            cell[name] = _number(given)
        elif given and st.session_state.get(FRESH):
            st.caption(t("note.replaced", param=key, given=quoted(given[-1]), used=default[name]))
    last = clicked[-1] if clicked else {}
    if last.get("layer") in layers and last.get("step") in steps:
        cell = {"layer": int(last["layer"]), "step": int(last["step"])}
    for key, name in ((LAYER, "layer"), (STEP, "step")):
        if cell[name] != default[name]:
            st.query_params[key] = str(cell[name])
            share_value(key, cell[name], None)
        else:
            st.query_params.pop(key, None)
    return cell


def _variant(variants: list[str], scope: str) -> str:
    """The run shown when there are several: a select box in the page's words (ui.options.legend_label). The URL
    keeps the run's id (`hvar=leaky_relu`), written by hand as ui.layout.parts does, so a link made in Korean
    opens in English; a link with the run's option label (`hvar=Leaky ReLU`, as older links have) opens it too."""
    if len(variants) == 1:
        return variants[0]
    given = raw(VARIANT)
    linked = by_link(variants).get(given[-1]) if given else None
    if given and linked is None and st.session_state.get(FRESH):
        st.caption(t("note.replaced", param=VARIANT, given=quoted(given[-1]), used=variants[0]))
    if st.session_state.get(PICKED) != (scope, variants) or st.session_state.get(VARIANT) not in variants or \
            moved(VARIANT):
        st.session_state[PICKED], st.session_state[VARIANT] = (scope, variants), linked or variants[0]
    variant = st.selectbox(t("health.variant"), variants, key=VARIANT, format_func=namer(variants, scope))
    write(VARIANT, [variant] if variant != variants[0] else None)
    share_value(VARIANT, variant, variants[0])
    return variant


def _shade(data: pd.DataFrame, stat: str) -> tuple[pd.DataFrame, alt.Color]:
    """The cells of one statistic and their colour: perceptually uniform sequential (viridis) for the
    shares, sequential on log10 for grad:data, diverging around 10^-3 for update:data (red: too large). The
    legend, above the cells, names the statistic (no chart title: one line less per heatmap) and is
    narrower than the cells, so the plots keep the container's width even on a phone."""
    shown = data[data.stat == stat][["layer", "step", "value"]]
    legend = dict(orient="top", direction="horizontal", gradientLength=110, gradientThickness=10, labelOverlap=False,
                  title=t(f"health.map.{stat}"), titleOrient="left", titleFontSize=13, titleFontWeight=600,
                  titleLimit=190, titleBaseline="top", titlePadding=10, offset=6)
    if stat in ("saturated", "dead"):
        return shown.assign(shade=shown.value), alt.Color(
            "shade:Q", scale=alt.Scale(scheme=colours.SEQUENTIAL, domain=[0, 1]),
            legend=alt.Legend(format="%", values=[0, 0.5, 1], **legend))
    if stat == "update_data":
        scale = alt.Scale(scheme=colours.DIVERGING, reverse=True, domain=list(UPDATE_DOMAIN), domainMid=HEALTHY_UPDATE,
                          clamp=True)
        ticks = [int(v) for v in (UPDATE_DOMAIN[0], HEALTHY_UPDATE, UPDATE_DOMAIN[1])]
        return shown.assign(shade=shown.value), alt.Color("shade:Q", scale=scale, legend=alt.Legend(
            values=ticks, labelExpr=_powers(ticks), **legend))
    logs = [max(math.log10(v), GRAD_FLOOR) if v > 0 else GRAD_FLOOR for v in shown.value]
    lo, hi = (math.floor(min(logs)), math.ceil(max(logs))) if logs else (-3, 0)
    ticks = sorted({lo, hi} | ({(lo + hi) // 2} if (hi - lo) % 2 == 0 else set()))  # a middle tick only centred
    scale = alt.Scale(scheme=colours.SEQUENTIAL, domain=[lo, max(hi, lo + 1)])
    return shown.assign(shade=logs), alt.Color("shade:Q", scale=scale, legend=alt.Legend(
        values=ticks, labelExpr=_powers(ticks), **legend))


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _powers(exponents: list[int]) -> str:
    """A Vega label expression that writes the legend's log10 values e as 10^e (10⁻³)."""
    expression = "''"
    for e in exponents:
        expression = f"datum.value == {e} ? '{'1' if e == 0 else '10' + str(e).translate(SUPERSCRIPT)}' : {expression}"
    return expression


def _heatmap(data: pd.DataFrame, stat: str, last: bool) -> alt.Chart:
    """One statistic, layers (rows) x logged steps (columns, evenly spaced though the steps are not: the
    same columns in every heatmap); the selected cell outlined."""
    shown, color = _shade(data, stat)
    x_axis = alt.Axis(labelAngle=-90, labelOverlap=True, labelFontSize=10, title=t("health.step") if last else None)
    steps, layers = sorted(int(s) for s in data.step.unique()), sorted(int(i) for i in data.layer.unique())
    rows = [t("health.layer_n", n=layer) for layer in layers]  # "layer 2": no rotated axis title
    shown = shown.assign(row=shown.layer.map(dict(zip(layers, rows))))
    return alt.Chart(shown).mark_rect(cursor="pointer", stroke="black").encode(
        x=alt.X("step:O", axis=x_axis, scale=alt.Scale(domain=steps)),
        y=alt.Y("row:N", title=None, scale=alt.Scale(domain=rows)), color=color,
        strokeWidth=alt.StrokeWidthValue(0, condition=alt.ConditionalParameterValueDefnumberExprRef(
            param=CELL, value=2.5, empty=False)),
        tooltip=[alt.Tooltip("layer:O", title=t("health.layer")), alt.Tooltip("step:O", title=t("health.step")),
                 alt.Tooltip("value:Q", title=t(f"health.{stat}"), format=FORMATS.get(stat, ".3g"))]
    ).properties(height=alt.Step(ROW), name=f"health_{stat}")


def _numbers(data: pd.DataFrame, cell: alt.Parameter) -> alt.Chart:
    """The selected cell's numbers, one line each: its layer and step, then every recorded statistic. One text
    mark, names in a first column and values in a second (a layered chart would not shrink to a phone's width
    in Streamlit)."""
    cells = data[["layer", "step"]].drop_duplicates()
    rows = [cells.assign(label=t("health.layer"), value=cells.layer.astype(str)),
            cells.assign(label=t("health.step"), value=cells.step.astype(str))]
    for stat in STATS:
        one = data[data.stat == stat]
        text = [format(v, FORMATS.get(stat, ".3g")) for v in one.value]
        rows.append(one[["layer", "step"]].assign(label=t(f"health.{stat}"), value=text))
    lines = pd.concat(rows, ignore_index=True)
    shown = pd.concat([lines.assign(column="name", text=lines.label), lines.assign(column="value", text=lines.value)],
                      ignore_index=True)[["layer", "step", "label", "column", "text"]]
    order = [t("health.layer"), t("health.step")] + [t(f"health.{s}") for s in STATS]
    # white text in "difference" blend: black on a light background, light on a dark one (Streamlit's theme
    # sets the colour of axes and titles, not of text marks)
    return alt.Chart(shown, title=alt.Title(t("health.cell"), anchor="start", fontSize=13)).mark_text(
        align="left", fontSize=12, color="white", blend="difference").encode(
        y=alt.Y("label:N", sort=order, axis=None),
        x=alt.X("column:O", axis=None, scale=alt.Scale(domain=["name", "value"], range=[0, NAMES_WIDTH], padding=0)),
        opacity=alt.Opacity("column:O", legend=None, scale=alt.Scale(domain=["name", "value"], range=[0.7, 1])),
        text=alt.Text("text:N")).transform_filter(cell).properties(height=alt.Step(18))


def _histogram(hists: pd.DataFrame, quantity: str, cell: alt.Parameter) -> alt.Chart:
    """The selected cell's histogram of activations or of log10 |activation gradient| (fixed bins)."""
    shown = hists[hists.quantity == quantity][["layer", "step", "lo", "hi", "count"]]
    title = alt.Title(t(f"health.hist.{quantity}"), anchor="start", fontSize=13)
    return alt.Chart(shown, title=title).mark_rect(x2Offset=-1).encode(  # a 1 px gap between bars, any theme
        x=alt.X("lo:Q", title=t(f"health.axis.{quantity}"), scale=alt.Scale(nice=False)), x2=alt.X2("hi"),
        y=alt.Y("count:Q", title=None, axis=alt.Axis(format=",d", tickCount=3)), y2=alt.Y2Datum(0),
        tooltip=tips("lo:Q", "hi:Q", "count:Q")
    ).transform_filter(cell).properties(height=110)


def health_figure(health: pd.DataFrame, hists: pd.DataFrame, start: dict) -> alt.VConcatChart:
    """The four heatmaps, the selected cell's numbers and its two histograms, stacked; `start` is the cell
    selected first. health and hists: one run's frames (core.train.healths)."""
    cell = alt.selection_point(name=CELL, fields=["layer", "step"], value=[start], empty=False, clear=False,
                               toggle=False)  # one cell at a time: a shift-click does not add a second
    maps = [_heatmap(health, stat, stat == HEATMAPS[-1]) for stat in HEATMAPS]
    views = [_numbers(health, cell)] + [_histogram(hists, q, cell) for q in ("activation", "gradient")]
    figure = alt.vconcat(*maps, *views, spacing=14).resolve_scale(color="independent", x="independent")
    # One selection shared by the four heatmaps: declared once, with their views (Altair would merge four
    # copies too, with a warning).
    figure.params = [alt.TopLevelSelectionParameter(name=CELL, select=cell.param.select, value=[start],
                                                    views=[m.name for m in maps])]
    return figure


def health_view(scope: str, out: dict, runs: list[str] | None = None,
                record: Callable[[str], dict] | None = None, note: str | None = None) -> None:
    """Draw the health record of a part's result (frames 'health' and 'histograms' from core.train.healths),
    collapsed under the part's charts. For a grid of many runs, whose result holds no health record: `runs`, the
    names of all its runs (the picker lists them), and `record(name)`, that one run's frames (a cached
    experiment that trains it again, recording). note: a part's own words on reading its record."""
    health = out.get("health")
    if record is None and (health is None or health.empty):
        return
    box = _expander(scope)
    if box is None:
        return
    with box:
        st.caption(t("health.help", steps=HEALTH_STEPS))
        if record is not None:
            st.caption(t("health.one_run", n=len(runs)))
        if note:
            st.caption(note)
        _view(scope, out, runs, record)


def _expander(scope: str):
    """The view's expander if it is open, else None. Closed unless this session opened it or the link asks for
    it (health=1, or a run or cell: hvar, hlayer, hstep). Only an open view computes and sends anything (its
    figure takes about half of a training part's rerun, and a grid's picked run is trained again to record it);
    opening or closing it reruns the page, and the URL says whether it is open."""
    key = OPENED + scope
    given = raw(OPEN)
    if given and given[-1] not in ("0", "1") and st.session_state.get(FRESH):
        st.caption(t("note.replaced", param=OPEN, given=quoted(given[-1]), used="0"))
    if key not in st.session_state:  # the page's first run in this session: the link decides
        st.session_state[key] = given == ["1"] or (given != ["0"] and any(raw(k) for k in (VARIANT, LAYER, STEP)))
    box = st.expander(t("health.title"), key=key, on_change="rerun", icon=":material/monitor_heart:")
    if not box.open:
        for name in (OPEN, VARIANT, LAYER, STEP):
            st.query_params.pop(name, None)
        return None
    st.query_params[OPEN] = "1"
    share_value(OPEN, 1, None)
    return box


def _view(scope: str, out: dict, runs: list[str] | None, record: Callable[[str], dict] | None) -> None:
    """The picker, the figure (a click on a cell reruns the page: `_cell` reads it and writes the URL) and the
    reading."""
    variants = runs if record is not None else list(dict.fromkeys(out["health"].variant))
    variant = _variant(variants, scope)
    if record is not None:
        out = record(variant)
    health, hists = out["health"], out["histograms"]
    mine = health[health.variant == variant]
    data = mine[mine.value.notna()]
    if data.empty:  # a run stopped (diverged) before its first record was complete
        return
    shown = hists[hists.variant == variant]
    clicked = st.session_state.get(CHART + scope, {}).get("selection", {}).get(CELL, [])
    figure = health_figure(data, shown, _cell(data, clicked))
    st.altair_chart(sendable(figure), width="stretch",
                    key=CHART + scope, on_select="rerun", selection_mode=[CELL])
    download(mine, f"{scope}_health")
    download(shown, f"{scope}_health_histograms", t("health.download"))
    prefix = f"**{legend_label(variant, scope)}**: " if len(variants) > 1 else ""
    for key, values in reading(data):
        st.markdown(prefix + t(f"health.read.{key}", **values))

