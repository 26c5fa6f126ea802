"""Study-group rooms in the app: the connection, the sidebar block, the room side of a question, the room's
summary. The storage itself is ui/rooms_store.py (no Streamlit).

- The room's code lives in the URL (`room=K7QX2M`): a text box in the sidebar bound to the query string,
  so it follows every page and the share link. The nickname lives in this session only; the owner's
  secret token too (never in a link).
- The database is `st.connection("rooms", type="sql")`: a SQLite file in the data folder ($LAB_DATA, else
  data/ beside the app) unless `.streamlit/secrets.toml` has a `[connections.rooms]` section (any
  SQLAlchemy URL, e.g. PostgreSQL). Rooms older than $LAB_ROOM_DAYS days (default 30) are purged.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pathlib
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ui import rooms_store as store
from ui.cache import CORE_VERSION
from ui.controls import SHARE, quoted, share_value
from ui.i18n import has, t
from ui.options import legend_label
from ui.topics import TOPICS

ROOM = "room"  # URL key: the room's code (a bound text box)
NICK = "_room_nick"  # session: the nickname box
TOKENS = "_room_tokens"  # session: code -> owner token, for the rooms this session opened
STATE = "_room_state"  # session: this run's Seat, or None outside a room
PAGE = "_room_page"  # session: url_path of the page this run shows (what a pin points at)
NOTE = "_room_note"  # session: a note from a callback, shown once on the next run
SEEN = "_room_seen"  # session: when this session last told the room it is active
ACTIVE_MINUTES = 5  # "active": did something in the room in the last 5 minutes
REFRESH_SECONDS = 5  # how often an open question's count and chart refresh themselves
HEARTBEAT_SECONDS = 60  # how often a member on a page tells the room it is still there
ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = {"home": "app_pages/home.py", "room": "app_pages/room.py", **{tp.scope: tp.path for tp in TOPICS}}
FRAME_KEYS = {ROOM, "lang"}  # URL keys that a room's links set themselves

log = logging.getLogger("lab.rooms")


# ---- connection --------------------------------------------------------------------------------------


def data_dir() -> pathlib.Path:
    """$LAB_DATA, else data/ beside the app; the system's temp folder when neither can be written."""
    for folder in (os.environ.get("LAB_DATA"), ROOT / "data", pathlib.Path(tempfile.gettempdir()) / "cs231n-lab"):
        if not folder:
            continue
        folder = pathlib.Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    raise RuntimeError("no writable data folder for the rooms database")


def keep_days() -> float:
    """$LAB_ROOM_DAYS (1 to 3650), else rooms_store.KEEP_DAYS."""
    try:
        days = float(os.environ.get("LAB_ROOM_DAYS", store.KEEP_DAYS))
    except ValueError:
        days = float("nan")
    return min(max(days, 1.0), 3650.0) if math.isfinite(days) else float(store.KEEP_DAYS)


def configured() -> bool:
    """True when .streamlit/secrets.toml has a [connections.rooms] section (a server database)."""
    return bool(st.secrets.load_if_toml_exists() and st.secrets.get("connections", {}).get("rooms"))


_prepared: set[int] = set()
_prepare_lock = threading.Lock()


def engine() -> Engine:
    """The rooms database's engine, schema ready (first use creates it) and old rooms purged once per
    process. Raises on a database that cannot be reached."""
    if configured():
        connection = st.connection("rooms", type="sql")
    else:  # SQLite in the data folder; a writer waits up to BUSY_MS for another one's lock
        url = store.sqlite_url(data_dir() / "rooms.sqlite")
        connection = st.connection("rooms", type="sql", url=url, connect_args={"timeout": store.BUSY_MS / 1000})
    eng = connection.engine
    if id(eng) not in _prepared:
        with _prepare_lock:
            if id(eng) not in _prepared:
                store.prepare(eng)
                store.purge(eng, keep_days())
                _prepared.add(id(eng))
    return eng


