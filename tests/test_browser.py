"""The app in a real browser: every page loads and draws, links reproduce runs, language follows the
browser, and screenshots of every page in both languages are written for people to look at.

A streamlit server of this repo runs on a free localhost port for the session; Playwright (from PyPI)
drives Debian's Chromium. Screenshots go to screenshots/ at the repo root, or to $LAB_SCREENSHOTS.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.live import CHROMIUM, Server, chart_count, problems, settle
from core.health import HEALTH_STEPS
from ui.text import CATALOG
from ui.topics import TOPICS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: install Debian's chromium "
                              "(apt-get install chromium; .ci/run does)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")

# (name, URL path, title key): home plus every registered topic, so pages merged later are covered.
PAGES = [("home", "", "home.title")] + [(t.scope, t.scope, f"{t.scope}.title") for t in TOPICS]
LANG = {"en": 0, "ko": 1}
NOTICE = '[data-testid="stMain"] [data-testid="stAlertContentInfo"]'


def text(key: str, lang: str = "en") -> str:
    return CATALOG[key][LANG[lang]]


def field_label(scope: str, name: str) -> str:
    """The English label of a form field, looked up as ui.controls.label does."""
    return text(f"{scope}.f.{name}") if f"{scope}.f.{name}" in CATALOG else text(f"f.{name}")


def title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def open_page(browser, url: str, **context):
    page = browser.new_context(viewport={"width": 1280, "height": 720}, **context).new_page()
    page.goto(url)
    settle(page)
    return page


@pytest.fixture(scope="module")
def tabs(server, browser):
    """Every page in both languages, all requested at once so their loads overlap (each test then
    waits for its own); one browser context per language."""
    contexts = {lang: browser.new_context(viewport={"width": 1280, "height": 720}) for lang in LANG}
    opened = {}
    for lang, context in contexts.items():
        for name, path, _ in PAGES:
            opened[name, lang] = context.new_page()
            opened[name, lang].goto(f"{server}/{path}?lang={lang}", wait_until="commit")
    yield opened
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("lang", LANG)
@pytest.mark.parametrize("name, path, title_key", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_loads_draws_and_settles(tabs, shots, name, path, title_key, lang):
    page = tabs[name, lang]
    page.bring_to_front()  # a background tab's animation frames are throttled: a page of 40 charts stalled there
    try:
        settle(page)
    finally:  # a page that never settles is worth a look too
        page.screenshot(path=shots / f"{name}-{lang}.png", full_page=True)
    assert problems(page) == []
    assert title(page) == text(title_key, lang)
    if name != "home":
        # settle() already waited for every chart to be drawn; a topic page has at least one
        assert chart_count(page) >= 1
        assert page.locator(NOTICE).count() >= 1, "a topic page ends with a notice of this run's numbers"
    page.close()


def controls(page) -> dict[str, str]:
    """Every control in the page body by its label: sliders, boxes, toggles, multiselect chips."""
    return page.evaluate("""() => {
      const out = {};
      for (const i of document.querySelectorAll('[data-testid="stMain"] input[aria-label]'))
        out[i.getAttribute('aria-label')] = i.type === 'checkbox' ? String(i.checked)
          : (i.getAttribute('aria-valuetext') ?? i.value);
      for (const m of document.querySelectorAll('[data-testid="stMain"] [data-testid="stMultiSelect"]'))
        out['multi:' + m.querySelector('label').innerText] =
          m.querySelector('[data-testid="stMultiSelectTagsContainer"]')?.innerText;
      return out;
    }""")


def notice(page) -> str:
    return page.locator(NOTICE).last.inner_text()


def new_run(page, before: str) -> None:
    """Wait until the notice differs from `before` (a new run has finished), then for the page to settle."""
    page.wait_for_function("([sel, old]) => { const all = document.querySelectorAll(sel);"
                           " return all.length > 0 && all[all.length - 1].innerText !== old; }",
                           arg=[NOTICE, before], polling=150, timeout=60_000)
    settle(page)


def test_changed_controls_go_into_the_url_and_the_url_reproduces_the_run(server, browser):
    """On Activations · Dead ReLUs (50 training steps, to keep it quick): lower the learning rate with the
    keyboard and switch the optimizer; the URL follows, and a fresh browser context opening that URL
    shows the same controls and the same numbers."""
    page = open_page(browser, f"{server}/activations?part=dead&steps=50")
    lr, optimizer = field_label("activations", "lr"), field_label("activations", "optimizer")
    try:
        before = notice(page)
        page.get_by_role("slider", name=lr).press("ArrowLeft")  # 0.5 -> 0.2 on the 1-2-5 grid
        new_run(page, before)
        assert parse_qs(urlsplit(page.url).query).get("lr") == ["0.2"], page.url

        before = notice(page)
        page.get_by_role("combobox", name=optimizer).click()
        page.get_by_role("option", name="SGD", exact=True).click()
        new_run(page, before)
        query = parse_qs(urlsplit(page.url).query)
        assert query.get("opt") == ["SGD"] and query.get("lr") == ["0.2"] and query.get("steps") == ["50"], page.url
        assert query.get("part") == ["dead"], page.url
        shown, result, link = controls(page), notice(page), page.url
        assert shown[lr] == "0.2" and shown[optimizer] == "SGD" and shown[field_label("activations", "steps")] == "50"
        assert "0.2" in result
    finally:
        page.context.close()

    again = open_page(browser, link)
    try:
        assert problems(again) == []
        assert controls(again) == shown
        assert notice(again) == result
    finally:
        again.context.close()


def test_back_and_forward_take_the_hand_bound_controls_with_them(server, browser):
    """On a Korean page, a select box shows its options in Korean while the address spells the choice as links do
    (data=Circles); the app binds it to the URL itself, so the browser's back button sets it to the earlier
    address's value again, and forward to the later one."""
    page = open_page(browser, f"{server}/activations?part=race&lang=ko&steps=20")
    dataset = text("f.dataset", "ko")
    query = lambda: parse_qs(urlsplit(page.url).query)  # noqa: E731
    shown = lambda: page.get_by_role("combobox", name=dataset).input_value()  # noqa: E731
    try:
        for name in ("circles", "moons"):
            before = notice(page)
            page.get_by_role("combobox", name=dataset).click()
            page.get_by_role("option", name=text(f"legend.{name}", "ko"), exact=True).click()
            new_run(page, before)
        assert query().get("data") == ["Two moons"] and shown() == text("legend.moons", "ko"), page.url
        for step, (spelled, name) in ((page.go_back, ("Circles", "circles")), (page.go_back, (None, "spiral")),
                                      (page.go_forward, ("Circles", "circles"))):
            step()
            page.wait_for_function("([sel, want]) => document.querySelector(sel)?.value === want",
                                   arg=[f'input[aria-label="{dataset}"]', text(f"legend.{name}", "ko")], timeout=60_000)
            settle(page)
            assert query().get("data") == (None if spelled is None else [spelled]), page.url
            assert query().get("part") == ["race"] and problems(page) == []
    finally:
        page.context.close()


