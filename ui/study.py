"""Predict, then reveal: the group's discussion questions, asked before a result is shown.

In predict mode (sidebar toggle, or `predict=true` in a link) a part's results stay hidden until the
reader has picked an answer and pressed Reveal; then the page shows the pick next to the answer this
run measured, and the results. Outside predict mode the question is still shown, answered.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from core.params import specs, url_key
from export import exports
from export.notebook import notebook_text, printed_tables
from ui import controls, rooms
from ui.flow import EndPage
from ui.i18n import t
from ui.options import legend_label

PREDICT = "predict"  # URL key of the mode


def predict_toggle() -> bool:
    """The sidebar switch (drawn by app.py before the page runs)."""
    return bool(st.toggle(t("ui.predict"), key=PREDICT, bind="query-params", help=t("ui.predict_help")))


def gate(scope: str, qid: str, options: list, correct, cfg, label=None) -> None:
    """`ask`, and end the page here while the result is still hidden."""
    if not ask(scope, qid, options, correct, cfg, label):
        raise EndPage


def ask(scope: str, qid: str, options: list, correct, cfg, label=None) -> bool:
    """Ask question `{scope}.q.{qid}`; answers are labelled `{scope}.q.{qid}.{option}` unless `label` is
    given. `correct` is the option this run's numbers support. True when the results may be shown."""
    question = t(f"{scope}.q.{qid}")
    label = label or (lambda option: t(f"{scope}.q.{qid}.{option}"))
    names = {option: label(option) for option in [*options, correct]}  # read now, in this run's language
    label = lambda option, name=label: names[option] if option in names else name(option)  # noqa: E731
    seat = rooms.seat()  # in a study room every question asks, whatever the switch says
    if not st.session_state.get(PREDICT) and seat is None:
        st.markdown(f"**{t('ui.question')}** {question} → **{label(correct)}**")
        return True
    token = hashlib.sha1(repr(cfg).encode()).hexdigest()[:8]  # a new setting asks again
    revealed_key, pick_key = f"_revealed_{scope}_{qid}_{token}", f"_pick_{scope}_{qid}_{token}"
    # In a room: the stored answer is restored before the radio is drawn, changes are recorded, and a
    # revealed answer is final (the radio is locked).
    room = rooms.Asked(seat, scope, qid, cfg, correct, options, pick_key, revealed_key) if seat else None
    in_room = {} if room is None else {"on_change": room.on_pick,
                                       "disabled": bool(st.session_state.get(revealed_key))}
    with st.container(border=True):
        st.markdown(f"**{t('ui.question')}** {question}")
        pick = st.radio(t("ui.your_prediction"), options, index=None, format_func=label,
                        key=pick_key, horizontal=True, **in_room)
        if not st.session_state.get(revealed_key):
            reveal = room.on_reveal if room else lambda: st.session_state.__setitem__(revealed_key, True)
            st.button(t("ui.reveal"), disabled=pick is None, key=f"_reveal_{scope}_{qid}_{token}", on_click=reveal)
            st.caption(t("ui.hidden_until_reveal"))
            if room:
                room.waiting()
            return False
        verdict = "ui.right" if pick == correct else "ui.wrong"
        (st.success if pick == correct else st.warning)(t(verdict, pick=label(pick), answer=label(correct)))
        if room:
            room.revealed(label)
    return True


def code_export(scope: str, part: str, cfg) -> None:
    """'Copy as PyTorch code' for a part of page `scope` that has one (export/<scope>.py): the script, its
    copy button and downloads of the script and of the same code as a notebook (export/notebook.py). The
    script reproduces this run's numbers with plain PyTorch (tests/test_codegen.py, tests/test_notebooks.py)."""
    export = exports(scope).get(part)
    if export is None:
        return
    script = export.script(cfg)
    with st.expander(t("ui.code")):
        if script is None:
            st.caption(t("ui.code_unsupported"))
            return
        st.caption(t("ui.code_help"))
        st.code(script, language="python", line_numbers=False)
        st.download_button(t("ui.code_download"), script.encode(), file_name=f"{scope}_{part}.py",
                           mime="text/x-python", key=f"code_{part}", on_click="ignore")
        texts = notebook_texts(scope, part, cfg, script)  # in this run's language; the notebook is made on click
        st.download_button(t("ui.notebook_download"), lambda: notebook_text(script, texts).encode(),
                           file_name=f"{scope}_{part}.ipynb", mime="application/x-ipynb+json",
                           key=f"notebook_{part}", on_click="ignore", help=t("ui.notebook_help"))
        for path in export.files:  # files the script reads beside it
            # read on click, not on every rerun (the backbone is 170 kB)
            st.download_button(t("ui.code_file", name=path.name), path.read_bytes, file_name=path.name,
                               key=f"code_{part}_{path.name}", on_click="ignore")


def notebook_texts(scope: str, part: str, cfg, script: str) -> dict[str, str]:
    """The markdown steps of a part's notebook (export.notebook.STEPS) in the session's language: the
    part's claim, this run's settings as a table, what the code is, what to look at in its output."""
    rows = [f"| {controls.label(scope, name)} | `{key}` | {_setting(getattr(cfg, name))} |"
            for name, spec in specs(type(cfg)).items() for key in [url_key(name, spec)]]
    head = f"| {t('ui.notebook_setting')} | {t('ui.notebook_key')} | {t('ui.notebook_value')} |\n|---|---|---|"
    tables = ", ".join(f"`{name}`" for name in printed_tables(script))
    return {
        "claim": f"# {t(f'{scope}.{part}.name')}\n\n*{t(f'{scope}.title')}* · CS231n Lab\n\n"
                 f"{t(f'{scope}.{part}.claim')}",
        "settings": f"## {t('ui.notebook_settings')}\n\n{head}\n" + "\n".join(rows)
                    + f"\n\n{t('ui.notebook_settings_help')}",
        "code": f"## {t('ui.notebook_code')}\n\n{t('ui.notebook_code_help')}",
        "look": f"## {t('ui.notebook_look')}\n\n"
                + (t("ui.notebook_look_help", tables=tables) if tables else t("ui.notebook_look_any")),
    }


def _setting(value) -> str:
    """A setting's value as the page shows it: options by their names in the reader's language, numbers in short
    form."""
    if isinstance(value, (tuple, list, frozenset, set)):
        return ", ".join(map(_setting, value))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    return legend_label(value).replace("|", "\\|") if isinstance(value, str) else str(value)