def safely(action, *args, **kwargs):
    """(result, None) or (None, note) for a store call: a bad value or a database error becomes a note,
    never a traceback."""
    try:
        return action(*args, **kwargs), None
    except store.RoomError as error:
        return None, t(f"rooms.bad.{error.reason}")
    except (SQLAlchemyError, OSError, RuntimeError) as error:
        log.exception("rooms database")
        return None, t("rooms.db_error", error=type(error).__name__)


# ---- this run's seat in a room ----------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    code: str
    nickname: str | None  # None until the member has picked a valid one
    closed: bool
    owner: bool
    pinned: str | None


def seat() -> Seat | None:
    """The room this run is in (set by the sidebar), or None."""
    return st.session_state.get(STATE)


def requested() -> bool:
    """True when this run names a well-formed room code (the box's value, else the URL's); no database
    look-up. app.py shows the room's page in the navigation then."""
    value = st.session_state.get(ROOM)
    if value is None:
        value = st.query_params.get(ROOM)
    return safely(store.clean_code, value or "")[1] is None


def note(text: str) -> None:
    st.session_state[NOTE] = text


def shown(text: str) -> str:
    """A refused value made safe to quote in a note: no control or formatting characters (a right-to-left
    override would turn the note around), short, no backticks."""
    return quoted("".join(c if unicodedata.category(c)[0] != "C" else "�" for c in text[:200]))


def plain(text: str) -> str:
    """A nickname shown in markdown as typed (its - _ . are not markup)."""
    return "".join("\\" + c if c in "-_.\\*`[]<>#" else c for c in text)


def _start(eng_getter) -> None:
    """Callback of "Start a study room": create it, keep the owner's token in this session, go in."""
    created, problem = safely(lambda: store.create_room(eng_getter()))
    if problem:
        note(problem)
        return
    code, token = created
    st.session_state.setdefault(TOKENS, {})[code] = token
    st.session_state[ROOM] = code
    safely(store.purge, eng_getter(), keep_days())


def _leave() -> None:
    st.session_state[ROOM] = ""


def sidebar(page_path: str) -> None:
    """The sidebar's room block (app.py draws it after the navigation, before the page)."""
    page_path = page_path or "home"  # the default page's url_path is empty
    st.session_state[STATE] = None
    st.session_state[PAGE] = page_path
    st.markdown(f"**{t('rooms.title')}**")
    if NOTE in st.session_state:
        st.warning(st.session_state.pop(NOTE), icon=":material/warning:")
    given = st.text_input(t("rooms.code"), key=ROOM, bind="query-params", placeholder="K7QX2M",
                          help=t("rooms.code_help"))
    if not given.strip():  # not in a room: the database is not opened (nor created) until someone starts one
        st.button(t("rooms.start"), key="_room_start", on_click=_start, args=(engine,), width="stretch")
        return
    code, problem = safely(store.clean_code, given)
    room = None
    if problem:  # judged before the database is opened: a refused code touches nothing
        st.warning(t("rooms.code_refused", given=shown(given), why=problem), icon=":material/warning:")
    else:
        room, problem = safely(lambda: store.get_room(engine(), code))
        if room is None:  # a well-formed code that the database does not know (or a database error)
            st.warning(problem or t("rooms.unknown", code=code), icon=":material/warning:")
            st.caption(t("rooms.unknown_help", days=f"{keep_days():g}"))
    if room is None:
        st.button(t("rooms.start_new"), key="_room_start", on_click=_start, args=(engine,), width="stretch")
        return
    share_value(ROOM, code, "")
    token = st.session_state.get(TOKENS, {}).get(code)
    owner = bool(safely(store.is_owner, engine(), code, token)[0])
    nickname = _nickname_box(room.closed)
    st.caption(t("rooms.predicting"))
    st.session_state[STATE] = Seat(code, nickname, room.closed, owner, room.pinned)
    (_members_static if room.closed else _members_live)(code, None if room.closed else nickname)
    _pinned_link(room.pinned)
    if owner and page_path not in ("home", "room"):
        st.button(t("rooms.pin"), key="_room_pin", on_click=_pin_here, args=(code,), width="stretch",
                  help=t("rooms.pin_help"))
    if page_path != "room":
        # room and language follow (bound)
        st.page_link(PAGES["room"], label=t("rooms.summary_link"), icon=":material/group:")
    st.button(t("rooms.leave"), key="_room_leave", on_click=_leave)


