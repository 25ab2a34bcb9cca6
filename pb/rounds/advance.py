"""Moving a round's phase: the one service, its checks and its audit event.

``Round.phase`` is the truth. Only forward moves are allowed, one phase at a
time (the review phase may be skipped). Opening voting has checks that an
official must confirm: a community without an approved proposal or without a
budget, and proposals still waiting for moderation. The checks come back as
data (Danish sentences), so the web page and the CLI show the same thing;
``advance_phase`` refuses with ``NeedsConfirmation`` until ``confirm=True``.
When voting opens, the round's tie-break seed is drawn.
"""
from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.communities.models import Community
from pb.errors import DomainError, NotAllowed
from pb.proposals.models import Proposal, ProposalStatus
from pb.results.models import Result
from pb.rounds.models import CommunityBudget, Phase, Round

if TYPE_CHECKING:
    from pb.auth.models import StaffUser

#: Where each phase may go next. Skipping review suits a round whose playmakers moderate as proposals come in.
NEXT_PHASES: dict[Phase, tuple[Phase, ...]] = {
    Phase.DRAFT: (Phase.PROPOSALS,),
    Phase.PROPOSALS: (Phase.REVIEW, Phase.VOTING),
    Phase.REVIEW: (Phase.VOTING,),
    Phase.VOTING: (Phase.TALLYING,),
    Phase.TALLYING: (Phase.PUBLISHED,),
    Phase.PUBLISHED: (Phase.ARCHIVED,),
    Phase.ARCHIVED: (),
}

#: The largest seed the solver's shuffle and the integer column both take.
SEED_LIMIT = 2**31


#: Proposals not yet approved or refused when voting opens: they will not be on the ballot.
UNFINISHED_PROPOSALS: tuple[tuple[ProposalStatus, Callable[[int], Any]], ...] = (
    (
        ProposalStatus.SUBMITTED,
        lambda n: _l("%(count)s forslag venter stadig på at blive behandlet. De kommer ikke på stemmesedlen.", count=n),
    ),
    (
        ProposalStatus.NEEDS_CHANGES,
        lambda n: _l(
            "%(count)s forslag venter på rettelser fra forslagsstilleren. De kommer ikke på stemmesedlen.", count=n
        ),
    ),
)


class PhaseMoveRefused(DomainError):
    """The move is not allowed at all (backwards, a skip, or from the last phase)."""

    status = 409


class NeedsConfirmation(DomainError):
    """The move has warnings an official must confirm first; ``warnings`` lists them in Danish."""

    status = 409

    def __init__(self, warnings: list[Any]) -> None:
        super().__init__(_l("Bekræft flytningen: %(warnings)s", warnings=" ".join(str(w) for w in warnings)))
        self.warnings = warnings


def _phase_name(phase: Phase) -> Any:
    from pb.labels import PHASE_NAMES

    return PHASE_NAMES[phase]


def check_phase_move(session: Session, round_: Round, to: Phase) -> list[Any]:
    """The warnings an official must confirm before moving ``round_`` to ``to`` (empty: none).

    Raises PhaseMoveRefused when the move is not allowed, saying which moves are.
    """
    allowed = NEXT_PHASES[round_.phase]
    if to not in allowed:
        current = _phase_name(round_.phase)
        if not allowed:
            raise PhaseMoveRefused(_l("Runden er i fasen %(phase)s og kan ikke flyttes videre.", phase=current))
        names = ", ".join(str(_phase_name(p)) for p in allowed)
        raise PhaseMoveRefused(
            _l(
                "Runden er i fasen %(phase)s. Den kan kun flyttes frem, til: %(allowed)s.",
                phase=current, allowed=names,
            )
        )
    if to is Phase.PUBLISHED and session.scalar(select(Result.id).where(Result.round_id == round_.id).limit(1)) is None:
        raise PhaseMoveRefused(_l("Resultatet kan først offentliggøres, når stemmerne er talt op."))
    if to is Phase.VOTING:
        return _voting_warnings(session, round_)
    return []


def _voting_warnings(session: Session, round_: Round) -> list[Any]:
    warnings: list[Any] = []
    for status, warning in UNFINISHED_PROPOSALS:
        count = _count(session, round_, status)
        if count:
            warnings.append(warning(count))
    budgeted = select(CommunityBudget.community_id).where(CommunityBudget.round_id == round_.id)
    with_approved = select(Proposal.community_id).where(
        Proposal.round_id == round_.id, Proposal.status == ProposalStatus.APPROVED
    )
    empty = list(
        session.scalars(
            select(Community.name)
            .where(Community.id.in_(budgeted), Community.id.not_in(with_approved))
            .order_by(Community.name)
        )
    )
    if empty:
        warnings.append(
            _l("Disse lokalsamfund har ingen godkendte forslag at stemme om: %(names)s.", names=", ".join(empty))
        )
    if not session.scalar(select(func.count(CommunityBudget.id)).where(CommunityBudget.round_id == round_.id)):
        warnings.append(_l("Runden har ingen budgetter endnu."))
    return warnings


def _count(session: Session, round_: Round, status: ProposalStatus) -> int:
    return session.scalar(
        select(func.count(Proposal.id)).where(Proposal.round_id == round_.id, Proposal.status == status)
    ) or 0


def advance_phase(
    session: Session,
    round_: Round,
    to: Phase,
    *,
    actor: StaffUser | None,
    confirm: bool = False,
    actor_label: str | None = None,
) -> list[Any]:
    """Move ``round_`` forward to ``to``, audited; returns the warnings that were confirmed.

    ``actor`` is the official doing it (None for the CLI, named by
    ``actor_label``). Raises NotAllowed for a playmaker, PhaseMoveRefused for a
    move that is not allowed, and NeedsConfirmation while there are warnings
    and ``confirm`` is false. Opening voting draws ``Round.tie_break_seed``.
    """
    if actor is not None and not actor.is_official:
        raise NotAllowed(_l("Kun kommunens medarbejdere kan flytte rundens fase."))
    warnings = check_phase_move(session, round_, to)
    if warnings and not confirm:
        raise NeedsConfirmation(warnings)
    before = round_.phase
    round_.phase = to
    after: dict[str, Any] = {"phase": to.value}
    if to is Phase.VOTING and round_.tie_break_seed is None:
        round_.tie_break_seed = secrets.randbelow(SEED_LIMIT)
        after["tie_break_seed"] = round_.tie_break_seed
    session.flush()
    record(
        session, "round.advance_phase", actor=actor, actor_label=actor_label, obj=round_,
        details={
            "before": {"phase": before.value},
            "after": after,
            "confirmed_warnings": [str(w) for w in warnings],
        },
    )
    return warnings
