"""Playmakers' and officials' work on proposals: the queue, the history, and every moderation action.

Each action checks, in this order: the staff user's scope (``NotAllowed``,
403), the round's phase (``PhaseClosed``), the proposal's status
(``DomainError``). It then changes the proposal, records one audit event
with a before/after summary, and queues the proposer's mail.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pb.audit.models import AuditEvent
from pb.audit.services import record
from pb.communities.models import Community
from pb.errors import DomainError, NotAllowed
from pb.proposals.models import Proposal, ProposalStatus
from pb.proposals.services import OPEN_STATUSES, community_budget, diff, tell_proposer
from pb.rounds.models import Round
from pb.rounds.phases import Action, PhaseClosed, require_phase
from pb.auth.access import can_access_community
from pb.auth.models import StaffUser

#: The statuses a playmaker still has to act on, oldest first in the queue.
WAITING = (ProposalStatus.SUBMITTED,)


class WrongStatus(DomainError):
    """The proposal's status does not allow the action (e.g. approving a withdrawn one)."""


def require_access(user: StaffUser, proposal: Proposal) -> None:
    """Raise NotAllowed unless the user may act on the proposal's community."""
    if not can_access_community(user, proposal.community):
        raise NotAllowed(_l("Du kan kun behandle forslag fra dine egne lokalsamfund."))


def _require_status(proposal: Proposal, allowed: Iterable[ProposalStatus]) -> None:
    if proposal.status not in allowed:
        raise WrongStatus(_l("Det kan ikke lade sig gøre for et forslag med status »%(status)s«.", status=_status_name(proposal.status)))


def _status_name(status: ProposalStatus) -> str:
    from pb.labels import PROPOSAL_STATUS_NAMES

    return str(PROPOSAL_STATUS_NAMES[status])


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    community_id: int | None = None
    status: ProposalStatus | None = None
    category_id: int | None = None


@dataclass(frozen=True)
class Queue:
    proposals: list[Proposal]
    counts: dict[ProposalStatus, int]
    communities: list[Community]


def scope_communities(session: Session, user: StaffUser) -> list[Community]:
    if not user.is_official:
        return list(user.communities)
    return list(session.scalars(select(Community).order_by(Community.name)))


def moderation_queue(session: Session, user: StaffUser, round_: Round, wanted: QueueFilter) -> Queue:
    """Confirmed proposals in the user's communities, waiting ones first, each group oldest first."""
    communities = scope_communities(session, user)
    ids = [c.id for c in communities]
    if wanted.community_id is not None:
        ids = [i for i in ids if i == wanted.community_id]
    base = [Proposal.round_id == round_.id, Proposal.community_id.in_(ids), Proposal.confirmed_at.isnot(None)]
    if wanted.category_id is not None:
        base.append(Proposal.category_id == wanted.category_id)
    rows = session.execute(select(Proposal.status, func.count(Proposal.id)).where(*base).group_by(Proposal.status))
    counts = {status: count for status, count in rows}
    query = select(Proposal).where(*base).options(selectinload(Proposal.community), selectinload(Proposal.category))
    if wanted.status is not None:
        query = query.where(Proposal.status == wanted.status)
    proposals = sorted(
        session.scalars(query),
        key=lambda p: (p.status not in WAITING, p.updated_at if p.status in WAITING else p.created_at, p.id),
    )
    return Queue(proposals, counts, communities)


