"""Residents' side of proposals: the public lists, submission with double opt-in, edits and withdrawal.

Every change asks ``require_phase`` first, is audited (``proposal.*``; the
actor is "proposer" for residents) and, where the proposer should hear about
it, enqueues a mail in the same transaction. Links are signed only when the
mail is rendered (``pb.proposals.mail``), never stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from pb.audit.services import record
from pb.emails import normalise_email
from pb.communities.models import Community
from pb.db import utcnow
from pb.errors import DomainError
from pb.mail.services import enqueue
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import Category, CommunityBudget, Phase, Round
from pb.rounds.phases import Action, require_phase
from pb.signing import LinkInvalid, Purpose, unsign

#: A proposal nobody confirmed is deleted this long after it was sent in (the confirmation link's age too).
CONFIRMATION_WINDOW = timedelta(days=7)
#: At most this many proposals per e-mail address per round.
MAX_PROPOSALS_PER_EMAIL = 5
#: What the proposer's actions are recorded as in the audit trail (never their e-mail address).
PROPOSER = "proposer"
#: The fields a proposer writes and may later change through the edit link.
CONTENT_FIELDS = ("title", "summary", "description", "estimated_cost", "category_id", "location")
#: The statuses in which a proposal is still in play (it may still reach, or be on, the ballot).
OPEN_STATUSES = frozenset({ProposalStatus.SUBMITTED, ProposalStatus.NEEDS_CHANGES, ProposalStatus.APPROVED})


class ProposalRefused(DomainError):
    """The proposal cannot be taken as written; ``field`` names the form field to put the message on."""

    status = 422

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# ---------------------------------------------------------------------------
# Reading: what the public sees
# ---------------------------------------------------------------------------


def public_proposals(
    session: Session, round_: Round, community: Community, category_id: int | None = None
) -> list[Proposal]:
    """The approved proposals of a community (later: its ballot), optionally of one category, by title."""
    query = (
        select(Proposal)
        .where(
            Proposal.round_id == round_.id,
            Proposal.community_id == community.id,
            Proposal.status == ProposalStatus.APPROVED,
        )
        .options(selectinload(Proposal.category))
        .order_by(Proposal.title, Proposal.id)
    )
    if category_id is not None:
        query = query.where(Proposal.category_id == category_id)
    return list(session.scalars(query))


def public_proposal(session: Session, proposal_id: int) -> Proposal | None:
    """A proposal the public may read: approved, or merged (its page points to the survivor)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.round.phase is Phase.DRAFT:
        return None
    if proposal.status not in (ProposalStatus.APPROVED, ProposalStatus.MERGED):
        return None
    return proposal


# ---------------------------------------------------------------------------
# Submission and double opt-in
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalContent:
    """The proposer-written fields (``CONTENT_FIELDS``), already parsed: a new proposal's, or an edit's."""

    title: str
    summary: str
    description: str
    estimated_cost: int
    category_id: int | None
    location: str | None


@dataclass(frozen=True)
class ProposalDraft:
    """What the submission form gathered, already parsed."""

    community: Community
    content: ProposalContent
    proposer_name: str
    proposer_email: str
    proposer_phone: str | None
    consent_to_publish: bool
    language: str = "da"


def community_budget(session: Session, round_: Round, community: Community) -> int | None:
    return session.scalar(
        select(CommunityBudget.amount).where(
            CommunityBudget.round_id == round_.id, CommunityBudget.community_id == community.id
        )
    )


def _check_cost_and_category(
    session: Session, round_: Round, community: Community, cost: int, category_id: int | None
) -> None:
    """Raise ProposalRefused when the cost is not within the community's budget or the category is foreign."""
    if cost <= 0:
        raise ProposalRefused(_l("Beløbet skal være mere end 0 kr."), "cost")
    budget = community_budget(session, round_, community)
    if budget is None:
        raise ProposalRefused(_l("Lokalsamfundet har ikke noget budget i denne runde."), "community")
    if cost > budget:
        from pb.i18n import format_kroner

        raise ProposalRefused(
            _l(
                "Forslaget må højst koste %(budget)s, som er hele budgettet i %(community)s.",
                budget=format_kroner(budget),
                community=community.name,
            ),
            "cost",
        )
    if category_id is not None and category_id not in {c.id for c in round_.categories}:
        raise ProposalRefused(_l("Vælg en af kategorierne på listen."), "category")
    if category_id is None and round_.categories:
        raise ProposalRefused(_l("Vælg den kategori, der passer bedst til forslaget."), "category")


def submit_proposal(session: Session, round_: Round, draft: ProposalDraft) -> Proposal:
    """Take a new proposal and mail its confirmation link; it waits for confirmation before review.

    Raises PhaseClosed outside the proposal phase, ProposalRefused for a cost
    above the budget, a foreign category or a sixth proposal from one address.
    """
    require_phase(round_, Action.SUBMIT_PROPOSAL)
    content = draft.content
    _check_cost_and_category(session, round_, draft.community, content.estimated_cost, content.category_id)
    email = normalise_email(draft.proposer_email)
    already = session.scalar(
        select(func.count(Proposal.id)).where(Proposal.round_id == round_.id, Proposal.proposer_email == email)
    ) or 0
    if already >= MAX_PROPOSALS_PER_EMAIL:
        raise ProposalRefused(
            _l(
                "Du har allerede indsendt %(count)s forslag i denne runde. Det er det højeste antal pr. e-mailadresse.",
                count=MAX_PROPOSALS_PER_EMAIL,
            ),
            "email",
        )
    proposal = Proposal(
        round=round_,
        community=draft.community,
        title=content.title,
        summary=content.summary,
        description=content.description,
        estimated_cost=content.estimated_cost,
        category_id=content.category_id,
        location=content.location or None,
        proposer_name=draft.proposer_name,
        proposer_email=email,
        proposer_phone=draft.proposer_phone or None,
        consent_to_publish=draft.consent_to_publish,
        status=ProposalStatus.SUBMITTED,
        language=draft.language,
    )
    session.add(proposal)
    session.flush()
    record(
        session, "proposal.submit", actor_label=PROPOSER, obj=proposal,
        details={"after": content_of(proposal) | {"community": draft.community.slug}},
    )
    tell_proposer(session, proposal, "confirmation", dedup_key=f"proposal-confirmation:{proposal.id}")
    return proposal


