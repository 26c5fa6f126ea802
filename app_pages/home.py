"""Home: what the lab is for, the topics with a line each, the evidence board of paper cards, how to share a run."""

import streamlit as st

from core.cards import CARDS, card_part
from ui.cards import badge, compute_defaults, default_verdict
from ui.i18n import t
from ui.topics import TOPICS

st.title(t("home.title"))
st.markdown(t("home.intro"))
for section in ("l5", "l67"):
    topics = [topic for topic in TOPICS if topic.section == section]
    if topics:
        st.subheader(t(f"nav.{section}"))
    for topic in topics:
        st.page_link(topic.path, label=t(f"{topic.scope}.nav"), icon=topic.icon)
        st.caption(t(f"{topic.scope}.oneline"))

st.subheader(t("home.board_title"))
st.markdown(t("home.board_intro"))
pages = {topic.scope: topic for topic in TOPICS}
cards = [cid for cid in CARDS if CARDS[cid].scope in pages]
columns = st.columns(2)
for i, cid in enumerate(cards):
    topic = pages[CARDS[cid].scope]
    with columns[i % 2].container(border=True):
        st.markdown(f"**{t(f'cards.{cid}.name')}**")
        passed = default_verdict(cid)
        if passed is None:
            st.caption(t("home.board_pending"))
        else:
            badge(passed)
        st.markdown(t(f"cards.{cid}.claim"))
        st.page_link(topic.path, label=t("home.board_open", page=t(f"{topic.scope}.nav")), icon=topic.icon,
                     query_params={"part": card_part(cid)})
missing = [cid for cid in cards if default_verdict(cid) is None]
if missing and st.button(t("home.board_run")):
    compute_defaults(missing)
    st.rerun()

st.subheader(t("home.share_title"))
st.markdown(t("home.share"))
