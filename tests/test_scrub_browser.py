"""Client-side scrubbing in a real browser (issue 19): the Optimizers race's step slider is a Vega-Lite
parameter inside the chart, so moving it redraws the paths in the browser and the page does not run again.

Same set-up as tests/test_browser.py: `streamlit run app.py` on a free port, Debian's Chromium via Playwright.
"""

from __future__ import annotations

import os

import pytest

from bench.live import CHROMIUM, Server, launch, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing: install Debian's chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")

# Counts the strongly coloured pixels of a chart's canvas: the optimizers' paths and dots (the surface is grey).
COLOURED = """canvas => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    const hi = Math.max(data[i], data[i + 1], data[i + 2]), lo = Math.min(data[i], data[i + 1], data[i + 2]);
    if (data[i + 3] > 200 && hi - lo > 80) n++;
  }
  return n;
}"""
# Counts the script runs that start from now on (Streamlit marks a run on the app root).
WATCH_RUNS = """() => {
  window.__labRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => { if (app.dataset.testScriptState === 'running') window.__labRuns++; })
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


@pytest.fixture(scope="module")
def page():
    with Server() as url, sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        tab = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        tab.goto(f"{url}/optimizers?steps=60&at=30")
        settle(tab)
        yield tab
        browser.close()


def test_moving_the_step_slider_redraws_the_paths_without_running_the_page(page):
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    slider = chart.locator('input[type="range"][name="at"]')
    assert slider.input_value() == "30" and slider.get_attribute("max") == "60"  # from the link
    canvas = chart.locator("canvas").first
    page.evaluate(WATCH_RUNS)
    link, caption = page.url, page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()

    coloured = {30: canvas.evaluate(COLOURED)}
    for key, step in (("Home", 0), ("End", 60)):
        slider.focus()
        page.keyboard.press(key)  # as a reader would, from the keyboard
        assert slider.input_value() == str(step)
        page.wait_for_timeout(300)  # Vega redraws on the next animation frame
        coloured[step] = canvas.evaluate(COLOURED)
    assert coloured[0] < coloured[30] < coloured[60], coloured  # longer paths, more coloured pixels

    page.wait_for_timeout(1000)  # a rerun would have started by now
    assert page.evaluate("() => window.__labRuns") == 0
    assert page.url == link  # the link keeps the step the page was opened at
    assert page.locator('[data-testid="stCaptionContainer"]').all_inner_texts() == caption
