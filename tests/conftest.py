"""Shared fixtures: AppTest runs of the real app, with caches cleared between tests."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import pathlib

import pytest
import streamlit as st
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

ROOT = pathlib.Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

# Every AppTest run scans all installed distributions' metadata for component manifests (a server does it once,
# at start): more than half of a page test's time, measured with cProfile. The installed packages do not change
# during a test session: scan once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup in pyproject.toml)
def pytest_collection_modifyitems(items):
    """Every test on the shared `server` or `browser` fixtures runs in one worker: one streamlit server whose
    cache the next test finds warm, one Chromium, each module's tabs opened once. Spread over both workers
    (plain --dist load), each worker started its own server and computed the same pages again."""
    for item in items:
        if {"server", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session", autouse=True)
def _no_warmup():
    """No warm-up in a test process: app.py starts ui/warmup.py's thread on the first AppTest run, and it would
    compute every page's first experiment and every card's default run (about 15 s of CPU per worker, measured)
    into the result cache that _clear_caches empties before each test, competing with the tests for the two
    cores. Its thread, once started, finds the stop and ends before its first step; the servers of the browser
    tests warm up as the app does. At the end, wait for a step under way (none is expected): an interpreter
    that exits while torch computes in a daemon thread aborts ("terminate called without an active
    exception", exit code 134) even when every test passed."""
    from ui import warmup

    warmup.stop(timeout=0)
    yield
    warmup.stop(timeout=300)


@pytest.fixture(autouse=True)
def _clear_caches():
    from ui import cache

    cache.clear()
    st.cache_data.clear()
    yield


def open_page(path: str | None = None, timeout: float = 60, **query) -> AppTest:
    """Run app.py on `path` (e.g. "app_pages/activations.py") with URL parameters; return the AppTest."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if path:
        at.switch_page(path)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


def problems(at: AppTest) -> list[str]:
    """Exceptions and error boxes on the page: a healthy page has none."""
    return [e.value for e in at.exception] + [e.value for e in at.error]


def texts(at: AppTest) -> str:
    """All markdown, captions, infos and warnings of the page as one string (for content checks)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [h.value for h in at.title] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


# Browser tests (tests/test_browser.py, tests/test_a11y.py) ------------------------------------------------
SHOTS = pathlib.Path(os.environ.get("LAB_SCREENSHOTS") or ROOT / "screenshots")


@pytest.fixture(scope="session")
def server():
    """A streamlit server of this repo on a free port, shared by every browser test of a worker (so one
    test's results are in its cache for the next)."""
    from bench.live import Server

    with Server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (the tests that use it skip when either is missing)."""
    from bench.live import launch

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(request):
    """The screenshot folder; its path and number of files are printed at the end of the module."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield SHOTS
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():  # shown despite capture
        print(f"\nbrowser screenshots: {SHOTS} ({len(list(SHOTS.glob('*.png')))} files)")


@pytest.fixture
def in_korean():
    """`t` answers in Korean (it reads the language from the session state); outside a running app Streamlit
    would warn on each read, so its warning is quiet meanwhile."""
    import logging

    import streamlit as st

    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    st.session_state["lang"] = "ko"
    yield
    st.session_state.pop("lang", None)
    quiet.setLevel(level)


def run_switching_often(threads) -> None:
    """Start and join `threads` while the interpreter switches threads as often as it can (every 1 µs), so that
    a race between them shows in a test; the switch interval is restored after."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
