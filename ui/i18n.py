"""Language choice and lookup: `t("key")` returns the text in the session's language."""

from __future__ import annotations

import re

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


# Korean particles after an inserted word, written `{name}[은]` in the catalog: the form follows the word's
# last syllable (with a final consonant: 은, 이, 을, 과, 으로; without: 는, 가, 를, 와, 로; ㄹ takes 로).
PARTICLES = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"), "로": ("으로", "로")}
PARTICLE = re.compile(r"\[(은|이|을|과|로)\]")
# How a Latin letter or digit ends when read in Korean: 0 no final consonant, 1 a final consonant, 8 ㄹ
# (ReLU -> 렐루, Adam -> 아담, SGD -> 에스지디, 1 -> 일, 3 -> 삼).
SPOKEN_END = {**dict.fromkeys("lrLR", 8), **dict.fromkeys("mnMN", 1), "0": 1, "1": 8, "3": 1, "6": 1,
              "7": 8, "8": 8, "²": 1}
# A word read as a word, not letter by letter (it has a lower-case letter), ends as its loanword does:
# Kaiming -> 카이밍, Rosenbrock -> 로젠브록, RMSProp -> 알엠에스프롭, warmup -> 워밍업, Maxout -> 맥스아웃,
# init -> 이닛, Cosine -> 코사인, Beale -> 빌, Xavier -> 자비에, optimizer -> 옵티마이저.
WORD_END = (("ng", 1), ("ck", 1), ("k", 1), ("up", 1), ("op", 1), ("ut", 1), ("it", 1), ("ine", 1), ("le", 8),
            ("er", 0), ("or", 0), ("ar", 0))
LATIN_WORD = re.compile(r"[A-Za-z]+$")


def final_consonant(word: str) -> int:
    """0 when the word's last syllable has no final consonant, 8 when it is ㄹ, else 1 (punctuation such as
    ` ) ' is skipped; a number with % is read ...퍼센트, no final consonant)."""
    word = word.rstrip("`)'\". ")
    if word.endswith("%"):
        return 0
    for i, char in reversed(list(enumerate(word))):
        if "가" <= char <= "힣":
            tail = (ord(char) - ord("가")) % 28
            return 8 if tail == 8 else int(tail > 0)
        if char.isalnum():
            latin = LATIN_WORD.search(word[:i + 1])
            if latin and latin.group() != latin.group().upper():
                ending = next((end for suffix, end in WORD_END if latin.group().lower().endswith(suffix)), None)
                if ending is not None:
                    return ending
            return SPOKEN_END.get(char, 0)
    return 0


def particles(text: str) -> str:
    """Every `[은]`-style marker replaced by the particle that fits the word before it."""
    def pick(match: re.Match) -> str:
        end = final_consonant(text[:match.start()])
        with_final, without = PARTICLES[match.group(1)]
        return without if end == 0 or (end == 8 and match.group(1) == "로") else with_final
    return PARTICLE.sub(pick, text)


def t(key: str, **values) -> str:
    """The catalog text for key in the current language, formatted with values."""
    en, ko = CATALOG[key]
    text = ko if lang() == "ko" else en
    text = text.format(**values) if values else text
    return particles(text) if "[" in text else text


def has(key: str) -> bool:
    return key in CATALOG


def column_title(column: str) -> str:
    """A data column's name as shown on an axis or table header: translated where the catalog
    has `col.<name>`, else the name itself (so CSV columns and chart labels stay in step)."""
    return t(f"col.{column}") if has(f"col.{column}") else column
