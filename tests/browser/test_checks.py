"""The checks themselves catch what they are for, on pages made to fail them."""
from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.checks import PHONE, axe_violations, horizontal_overflow, small_tap_targets, tab_through


def test_axe_reports_a_missing_label_and_alt_text(page: Page, axe_ready) -> None:
    """axe-core, as the tests run it, reports an unlabelled field and an image without alt text."""
    page.set_content('<html lang="da"><body><main><h1>Prøve</h1><img src="data:,"><input type="text"></main></body></html>')
    assert {"image-alt", "label"} <= {violation["id"] for violation in axe_violations(page)}


def test_phone_checks_report_overflow_and_small_targets(page: Page) -> None:
    """A too-wide block and a tiny button are both caught at 390 px; a link inside a sentence is exempt."""
    page.set_viewport_size(PHONE)
    page.set_content(
        '<html><body><div style="width:600px">bred</div><button style="height:20px">OK</button>'
        '<p>Læs <a href="#x">mere</a> her.</p></body></html>'
    )
    assert horizontal_overflow(page) > 0
    small = small_tap_targets(page)
    assert len(small) == 1 and small[0].startswith('button "OK"')


def test_focus_check_reports_a_hidden_outline(page: Page) -> None:
    """A control whose focus outline is removed is reported as not visibly focused."""
    page.set_content('<html><body><a href="#a">synlig</a><a href="#b" style="outline:none">usynlig</a></body></html>')
    stops = tab_through(page)
    assert [(stop["text"], stop["visible"]) for stop in stops] == [("synlig", True), ("usynlig", False)]