def history(session: Session, proposal: Proposal) -> list[AuditEvent]:
    """Every audited event of the proposal, oldest first: status changes and edits with their diffs."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "Proposal", AuditEvent.object_id == str(proposal.id))
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )


def merge_targets(session: Session, proposal: Proposal) -> list[Proposal]:
    """The proposals of the same community and round that this one may be merged into."""
    return list(
        session.scalars(
            select(Proposal)
            .where(
                Proposal.round_id == proposal.round_id,
                Proposal.community_id == proposal.community_id,
                Proposal.id != proposal.id,
                Proposal.status.in_(OPEN_STATUSES),
                Proposal.confirmed_at.isnot(None),
            )
            .order_by(Proposal.title)
        )
    )


# ---------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------


def _require_phase(proposal: Proposal, action: Action) -> None:
    """As ``require_phase``, but a forbidden action is a 403 for staff, as a foreign community is."""
    try:
        require_phase(proposal.round, action)
    except PhaseClosed as error:
        error.status = 403
        raise


def _start(user: StaffUser, proposal: Proposal, action: Action = Action.MODERATE_PROPOSAL) -> None:
    require_access(user, proposal)
    _require_phase(proposal, action)
    if proposal.confirmed_at is None:
        raise WrongStatus(_l("Forslaget er ikke bekræftet af forslagsstilleren endnu."))


def _move(proposal: Proposal, to: ProposalStatus, **details: Any) -> dict[str, Any]:
    """Change the status; the audit details of the change (each caller records its own action by name)."""
    before = proposal.status
    proposal.status = to
    return {"status": [before.value, to.value], **details}


def approve(session: Session, user: StaffUser, proposal: Proposal) -> None:
    """Put the proposal on the ballot and tell the proposer."""
    _start(user, proposal)
    _require_status(proposal, (ProposalStatus.SUBMITTED, ProposalStatus.NEEDS_CHANGES, ProposalStatus.REJECTED))
    proposal.rejection_reason = None
    record(session, "proposal.approve", actor=user, obj=proposal, details=_move(proposal, ProposalStatus.APPROVED))
    tell_proposer(session, proposal, "approved")


def bulk_approve(session: Session, user: StaffUser, proposals: list[Proposal]) -> int:
    """Approve every waiting proposal among ``proposals``; all or none (any refusal raises)."""
    for proposal in proposals:
        approve(session, user, proposal)
    return len(proposals)


def reject(session: Session, user: StaffUser, proposal: Proposal, reason: str) -> None:
    """Keep the proposal off the ballot; the reason is required and mailed to the proposer."""
    _start(user, proposal)
    _require_status(proposal, (ProposalStatus.SUBMITTED, ProposalStatus.NEEDS_CHANGES, ProposalStatus.APPROVED))
    if not reason.strip():
        raise DomainError(_l("Skriv en begrundelse. Den bliver sendt til forslagsstilleren."), status=422)
    proposal.rejection_reason = reason.strip()
    record(
        session, "proposal.reject", actor=user, obj=proposal,
        details=_move(proposal, ProposalStatus.REJECTED, reason=proposal.rejection_reason),
    )
    tell_proposer(session, proposal, "rejected")


def request_changes(session: Session, user: StaffUser, proposal: Proposal, message: str) -> None:
    """Ask the proposer to change the proposal; they get the message and their edit link."""
    _start(user, proposal)
    _require_status(proposal, (ProposalStatus.SUBMITTED, ProposalStatus.APPROVED, ProposalStatus.NEEDS_CHANGES))
    if not message.strip():
        raise DomainError(_l("Skriv, hvad forslagsstilleren skal rette."), status=422)
    event = record(
        session, "proposal.request_changes", actor=user, obj=proposal,
        details=_move(proposal, ProposalStatus.NEEDS_CHANGES, message=message.strip()),
    )
    session.flush()
    # The mail reads the message from the audit event: what a playmaker writes may hold a link, and params may not.
    tell_proposer(session, proposal, "changes_requested", event_id=event.id)


def set_final_cost(session: Session, user: StaffUser, proposal: Proposal, amount: int, note: str) -> None:
    """Set the cost after a feasibility check; the proposer's estimate is kept, and a note is required."""
    _start(user, proposal)
    _require_status(proposal, OPEN_STATUSES)
    if not note.strip():
        raise DomainError(_l("Skriv en note om, hvorfor prisen er ændret."), status=422)
    if amount <= 0:
        raise DomainError(_l("Prisen skal være mere end 0 kr."), status=422)
    budget = community_budget(session, proposal.round, proposal.community)
    if budget is not None and amount > budget:
        raise DomainError(_l("Prisen må højst være lokalsamfundets budget."), status=422)
    before = {"final_cost": proposal.final_cost, "final_cost_note": proposal.final_cost_note}
    proposal.final_cost = amount
    proposal.final_cost_note = note.strip()
    record(
        session, "proposal.set_final_cost", actor=user, obj=proposal,
        details={
            "before": before,
            "after": {"final_cost": amount, "final_cost_note": proposal.final_cost_note},
            "estimated_cost": proposal.estimated_cost,
        },
    )


