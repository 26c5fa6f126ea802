"""Series names in Korean: every name a core experiment gives a chart's series (or the health view's run picker)
reads, through the one translation (ui.options.legend_label), without an English word that is not a name the
lectures keep in Latin (tests/test_korean.py's allow-list: ReLU, Adam, BatchNorm, L2, lr, ...).

The names come from the real experiments, run at the smallest size their configs allow (every integer field at
its lower bound: the same code paths, the same names, in seconds), so a variant added to core without a Korean
name fails here.
"""

from __future__ import annotations

import functools
import importlib
import json
import pathlib
import re

import pandas as pd
import pytest
import streamlit as st

from core import params
from tests.test_korean import english_words
from ui.options import legend_label
from ui.topics import TOPICS

# The columns the pages colour, dash, shape or panel their charts by (ui/charts*.py, ui/curves.py), and the runs
# the health view's picker lists ("variant"). Other text columns (a table's verdicts, the pretraining's class
# names) are not series.
SERIES = ("variant", "run", "split", "activation", "init", "optimizer", "schedule", "strategy", "backbone", "rung",
          "stage", "method", "mode", "source", "scaling", "model", "pooling", "curve", "inputs", "arrow", "rule",
          "reason", "step")
# A part whose chart names its series in its own words: the catalog's `<scope>.legend.<name>` for that scope.
SCOPES = {("optimizers", "taylor"): "optimizers.taylor"}  # ui.charts_optimizers.TAYLOR
PAGES = [topic.scope for topic in TOPICS]


pytestmark = pytest.mark.usefixtures("in_korean")  # tests/conftest.py: `t` answers in Korean


def smallest(cfg):
    """The config with every integer field at its lower bound (steps, widths, sizes, repeats)."""
    bounds = {name: spec.lo for name, spec in params.specs(type(cfg)).items() if spec.kind == "int"}
    return params.validate(type(cfg), {**vars(cfg), **bounds})[0]


def frames(out):
    if isinstance(out, pd.DataFrame):
        yield out
    elif isinstance(out, dict):
        for value in out.values():
            yield from frames(value)


@functools.cache
def emitted(scope: str) -> dict[tuple[str, str], set[str]]:
    """(part, column) -> the text values every experiment of page `scope` puts in a series column, and the run
    names of its grids' pickers (core.batchnorm.grid_run_ids, core.optimizers.sweep_jobs)."""
    module = importlib.import_module(f"core.{scope}")
    found: dict[tuple[str, str], set[str]] = {}
    for part, (experiment, cfg) in module.EXPERIMENTS.items():
        for frame in frames(experiment(smallest(cfg))):
            for column in SERIES:
                if column in frame and pd.api.types.is_string_dtype(frame[column]):
                    found.setdefault((part, column), set()).update(frame[column].dropna().astype(str))
    grids = {"batchnorm": ("grids", "grid_run_ids"), "optimizers": ("sweep", "sweep_jobs")}
    if scope in grids:
        part, jobs = grids[scope]
        found.setdefault((part, "variant"), set()).update(getattr(module, jobs)(module.EXPERIMENTS[part][1]))
    return found


@pytest.mark.parametrize("scope", PAGES)
def test_every_series_name_reads_in_korean(scope):
    untranslated = {}
    for (part, column), names in emitted(scope).items():
        for name in sorted(names):
            shown = legend_label(name, SCOPES.get((scope, part), scope))
            if english_words(shown) or "_" in shown:
                untranslated[f"{part}.{column}: {name!r}"] = shown
    assert untranslated == {}


def test_the_names_were_collected():
    """The sweep sees the names the bug was about, so an empty result cannot pass unnoticed."""
    variants = emitted("regularization")["depth", "variant"]
    assert {"none", "stochastic depth"} <= variants
    assert {"adam_l2", "adamw"} <= emitted("regularization")["loshchilov2019", "variant"]


@pytest.mark.parametrize("name, korean", [
    ("stochastic depth", "확률적 깊이"), ("none", "규제 없음"), ("adam_l2 · lr 0.001", "Adam + L2 · 학습률 0.001"),
    ("kaiming_normal · layers 30", "Kaiming/He 정규분포 · 30층"), ("sgd, y0=0, noise 0.1", "SGD, y0=0, 잡음 0.1"),
    ("model 3", "모델 3"), ("act_std", "활성값 표준편차"), ("relu", "ReLU"), ("batch", "BatchNorm")])
def test_one_translation_reads_names_piece_by_piece(name, korean):
    assert legend_label(name) == korean
    assert legend_label(korean) == korean  # a shown name comes back as it is (a chart builder may name it again)


def test_a_page_has_its_own_words_and_english_stays_english(monkeypatch):
    assert legend_label("lr 3 · none", "batchnorm") == "학습률 3 · 정규화 없음"
    assert legend_label("plain", "regularization") == "증강 없음"
    assert legend_label("plain") == "평범한 신경망"  # the Ioffe & Szegedy card's network without BatchNorm
    monkeypatch.setitem(st.session_state, "lang", "en")
    assert legend_label("stochastic depth") == "stochastic depth"
    assert english_words(legend_label("stochastic depth")) == ["stochastic", "depth"]  # the checker does look


