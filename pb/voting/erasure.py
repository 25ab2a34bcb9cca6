"""Erasing a finished round's voter personal data.

Once a round is archived, an official may erase its voters' e-mail, name,
birth year and address, and the voting mails to them in the outbox (which
hold their addresses and receipt codes). Ballots stay, and stay countable:
the published files identify a ballot by its receipt hash, never by a voter.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.models import StaffUser
from pb.errors import NotAllowed
from pb.mail.models import OutboundEmail
from pb.rounds.models import Round
from pb.rounds.phases import Action, require_phase
from pb.voting.models import PendingPaperBallot, Voter


def erase_voter_data(session: Session, round_: Round, actor: StaffUser) -> int:
    """Erase the personal data of every voter of the archived round; returns how many voters. Audited.

    Raises NotAllowed (not an official) or PhaseClosed (not archived).
    """
    if not actor.is_official:
        raise NotAllowed(_l("Kun kommunens medarbejdere kan slette vælgernes persondata."))
    require_phase(round_, Action.ERASE_VOTER_DATA)
    in_round = select(Voter.email).where(Voter.round_id == round_.id, Voter.email.is_not(None))
    mails = session.execute(
        delete(OutboundEmail).where(OutboundEmail.template.like("voting/%"), OutboundEmail.recipient.in_(in_round))
    ).rowcount
    session.execute(delete(PendingPaperBallot).where(PendingPaperBallot.voter_id.in_(select(Voter.id).where(Voter.round_id == round_.id))))
    voters = session.scalar(select(func.count()).select_from(Voter).where(Voter.round_id == round_.id)) or 0
    session.execute(
        update(Voter)
        .where(Voter.round_id == round_.id)
        .values(email=None, name=None, birth_year=None, address=None)
    )
    record(session, "voters.erased", actor=actor, obj=round_, details={"voters": voters, "mails_deleted": mails})
    session.flush()
    return voters
