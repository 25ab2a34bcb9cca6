"""Invitations and reminders: queued in bulk, each at most once (the outbox's dedup keys see to it).

An invitation goes once to every voter on the roll with an address. A reminder
goes to invited voters who have not voted, at most once per wave; a wave is
named by the official (by default the day it is sent), so running the same
wave twice adds nothing. Whether a reminder still makes sense, and whether the
voter opened their link without voting, is decided when the mail is sent.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, select, update
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.models import StaffUser
from pb.db import utcnow
from pb.mail.services import enqueue_many
from pb.rounds.models import Round
from pb.rounds.phases import Action, require_phase
from pb.voting.models import Ballot, Voter, VoterSource

#: Voters handled per batch (one INSERT of outbox rows, one UPDATE of voters).
BATCH = 1000
DANISH_TIME = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class MailingReport:
    #: Messages added to the outbox now (a repeat adds none).
    queued: int
    #: Voters the run looked at.
    considered: int


def default_wave(now: datetime | None = None) -> str:
    """Today's date in Denmark: the wave a reminder run belongs to unless the official names one."""
    return (now or utcnow()).astimezone(DANISH_TIME).date().isoformat()


def _queue_for(
    session: Session,
    query: Select[Any],
    purpose: str,
    language: str,
    extra: dict[str, Any],
    dedup_suffix: str = "",
    after_batch: Callable[[list[int]], None] | None = None,
) -> MailingReport:
    """Queue one ``voting/<purpose>`` mail per voter the query finds, in batches.

    The dedup key ``<purpose>:<voter id><dedup_suffix>`` makes a repeat add nothing.
    """
    rows = [(row.id, row.email) for row in session.execute(query)]
    queued = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        queued += enqueue_many(
            session,
            (
                {
                    "to": email,
                    "purpose": purpose,
                    "template": f"voting/{purpose}",
                    "params": {"voter_id": voter_id, **extra},
                    "language": language,
                    "dedup_key": f"{purpose}:{voter_id}{dedup_suffix}",
                }
                for voter_id, email in batch
            ),
        )
        if after_batch is not None:
            after_batch([voter_id for voter_id, _ in batch])
    return MailingReport(queued=queued, considered=len(rows))


def send_invitations(
    session: Session, round_: Round, *, language: str = "da", actor: StaffUser | None = None, actor_label: str | None = None
) -> MailingReport:
    """Queue an invitation for every voter of the round not invited yet. Audited. Raises PhaseClosed."""
    require_phase(round_, Action.SEND_INVITATIONS)
    query = (
        select(Voter.id, Voter.email)
        .where(Voter.round_id == round_.id, Voter.invited_at.is_(None), Voter.source != VoterSource.PAPER)
        .order_by(Voter.id)
    )

    def mark_invited(voter_ids: list[int]) -> None:
        session.execute(update(Voter).where(Voter.id.in_(voter_ids)).values(invited_at=utcnow()))

    report = _queue_for(session, query, "invitation", language, {}, after_batch=mark_invited)
    record(session, "voters.invited", actor=actor, actor_label=actor_label, obj=round_,
           details={"queued": report.queued, "considered": report.considered})
    session.flush()
    return report


def send_reminders(
    session: Session,
    round_: Round,
    *,
    wave: str | None = None,
    language: str = "da",
    actor: StaffUser | None = None,
    actor_label: str | None = None,
) -> MailingReport:
    """Queue one reminder per invited voter without a ballot, once per ``wave``. Audited. Raises PhaseClosed."""
    require_phase(round_, Action.SEND_REMINDERS)
    wave = (wave or default_wave()).strip()[:40]
    has_ballot = exists().where(Ballot.voter_id == Voter.id, Ballot.round_id == round_.id)
    query = (
        select(Voter.id, Voter.email)
        .where(Voter.round_id == round_.id, Voter.invited_at.is_not(None), ~has_ballot)
        .order_by(Voter.id)
    )
    report = _queue_for(session, query, "reminder", language, {"wave": wave}, dedup_suffix=f":{wave}")
    record(session, "voters.reminded", actor=actor, actor_label=actor_label, obj=round_,
           details={"queued": report.queued, "considered": report.considered, "wave": wave})
    session.flush()
    return report
