"""`python -m bench.memory`: the app server's peak memory with every page visited in a real browser.

Starts `streamlit run app.py` (bench.live.Server), opens home and then every part of every page in
ui.topics.TOPICS with headless Chromium, first with the defaults and then with the part's largest
allowed settings (every number at its upper bound, every multi-select with all options), waits for each
to finish, and reports the server's peak resident memory: VmHWM from /proc/<pid>/status, summed over
the server process and its children (an upper bound of their joint peak), and the largest sum of their PSS
after a page (each shared page counted once). Also reports the largest
websocket message the browser received, for server.maxMessageSize.

Usage: python -m bench.memory [--page SCOPE] [--defaults-only]
"""

from __future__ import annotations

import argparse
import importlib
import math
import pathlib
import time
from urllib.parse import urlencode

from core.params import log_grid, specs, url_key
from ui.options import option_label
from ui.topics import TOPICS

from bench.live import Server, launch, problems, settle

CLOUD_LIMIT_GB = 2.7  # Streamlit Community Cloud's memory limit per app


def proc_kb(pid: int, field: str, file: str = "status") -> int:
    """A field in kB of /proc/<pid>/<file>: VmRSS, VmHWM of status; Pss of smaps_rollup (the process's own pages
    plus its share of the pages it shares with others). 0 for a process that has ended."""
    try:
        for line in pathlib.Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_mb(server: Server) -> tuple[float, float, float]:
    """(current RSS, peak RSS, current PSS) of the server and its children, in MB. The RSS sums count the pages
    the worker processes share with their fork server (torch, pandas: ui.workers) once per process; the PSS sum
    counts each page once, as the machine's memory limit does."""
    pids = server.pids()
    return tuple(sum(proc_kb(p, field, file) for p in pids) / 1024
                 for field, file in (("VmRSS", "status"), ("VmHWM", "status"), ("Pss", "smaps_rollup")))


def notes(page) -> list[str]:
    """Warning boxes, e.g. a URL value the page replaced (then 'largest' was not what ran)."""
    return page.eval_on_selector_all('[data-testid="stAlertContentWarning"]', "els => els.map(e => e.innerText)")


def largest(cls) -> list[tuple[str, str]]:
    """URL pairs that set every number of `cls` to its largest allowed value and every multi to all options."""
    pairs = []
    for name, spec in specs(cls).items():
        key = url_key(name, spec)
        if spec.kind == "multi":
            pairs += [(key, option_label(o)) for o in spec.options]
        elif spec.kind in ("int", "float") and spec.log:
            pairs.append((key, f"{max(log_grid(spec.lo, spec.hi)):g}"))
        elif spec.kind in ("int", "float"):
            top = spec.hi if not spec.step else spec.lo + math.floor((spec.hi - spec.lo) / spec.step + 1e-9) * spec.step
            pairs.append((key, str(int(top)) if spec.kind == "int" else f"{top:g}"))
    return pairs


def visits(only: str | None) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(page, part, settings, URL pairs) in the order they are opened."""
    out = [("home", "", "default", [])] if not only else []
    for topic in TOPICS:
        if only and topic.scope != only:
            continue
        for part, (_, cfg) in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS.items():
            out.append((topic.scope, part, "default", [("part", part)]))
            out.append((topic.scope, part, "largest", [("part", part)] + largest(type(cfg))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default=None, help="only this page's scope")
    parser.add_argument("--defaults-only", action="store_true", help="skip the largest settings")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    biggest = {"bytes": 0, "where": ""}
    where = {"now": ""}

    def frame(payload) -> None:
        if len(payload) > biggest["bytes"]:
            biggest.update(bytes=len(payload), where=where["now"])

    server = Server()
    url = server.start()
    try:
        idle, peak, most = memory_mb(server)
        print(f"server started: RSS {idle:.0f} MB")
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            page.on("websocket", lambda ws: ws.on("framereceived", frame))
            print(f"{'page':<16}{'part':<14}{'settings':<10}{'seconds':>8}{'RSS MB':>9}{'peak MB':>9}{'PSS MB':>9}"
                  "  problems")
            for scope, part, settings, pairs in visits(args.page):
                if settings == "largest" and args.defaults_only:
                    continue
                where["now"] = f"{scope} {part} {settings}"
                start = time.perf_counter()
                page.goto(f"{url}/{'' if scope == 'home' else scope}?{urlencode(pairs)}")
                try:
                    settle(page, timeout=240)
                    trouble = "; ".join(p[:80] for p in problems(page) + notes(page))
                except AssertionError as error:
                    trouble = str(error)[:160]
                now, peak, pss = memory_mb(server)
                most = max(most, pss)
                print(f"{scope:<16}{part:<14}{settings:<10}{time.perf_counter() - start:>8.1f}{now:>9.0f}{peak:>9.0f}"
                      f"{pss:>9.0f}  {trouble}", flush=True)
            browser.close()
    finally:
        server.stop()
    print(f"\nServer peak RSS (VmHWM, server and children, summed: shared pages counted in each): {peak:.0f} MB "
          f"= {peak / 1024:.2f} GB of Community Cloud's {CLOUD_LIMIT_GB} GB")
    print(f"Largest PSS after a page (server and children, each page once): {most:.0f} MB = {most / 1024:.2f} GB")
    print(f"Largest websocket message: {biggest['bytes'] / 1e6:.2f} MB ({biggest['where']})")


if __name__ == "__main__":
    main()
