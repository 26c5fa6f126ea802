"""Load test of the study rooms (issue 17): many members of a room answering the same question at once,
against a live server, through Streamlit's agent API (each member is an agent session: no browser).

Scenarios: one room of 25 members, and 5 rooms of 10 members (50 sessions), each on its own fresh server
with its rooms database (SQLite, the default) in a temp folder. Every member opens Activations · saturation
in their room; when all have opened, all type a nickname and pick an answer at once (timed: the request
returns when the run that stores the answer has finished), then all reveal at once (timed). Then the
database is counted: rows per room against members, distinct nicknames (duplicates), revealed rows.

Usage: python -m bench.rooms [--scenarios 1x25 5x10]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import tempfile
import threading
import time

import sqlalchemy as sa

from bench.server import Server, problems
from ui import rooms_store as store
from ui.topics import TOPICS

PAGE, QUERY = "activations", {"part": "saturation"}
OPTIONS = ["Sigmoid", "tanh", "ReLU"]  # the question's options as the radio shows them (labels)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else float("nan")


def member(server: Server, code: str, nickname: str, pick: str, barriers, out: dict) -> None:
    """One member: open, (wait for all) answer, (wait for all) reveal. Records times and errors in `out`."""
    errors, times = [], {}
    session = None
    try:
        start = time.perf_counter()
        snap = server.open(PAGE, {**QUERY, "room": code})
        times["open"] = time.perf_counter() - start
        session = snap["session_id"]
        radio = next(a["key"] for a in snap["actions"] if a["key"].startswith("_pick_activations_keeps"))
        errors += problems(snap)
        barriers[0].wait()
        start = time.perf_counter()
        snap = server.interact({"session_id": session, "widget_state": {"_room_nick": nickname, radio: pick}})
        times["answer"] = time.perf_counter() - start
        errors += problems(snap) + ([f"status {snap.get('status')}"] if snap.get("status") != "ready" else [])
        barriers[1].wait()
        start = time.perf_counter()
        snap = server.interact({"session_id": session, "trigger": {"key": radio.replace("_pick_", "_reveal_")}})
        times["reveal"] = time.perf_counter() - start
        errors += problems(snap) + ([f"status {snap.get('status')}"] if snap.get("status") != "ready" else [])
    except Exception as error:  # noqa: BLE001 - a failed member is a load-test error to report
        errors.append(repr(error)[:300])
        for barrier in barriers:
            barrier.abort()  # nobody waits for a member who will not come
    out[nickname] = (times, errors)


def scenario(rooms: int, members: int) -> dict:
    """`rooms` rooms of `members` members on one fresh server; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="lab-rooms-") as folder:
        engine = store.prepare(sa.create_engine(store.sqlite_url(f"{folder}/rooms.sqlite")))
        codes = [store.create_room(engine)[0] for _ in range(rooms)]
        with Server(env={"LAB_DATA": folder}) as server:
            for topic in TOPICS:  # whoever shared the link has opened the pages: imports and defaults warm
                server.open(topic.scope)
            server.open(PAGE, QUERY)
            total = rooms * members
            barriers = (threading.Barrier(total), threading.Barrier(total))
            out: dict = {}
            jobs = [(code, f"m{r}-{i}", OPTIONS[i % 3]) for r, code in enumerate(codes) for i in range(members)]
            with concurrent.futures.ThreadPoolExecutor(max_workers=total) as pool:
                list(pool.map(lambda job: member(server, *job, barriers, out), jobs))
            peak = server.peak_rss_mb()
        with engine.connect() as conn:
            counted = {code: conn.execute(sa.text(
                "SELECT COUNT(*) AS n, COUNT(DISTINCT nickname) AS d, SUM(revealed) AS v FROM answers WHERE room = :r"),
                {"r": code}).one() for code in codes}
        engine.dispose()
    stored = sum(c.n for c in counted.values())
    errors = [e for _, errs in out.values() for e in errs]
    times = {kind: [t[kind] for t, _ in out.values() if kind in t] for kind in ("open", "answer", "reveal")}
    return {"rooms": rooms, "members": members, "sessions": total, "errors": len(errors), "first_errors": errors[:3],
            "stored": stored, "lost": total - stored, "duplicated": stored - sum(c.d for c in counted.values()),
            "revealed": sum(int(c.v or 0) for c in counted.values()),
            **{f"{k}_p50": statistics.median(v) if v else float("nan") for k, v in times.items()},
            **{f"{k}_p95": p95(v) for k, v in times.items()}, "peak_rss_mb": peak}


def report(r: dict) -> None:
    print(f"{r['rooms']} room(s) x {r['members']} members ({r['sessions']} sessions): errors={r['errors']} "
          f"stored={r['stored']} lost={r['lost']} duplicated={r['duplicated']} revealed={r['revealed']} | "
          f"time to a recorded answer p50={r['answer_p50']:.2f}s p95={r['answer_p95']:.2f}s | "
          f"reveal p95={r['reveal_p95']:.2f}s | open p95={r['open_p95']:.2f}s | peak RSS {r['peak_rss_mb']:.0f} MB"
          f"{' ' + str(r['first_errors']) if r['first_errors'] else ''}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", nargs="+", default=["1x25", "5x10"], help="ROOMSxMEMBERS")
    args = parser.parse_args()
    for text in args.scenarios:
        rooms, members = (int(n) for n in text.lower().split("x"))
        report(scenario(rooms, members))


if __name__ == "__main__":
    main()
