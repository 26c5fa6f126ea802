"""Cold start: each page opened by the first visitor of a freshly started server (what a shared link does
when Community Cloud wakes an idle app). Per page: start `streamlit run app.py`, wait for its health
endpoint, open `/<page>` in Chromium and wait until the page has settled (bench.live.settle: script done,
every chart drawn, nothing stale). The time counted runs from "healthy" to the moment the page stopped
changing; the page's own caption says how long its experiment took and whether the warm-up had already
cached it.

Both ways to serve the app are measured: `streamlit run app.py` (health answers at once; the first visitor
pays the imports and torch's first calls) and `streamlit run serve.py` (those paid before health answers).

Usage: python -m bench.coldstart [--page SCOPE ...] [--script app.py|serve.py] [--repeats N] [--root DIR]
       python -m bench.coldstart --against DIR [--page SCOPE ...] [--repeats N]   (before/after, interleaved)
(python -m bench runs it too)
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import statistics
import time

from bench.live import ROOT, Server, launch, problems, settle
from ui.topics import TOPICS

TARGET = 3.0  # seconds from healthy to settled (issue 19)
PAGES = ["home"] + [topic.scope for topic in TOPICS]
SCRIPTS = ["app.py", "serve.py"]  # serve.py: the same app, its one-time costs paid before health
# The run caption of ui.cache.run: "Computed just now in 0.13 s." or "... from the cache (it took 0.13 s then)."
_TOOK = re.compile(r"(Computed just now|from the cache)\D*([0-9.]+) s")


def open_cold(browser, page_name: str, root: pathlib.Path = ROOT, script: str = "app.py") -> dict:
    """One fresh server, one visitor: seconds from start to healthy and from healthy to settled, the run caption."""
    server = Server(root=root, script=script)
    with server:
        healthy = time.time()
        tab = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        try:
            tab.goto(f"{server.url}/{'' if page_name == 'home' else page_name}", wait_until="commit")
            settle(tab, timeout=120)
            # the moment the page last changed, on the wall clock (settle then waited `calm` ms more)
            calm = tab.evaluate("() => performance.timeOrigin + window.__labCalm.t") / 1000
            caption = " ".join(tab.locator('[data-testid="stCaptionContainer"]').all_inner_texts())
            took = _TOOK.search(caption)
            return {"page": page_name, "start": server.ready_at - server.started, "settled": calm - healthy,
                    "run": (("cached " if took.group(1) == "from the cache" else "") + took.group(2)) if took else "",
                    "problems": problems(tab)}
        finally:
            tab.context.close()


def run(pages: list[str], repeats: int = 1, root: pathlib.Path = ROOT, script: str = "app.py") -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for name in pages:
                tries = [open_cold(browser, name, root, script) for _ in range(repeats)]
                best = sorted(tries, key=lambda r: r["settled"])[len(tries) // 2]  # the median try
                rows.append({**best, "all": [r["settled"] for r in tries]})
        finally:
            browser.close()
    return rows


def compare(pages: list[str], repeats: int, other: pathlib.Path) -> None:
    """This checkout's app.py and serve.py against another checkout's app.py (e.g. before a change), runs
    interleaved page by page (A B C A B C ...) so that the machine's load hits all three alike; medians."""
    from playwright.sync_api import sync_playwright

    ways = {f"{other.name}: app.py": (other, "app.py"), "app.py": (ROOT, "app.py"), "serve.py": (ROOT, "serve.py")}
    print(f"\ncold start compared, interleaved (median of {repeats}; load average {os.getloadavg()[0]:.1f}): "
          "seconds from healthy to settled, and from start to settled")
    print(f"{'page':<16}" + "".join(f"{way:>28}" for way in ways))
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for name in pages:
                tries = {way: [] for way in ways}
                for _ in range(repeats):
                    for way, (root, script) in ways.items():
                        tries[way].append(open_cold(browser, name, root, script))
                cells = []
                for way in ways:
                    settled = statistics.median(r["settled"] for r in tries[way])
                    total = statistics.median(r["start"] + r["settled"] for r in tries[way])
                    cells.append(f"{settled:>18.2f} / {total:>6.2f}")
                print(f"{name:<16}" + "".join(cells), flush=True)
        finally:
            browser.close()


def report(rows: list[dict], repeats: int, script: str) -> None:
    load = os.getloadavg()[0]
    print(f"\ncold start, `streamlit run {script}`: each page as the first request of a fresh server, Chromium "
          f"(median of {repeats}; load average {load:.1f} on {os.cpu_count()} cores; target: settled < {TARGET:.0f} s "
          "after healthy)")
    print(f"{'page':<16}{'healthy s':>10}{'settled s':>11}{'in all s':>10}  {'page run s':<12}")
    for row in rows:
        flag = "" if row["settled"] < TARGET else f"  > {TARGET:.0f} s"
        errors = f"  errors: {row['problems']}" if row["problems"] else ""
        print(f"{row['page']:<16}{row['start']:>10.2f}{row['settled']:>11.2f}{row['start'] + row['settled']:>10.2f}  "
              f"{row['run']:<12}{flag}{errors}")
    median = lambda key: statistics.median(r[key] for r in rows)
    start, settled = median("start"), median("settled")
    print(f"{'median':<16}{start:>10.2f}{settled:>11.2f}{start + settled:>10.2f}")
    print("(healthy: start -> health endpoint answers; settled: healthy -> the page stopped changing)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages (repeatable)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--root", type=pathlib.Path, default=ROOT,
                        help="another checkout to compare (e.g. before a change)")
    parser.add_argument("--script", action="append", choices=SCRIPTS, help="what streamlit runs (default: both)")
    parser.add_argument("--against", type=pathlib.Path, help="compare with this checkout's app.py, interleaved")
    args = parser.parse_args()
    if args.against:
        return compare(args.page or PAGES, args.repeats, args.against)
    for script in args.script or SCRIPTS:
        report(run(args.page or PAGES, args.repeats, args.root, script), args.repeats, script)


if __name__ == "__main__":
    main()
