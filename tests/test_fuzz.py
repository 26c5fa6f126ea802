"""Issue 9: hand-edited links. At least 500 generated query strings per page go through the real app
(AppTest): never an exception or error box, and a visible note for every invalid value that reached
a control. LAB_FUZZ_N sets the number per page (default 500)."""

import importlib
import os
import random
from urllib.parse import urlencode

import pytest

from core.params import specs, url_key
from tests.conftest import open_page, problems
from ui.topics import TOPICS

N = int(os.environ.get("LAB_FUZZ_N", "500"))
# Values that no control accepts: wrong types, non-finite, empty, very long, unicode, markup.
JUNK = ["", "nan", "NaN", "inf", "-inf", "1e999", "-1e999", "abc", "[]", "{}", "%00", "0.5.5", "0x1Z",
        "<script>alert(1)</script>", "😀", "한국어", "x" * 3000, "`rm -rf`", "\u202e\u0000", "None"]
# Values that may or may not be valid, depending on the field: huge, negative, edge numbers.
EDGY = ["-5", "-0", "0", "1e308", "99999999999", "-99999999", "1e-320", "true", "false", "2", "0.5"]
GLOBAL = ["part", "lang", "focus", "predict"]  # frame controls, not experiment values


def page_keys(scope: str) -> tuple[list[str], list[str]]:
    """(the page's part ids, the URL keys of its configs' fields)."""
    experiments = importlib.import_module(f"core.{scope}").EXPERIMENTS
    keys = {url_key(n, s) for _, cfg in experiments.values() for n, s in specs(type(cfg)).items()}
    return list(experiments), sorted(keys)


def queries(scope: str, parts: list[str], keys: list[str], n: int) -> list[dict[str, str]]:
    rng = random.Random(f"fuzz-{scope}")
    out = []
    for _ in range(n):
        query = {"part": rng.choice(parts + ["", "nope", "😀"])}
        for key in rng.sample(keys + GLOBAL + ["zz", "a" * 300], k=rng.randint(1, 4)):
            query[key] = rng.choice(JUNK + EDGY + ["bogus_option", rng.choice(parts)])
        out.append(query)
    return out


def option_labels(scope: str) -> dict[str, set[str]]:
    """URL key -> the labels its options are shown (and accepted in a link) as, for choice fields."""
    from ui.options import option_label

    experiments = importlib.import_module(f"core.{scope}").EXPERIMENTS
    return {url_key(n, s): {option_label(o) for o in s.options} for _, cfg in experiments.values()
            for n, s in specs(type(cfg)).items() if s.options}


def widget_keys(at) -> set[str]:
    widgets = list(at.slider) + list(at.select_slider) + list(at.selectbox) + list(at.multiselect)
    widgets += list(at.toggle) + list(at.number_input)
    return {w.key for w in widgets if w.key}


@pytest.mark.slow
@pytest.mark.parametrize("scope", [topic.scope for topic in TOPICS])
def test_generated_links_never_break_a_page(scope):
    parts, keys = page_keys(scope)
    path = next(t.path for t in TOPICS if t.scope == scope)
    labels = option_labels(scope)  # "None" is junk to a number but the label of the norm "none"
    silent = []
    for query in queries(scope, parts, keys, N):
        at = open_page(path, **query)
        assert problems(at) == [], f"?{urlencode(query)}"
        notes = "\n".join(w.value for w in at.warning)
        for key in (widget_keys(at) & set(query)) - set(GLOBAL):
            if query[key] in JUNK and query[key] not in labels.get(key, ()) and f"`{key}=" not in notes:
                silent.append(f"{key}={query[key][:20]!r}")
    assert silent == [], f"invalid values replaced without a note: {silent[:10]}"


def test_home_survives_junk():
    for query in queries("home", ["x"], ["lang", "part"], 20):
        assert problems(open_page(None, **query)) == []
