"""Paper ballots: a playmaker enters them one by one, for their own communities, as full ballots.

A paper ballot is for a voter on the roll (found by e-mail) or for a new paper
voter (name and address, source ``paper``). It is refused when that voter has
voted online, and an online vote is refused after it. With the round's
four-eyes setting, the entry waits as a ``PendingPaperBallot`` until another
staff user confirms it; only then does it become a ``Ballot`` and count.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.access import can_access_community
from pb.auth.models import StaffUser
from pb.auth.services import normalise_email
from pb.communities.models import Community
from pb.errors import DomainError, NotAllowed
from pb.rounds.models import Round
from pb.rounds.phases import Action, require_phase
from pb.voting.ballots import (
    ONLINE_FIRST,
    ChannelConflict,
    Choices,
    check_ballot,
    current_ballot,
    has_pending_paper_ballot,
    record_ballot,
)
from pb.voting.models import BallotChannel, PendingPaperBallot, Voter, VoterSource


@dataclass(frozen=True)
class PaperVoter:
    """Who a paper ballot belongs to: an e-mail on the roll, or a new voter's name and address."""

    email: str | None = None
    name: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class PaperEntry:
    voter: Voter
    #: True when the ballot waits for a second person's confirmation.
    pending: bool


def _require_scope(user: StaffUser, community: Community) -> None:
    if not can_access_community(user, community):
        raise NotAllowed(_l("Du kan kun indtaste papirstemmer for dine egne lokalsamfund."))


def _lock(session: Session, voter: Voter) -> Voter:
    return session.scalar(
        select(Voter).where(Voter.id == voter.id).with_for_update().execution_options(populate_existing=True)
    )


def _paper_voter(session: Session, round_: Round, community: Community, who: PaperVoter) -> Voter:
    if who.email:
        voter = session.scalar(
            select(Voter).where(Voter.round_id == round_.id, Voter.email == normalise_email(who.email))
        )
        if voter is None:
            raise DomainError(_l("Der er ingen vælger med den e-mailadresse i runden."), status=422)
        if voter.community_id != community.id:
            raise DomainError(
                _l("Vælgeren står på vælgerlisten i %(community)s, ikke her.", community=voter.community.name),
                status=422,
            )
        return _lock(session, voter)
    if not (who.name and who.address):
        raise DomainError(_l("Skriv vælgerens e-mailadresse, eller navn og adresse for en ny papirvælger."), status=422)
    voter = Voter(
        round_id=round_.id,
        community_id=community.id,
        email=None,
        name=who.name.strip()[:120],
        address=who.address.strip()[:200],
        source=VoterSource.PAPER,
    )
    session.add(voter)
    session.flush()
    return voter


def enter_paper_ballot(
    session: Session, round_: Round, community: Community, who: PaperVoter, choices: Mapping[int, int], actor: StaffUser
) -> PaperEntry:
    """Enter one paper ballot. Audited.

    Raises NotAllowed, PhaseClosed, DomainError (unknown voter), BallotRefused or ChannelConflict.
    """
    _require_scope(actor, community)
    require_phase(round_, Action.ENTER_PAPER_BALLOT)
    voter = _paper_voter(session, round_, community, who)
    if has_pending_paper_ballot(session, voter):
        raise ChannelConflict(_l("Der venter allerede en papirstemme for denne vælger på at blive godkendt."))
    if round_.paper_four_eyes:
        check_ballot(session, voter, dict(choices))
        ballot = current_ballot(session, voter)
        if ballot is not None and ballot.channel is BallotChannel.WEB:
            raise ChannelConflict(ONLINE_FIRST)
        session.add(
            PendingPaperBallot(
                voter_id=voter.id, items={str(k): v for k, v in choices.items()}, entered_by_id=actor.id
            )
        )
    else:
        record_ballot(session, voter, choices, BallotChannel.PAPER)
    record(
        session,
        "ballot.paper_entered",
        actor=actor,
        obj=voter,
        details={"community": community.slug, "new_paper_voter": voter.source is VoterSource.PAPER,
                 "awaits_confirmation": round_.paper_four_eyes},
    )
    session.flush()
    return PaperEntry(voter=voter, pending=round_.paper_four_eyes)


def pending_paper_ballots(session: Session, round_: Round, user: StaffUser) -> list[PendingPaperBallot]:
    """Paper ballots waiting for confirmation in the communities ``user`` may reach."""
    pending = session.scalars(
        select(PendingPaperBallot)
        .join(Voter, Voter.id == PendingPaperBallot.voter_id)
        .where(Voter.round_id == round_.id)
        .order_by(PendingPaperBallot.entered_at)
    )
    return [p for p in pending if can_access_community(user, p.voter.community)]


def confirm_paper_ballot(session: Session, pending_id: int, actor: StaffUser) -> Voter:
    """A second person confirms a pending paper ballot, which then counts. Audited.

    Raises NotAllowed (the same person, or out of scope), PhaseClosed, BallotRefused, ChannelConflict.
    """
    pending = session.get(PendingPaperBallot, pending_id)
    if pending is None:
        raise DomainError(_l("Papirstemmen er allerede godkendt eller afvist."), status=404)
    voter = _lock(session, pending.voter)
    _require_scope(actor, voter.community)
    if pending.entered_by_id == actor.id:
        raise NotAllowed(_l("En anden end den, der indtastede papirstemmen, skal godkende den."))
    choices: Choices = {int(k): v for k, v in pending.items.items()}
    session.delete(pending)
    session.flush()
    record_ballot(session, voter, choices, BallotChannel.PAPER)
    record(session, "ballot.paper_confirmed", actor=actor, obj=voter, details={"entered_by": pending.entered_by_id})
    session.flush()
    return voter


def reject_paper_ballot(session: Session, pending_id: int, actor: StaffUser) -> None:
    """Discard a pending paper ballot (e.g. it was entered wrongly). Audited."""
    pending = session.get(PendingPaperBallot, pending_id)
    if pending is None:
        raise DomainError(_l("Papirstemmen er allerede godkendt eller afvist."), status=404)
    _require_scope(actor, pending.voter.community)
    record(session, "ballot.paper_rejected", actor=actor, obj=pending.voter, details={"entered_by": pending.entered_by_id})
    session.delete(pending)
    session.flush()


def set_four_eyes(session: Session, round_: Round, required: bool, actor: StaffUser) -> None:
    """Switch the four-eyes rule for paper ballots on or off. Audited."""
    if not actor.is_official:
        raise NotAllowed(_l("Kun kommunens medarbejdere kan ændre denne indstilling."))
    before = round_.paper_four_eyes
    round_.paper_four_eyes = required
    record(session, "round.paper_four_eyes", actor=actor, obj=round_, details={"before": before, "after": required})
    session.flush()
