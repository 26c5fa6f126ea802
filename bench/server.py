"""Start the real app (`streamlit run app.py`) on a free port, drive it through Streamlit's agent API,
and read its memory. Used by the load test and the benchmark; no browser needed."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A streamlit server process with the agent API on; use as a context manager."""

    def __init__(self, env: dict[str, str] | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.started = self.ready_at = None

    def __enter__(self) -> "Server":
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.enableAgentApi", "true"]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        self.ready_at = time.perf_counter()
                        return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError("the server did not start within 60 s")

    def __exit__(self, *exc) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)

    def interact(self, request: dict, timeout: float = 120) -> dict:
        body = json.dumps(request).encode()
        req = urllib.request.Request(f"{self.base}/_stcore/agent/interact", data=body,
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read())

    def open(self, page: str | None = None, query: dict[str, str] | None = None) -> dict:
        """A new session opening `page` (its url_path; None for home) with URL parameters, returned when
        its run has finished."""
        request = {"query_params": {k: [v] for k, v in (query or {}).items()}}
        if page:
            request["page"] = page
        return self.interact(request)

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory (VmHWM), in MB."""
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def problems(snapshot: dict) -> list[str]:
    """Exception and error elements anywhere in an agent snapshot's tree."""
    found = []

    def walk(node):
        if node.get("type") in ("exception", "error"):
            found.append(json.dumps(node.get("props", {}))[:200])
        for child in node.get("children", []):
            walk(child)

    walk(snapshot.get("tree", {}))
    return found
