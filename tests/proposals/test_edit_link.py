"""pb/proposals: the proposer's edit link – changes asked for, the diff it records, and withdrawal."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.proposals.models import ProposalStatus
from pb.rounds.models import Phase
from pb.signing import Purpose, sign


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


@pytest.fixture
def waiting(app, setting, make_proposal):
    """A confirmed proposal in the setting's round, and its edit path."""
    proposal = make_proposal(setting.round, setting.community, status=ProposalStatus.NEEDS_CHANGES,
                             estimated_cost=50_000, category_id=setting.category.id)
    with app.test_request_context():
        token = sign(Purpose.PROPOSAL_EDIT, {"proposal": proposal.id})
    return proposal, f"/forslag/ret/{token}"


def _edit_data(html: str, **changes: str) -> dict[str, str]:
    data = {"csrf_token": _csrf(html), "title": "Ny titel", "summary": "Nyt resumé", "description": "Ny beskrivelse",
            "cost": "60.000", "category": "", "location": ""}
    data.update(changes)
    return data


def test_edit_in_needs_changes_returns_to_queue_with_a_diff(client, session, setting, waiting) -> None:
    """The proposer edits through the link; the proposal is submitted again and the diff is audited."""
    proposal, path = waiting
    page = client.get(path).get_data(as_text=True)
    assert "Send det rettede forslag" in page
    response = client.post(path, data=_edit_data(page, category=str(setting.category.id)), follow_redirects=True)
    assert "venter nu på at blive gennemgået igen" in response.get_data(as_text=True)
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.SUBMITTED and proposal.title == "Ny titel" and proposal.estimated_cost == 60_000
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "proposal.edit")).one()
    assert event.details["before"]["estimated_cost"] == 50_000 and event.details["after"]["estimated_cost"] == 60_000
    assert "category_id" not in event.details["after"]  # unchanged fields are left out of the diff
    # Once sent back, the form is gone: nothing more to edit until a playmaker asks again.
    assert "Send det rettede forslag" not in client.get(path).get_data(as_text=True)


def test_edit_above_budget_is_refused_on_the_field(client, session, setting, waiting) -> None:
    """An edited cost above the budget is a field error; the proposal stays as it was."""
    proposal, path = waiting
    page = client.get(path).get_data(as_text=True)
    response = client.post(path, data=_edit_data(page, cost="300.000", category=str(setting.category.id)))
    assert response.status_code == 422 and "højst koste 200.000 kr." in response.get_data(as_text=True)
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.NEEDS_CHANGES and proposal.estimated_cost == 50_000


def test_edit_is_refused_once_voting_opens(client, session, setting, waiting) -> None:
    """In voting the page shows the status only; a forged POST changes nothing."""
    proposal, path = waiting
    page = client.get(path).get_data(as_text=True)
    setting.round.phase = Phase.VOTING
    session.commit()
    assert "Send det rettede forslag" not in client.get(path).get_data(as_text=True)
    client.post(path, data=_edit_data(page, category=str(setting.category.id)))
    session.refresh(proposal)
    assert proposal.title != "Ny titel"


@pytest.mark.parametrize("phase", [Phase.PROPOSALS, Phase.REVIEW])
def test_withdraw_until_voting_opens(client, session, setting, waiting, phase) -> None:
    """The proposer withdraws through the same link in the proposal and review phases; it is audited."""
    proposal, path = waiting
    setting.round.phase = phase
    session.commit()
    page = client.get(path).get_data(as_text=True)
    response = client.post(f"{path}/traek-tilbage", data={"csrf_token": _csrf(page)}, follow_redirects=True)
    assert "trukket tilbage" in response.get_data(as_text=True)
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.WITHDRAWN
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "proposal.withdraw")) is not None


def test_withdraw_after_voting_opens_is_a_friendly_refusal(client, session, setting, waiting) -> None:
    """Once voting has begun, withdrawing gets the friendly page and changes nothing."""
    proposal, path = waiting
    page = client.get(path).get_data(as_text=True)
    setting.round.phase = Phase.VOTING
    session.commit()
    response = client.post(f"{path}/traek-tilbage", data={"csrf_token": _csrf(page)})
    assert response.status_code == 409 and "afstemningen er begyndt" in response.get_data(as_text=True)
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.NEEDS_CHANGES


def test_withdraw_without_csrf_is_refused(client, session, waiting) -> None:
    """Withdrawal is a POST with a CSRF token; without it nothing happens."""
    proposal, path = waiting
    assert client.post(f"{path}/traek-tilbage").status_code == 400
    session.refresh(proposal)
    assert proposal.status is ProposalStatus.NEEDS_CHANGES
