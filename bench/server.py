"""Drive the real app without a browser, through Streamlit's agent API (`--server.enableAgentApi`),
on top of bench.live.Server. Used by the load test and the benchmark."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from bench import live


class Server(live.Server):
    """A streamlit server with the agent API on: `with Server() as server: server.open("activations")`."""

    def __init__(self, env: dict[str, str] | None = None, script: str = "app.py"):
        super().__init__(args=("--server.enableAgentApi", "true"), env=env, script=script)

    def __enter__(self) -> "Server":
        self.start()
        return self

    def interact(self, request: dict, timeout: float = 120) -> dict:
        """One agent request; a run longer than the API's wait (30 s) is waited for again, as its
        `wait_timed_out` answer says, until `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            req = urllib.request.Request(f"{self.url}/_stcore/agent/interact", data=json.dumps(request).encode(),
                                         headers={"content-type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=timeout) as r:
                    return json.loads(r.read())
            except urllib.error.HTTPError as error:
                answer = json.loads(error.read() or b"{}")
                session = answer.get("session_id") or answer.get("error", {}).get("session_id")
                if "wait_timed_out" not in json.dumps(answer) or not session or time.monotonic() > deadline:
                    raise RuntimeError(f"agent API: {json.dumps(answer)[:300]}") from error
                request = {"session_id": session}

    def open(self, page: str | None = None, query: dict[str, str] | None = None) -> dict:
        """A new session opening `page` (its url_path; None for home) with URL parameters, returned when
        its run has finished."""
        request = {"query_params": {k: [v] for k, v in (query or {}).items()}}
        if page:
            request["page"] = page
        return self.interact(request)

    def peak_rss_mb(self) -> float:
        """The peak resident memory (VmHWM) of the server and its children (the fork server and the workers that
        compute experiments: ui.workers), summed, in MB: an upper bound of their joint peak, since a worker's
        pages shared with the fork server count in both."""
        from bench.memory import proc_kb

        return sum(proc_kb(pid, "VmHWM") for pid in self.pids()) / 1024


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
