"""Ballots: what a voter may choose, the rules of the round's ballot type, and casting.

One current ballot per voter is held twice over: the ``(round_id, voter_id)``
unique constraint, and a transaction that locks the voter's row before it
reads the ballot (``identity.voter_for_credential(lock=True)``, or
``lock_voter`` for paper ballots). Concurrent submissions of one link
therefore queue up: each one sees the ballot the previous one left, files it
as a ``BallotRevision`` and becomes the next version.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.communities.models import Community
from pb.db import utcnow
from pb.errors import DomainError
from pb.i18n import format_kroner
from pb.home.services import ballot_proposals
from pb.proposals.models import Proposal
from pb.rounds.models import BallotType, CommunityBudget, Round
from pb.rounds.phases import Action, require_phase
from pb.voting.models import Ballot, BallotChannel, BallotItem, BallotRevision, PendingPaperBallot, Voter

#: Points a voter distributes on a cumulative ballot when the round does not say.
DEFAULT_CUMULATIVE_POINTS = 10
#: Receipt codes use letters and digits nobody confuses (no 0/O, 1/I/L, U).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
RECEIPT_GROUPS = 3
RECEIPT_GROUP_LENGTH = 5

#: A voter's choices: proposal id -> points (1 for each chosen proposal on knapsack and approval ballots).
Choices = dict[int, int]


class BallotRefused(DomainError):
    """The choices break the ballot's rules; ``problems`` says how, one Danish sentence each."""

    status = 422

    def __init__(self, problems: list[Any]) -> None:
        super().__init__(" ".join(str(p) for p in problems))
        self.problems = problems


class ChannelConflict(DomainError):
    """A web ballot for a voter with a paper ballot, or the reverse."""

    status = 409


PAPER_FIRST = _l("Der er allerede registreret en stemme på papir for dig. Den kan ikke ændres her.")
ONLINE_FIRST = _l("Vælgeren har allerede stemt digitalt. En papirstemme kan ikke registreres.")


def has_pending_paper_ballot(session: Session, voter: Voter) -> bool:
    return session.scalar(select(PendingPaperBallot.id).where(PendingPaperBallot.voter_id == voter.id)) is not None


class ChoicesUnreadable(DomainError):
    """The form did not carry choices the ballot could have sent (e.g. an edited page)."""

    status = 400

    def __init__(self) -> None:
        super().__init__(_l("Stemmesedlen kunne ikke læses. Genindlæs siden, og vælg igen."))


@dataclass(frozen=True)
class BallotSheet:
    """Everything the ballot page shows a voter, and the rules their choices must meet."""

    round: Round
    community: Community
    proposals: list[Proposal]
    ballot_type: BallotType
    #: Community budget in whole kroner (knapsack ballots).
    budget: int | None
    #: How many proposals may be chosen (approval ballots).
    min_choices: int = 1
    max_choices: int = 1
    #: Points to distribute (cumulative ballots).
    points: int = DEFAULT_CUMULATIVE_POINTS
    proposal_ids: frozenset[int] = field(default=frozenset())

    @property
    def is_cumulative(self) -> bool:
        return self.ballot_type is BallotType.CUMULATIVE

    def cost_of(self, choices: Choices) -> int:
        return sum(p.cost for p in self.proposals if p.id in choices)

    def chosen(self, choices: Choices) -> list[tuple[Proposal, int]]:
        """The chosen proposals in ballot order, with their points."""
        return [(p, choices[p.id]) for p in self.proposals if p.id in choices]


def ballot_sheet(session: Session, voter: Voter) -> BallotSheet:
    """The ballot of the voter's community in the voter's round. Raises DomainError without a budget."""
    return community_sheet(session, voter.round, voter.community)


def community_sheet(session: Session, round_: Round, community: Community) -> BallotSheet:
    """The ballot of one community in one round. Raises DomainError without a budget."""
    proposals = ballot_proposals(session, round_, community)
    budget = session.scalar(
        select(CommunityBudget.amount).where(
            CommunityBudget.round_id == round_.id, CommunityBudget.community_id == community.id
        )
    )
    if round_.ballot_type is BallotType.KNAPSACK and budget is None:
        raise DomainError(_l("Dit lokalsamfund har endnu ikke fået et budget. Prøv igen senere."), status=503)
    min_choices = round_.approval_min_choices if round_.approval_min_choices is not None else 1
    max_choices = round_.approval_max_choices if round_.approval_max_choices is not None else len(proposals)
    return BallotSheet(
        round=round_,
        community=community,
        proposals=proposals,
        ballot_type=round_.ballot_type,
        budget=budget,
        min_choices=min_choices,
        max_choices=min(max_choices, len(proposals)),
        points=round_.cumulative_points or DEFAULT_CUMULATIVE_POINTS,
        proposal_ids=frozenset(p.id for p in proposals),
    )


def current_choices(session: Session, voter: Voter) -> Choices:
    """The choices on the ballot that counts now; empty when the voter has not voted."""
    ballot = current_ballot(session, voter)
    return {item.proposal_id: item.points for item in ballot.items} if ballot else {}


def current_ballot(session: Session, voter: Voter) -> Ballot | None:
    return session.scalar(
        select(Ballot).where(Ballot.round_id == voter.round_id, Ballot.voter_id == voter.id)
    )


