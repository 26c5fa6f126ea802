"""Every part of every page, opened with its defaults through the real app (AppTest): no exception or
error box, and one "what to notice" box per experiment shown, filled with this run's numbers."""

import importlib
import json

import altair.utils.schemapi as schemapi
import pytest

from tests.conftest import open_page, problems
from ui.topics import TOPICS

CASES = [(topic.path, part) for topic in TOPICS
         for part in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS]

NOTICES = {("app_pages/batchnorm.py", "gamma"): 2}  # learned gamma/beta, then the identity demonstration


@pytest.fixture(autouse=True)
def _validated_charts(monkeypatch):
    """The app skips Altair's schema validation for speed (ui.layout._Unvalidated); here every chart of
    every part is validated."""
    monkeypatch.setattr("ui.layout.VALIDATE_CHARTS", True)


@pytest.fixture
def slow_channels(monkeypatch) -> list:
    """Records each time Altair builds a channel from a bare string or dict (its slow `from_dict` path,
    ~1 ms each, see ui/charts.tips): pages pass channel objects."""
    seen = []
    original = schemapi._FromDict.__init__
    monkeypatch.setattr(schemapi._FromDict, "__init__", lambda self, *a: (seen.append(1), original(self, *a))[1])
    return seen


# Channels that draw an axis, a legend or a header (tooltip, text and detail do not).
GUIDED = ("x", "y", "color", "fill", "stroke", "size", "shape", "strokeDash", "opacity", "column", "row", "facet")


def guided(encoding: dict) -> dict:
    return {ch: e for ch, e in (encoding or {}).items() if ch in GUIDED and isinstance(e, dict)}


def settled(layers: list) -> set:
    """Channels whose guide a layer of this layered chart titles or hides: the layers share it."""
    out = set()
    for layer in layers:
        for ch, e in guided(layer.get("encoding")).items():
            guide = e.get("axis", e.get("legend", e.get("header", {})))
            if "title" in e or guide is None or "title" in guide:
                out.add(ch)
        out |= settled(layer.get("layer", []))
    return out


def untitled(spec, path: str = "", shared: frozenset = frozenset()) -> list[str]:
    """Where a chart shows a data column's raw name ("best_accuracy", "pc1"): a channel with a field and a guide
    but no title, in no layer of its layered chart (Vega-Lite then titles the guide with the field)."""
    found = []
    if isinstance(spec, list):
        return [f for i, item in enumerate(spec) for f in untitled(item, f"{path}[{i}]", shared)]
    if not isinstance(spec, dict):
        return found
    shared = shared | settled(spec.get("layer", []))
    for ch, e in guided(spec.get("encoding")).items():
        guide = e.get("axis", e.get("legend", e.get("header", {})))
        if "field" in e and not ("title" in e or ch in shared or guide is None or "title" in guide):
            found.append(f"{path}/{ch}: {e['field']}")
    for key, value in spec.items():
        if key not in ("data", "datasets", "encoding"):
            found += untitled(value, f"{path}/{key}", frozenset(shared))
    return found


@pytest.mark.parametrize("path, part", CASES)
def test_every_part_renders_with_its_notice(path, part, slow_channels):
    """...and every axis and legend of its charts has a title of its own, never a data column's raw name."""
    at = open_page(path, part=part, timeout=120)
    assert problems(at) == []
    assert len(at.info) == NOTICES.get((path, part), 1)
    assert slow_channels == []
    assert [f for c in at.get("vega_lite_chart") for f in untitled(json.loads(c.proto.spec))] == []


def test_a_guide_without_a_title_is_found():
    """The check above finds what the 2x2 table's legend and the PCA's axes showed ('best_accuracy', 'pc1'), and
    passes a layer that shares a titled or hidden guide."""
    bare = {"layer": [{"mark": "rect", "encoding": {"color": {"field": "best_accuracy", "type": "quantitative"}}}]}
    assert untitled(bare) == ["/layer[0]/color: best_accuracy"]
    assert untitled({"encoding": {"x": {"field": "pc1", "type": "quantitative"}}}) == ["/x: pc1"]
    shared = {"layer": [{"encoding": {"x": {"field": "step", "type": "quantitative", "title": "step"}}},
                        {"encoding": {"x": {"field": "best_step", "type": "quantitative"}}}]}
    hidden = {"encoding": {"x": {"field": "start", "type": "quantitative", "axis": None}}}
    assert untitled(shared) == [] and untitled(hidden) == []


def test_unvalidated_charts_send_the_same_spec():
    import pandas as pd

    from ui import charts
    from ui.layout import _finite_rows, _Unvalidated

    data = pd.DataFrame({"step": [0, 1, 2, 3], "loss": [1.0, 0.5, float("nan"), float("inf")], "variant": ["a"] * 4})
    figure = _finite_rows(charts.lines(data, "step", "loss", "variant", "t", log_y=True))
    assert len(figure.data) == 2  # non-finite rows never reach Vega
    assert _Unvalidated(figure).to_dict() == figure.to_dict()