@pytest.fixture(scope="module", autouse=True)
def fresh_server():
    """A second server for the deep-link test, spawned when this module starts so that its start-up
    overlaps the other tests; no page is requested from it before that test."""
    server = Server()
    server.spawn()
    yield server
    server.stop()


def test_deep_link_as_the_first_request_renders_inside_the_frame(browser, fresh_server):
    """A fresh server whose very first page request is a deep link still shows the whole app:
    navigation with every page, the language switch, the page's title, the linked part and value."""
    url = fresh_server.start()  # waits for the health endpoint only
    page = open_page(browser, f"{url}/activations?part=dead&steps=50")
    try:
        assert urlsplit(page.url).path == "/activations"
        nav = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
        assert nav.count() == len(PAGES)
        assert page.locator('[data-testid="stSidebar"]').get_by_text("English · 한국어").count() == 1
        assert title(page) == text("activations.title")
        subheaders = page.locator('[data-testid="stMain"] h3').all_inner_texts()  # st.subheader
        assert text("activations.dead.name") in [s.strip() for s in subheaders]
        assert controls(page)[field_label("activations", "steps")] == "50"
        assert problems(page) == []
    finally:
        page.context.close()


def test_korean_browser_gets_korean_and_lang_en_overrides(server, browser):
    page = open_page(browser, f"{server}/", locale="ko-KR")
    try:
        assert title(page) == text("home.title", "ko")
        assert re.search("[가-힣]", page.locator('[data-testid="stSidebarNav"]').inner_text())
        page.goto(f"{server}/?lang=en")
        settle(page)
        assert title(page) == text("home.title", "en")
        assert problems(page) == []
    finally:
        page.context.close()


def health_numbers(page) -> list[str]:
    """The texts of the health view's panel of the selected cell's numbers (names, then values)."""
    return page.locator('[data-testid="stExpander"] [data-testid="stVegaLiteChart"] g.mark-text.role-mark text') \
        .evaluate_all("els => els.map(e => e.textContent)")


