"""Altair builders only the Regularization page needs: digits as pixel images, with pooling regions
drawn on top, and grids of augmented samples. No Streamlit calls."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui import colours
from ui.charts import HEIGHT, tips

GREYS = alt.Scale(scheme="greys")


def pixels(data: pd.DataFrame, title: str, size: int = 200) -> alt.Chart:
    """data: row, col, value -> an image, row 0 at the top."""
    d = data.assign(col_end=data.col + 1, row_end=data.row + 1)
    return alt.Chart(d, title=title).mark_rect().encode(
        x=alt.X("col:Q", axis=None), x2=alt.X2("col_end"), y=alt.Y("row:Q", axis=None, scale=alt.Scale(reverse=True)),
        y2=alt.Y2("row_end"), color=alt.Color("value:Q", scale=GREYS, legend=None),
        tooltip=tips("row", "col", "value", data=d)).properties(width=size, height=size)


def regions(image: pd.DataFrame, starts: pd.DataFrame, title: str, size: int = 200) -> alt.LayerChart:
    """The image with a line where each pooling region starts (starts: axis 'row'/'col', start)."""
    color = alt.ColorValue("#e4572e")
    cols = alt.Chart(starts[starts.axis == "col"]).mark_rule(strokeWidth=1.5).encode(x=alt.X("start:Q"), color=color)
    rows = alt.Chart(starts[starts.axis == "row"]).mark_rule(strokeWidth=1.5).encode(y=alt.Y("start:Q"), color=color)
    return alt.layer(pixels(image, title, size), cols, rows)


def image_grid(data: pd.DataFrame, row: str, column: str, title: str, size: int = 70) -> alt.FacetChart:
    """data: row, col, value plus two panel columns -> small images in a grid."""
    d = data.assign(col_end=data.col + 1, row_end=data.row + 1)
    return alt.Chart(d).mark_rect().encode(
        x=alt.X("col:Q", axis=None), x2=alt.X2("col_end"), y=alt.Y("row:Q", axis=None, scale=alt.Scale(reverse=True)),
        y2=alt.Y2("row_end"), color=alt.Color("value:Q", scale=GREYS, legend=None),
        tooltip=tips(row, column, "value", data=d),
    ).properties(width=size, height=size).facet(row=alt.Row(f"{row}:O", title=None),  # the title says what
                                                 column=alt.Column(f"{column}:O", title=None), title=title)


def with_best(figure: alt.Chart, best: pd.DataFrame) -> alt.LayerChart:
    """A curve chart with a dotted vertical rule at each variant's step of best validation loss, in the
    curves' colours (the same scale as the figure's)."""
    rule = alt.Chart(best).mark_rule(strokeDash=[3, 3], strokeWidth=2).encode(
        x=alt.X("best_step:Q"), color=colours.color(figure.data, "variant:N"),
        tooltip=tips("variant", "best_step", data=best))
    return alt.layer(figure, rule)


def survival(data: pd.DataFrame, title: str, x_title: str, y_title: str) -> alt.Chart:
    """Each residual block's survival probability (data: block, p) as one line with a point per block, on the
    whole 0..1 axis; one series, so no colour legend."""
    return alt.Chart(data, title=title).mark_line(point=True, color=colours.PALETTE[0]).encode(
        x=alt.X("block:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("p:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
        tooltip=tips("block", "p", data=data)).properties(height=HEIGHT)
