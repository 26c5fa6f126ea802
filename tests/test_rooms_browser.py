"""A study room in a real browser (issue 17): two people, each in their own browser context, join one room
on Activations · saturation, answer and reveal; both see the room's distribution of answers, and the first
sees the second's answer arrive without touching the page (the fragment that refreshes every few seconds).

Runs `streamlit run` on a free port with its rooms database in a temp folder, and Debian's Chromium through
Playwright; screenshots go to screenshots/ (or $LAB_SCREENSHOTS) as room-<name>.png.
"""

from __future__ import annotations

import os
import pathlib

import pytest
import sqlalchemy as sa

from bench.live import CHROMIUM, ROOT, Server, launch, problems, settle
from ui import rooms_store as store
from ui.text import CATALOG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")
SHOTS = pathlib.Path(os.environ.get("LAB_SCREENSHOTS") or ROOT / "screenshots")
SIDEBAR = '[data-testid="stSidebar"]'
CAPTIONS = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'


def en(key: str) -> str:
    return CATALOG[key][0]


def open_tab(context, url: str):
    page = context.new_page()
    page.goto(url, wait_until="commit")  # the two members' pages load side by side
    return page


def join(page, nickname: str):
    settle(page)
    box = page.locator(SIDEBAR).get_by_role("textbox", name=en("rooms.nickname"))
    box.fill(nickname)
    box.press("Enter")  # a text box sends its value on Enter
    # the room's member list in the sidebar names the new member once the rerun has stored the nickname
    page.wait_for_function("([sel, name]) => new RegExp('active in the last \\\\d+ minutes: .*\\\\b' + name + '\\\\b')"
                           ".test(document.querySelector(sel).innerText)", arg=[SIDEBAR, nickname], polling=200,
                           timeout=30_000)
    settle(page)
    return page


def answer_and_reveal(page, option: str) -> None:
    page.locator('[data-testid="stMain"] [data-testid="stRadio"]').get_by_text(option, exact=True).click()
    settle(page)
    page.get_by_role("button", name=en("ui.reveal")).click()
    settle(page)


def wait_for_caption(page, text: str, timeout_ms: int = 30_000) -> None:
    page.wait_for_function("([sel, text]) => [...document.querySelectorAll(sel)].some(e => e.innerText.includes(text))",
                           arg=[CAPTIONS, text], polling=200, timeout=timeout_ms)


def chart_titles(page) -> list[str]:
    return page.eval_on_selector_all('[data-testid="stVegaLiteChart"] svg text.role-title-text, '
                                     '[data-testid="stVegaLiteChart"] svg .role-title text',
                                     "els => els.map(e => e.textContent)")


def test_two_members_answer_and_both_see_the_room_distribution(tmp_path):
    engine = store.prepare(sa.create_engine(store.sqlite_url(tmp_path / "rooms.sqlite")))
    code, _ = store.create_room(engine)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with Server(env={"LAB_DATA": str(tmp_path)}) as url, sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        link = f"{url}/activations?part=saturation&room={code}&lang=en"
        ana_context = browser.new_context(viewport={"width": 1280, "height": 900})
        bo_context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            ana, bo = open_tab(ana_context, link), open_tab(bo_context, link)
            join(ana, "Ana")
            answer_and_reveal(ana, "ReLU")
            wait_for_caption(ana, "1 member(s) answered; 1 picked what this run measured.")

            join(bo, "Bo")
            answer_and_reveal(bo, "tanh")
            wait_for_caption(bo, "2 member(s) answered; 1 picked what this run measured.")
            # Ana does nothing: her revealed question refreshes itself and counts Bo's answer
            wait_for_caption(ana, "2 member(s) answered; 1 picked what this run measured.", timeout_ms=20_000)
            for name, page in (("ana", ana), ("bo", bo)):
                settle(page)
                assert problems(page) == []
                assert any(title.startswith("The room's answers") for title in chart_titles(page)), chart_titles(page)
                page.screenshot(path=SHOTS / f"room-{name}.png", full_page=True)
        finally:
            ana_context.close()
            bo_context.close()
            browser.close()
    with engine.connect() as conn:
        stored = set(conn.execute(sa.text("SELECT nickname, answer, revealed FROM answers")).all())
    assert stored == {("Ana", "relu", 1), ("Bo", "tanh", 1)}
    engine.dispose()
