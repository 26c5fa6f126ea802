"""Issue 14, the health view (ui/health.py) under every part that trains an MLP through core.train: present,
driven by the link (hvar, hlayer, hstep), robust to bad links, and read out in both languages."""

import ast
import json

import pandas as pd
import pytest

from tests.conftest import ROOT, open_page, problems, texts
from ui.text import CATALOG
from ui.topics import TOPICS

# Every part whose runs go through core.train with an MLP (core.models.MLP, or a model exposing its hidden
# layers the same way: acts() and weights(), as stochastic depth's residual MLP does). Left out: parts without
# training and the CNN of fractional max pooling (its layers are convolutions, no hidden units of an MLP). The
# grids (batchnorm grids, optimizers sweep) record the one run the view shows.
HEALTH_PARTS = {"activations": {"dead", "race"}, "batchnorm": {"grids", "gamma", "noise", "norms"},
                "optimizers": {"network", "sweep", "schedules"},
                "regularization": {"overfit", "penalty", "dropout", "inference", "dropconnect", "depth",
                                   "augment", "ensemble"}}
# Smaller settings for the grids, whose page default trains 15-16 runs.
SMALL = {("batchnorm", "grids"): {"points": "2", "steps": "40"},
         ("optimizers", "sweep"): {"points": "3", "steps": "20"}}
PATHS = {topic.scope: topic.path for topic in TOPICS}
TITLE = CATALOG["health.title"]


def parts_calling_health_view(scope: str) -> set[str]:
    """The part functions of a page (its PARTS) whose body calls health_view."""
    tree = ast.parse((ROOT / PATHS[scope]).read_text())
    calls = lambda node: any(isinstance(n, ast.Call) and getattr(n.func, "id", None) == "health_view"
                             for n in ast.walk(node))
    calling = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and calls(node)}
    registry = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", None) == "PARTS")
    return {key.value for key, value in zip(registry.keys, registry.values)  # ** splats: paper cards (ui.cards)
            if key is not None and value.id in calling}


# The pages above, and any other page's parts that call health_view (the Initialization page's own).
CASES = sorted({(scope, part) for scope in PATHS for part in parts_calling_health_view(scope)}
               | {(scope, part) for scope, parts in HEALTH_PARTS.items() for part in parts})


@pytest.mark.parametrize("scope", sorted(HEALTH_PARTS))
def test_the_parts_that_train_mlps_are_the_parts_with_the_view(scope):
    assert parts_calling_health_view(scope) == HEALTH_PARTS[scope]


def health_chart(at) -> dict:
    """The spec of the page's health figure (the chart with the cell selection)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    return next(spec for spec in specs if any(p.get("name") == "cell" for p in spec.get("params", [])))


@pytest.mark.parametrize("scope, part", CASES)
def test_every_mlp_training_part_shows_the_health_view(scope, part):
    at = open_page(PATHS[scope], part=part, timeout=120, health="1", **SMALL.get((scope, part), {}))
    assert problems(at) == []
    assert TITLE[0] in [e.label for e in at.expander]
    spec = health_chart(at)
    (cell,) = spec["params"]
    assert len(cell["views"]) == 4 and len(spec["vconcat"]) == 7  # 4 heatmaps, the numbers, 2 histograms
    assert "update:data" in texts(at)  # the reading line: update:data is always read out


def test_the_link_picks_the_variant_and_the_cell():
    at = open_page(PATHS["activations"], part="race", hvar="Leaky ReLU", hlayer="1", hstep="5", timeout=120)
    assert problems(at) == []
    assert at.selectbox(key="hvar").value == "leaky_relu"
    assert "**Leaky ReLU**" in texts(at)  # the reading is of the variant shown
    (cell,) = health_chart(at)["params"]
    assert cell["value"] == [{"layer": 1, "step": 5}]


def test_bad_link_values_fall_back_with_a_note():
    at = open_page(PATHS["activations"], part="race", hvar="nope", hlayer="x", hstep="999", timeout=120)
    assert problems(at) == []
    assert at.selectbox(key="hvar").value == "sigmoid"  # the first variant
    shown = texts(at)
    assert all(f"`{given}`" in shown for given in ("hvar=nope", "hlayer=x", "hstep=999"))
    (cell,) = health_chart(at)["params"]
    assert cell["value"][0]["layer"] in (1, 2) and cell["value"][0]["step"] >= 0


@pytest.mark.parametrize("query", [{"hlayer": "-1"}, {"hstep": "1e9"}, {"hlayer": ""}, {"hvar": ""}])
def test_odd_link_values_give_no_traceback(query):
    at = open_page(PATHS["optimizers"], part="network", timeout=120, **query)
    assert problems(at) == []


def test_the_reading_is_in_korean():
    at = open_page(PATHS["activations"], part="race", lang="ko", health="1", timeout=120)
    assert problems(at) == []
    assert TITLE[1] in [e.label for e in at.expander]
    assert "갱신:가중치 비의 중앙값" in texts(at)


def test_the_figure_shares_one_selection_and_filters_the_histograms_by_it():
    from ui.health import _powers, health_figure

    health = pd.DataFrame([(v, s, layer, stat, 0.5) for v in ("a",) for s in (0, 1, 3) for layer in (1, 2)
                           for stat in ("saturated", "dead", "act_mean", "act_std", "act_grad_std", "grad_data")]
                          + [("a", s, layer, "update_data", -3.0) for s in (0, 1, 3) for layer in (1, 2)],
                          columns=["variant", "step", "layer", "stat", "value"])
    hists = pd.DataFrame([("a", s, layer, q, b, b, b + 1, 1) for s in (0, 1, 3) for layer in (1, 2)
                          for q in ("activation", "gradient") for b in range(3)],
                         columns=["variant", "step", "layer", "quantity", "bin", "lo", "hi", "count"])
    spec = health_figure(health, hists, {"layer": 2, "step": 1}).to_dict(validate=True)
    assert [p["name"] for p in spec["params"]] == ["cell"]
    assert all({"filter": {"param": "cell", "empty": False}} in view["transform"] for view in spec["vconcat"][4:])
    assert spec["vconcat"][0]["encoding"]["x"]["scale"]["domain"] == [0, 1, 3]  # every heatmap: the same steps
    assert _powers([-3, 0]) == "datum.value == 0 ? '1' : datum.value == -3 ? '10⁻³' : ''"


def test_health_frames_stay_small():
    """The result cache keeps the frames: about 20 bytes a histogram row."""
    from core.activations import RaceConfig, race

    out = race(RaceConfig(steps=40, n=90))
    size = sum(int(out[k].memory_usage(deep=True).sum()) for k in ("health", "histograms"))
    assert size / len(out["histograms"]) < 40


def steps_and_cell(at) -> tuple[list[int], dict]:
    """The logged steps of the figure's heatmaps and the cell it starts selected."""
    spec = health_chart(at)
    return spec["vconcat"][0]["encoding"]["x"]["scale"]["domain"], spec["params"][0]["value"][0]


