"""Who is voting: the one interface between "a person proves who they are" and the ballot code.

Today a voter proves it with the personal link e-mailed to them: a token signed
for ``Purpose.BALLOT`` carrying ``{"voter", "round", "v"}`` (voter id, round id,
link version). The ballot code only ever calls ``voter_for_credential`` and
``ballot_url``; a MitID/OpenID Connect login would add a second way to obtain a
credential (e.g. a token minted after the OIDC callback) and leave the ballot
code untouched.

A link works only while its round is in the voting phase. ``max_age`` only
counts from signing, so the round's phase is read on every use. Each refusal
is a ``LinkInvalid`` subclass with a Danish message, which the ballot views
show on a friendly page with a "send me a new link" form.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.db import utcnow
from pb.mail.registry import absolute_url
from pb.rounds.models import Phase, Round
from pb.rounds.phases import Action, is_allowed
from pb.signing import LinkInvalid, Purpose, sign, unsign
from pb.voting.models import Voter


class LinkSuperseded(LinkInvalid):
    """A genuine link, replaced by a newer one sent to the same voter."""

    status = 410

    def __init__(self) -> None:
        super().__init__(_l("Du har fået et nyere link. Brug linket i den nyeste e-mail fra os."))


class VotingNotOpen(LinkInvalid):
    """A genuine, current link, but its round is not in the voting phase."""

    status = 403

    def __init__(self, round_: Round) -> None:
        if round_.phase.position < Phase.VOTING.position:
            message = _l("Afstemningen er ikke begyndt endnu. Dit link virker, når den åbner.")
        else:
            message = _l(
                "Afstemningen er slut, så du kan ikke længere stemme eller ændre din stemme. "
                "Har du stemt, tæller den stemme, du afgav sidst."
            )
        super().__init__(message)
        self.round = round_
        self.closed = round_.phase.position > Phase.VOTING.position


def ballot_credential(voter: Voter) -> str:
    """The token in a voter's personal link, for the voter's current link version."""
    return sign(Purpose.BALLOT, {"voter": voter.id, "round": voter.round_id, "v": voter.link_version})


def ballot_url(voter: Voter) -> str:
    """The voter's personal link, absolute, built from ``PB_BASE_URL`` (works outside a request)."""
    return absolute_url("voting.ballot", token=ballot_credential(voter))


def voter_for_credential(session: Session, credential: str, *, lock: bool = False) -> Voter:
    """The voter a link belongs to, if it is genuine, current and its round is voting.

    With ``lock``, the voter's row is locked for the rest of the transaction
    (``SELECT ... FOR UPDATE``), so two submissions of one link queue up.
    Raises LinkInvalid, LinkExpired, LinkSuperseded or VotingNotOpen.
    """
    payload = unsign(Purpose.BALLOT, credential)
    voter_id, round_id, version = payload.get("voter"), payload.get("round"), payload.get("v")
    if not all(isinstance(value, int) for value in (voter_id, round_id, version)):
        raise LinkInvalid()
    query = select(Voter).where(Voter.id == voter_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    voter = session.scalar(query)
    if voter is None or voter.round_id != round_id:
        # Erased or removed before voting: the link no longer leads anywhere.
        raise LinkInvalid()
    if version != voter.link_version:
        raise LinkSuperseded()
    round_ = voter.round
    if lock:
        # Reads the phase as it stands now; a phase change that locks the round waits for us.
        round_ = session.scalar(
            select(Round).where(Round.id == round_id).with_for_update(read=True)
            .execution_options(populate_existing=True)
        )
    if not is_allowed(round_, Action.CAST_BALLOT):
        raise VotingNotOpen(round_)
    return voter


def note_link_opened(voter: Voter) -> None:
    """Remember the first time the voter opened a link (it also proves the e-mail address works)."""
    if voter.verified_at is None:
        voter.verified_at = utcnow()


def issue_new_link(voter: Voter) -> str:
    """Invalidate every earlier link of the voter and return the new personal link."""
    voter.link_version += 1
    return ballot_url(voter)
