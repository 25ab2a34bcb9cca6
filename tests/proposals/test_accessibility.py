"""templates/proposals and templates/moderation: the same structural WCAG checks as the other pages."""
from __future__ import annotations

import pytest

from pb.proposals.models import ProposalStatus
from pb.signing import Purpose, sign
from pb.auth.models import Role
from tests.test_accessibility import _structure


def _assert_sound(html: str) -> None:
    page = _structure(html)
    assert page.html_lang in ("da", "en")
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), page.headings
    assert {"header", "main", "footer", "nav"} <= set(page.tags)
    for field in page.fields:
        assert field.get("id") in page.label_targets or field.get("aria-label"), field


@pytest.mark.parametrize("lang", ["da", "en"])
def test_resident_pages_have_sound_structure(app, client, setting, make_proposal, submit, lang) -> None:
    """The form (blank and with errors), the proposal page and the edit page: one h1, labelled fields."""
    proposal = make_proposal(setting.round, setting.community, status=ProposalStatus.NEEDS_CHANGES)
    shown = make_proposal(setting.round, setting.community)
    with app.test_request_context():
        token = sign(Purpose.PROPOSAL_EDIT, {"proposal": proposal.id})
    for path in (f"/forslag/nyt?lang={lang}", f"/forslag/{shown.id}?lang={lang}", f"/forslag/ret/{token}?lang={lang}", "/lokalsamfund/sabro-test"):
        _assert_sound(client.get(path).get_data(as_text=True))
    errors = submit(title="", cost="abc")
    html = errors.get_data(as_text=True)
    _assert_sound(html)
    page = _structure(html)
    title = next(f for f in page.fields if f.get("name") == "title")
    assert title.get("aria-invalid") == "true" and "title-error" in (title.get("aria-describedby") or "")
    assert 'href="#title"' in html and 'href="#cost"' in html  # the summary links each error to its field


def test_staff_pages_have_sound_structure(client, setting, make_proposal, make_staff, signed_in) -> None:
    """The queue and the proposal view: one h1, labelled fields (every action form included)."""
    proposal = make_proposal(setting.round, setting.community, status=ProposalStatus.SUBMITTED)
    signed_in(make_staff(Role.OFFICIAL))
    for path in ("/staff/forslag/", f"/staff/forslag/{proposal.id}"):
        _assert_sound(client.get(path).get_data(as_text=True))
