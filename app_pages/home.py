"""Home: what the lab is for, the topics with a line each, how to share a run."""

import streamlit as st

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
st.subheader(t("home.share_title"))
st.markdown(t("home.share"))
