"""Study-group rooms (issue 17) on real databases, no mocks: the store on a SQLite file (and on a throwaway
PostgreSQL server when Debian's postgresql is installed), the room flow through the real app (AppTest),
and two `streamlit run` servers sharing one SQLite file through the agent API."""

from __future__ import annotations

import concurrent.futures
import glob
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import uuid
from urllib.parse import parse_qsl

import pytest
import sqlalchemy as sa

from bench.live import free_port
from tests.conftest import open_page, problems
from tests.test_fuzz import JUNK
from ui import rooms_store as store

NOW = 1_800_000_000.0
# Values a person (or a hand-edited link) may send as a room code or a nickname that must be refused:
# the link fuzzer's junk that is not a plain word, SQL fragments, a 10k-character string, emoji, control
# and formatting characters, markup.
HOSTILE = [v for v in JUNK if not re.fullmatch(r"[\w.\- ]+", v)] + [
    "'; DROP TABLE rooms; --", "x' OR '1'='1", "Robert'); DELETE FROM answers;--", "1; SELECT * FROM members",
    "y" * 10_000, "😀😀", "Ana😀", "a\u0000b", "a\nb", "tab\there", "\u202eevil", "zero\u200bwidth",
    "<b>bold</b>", "**x**", "a/b", "a\\b", "' '", "   ", "\x7f",
]


# ---- databases ---------------------------------------------------------------------------------------

INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL server in a temp folder (trust auth on 127.0.0.1, fsync off): its URL prefix.
    Skips with the reason when Debian's postgresql or the psycopg driver is missing."""
    if not INITDB:
        pytest.skip("Debian's postgresql is not installed (apt-get install postgresql): "
                    "no /usr/lib/postgresql/*/bin/initdb")
    pytest.importorskip("psycopg", reason="psycopg is not installed (requirements-dev.txt)")
    bindir = pathlib.Path(INITDB[-1]).parent
    user = None
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as Debian's postgres user
        if shutil.which("id") is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            pytest.skip("running as root and there is no postgres user to run the server as")
        user = "postgres"
    root = pathlib.Path(tempfile.mkdtemp(prefix="lab-pg-"))
    if user:
        shutil.chown(root, user)
    data, port = root / "data", free_port()
    run = lambda *args: subprocess.run([str(bindir / args[0]), *args[1:]], user=user, check=True,
                                       capture_output=True, timeout=60)
    run("initdb", "-D", str(data), "-A", "trust", "-U", "lab", "-E", "UTF8", "--no-sync")
    run("pg_ctl", "-D", str(data), "-w", "-t", "30", "-l", str(root / "log"), "start", "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off")
    try:
        yield f"postgresql+psycopg://lab@127.0.0.1:{port}"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def eng(request, tmp_path):
    """A fresh, prepared rooms database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        engine = sa.create_engine(store.sqlite_url(tmp_path / "rooms.sqlite"))
    else:
        server = request.getfixturevalue("postgres")
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))  # a name made here, not input
        admin.dispose()
        engine = sa.create_engine(f"{server}/{name}")
    yield store.prepare(engine)
    engine.dispose()


def rows(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()  # fixed table names


def all_rows(engine) -> dict[str, int]:
    return {table: rows(engine, table) for table in ("rooms", "members", "questions", "answers")}


def question(code: str, run: str = "run1", correct: str = "relu") -> store.Question:
    return store.Question(code, "activations", "keeps", run, correct, "activations?part=saturation")


# ---- the store ---------------------------------------------------------------------------------------


def test_store_and_read_back(eng):
    code, token = store.create_room(eng, now=NOW)
    q = question(code)
    for nick, pick in (("Ana", "relu"), ("Bo", "tanh"), ("철수", "relu")):
        assert store.answer(eng, q, nick, pick, now=NOW + 1)
    assert store.count(eng, q) == 3
    assert store.distribution(eng, q) == {"relu": 2, "tanh": 1}
    assert store.distribution(eng, question(code, run="other")) == {}  # other settings: another question
    assert store.my_answer(eng, q, "Bo") == ("tanh", False)
    assert store.active_members(eng, code, now=NOW + 2) == sorted(["Ana", "Bo", "철수"])
    assert store.active_members(eng, code, minutes=5, now=NOW + 3600) == []
    [asked] = store.room_questions(eng, code)
    assert (asked["answers"], asked["right_answers"], asked["correct"]) == (3, 2, "relu")
    answers = store.room_answers(eng, code)
    assert sorted(a["nickname"] for a in answers) == sorted(["Ana", "Bo", "철수"])
    assert {a["link"] for a in answers} == {"activations?part=saturation"}
    room = store.get_room(eng, code.lower())  # codes are typed in any case
    assert room.code == code and not room.closed and room.created == NOW
    assert store.get_room(eng, "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY") is None


def test_an_answer_changes_until_it_is_revealed(eng):
    code, _ = store.create_room(eng)
    q = question(code)
    assert store.answer(eng, q, "Ana", "tanh")
    assert store.answer(eng, q, "Ana", "sigmoid")  # changed her mind
    assert store.my_answer(eng, q, "Ana") == ("sigmoid", False)
    assert store.answer(eng, q, "Ana", "relu", reveal=True)
    assert not store.answer(eng, q, "Ana", "tanh")  # revealed: final
    assert not store.answer(eng, q, "Ana", "tanh", reveal=True)
    assert store.my_answer(eng, q, "Ana") == ("relu", True)
    assert store.count(eng, q) == 1 and rows(eng, "answers") == 1


def test_owner_only_closes_clears_and_pins(eng):
    code, token = store.create_room(eng)
    q = question(code)
    store.answer(eng, q, "Ana", "relu")
    for wrong in (None, "", "guess", token[:-1]):
        with pytest.raises(store.RoomError):
            store.close_room(eng, code, wrong)
    store.pin(eng, code, token, "optimizers?part=race&lr=0.1")
    assert store.get_room(eng, code).pinned == "optimizers?part=race&lr=0.1"
    for bad in ("https://evil.example/x", "//evil.example", "/etc/passwd", "a\nb", "x" * 2000):
        with pytest.raises(store.RoomError):
            store.pin(eng, code, token, bad)
    store.clear_room(eng, code, token)
    assert rows(eng, "answers") == rows(eng, "questions") == 0
    store.answer(eng, q, "Ana", "relu")
    store.close_room(eng, code, token)
    assert store.get_room(eng, code).closed
    assert not store.answer(eng, q, "Bo", "tanh")  # a closed room records nothing new
    assert store.count(eng, q) == 1


def test_hostile_codes_and_nicknames_store_nothing(eng):
    code, _ = store.create_room(eng)
    q = question(code)
    before = all_rows(eng)
    refused = []
    for value in HOSTILE:
        with pytest.raises(store.RoomError) as nick_error:
            store.answer(eng, q, value, "relu")
        with pytest.raises(store.RoomError):
            store.answer(eng, question(value), "Ana", "relu")  # as a room code
        with pytest.raises(store.RoomError):
            store.touch(eng, code, value)
        refused.append(nick_error.value.reason)
    for option in ("relu'; DROP TABLE answers;--", "😀", "x" * 100, ""):
        with pytest.raises(store.RoomError):
            store.answer(eng, q, "Ana", option)
    assert all_rows(eng) == before
    assert set(refused) <= {"nick.empty", "nick.length", "nick.chars"}
    # ... while real names of any script pass, trimmed and normalized
    for name, kept in (("  Ana  Lee ", "Ana Lee"), ("김철수", "김철수"), ("nan", "nan"), ("o'", None),
                       ("Zoë-2_b.c", "Zoë-2_b.c"), ("x" * 20, "x" * 20), ("x" * 21, None)):
        if kept is None:
            with pytest.raises(store.RoomError):
                store.clean_nickname(name)
        else:
            assert store.clean_nickname(name) == kept


def test_codes_are_short_typeable_and_unique(eng):
    codes = {store.create_room(eng)[0] for _ in range(30)}
    assert len(codes) == 30
    assert all(len(c) == store.CODE_LENGTH and set(c) <= set(store.CODE_ALPHABET) for c in codes)
    assert all(store.clean_code(f" {c.lower()} ") == c for c in codes)


def test_purge_deletes_old_rooms_with_everything_in_them(eng):
    old, _ = store.create_room(eng, now=NOW - 40 * 86400)
    new, _ = store.create_room(eng, now=NOW - 86400)
    for code in (old, new):
        store.answer(eng, question(code), "Ana", "relu", now=NOW)
    assert store.purge(eng, days=30, now=NOW) == 1
    assert store.get_room(eng, old) is None and store.get_room(eng, new) is not None
    assert all_rows(eng) == {"rooms": 1, "members": 1, "questions": 1, "answers": 1}
    assert store.purge(eng, days=0.5, now=NOW) == 1 and all_rows(eng) == dict.fromkeys(all_rows(eng), 0)


def test_schema_is_created_once_and_versioned(eng):
    assert store.schema_version(eng) == store.SCHEMA_VERSION
    store.prepare(eng)  # a second server starting on the same database
    with eng.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM schema_version")).scalar_one() == 1
    with eng.begin() as conn:
        conn.execute(sa.text("UPDATE schema_version SET version = :v"), {"v": store.SCHEMA_VERSION + 1})
    with pytest.raises(RuntimeError, match="schema version"):
        store.prepare(eng)  # a newer database than this code knows: refuse rather than guess


def test_concurrent_members_lose_and_duplicate_nothing(eng):
    """25 members answer the same question at once (then reveal), on one engine from 25 threads."""
    code, _ = store.create_room(eng)
    q = question(code)
    names = [f"member {i}" for i in range(25)]

    def member(name):
        store.answer(eng, q, name, "tanh")
        return store.answer(eng, q, name, "relu", reveal=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=25) as pool:
        assert all(pool.map(member, names))
    assert store.distribution(eng, q) == {"relu": 25}
    assert rows(eng, "answers") == 25 and rows(eng, "questions") == 1


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = store.prepare(sa.create_engine(store.sqlite_url(tmp_path / "r.sqlite")))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store.BUSY_MS


# ---- the app (AppTest) -----------------------------------------------------------------------------


@pytest.fixture
def lab_data(tmp_path, monkeypatch):
    """The app's data folder moved to tmp_path: its rooms database, opened here too."""
    monkeypatch.setenv("LAB_DATA", str(tmp_path))
    engine = store.prepare(sa.create_engine(store.sqlite_url(tmp_path / "rooms.sqlite")))
    yield engine
    engine.dispose()


