"""Every public proposal form and link, fuzzed with hypothesis: never a 500, and what was typed comes back escaped."""
from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pb.proposals.models import ProposalStatus
from pb.signing import Purpose, sign
from tests.proposals.helpers import proposal_form

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
#: Any text, including NUL, control characters, surrogates-free Unicode and markup.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400) | st.sampled_from(
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "\x00", "85.000\x00", "9" * 40, "-1", " "]
)
FIELDS = ("community", "title", "summary", "description", "cost", "category", "location", "name", "email", "phone", "consent")
_addresses = itertools.count(1)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _fresh_address() -> dict[str, str]:
    """One client address per example, so the per-address limit never decides a fuzz case."""
    n = next(_addresses)
    return {"REMOTE_ADDR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def _expected(statuses: tuple[int, ...], value: str) -> tuple[int, ...]:
    """A NUL byte is refused by the central guard (pb/web.py) with the friendly 400 before any form sees it."""
    return (400,) if "\x00" in value else statuses


@FUZZ
@given(field=st.sampled_from(FIELDS), value=TEXT)
def test_new_proposal_form_never_fails(client, setting, field, value) -> None:
    """Any value in any field of the new-proposal form gives a redirect or a form with errors, never a 500."""
    page = client.get("/forslag/nyt").get_data(as_text=True)
    data = proposal_form(community=setting.community.slug, category=str(setting.category.id))
    data[field] = value
    data["csrf_token"] = _csrf(page)
    response = client.post("/forslag/nyt", data=data, environ_base=_fresh_address())
    assert response.status_code in _expected((302, 422), value), response.status_code
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html


@FUZZ
@given(field=st.sampled_from(("title", "summary", "description", "cost", "category", "location")), value=TEXT)
def test_edit_form_never_fails(app, client, setting, make_proposal, field, value) -> None:
    """Any value in the proposer's edit form gives a redirect or a form with errors, never a 500."""
    proposal = make_proposal(setting.round, setting.community, status=ProposalStatus.NEEDS_CHANGES)
    with app.test_request_context():
        path = f"/forslag/ret/{sign(Purpose.PROPOSAL_EDIT, {'proposal': proposal.id})}"
    page = client.get(path).get_data(as_text=True)
    data = {"title": "T", "summary": "S", "description": "D", "cost": "1000", "category": str(setting.category.id), "location": ""}
    data[field] = value
    data["csrf_token"] = _csrf(page)
    response = client.post(path, data=data)
    assert response.status_code in _expected((302, 422), value)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


@FUZZ
@given(token=st.text(max_size=300))
def test_links_with_any_token_never_fail(client, token) -> None:
    """Made-up tokens on the confirmation and edit links get the friendly 400/404, never a 500."""
    for prefix in ("/forslag/bekraeft/", "/forslag/ret/"):
        response = client.get(prefix + token.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"))
        assert response.status_code in (400, 404, 405, 308)


@FUZZ
@given(value=TEXT)
def test_community_filter_never_fails(client, setting, value) -> None:
    """Any ?kategori= on the community page is ignored or applied, never a 500."""
    response = client.get("/lokalsamfund/sabro-test", query_string={"kategori": value})
    assert response.status_code in _expected((200,), value)
