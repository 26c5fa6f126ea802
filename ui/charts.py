"""Altair builders: a tidy DataFrame in, a chart out. No Streamlit calls; titles come translated.

Every chart has tooltips; a named thing (ReLU, Adam, train, ...) takes its one colour from ui.colours on every
page, other series the same colour-blind-safe palette; heatmaps a perceptually uniform scheme. Values must be
finite (the training loop drops NaN rows before they get here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import altair as alt
import pandas as pd

from ui import colours
from ui.i18n import column_title
from ui.options import named

HEIGHT = 260
# A small multiple's size (px, title and axes included): two side by side, with Streamlit's 16 px gap, fit the
# 358 px column of a 390 px phone, and five the ~820 px main column of a 1280 px desktop with the sidebar open.
PANEL = 145


@dataclass(frozen=True)
class Panels:
    """Small multiples that wrap: ui.layout.chart draws them in a row that wraps, as many per line as the column
    holds (two on a phone, all or most in a row on a desktop). A Vega-Lite facet fixes its column count when the
    spec is built and cannot follow the screen, so each panel is a chart of its own; scales that panels share
    (a histogram's bins, a plane's extent, colours) are fixed from the whole frame by the builder."""

    title: str
    charts: tuple[alt.TopLevelMixin, ...]


def panels(data: pd.DataFrame, panel: str, title: str, draw: Callable[[pd.DataFrame], alt.Chart], *,
           sort: list | None = None, size: int = PANEL) -> Panels:
    """One chart per value of `panel` (in the data's order, or `sort`'s), drawn by `draw(rows of that value)`,
    titled by the value (a number after the column's name: "layer 3")."""
    names = list(dict.fromkeys(data[panel])) if sort is None else sort
    return Panels(title, tuple(
        draw(data[data[panel] == name]).properties(
            title=alt.Title(str(name) if isinstance(name, str) else f"{column_title(panel)} {name}", fontSize=12),
            width=size, height=size + 30)  # Streamlit fits the title inside: about a square plot
        for name in names))


def shown(data: pd.DataFrame, *fields: str | None, scope: str | None = None) -> pd.DataFrame:
    """data whose series-name columns among `fields` (text columns; numbers and flags stay) read in the page's
    words through ui.options.legend_label, the one translation. Every builder passes the fields it colours,
    dashes, shapes or panels by, so no legend shows a raw id or an English name on a Korean page; a page that has
    its own wording names the column first (ui.options.named with its scope): a shown name comes back as it is."""
    columns = [f.split(":")[0] for f in fields if f]
    columns = [c for c in dict.fromkeys(columns) if c in data and pd.api.types.is_string_dtype(data[c])
               and not isinstance(data[c].dtype, pd.CategoricalDtype)]
    return named(data, *columns, scope=scope) if columns else data


def _extent(values: pd.Series) -> list[float]:
    low, high = float(values.min()), float(values.max())
    return [low, high] if high > low else [low - 0.5, high + 0.5]


def text_expression(template: str, **fields: str) -> str:
    """A Vega expression for a translated text with values spliced in: template "step {step}" with
    fields={"step": "datum.now"} (a Vega expression each) -> "'step ' + datum.now + ''"; the text's quotes and
    backslashes are escaped."""
    literal = "'" + template.replace("\\", "\\\\").replace("'", "\\'") + "'"
    for name, expression in fields.items():
        literal = literal.replace("{" + name + "}", f"' + {expression} + '")
    return literal


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


# Legends under (or over) their plot, not beside it: on a phone (a 358 px column) a legend beside the plot left
# it about a hundred pixels wide. A second legend goes over the plot: two under it would sit side by side and run
# past a phone's edge. Such a figure sizes as FIT_WIDTH (`fitted`, applied to every chart a page draws): its width
# fits the column and its height is the plot's, the legends' rows added (Streamlit's default, "fit", squeezed the
# plot to make room for them).
LEGEND_WIDTH = 330  # px a phone's column gives a legend's row
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


def legend_rows(names, orient: str = "bottom", **kwargs) -> alt.Legend:
    """A legend under (orient "bottom") or over ("top") the plot for the entries `names`: as many to a row as
    LEGEND_WIDTH holds (a symbol and the longest label: Hangul about 12 px a character at the legend's size,
    other text 7); kwargs go to alt.Legend. The figure then sizes as FIT_WIDTH (`fitted`)."""
    names = [str(n) for n in dict.fromkeys(names)]
    widest = 28 + max((sum(12 if ord(c) >= 0x1100 else 7 for c in n) for n in names), default=0)
    return alt.Legend(orient=orient, columns=max(1, min(len(names), LEGEND_WIDTH // widest)), **kwargs)


LEGEND_CHANNELS = ("color", "fill", "stroke", "strokeDash", "shape", "size", "opacity")


def _outside(chart) -> bool:
    """Whether a chart, or a layer of it, has a legend under or over its plot."""
    if isinstance(chart, alt.LayerChart):
        return any(_outside(layer) for layer in chart.layer)
    encoding = chart._get("encoding") if isinstance(chart, alt.Chart) else alt.Undefined
    if encoding is alt.Undefined:
        return False
    channels = [encoding._get(ch) for ch in LEGEND_CHANNELS]  # _get: the value (an attribute is its setter)
    legends = [c._get("legend") for c in channels if isinstance(c, alt.SchemaBase)]
    return any(isinstance(legend, alt.Legend) and legend._get("orient") in ("bottom", "top") for legend in legends)


def fitted(figure):
    """The figure sized as FIT_WIDTH where a legend lies under or over its plot and it sets neither a size rule
    nor a width of its own (small multiples keep theirs); on the whole figure: Altair refuses one inside a layer,
    and a concatenation is fit-x in Streamlit already."""
    if isinstance(figure, (alt.Chart, alt.LayerChart)) and figure.autosize is alt.Undefined \
            and figure.width in (alt.Undefined, "container") and _outside(figure):
        return figure.properties(autosize=FIT_WIDTH)
    return figure


def lines(data: pd.DataFrame, x: str, y: str, color: str, title: str | alt.Title, *, log_y: bool = False,
          dash: str | None = None, x_title: str | None = None, y_title: str | None = None,
          facet: str | None = None, height: int = HEIGHT) -> alt.Chart | Panels:
    """One line per `color` (and `dash`) series, the plot `height` px; alone, the colours' legend under the plot
    and the dashes' over it (legend_rows); `facet` makes small multiples sharing the y axis."""
    data = shown(data, color, dash, facet)
    shared = {"domain": _extent(data[y])} if facet else {}  # small multiples share their y axis
    scale = alt.Scale(type="log", **shared) if log_y else alt.Scale(zero=False, **shared)
    below = not facet and typed(data, color).split(":")[-1] in "NO"  # a series legend, one figure
    legend = legend_rows(data[color]) if below else alt.Undefined
    enc = dict(x=alt.X(typed(data, x), title=x_title or column_title(x)),
               y=alt.Y(typed(data, y), title=y_title or column_title(y), scale=scale),
               color=colours.color(data, typed(data, color), legend=legend),
               tooltip=tips(*dict.fromkeys([color, x, y] + ([dash] if dash else [])), data=data))
    if dash:
        # dashes in the data's order (train solid, then validation dashed), not the translated names' order
        enc["strokeDash"] = alt.StrokeDash(typed(data, dash), title=None, sort=list(dict.fromkeys(data[dash])),
                                           legend=legend_rows(data[dash], "top") if below else alt.Undefined)
    if facet:
        return panels(data, facet, title, lambda rows: alt.Chart(rows).mark_line(point=len(data) < 60).encode(**enc),
                      size=220)
    return alt.Chart(data).mark_line(point=len(data) < 60).encode(**enc).properties(height=height, title=title)


def bars(data: pd.DataFrame, x: str, y: str, title: str, *, color: str | None = None, log_x: bool = False,
         x_title: str | None = None, y_title: str | None = None, sort: str | None = "-x") -> alt.Chart:
    """Horizontal bars: one per category y, length x. Only the columns drawn go to the chart (ui.layout.chart
    leaves out rows with a missing number in any column), and the height counts the title and the axis, which
    Streamlit fits inside it (30 px a bar alone left three bars 25 px)."""
    scale = alt.Scale(type="log") if log_x else alt.Scale()
    data = shown(data[list(dict.fromkeys([y, x, color or y]))], y, color)
    return alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X(typed(data, x), title=x_title or column_title(x), scale=scale),
        y=alt.Y(typed(data, y), title=y_title or column_title(y), sort=sort),
        color=colours.color(data, typed(data, color or y), legend=None), tooltip=tips(y, x, data=data)
    ).properties(height=min(110 + 34 * data[y].nunique(), 520))


# An axis label "name (detail)" on two lines, the detail under the name: columns of a narrow figure keep
# their labels apart (a Vega expression for labelExpr; a label without " (" stays on one line).
TWO_LINE_LABEL = ("indexof(datum.label, ' (') < 0 ? datum.label : [slice(datum.label, 0, indexof(datum.label, ' (')),"
                  " slice(datum.label, indexof(datum.label, ' (') + 1)]")
HEAT_ROW = 40  # px per heatmap row: a cell holds a line of text, and the figure's height follows its rows


def heatmap(data: pd.DataFrame, x: str, y: str, value: str, title: str, *, text: str | None = None,
            value_title: str | None = None, scale: alt.Scale | None = None) -> alt.Chart | alt.LayerChart:
    """Cells of `value` (colour, SEQUENTIAL unless `scale`) over x and y in the data's order, HEAT_ROW px a row;
    the colour legend, titled value_title or the value's column title, lies under the plot, so the cells keep the
    column's width on a phone. `text` writes that field in each cell: white on the dark half of the colour scale,
    black on the light half (viridis runs dark to light)."""
    scale = scale or alt.Scale(scheme=colours.SEQUENTIAL)
    base = alt.Chart(data, title=title).encode(x=alt.X(f"{x}:O", title=column_title(x), sort=None),
                                               y=alt.Y(f"{y}:O", title=column_title(y), sort=None))
    cells = base.mark_rect().encode(
        color=alt.Color(f"{value}:Q", title=value_title or column_title(value), scale=scale,
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=tips(x, y, value, *([text] if text else []), data=data))
    if not text:
        return cells.properties(height=alt.Step(HEAT_ROW))
    domain = scale.to_dict().get("domain") or [data[value].min(), data[value].max()]
    middle = (float(domain[0]) + float(domain[-1])) / 2
    ink = alt.ColorValue("black", condition={"test": f"datum[{json.dumps(value)}] < {middle!r}", "value": "white"})
    return alt.layer(cells, base.mark_text(fontSize=11).encode(text=alt.Text(f"{text}:N"), color=ink)
                     ).properties(height=alt.Step(HEAT_ROW))


def boundary(grid: pd.DataFrame, points: pd.DataFrame, panel: str, title: str) -> Panels:
    """Decision regions (grid: panel, x1, x2, class) under the training points (x1, x2, class),
    one small panel per value of `panel`, on one extent and one colour per class."""
    x1, x2 = alt.Scale(domain=_extent(grid.x1), nice=False), alt.Scale(domain=_extent(grid.x2), nice=False)
    base = alt.Chart().encode(x=alt.X("x1:Q", axis=None, scale=x1), y=alt.Y("x2:Q", axis=None, scale=x2),
                              color=colours.color(points, "class:N", legend=None))

    def draw(cells: pd.DataFrame) -> alt.LayerChart:
        return alt.layer(base.mark_square(size=30, opacity=0.35).properties(data=cells),
                         base.mark_circle(size=14, opacity=0.9).encode(tooltip=tips("x1:Q", "x2:Q", "class:N"))
                         .properties(data=points))

    return panels(grid, panel, title, draw)


def histograms(data: pd.DataFrame, value: str, panel: str, title: str, *, bins: int = 40,
               color: str | None = None, size: int = PANEL) -> Panels:
    """Small multiples: one histogram of `value` per `panel` (e.g. per layer), the same bins in every panel and
    each panel's own count axis; `color` (the panel's own field) paints each in its entity's colour. The title
    names the quantity, so the panels' x axes go without one."""
    data = shown(data, panel, color)
    extent = _extent(data[value])
    enc = dict(x=alt.X(f"{value}:Q", bin=alt.Bin(maxbins=bins, extent=extent), title=None,
                       scale=alt.Scale(domain=extent), axis=alt.Axis(tickCount=4)),
               y=alt.Y("count():Q", title=None, axis=alt.Axis(tickCount=3)), tooltip=tips("count()"))
    if color:
        enc["color"] = colours.color(data, f"{color}:N", legend=None)
    return panels(data, panel, title, lambda rows: alt.Chart(rows).mark_bar(opacity=0.85, binSpacing=0).encode(**enc),
                  size=size)


def path(data: pd.DataFrame, x: str, y: str, color: str, title: str, order: str = "step") -> alt.Chart:
    """Trajectories in a plane (optimizer paths, weight paths), drawn in step order."""
    data = shown(data, color)
    return alt.Chart(data, title=title).mark_line(point=alt.OverlayMarkDef(size=12)).encode(
        x=alt.X(typed(data, x), title=column_title(x), scale=alt.Scale(zero=False)),
        y=alt.Y(typed(data, y), title=column_title(y), scale=alt.Scale(zero=False)),
        color=colours.color(data, typed(data, color)), order=alt.Order(typed(data, order)),
        tooltip=tips(color, order, x, y, data=data)).properties(height=320)
