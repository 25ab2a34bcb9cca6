"""The voting mails: queued by the voting services, rendered by the outbox worker at send time.

Parameters hold ids and plain values only; every personal link is signed in
the context function, when the mail is sent, so it carries the voter's link
version at that moment.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pb.mail.registry import MailObsolete, absolute_url, mail_template
from pb.mail.services import enqueue
from pb.rounds.models import Phase
from pb.rounds.phases import Action, is_allowed
from pb.voting import identity
from pb.voting.ballots import CastBallot, receipt_hash
from pb.voting.models import Voter


def queue_receipt(session: Session, cast: CastBallot, language: str) -> None:
    """The receipt for one version of a ballot.

    The code itself travels in the outbox row until the mail is sent, because
    the mail must show it; the ballot stores only its hash.
    """
    ballot = cast.ballot
    enqueue(
        session,
        to=cast.voter.email,
        purpose="receipt",
        template="voting/receipt",
        params={"voter_id": ballot.voter_id, "version": ballot.version, "code": cast.receipt_code},
        language=language,
        dedup_key=f"receipt:{ballot.id}:{ballot.version}",
    )


def queue_new_link(session: Session, voter: Voter, language: str) -> None:
    """A fresh copy of the voter's personal link, asked for on the "new link" page."""
    enqueue(
        session,
        to=voter.email,
        purpose="new_link",
        template="voting/new_link",
        params={"voter_id": voter.id},
        language=language,
    )


def _voter(session: Session, params: dict[str, Any], *, while_voting: bool = True) -> Voter:
    voter = session.get(Voter, params["voter_id"])
    if voter is None or not voter.email:
        raise MailObsolete("the voter no longer exists")
    if while_voting and not is_allowed(voter.round, Action.CAST_BALLOT):
        raise MailObsolete("voting is not open: the link in this mail would not work")
    return voter


def voting_context(voter: Voter) -> dict[str, Any]:
    """What every voting mail shows: the voter, their round, personal link and deadline."""
    window = voter.round.window(Phase.VOTING)
    return {
        "voter": voter,
        "round": voter.round,
        "community": voter.community,
        "link": identity.ballot_url(voter),
        "deadline": window.ends_at if window else None,
    }


@mail_template("voting/receipt")
def receipt_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Context for templates/voting/mail/receipt.*: the code, the choices and the link to change them."""
    voter = _voter(session, params, while_voting=False)
    ballot = voter.ballot
    if ballot is None or ballot.receipt_hash != receipt_hash(params["code"]):
        # A newer version of the ballot replaced this one before the mail went out.
        raise MailObsolete("the ballot has changed since this receipt was made")
    return {**voting_context(voter), "code": params["code"], "ballot": ballot}


@mail_template("voting/new_link")
def new_link_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Context for templates/voting/mail/new_link.*."""
    return voting_context(_voter(session, params))


@mail_template("voting/invitation")
def invitation_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Context for templates/voting/mail/invitation.*."""
    return voting_context(_voter(session, params))


@mail_template("voting/reminder")
def reminder_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Context for templates/voting/mail/reminder.*; ``opened`` words it for those who opened but did not vote."""
    voter = _voter(session, params)
    if voter.ballot is not None:
        raise MailObsolete("the voter has voted since the reminder was queued")
    return {**voting_context(voter), "opened": voter.verified_at is not None}
