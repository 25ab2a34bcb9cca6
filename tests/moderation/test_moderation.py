"""pb/moderation: the queue, the history and every action, with its mail, audit event and gates."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.db import utcnow
from pb.proposals.models import ProposalStatus
from pb.rounds.models import Phase
from tests.proposals.helpers import link_in, recipients


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _post(client, proposal_id: int, action: str, **data: str):
    page = client.get(f"/staff/forslag/{proposal_id}").get_data(as_text=True)
    return client.post(f"/staff/forslag/{proposal_id}/{action}", data={"csrf_token": _csrf(page), **data})


def _audited(session, action: str) -> AuditEvent:
    return session.scalars(select(AuditEvent).where(AuditEvent.action == action)).one()


def test_queue_shows_own_communities_with_counts_oldest_waiting_first(client, session, signed_in, staff, setting, make_proposal, waiting) -> None:
    """A playmaker's queue holds their communities only, counts each status, and lists the oldest waiting first."""
    older = make_proposal(setting.round, setting.community, title="Gammel bænk", status=ProposalStatus.SUBMITTED)
    older.updated_at = utcnow() - timedelta(days=3)
    make_proposal(setting.round, setting.community, title="Ubekræftet", status=ProposalStatus.SUBMITTED, confirmed_at=None)
    make_proposal(setting.round, setting.community, title="Allerede godkendt")
    elsewhere = staff.other_playmaker.communities[0]
    make_proposal(setting.round, elsewhere, title="Harlevs forslag", status=ProposalStatus.SUBMITTED)
    session.commit()
    signed_in(staff.playmaker)
    html = client.get("/staff/forslag/").get_data(as_text=True)
    assert "Harlevs forslag" not in html and "Ubekræftet" not in html
    assert html.index("Gammel bænk") < html.index("Ny legeplads") < html.index("Allerede godkendt")
    assert 'data-count="submitted">2<' in html and 'data-count="approved">1<' in html
    approved_only = client.get("/staff/forslag/?status=approved").get_data(as_text=True)
    assert "Allerede godkendt" in approved_only and "Gammel bænk" not in approved_only
    other = setting.round.categories[1]
    assert "Ny legeplads" not in client.get(f"/staff/forslag/?kategori={other.id}").get_data(as_text=True)
    # NUL in a query is refused by the central guard (pb/web.py), never a 500.
    assert client.get("/staff/forslag/?lokalsamfund=%00&status=%00").status_code == 400


def test_official_sees_every_community(client, signed_in, staff, setting, make_proposal, waiting) -> None:
    """Officials' queue spans all communities."""
    make_proposal(setting.round, staff.other_playmaker.communities[0], title="Harlevs forslag", status=ProposalStatus.SUBMITTED)
    signed_in(staff.official)
    html = client.get("/staff/forslag/").get_data(as_text=True)
    assert "Harlevs forslag" in html and "Ny legeplads" in html


def test_approve_mails_and_audits(app, client, session, signed_in, staff, waiting, outbox) -> None:
    """Approve puts it on the public page, tells the proposer and writes proposal.approve."""
    signed_in(staff.playmaker)
    assert _post(client, waiting.id, "godkend").status_code == 302
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.APPROVED
    assert _audited(session, "proposal.approve").actor_id == staff.playmaker.id
    assert recipients(session, "proposal_approved") == ["mette@example.org"]
    assert "godkendt" in outbox("proposal_approved")[0].subject
    assert client.get(f"/forslag/{waiting.id}").status_code == 200


def test_reject_requires_a_reason_and_mails_it(client, session, signed_in, staff, waiting, outbox) -> None:
    """Without a reason the form says so (nothing changes); with one, the reason is mailed and audited."""
    signed_in(staff.playmaker)
    response = _post(client, waiting.id, "afvis", reason="  ")
    assert response.status_code == 422 and "Skriv en begrundelse" in response.get_data(as_text=True)
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.SUBMITTED
    assert _post(client, waiting.id, "afvis", reason="Det ligger på privat grund.").status_code == 302
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.REJECTED and waiting.rejection_reason == "Det ligger på privat grund."
    assert "Det ligger på privat grund." in outbox("proposal_rejected")[0].text
    assert _audited(session, "proposal.reject").details["reason"] == "Det ligger på privat grund."


def test_request_changes_mails_the_message_with_a_working_edit_link(client, session, signed_in, staff, waiting, outbox) -> None:
    """The message and the edit link are mailed; the link opens the edit form showing the message."""
    signed_in(staff.playmaker)
    assert _post(client, waiting.id, "bed-om-rettelser", message="Skriv hvor legepladsen skal stå.").status_code == 302
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.NEEDS_CHANGES
    (mail,) = outbox("proposal_changes_requested")
    assert "Skriv hvor legepladsen skal stå." in mail.text
    page = client.get(link_in(mail)).get_data(as_text=True)
    assert "Send det rettede forslag" in page and "Skriv hvor legepladsen skal stå." in page
    assert _audited(session, "proposal.request_changes").details["message"] == "Skriv hvor legepladsen skal stå."


