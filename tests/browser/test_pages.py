"""Every page type in Chromium: axe-core finds no WCAG 2.1 AA problem, keyboard focus is always visible,
phones need no sideways scrolling and get 44 px tap targets; screenshots at 1280 and 390 px wide."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.checks import (
    DESKTOP,
    PHONE,
    assert_axe_clean,
    horizontal_overflow,
    screenshot,
    small_tap_targets,
    tab_through,
    unmarked_danish,
)
from tests.browser.pages import PAGES, PageCase, danish_texts

CASES = [pytest.param(case, id=case.name) for case in PAGES]


@pytest.mark.parametrize("case", CASES)
def test_page_on_a_desktop(page: Page, site, sign_in, axe_ready, case: PageCase) -> None:
    """At 1280 px axe-core (WCAG 2.1 A/AA) finds nothing, every Tab stop shows its focus, and on an English page
    residents' Danish text is marked lang="da"."""
    page.set_viewport_size(DESKTOP)
    case.open(page, site, sign_in)
    screenshot(page, case.name)
    assert_axe_clean(page)
    stops = tab_through(page)
    assert stops, "nothing on the page takes keyboard focus"
    assert [stop for stop in stops if not stop["visible"]] == []
    if page.evaluate("() => document.documentElement.lang") == "en":
        assert unmarked_danish(page, danish_texts(site)) == [], "Danish text on an English page needs lang=\"da\""


@pytest.mark.parametrize("case", CASES)
def test_page_on_a_phone(page: Page, site, sign_in, axe_ready, case: PageCase) -> None:
    """At 390×844 the page does not scroll sideways, every control is at least 44×44 px, and axe finds nothing."""
    page.set_viewport_size(PHONE)
    case.open(page, site, sign_in)
    screenshot(page, case.name)
    assert horizontal_overflow(page) == 0, f"{case.name} scrolls sideways by {horizontal_overflow(page)} px"
    small = small_tap_targets(page)
    assert not small, "tap targets under 44 px:\n" + "\n".join(small)
    assert_axe_clean(page)
