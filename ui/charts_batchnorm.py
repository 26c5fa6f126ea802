"""Altair builders for the BatchNorm page (core/batchnorm.py): a grid of runs as a heatmap over the loss
curves of the row a click picks. No Streamlit calls; titles come translated."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.batchnorm import LOSS_CAP
from ui import charts, colours


def grid_figure(cells: pd.DataFrame, curves: pd.DataFrame, axis: str, start: float, name: str, *, heat_title: str,
                curve_title: str, shown_text: str, loss_title: str) -> alt.VConcatChart:
    """A grid's heatmap (cells: value, variant, final_loss_capped, label) over the loss curves (curves: value,
    variant, step, loss) of the row a click picks (`start` first): a Vega-Lite point selection `name` on the
    value (`axis`: its shown name), filtering the curves in the browser, and a line of text in the curves' corner
    naming the value shown (shown_text with {value})."""
    pick = alt.selection_point(name=name, fields=[axis], value=[{axis: start}], empty=False, clear=False,
                               toggle=False)
    heat = charts.heatmap(cells.rename(columns={"value": axis}), "variant", axis, "final_loss_capped", heat_title,
                          text="label", value_title=loss_title,
                          scale=alt.Scale(scheme=colours.SEQUENTIAL, domain=[0, LOSS_CAP]))
    # on top, a transparent cell that takes the click anywhere in it (on the number too) and outlines the pick
    outline = heat.layer[0].mark_rect(cursor="pointer", stroke="black", fillOpacity=0).encode(
        strokeWidth=alt.StrokeWidthValue(0, condition=alt.ConditionalParameterValueDefnumberExprRef(
            param=name, value=3, empty=False))).add_params(pick).properties(name=f"{name}_cells")
    heat = alt.layer(*heat.layer, outline, data=heat.data, title=heat.title, height=heat.height)
    data = curves.rename(columns={"value": axis})
    lines = charts.lines(data, "step", "loss", "variant", curve_title, log_y=True).transform_filter(pick)
    label = alt.Chart(data).transform_filter(pick).transform_aggregate(shown=f"min({axis})").transform_calculate(
        text=charts.text_expression(shown_text, value="format(datum.shown, '~g')")).mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold").encode(
        x=alt.XValue(8), y=alt.YValue(8), text=alt.Text("text:N"))
    return alt.vconcat(heat, alt.layer(lines, label), spacing=18
                       ).resolve_scale(color="independent")