def merge(session: Session, user: StaffUser, proposal: Proposal, into: Proposal) -> None:
    """Fold ``proposal`` into ``into`` (same community and round); both proposers are told."""
    _start(user, proposal)
    require_access(user, into)
    _require_status(proposal, OPEN_STATUSES)
    if into.id == proposal.id:
        raise DomainError(_l("Et forslag kan ikke lægges sammen med sig selv."), status=422)
    if into.round_id != proposal.round_id or into.community_id != proposal.community_id:
        raise DomainError(_l("Forslag kan kun lægges sammen med et forslag fra samme lokalsamfund."), status=422)
    if into.status not in OPEN_STATUSES or into.confirmed_at is None:
        raise WrongStatus(_l("Forslaget »%(title)s« er ikke længere med i runden.", title=into.title))
    proposal.merged_into = into
    record(
        session, "proposal.merge", actor=user, obj=proposal,
        details=_move(proposal, ProposalStatus.MERGED, into=into.id, into_title=into.title),
    )
    record(session, "proposal.absorb", actor=user, obj=into, details={"merged": proposal.id, "merged_title": proposal.title})
    tell_proposer(session, proposal, "merged", role="merged", other_id=into.id)
    tell_proposer(session, into, "merged", role="survivor", other_id=proposal.id)


@dataclass(frozen=True)
class Correction:
    title: str
    summary: str
    description: str
    location: str | None


def correct(session: Session, user: StaffUser, proposal: Proposal, correction: Correction) -> None:
    """Fix typos in the proposer's words; the before/after diff is audited."""
    _start(user, proposal)
    fields = ("title", "summary", "description", "location")
    before = {name: getattr(proposal, name) for name in fields}
    for name in fields:
        setattr(proposal, name, getattr(correction, name) or (None if name == "location" else getattr(correction, name)))
    change = diff(before, {name: getattr(proposal, name) for name in fields})
    if change["after"]:
        record(session, "proposal.correct", actor=user, obj=proposal, details=change)


def set_constraints(session: Session, user: StaffUser, proposal: Proposal, exclusive_group: str | None, must_fund: bool) -> None:
    """Mark the proposal as excluding others of the same group (e.g. one site) and/or as must-fund."""
    require_access(user, proposal)
    _require_phase(proposal, Action.MARK_CONSTRAINTS)
    before = {"exclusive_group": proposal.exclusive_group, "must_fund": proposal.must_fund}
    proposal.exclusive_group = (exclusive_group or "").strip() or None
    proposal.must_fund = must_fund
    change = diff(before, {"exclusive_group": proposal.exclusive_group, "must_fund": proposal.must_fund})
    if change["after"]:
        record(session, "proposal.constraints", actor=user, obj=proposal, details=change)


def exclusive_groups(session: Session, round_: Round, community: Community) -> list[str]:
    """The group labels already used in a community, to offer them again."""
    return list(
        session.scalars(
            select(Proposal.exclusive_group)
            .where(Proposal.round_id == round_.id, Proposal.community_id == community.id, Proposal.exclusive_group.isnot(None))
            .distinct()
            .order_by(Proposal.exclusive_group)
        )
    )