def _nickname_box(closed: bool) -> str | None:
    if closed:
        st.caption(t("rooms.closed"))
    typed = st.text_input(t("rooms.nickname"), key=NICK, max_chars=store.NICK_MAX, help=t("rooms.nickname_help"))
    if not typed.strip():
        st.caption(t("rooms.nickname_needed"))
        return None
    nickname, problem = safely(store.clean_nickname, typed)
    if problem:
        st.warning(t("rooms.nickname_refused", given=shown(typed), why=problem), icon=":material/warning:")
        return None
    return nickname


def _members(code: str, nickname: str | None) -> None:
    """Who is active in the room; also tells the room that this member still is (at most once a minute)."""
    if nickname and time.time() - st.session_state.get(SEEN, {}).get((code, nickname), 0) > HEARTBEAT_SECONDS:
        if safely(store.touch, engine(), code, nickname)[1] is None:
            st.session_state[SEEN] = {(code, nickname): time.time()}
    names, problem = safely(store.active_members, engine(), code, ACTIVE_MINUTES)
    if problem:
        st.caption(problem)
        return
    shown = ", ".join(plain(n) for n in names[:12]) + (" …" if len(names) > 12 else "")
    st.caption(t("rooms.members", code=code, n=len(names), minutes=ACTIVE_MINUTES) + (f": {shown}" if names else ""))


_members_live = st.fragment(run_every=15)(_members)  # the count follows arrivals without a page rerun
_members_static = st.fragment(_members)


def _frame_params(code: str) -> dict[str, str]:
    """The room and language for a link that opens a new session (a new tab)."""
    params = {ROOM: code}
    if st.session_state.get("lang"):
        params["lang"] = st.session_state["lang"]
    return params


def current_link() -> str:
    """This page and its non-default settings as a relative link (`activations?part=dead&lr=0.2`), without
    the frame's own keys (room, language), from the settings recorded so far in this run."""
    pairs = [(k, v) for k, vs in st.session_state.get(SHARE, {}).items() for v in vs
             if k not in FRAME_KEYS | {"focus", "predict"}]
    path = st.session_state.get(PAGE) or "home"
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _pin_here(code: str) -> None:
    """Callback: the owner pins the run on screen (page and settings of the run that drew the button)."""
    _, problem = safely(store.pin, engine(), code, st.session_state.get(TOKENS, {}).get(code), current_link())
    if problem:
        note(problem)


def split_link(link: str) -> tuple[str, dict[str, str]] | None:
    """(page file, query params) of a stored relative link, or None for a page this app does not have."""
    path, _, query = link.partition("?")
    if path not in PAGES:
        return None
    return PAGES[path], {k: v for k, v in parse_qsl(query) if k not in FRAME_KEYS}


def _pinned_link(pinned: str | None) -> None:
    if not pinned or (split := split_link(pinned)) is None:
        return
    page, params = split  # the room and the language are bound controls: they follow by themselves
    st.page_link(page, label=t("rooms.pinned"), icon=":material/push_pin:", query_params=params)


# ---- the room side of a question (ui/study.ask) ----------------------------------------------------


def run_key(scope: str, qid: str, cfg) -> str:
    """The key of a question on one run's settings: the result cache's identity of a run (the config's
    repr and the version of core/, ui/cache.key_of) with the question it asks."""
    return hashlib.sha256(repr((scope, qid, repr(cfg), CORE_VERSION)).encode()).hexdigest()[:16]


