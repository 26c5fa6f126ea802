"""Widgets built from a config's fields, each bound to the URL, and the notes for replaced values.

`form(Config, scope)` draws one widget per field (slider, log slider, select box, toggle or
multiselect, chosen from the field's Spec), keyed by the field's short URL name. Values that
arrive in the URL are checked against the same Spec (`core.params.validate`); a value that was not
valid is replaced (with the default) and the page says so.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Iterable

import streamlit as st

from core.params import Spec, fix, log_grid, specs, url_key, validate
from ui.i18n import has, t
from ui.options import by_link, namer, option_label

RAW = "_raw_query"  # session_state: the query string as it was when this run started
DRAWN = "_drawn"  # session_state: URL key -> label of every control drawn in this run (for focus links)
SHARE = "_share"  # session_state: key -> list of URL values of this run's non-default controls
FOCUS = "focus"  # URL key: comma-separated control keys to show; the others are hidden


FRESH = "_fresh"  # session_state: True on a session's first run, when the URL may hold hand-made values
WRITTEN = "_written"  # session_state: URL key -> what this session last wrote there for a control bound by hand


def start_run() -> None:
    """Called once per run by app.py, before the page: snapshot the URL, reset the share list.

    Only the first run of a session checks URL values: later runs see URLs that the widgets wrote."""
    st.session_state[FRESH] = "_seen" not in st.session_state
    st.session_state["_seen"] = True
    st.session_state[RAW] = {k: st.query_params.get_all(k) for k in st.query_params}
    st.session_state[SHARE] = {}
    st.session_state[DRAWN] = {}


def raw(key: str) -> list[str] | None:
    return st.session_state.get(RAW, {}).get(key)


# Controls bound to the URL by hand (the form's select boxes, the part selector, the health view's run): each run
# writes the control's value with `write`; a value that changes under it (the browser's back and forward buttons
# go to an earlier address: Streamlit reruns the page with it) is `moved`, and the control then starts again from
# the URL, as on a session's first run.
def write(key: str, values: list[str] | None) -> None:
    """Put a hand-bound control's URL values into the address (None: take the key out, its default)."""
    st.session_state.setdefault(WRITTEN, {})[key] = values
    if values is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = values if len(values) > 1 else values[0]


def moved(key: str) -> bool:
    """Whether the address's value of a hand-bound control is no longer what this session last wrote there."""
    written = st.session_state.get(WRITTEN, {})
    return key in written and raw(key) != written[key]


def label(scope: str, name: str) -> str:
    for key in (f"{scope}.f.{name}", f"f.{name}"):
        if has(key):
            return t(key)
    return name


def number_label(value: float) -> str:
    return f"{value:g}"


def quoted(text: str) -> str:
    """A URL value made safe to show inside `code` in a note: short, no backticks or newlines."""
    text = text.replace("`", "'").replace("\n", " ")
    return text[:40] + ("…" if len(text) > 40 else "")


def focus() -> set[str] | None:
    value = raw(FOCUS)
    return {k.strip() for k in value[0].split(",") if k.strip()} if value else None


