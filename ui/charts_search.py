"""Altair builders for the hyperparameter-search parts of the Babysitting page (core/search.py): trials over
the score along the important axis, best-score distributions, the coarse-to-fine scatter on log axes, and the
LR range test as a band over seeds with the rules' suggestions. No Streamlit calls; titles come translated,
option columns (method, stage, rule) with their shown names, in the order they are to be listed.

The two things each chart compares (grid and random search, the coarse and fine stages, the two rules) take
their colours from ui.colours (Okabe & Ito's blue and orange, readable in both themes) and a second channel
(shape or dash).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ui import colours
from ui.charts import HEIGHT, tips
from ui.i18n import column_title as shared_title
from ui.i18n import has, t

SCOPE = "babysitting"
ROW = 40  # pixels per row of a chart with a discrete y axis (a fixed height squashes it to one line)
TOP = 1.5  # the range test's loss axis ends at 1.5x the highest starting loss


def column_title(column: str) -> str:
    """A column's shown name: the page's `babysitting.col.<name>` where it has one (e.g. a suggestion 'rule',
    not an optimizer's update rule), else the shared one."""
    return t(f"{SCOPE}.col.{column}") if has(f"{SCOPE}.col.{column}") else shared_title(column)


def _pair(data: pd.DataFrame, field: str, legend: bool = True) -> alt.Color:
    return colours.color(data, f"{field}:N", legend=alt.Legend(orient="bottom") if legend else None)


def _shape(data: pd.DataFrame, field: str) -> alt.Shape:
    order = list(dict.fromkeys(data[field]))
    return alt.Shape(f"{field}:N", title=None, sort=order,
                     scale=alt.Scale(domain=order, range=["circle", "square"][:len(order)]))


def log_scale(lo: float, hi: float) -> tuple[alt.Scale, alt.Axis]:
    """A log scale over [lo, hi] and its axis, with a tick and a grid line at whole decades only (at most about
    seven of them), labelled 1e-7 ... 0.01 ... 100."""
    first, last = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
    every = max(1, math.ceil((last - first + 1) / 7))
    decades = [10.0 ** k for k in range(first, last + 1, every)]
    return alt.Scale(type="log", domain=[lo, hi], nice=False), alt.Axis(values=decades, format="~g", grid=True)


def log_x(field: str, lo: float, hi: float) -> alt.X:
    scale, axis = log_scale(lo, hi)
    return alt.X(f"{field}:Q", title=column_title(field), scale=scale, axis=axis)


def trials_on_response(trials: pd.DataFrame, response: pd.DataFrame, title: str) -> alt.LayerChart:
    """Bergstra & Bengio's Fig. 1 seen from the side: the best score possible along the important axis
    (response rows with axis "important": position, score) and every trial of one repeat at (important,
    score), one colour and shape per method. A k x k grid's trials stand in k columns."""
    curve = response[response.axis == "important"]
    line = alt.Chart(curve).mark_line(color="gray", strokeWidth=1.5).encode(
        x=alt.X("position:Q", title=column_title("important"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("score:Q", title=column_title("score")), tooltip=tips("position", "score", data=curve))
    dots = alt.Chart(trials).mark_point(size=70, filled=True, opacity=0.85).encode(
        x=alt.X("important:Q"), y=alt.Y("score:Q"), color=_pair(trials, "method"), shape=_shape(trials, "method"),
        tooltip=tips("method", "trial", "important", "unimportant", "score", data=trials))
    return alt.layer(line, dots).properties(title=title, height=HEIGHT)


def best_scores(best: pd.DataFrame, title: str) -> alt.LayerChart:
    """The best score of every repeat (best: repeat, method, best_score) as a tick per repeat, one row per
    method, with a diamond at the row's median: both the spread and where most repeats end up."""
    y = alt.Y("method:N", title=None, sort=list(dict.fromkeys(best.method)))
    ticks = alt.Chart(best).mark_tick(opacity=0.35, thickness=2, size=ROW * 0.7).encode(
        x=alt.X("best_score:Q", title=column_title("best_score")), y=y, color=_pair(best, "method", legend=False),
        tooltip=tips("method", "repeat", "best_score", "best_important", data=best))
    medians = alt.Chart(best).mark_point(shape="diamond", size=160, filled=True, color=colours.VERMILLION).encode(
        x=alt.X("median(best_score):Q"), y=y,
        tooltip=[alt.Tooltip("method:N"), alt.Tooltip("median(best_score):Q", title=column_title("median_best"))])
    return alt.layer(ticks, medians).properties(title=title, height=alt.Step(ROW * 1.5))


def _decades(*columns: pd.Series) -> tuple[float, float]:
    """Whole decades around every value of the columns (two at least: a log scale needs lo < hi)."""
    values = pd.concat(columns)
    lo, hi = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    return 10.0 ** lo, 10.0 ** max(hi, lo + 1)


def search_scatter(trials: pd.DataFrame, boxes: pd.DataFrame, best: pd.DataFrame, title: str) -> alt.LayerChart:
    """The trials over (lr, reg) on log axes, coloured by validation accuracy, shaped by stage (diverged ones
    faint); each stage's box (dashed for the fine one) and a ring round each stage's best."""
    lr_scale, lr_axis = log_scale(*_decades(trials.lr, boxes.lr_lo, boxes.lr_hi))
    reg_scale, reg_axis = log_scale(*_decades(trials.reg, boxes.reg_lo, boxes.reg_hi))
    x = alt.X("lr:Q", title=column_title("lr"), scale=lr_scale, axis=lr_axis)
    y = alt.Y("reg:Q", title=column_title("reg"), scale=reg_scale, axis=reg_axis)
    frames = alt.Chart(boxes).mark_rect(fillOpacity=0, stroke="gray", strokeWidth=1.5).encode(
        x=alt.X("lr_lo:Q", title=column_title("lr"), scale=lr_scale, axis=lr_axis), x2=alt.X2("lr_hi"),
        y=alt.Y("reg_lo:Q", title=column_title("reg"), scale=reg_scale, axis=reg_axis), y2=alt.Y2("reg_hi"),
        strokeDash=alt.StrokeDash("stage:N", sort=list(dict.fromkeys(boxes.stage)), legend=None),
        tooltip=tips("stage", "lr_lo", "lr_hi", "reg_lo", "reg_hi", data=boxes))
    dots = alt.Chart(trials).mark_point(size=80, filled=True).encode(
        x=x, y=y, shape=alt.Shape("stage:N", title=None, sort=list(dict.fromkeys(trials.stage)),
                                  legend=alt.Legend(orient="top")),
        color=alt.Color("val_accuracy:Q", title=column_title("val_accuracy"),
                        scale=alt.Scale(scheme=colours.SEQUENTIAL),
                        legend=alt.Legend(orient="bottom", gradientLength=160)),
        opacity=alt.OpacityValue(0.95, condition=alt.ConditionalPredicateValueDefnumberExprRef(
            test="datum.diverged", value=0.3)),  # diverged trials faint
        tooltip=tips("stage", "trial", "lr", "reg", "val_accuracy", "diverged", data=trials))
    rings = alt.Chart(best).mark_point(size=320, shape="circle", strokeWidth=2, color=colours.VERMILLION).encode(
        x=x, y=y, tooltip=tips("stage", "lr", "reg", "val_accuracy", data=best))
    return alt.layer(frames, dots, rings).properties(title=title, height=360)  # with two legends


def accuracy_against(trials: pd.DataFrame, field: str, title: str) -> alt.Chart:
    """Validation accuracy of every trial against one hyperparameter (a log axis), one colour per stage: the
    search seen along one axis."""
    x = log_x(field, *_decades(trials[field]))
    return alt.Chart(trials, title=title).mark_point(size=70, filled=True).encode(
        x=x, y=alt.Y("val_accuracy:Q", title=column_title("val_accuracy")), color=_pair(trials, "stage"),
        shape=_shape(trials, "stage"),
        tooltip=tips("stage", "trial", "lr", "reg", "val_accuracy", "diverged", data=trials)).properties(height=320)


def range_band(curves: pd.DataFrame, suggestions: pd.DataFrame, domain: tuple[float, float], title: str
               ) -> alt.LayerChart:
    """The range test over seeds on a log-lr axis over `domain`: the band between the lowest and the highest
    smoothed loss of the seeds still running at each rate, their median, each seed's smoothed curve (thin),
    and a vertical rule at every seed's suggestion, one colour and dash per rule. As fastai's plot, the loss
    axis leaves the blow-up out: it ends at TOP x the highest starting loss (what stopped a run is clipped)."""
    x = log_x("lr", *domain)
    starts = curves[curves.step == curves.step.min()].smoothed
    scale = alt.Scale(domain=[0.95 * float(curves.smoothed.min()), TOP * float(starts.max())], zero=False, nice=False)
    y = alt.Y("smoothed:Q", title=column_title("smoothed"), scale=scale)
    band = alt.Chart(curves).mark_area(opacity=0.2, color="gray", clip=True).encode(
        x=x, y=alt.Y("min(smoothed):Q", title=column_title("smoothed"), scale=scale), y2=alt.Y2("max(smoothed)"))
    seeds = alt.Chart(curves).mark_line(strokeWidth=1, opacity=0.5, color="gray", clip=True).encode(
        x=x, y=y, detail=alt.Detail("seed:N"), tooltip=tips("seed", "step", "lr", "loss", "smoothed", data=curves))
    median = alt.Chart(curves).mark_line(color="gray", strokeWidth=2.5, clip=True).encode(
        x=x, y=alt.Y("median(smoothed):Q", scale=scale),
        tooltip=[alt.Tooltip("lr:Q", format=".2e"), alt.Tooltip("median(smoothed):Q", title=column_title("smoothed"))])
    rules = alt.Chart(suggestions).mark_rule(strokeWidth=1.5, opacity=0.85).encode(
        x=x, color=_pair(suggestions, "rule"),
        strokeDash=alt.StrokeDash("rule:N", sort=list(dict.fromkeys(suggestions.rule)), legend=None),
        tooltip=tips("rule", "seed", "lr", data=suggestions))
    return alt.layer(band, seeds, median, rules).properties(title=title, height=360)  # with its axis and legend


def suggestion_strip(suggestions: pd.DataFrame, domain: tuple[float, float], title: str) -> alt.Chart:
    """Each seed's suggestion per rule, one row per rule, on the same log-lr axis as range_band: how far
    apart the seeds' suggestions fall."""
    return alt.Chart(suggestions, title=title).mark_point(size=90, filled=True, opacity=0.85).encode(
        x=log_x("lr", *domain),
        y=alt.Y("rule:N", title=None, sort=list(dict.fromkeys(suggestions.rule))),
        color=_pair(suggestions, "rule", legend=False), shape=_shape(suggestions, "rule"),
        tooltip=tips("rule", "seed", "lr", data=suggestions)).properties(height=alt.Step(ROW))
