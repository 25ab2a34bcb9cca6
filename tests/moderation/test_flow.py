"""The issue's walk-through: a resident proposes and confirms, the playmaker asks for a change, the resident
fixes it through the mailed link, the playmaker approves, and a playmaker elsewhere cannot touch it."""
from __future__ import annotations

import re

from sqlalchemy import select

from pb.proposals.models import Proposal, ProposalStatus
from tests.proposals.helpers import link_in, proposal_form


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_propose_confirm_change_fix_approve(app, client, session, setting, staff, signed_in, outbox) -> None:
    """Every step goes through the real pages and the real mails, and the history tells the story."""
    page = client.get(f"/forslag/nyt?lokalsamfund={setting.community.slug}").get_data(as_text=True)
    assert re.search(r'<option(?=[^>]*\bselected\b)(?=[^>]*value="sabro-test")', page)
    data = proposal_form(community=setting.community.slug, category=str(setting.category.id), csrf_token=_csrf(page))
    assert client.post("/forslag/nyt", data=data).status_code == 302

    confirm = link_in(outbox("proposal_confirmation")[0])
    page = client.get(confirm).get_data(as_text=True)
    status_page = client.post(confirm, data={"csrf_token": _csrf(page)}, follow_redirects=True).get_data(as_text=True)
    assert 'data-status="submitted"' in status_page and "venter på at blive gennemgået" in status_page
    proposal = session.scalars(select(Proposal)).one()

    signed_in(staff.other_playmaker)
    assert client.get(f"/staff/forslag/{proposal.id}").status_code == 403
    assert "Shelter ved søen" not in client.get("/staff/forslag/").get_data(as_text=True)
    client.post("/staff/logout", data={"csrf_token": _csrf(client.get("/staff/").get_data(as_text=True))})

    signed_in(staff.playmaker)
    assert "Shelter ved søen" in client.get("/staff/forslag/").get_data(as_text=True)
    page = client.get(f"/staff/forslag/{proposal.id}").get_data(as_text=True)
    client.post(f"/staff/forslag/{proposal.id}/bed-om-rettelser", data={"csrf_token": _csrf(page), "message": "Hvor mange kan sove der?"})

    edit = link_in(outbox("proposal_changes_requested")[0])
    page = client.get(edit).get_data(as_text=True)
    assert "Hvor mange kan sove der?" in page
    client.post(edit, data={
        "csrf_token": _csrf(page), "title": "Shelter ved søen til 8 personer", "summary": "Et shelter til 8.",
        "description": "Plads til otte.", "cost": "90.000", "category": str(setting.category.id), "location": "Ved søen",
    })
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.SUBMITTED and proposal.title == "Shelter ved søen til 8 personer"

    page = client.get(f"/staff/forslag/{proposal.id}").get_data(as_text=True)
    assert "Shelter ved søen</span></del>" in page and "Shelter ved søen til 8 personer</span></ins>" in page  # the edit's diff
    client.post(f"/staff/forslag/{proposal.id}/godkend", data={"csrf_token": _csrf(page)})
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.APPROVED
    community_page = client.get("/lokalsamfund/sabro-test").get_data(as_text=True)
    assert "Shelter ved søen til 8 personer" in community_page and "90.000 kr." in community_page