class Asked:
    """One question on one run, asked in a room: restores and records the member's answer, draws the
    room's count while it is open and its answers after reveal."""

    def __init__(self, here: Seat, scope: str, qid: str, cfg, correct, options: list, pick_key: str,
                 revealed_key: str):
        self.seat, self.options = here, options
        self.pick_key, self.revealed_key = pick_key, revealed_key
        link = current_link()
        link = link if len(link) <= store.LINK_MAX else link.partition("?")[0]  # very many settings: the page
        self.question = store.Question(here.code, scope, qid, run_key(scope, qid, cfg), str(correct), link)
        self.by_text = {str(o): o for o in options}
        self._restore()

    def _restore(self) -> None:
        """Before the radio is drawn: the database's answer (if any) is this session's pick; a pick made
        before the nickname was chosen is stored now."""
        if not self.seat.nickname:
            return
        mine, problem = safely(store.my_answer, engine(), self.question, self.seat.nickname)
        if problem:
            st.caption(problem)
            return
        if mine is None:
            pick = st.session_state.get(self.pick_key)
            if pick is not None and not self.seat.closed:
                self._store(pick, bool(st.session_state.get(self.revealed_key)))
            return
        answer, revealed = mine
        if answer in self.by_text:
            st.session_state[self.pick_key] = self.by_text[answer]
            if revealed:
                st.session_state[self.revealed_key] = True

    def _store(self, pick, reveal: bool = False) -> None:
        if not self.seat.nickname or pick is None:
            return
        stored, problem = safely(store.answer, engine(), self.question, self.seat.nickname, pick, reveal=reveal)
        if problem:
            note(problem)
        elif not stored:
            note(t("rooms.not_stored_closed" if self.seat.closed else "rooms.not_stored_revealed"))

    def on_pick(self) -> None:
        """Callback of the radio: record the changed answer."""
        self._store(st.session_state.get(self.pick_key))

    def on_reveal(self) -> None:
        """Callback of Reveal: the answer is stored as revealed (it can no longer change), then shown."""
        self._store(st.session_state.get(self.pick_key), reveal=True)
        st.session_state[self.revealed_key] = True

    def waiting(self) -> None:
        """Under a question not yet revealed: how many members have answered (refreshing), or a prompt."""
        if NOTE in st.session_state:
            st.warning(st.session_state.pop(NOTE), icon=":material/warning:")
        if not self.seat.nickname:
            st.caption(t("rooms.answer_needs_nickname"))
        (_count_static if self.seat.closed else _count_live)(self.question)

    def revealed(self, label) -> None:
        """After reveal: the room's answers for this question and run, the measured answer highlighted."""
        if NOTE in st.session_state:
            st.warning(st.session_state.pop(NOTE), icon=":material/warning:")
        labels = {str(o): str(label(o)) for o in self.options}
        (_results_static if self.seat.closed else _results_live)(self.question, labels)


def _count(question: store.Question) -> None:
    n, problem = safely(store.count, engine(), question)
    st.caption(problem or t("rooms.count_open", n=n))


def _results(question: store.Question, labels: dict[str, str]) -> None:
    counts, problem = safely(store.distribution, engine(), question)
    if problem:
        st.caption(problem)
        return
    frame = answers_frame(counts, labels, question.correct)
    st.altair_chart(answers_chart(frame), width="stretch")
    st.caption(t("rooms.count_revealed", n=int(frame["members"].sum()),
                 right=int(frame.loc[frame.measured, "members"].sum())))


_count_live = st.fragment(run_every=REFRESH_SECONDS)(_count)
_count_static = st.fragment(_count)
_results_live = st.fragment(run_every=REFRESH_SECONDS)(_results)
_results_static = st.fragment(_results)


def answers_frame(counts: dict[str, int], labels: dict[str, str], correct: str) -> pd.DataFrame:
    """One row per option (and per stored answer no longer among the options): label, members, measured."""
    keys = list(labels) + [k for k in counts if k not in labels]
    return pd.DataFrame({"answer": [labels.get(k, k) + (" ✓" if k == correct else "") for k in keys],
                         "members": [int(counts.get(k, 0)) for k in keys],
                         "measured": [k == correct for k in keys]})


