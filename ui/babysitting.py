"""Streamlit pieces of the Babysitting page that are not parts: names and tables in the page's words, the
image case of preprocessing, and the card of one sanity check."""

import pandas as pd
import streamlit as st

from ui import charts_babysitting
from ui.i18n import has, t
from ui.layout import chart, table
from ui.options import legend_label, named

SCOPE = "babysitting"


def name(value) -> str:
    return legend_label(value, SCOPE)


def shown(frame: pd.DataFrame, csv: str, *columns: str) -> None:
    """A table with the option columns named, this page's own column headers, and its CSV (the ids as computed)."""
    table(frame, csv, names=columns, scope=SCOPE,
          column_config={c: t(f"{SCOPE}.col.{c}") for c in frame.columns if has(f"{SCOPE}.col.{c}")})


def steps_text(value) -> str:
    return t(f"{SCOPE}.never") if pd.isna(value) else str(int(value))


def image_case(out: dict) -> None:
    st.markdown(t(f"{SCOPE}.preprocessing.image"))
    pixels = named(out["pixels"], "method", scope=SCOPE)
    chart(charts_babysitting.pixel_means(pixels, t(f"{SCOPE}.preprocessing.pixels")), out["pixels"],
          "preprocessing_pixels", width="content")
    shown(out["images"], "preprocessing_images", "method")


def check(row, cfg, token: str) -> bool:
    """One check: what it asks, its button and, once pressed, its badge and numbers. True when shown."""
    key = f"_check_{row.check}_{token}"
    with st.container(border=True):
        st.markdown(f"**{t(f'{SCOPE}.check.{row.check}')}**")
        st.caption(t(f"{SCOPE}.check.{row.check}.what", subset=cfg.subset, steps=cfg.steps))
        st.button(t(f"{SCOPE}.check.run"), key=f"run{key}", on_click=st.session_state.__setitem__, args=(key, True))
        if st.session_state.get(key):
            st.badge(t(f"{SCOPE}.check.{'pass' if row.passed else 'fail'}"), color="green" if row.passed else "red",
                     icon=":material/check:" if row.passed else ":material/close:")
            never = row.check == "overfit" and pd.isna(row.detail)
            st.markdown(t(f"{SCOPE}.check.{row.check}.{'never' if never else 'result'}", **row._asdict(),
                          diff=abs(row.value - row.reference), strength=cfg.strength, subset=cfg.subset,
                          steps=cfg.steps))
    return bool(st.session_state.get(key))
