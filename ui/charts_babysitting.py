"""Altair builders only the Babysitting page needs: the point cloud at one preprocessing stage and the digits'
pixel means after a subtraction. No Streamlit calls."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui import colours
from ui.charts import tips


def cloud(data: pd.DataFrame, title: str, size: int = 160) -> alt.Chart:
    """data: x1, x2, class -> a scatter with one domain for both axes, the origin included: an offset and unequal
    scales show as they are (the slide's pictures). Streamlit fits title and axes into the chart's size: 30 px
    more height than width leaves a plot area about square."""
    lo = min(0.0, float(data.x1.min()), float(data.x2.min()))
    hi = max(0.0, float(data.x1.max()), float(data.x2.max()))
    scale = alt.Scale(domain=[lo, hi], nice=True)
    return alt.Chart(data, title=alt.Title(title, fontSize=13)).mark_circle(size=12, opacity=0.7).encode(
        x=alt.X("x1:Q", scale=scale, title="x1", axis=alt.Axis(tickCount=4)),
        y=alt.Y("x2:Q", scale=scale, title="x2", axis=alt.Axis(tickCount=4)),
        color=colours.color(data, "class:N", legend=None), tooltip=tips("class:N", "x1:Q", "x2:Q"),
    ).properties(width=size, height=size + 30)


def pixel_means(data: pd.DataFrame, title: str, size: int = 100) -> alt.FacetChart:
    """data: method (shown names), row, col, value -> one 8x8 picture per method on one diverging scale
    symmetric around 0 (white), three side by side (they fit a phone's width)."""
    top = float(data.value.abs().max()) or 1.0
    d = data.assign(col_end=data.col + 1, row_end=data.row + 1)
    scale = alt.Scale(scheme=colours.DIVERGING, domain=[-top, top], reverse=True)  # red above 0, blue below
    return alt.Chart(d).mark_rect().encode(
        x=alt.X("col:Q", axis=None), x2=alt.X2("col_end"), y=alt.Y("row:Q", axis=None, scale=alt.Scale(reverse=True)),
        y2=alt.Y2("row_end"),
        color=alt.Color("value:Q", title=None, scale=scale, legend=alt.Legend(orient="bottom", gradientLength=180)),
        tooltip=tips("method", "row", "col", "value", data=d),
    ).properties(width=size, height=size).facet(
        column=alt.Column("method:N", title=None, sort=list(dict.fromkeys(data.method)),
                          header=alt.Header(labelFontSize=11, labelLimit=size + 10)), spacing=12,
    ).properties(title=title)