def _to_url(value: Any, spec: Spec | None = None) -> list[str]:
    """The URL strings that mean `value` (select boxes: the option's label, one for both languages)."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if spec is not None and spec.kind in ("choice", "multi"):
        return [option_label(v) for v in (value if isinstance(value, tuple) else (value,))]
    if spec is not None and spec.log:
        return [number_label(value)]
    return [str(value)]


def _parsed(spec: Spec, given: list[str]) -> Any:
    """What the URL strings mean for this spec, unclamped; None when they mean nothing."""
    try:
        if spec.kind in ("choice", "multi"):
            linked = by_link(spec.options)
            values = tuple(linked.get(g, g) for g in given)
            return values if spec.kind == "multi" else values[-1]
        text = given[-1]
        if spec.kind == "int":  # "20.0" too: a wide int field is a float input, which the address bar spells so
            x = float(text)
            return int(x) if x.is_integer() else (x if math.isfinite(x) else None)
        if spec.kind == "float":
            x = float(text)
            return x if math.isfinite(x) else None
        if spec.kind == "flag":
            return {"true": True, "false": False}.get(text.lower())
        return None
    except (ValueError, IndexError):
        return None


def _allowed(spec: Spec, value: Any, grid: list[float]) -> bool:
    """Can this widget show `value` (a value kept in the session under its key)?"""
    try:
        if spec.kind == "flag":
            return isinstance(value, bool)
        if spec.kind == "choice":
            return value in spec.options
        if spec.kind == "multi":
            return all(v in spec.options for v in value)
        if spec.log:
            return float(value) in grid
        return spec.lo <= float(value) <= spec.hi
    except (TypeError, ValueError):
        return False


def _widget(spec: Spec, text: str, default: Any, key: str, container, scope: str) -> Any:
    common = dict(key=key, bind="query-params")
    grid = sorted(set(log_grid(spec.lo, spec.hi)) | {float(default)}) if spec.log else []
    if key in st.session_state and not _allowed(spec, st.session_state[key], grid):
        # Two parts may use one key with other bounds (`steps` up to 2000 in one, 1000 in the next): a value kept
        # from the part left behind that this part's widget cannot show would stop its run
        # (StreamlitValueAboveMaxError; found by the phone sweep of tests/test_browser.py). It starts over here;
        # a value it can show is kept, so each part keeps its settings.
        del st.session_state[key]
    if spec.kind == "flag":
        return container.toggle(text, value=default, **common)
    if spec.kind in ("choice", "multi"):
        return _options(spec, text, default, key, container, scope)
    if spec.log:
        return container.select_slider(text, grid, value=float(default), format_func=number_label, **common)
    if spec.kind == "int" and spec.hi - spec.lo > 1000:
        # A float input shown as an integer: Streamlit's int input crashes on a URL value of 1e999
        # (OverflowError in its deserializer); the float one ignores it. validate() rounds.
        return container.number_input(text, float(spec.lo), float(spec.hi), float(default), step=1.0,
                                      format="%.0f", **common)
    cast = int if spec.kind == "int" else float
    step = cast(spec.step) if spec.step else None
    return container.slider(text, cast(spec.lo), cast(spec.hi), cast(default), step=step, **common)


def _options(spec: Spec, text: str, default: Any, key: str, container, scope: str) -> Any:
    """A select box (choice) or multiselect (multi) that shows each option in the reader's language
    (ui.options.legend_label: "초승달 둘" on a Korean page) while the URL keeps its option_label ("Two moons"), the
    same in both languages, so that a link made in Korean opens in English. Streamlit's own binding would write the
    shown, translated label into the URL, so these are bound here: a session's first draw starts from the link's
    value (or the default, if the link's is not an option: the form's note says so), and every run writes the
    value into the URL (nothing when it is the default); going back in the browser's history sets it to the
    address's value again (`moved`)."""
    if key not in st.session_state or moved(key):
        given = raw(key)
        wanted = _parsed(spec, given) if given else None
        start = wanted if wanted is not None and _allowed(spec, wanted, []) else default
        st.session_state[key] = list(start) if spec.kind == "multi" else start
    if spec.kind == "choice":
        value = container.selectbox(text, spec.options, key=key, format_func=namer(spec.options, scope))
    else:
        value = tuple(container.multiselect(text, spec.options, key=key, format_func=namer(spec.options, scope)))
    write(key, _to_url(value, spec) if value != default else None)
    return value