def problems_with(sheet: BallotSheet, choices: Choices) -> list[Any]:
    """Every rule the choices break, as Danish sentences; empty when the ballot is valid."""
    if not set(choices) <= sheet.proposal_ids or any(points < 1 for points in choices.values()):
        raise ChoicesUnreadable()
    if sheet.ballot_type is BallotType.KNAPSACK:
        return _knapsack_problems(sheet, choices)
    if sheet.ballot_type is BallotType.APPROVAL:
        return _approval_problems(sheet, choices)
    return _cumulative_problems(sheet, choices)


def _knapsack_problems(sheet: BallotSheet, choices: Choices) -> list[Any]:
    if not choices:
        return [_l("Vælg mindst ét forslag.")]
    if any(points != 1 for points in choices.values()):
        raise ChoicesUnreadable()
    total, budget = sheet.cost_of(choices), sheet.budget or 0
    if total > budget:
        return [
            _l(
                "Dine valg koster %(total)s, men budgettet er kun %(budget)s, "
                "så fjern forslag for mindst %(over)s, og prøv igen.",
                total=format_kroner(total),
                budget=format_kroner(budget),
                over=format_kroner(total - budget),
            )
        ]
    return []


def _approval_problems(sheet: BallotSheet, choices: Choices) -> list[Any]:
    if any(points != 1 for points in choices.values()):
        raise ChoicesUnreadable()
    chosen = len(choices)
    if chosen < max(sheet.min_choices, 1):
        return [
            ngettext(
                "Vælg mindst %(num)d forslag.", "Vælg mindst %(num)d forslag.", max(sheet.min_choices, 1)
            )
        ]
    if chosen > sheet.max_choices:
        return [
            ngettext(
                "Du kan højst vælge %(num)d forslag. Du har valgt %(chosen)d.",
                "Du kan højst vælge %(num)d forslag. Du har valgt %(chosen)d.",
                sheet.max_choices,
                chosen=chosen,
            )
        ]
    return []


def _cumulative_problems(sheet: BallotSheet, choices: Choices) -> list[Any]:
    used = sum(choices.values())
    if used == 0:
        return [_l("Giv mindst 1 point til et forslag.")]
    if used > sheet.points:
        return [
            _l(
                "Du har fordelt %(used)d point, men du har kun %(points)d. Fjern %(over)d point.",
                used=used,
                points=sheet.points,
                over=used - sheet.points,
            )
        ]
    return []


def check_ballot(session: Session, voter: Voter, choices: Choices) -> BallotSheet:
    """The voter's sheet, if ``choices`` meet its rules. Raises BallotRefused or ChoicesUnreadable."""
    sheet = ballot_sheet(session, voter)
    problems = problems_with(sheet, choices)
    if problems:
        raise BallotRefused(problems)
    return sheet


def new_receipt_code() -> str:
    """A random code such as ``K7QMX-3XPAD-9TZCH`` (about 74 bits)."""
    groups = (
        "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_GROUP_LENGTH))
        for _ in range(RECEIPT_GROUPS)
    )
    return "-".join(groups)


def receipt_hash(code: str) -> str:
    """The sha256 hex of a receipt code exactly as shown: the voter id in the published ballot file."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CastBallot:
    voter: Voter
    ballot: Ballot
    #: The receipt code, shown once; only its hash is stored.
    receipt_code: str
    sheet: BallotSheet


def record_ballot(
    session: Session, voter: Voter, choices: Mapping[int, int], channel: BallotChannel
) -> CastBallot:
    """Make ``choices`` the voter's current ballot, keeping the one it replaces as a revision.

    The caller must hold the lock on the voter's row. Raises PhaseClosed,
    BallotRefused, ChoicesUnreadable or ChannelConflict.
    """
    action = Action.CAST_BALLOT if channel is BallotChannel.WEB else Action.ENTER_PAPER_BALLOT
    require_phase(voter.round, action)
    sheet = check_ballot(session, voter, dict(choices))
    ballot = current_ballot(session, voter)
    if ballot is not None and ballot.channel is not channel:
        raise ChannelConflict(PAPER_FIRST if ballot.channel is BallotChannel.PAPER else ONLINE_FIRST)
    if channel is BallotChannel.WEB and has_pending_paper_ballot(session, voter):
        raise ChannelConflict(PAPER_FIRST)
    code = new_receipt_code()
    now = utcnow()
    if ballot is None:
        ballot = Ballot(
            round_id=voter.round_id,
            voter_id=voter.id,
            community_id=voter.community_id,
            channel=channel,
            version=1,
            receipt_hash=receipt_hash(code),
            cast_at=now,
        )
        session.add(ballot)
    else:
        session.add(
            BallotRevision(
                ballot=ballot,
                version=ballot.version,
                channel=ballot.channel,
                items={str(item.proposal_id): item.points for item in ballot.items},
                cast_at=ballot.cast_at,
            )
        )
        ballot.items.clear()
        session.flush()  # the old items go before the new ones arrive (unique per ballot and proposal)
        ballot.version += 1
        ballot.receipt_hash = receipt_hash(code)
        ballot.cast_at = now
    ballot.items.extend(
        BallotItem(proposal_id=proposal.id, points=points) for proposal, points in sheet.chosen(dict(choices))
    )
    session.flush()
    return CastBallot(voter=voter, ballot=ballot, receipt_code=code, sheet=sheet)
