"""How each proposal mail is rendered at send time; signed links are made here and never stored."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent
from pb.mail.registry import MailObsolete, absolute_url, mail_template
from pb.proposals.models import Proposal
from pb.signing import Purpose, sign


def confirmation_link(proposal: Proposal) -> str:
    return absolute_url("proposals.confirm", token=sign(Purpose.PROPOSAL_CONFIRMATION, {"proposal": proposal.id}))


def edit_link(proposal: Proposal) -> str:
    return absolute_url("proposals.manage", token=sign(Purpose.PROPOSAL_EDIT, {"proposal": proposal.id}))


def _proposal(session: Session, params: dict[str, Any]) -> Proposal:
    proposal = session.get(Proposal, params["proposal_id"])
    if proposal is None:
        raise MailObsolete("the proposal no longer exists")
    return proposal


@mail_template("proposals/confirmation")
def confirmation_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Double opt-in: the link that puts the proposal in the queue."""
    proposal = _proposal(session, params)
    if proposal.confirmed_at is not None:
        raise MailObsolete("the proposal is already confirmed")
    return {"proposal": proposal, "link": confirmation_link(proposal)}


@mail_template("proposals/received")
def received_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Confirmed: it waits for review; the edit link lets the proposer withdraw it."""
    proposal = _proposal(session, params)
    return {"proposal": proposal, "link": edit_link(proposal)}


@mail_template("proposals/approved")
def approved_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    proposal = _proposal(session, params)
    return {"proposal": proposal, "link": absolute_url("proposals.show", proposal_id=proposal.id)}


@mail_template("proposals/rejected")
def rejected_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    proposal = _proposal(session, params)
    return {"proposal": proposal, "reason": proposal.rejection_reason or ""}


@mail_template("proposals/changes_requested")
def changes_requested_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """The playmaker's message, read from its audit event, and the edit link."""
    proposal = _proposal(session, params)
    event = session.get(AuditEvent, params["event_id"])
    message = (event.details or {}).get("message", "") if event is not None else ""
    return {"proposal": proposal, "message": message, "link": edit_link(proposal)}


@mail_template("proposals/merged")
def merged_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """To both proposers: ``role`` says whether this one's proposal was merged away or is the survivor."""
    proposal = _proposal(session, params)
    other = session.get(Proposal, params["other_id"])
    if other is None:
        raise MailObsolete("the other proposal no longer exists")
    survivor = other if params["role"] == "merged" else proposal
    return {
        "proposal": proposal,
        "other": other,
        "merged_away": params["role"] == "merged",
        "link": absolute_url("proposals.show", proposal_id=survivor.id),
    }