def test_train_stays_solid_in_every_language():
    """The dash follows the data's order (train first), not the alphabet of the translated names."""
    import pandas as pd

    from ui import charts

    data = pd.DataFrame({"step": [0, 0], "loss": [1.0, 1.1], "variant": ["a", "a"], "split": ["학습", "검증"]})
    spec = charts.lines(data, "step", "loss", "variant", "t", dash="split").to_dict()
    assert spec["encoding"]["strokeDash"]["sort"] == ["학습", "검증"]


def shared_keys_with_other_bounds() -> list[tuple[str, str, str, str, float]]:
    """(page path, part A, part B, URL key, A's maximum) for a key two parts of a page share where A allows
    more than B (e.g. `steps` up to 2000 in one part, 1000 in the next): the first such key of each page (one
    mechanism, ui.controls._widget; A's maximum can be a slow run)."""
    from core.params import specs, url_key

    found = {}
    for topic in TOPICS:
        parts = importlib.import_module(f"core.{topic.scope}").EXPERIMENTS
        bounds = {part: {url_key(n, s): s for n, s in specs(type(cfg)).items() if s.kind in ("int", "float")
                         and not s.log} for part, (_, cfg) in parts.items()}
        for a, keys_a in bounds.items():
            for b, keys_b in bounds.items():
                for key in sorted(keys_a.keys() & keys_b.keys()):
                    if keys_a[key].hi > keys_b[key].hi and keys_a[key].hi - keys_a[key].lo <= 1000:
                        found.setdefault(topic.scope, (topic.path, a, b, key, keys_a[key].hi))
    return sorted(found.values())


@pytest.mark.parametrize("path, a, b, key, hi", shared_keys_with_other_bounds())
def test_a_value_another_part_allows_but_this_one_does_not_starts_over(path, a, b, key, hi):
    """Switching part keeps the controls a key shares (tests/test_initialization.py), unless the kept value is
    out of the new part's range: then that control starts from its default, and the part still runs."""
    at = open_page(path, part=a)
    at.slider(key=key).set_value(type(at.slider(key=key).value)(hi)).run()
    at.segmented_control(key="_part").set_value(b).run()
    assert problems(at) == [], (a, b, key)
    assert all(w.min <= w.value <= w.max for w in at.slider if w.key == key)  # if part B draws it


def test_line_legends_lie_under_the_plot_in_rows_a_phone_holds():
    """A line chart's series legend goes under the plot (beside it, it left the plot ~100 px wide on a phone),
    with as many entries to a row as a phone's column holds; a dash legend goes over the plot; the figure's
    height is the plot's, the legends added (fit-x: Streamlit's default fit squeezed the plot)."""
    import pandas as pd

    from ui import charts

    short = [f"v{i}" for i in range(5)]
    korean = ["정규분포 N(0, std²)", "Xavier/Glorot 정규분포", "Kaiming/He 정규분포"]
    assert charts.legend_rows(short).columns == 5 and charts.legend_rows(korean).columns < len(korean)
    variants = [v for v in short for _ in (0, 1)] * 2
    data = pd.DataFrame({"step": [0, 1] * 10, "loss": [1.0, 0.5] * 10, "variant": variants,
                         "split": ["train"] * 10 + ["val"] * 10})
    spec = charts.lines(data, "step", "loss", "variant", "t", dash="split").to_dict()
    assert spec["encoding"]["color"]["legend"] == {"orient": "bottom", "columns": 5}
    assert spec["encoding"]["strokeDash"]["legend"]["orient"] == "top"
    assert spec["height"] == charts.HEIGHT and "autosize" not in spec
    from ui.layout import sendable

    layered = charts.alt.layer(charts.lines(data, "step", "loss", "variant", "t"), charts.alt.Chart(data).mark_rule())
    for figure in (charts.lines(data, "step", "loss", "variant", "t"), layered):  # the whole figure, never a layer
        assert sendable(figure).to_dict()["autosize"] == {"type": "fit-x", "contains": "padding"}
    beside = charts.lines(data, "step", "loss", "variant", "t", facet="split").charts[0]  # panels: legend beside
    assert "autosize" not in sendable(beside).to_dict()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_summary_tables_cpu_seconds_explain_why_stacked_runs_show_equal_times(lang):
    """Optimizers' schedules train as one stacked model, so each run's CPU seconds are an equal share of the loop's
    time: the column's header says so in its tooltip (ui.layout.table, the catalog's col_help.seconds)."""
    from ui.text import CATALOG

    at = open_page("app_pages/optimizers.py", part="schedules", lang=lang)
    configs = [json.loads(df.proto.columns) for df in at.dataframe]
    seconds = [c["seconds"] for c in configs if "seconds" in c]
    help_text = CATALOG["col_help.seconds"][("en", "ko").index(lang)]
    assert seconds and all(c["help"] == help_text for c in seconds)
    assert all("help" not in c["variant"] for c in configs if "variant" in c)
