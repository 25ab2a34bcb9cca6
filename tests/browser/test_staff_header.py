"""The staff header on phones and tablets: the staff pages link and "Log ud" stay on the page and work."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("width", [390, 768])
def test_staff_can_reach_their_pages_and_sign_out_below_desktop_width(page: Page, site, sign_in, width: int) -> None:
    """Below 992 px the header still shows who is signed in, links the staff pages and signs out."""
    page.set_viewport_size({"width": width, "height": 844})
    sign_in("playmaker")
    page.goto("/lokalsamfund/tranbjerg")
    header = page.locator("header")
    expect(header.get_by_text("playmaker@demo.oplandspuljen.dk")).to_be_visible()
    header.get_by_role("link", name="Medarbejdersider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medarbejdersider")
    header.get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible()
    expect(header.get_by_role("button", name="Log ud")).to_have_count(0)