def test_final_cost_needs_a_note_and_keeps_both_figures(client, session, signed_in, staff, waiting) -> None:
    """The final cost needs a note; the estimate is kept; the public page shows both."""
    signed_in(staff.playmaker)
    response = _post(client, waiting.id, "endelig-pris", amount="95.000", note="")
    assert response.status_code == 422 and "Skriv en note" in response.get_data(as_text=True)
    assert _post(client, waiting.id, "endelig-pris", amount="95.000 kr.", note="Faldunderlag koster mere.").status_code == 302
    session.refresh(waiting)
    assert (waiting.estimated_cost, waiting.final_cost, waiting.cost) == (80_000, 95_000, 95_000)
    event = _audited(session, "proposal.set_final_cost")
    assert event.details["after"]["final_cost"] == 95_000 and event.details["estimated_cost"] == 80_000
    _post(client, waiting.id, "godkend")
    html = client.get(f"/forslag/{waiting.id}").get_data(as_text=True)
    assert "95.000 kr." in html and "80.000 kr." in html
    response = _post(client, waiting.id, "endelig-pris", amount="900.000", note="For dyrt")
    assert response.status_code == 422 and "budget" in response.get_data(as_text=True)


def test_merge_tells_both_proposers_and_links_to_the_survivor(client, session, signed_in, staff, setting, make_proposal, waiting, outbox) -> None:
    """Merging moves the proposal to merged, links it to the survivor and mails both proposers."""
    survivor = make_proposal(setting.round, setting.community, title="Stor legeplads", proposer_email="ole@example.org")
    signed_in(staff.playmaker)
    assert _post(client, waiting.id, "laeg-sammen", into=str(survivor.id)).status_code == 302
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.MERGED and waiting.merged_into_id == survivor.id
    assert sorted(recipients(session, "proposal_merged")) == ["mette@example.org", "ole@example.org"]
    assert all(f"/forslag/{survivor.id}" in m.text for m in outbox("proposal_merged"))
    assert _audited(session, "proposal.merge").details["into"] == survivor.id
    assert f'href="/forslag/{survivor.id}"' in client.get(f"/forslag/{waiting.id}").get_data(as_text=True)


def test_merge_into_another_community_is_refused(client, session, signed_in, staff, setting, make_proposal, waiting) -> None:
    """A proposal can only be merged with one from the same community."""
    foreign = make_proposal(setting.round, staff.other_playmaker.communities[0])
    signed_in(staff.official)
    response = _post(client, waiting.id, "laeg-sammen", into=str(foreign.id))
    assert response.status_code == 422 and "samme lokalsamfund" in response.get_data(as_text=True)


def test_typo_corrections_are_audited_as_a_diff_and_shown_in_history(client, session, signed_in, staff, waiting) -> None:
    """Correcting a title records before and after, and the history shows both."""
    signed_in(staff.playmaker)
    response = _post(client, waiting.id, "ret", title="Ny legeplads i Sabro", summary=waiting.summary,
                     description=waiting.description, location="")
    assert response.status_code == 302
    event = _audited(session, "proposal.correct")
    assert event.details == {"before": {"title": "Ny legeplads"}, "after": {"title": "Ny legeplads i Sabro"}}
    html = client.get(f"/staff/forslag/{waiting.id}").get_data(as_text=True)
    assert "<del>" in html and "Ny legeplads</span></del>" in html and "Ny legeplads i Sabro</span></ins>" in html