SATURATION = "app_pages/activations.py"  # Activations · saturation: a question on a run of ~0.1 s


def member(code: str, nickname: str | None):
    """A member's session on Activations · saturation in room `code`, with a nickname typed."""
    at = open_page(SATURATION, part="saturation", room=code)
    if nickname is not None:
        at.sidebar.text_input(key="_room_nick").input(nickname).run()
    return at


def radio_and_reveal(at):
    radio = next(r for r in at.radio if r.key.startswith("_pick_activations_keeps"))
    reveal = next((b for b in at.button if b.key.startswith("_reveal_activations_keeps")), None)  # gone once revealed
    return radio, reveal


def test_room_flow_in_the_app(lab_data):
    code, token = store.create_room(lab_data)
    ana = member(code, "Ana")
    assert problems(ana) == []
    radio, reveal = radio_and_reveal(ana)
    assert reveal.disabled and radio.value is None
    radio.set_value("tanh").run()
    radio, _ = radio_and_reveal(ana)
    radio.set_value("relu").run()  # changes her mind before revealing
    [(key, _)] = [(k, v) for k, v in lab_data.connect().execute(sa.text("SELECT run, answer FROM answers"))]
    assert store.my_answer(lab_data, question(code, run=key), "Ana") == ("relu", False)

    bo = member(code, "Bo")
    radio_and_reveal(bo)[0].set_value("sigmoid").run()
    radio_and_reveal(bo)[1].click().run()
    assert problems(bo) == []
    text = "\n".join(c.value for c in bo.caption)
    assert "2 member(s) answered; 1 picked what this run measured." in text
    assert len(bo.get("vega_lite_chart")) >= 1  # the room's answers, and the page's own charts
    assert store.my_answer(lab_data, question(code, run=key), "Bo") == ("sigmoid", True)
    assert radio_and_reveal(bo)[0].disabled  # revealed: the answer is final

    # Bo reloads (a new session): typing his nickname again brings back his revealed answer
    again = member(code, "Bo")
    assert radio_and_reveal(again)[0].value == "sigmoid"
    assert "2 member(s) answered" in "\n".join(c.value for c in again.caption)


def test_outside_a_room_and_outside_predict_mode_questions_are_answered_inline(lab_data):
    at = open_page(SATURATION, part="saturation")
    assert problems(at) == [] and not [r for r in at.radio if (r.key or "").startswith("_pick_")]
    assert "→ **ReLU**" in "\n".join(m.value for m in at.markdown)
    assert all_rows(lab_data) == dict.fromkeys(all_rows(lab_data), 0)


