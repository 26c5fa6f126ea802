"""The frame of the lab: page config, language, navigation by lecture, shared sidebar."""

import logging

import streamlit as st

from ui import cache, rooms
from ui.controls import drawn_controls, share_query, share_value, start_run
from ui.flow import EndPage
from ui.i18n import LANGS, browser_language, t
from ui.layout import STYLE
from ui.study import predict_toggle
from ui import warmup
from ui.topics import TOPICS


def frame():
    """Language, navigation and the sidebar's blocks; returns the page to run and the share block's container."""
    with st.sidebar:
        # The codes themselves are the labels: a bound control writes its label into the URL (lang=ko).
        language = st.segmented_control(":material/language: English · 한국어", LANGS, default=browser_language(),
                                        key="lang", bind="query-params")
    if language is None:  # a deselected segmented control falls back to the browser's language
        st.session_state.pop("lang", None)
    share_value("lang", language, browser_language())
    with st.sidebar:
        share_value("predict", predict_toggle(), False)

    home = st.Page("app_pages/home.py", title=t("home.nav"), icon=":material/home:", default=True, url_path="home")
    # The room's page is in the navigation while this session is in a room (reachable by its link always).
    room = st.Page("app_pages/room.py", title=t("rooms.nav"), icon=":material/group:", url_path="room",
                   visibility="visible" if rooms.requested() else "hidden")
    pages = {t("nav.start"): [home, room]}
    for section in ("l5", "l67"):
        entries = [st.Page(topic.path, title=t(f"{topic.scope}.nav"), icon=topic.icon, url_path=topic.scope)
                   for topic in TOPICS if topic.section == section]
        if entries:
            pages[t(f"nav.{section}")] = entries
    page = st.navigation(pages)
    with st.sidebar:
        rooms.sidebar(page.url_path)
    return page, st.sidebar.container()


def share_section(share) -> None:
    with share:
        st.markdown(f"**{t('ui.share')}**")
        base = st.context.url or ""
        link = lambda query: f"{base}?{query}" if query else base or "/"
        st.code(link(share_query()), language=None, wrap_lines=True)
        st.caption(t("ui.share_help"))
        controls = drawn_controls()
        if controls:
            with st.expander(t("ui.focus")):
                keep = st.multiselect(t("ui.focus_pick"), list(controls), format_func=controls.get, key="_focus_pick")
                if keep:
                    st.code(link(share_query(keep)), language=None, wrap_lines=True)


st.set_page_config(page_title="CS231n Lab", page_icon=":material/science:", layout="wide")
st.html(STYLE)  # the app's own CSS (ui/layout.py): charts that fit a phone, readable captions
with cache.visit():  # background work (the warm-up, started by the first visit) waits while any visit runs
    warmup.start()
    start_run()
    page, share = frame()
    try:
        page.run()
    except EndPage:  # the page said why it ended early
        pass
    except Exception as error:  # noqa: BLE001 - the last safety net: a message, never a traceback
        logging.getLogger("lab").exception("page failed")  # the traceback goes to the server log only
        st.error(t("run.failed", error=f"{type(error).__name__}: {error}"))
    finally:
        share_section(share)
