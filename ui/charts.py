"""Altair builders: a tidy DataFrame in, a chart out. No Streamlit calls; titles come translated.

Every chart has tooltips; a named thing (ReLU, Adam, train, ...) takes its one colour from ui.colours on every
page, other series the same colour-blind-safe palette; heatmaps a perceptually uniform scheme. Values must be
finite (the training loop drops NaN rows before they get here).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui import colours
from ui.i18n import column_title

HEIGHT = 260


def typed(data: pd.DataFrame | None, field: str) -> str:
    """`field` with its Vega-Lite type as Altair would infer it from the frame (numbers Q, categoricals O,
    else N). Naming the type spares Altair a scan of the column per channel (a line chart: 5.3 -> 2.9 ms)."""
    if ":" in field or data is None or field not in data:
        return field
    dtype = data[field].dtype
    return f"{field}:{'O' if isinstance(dtype, pd.CategoricalDtype) else 'Q' if dtype.kind in 'iuf' else 'N'}"


def tips(*fields: str, data: pd.DataFrame | None = None) -> list[alt.Tooltip]:
    """Tooltip channels, typed from `data`. Pass channel objects, never bare strings, to `encode`: Altair 6
    turns each string into a channel through `from_dict`, which re-hashes its whole schema (~1 ms a string;
    a chart of strings took 15 ms to build, of objects 0.6 ms)."""
    return [alt.Tooltip(typed(data, f)) for f in fields]


def lines(data: pd.DataFrame, x: str, y: str, color: str, title: str, *, log_y: bool = False,
          dash: str | None = None, x_title: str | None = None, y_title: str | None = None,
          facet: str | None = None, height: int = HEIGHT) -> alt.Chart:
    scale = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    enc = dict(x=alt.X(typed(data, x), title=x_title or column_title(x)),
               y=alt.Y(typed(data, y), title=y_title or column_title(y), scale=scale),
               color=colours.color(data, typed(data, color)),
               tooltip=tips(*dict.fromkeys([color, x, y] + ([dash] if dash else [])), data=data))
    if dash:
        # dashes in the data's order (train solid, then validation dashed), not the translated names' order
        enc["strokeDash"] = alt.StrokeDash(typed(data, dash), title=None, sort=list(dict.fromkeys(data[dash])))
    chart = alt.Chart(data).mark_line(point=len(data) < 60).encode(**enc).properties(height=height)
    if facet:
        return chart.properties(width=220).facet(column=alt.Column(facet, title=None)).properties(title=title)
    return chart.properties(title=title)


def bars(data: pd.DataFrame, x: str, y: str, title: str, *, color: str | None = None, log_x: bool = False,
         x_title: str | None = None, y_title: str | None = None, sort: str | None = "-x") -> alt.Chart:
    """Horizontal bars: one per category y, length x. Only the columns drawn go to the chart (ui.layout.chart
    leaves out rows with a missing number in any column), and the height counts the title and the axis, which
    Streamlit fits inside it (30 px a bar alone left three bars 25 px)."""
    scale = alt.Scale(type="log") if log_x else alt.Scale()
    data = data[list(dict.fromkeys([y, x, color or y]))]
    return alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X(typed(data, x), title=x_title or column_title(x), scale=scale),
        y=alt.Y(typed(data, y), title=y_title or column_title(y), sort=sort),
        color=colours.color(data, typed(data, color or y), legend=None), tooltip=tips(y, x, data=data)
    ).properties(height=min(110 + 34 * data[y].nunique(), 520))


def heatmap(data: pd.DataFrame, x: str, y: str, value: str, title: str, *, text: str | None = None) -> alt.Chart:
    base = alt.Chart(data, title=title).encode(x=alt.X(f"{x}:O", title=column_title(x)),
                                               y=alt.Y(f"{y}:O", title=column_title(y)))
    cells = base.mark_rect().encode(color=alt.Color(f"{value}:Q", scale=alt.Scale(scheme=colours.SEQUENTIAL)),
                                    tooltip=tips(x, y, value, *([text] if text else []), data=data))
    if text:
        return cells + base.mark_text(fontSize=11).encode(text=alt.Text(f"{text}:N"))
    return cells


def boundary(grid: pd.DataFrame, points: pd.DataFrame, panel: str, title: str, columns: int = 3) -> alt.FacetChart:
    """Decision regions (grid: panel, x1, x2, class) under the training points (x1, x2, class),
    one small panel per value of `panel`. One data set and one faceted spec: fast to build and send."""
    panels = grid[panel].unique()
    dots = pd.concat([points.assign(**{panel: name}) for name in panels], ignore_index=True)
    data = pd.concat([grid.assign(kind="grid"), dots.assign(kind="point")], ignore_index=True)
    base = alt.Chart().encode(x=alt.X("x1:Q", axis=None), y=alt.Y("x2:Q", axis=None),
                              color=colours.color(points, "class:N", legend=None))
    cells = base.transform_filter(alt.datum.kind == "grid").mark_square(size=30, opacity=0.35)
    marks = base.transform_filter(alt.datum.kind == "point").mark_circle(size=14, opacity=0.9).encode(
        tooltip=tips("x1:Q", "x2:Q", "class:N"))
    return alt.layer(cells, marks, data=data).properties(width=130, height=130).facet(
        facet=alt.Facet(f"{panel}:N", title=None, sort=list(panels)), columns=columns).properties(title=title)


def histograms(data: pd.DataFrame, value: str, panel: str, title: str, *, columns: int = 5,
               bins: int = 40, color: str | None = None) -> alt.Chart:
    """Small multiples: one histogram of `value` per `panel` (e.g. per layer)."""
    enc = dict(x=alt.X(f"{value}:Q", bin=alt.Bin(maxbins=bins), title=column_title(value)),
               y=alt.Y("count():Q", title=None), tooltip=tips("count()"))
    if color:
        enc["color"] = colours.color(data, f"{color}:N")
    return alt.Chart(data).mark_bar(opacity=0.8).encode(**enc).properties(width=100, height=100).facet(
        facet=alt.Facet(f"{panel}:N", title=None), columns=columns).properties(title=title) \
        .resolve_scale(y="independent")


def path(data: pd.DataFrame, x: str, y: str, color: str, title: str, order: str = "step") -> alt.Chart:
    """Trajectories in a plane (optimizer paths, weight paths), drawn in step order."""
    return alt.Chart(data, title=title).mark_line(point=alt.OverlayMarkDef(size=12)).encode(
        x=alt.X(typed(data, x), title=column_title(x), scale=alt.Scale(zero=False)),
        y=alt.Y(typed(data, y), title=column_title(y), scale=alt.Scale(zero=False)),
        color=colours.color(data, typed(data, color)), order=alt.Order(typed(data, order)),
        tooltip=tips(color, order, x, y, data=data)).properties(height=320)