def test_a_click_on_a_health_cell_goes_into_the_link_and_the_link_selects_it(server, browser):
    """Activations · dead ReLUs at 50 steps (the run the test above opens first): open the training-health
    view, click layer 1 at a middle logged step; the panel shows that cell, the URL gets its hstep (and hlayer
    unless it is the default's), and a fresh browser context opening that URL starts on the same cell with the
    same numbers, the view open."""
    page = open_page(browser, f"{server}/activations?part=dead&steps=50")
    try:
        view = page.locator('[data-testid="stExpander"]').filter(has_text=text("health.title"))
        view.locator("summary").click()
        settle(page)
        cells = view.locator("g.mark-rect.role-mark path")
        labels = cells.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        steps = sorted({int(m.group(1)) for m in (re.match(r"step: (\d+);", label or "") for label in labels) if m})
        step = steps[len(steps) // 2]  # neither the first nor the last step: never the default cell
        cells.and_(page.locator(f'[aria-label^="step: {step}; row: layer 1;"]')).first.click()
        page.wait_for_function("s => new URLSearchParams(location.search).get('hstep') === s", arg=str(step))
        settle(page)
        shown, link = health_numbers(page), page.url
        assert shown[9:11] == ["1", str(step)], shown  # the panel's values start with the layer and the step
        assert parse_qs(urlsplit(link).query).get("hlayer", ["1"]) == ["1"], link
    finally:
        page.context.close()

    again = open_page(browser, link)
    try:
        assert problems(again) == []
        assert again.locator('[data-testid="stExpander"] details[open]').filter(
            has_text=text("health.title")).count() == 1
        assert health_numbers(again) == shown
    finally:
        again.context.close()


def test_a_click_on_a_grid_cell_shows_its_curves_without_a_rerun(server, browser):
    """BatchNorm · grids at 2 values per axis: the curves open on the link's row (showlr=3); a click on the cell
    of learning rate 0.03 outlines that row and the curves below name it, drawn in the browser: the page's script
    does not run again (its run counter in the page stays) and the link stays as it was."""
    page = open_page(browser, f"{server}/batchnorm?part=grids&points=2&steps=40&showlr=3")
    try:
        label = lambda: page.locator('[data-testid="stVegaLiteChart"] g.mark-text.role-mark text').evaluate_all(
            "els => els.map(e => e.textContent).filter(t => t.startsWith('learning rate '))")
        assert label() == ["learning rate 3"]
        url = page.url
        page.evaluate("() => { window.__runs = 0; new MutationObserver(() => { const s = document.querySelector("
                      "'[data-testid=\"stApp\"]').dataset.testScriptState; if (s === 'running') window.__runs++; })"
                      ".observe(document.querySelector('[data-testid=\"stApp\"]'), {attributes: true}); }")
        page.locator('[data-testid="stVegaLiteChart"] g.mark-rect.role-mark path[aria-label*="learning rate: 0.03"]'
                     ).last.click()
        page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] "
                               "g.mark-text.role-mark text')].some(e => e.textContent === 'learning rate 0.03')")
        assert label() == ["learning rate 0.03"] and page.url == url
        assert page.evaluate("() => window.__runs") == 0
    finally:
        page.context.close()


PHONE = {"width": 390, "height": 844}  # an iPhone 12-14 in CSS pixels
# Every part of every page (cards included), in both languages. A page is opened once per language; its parts are
# then picked in the page, as a reader does (a rerun, no reload), in both languages' tabs at once: the server
# computes the part once (its result cache holds a lock per configuration; the other tab waits for it) and one
# tab draws while the other is checked.
SWEEP = {topic.scope: list(__import__(f"core.{topic.scope}", fromlist=["EXPERIMENTS"]).EXPERIMENTS)
         for topic in TOPICS}
PHONE_LANGS = ("ko", "en")
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const wide = [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.offsetParent !== null)
        .map(e => (e.getAttribute('data-testid') || e.tagName) + ':' + Math.round(e.getBoundingClientRect().right));
    return {page: document.documentElement.scrollWidth - window.innerWidth,
            main: main ? main.scrollWidth - main.clientWidth : 0, wide: wide.slice(0, 5)};
}"""
SHOWN = """name => [...document.querySelectorAll('[data-testid="stMain"] h3')]
    .some(h => h.innerText.trim() === name && !h.closest('[data-stale="true"]'))"""


@pytest.fixture(scope="module")
def phones(browser):
    """One phone-sized tab per language."""
    contexts = {lang: browser.new_context(viewport=PHONE) for lang in PHONE_LANGS}
    yield {lang: context.new_page() for lang, context in contexts.items()}
    for context in contexts.values():
        context.close()


def request_part(page, server: str, scope: str, part: str, lang: str) -> tuple[str, int]:
    """Ask for `part` of the page (by its link when the tab is on another page, else by a click on its button),
    without waiting for it. Returns the part's name as its heading shows it, and how long (ms) the page must
    then stay unchanged to count as settled: settle()'s 400 ms after a link (a second run may follow a page
    load), 200 ms after a click (the heading of the new part already proves its run has drawn)."""
    name = text(f"{scope}.{part}.name", lang)
    page.set_viewport_size(PHONE)  # settle() grows it to the part's height, from the phone's own
    if urlsplit(page.url).path != f"/{scope}":
        page.goto(f"{server}/{scope}?part={part}&lang={lang}", wait_until="commit")
        return name, 400
    page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').first \
        .get_by_role("radio", name=name, exact=True).click()
    return name, 200


def wait_for_part(page, name: str, calm_ms: int) -> None:
    """Until the part's heading is shown (not stale) and the page has settled."""
    page.wait_for_function(SHOWN, arg=name, polling=100, timeout=90_000)
    settle(page, calm_ms=calm_ms)


