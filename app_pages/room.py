"""The study room's page: the questions the room answered, each member's right predictions, every answer
as CSV, and, for the room's owner, close / clear / unpin."""

import datetime

import streamlit as st

from ui import rooms, rooms_store
from ui.i18n import t
from ui.layout import MISSING, download


def summary(here: rooms.Seat) -> None:
    (questions, tally, answers), problem = rooms.safely(rooms.summary_frames, here.code)
    if problem:
        st.warning(problem, icon=":material/warning:")
        return
    st.subheader(t("rooms.page.questions"))
    if questions.empty:
        st.caption(t("rooms.page.no_questions"))
    else:
        shown = questions[["page", "question", "measured", "answers", "right_answers", "asked", "open"]]
        columns = {c: t(f"rooms.col.{c}") for c in shown.columns}
        columns["open"] = st.column_config.LinkColumn(t("rooms.col.open"), display_text=t("rooms.open_link"))
        columns["asked"] = st.column_config.DatetimeColumn(t("rooms.col.asked"), format="YYYY-MM-DD HH:mm")
        st.dataframe(shown, hide_index=True, column_config=columns, placeholder=MISSING)
        st.subheader(t("rooms.page.tally"))
        st.caption(t("rooms.page.tally_help"))
        st.dataframe(tally, hide_index=True, column_config={c: t(f"rooms.col.{c}") for c in tally.columns},
                     placeholder=MISSING)
    download(answers.drop(columns=["question"]), f"room_{here.code}", t("rooms.page.download"))


def main() -> None:
    st.title(t("rooms.page.title"))
    st.markdown(t("rooms.page.intro"))
    here = rooms.seat()
    if here is None:
        st.caption(t("rooms.page.none"))
        return
    st.header(t("rooms.page.heading", code=here.code))
    room, _ = rooms.safely(lambda: rooms_store.get_room(rooms.engine(), here.code))
    members, _ = rooms.safely(lambda: rooms_store.active_members(rooms.engine(), here.code, rooms.ACTIVE_MINUTES))
    if room is not None:
        opened = datetime.datetime.fromtimestamp(room.created, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
        st.caption(t("rooms.page.facts", created=opened, members=len(members or []), minutes=rooms.ACTIVE_MINUTES,
                     state=t("rooms.page.closed" if room.closed else "rooms.page.open")))
    summary(here)
    if here.owner:
        rooms.owner_controls(here.code, here.pinned)


main()
