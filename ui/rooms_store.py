"""Study-group rooms in a SQL database: schema, queries and the validation of codes and nicknames.

No Streamlit here: every function takes a SQLAlchemy engine, so the storage is tested directly on a real
SQLite file or PostgreSQL server (tests/test_rooms.py). ui/rooms.py gets the engine from
`st.connection("rooms", type="sql")`.

Tables (schema version 1, created on first use by `prepare`):
  schema_version(version)
  rooms(code, owner, created, closed, pinned)           owner: sha256 of the owner's secret token
  members(room, nickname, seen)                         seen: last activity, epoch seconds
  questions(room, scope, qid, run, correct, link, asked) run: the key of the run's settings
  answers(room, scope, qid, run, nickname, answer, revealed, answered)

Every query is `sqlalchemy.text` with bound parameters; only portable SQL is used (tested on SQLite and
PostgreSQL). SQLite gets WAL mode and a busy timeout, so concurrent writers (threads of one server, or two
servers on one file) wait for each other instead of failing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

SCHEMA_VERSION = 1
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/1, O/0: codes are read aloud and typed
CODE_LENGTH = 6  # 32^6 ≈ 1e9 codes
NICK_MAX = 20
KEEP_DAYS = 30  # rooms older than this are purged (LAB_ROOM_DAYS overrides it in ui/rooms.py)
BUSY_MS = 15_000  # how long a SQLite writer waits for the lock before giving up
# Limits on the values that come from code, not from people (scope, question id, option, run key, link)
IDENT = re.compile(r"^[\w.+\- ]{1,80}$")
LINK_MAX = 1000

metadata = sa.MetaData()
sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))
sa.Table("rooms", metadata,
         sa.Column("code", sa.String(CODE_LENGTH), primary_key=True),
         sa.Column("owner", sa.String(64), nullable=False),
         sa.Column("created", sa.Float, nullable=False, index=True),
         sa.Column("closed", sa.Integer, nullable=False, default=0),
         sa.Column("pinned", sa.String(LINK_MAX)))
sa.Table("members", metadata,
         sa.Column("room", sa.String(CODE_LENGTH), primary_key=True),
         sa.Column("nickname", sa.String(NICK_MAX * 4), primary_key=True),
         sa.Column("seen", sa.Float, nullable=False))
sa.Table("questions", metadata,
         *[sa.Column(name, sa.String(n), primary_key=True)
           for name, n in (("room", CODE_LENGTH), ("scope", 80), ("qid", 80), ("run", 40))],
         sa.Column("correct", sa.String(80), nullable=False),
         sa.Column("link", sa.String(LINK_MAX), nullable=False),
         sa.Column("asked", sa.Float, nullable=False))
sa.Table("answers", metadata,
         *[sa.Column(name, sa.String(n), primary_key=True)
           for name, n in (("room", CODE_LENGTH), ("scope", 80), ("qid", 80), ("run", 40), ("nickname", NICK_MAX * 4))],
         sa.Column("answer", sa.String(80), nullable=False),
         sa.Column("revealed", sa.Integer, nullable=False, default=0),
         sa.Column("answered", sa.Float, nullable=False))


class RoomError(ValueError):
    """A value that is not stored, with the catalog key of the note that says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "code.empty", "code.length", "code.chars", "nick.empty", "nick.length", ...


# ---- validation -------------------------------------------------------------------------------------


def clean_code(value) -> str:
    """A room code as typed (any case, surrounding spaces) -> its canonical form, or RoomError."""
    if not isinstance(value, str) or not value.strip():
        raise RoomError("code.empty")
    code = value.strip().upper()
    if len(code) != CODE_LENGTH:
        raise RoomError("code.length")
    if any(c not in CODE_ALPHABET for c in code):
        raise RoomError("code.chars")
    return code


NICK_PUNCTUATION = set(" -_.")  # no quotes, brackets or markup characters; shown escaped (ui.rooms.plain)


