"""Drive the real app without a browser, through Streamlit's agent API (`--server.enableAgentApi`),
on top of bench.live.Server. Used by the load test and the benchmark."""

from __future__ import annotations

import json
import pathlib
import urllib.request

from bench import live


class Server(live.Server):
    """A streamlit server with the agent API on: `with Server() as server: server.open("activations")`."""

    def __init__(self, env: dict[str, str] | None = None):
        super().__init__(args=("--server.enableAgentApi", "true"), env=env)

    def __enter__(self) -> "Server":
        self.start()
        return self

    def interact(self, request: dict, timeout: float = 120) -> dict:
        body = json.dumps(request).encode()
        req = urllib.request.Request(f"{self.url}/_stcore/agent/interact", data=body,
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
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
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
