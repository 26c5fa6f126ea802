"""A live app in a real browser, shared by tests/test_browser.py and bench/memory.py.

`Server` runs `streamlit run app.py` headless on a free localhost port in its own process group;
`launch` opens Debian's Chromium (never a browser that Playwright downloads) through Playwright;
`settle` waits until a page has finished: the script is no longer running, nothing is stale or
still loading, every chart is drawn, and the page has stopped changing.
"""

from __future__ import annotations

import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's package; CI installs it with apt-get (.ci/run)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
WIDTH = 1280


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`with Server() as url:` a streamlit server of this repo at `url`, killed (whole group) on exit.
    `script`: what `streamlit run` runs (app.py, or serve.py: the same app with its one-time costs paid
    before the health endpoint answers)."""

    def __init__(self, root: pathlib.Path = ROOT, timeout: float = 90, args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None, script: str = "app.py"):
        self.root, self.timeout, self.args, self.script = root, timeout, list(args), script
        self.env = {**os.environ, **(env or {})}
        self.started = self.ready_at = None
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
        self.url = ""

    def spawn(self) -> None:
        """Start the process without waiting for it (start() waits)."""
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             *self.args],
            cwd=self.root, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        self.url = f"http://localhost:{port}"

    def start(self) -> str:
        """Start (unless spawn() did) and wait for the health endpoint; returns the base URL."""
        for _ in range(3):  # a port picked free can be taken before streamlit binds it: try another
            if self.proc is None:
                self.started = time.perf_counter()
                self.spawn()
            if self._healthy():
                self.ready_at = time.perf_counter()
                return self.url
            self.stop()
            self.proc = None
        raise RuntimeError(f"streamlit did not start; its log:\n{self.tail()}")

    def _healthy(self) -> bool:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return pathlib.Path(self.log.name).read_text(errors="replace")[-chars:]

    def pids(self) -> list[int]:
        """The server's process and all its descendants."""
        if self.proc is None:
            return []
        children: dict[int, list[int]] = {}
        for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


# True when the page has finished. Streamlit 1.67 marks its state on the app root:
# data-test-script-state is "initial", "running" or "notRunning" (also "rerunRequested" briefly), and
# data-test-connection-state is "CONNECTED" once the websocket is up. Elements of the previous run carry
# data-stale="true" until the new run replaces them; stSkeleton stands where a chart's code is loading.
# A chart is drawn when its SVG has data marks with content, or its canvas holds several colours.
# The page must then stay unchanged for `calm` ms (so a run that is about to start is not missed).
_SETTLED = """([charts, calm]) => {
  const drawn = c => {
    const svg = c.querySelector('svg.marks');
    if (svg) return [...svg.querySelectorAll('.role-mark')].some(g => g.childElementCount > 0);
    const canvas = c.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length && colours.size < 4; i += 4 * 89) colours.add(data.slice(i, i + 4).join());
    return colours.size >= 4;
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const done = app && main && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && main.querySelector('h1')
    && !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
    && (!charts || [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(drawn));
  if (!done) { window.__labCalm = null; return false; }
  const sig = [main.innerText.length, main.scrollHeight, location.href,
               document.querySelectorAll('[data-testid="stVegaLiteChart"]').length].join('|');
  if (!window.__labCalm || window.__labCalm.sig !== sig) {
    window.__labCalm = {sig, t: performance.now()};
    return false;
  }
  return performance.now() - window.__labCalm.t >= calm;
}"""

_STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {script: app && app.dataset.testScriptState, connection: app && app.dataset.testConnectionState,
          skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
          stale: document.querySelectorAll('[data-stale="true"]').length,
          charts: document.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
          title: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText};
}"""


def content_height(page) -> int:
    """Streamlit scrolls an inner element (stMain), not the document: its height is the page's."""
    return page.evaluate("() => Math.ceil(document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0)")


def settle(page, timeout: float = 90, calm_ms: int = 400) -> None:
    """Wait until the page's script has finished and everything is drawn, with the viewport grown to the
    content's height (so every chart is on screen and a full-page screenshot shows the whole page)."""
    deadline = time.monotonic() + timeout

    def wait(charts: bool) -> None:
        left = max(deadline - time.monotonic(), 1) * 1000
        try:
            page.wait_for_function(_SETTLED, arg=[charts, calm_ms], polling=150, timeout=left)
        except Exception as error:  # a timeout: say what the page was doing
            raise AssertionError(f"{page.url} did not settle in {timeout:.0f} s: {page.evaluate(_STATE)}") from error

    wait(charts=False)
    for _ in range(5):
        height = max(content_height(page), 720)
        if height != page.viewport_size["height"]:
            page.set_viewport_size({"width": WIDTH, "height": height})
        wait(charts=True)
        if content_height(page) <= page.viewport_size["height"]:
            return


def problems(page) -> list[str]:
    """Exception elements and error boxes on the page (the app turns a failure into an error box)."""
    return page.eval_on_selector_all(
        '[data-testid="stException"], [data-testid="stAlertContentError"]', "els => els.map(e => e.innerText)")


def chart_count(page) -> int:
    return page.locator('[data-testid="stVegaLiteChart"]').count()