def clean_nickname(value) -> str:
    """A nickname -> its stored form (NFC, spaces trimmed and collapsed), or RoomError.

    Letters of any script (Hangul included), digits, spaces and - _ . only: no emoji, no control or
    formatting characters (e.g. right-to-left overrides), no markup."""
    if not isinstance(value, str):
        raise RoomError("nick.empty")
    if len(value) > 4 * NICK_MAX:  # judged before normalizing a 10k-character paste
        raise RoomError("nick.length")
    nick = unicodedata.normalize("NFC", value)
    if any(unicodedata.category(c)[0] == "C" for c in nick):  # control, format (e.g. \u202e), unassigned
        raise RoomError("nick.chars")
    nick = " ".join(nick.split())
    if not nick:
        raise RoomError("nick.empty")
    if len(nick) > NICK_MAX:
        raise RoomError("nick.length")
    word = lambda c: unicodedata.category(c)[0] in "LN" or unicodedata.category(c) in ("Mn", "Mc")  # marks: Indic
    if not all(c in NICK_PUNCTUATION or word(c) for c in nick) or not any(word(c) for c in nick):
        raise RoomError("nick.chars")
    return nick


def _ident(value) -> str:
    value = str(value)
    if not IDENT.match(value):
        raise RoomError("ident")
    return value


def _link(value: str) -> str:
    """A relative link inside the app: `page?query`, no scheme, no host, no control characters."""
    if (not isinstance(value, str) or len(value) > LINK_MAX or "://" in value or value.startswith(("/", "\\"))
            or any(unicodedata.category(c)[0] == "C" for c in value)):
        raise RoomError("link")
    return value


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# ---- engine and schema ------------------------------------------------------------------------------