def test_start_a_room_from_the_sidebar(lab_data):
    at = open_page(None)
    at.sidebar.button(key="_room_start").click().run()
    code = at.query_params["room"][0] if isinstance(at.query_params["room"], list) else at.query_params["room"]
    room = store.get_room(lab_data, code)
    assert room is not None and not room.closed
    assert "active in the last 5 minutes" in "\n".join(c.value for c in at.sidebar.caption)
    assert any(f"room={code}" in c.value for c in at.sidebar.code)  # the share link brings people in
    assert problems(at) == []


def test_hostile_room_codes_and_nicknames_in_the_app_store_nothing(lab_data):
    code, _ = store.create_room(lab_data)
    before = all_rows(lab_data)
    for value in HOSTILE[::4] + ["'; DROP TABLE rooms; --", "y" * 10_000, "\u202eevil", "😀"]:
        at = open_page(None, room=value)
        assert problems(at) == [], repr(value[:30])
        if value.strip():
            assert any("not a room code" in w.value for w in at.sidebar.warning), repr(value[:30])
            assert all(len(w.value) < 400 for w in at.sidebar.warning)  # the value is quoted short
    at = member(code, None)
    for value in ["x'); DROP--", "1 OR 1=1", "😀", "a\u0000b", "\u202eevil", "<b>hi</b>"]:
        at.sidebar.text_input(key="_room_nick").input(value).run()
        assert problems(at) == []
        assert any("is not used" in w.value for w in at.sidebar.warning), repr(value)
        radio_and_reveal(at)[0].set_value("relu").run()
    # longer than the box allows (20): the widget itself refuses it
    at.sidebar.text_input(key="_room_nick").input("Robert'); DELETE FROM answers;--" * 300).run()
    assert problems(at) == [] and len(at.sidebar.text_input(key="_room_nick").value) <= store.NICK_MAX
    assert all_rows(lab_data) == before  # a refused nickname answers locally, records nothing


def test_an_unknown_code_says_so_and_offers_a_new_room(lab_data):
    at = open_page(None, room="ZZZZZZ")
    assert any("no room with the code `ZZZZZZ`" in w.value for w in at.sidebar.warning)
    at.sidebar.button(key="_room_start").click().run()
    code = at.query_params["room"]
    code = code[0] if isinstance(code, list) else code
    assert code != "ZZZZZZ" and store.get_room(lab_data, code) is not None


def test_room_page_summary_csv_and_owner_controls(lab_data):
    at = open_page(None)
    at.sidebar.button(key="_room_start").click().run()
    code = at.query_params["room"]
    code = code[0] if isinstance(code, list) else code
    for nick, pick in (("Ana", "relu"), ("Bo", "tanh")):
        store.answer(lab_data, question(code, correct="relu"), nick, pick)
    at.switch_page("app_pages/room.py").run()
    assert problems(at) == []
    tables = at.dataframe
    assert len(tables) == 2
    tally = tables[1].value
    assert dict(zip(tally.nickname, tally.right)) == {"Ana": 1, "Bo": 0}
    assert any(b.label.startswith("Download every answer") for b in at.get("download_button"))
    close = at.button(key="_room_close")
    assert close.disabled  # needs "I am sure" first
    at.checkbox(key="_room_sure").check().run()
    at.button(key="_room_close").click().run()
    assert store.get_room(lab_data, code).closed
    assert not store.answer(lab_data, question(code), "Cy", "relu")
    assert problems(at) == []

    stranger = open_page("app_pages/room.py", room=code)  # the link without the owner's session
    assert problems(stranger) == [] and not [b for b in stranger.button if b.key == "_room_close"]


def test_a_broken_database_is_a_note_and_the_lab_works_without_it(tmp_path, monkeypatch):
    (tmp_path / "rooms.sqlite").write_bytes(b"this is not a SQLite database" * 100)
    monkeypatch.setenv("LAB_DATA", str(tmp_path))
    at = open_page(SATURATION, part="saturation", room="ABCDEF")
    assert problems(at) == []
    notes = [c.value for c in at.sidebar.caption] + [w.value for w in at.sidebar.warning]
    assert any("rooms database is not available" in n for n in notes), notes
    assert "→ **ReLU**" in "\n".join(m.value for m in at.markdown)  # the page itself as usual
    at.sidebar.button(key="_room_start").click().run()
    assert problems(at) == [] and any("not available" in w.value for w in at.sidebar.warning)