def test_bulk_approve(client, session, signed_in, staff, setting, make_proposal, waiting) -> None:
    """Several waiting proposals are approved in one go, each audited."""
    second = make_proposal(setting.round, setting.community, status=ProposalStatus.SUBMITTED)
    signed_in(staff.playmaker)
    page = client.get("/staff/forslag/").get_data(as_text=True)
    response = client.post("/staff/forslag/godkend-flere", data={
        "csrf_token": _csrf(page), "proposals": [str(waiting.id), str(second.id)], "back": "/staff/forslag/?status=submitted"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/forslag/?status=submitted")
    session.refresh(waiting)
    session.refresh(second)
    assert waiting.status is second.status is ProposalStatus.APPROVED
    assert len(session.scalars(select(AuditEvent).where(AuditEvent.action == "proposal.approve")).all()) == 2


def test_bulk_approve_refuses_a_foreign_proposal_entirely(client, session, signed_in, staff, setting, make_proposal, waiting) -> None:
    """A playmaker slipping another community's proposal into the bulk form gets a 403 and nothing is approved."""
    foreign = make_proposal(setting.round, staff.other_playmaker.communities[0], status=ProposalStatus.SUBMITTED)
    signed_in(staff.playmaker)
    page = client.get("/staff/forslag/").get_data(as_text=True)
    response = client.post("/staff/forslag/godkend-flere", data={"csrf_token": _csrf(page), "proposals": [str(waiting.id), str(foreign.id)]})
    assert response.status_code == 403
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.SUBMITTED


@pytest.mark.parametrize("phase", [Phase.PROPOSALS, Phase.REVIEW, Phase.DRAFT])
def test_constraints_can_be_marked_before_voting(client, session, signed_in, staff, setting, waiting, phase) -> None:
    """Exclusive group and must-fund are saved and audited until voting opens."""
    setting.round.phase = phase
    session.commit()
    signed_in(staff.playmaker)
    assert _post(client, waiting.id, "regler", exclusive_group="Boldbanen", must_fund="y").status_code == 302
    session.refresh(waiting)
    assert waiting.exclusive_group == "Boldbanen" and waiting.must_fund
    assert _audited(session, "proposal.constraints").details["after"] == {"exclusive_group": "Boldbanen", "must_fund": True}


@pytest.mark.parametrize(("action", "data"), [
    ("godkend", {}), ("afvis", {"reason": "x"}), ("bed-om-rettelser", {"message": "x"}),
    ("endelig-pris", {"amount": "1000", "note": "x"}), ("ret", {"title": "x", "summary": "x", "description": "x"}),
    ("regler", {"must_fund": "y"}),
])
def test_phase_forbidden_actions_are_a_friendly_403(client, session, signed_in, staff, setting, waiting, action, data) -> None:
    """Once voting is open, every moderation action is refused with the Danish 403 page."""
    signed_in(staff.official)
    page = client.get(f"/staff/forslag/{waiting.id}").get_data(as_text=True)
    setting.round.phase = Phase.VOTING
    session.commit()
    response = client.post(f"/staff/forslag/{waiting.id}/{action}", data={"csrf_token": _csrf(page), **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 403 and ("behandles i forslagsfasen" in html or "før afstemningen" in html)
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.action.like("proposal.%"))) is None


@pytest.mark.parametrize("action", ["godkend", "afvis", "bed-om-rettelser", "endelig-pris", "laeg-sammen", "ret", "regler"])
def test_playmaker_of_another_community_gets_a_friendly_403(client, session, signed_in, staff, waiting, action) -> None:
    """A playmaker cannot see or act on another community's proposal."""
    signed_in(staff.other_playmaker)
    assert client.get(f"/staff/forslag/{waiting.id}").status_code == 403
    page = client.get("/staff/forslag/").get_data(as_text=True)
    response = client.post(f"/staff/forslag/{waiting.id}/{action}", data={"csrf_token": _csrf(page), "reason": "x", "message": "x"})
    assert response.status_code == 403 and "egne lokalsamfund" in response.get_data(as_text=True)
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.SUBMITTED


def test_actions_need_a_csrf_token_and_a_sign_in(client, session, signed_in, staff, waiting) -> None:
    """Anonymous users are sent to sign in; a POST without CSRF token is refused."""
    assert client.post(f"/staff/forslag/{waiting.id}/godkend").status_code in (302, 400)
    assert "/staff/login" in client.get("/staff/forslag/").headers["Location"]
    signed_in(staff.playmaker)
    assert client.post(f"/staff/forslag/{waiting.id}/godkend").status_code == 400
    session.refresh(waiting)
    assert waiting.status is ProposalStatus.SUBMITTED


def test_approving_a_withdrawn_proposal_is_refused(client, session, signed_in, staff, waiting) -> None:
    """Status rules hold: a withdrawn proposal cannot be approved."""
    waiting.status = ProposalStatus.WITHDRAWN
    session.commit()
    signed_in(staff.playmaker)
    response = _post(client, waiting.id, "godkend")
    assert response.status_code == 409 and "Trukket tilbage" in response.get_data(as_text=True)


def test_a_message_may_hold_a_link_to_the_site(client, session, signed_in, staff, waiting, outbox) -> None:
    """A playmaker may paste a link to the site in the message; the mail still carries it."""
    signed_in(staff.playmaker)
    message = "Se de andre forslag: http://pb.test/lokalsamfund/sabro-test"
    assert _post(client, waiting.id, "bed-om-rettelser", message=message).status_code == 302
    assert message in outbox("proposal_changes_requested")[0].text