def tell_proposer(session: Session, proposal: Proposal, template: str, dedup_key: str | None = None, **params: Any) -> None:
    """Queue mail ``templates/proposals/mail/<template>`` to the proposer, in the language they wrote in."""
    enqueue(
        session,
        to=proposal.proposer_email,
        purpose=f"proposal_{template}",
        template=f"proposals/{template}",
        params={"proposal_id": proposal.id, **params},
        language=proposal.language,
        dedup_key=dedup_key,
    )


def proposal_from_link(session: Session, purpose: Purpose, token: str) -> Proposal:
    """The proposal a signed link points to. Raises LinkInvalid/LinkExpired, or LinkInvalid when it is gone."""
    payload = unsign(purpose, token)
    proposal_id = payload.get("proposal")
    proposal = session.get(Proposal, proposal_id) if isinstance(proposal_id, int) else None
    if proposal is None:
        raise LinkInvalid(
            _l("Forslaget findes ikke længere. Et forslag, der ikke bliver bekræftet inden 7 dage, bliver slettet.")
        )
    return proposal


def confirm_proposal(session: Session, proposal: Proposal) -> bool:
    """Put a proposal in the moderation queue; True the first time, False when it was already confirmed.

    Raises PhaseClosed once the round has moved past review.
    """
    if proposal.confirmed_at is not None:
        return False
    require_phase(proposal.round, Action.CONFIRM_PROPOSAL)
    proposal.confirmed_at = utcnow()
    record(session, "proposal.confirm", actor_label=PROPOSER, obj=proposal)
    tell_proposer(session, proposal, "received", dedup_key=f"proposal-received:{proposal.id}")
    return True


def expire_unconfirmed(session: Session, now: datetime | None = None) -> int:
    """Delete the proposals nobody confirmed within 7 days, with their personal data; return how many."""
    cutoff = (now or utcnow()) - CONFIRMATION_WINDOW
    stale = list(
        session.scalars(select(Proposal.id).where(Proposal.confirmed_at.is_(None), Proposal.created_at < cutoff))
    )
    if stale:
        session.execute(delete(Proposal).where(Proposal.id.in_(stale)))
        record(session, "proposal.expire", actor_label="system", details={"proposals": stale})
    return len(stale)


# ---------------------------------------------------------------------------
# The proposer's edit link: changes asked for, and withdrawal
# ---------------------------------------------------------------------------


def content_of(proposal: Proposal) -> dict[str, Any]:
    """The proposer-written fields as plain values, for before/after diffs."""
    return {name: getattr(proposal, name) for name in CONTENT_FIELDS}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"before": {...}, "after": {...}}`` holding only the fields that changed."""
    changed = [key for key in after if before.get(key) != after.get(key)]
    return {"before": {k: before.get(k) for k in changed}, "after": {k: after[k] for k in changed}}


def can_edit(proposal: Proposal) -> bool:
    return proposal.status is ProposalStatus.NEEDS_CHANGES


def can_withdraw(proposal: Proposal) -> bool:
    return proposal.status in OPEN_STATUSES and proposal.round.phase in (Phase.PROPOSALS, Phase.REVIEW)


def edit_proposal(session: Session, proposal: Proposal, change: ProposalContent) -> None:
    """Apply the proposer's changes and send the proposal back to the queue, recording a before/after diff.

    Raises PhaseClosed once voting is near, DomainError unless changes were asked for,
    ProposalRefused for a cost above the budget or a foreign category.
    """
    require_phase(proposal.round, Action.EDIT_PROPOSAL)
    if not can_edit(proposal):
        raise DomainError(_l("Forslaget kan kun rettes, når en playmaker har bedt om det."))
    _check_cost_and_category(session, proposal.round, proposal.community, change.estimated_cost, change.category_id)
    before = content_of(proposal)
    for name in CONTENT_FIELDS:
        setattr(proposal, name, getattr(change, name) or (None if name == "location" else getattr(change, name)))
    proposal.status = ProposalStatus.SUBMITTED
    record(
        session, "proposal.edit", actor_label=PROPOSER, obj=proposal,
        details=diff(before, content_of(proposal)) | {"status": ["needs_changes", "submitted"]},
    )


def withdraw_proposal(session: Session, proposal: Proposal) -> None:
    """Take a proposal out of the round for good. Raises PhaseClosed once voting opens, DomainError when closed."""
    require_phase(proposal.round, Action.WITHDRAW_PROPOSAL)
    if proposal.status not in OPEN_STATUSES:
        raise DomainError(_l("Forslaget er allerede afgjort og kan ikke trækkes tilbage."))
    before = proposal.status
    proposal.status = ProposalStatus.WITHDRAWN
    record(
        session, "proposal.withdraw", actor_label=PROPOSER, obj=proposal,
        details={"status": [before.value, ProposalStatus.WITHDRAWN.value]},
    )


def category_choices(round_: Round) -> list[Category]:
    return list(round_.categories)