def test_rooms_are_kept_for_a_configurable_number_of_days(monkeypatch):
    from ui import rooms

    for given, used in (("7", 7.0), ("0", 1.0), ("1e9", 3650.0), ("nan", store.KEEP_DAYS), ("abc", store.KEEP_DAYS)):
        monkeypatch.setenv("LAB_ROOM_DAYS", given)
        assert rooms.keep_days() == used, given
    monkeypatch.delenv("LAB_ROOM_DAYS")
    assert rooms.keep_days() == store.KEEP_DAYS


def test_the_owner_pins_a_run_and_members_get_a_link_to_it(lab_data):
    owner = open_page(SATURATION, part="saturation", mu="1")
    owner.sidebar.button(key="_room_start").click().run()
    code = owner.query_params["room"]
    code = code[0] if isinstance(code, list) else code
    owner.sidebar.button(key="_room_pin").click().run()
    assert store.get_room(lab_data, code).pinned == "activations?part=saturation&mu=1.0"
    member = open_page(None, room=code)
    assert not [b for b in member.sidebar.button if b.key == "_room_pin"]  # members cannot pin
    links = {link.proto.label: link.proto for link in member.sidebar.get("page_link")}
    pinned = links["Open the run we are discussing"]
    assert pinned.page == "activations"
    assert dict(parse_qsl(pinned.query_string)) == {"part": "saturation", "mu": "1.0"}  # room, lang: bound


# ---- two servers, one SQLite file ------------------------------------------------------------------


def find(node: dict, kind: str) -> list[dict]:
    found = [node] if node.get("type") == kind else []
    for child in node.get("children", []):
        found += find(child, kind)
    return found


def agent_member(server, code: str, nickname: str, pick: str, reveal: bool) -> dict:
    """One member through the agent API: open Activations · saturation in the room, type a nickname,
    pick, and (optionally) reveal. Returns the last snapshot."""
    snap = server.open("activations", {"part": "saturation", "room": code})
    radio = next(a["key"] for a in snap["actions"] if a["key"].startswith("_pick_activations_keeps"))
    snap = server.interact({"session_id": snap["session_id"], "widget_state": {"_room_nick": nickname, radio: pick}})
    if reveal:
        button = radio.replace("_pick_", "_reveal_")
        snap = server.interact({"session_id": snap["session_id"], "trigger": {"key": button}})
    return snap


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request, tmp_path):
    """(engine, settings of the first server, settings of the second) for one shared rooms database.

    SQLite: the first server finds the file by $LAB_DATA (the default set-up), the second by its URL in a
    secrets file (`[connections.rooms] url = ...`), so both configuration paths are exercised on one file.
    PostgreSQL: both servers read the URL from a secrets file, as a deployment does."""
    if request.param == "sqlite":
        url = store.sqlite_url(tmp_path / "rooms.sqlite")
    else:
        server = request.getfixturevalue("postgres")
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = f"{server}/{name}"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[connections.rooms]\nurl = "{url}"\n')
    by_secrets = ({"LAB_DATA": str(tmp_path / "unused")}, ("--secrets.files", str(secrets)))
    first = ({"LAB_DATA": str(tmp_path)}, ()) if request.param == "sqlite" else by_secrets
    engine = store.prepare(sa.create_engine(url))
    yield engine, first, by_secrets
    engine.dispose()


def test_two_servers_sharing_one_database_see_each_others_answers(shared_database):
    from bench.server import Server, problems as agent_problems

    engine, *settings = shared_database
    code, _ = store.create_room(engine)
    servers = []
    for env, args in settings:
        server = Server(env=env)
        server.args += list(args)
        server.spawn()  # both start at once
        servers.append(server)
    first, second = servers
    try:
        first.start(), second.start()
        ana = agent_member(first, code, "Ana", "ReLU", reveal=False)
        bo = agent_member(second, code, "Bo", "tanh", reveal=True)
        assert agent_problems(ana) == agent_problems(bo) == []
        captions = [c["props"]["body"] for c in find(bo["tree"], "caption")]
        assert "2 member(s) answered; 1 picked what this run measured." in captions, captions
        assert find(bo["tree"], "altair_chart")
        # and the first server sees the second's answer: Ana's open question counts both
        again = first.interact({"session_id": ana["session_id"]} | {"widget_state": {"_room_nick": "Ana"}})
        captions = [c["props"]["body"] for c in find(again["tree"], "caption")]
        assert any("2 member(s) of the room have answered" in c for c in captions), captions
    finally:
        for server in servers:
            server.stop()
    with engine.connect() as conn:
        stored = set(conn.execute(sa.text("SELECT nickname, answer FROM answers")).all())
    assert stored == {("Ana", "relu"), ("Bo", "tanh")}