def form(cls, scope: str, *, prefix: str = "", fields: Iterable[str] | None = None, columns: int = 3,
         fixed: dict[str, Any] | None = None):
    """Draw the widgets of `cls` (or of `fields` only) and return the validated config.

    Fields not drawn keep their default, or a value from `fixed`, or (when hidden by a focus link)
    the value in the URL."""
    all_specs = specs(cls)
    names = [n for n in (fields or all_specs) if n in all_specs]
    shown = focus()
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    values, notes = dict(fixed or {}), []
    visible = [n for n in names if shown is None or url_key(n, all_specs[n], prefix) in shown]
    if shown is not None:
        st.caption(t("ui.focused"))
    cols = st.columns(min(columns, max(len(visible), 1))) if visible else []
    for name in names:
        spec, key = all_specs[name], url_key(name, all_specs[name], prefix)
        given = raw(key)
        st.session_state.setdefault(DRAWN, {})[key] = label(scope, name)
        if name in visible:
            value = _widget(spec, label(scope, name), defaults[name], key, cols[visible.index(name) % len(cols)],
                            scope)
        else:
            value = _parsed(spec, given) if given else defaults[name]
        values[name] = value
    cfg, fixes = validate(cls, values)
    lowered = {fix[0] for fix in fixes if len(fix) == 4}
    for name in names:  # a value from the link that the run does not use gets a note
        spec, key = all_specs[name], url_key(name, all_specs[name], prefix)
        given = raw(key)
        replaced = given is not None and _parsed(spec, given) != getattr(cfg, name)
        if replaced and name not in lowered and st.session_state.get(FRESH):
            notes.append(t("note.replaced", param=key, given=quoted(",".join(given)),
                           used=",".join(_to_url(getattr(cfg, name), spec))))
    for name, given_value, used, *why in fixes:
        if why:  # lowered to fit the time budget: always say so, whatever the source of the value
            key = url_key(name, all_specs[name], prefix) if name in all_specs else name
            notes.append(t("note.budget", param=key, given=quoted(str(given_value)), used=str(used)))
    for name in names:
        value = getattr(cfg, name)
        if value != defaults[name]:
            share = st.session_state.setdefault(SHARE, {})
            share[url_key(name, all_specs[name], prefix)] = _to_url(value, all_specs[name])
    for note in dict.fromkeys(notes):
        st.warning(note, icon=":material/warning:")
    return cfg


def linked_number(key: str, default: float, spec: Spec) -> float:
    """A number a link may set for a view that is not a form control (where an in-chart slider or selection
    starts): `key` from the URL read and bounded as a form field of `spec` would be (core.params.fix), else
    `default`; a value not allowed gets a note on a session's first run, and the share link keeps it unless it
    is the default."""
    given = raw(key)
    wanted = _parsed(spec, given) if given else None
    used = default if wanted is None else fix(wanted, default, spec)
    if given and used != wanted and st.session_state.get(FRESH):
        st.warning(t("note.replaced", param=key, given=quoted(",".join(given)), used=f"{used:g}"),
                   icon=":material/warning:")
    share_value(key, used, default)
    return used


def share_value(key: str, value: Any, default: Any) -> None:
    """Record a non-form control (part selector, language) for the share link."""
    if value != default and value is not None:
        st.session_state.setdefault(SHARE, {})[key] = _to_url(value)


def share_query(focus_keys: Iterable[str] = ()) -> str:
    """This run's non-default settings as a query string; with focus_keys, a focus link that shows only
    those controls."""
    from urllib.parse import urlencode

    pairs = [(k, v) for k, vs in st.session_state.get(SHARE, {}).items() for v in vs if k != FOCUS]
    if focus_keys:
        pairs.append((FOCUS, ",".join(focus_keys)))
    return urlencode(pairs)


def drawn_controls() -> dict[str, str]:
    """URL key -> label of the controls the page drew in this run."""
    return dict(st.session_state.get(DRAWN, {}))


def presets(cls, scope: str, choices: dict[str, dict[str, Any]], *, prefix: str = "") -> None:
    """One-click settings: a button per preset sets the bound controls of `cls` (the URL follows),
    next to a link that opens the same settings in a new tab. Labels: t(f"{scope}.preset.{name}")."""
    all_specs = specs(cls)
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    cols = st.columns(len(choices))
    for col, (name, values) in zip(cols, choices.items()):
        state = {url_key(f, all_specs[f], prefix): v for f, v in {**defaults, **values}.items() if f in all_specs}
        query = [(url_key(f, all_specs[f], prefix), u) for f, v in values.items() if v != defaults[f]
                 for u in _to_url(v, all_specs[f])]
        text = t(f"{scope}.preset.{name}")
        col.button(text, key=f"preset_{prefix}{name}", on_click=_apply, args=(state,), width="stretch")
        col.markdown(f"[:material/link: {t('ui.preset_link')}](?{_preset_query(query)})")


def _apply(state: dict[str, Any]) -> None:
    for key, value in state.items():
        st.session_state[key] = list(value) if isinstance(value, tuple) else value


def _preset_query(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    part = st.query_params.get("part")
    lang = st.session_state.get("lang")
    extra = ([("part", part)] if part else []) + ([("lang", lang)] if lang else [])
    return urlencode(extra + pairs)