def sqlite_url(path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, nor the writer them
    cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")  # a second writer waits instead of failing at once
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode; a commit no longer waits for fsync
    cursor.close()


def prepare(engine: Engine) -> Engine:
    """Make `engine` ready: SQLite pragmas on every new connection, the schema created or checked.
    Idempotent and safe when several processes call it at once."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
        engine.pool.dispose()  # connections opened before the listener get the pragmas too
    for attempt in range(5):
        try:
            _create_schema(engine)
            break
        except (IntegrityError, OperationalError, sa.exc.ProgrammingError):
            # another process created a table in between (PostgreSQL reports a duplicate), or held the lock
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    found = schema_version(engine)
    if found != SCHEMA_VERSION:
        raise RuntimeError(f"the rooms database has schema version {found}; this app knows {SCHEMA_VERSION}")
    return engine


def _create_schema(engine: Engine) -> None:
    metadata.create_all(engine, checkfirst=True)
    with engine.begin() as conn:
        if conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar_one() == 0:
            conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": SCHEMA_VERSION})


def schema_version(engine: Engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()


def _writing(engine: Engine, work, attempts: int = 4):
    """Run `work(conn)` in a transaction; retry a few times when SQLite's lock outlasts its busy timeout
    or two writers inserted the same key at once."""
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                return work(conn)
        except (OperationalError, IntegrityError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)


# ---- rooms ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Room:
    code: str
    created: float
    closed: bool
    pinned: str | None


def create_room(engine: Engine, now: float | None = None) -> tuple[str, str]:
    """A new room: (its code, the owner's secret token). Only the token's hash is stored."""
    token = secrets.token_urlsafe(24)
    for _ in range(10):
        code = new_code()
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO rooms (code, owner, created, closed) VALUES (:c, :o, :t, 0)"),
                             {"c": code, "o": token_hash(token), "t": time.time() if now is None else now})
            return code, token
        except IntegrityError:  # the code is taken: draw another
            continue
    raise RuntimeError("no free room code found")


def get_room(engine: Engine, code: str) -> Room | None:
    code = clean_code(code)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT code, created, closed, pinned FROM rooms WHERE code = :c"),
                           {"c": code}).first()
    return Room(row.code, row.created, bool(row.closed), row.pinned) if row else None


def is_owner(engine: Engine, code: str, token: str | None) -> bool:
    if not token:
        return False
    with engine.connect() as conn:
        owner = conn.execute(text("SELECT owner FROM rooms WHERE code = :c"), {"c": clean_code(code)}).scalar()
    return owner is not None and secrets.compare_digest(owner, token_hash(token))


def _owned(engine: Engine, code: str, token: str | None) -> str:
    code = clean_code(code)
    if not is_owner(engine, code, token):
        raise RoomError("owner")
    return code


def close_room(engine: Engine, code: str, token: str | None) -> None:
    code = _owned(engine, code, token)
    _writing(engine, lambda c: c.execute(text("UPDATE rooms SET closed = 1 WHERE code = :c"), {"c": code}))


def clear_room(engine: Engine, code: str, token: str | None) -> None:
    """Delete the room's questions and answers (members and the room stay)."""
    code = _owned(engine, code, token)

    def work(conn):
        conn.execute(text("DELETE FROM answers WHERE room = :c"), {"c": code})
        conn.execute(text("DELETE FROM questions WHERE room = :c"), {"c": code})
    _writing(engine, work)


def pin(engine: Engine, code: str, token: str | None, link: str | None) -> None:
    """The owner pins 'the run we are discussing' (a relative link `page?query`), or unpins with None."""
    code = _owned(engine, code, token)
    link = None if link is None else _link(link)
    _writing(engine, lambda c: c.execute(text("UPDATE rooms SET pinned = :p WHERE code = :c"), {"p": link, "c": code}))


def purge(engine: Engine, days: float = KEEP_DAYS, now: float | None = None) -> int:
    """Delete rooms created more than `days` ago, with everything in them. Returns how many rooms went."""
    cutoff = (time.time() if now is None else now) - days * 86400
    old = "SELECT code FROM rooms WHERE created < :t"

    def work(conn):
        for table in ("answers", "questions", "members"):
            conn.execute(text(f"DELETE FROM {table} WHERE room IN ({old})"), {"t": cutoff})  # table: fixed names
        return conn.execute(text("DELETE FROM rooms WHERE created < :t"), {"t": cutoff}).rowcount
    return _writing(engine, work)


# ---- members ----------------------------------------------------------------------------------------


def touch(engine: Engine, code: str, nickname: str, now: float | None = None) -> None:
    """Record that `nickname` is active in the room now."""
    params = {"r": clean_code(code), "n": clean_nickname(nickname), "t": time.time() if now is None else now}

    def work(conn):
        if conn.execute(text("UPDATE members SET seen = :t WHERE room = :r AND nickname = :n"), params).rowcount == 0:
            conn.execute(text("INSERT INTO members (room, nickname, seen) VALUES (:r, :n, :t)"), params)
    _writing(engine, work)


def active_members(engine: Engine, code: str, minutes: float = 5, now: float | None = None) -> list[str]:
    since = (time.time() if now is None else now) - minutes * 60
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT nickname FROM members WHERE room = :r AND seen >= :t ORDER BY nickname"),
                            {"r": clean_code(code), "t": since})
        return [r.nickname for r in rows]


# ---- answers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    room: str
    scope: str
    qid: str
    run: str  # key of the run's settings
    correct: str  # the option this run's numbers support
    link: str = ""  # the page and settings of the run, relative: "activations?part=dead&lr=0.2"

    def checked(self) -> "Question":
        return Question(clean_code(self.room), _ident(self.scope), _ident(self.qid), _ident(self.run),
                        _ident(self.correct), _link(self.link) if self.link else "")

    @property
    def key(self) -> dict:
        return {"r": self.room, "s": self.scope, "q": self.qid, "u": self.run}


KEY = "room = :r AND scope = :s AND qid = :q AND run = :u"


def answer(engine: Engine, question: Question, nickname: str, option, *, reveal: bool = False,
           now: float | None = None) -> bool:
    """Store (or change) `nickname`'s answer; with reveal=True it is also marked revealed and can no
    longer change. False when nothing was stored: the answer was already revealed, or the room is
    closed or unknown. Bad values raise RoomError and store nothing."""
    q = question.checked()
    params = {**q.key, "n": clean_nickname(nickname), "a": _ident(option), "v": int(reveal),
              "t": time.time() if now is None else now}

    def work(conn):
        room = conn.execute(text("SELECT closed FROM rooms WHERE code = :r"), params).first()
        if room is None or room.closed:
            return False
        if conn.execute(text(f"SELECT 1 FROM questions WHERE {KEY}"), params).first() is None:
            conn.execute(text("INSERT INTO questions (room, scope, qid, run, correct, link, asked) "
                              "VALUES (:r, :s, :q, :u, :c, :l, :t)"), {**params, "c": q.correct, "l": q.link})
        changed = conn.execute(text(f"UPDATE answers SET answer = :a, revealed = :v, answered = :t "
                                    f"WHERE {KEY} AND nickname = :n AND revealed = 0"), params).rowcount
        if changed:
            return True
        if conn.execute(text(f"SELECT 1 FROM answers WHERE {KEY} AND nickname = :n"), params).first():
            return False  # revealed already: the answer stays as it was
        conn.execute(text("INSERT INTO answers (room, scope, qid, run, nickname, answer, revealed, answered) "
                          "VALUES (:r, :s, :q, :u, :n, :a, :v, :t)"), params)
        return True

    stored = _writing(engine, work)
    if stored:
        touch(engine, q.room, params["n"], params["t"])
    return stored


def my_answer(engine: Engine, question: Question, nickname: str) -> tuple[str, bool] | None:
    """(answer, revealed) of `nickname` for this question, or None."""
    q = question.checked()
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT answer, revealed FROM answers WHERE {KEY} AND nickname = :n"),
                           {**q.key, "n": clean_nickname(nickname)}).first()
    return (row.answer, bool(row.revealed)) if row else None


