"""Issue 9: hand-edited and hostile links go through the real app (AppTest): never an exception or error box,
and a visible note for every invalid value that reached a control.

A designed set per part of every page, built from the controls the part actually draws (prefixed keys
included); each link is opened in a fresh AppTest session (the app checks URL values on a session's first run
only). A link that gives one class to every control at once tests every control with that class:
- min and max: every control at its smallest, then at its largest allowed value (sliders and number boxes at
  their bounds, log sliders at their grid's ends, the first and the last option, one chip and every chip, a
  toggle off and on): the part's smallest and heaviest runs through its charts and notes, and no note for a
  value the link was allowed to carry;
- every control in each hostile class: below its minimum, above its maximum (just above, 1e308 or
  99999999999), a word, empty, non-finite (nan, inf, -1e999), long (3000 characters), unicode (emoji and
  Hangul), markup (a script tag, backticks), control characters (\\u202e\\u0000, %00) and malformed literals
  (0x1Z, 0.5.5, [], None), each with a note; and between its values (half an integer, a float off its step,
  between two log-grid values, an option in the wrong case, a bogus chip beside a valid one, TRUE), which a
  control may round or keep;
- a repeated key on every control (junk beside its default value, in either order);
- a focus link that shows one control and hides the others, given below their minimum (clamped, not shown);
- a focus link with junk for its value and for every control (all hidden);
- in each of these links the page's keys this part does not draw, the frame's keys (lang, predict, the health
  view's health/hvar/hlayer/hstep) and unknown keys carry junk too;
- on each page's first part, broken part names (empty, unknown, emoji, upper case, another page's part,
  two parts), which fall back to the first part;
- LAB_FUZZ_N seeded random links per part (default 3) mixing one to four junk values over the part's, the
  page's and the frame's keys, as the issue's first generator did (LAB_FUZZ_N=500 for a deep run).
Every control drops an invalid value for its default, so most links run the part's defaults (computed once per
test): a part runs about five configurations (defaults, min, max, between, focus), where 500 random links ran
dozens, most of them neither an edge nor hostile.
"""

from __future__ import annotations

import importlib
import math
import os
import random
from urllib.parse import urlencode

import pytest

from core.params import specs, url_key
from tests.conftest import open_page, problems
from ui.options import LABELS, option_label
from ui.topics import TOPICS

N = int(os.environ.get("LAB_FUZZ_N", "3"))
CASES = [(topic.scope, part) for topic in TOPICS for part in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS]

# Values no control accepts, by class; a control gets the class's values in turn (the i-th control the i-th).
INVALID = {
    "word": ["abc", "bogus_option"],
    "empty": [""],
    "non-finite": ["nan", "inf", "-1e999"],
    "long": ["x" * 3000],
    "unicode": ["😀", "한국어"],
    "markup": ["<script>alert(1)</script>", "`rm -rf`"],
    "control": ["\u202e\u0000", "%00"],
    "malformed": ["0x1Z", "0.5.5", "[]", "None"],
}
JUNK = [v for values in INVALID.values() for v in values]
# Keys outside any form (focus has links of its own: any value of it hides controls).
FRAME = ["lang", "predict", "health", "hvar", "hlayer", "hstep", "zz", "a" * 300]


