"""What the ballot pages do, one service per step. Services flush, never commit."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pb.db import utcnow
from pb.errors import DomainError, NotAllowed
from pb.rounds.models import Round
from pb.auth.models import StaffUser
from pb.emails import normalise_email
from pb.audit.services import record
from pb.rounds.phases import ALLOWED_PHASES, Action, require_phase
from pb.voting import identity
from pb.voting.ballots import BallotSheet, CastBallot, Choices, ballot_sheet, check_ballot, current_ballot, current_choices, record_ballot
from pb.voting.models import Ballot, BallotChannel, LinkRequest, LinkRequestKind, Voter

from flask_babel import lazy_gettext as _l

#: "Send me a new link": at most this many requests per address, and per IP address, in the window.
LINK_REQUESTS_PER_EMAIL = 3
LINK_REQUESTS_PER_IP = 20
LINK_REQUEST_WINDOW = timedelta(hours=1)


class TooManyRequests(DomainError):
    status = 429

    def __init__(self) -> None:
        super().__init__(_l("Du har bedt om mange links på kort tid. Vent en time, og prøv igen."))


@dataclass(frozen=True)
class OpenBallot:
    sheet: BallotSheet
    choices: Choices
    ballot: Ballot | None


def open_link(session: Session, credential: str) -> Voter:
    """The voter behind a personal link, noting that they opened it. Raises LinkInvalid."""
    voter = identity.voter_for_credential(session, credential)
    identity.note_link_opened(voter)
    return voter


def ballot_for(session: Session, voter: Voter) -> OpenBallot:
    """The voter's ballot page: the sheet and the choices that count now (reads only)."""
    return OpenBallot(ballot_sheet(session, voter), current_choices(session, voter), current_ballot(session, voter))


def sheet_for(session: Session, credential: str) -> BallotSheet:
    """The ballot behind a personal link, without changing anything. Raises LinkInvalid."""
    return ballot_sheet(session, identity.voter_for_credential(session, credential))


def review_ballot(session: Session, credential: str, choices: Choices) -> BallotSheet:
    """Check the choices before the confirmation step. Raises LinkInvalid, BallotRefused."""
    return check_ballot(session, identity.voter_for_credential(session, credential), choices)


def cast_web_ballot(session: Session, credential: str, choices: Choices, language: str) -> CastBallot:
    """Cast (or change) the ballot behind a personal link and queue its receipt mail.

    Locks the voter's row first, so concurrent submissions of one link take
    turns. Raises LinkInvalid, BallotRefused, ChannelConflict.
    """
    voter = identity.voter_for_credential(session, credential, lock=True)
    cast = record_ballot(session, voter, choices, BallotChannel.WEB)
    from pb.voting.mail import queue_receipt

    queue_receipt(session, cast, language)
    return cast


def email_hash(email: str) -> str:
    return hashlib.sha256(email.encode("utf-8")).hexdigest()


def throttle_link_requests(session: Session, kind: LinkRequestKind, email: str, ip_address: str) -> None:
    """Count this request, or raise TooManyRequests; the same for known and unknown addresses."""
    since = utcnow() - LINK_REQUEST_WINDOW
    hashed = email_hash(email)
    by_email = session.scalar(
        select(func.count()).where(LinkRequest.email_hash == hashed, LinkRequest.requested_at > since)
    )
    by_ip = session.scalar(
        select(func.count()).where(LinkRequest.ip_address == ip_address, LinkRequest.requested_at > since)
    )
    if (by_email or 0) >= LINK_REQUESTS_PER_EMAIL or (by_ip or 0) >= LINK_REQUESTS_PER_IP:
        raise TooManyRequests()
    session.add(LinkRequest(kind=kind, email_hash=hashed, ip_address=ip_address[:45]))
    session.flush()


def request_new_link(session: Session, email: str, ip_address: str, language: str) -> None:
    """Mail the current personal link to every voter with this address in a round that is voting.

    Answers nothing either way, so the page cannot tell whether the address
    is on a roll. The link version is not bumped: the mail goes to the
    address's owner anyway, and bumping would let a stranger break a voter's
    working link. Raises TooManyRequests.
    """
    from pb.voting.mail import queue_new_link

    address = normalise_email(email)
    throttle_link_requests(session, LinkRequestKind.NEW_LINK, address, ip_address)
    voters = session.scalars(
        select(Voter)
        .join(Round, Round.id == Voter.round_id)
        .where(Voter.email == address, Round.phase.in_(ALLOWED_PHASES[Action.CAST_BALLOT]))
    )
    for voter in voters:
        queue_new_link(session, voter, language)


def voter_by_email(session: Session, round_: Round, email: str) -> Voter:
    """The voter with this address in the round. Raises DomainError (404) when there is none."""
    voter = session.scalar(
        select(Voter).where(Voter.round_id == round_.id, Voter.email == normalise_email(email))
    )
    if voter is None:
        raise DomainError(_l("Der er ingen vælger med den e-mailadresse i runden."), status=404)
    return voter


def issue_voter_link(session: Session, voter: Voter, *, actor: StaffUser | None = None, actor_label: str | None = None) -> str:
    """A fresh personal link for a voter (staff helping by phone); older links stop working. Audited.

    Raises PhaseClosed outside voting.
    """
    require_phase(voter.round, Action.ISSUE_VOTER_LINK)
    link = identity.issue_new_link(voter)
    record(
        session,
        "voter.link_issued",
        actor=actor,
        actor_label=actor_label,
        obj=voter,
        details={"link_version": voter.link_version},
    )
    session.flush()
    return link


def set_contact(session: Session, round_: Round, email: str | None, phone: str | None, actor: StaffUser) -> None:
    """Set whom residents contact about voting (shown on the help page). Audited. Raises NotAllowed."""
    if not actor.is_official:
        raise NotAllowed(_l("Kun kommunens medarbejdere kan ændre denne indstilling."))
    before = {"email": round_.contact_email, "phone": round_.contact_phone}
    round_.contact_email = normalise_email(email) if email else None
    round_.contact_phone = phone.strip() if phone else None
    record(session, "round.contact", actor=actor, obj=round_,
           details={"before": before, "after": {"email": round_.contact_email, "phone": round_.contact_phone}})
    session.flush()