def distribution(engine: Engine, question: Question) -> dict[str, int]:
    """answer -> how many members gave it, for this question and run."""
    q = question.checked()
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT answer, COUNT(*) AS n FROM answers WHERE {KEY} GROUP BY answer"), q.key)
        return {r.answer: int(r.n) for r in rows}


def count(engine: Engine, question: Question) -> int:
    q = question.checked()
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM answers WHERE {KEY}"), q.key).scalar_one())


def room_answers(engine: Engine, code: str) -> list[dict]:
    """Every answer of the room with its question's measured answer and link, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT a.nickname, a.scope, a.qid, a.run, a.answer, q.correct, a.revealed, a.answered, q.link "
            "FROM answers a JOIN questions q ON a.room = q.room AND a.scope = q.scope AND a.qid = q.qid "
            "AND a.run = q.run WHERE a.room = :r ORDER BY a.answered, a.nickname"), {"r": clean_code(code)})
        return [dict(r._mapping) for r in rows]


def room_questions(engine: Engine, code: str) -> list[dict]:
    """The room's questions, in the order first asked, with answer counts."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT q.scope, q.qid, q.run, q.correct, q.link, q.asked, COUNT(a.nickname) AS answers, "
            "SUM(CASE WHEN a.answer = q.correct THEN 1 ELSE 0 END) AS right_answers "
            "FROM questions q LEFT JOIN answers a ON a.room = q.room AND a.scope = q.scope AND a.qid = q.qid "
            "AND a.run = q.run WHERE q.room = :r GROUP BY q.scope, q.qid, q.run, q.correct, q.link, q.asked "
            "ORDER BY q.asked"), {"r": clean_code(code)})
        return [{**dict(r._mapping), "right_answers": int(r.right_answers or 0)} for r in rows]