@pytest.mark.parametrize("scope", SWEEP)
def test_every_part_fits_a_phone_without_sideways_scrolling(server, phones, shots, monkeypatch, scope):
    """At 390 px no part of the page, in either language, scrolls the page or its main area sideways: charts
    take the container's width, small multiples wrap, mosaics shrink, wide tables scroll inside themselves.
    A screenshot per part and language goes to the screenshots folder (phone-<page>-<part>-<lang>.png)."""
    monkeypatch.setattr("bench.live.WIDTH", PHONE["width"])  # settle() grows the height, keeping this width
    overflowing, broken = {}, {}
    for part in SWEEP[scope]:
        asked = {lang: request_part(page, server, scope, part, lang) for lang, page in phones.items()}
        for lang, page in phones.items():
            try:
                wait_for_part(page, *asked[lang])
            finally:
                page.screenshot(path=shots / f"phone-{scope}-{part}-{lang}.png", full_page=True)
            if found := problems(page):
                broken[part, lang] = found
            overflow = page.evaluate(OVERFLOW)
            if overflow["page"] > 0 or overflow["main"] > 0:
                overflowing[part, lang] = overflow
    assert broken == {} and overflowing == {}, (broken, overflowing)


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_the_health_view_fits_a_phone_and_a_desktop(server, browser, shots, monkeypatch, lang):
    """Initialization · training with the training-health view open (health=1), at 390 px and at 1280 px: the
    view is open, its heatmaps have a cell for each of the 20 logged steps of the 7 layers, nothing on the page
    scrolls sideways, no error. Screenshots of the view: health-initialization-training-<lang>[-phone].png."""
    for width, suffix in ((PHONE["width"], "-phone"), (1280, "")):
        monkeypatch.setattr("bench.live.WIDTH", width)  # settle() grows the height, keeping this width
        page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
        try:
            page.goto(f"{server}/initialization?part=training&health=1&lang={lang}")
            settle(page)
            view = page.locator('[data-testid="stExpander"]').filter(has_text=text("health.title", lang))
            view.screenshot(path=shots / f"health-initialization-training-{lang}{suffix}.png")
            assert view.locator("details[open]").count() == 1
            labels = view.locator("g.mark-rect.role-mark path").evaluate_all(
                "els => els.map(e => e.getAttribute('aria-label') || '')")
            cells = {found.groups() for found in (re.match(r"step: (\d+); row: \D*(\d+)", label) for label in labels)
                     if found}  # rows read "layer 3" or "3층"
            assert len(cells) == HEALTH_STEPS * 7, len(cells)  # every logged step of the 7 layers, drawn
            overflow = page.evaluate(OVERFLOW)
            assert problems(page) == [] and overflow["page"] <= 0 and overflow["main"] <= 0, overflow
        finally:
            page.context.close()


ROWS = """name => {
    const tops = [...document.querySelectorAll(`.st-key-panels_${name} [data-testid="stVegaLiteChart"]`)]
        .map(c => Math.round(c.getBoundingClientRect().top));
    return tops.filter(top => top === tops[0]).length;
}"""


@pytest.mark.parametrize("width, fit", [(PHONE["width"], 2), (1280, 5)])
def test_small_multiples_wrap_to_the_width(server, browser, monkeypatch, width, fit):
    """The Initialization page's ten histograms (ui.charts.Panels): two side by side on a phone, at least five
    in a row on a desktop (a Vega-Lite facet would keep one column count on both)."""
    monkeypatch.setattr("bench.live.WIDTH", width)
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    try:
        page.goto(f"{server}/initialization?lang=ko")
        settle(page)
        first_row = page.evaluate(ROWS, "init_activation_samples")
        assert first_row == fit if width == PHONE["width"] else first_row >= fit, first_row
    finally:
        page.context.close()