def answers_chart(frame: pd.DataFrame) -> alt.Chart:
    """Horizontal bars of the room's answers; the answer this run measured in its own colour and marked ✓
    (a second channel besides colour). Options keep their order."""
    verdict = frame.measured.map({True: t("rooms.legend_measured"), False: t("rooms.legend_other")})
    data = frame.assign(kind=verdict)
    return alt.Chart(data, title=t("rooms.chart_title")).mark_bar().encode(
        x=alt.X("members:Q", title=t("rooms.col.members"), axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("answer:N", title=None, sort=None),  # the question's order of options
        color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom"), scale=alt.Scale(
            domain=[t("rooms.legend_measured"), t("rooms.legend_other")], range=["#009E73", "#9E9E9E"])),
        tooltip=[alt.Tooltip("answer:N", title=t("rooms.col.answer")),
                 alt.Tooltip("members:Q", title=t("rooms.col.members"))],
    ).properties(height=alt.Step(30))  # a fixed height squeezed the bands to a few pixels in Streamlit 1.67


# ---- the room's page -------------------------------------------------------------------------------


def question_text(scope: str, qid: str) -> str:
    key = f"{scope}.q.{qid}"
    return t(key) if has(key) else f"{scope}/{qid}"


def option_text(scope: str, qid: str, option: str) -> str:
    key = f"{scope}.q.{qid}.{option}"
    return t(key) if has(key) else legend_label(option, scope)


def summary_frames(code: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(questions, members' tallies, every answer) of a room, ready to show and to download."""
    eng = engine()
    questions = pd.DataFrame(store.room_questions(eng, code),
                             columns=["scope", "qid", "run", "correct", "link", "asked", "answers", "right_answers"])
    answers = pd.DataFrame(store.room_answers(eng, code),
                           columns=["nickname", "scope", "qid", "run", "answer", "correct", "revealed", "answered",
                                    "link"])
    answers["right"] = answers.answer == answers.correct
    tally = answers.groupby("nickname", as_index=False).agg(answered=("answer", "size"), right=("right", "sum"))
    tally = tally.sort_values(["right", "answered", "nickname"], ascending=[False, True, True], ignore_index=True)
    for frame in (questions, answers):
        frame["question"] = [question_text(s, q) for s, q in zip(frame.scope, frame.qid)]
    questions["measured"] = [option_text(s, q, c) for s, q, c in zip(questions.scope, questions.qid,
                                                                      questions.correct)]
    questions["page"] = [t(f"{s}.nav") if has(f"{s}.nav") else s for s in questions.scope]
    questions["open"] = [link_with_room(link, code) for link in questions.link]
    for column in ("asked",):
        questions[column] = pd.to_datetime(questions[column], unit="s", utc=True)
    answers["answered"] = pd.to_datetime(answers["answered"], unit="s", utc=True)
    return questions, tally, answers


def link_with_room(link: str, code: str) -> str:
    """A stored relative link with this room (and language) added: it opens the run inside the room."""
    path, _, query = link.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query) if k not in FRAME_KEYS] + list(_frame_params(code).items())
    return f"{path}?{urlencode(pairs)}"


def owner_controls(code: str, pinned: str | None) -> None:
    """Close, clear and unpin, for the room's owner (checked against the token in this session)."""
    token = st.session_state.get(TOKENS, {}).get(code)
    st.subheader(t("rooms.owner_title"))
    st.caption(t("rooms.owner_help"))
    sure = st.checkbox(t("rooms.confirm"), key="_room_sure")
    left, middle, right = st.columns(3)
    left.button(t("rooms.close"), key="_room_close", disabled=not sure, on_click=_owner_action,
                args=(store.close_room, code, token), width="stretch")
    middle.button(t("rooms.clear"), key="_room_clear", disabled=not sure, on_click=_owner_action,
                  args=(store.clear_room, code, token), width="stretch")
    right.button(t("rooms.unpin"), key="_room_unpin", disabled=not pinned, on_click=_owner_action,
                 args=(store.pin, code, token, None), width="stretch")


def _owner_action(action, code: str, token: str | None, *args) -> None:
    _, problem = safely(action, engine(), code, token, *args)
    st.session_state["_room_sure"] = False
    if problem:
        note(problem)