# --- the tables and notices of the pages ----------------------------------------------------------------------

def small_link(topic, part: str) -> dict[str, str]:
    """URL values that open `part` with every integer field of its config at its lower bound (as `smallest`),
    under every prefix the page's forms use (ui.controls.form(prefix=...), a card's own): the part reads its
    own keys and ignores the others."""
    from core.cards import CARDS

    cfg = importlib.import_module(f"core.{topic.scope}").EXPERIMENTS[part][1]
    small, spec = smallest(cfg), params.specs(type(cfg))
    source = pathlib.Path(topic.path).read_text()
    prefixes = {"", *re.findall(r'prefix="(\w+)"', source)} | ({CARDS[part].prefix} if part in CARDS else set())
    return {prefix + params.url_key(name, spec[name]): str(getattr(small, name)) for name in spec
            for prefix in prefixes if getattr(small, name) != getattr(cfg, name)}


def shown_english(at) -> dict[str, str]:
    """'where: text' -> its English words, for every header and text cell of every table the page shows and every
    "what to notice" box."""
    found = {}
    for i, frame in enumerate(at.dataframe):
        data = frame.value
        headers = json.loads(frame.proto.columns or "{}")
        for column in data.columns:
            header = (headers.get(str(column)) or {}).get("label") or str(column)
            if english_words(header) or header == column and "_" in header:  # an id left as it is
                found[f"table {i} header: {header}"] = english_words(header)
        for column in data.columns:
            if pd.api.types.is_object_dtype(data[column]) or pd.api.types.is_string_dtype(data[column]):
                for text in data[column].dropna().astype(str).unique():
                    if english_words(text) or "_" in text:
                        found[f"table {i}.{column}: {text}"] = english_words(text)
    for box in at.info:
        if english_words(box.value) or COUNT_AS_FLOAT.search(box.value):
            found[f"notice: {box.value[:80]}"] = english_words(box.value) + COUNT_AS_FLOAT.findall(box.value)
    return found


# A count printed as a float ("41.0단계", "11,689,512.0개"): a count comes from an int (a row read across a frame's
# columns, or a column with a missing value, turns it into a float).
COUNT_AS_FLOAT = re.compile(r"\d\.0+(?=단계|번|개|장|층|에폭)")


@pytest.mark.parametrize("topic", TOPICS, ids=PAGES)
def test_every_table_and_notice_reads_in_korean(topic):
    """Every part of the page, opened in Korean through the real app (AppTest) with its integer fields at their
    lower bounds (the same code paths and names as its defaults, in a fraction of the time): no table cell and
    no notice holds an English word outside the allow-list, nor a raw id ('no_affine'). A table column of option
    ids the page forgets to name (ui.layout.table's `names`), or a name inserted into a notice with the URL's
    label (option_label) instead of legend_label, fails here."""
    from tests.conftest import open_page

    found = {}
    for part in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS:
        at = open_page(topic.path, timeout=120, part=part, lang="ko", **small_link(topic, part))
        found |= {f"{part} {where}": words for where, words in shown_english(at).items()}
    assert found == {}


def test_a_count_printed_as_a_float_is_seen():
    assert COUNT_AS_FLOAT.findall("파라미터 11,689,512.0개, 41.0단계, 58.0번") == ["2.0", "1.0", "8.0"]
    assert not COUNT_AS_FLOAT.search("11,689,512개, 41단계, 1.0배, 0.05개의 비율")


def test_the_tables_were_read():
    """The page sweep does see tables and reads them: the Taylor part's steps table names its steps in Korean
    and its Hessian table its networks, in the page's words (the bug this sweep was written for)."""
    from tests.conftest import open_page

    at = open_page("app_pages/optimizers.py", part="taylor", lang="ko")
    steps, nets = (frame.value for frame in at.dataframe)
    assert set(steps.step) >= {"시작점", "그래디언트 단계"}
    assert "내 MLP 2-64x2-3" in set(nets.network) and "ResNet-18" in set(nets.network)
    assert shown_english(at) == {}
    assert "11,689,512개" in at.info[0].value  # a count prints as an integer
    at = open_page("app_pages/optimizers.py", part="taylor", lang="en")
    assert {"start", "gradient step"} <= set(at.dataframe[0].value.step)
    assert shown_english(at)  # the checker does look: English is English


def test_a_missing_number_reads_as_a_dash_in_every_table():
    """The ladder's rungs that never diverged have no 'diverged at': the table says so with ui.layout.MISSING, not
    Streamlit's "None"; every table the page draws carries that placeholder (they all go through ui.layout.table)."""
    from tests.conftest import open_page
    from ui.layout import MISSING

    at = open_page("app_pages/initialization.py", part="ladder", steps="50")
    rungs = next(frame.value for frame in at.dataframe if "diverged_at" in frame.value.columns)
    assert rungs.diverged_at.isna().any()  # the case the placeholder is for
    assert [frame.proto.placeholder for frame in at.dataframe] == [MISSING] * len(at.dataframe)
