"""Altair builders for the Optimizers page: a loss surface as filled contour bands with paths and
arrows on top (the race's with a step slider inside the chart), and loss curves. No Streamlit calls."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui import colours
from ui.charts import legend_rows, shown, text_expression, tips
from ui.i18n import column_title
from ui.options import legend_label

SIZE = 420
def _color(data: pd.DataFrame, field: str, legend: bool = True) -> alt.Color:
    """Each optimizer's own colour (ui.colours). Legends sit under the plot: beside it they took half of a
    column and squeezed the surface."""
    return colours.color(data, f"{field}:N", legend=alt.Legend(orient="bottom", columns=2) if legend else None)


def _scales(grid: pd.DataFrame) -> tuple[alt.Scale, alt.Scale]:
    return (alt.Scale(domain=[float(grid.x.min()), float(grid.x2.max())], nice=False, zero=False),
            alt.Scale(domain=[float(grid.y.min()), float(grid.y2.max())], nice=False, zero=False))


def _axes(grid: pd.DataFrame, x: str = "x", y: str = "y"):
    sx, sy = _scales(grid)
    return alt.X(f"{x}:Q", title="x", scale=sx), alt.Y(f"{y}:Q", title="y", scale=sy)


def surface(grid: pd.DataFrame) -> alt.Chart:
    """The loss as 14 bands of equal width in `level` (a filled contour plot), low = light."""
    x, y = _axes(grid)
    return alt.Chart(grid).mark_rect(opacity=0.45).encode(
        x=x, x2=alt.X2("x2:Q"), y=y, y2=alt.Y2("y2:Q"),
        color=alt.Color("level:Q", scale=alt.Scale(type="quantize", scheme="greys", nice=False), legend=None),
        tooltip=[alt.Tooltip("loss:Q", format=".3g")])


def paths_on_surface(grid: pd.DataFrame, paths: pd.DataFrame, color: str, title: str) -> alt.LayerChart:
    """Paths (color, step, x, y, loss), a dot where each ends, a ring at the start."""
    paths = shown(paths, color)
    x, y = _axes(grid)
    line = alt.Chart(paths).mark_line(strokeWidth=2, clip=True).encode(
        x=x, y=y, color=_color(paths, color), order=alt.Order("step:Q"),
        tooltip=tips(color, "step", "x", "y", "loss", data=paths))
    last = paths.sort_values("step").groupby(color, as_index=False).last()
    heads = alt.Chart(last).mark_circle(size=90, clip=True, stroke="black", strokeWidth=1).encode(
        x=x, y=y, color=_color(paths, color, legend=False), tooltip=tips(color, "step", "x", "y", "loss", data=last))
    return alt.layer(surface(grid), line, heads, _start(paths, x, y)).properties(title=title, height=SIZE,
                                                                                 width="container")


def _start(paths: pd.DataFrame, x: alt.X, y: alt.Y) -> alt.Chart:
    return alt.Chart(paths[paths.step == 0].head(1)).mark_point(size=160, shape="circle", color="black",
                                                                strokeWidth=2).encode(x=x, y=y)


SCRUB = "at"  # the race's in-chart step parameter (the URL key of the step the page opens at)


def scrubbed_paths(grid: pd.DataFrame, paths: pd.DataFrame, color: str, title: str, at: int, label: str,
                   leaders: list[str], lead_text: str) -> alt.LayerChart:
    """The race's paths with a slider inside the chart (a Vega-Lite parameter `at`, from 0 to the last step,
    starting at `at`): each path drawn up to that step, a dot where each is then, and a line of text naming
    the lowest of `leaders` (first-order methods) at that step: `lead_text` with {step} and {lead}. Moving the
    slider redraws in the browser; the page does not run again."""
    last = max(int(paths.step.max()), int(at))
    step = alt.param(name=SCRUB, value=int(at), bind=alt.binding_range(min=0, max=last, step=1, name=label))
    upto = alt.datum.step <= step
    x, y = _axes(grid)
    line = alt.Chart(paths).mark_line(strokeWidth=2, clip=True).encode(
        x=x, y=y, color=_color(paths, color), order=alt.Order("step:Q"),
        tooltip=tips(color, "step", "x", "y", "loss", data=paths)).transform_filter(upto)
    now = alt.Chart(paths).transform_filter(upto).transform_joinaggregate(
        now="max(step)", groupby=[color]).transform_filter(alt.datum.step == alt.datum.now)
    heads = now.mark_circle(size=90, clip=True, stroke="black", strokeWidth=1).encode(
        x=x, y=y, color=_color(paths, color, legend=False), tooltip=tips(color, "step", "x", "y", "loss", data=paths))
    expression = text_expression(lead_text, step="datum.now", lead=f"datum['{color}']")
    lead = now.transform_filter(alt.FieldOneOfPredicate(field=color, oneOf=leaders)).transform_window(
        rank="row_number()", sort=[alt.SortField("loss", order="ascending")]).transform_filter(
        alt.datum.rank == 1).transform_calculate(lead=expression).encode(
        x=alt.XValue(8), y=alt.YValue(8), text=alt.Text("lead:N"))  # pixels: the top left corner
    text = dict(align="left", baseline="top", fontSize=13, fontWeight="bold")
    halo = lead.mark_text(**text, color="white", stroke="white", strokeWidth=4)  # black on white: either theme
    return alt.layer(surface(grid), line, heads, _start(paths, x, y), halo, lead.mark_text(**text, color="black")
                     ).add_params(step).properties(title=title, height=SIZE, width="container")


def arrows_on_surface(grid: pd.DataFrame, paths: pd.DataFrame, arrows: pd.DataFrame, title: str) -> alt.LayerChart:
    """Paths (thin) and, at one step, two arrows per optimizer: -lr*g (dashed) and the actual update (solid)."""
    paths, arrows = shown(paths, "optimizer"), shown(arrows, "optimizer", "arrow")
    x, y = _axes(grid)
    line = alt.Chart(paths).mark_line(strokeWidth=1, opacity=0.6, clip=True).encode(
        x=x, y=y, color=_color(paths, "optimizer"), order=alt.Order("step:Q"))
    rules = alt.Chart(arrows).mark_rule(strokeWidth=3, clip=True).encode(
        x=x, y=y, x2=alt.X2("x2:Q"), y2=alt.Y2("y2:Q"), color=_color(paths, "optimizer", legend=False),
        strokeDash=alt.StrokeDash("arrow:N", title=None, sort=[legend_label(a) for a in ("update", "sgd_step")]),
        tooltip=tips("optimizer", "arrow", "step", "x", "y", "x2", "y2", data=arrows))
    heads = alt.Chart(arrows).mark_point(shape="triangle", size=70, filled=True, clip=True).encode(
        x=_axes(grid, "x2", "y2")[0], y=_axes(grid, "x2", "y2")[1], color=_color(paths, "optimizer", legend=False))
    return alt.layer(surface(grid), line, rules, heads).properties(title=title, height=SIZE, width="container")


def curves(data: pd.DataFrame, x: str, y: str, color: str, title: str, *, log_y: bool = False,
           y_title: str | None = None, x_title: str | None = None) -> alt.Chart:
    """Lines of y over x per color."""
    data = shown(data, color)
    scale = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    return alt.Chart(data).mark_line().encode(
        x=alt.X(f"{x}:Q", title=x_title or column_title(x)),
        y=alt.Y(f"{y}:Q", title=y_title or column_title(y), scale=scale),
        color=_color(data, color), tooltip=tips(color, x, data=data) + [alt.Tooltip(f"{y}:Q", format=".3g")]
    ).properties(title=title, height=SIZE)


TAYLOR = "optimizers.taylor"  # the catalog's wording of the Taylor part's curves and steps


def taylor(curves: pd.DataFrame, steps: pd.DataFrame, title: str) -> alt.LayerChart:
    """g(s) with its linear and quadratic models; dots where the start, gradient and Newton steps land."""
    lo, hi = curves[curves.curve == "function"].value.min(), curves[curves.curve == "function"].value.max()
    curves, steps = shown(curves, "curve", scope=TAYLOR), shown(steps, "step", scope=TAYLOR)
    pad = 0.3 * (hi - lo + 1e-9)
    y = alt.Y("value:Q", title="f", scale=alt.Scale(domain=[lo - pad, hi + pad], nice=False))
    legend, shapes = legend_rows(curves.curve), legend_rows(steps.step, "top")
    lines = alt.Chart(curves).mark_line(clip=True).encode(
        x=alt.X("s:Q", title="s"), y=y, color=colours.color(curves, "curve:N", legend=legend),
        strokeDash=alt.StrokeDash("curve:N", title=None, legend=legend),
        tooltip=tips("curve", "s", "value", data=curves))
    dots = alt.Chart(steps).mark_point(size=140, filled=True, clip=True).encode(
        x=alt.X("s:Q"), y=y, shape=alt.Shape("step:N", title=None, legend=shapes),
        tooltip=tips("step", "s", "value", "model_value", data=steps))
    # Each landing point in view gets a thin vertical rule and its name at the top of the plot, a line of its own
    # per step: names of steps that land close together (a small learning rate) stand one above the other instead
    # of over each other, and over the dots.
    low, high = curves.s.min(), curves.s.max()
    inside = steps[(steps.s >= low) & (steps.s <= high)].reset_index(drop=True)
    marks = [lines, dots, alt.Chart(inside).mark_rule(strokeDash=[2, 3], color=colours.GREY).encode(x=alt.X("s:Q"))]
    for k in range(len(inside)):
        side = 1 if inside.s[k] <= (low + high) / 2 else -1  # the name on the side with room: right of its rule or left
        mark = alt.Chart(inside.iloc[[k]]).mark_text(y=4 + 16 * k, baseline="top", dx=4 * side,
                                                     align="left" if side > 0 else "right")
        marks.append(mark.encode(x=alt.X("s:Q"), text=alt.Text("step:N")))
    return alt.layer(*marks).properties(title=title, height=SIZE)


def log_scatter(data: pd.DataFrame, x: str, y: str, color: str, title: str, *, x_title: str | None = None,
                y_title: str | None = None, log_y: bool = True, rule: pd.DataFrame | None = None) -> alt.LayerChart:
    """Lines with points over a log x axis (learning-rate sweeps), optional vertical rules (rule: x, color)."""
    ys = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    data, rule = shown(data, color), None if rule is None else shown(rule, color)
    names = list(dict.fromkeys(list(data[color]) + (list(rule[color]) if rule is not None else [])))
    legend = legend_rows(names)
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X(f"{x}:Q", title=x_title or column_title(x), scale=alt.Scale(type="log")),
        y=alt.Y(f"{y}:Q", title=y_title or column_title(y), scale=ys),
        color=colours.color(data, f"{color}:N", names=names, legend=legend),
        tooltip=tips(color, data=data) + [alt.Tooltip(f"{x}:Q", format=".4g"), alt.Tooltip(f"{y}:Q", format=".3g")])
    layers = [chart]
    if rule is not None:
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[5, 3]).encode(
            x=alt.X(f"{x}:Q"), color=colours.color(rule, f"{color}:N", names=names),
            tooltip=tips(*rule.columns, data=rule)))
    return alt.layer(*layers).properties(title=title, height=300)
