"""Language choice and lookup: `t("key")` returns the text in the session's language."""

from __future__ import annotations

import streamlit as st

from ui.text import CATALOG

LANGS = ("en", "ko")


def browser_language() -> str:
    """'ko' for a Korean browser locale, else 'en'."""
    locale = (st.context.locale or "") if hasattr(st, "context") else ""
    return "ko" if locale.lower().startswith("ko") else "en"


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGS else browser_language()


def t(key: str, **values) -> str:
    """The catalog text for key in the current language, formatted with values."""
    en, ko = CATALOG[key]
    text = ko if lang() == "ko" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in CATALOG


def column_title(column: str) -> str:
    """A data column's name as shown on an axis or table header: translated where the catalog
    has `col.<name>`, else the name itself (so CSV columns and chart labels stay in step)."""
    return t(f"col.{column}") if has(f"col.{column}") else column
