"""Page furniture shared by every page: header, part selector, charts with their data, notices."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui.charts import Panels
from ui.controls import FRESH, moved, quoted, raw, share_value, write
from ui.i18n import column_title, has, t
from ui.options import legend_label, named

PART = "part"  # URL key of the part selector


# The app's own style, set once per run by app.py for every page. At phone width (390 px) nothing pushes the page
# sideways: a chart drawn at its own size (a mosaic with square pixels) shrinks to its column, keeping its
# proportions; small multiples wrap (ui.charts.Panels); a table scrolls inside itself (st.dataframe does).
# Captions take the text's own colour at 80% opacity: Streamlit's grey for them has a contrast of 3.9:1 on white
# and 3.8:1 on the sidebar, under WCAG's 4.5:1 for small text (axe-core, tests/test_a11y.py); this gives about
# 6.5:1 on the light theme and 11:1 on the dark one. A multiselect's chips keep the light theme's accent (white
# on it 5.8:1) in the dark theme too, whose lighter accent (.streamlit/config.toml) is for text.
STYLE = """<style>
[data-testid="stMain"] [data-testid="stElementContainer"] {max-width: 100%;}
[data-testid="stMain"] [data-testid="stVegaLiteChart"] {max-width: 100%;}
[data-testid="stMain"] [data-testid="stVegaLiteChart"] :is(svg, canvas) {max-width: 100%; height: auto !important;}
[data-testid="stCaptionContainer"] {color: inherit; opacity: 0.8;}
[data-testid="stMultiSelectTagsContainer"] [role="group"] > span {background-color: #6a4fd1;}
</style>"""


def header(scope: str) -> None:
    """Title and the lecture's claim for the page."""
    st.title(t(f"{scope}.title"))
    st.markdown(t(f"{scope}.intro"))


def parts(scope: str, ids: list[str]) -> str:
    """A selector of the page's parts; only the chosen part runs. Returns its id.

    The URL keeps the part's id (`part=dead`), written by hand rather than by `bind`, because a bound
    selector would store its translated label and a Korean link would not open in English."""
    given = raw(PART)
    if given and given[0] not in ids and st.session_state.get(FRESH):
        st.warning(t("note.replaced", param=PART, given=quoted(given[0]), used=ids[0]), icon=":material/warning:")
    start = given[0] if given and given[0] in ids else ids[0]
    if st.session_state.get("_part_page") != scope or moved(PART):  # a new page, or back in history: from the URL
        st.session_state["_part_page"], st.session_state["_part"] = scope, start
    choice = st.segmented_control(t("ui.part"), ids, key="_part", format_func=lambda i: t(f"{scope}.{i}.name"),
                                  label_visibility="collapsed")
    choice = choice if choice in ids else ids[0]
    write(PART, [choice] if choice != ids[0] else None)
    share_value(PART, choice, ids[0])
    st.subheader(t(f"{scope}.{choice}.name"))
    st.markdown(t(f"{scope}.{choice}.claim"))
    return choice


VALIDATE_CHARTS = False  # tests/test_pages.py turns it on: every chart of every page checked against the schema


def chart(figure: alt.TopLevelMixin | Panels, data: pd.DataFrame, name: str, width: str = "stretch") -> None:
    """Draw an Altair chart (or small multiples, ui.charts.Panels) and offer the frame behind it as CSV. Rows
    with a non-finite number (an overflowed or diverged value) are left out of the chart, never sent to Vega.
    width="content" keeps the chart's own size (pictures whose pixels must stay square; STYLE shrinks them
    to a narrower column)."""
    if isinstance(figure, Panels):
        small_multiples(figure, name)
    else:
        st.altair_chart(sendable(figure), width=width)
    download(data, name)


def small_multiples(figure: Panels, name: str) -> None:
    """The panels side by side in a row that wraps: as many per line as the column holds (two on a phone). The
    row's key (class st-key-panels_<name>) lets the browser tests find it."""
    if figure.title:
        st.markdown(f"**{figure.title}**")
    with st.container(horizontal=True, gap="small", key=f"panels_{name}"):
        for panel in figure.charts:
            st.altair_chart(sendable(panel), width="content")


def sendable(figure: alt.TopLevelMixin):
    """The chart as st.altair_chart should get it: rows with a non-finite number left out, and its spec made
    without Altair's schema validation unless VALIDATE_CHARTS (the tests) asks for it. For a page's own
    st.altair_chart call (ui.health's selectable figure); ui.layout.chart uses it for every other chart."""
    figure = charts.fitted(_finite_rows(figure))
    return figure if VALIDATE_CHARTS else _Unvalidated(figure)


class _Unvalidated:
    """A chart whose spec is made without Altair's JSON-schema validation, which took a third of a warm
    page run (py-spy; Streamlit converts the chart with a bare `to_dict()`). The specs are fixed by our
    code, not by users, and the tests validate all of them."""

    def __init__(self, figure: alt.TopLevelMixin):
        self.figure = figure

    def to_dict(self, *args, **kwargs) -> dict:
        return self.figure.to_dict(*args, **{**kwargs, "validate": False})


def _finite_rows(figure):
    data = getattr(figure, "data", None)
    if isinstance(data, pd.DataFrame):
        numbers = data.select_dtypes("number").to_numpy(dtype=float, na_value=np.nan)
        keep = np.isfinite(numbers).all(axis=1)
        if not keep.all():
            figure = figure.properties(data=data[keep])
    return figure


MISSING = "–"  # what a table or text shows for a number that was never measured (a run that did not diverge)


def table(data: pd.DataFrame, name: str, names: tuple[str, ...] = (), scope: str | None = None, **kwargs) -> None:
    """A table with translated headers and, in the columns `names` (option and series ids: 'sgd', 'start',
    'adam, y0=0'), the names in the page's words (ui.options.legend_label, `scope` as there); its CSV keeps the
    data as computed (original column names and ids), like a chart's. A column's own config (a number format)
    keeps the translated header unless it brings a label of its own; a column with a `col_help.<name>` entry in
    the catalog explains itself in its header's tooltip. A missing value reads MISSING, not Streamlit's "None"."""
    config = {c: {"label": column_title(c), "help": t(f"col_help.{c}")} if has(f"col_help.{c}") else column_title(c)
              for c in data.columns}
    for c, given in kwargs.pop("column_config", {}).items():
        config[c] = {**given, "label": given.get("label") or column_title(c)} if isinstance(given, dict) else given
    st.dataframe(named(data, *names, scope=scope), hide_index=True, column_config=config, placeholder=MISSING,
                 **kwargs)
    download(data, name)


def download(data: pd.DataFrame, name: str, label: str | None = None) -> None:
    """The CSV of a frame, made only when the button is pressed (a callable, not bytes on every run); label
    tells it apart from the chart's own button where a chart has two frames."""
    st.download_button(label or t("ui.download"), lambda: data.to_csv(index=False).encode(), file_name=f"{name}.csv",
                       mime="text/csv", key=f"dl_{name}", on_click="ignore")


def twin_runs_report(history: pd.DataFrame, summary: pd.DataFrame, loss_title: str, accuracy_title: str,
                     name: str, first: tuple[str, ...] = ()) -> None:
    """The usual view of twin runs (core.train frames): training loss (log) and validation accuracy side by
    side, the summary table, and a warning for every run that diverged and was stopped. first: the summary's
    columns shown right after the variant, where a phone shows them without scrolling the table (the part's
    point, e.g. the race's CPU seconds; the CSV keeps the computed order)."""
    from ui import charts

    hist = named(history, "variant")
    left, right = st.columns(2)
    with left:
        chart(charts.lines(hist[hist.split == "train"], "step", "loss", "variant", loss_title, log_y=True), history,
              f"{name}_history")
    with right:
        chart(charts.lines(hist[hist.split == "val"], "step", "accuracy", "variant", accuracy_title), history,
              f"{name}_validation")
    order = ["variant", *first, *(c for c in summary.columns if c not in ("variant", *first))]
    table(summary, f"{name}_summary", names=("variant",), column_order=order)
    for r in summary[summary.diverged_at.notna()].itertuples():
        st.warning(t("run.diverged", variant=legend_label(r.variant), step=int(r.diverged_at),
                     reason=t(f"reason.{r.reason}")))


def formula(*lines: str) -> None:
    """A formula of one or more equations, one centred line each (a KaTeX array, each line in display style). A
    phone's column is 358 px wide: equations side by side on one line were wider and scrolled inside
    themselves, hiding their ends (measured in Chromium at 390 px); a line of its own each fits."""
    st.latex(r"\begin{array}{c}" + r" \\ ".join(rf"\displaystyle {line}" for line in lines) + r"\end{array}")


def notice(text: str) -> None:
    """'What to notice', with this run's numbers already in the text."""
    st.info(text, icon=":material/search:")