def flat(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def pick(values: list[str], i: int) -> str:
    return values[i % len(values)]


class Control:
    """A control a part draws, read from its AppTest widget: kind, range, options, and values spelled as the app
    writes them into a link."""

    def __init__(self, widget):
        self.key, self.kind = widget.key, type(widget).__name__
        self.options = list(getattr(widget, "options", None) or [])
        if self.kind in ("Selectbox", "Multiselect"):  # shown in the reader's words, spelled in a link by label
            spelled = {}
            for option in OPTIONS:
                try:
                    spelled[widget.format_func(option)] = option_label(option)
                except KeyError:  # not one of this widget's options
                    pass
            self.options = [spelled[o] for o in self.options]
        value = widget.value
        if self.kind in ("Slider", "NumberInput"):
            self.integer = isinstance(value, int) or (self.kind == "NumberInput" and widget.max - widget.min > 1000)
            cast = int if self.integer else float
            self.lo, self.hi, self.step = cast(widget.min), cast(widget.max), widget.step or 1
            self.default: str | list[str] = str(cast(value))
        elif self.kind == "SelectSlider":
            self.default = next((o for o in self.options if float(o) == float(value)), f"{value:g}")
        elif self.kind == "Selectbox":
            self.default = self.options[widget.index]
        elif self.kind == "Multiselect":
            self.default = [self.options[i] for i in widget.indices]
        else:
            self.default = "true" if value else "false"

    def edges(self) -> tuple[str | list[str], str | list[str]]:
        """The smallest and the largest value a link may carry."""
        if self.kind in ("Slider", "NumberInput"):
            return str(self.lo), str(self.hi)
        if self.kind == "Multiselect":
            return [self.options[0]], list(self.options)
        if self.kind == "Toggle":
            return "false", "true"
        return self.options[0], self.options[-1]

    def below(self, i: int = 0) -> str:
        if self.kind in ("Slider", "NumberInput"):
            return f"{self.lo - max(self.hi - self.lo, 1):g}"
        if self.kind == "SelectSlider":
            return f"{float(self.options[0]) / 10:g}"
        return "-1"

    def above(self, i: int = 0) -> str:
        """Just above the maximum, or a huge number (every third control)."""
        if i % 3:
            return ["1e308", "99999999999"][i % 3 - 1]
        if self.kind in ("Slider", "NumberInput"):
            return f"{self.hi + max(self.hi - self.lo, 1):g}"
        if self.kind == "SelectSlider":
            return f"{float(self.options[-1]) * 10:g}"
        return "99999999"

    def between(self, i: int = 0) -> str | list[str]:
        """A value inside the range that this control cannot show as given."""
        if self.kind in ("Slider", "NumberInput"):
            return f"{self.lo + 0.5:g}" if self.integer else f"{self.lo + self.step / 2:g}"
        if self.kind == "SelectSlider":
            return f"{math.sqrt(float(self.options[0]) * float(self.options[1])):g}"
        if self.kind == "Multiselect":
            return [self.options[0], "bogus"]
        if self.kind == "Toggle":
            return "TRUE"
        label = self.options[-1]
        return label.swapcase() if label.swapcase() != label else "bogus"


# Every option of the app's select boxes, by value (a select box shows legend_label, a link spells option_label:
# ui.controls._options): the labelled ones and those of the parts' configs.
OPTIONS = set(LABELS) | {o for topic in TOPICS
                         for _, cfg in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS.values()
                         for spec in specs(type(cfg)).values() if spec.kind in ("choice", "multi")
                         for o in spec.options}


def controls(at) -> dict[str, Control]:
    """The part's form controls (ui.controls records each one it draws)."""
    drawn = at.session_state["_drawn"] if "_drawn" in at.session_state else {}
    widgets = list(at.slider) + list(at.select_slider) + list(at.selectbox) + list(at.multiselect)
    widgets += list(at.toggle) + list(at.number_input)
    return {w.key: Control(w) for w in widgets if w.key in drawn}


def page_keys(scope: str) -> set[str]:
    """The URL keys of the page's configs' fields, unprefixed (many belong to other parts than the one open)."""
    experiments = importlib.import_module(f"core.{scope}").EXPERIMENTS
    return {url_key(n, s) for _, cfg in experiments.values() for n, s in specs(type(cfg)).items()}


# Classes that every control drops for its default (Streamlit 1.67 drops a value outside a widget's range too):
# (name, value for the i-th control).
DROPPED = [(name, lambda c, i, values=values: pick(values, i)) for name, values in INVALID.items()]
DROPPED += [("below", Control.below), ("above", Control.above)]


def designed(scope: str, part: str, drawn: dict[str, Control], first: bool) -> list[tuple[dict, set[str], str]]:
    """(query, keys that must get a note, class) for every link of one part's designed set."""
    links: list[tuple[dict, set[str], str]] = []
    order = sorted(drawn)
    lo = {k: drawn[k].edges()[0] for k in order}
    hi = {k: drawn[k].edges()[1] for k in order}
    rest = sorted(page_keys(scope) - set(drawn)) + FRAME

    def extra(j: int) -> dict:
        return {key: pick(JUNK, i + j) for i, key in enumerate(rest)}

    links += [({**extra(0), "part": part, **lo}, set(), "min"), ({**extra(1), "part": part, **hi}, set(), "max")]
    # In range but not a value the control shows: rounded to the step (int sliders and boxes, mostly their
    # minimum here), kept (a float slider), or dropped.
    links.append(({**extra(2), "part": part, **{k: drawn[k].between(i) for i, k in enumerate(order)}}, set(),
                  "between"))
    # Every control in every class it drops for its default, one class per control and link, rotating: all of
    # these links run the part's defaults.
    for j in range(len(DROPPED)):
        query, must = {**extra(3 + j), "part": part}, set()
        for i, key in enumerate(order):
            value = DROPPED[(i + j) % len(DROPPED)][1](drawn[key], i + j)
            query[key] = value
            if not set(flat(value)) & set(drawn[key].options):
                must.add(key)
        links.append((query, must, DROPPED[j][0] if len(order) == 1 else "dropped"))
    repeated = {k: [[pick(JUNK, i), *flat(drawn[k].default)], [*flat(drawn[k].default), pick(JUNK, i)]][i % 2]
                for i, k in enumerate(order)}
    links.append(({**extra(6 + len(DROPPED)), "part": part, **repeated}, set(), "repeated"))
    if order:  # hidden controls take the link's value through validation alone (clamped, or the default)
        hidden = {k: drawn[k].below() for k in order[1:]}
        links.append(({"part": part, "focus": f"{order[0]},zz", **hidden}, set(), "focus"))
        junk = {k: pick(JUNK, i) for i, k in enumerate(order)}
        links.append(({"part": part, "focus": pick(JUNK, len(order)), **junk}, set(), "focus"))
    if first:
        other_page = next(t.scope for t in TOPICS if t.scope != scope)
        foreign = next(iter(importlib.import_module(f"core.{other_page}").EXPERIMENTS))
        for broken in ["", "nope", "😀", part.upper(), foreign, [part, "nope"]]:
            links.append(({"part": broken}, set(), "part"))
    rng = random.Random(f"fuzz-{scope}-{part}")
    keys = order + rest
    for _ in range(N):
        query = {"part": part}
        for key in rng.sample(keys, k=min(len(keys), rng.randint(1, 4))):
            query[key] = rng.choice(JUNK)
        links.append((query, {k for k in order if k in query and query[k] not in drawn[k].options}, "random"))
    return links


def shown_link(query: dict, drawn: dict[str, Control]) -> str:
    """The link for a failure message: the part and its controls first, every value cut to 30 characters."""
    first = [k for k in query if k == "part" or k in drawn]
    pairs = [(k, v[:30]) for k in first + [k for k in query if k not in first] for v in flat(query[k])]
    return f"?{urlencode(pairs)}"


@pytest.mark.slow
@pytest.mark.parametrize("scope, part", CASES)
def test_designed_links_never_break_a_part(scope, part):
    path = next(t.path for t in TOPICS if t.scope == scope)
    start = open_page(path, part=part)  # its defaults: the controls it draws
    assert problems(start) == []
    drawn = controls(start)
    first = part == next(iter(importlib.import_module(f"core.{scope}").EXPERIMENTS))
    silent, wrongly = [], []
    for query, must, name in designed(scope, part, drawn, first):
        at = open_page(path, **query)
        link = shown_link(query, drawn)
        assert problems(at) == [], f"{name}: {link}"
        notes = "\n".join(w.value for w in at.warning)
        shown = set(controls(at))
        silent += [f"{name}: {k}={str(query[k])[:20]!r}" for k in must & shown if f"`{k}=" not in notes]
        if name in ("min", "max"):  # values a link may carry are used as given
            wrongly += [f"{name}: {k}={query[k]!r}" for k in drawn if f"`{k}=" in notes]
    assert silent == [], f"invalid values replaced without a note: {silent[:10]}"
    assert wrongly == [], f"valid values replaced: {wrongly[:10]}"


def test_home_survives_junk():
    for i in range(len(JUNK)):
        query = {"part": pick(JUNK, i), "lang": pick(JUNK, i + 1), pick(FRAME, i): pick(JUNK, i + 2)}
        assert problems(open_page(None, **query)) == [], query
