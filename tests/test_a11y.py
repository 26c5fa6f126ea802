"""Accessibility and the dark theme in a real browser: axe-core (the npm package, pinned in package.json) runs on
every page's default part, and no serious or critical violation may come from the app's own content; the few that
come from Streamlit's own frame are listed below with the reason. Each language is checked in one theme (English
in the light one, Korean in the dark one): a language changes the words, not the colours or the structure, and
every page load costs seconds.

Streamlit follows the viewer's light or dark setting (.streamlit/config.toml defines both), so the dark theme is a
browser context with `color_scheme="dark"` against the same server. Its screenshots go to the screenshots folder
as dark-<page>-<lang>.png (the light ones are test_browser.py's <page>-<lang>.png).
"""

from __future__ import annotations

import os

import pytest

from bench.live import CHROMIUM, ROOT, problems, settle
from ui.topics import TOPICS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"),
]
if not AXE.exists():
    if os.environ.get("LAB_REQUIRE_AXE"):  # .ci/run installs it and sets this: CI must not skip these checks
        raise RuntimeError(f"{AXE} is missing: run `npm ci` at the repo root")
    pytestmark.append(pytest.mark.skip(reason=f"{AXE} is missing: run `npm ci` at the repo root (package.json)"))

PAGES = [("home", "")] + [(t.scope, t.scope) for t in TOPICS]
RUNS = (("light", "en"), ("dark", "ko"))  # (theme, language)
IMPACTS = ("serious", "critical")

# Violations that come from Streamlit's own frame, not from this app: (axe rule id, a CSS selector the failing
# element lies inside, why it is not ours). Everything else serious or critical fails the test.
STREAMLIT_OWN = (
    ("list", '[data-testid="stSidebarNav"]',
     "st.navigation with sections draws each section's links as <li>s wrapped in a <div> inside one <ul>; the "
     "app only hands it st.Page objects and section names"),
    ("listitem", '[data-testid="stSidebarNav"]',
     "the same navigation list: its <li>s sit in that <div>, not directly in the <ul>"),
)

# axe.run over the whole document; the serious and critical nodes that no STREAMLIT_OWN entry covers.
RUN_AXE = """async ([impacts, own]) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const found = [];
  for (const v of result.violations.filter(v => impacts.includes(v.impact)))
    for (const node of v.nodes) {
      const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
      if (own.some(([rule, inside]) => rule === v.id && element && element.closest(inside))) continue;
      found.push({rule: v.id, impact: v.impact, target: node.target.join(' '), html: node.html.slice(0, 200),
                  summary: (node.failureSummary || '').slice(0, 300)});
    }
  return found;
}"""
BACKGROUND = """() => getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor
    .match(/[\\d.]+/g).slice(0, 3).map(Number)"""


def luminance(rgb: list[float]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    c = [v / 255 for v in rgb]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


@pytest.fixture(scope="module")
def themed(server, browser):
    """One desktop-sized tab per theme, every page requested in it in turn."""
    contexts = {theme: browser.new_context(viewport={"width": 1280, "height": 720}, color_scheme=theme)
                for theme, _ in RUNS}
    yield {theme: context.new_page() for theme, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("theme, lang", RUNS, ids=[f"{theme}-{lang}" for theme, lang in RUNS])
@pytest.mark.parametrize("name, path", PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_accessibility_violation_of_our_own(server, themed, shots, name, path, lang, theme):
    """axe-core on the page's default part: no serious or critical violation outside STREAMLIT_OWN (contrast of
    our text and colours, names of buttons and images, ...). The dark theme really is dark (else the contrast
    check would only repeat the light one), and its screenshot is written for people to look at."""
    page = themed[theme]
    page.goto(f"{server}/{path}?lang={lang}")
    try:
        settle(page)
    finally:
        if theme == "dark":
            page.screenshot(path=shots / f"dark-{name}-{lang}.png", full_page=True)
    assert problems(page) == []
    background = luminance(page.evaluate(BACKGROUND))
    assert (background < 0.05) if theme == "dark" else (background > 0.9), (theme, background)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, [list(IMPACTS), [list(entry[:2]) for entry in STREAMLIT_OWN]])
    assert found == [], found