def test_a_clicked_cell_goes_into_the_link_and_the_link_selects_it():
    """A click sends the chart's selection (its widget state, as the browser does) and reruns the page: the URL
    then holds hlayer/hstep, and a page opened from those alone starts on that cell. Clicking the default cell
    takes them out of the link again."""
    from ui.health import CHART

    query = {"part": "race", "steps": "40", "health": "1"}
    at = open_page(PATHS["activations"], timeout=120, **query)
    steps, default = steps_and_cell(at)
    cell = {"layer": 1 if default["layer"] != 1 else 2, "step": steps[len(steps) // 2]}
    assert cell["step"] != default["step"]
    at.session_state[CHART + "activations"] = {"selection": {"cell": [cell]}}  # what a click on that cell sends
    at.run()
    assert problems(at) == []
    link = {key: at.query_params[key] for key in ("hlayer", "hstep")}
    assert link == {"hlayer": str(cell["layer"]), "hstep": str(cell["step"])}
    assert steps_and_cell(at)[1] == cell
    query.pop("health")  # a link to a cell opens the view by itself
    again = open_page(PATHS["activations"], timeout=120, **query, **link)
    assert problems(again) == [] and steps_and_cell(again)[1] == cell
    assert TITLE[0] in [e.label for e in again.expander if e.proto.expanded]  # a linked cell opens it
    at.session_state[CHART + "activations"] = {"selection": {"cell": [default]}}
    at.run()
    assert "hlayer" not in at.query_params and "hstep" not in at.query_params


def test_a_grid_lists_every_run_and_shows_the_one_picked():
    """The BatchNorm grids at 2 values per axis: 8 runs, all in the picker with readable names; the link's run
    is the one recorded and read."""
    at = open_page(PATHS["batchnorm"], part="grids", points="2", steps="40", hvar="lr 3 · None", timeout=120)
    assert problems(at) == []
    box = at.selectbox(key="hvar")
    grid = (("lr", ("0.03", "3")), ("std", ("0.001", "1")))
    assert box.options == [f"{axis} {value} · {norm}" for axis, values in grid for value in values
                           for norm in ("no normalization", "BatchNorm")]  # the page's legend names
    assert box.value == "lr 3 · none" and at.query_params["hvar"] == "lr 3 · none"  # the link keeps the id
    assert "**lr 3 · no normalization**" in texts(at) and CATALOG["health.one_run"][0].format(n=8) in texts(at)


def test_the_view_is_closed_until_opened_and_only_an_open_view_computes():
    """Closed by default: no figure is sent and a grid's picked run is not trained again (the result cache holds
    only the grid). Opening it (the expander's state, as a click sets it) draws the figure and puts health=1 in
    the URL and the share link; closing it takes health and the cell out again. A bad health value gets a note."""
    from ui import cache
    from ui.health import OPENED

    query = {"part": "grids", "points": "2", "steps": "40"}
    at = open_page(PATHS["batchnorm"], timeout=120, **query)
    assert problems(at) == [] and TITLE[0] in [e.label for e in at.expander]
    assert not any(p.get("name") == "cell" for c in at.get("vega_lite_chart")
                   for p in json.loads(c.proto.spec).get("params", []))
    assert [key[1] for key in cache._results] == ["lr_and_init_grids"]  # no grid_health run
    at.session_state[OPENED + "batchnorm"] = True
    at.run(timeout=120)
    assert problems(at) == [] and health_chart(at)["params"][0]["name"] == "cell"
    assert at.query_params["health"] == "1" and any("health=1" in c.value for c in at.code)  # the share link
    assert len(cache._results) == 2  # the picked run, trained again with recording
    at.session_state[OPENED + "batchnorm"] = False
    at.run(timeout=120)
    assert "health" not in at.query_params and "hstep" not in at.query_params
    bad = open_page(PATHS["batchnorm"], timeout=120, health="yes", **query)
    assert problems(bad) == [] and "`health=yes`" in texts(bad)
