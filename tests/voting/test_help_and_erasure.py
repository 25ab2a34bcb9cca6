"""The help page and the round's contact; erasing an archived round's voter data."""
from __future__ import annotations

from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.mail.models import OutboundEmail
from pb.rounds.models import Phase
from pb.voting.ballots import receipt_hash, record_ballot
from pb.voting.models import Ballot, BallotChannel, Voter


def test_help_is_linked_from_public_pages_errors_and_link_errors(client, election, link_for):
    """The footer, the 404 page and the link-error page all lead to /hjaelp."""
    e = election()
    for path in ["/", "/findes-ikke", link_for(e.voter) + "x"]:
        assert 'href="/hjaelp"' in client.get(path).get_data(as_text=True), path
    page = client.get("/hjaelp").get_data(as_text=True)
    assert "Sådan stemmer du" in page and 'href="/stem/nyt-link"' in page


def test_official_sets_the_contact_shown_on_the_help_page(client, session, election, make_staff, signed_in, csrf_token):
    """The contact e-mail and phone set on the staff page appear on the help page; the change is audited."""
    election()
    signed_in(make_staff(Role.OFFICIAL))
    response = client.post(
        "/staff/afstemning/kontakt",
        data={"csrf_token": csrf_token("/staff/afstemning/"), "contact_email": "Deltag@Aarhus.dk", "contact_phone": "89 40 20 00"},
    )
    assert response.status_code == 302
    page = client.get("/hjaelp").get_data(as_text=True)
    assert "deltag@aarhus.dk" in page and 'href="tel:89402000"' in page
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "round.contact")) is not None


def test_every_voting_mail_links_to_help(app, session, election):
    """The mail footer points at the help page."""
    from pb.mail.render import render_message
    from pb.voting.mailings import send_invitations

    e = election()
    with app.test_request_context():
        send_invitations(session, e.round, actor_label="test")
        mail = render_message(session, session.scalar(select(OutboundEmail).where(OutboundEmail.purpose == "invitation")))
    assert "http://pb.test/hjaelp" in mail.text and "http://pb.test/hjaelp" in mail.html


def test_erasure_of_an_archived_round_keeps_ballots_countable(app, client, session, election, make_staff, signed_in, csrf_token):
    """Personal data and voting mails go; ballots and receipt hashes stay; the erasure is audited."""
    e = election()
    with app.test_request_context():
        cast = record_ballot(session, e.voter, {e.proposals[0].id: 1}, BallotChannel.WEB)
        from pb.voting.mail import queue_receipt

        queue_receipt(session, cast, "da")
    e.voter.name, e.voter.birth_year = "Ida Holm", 1980
    e.round.phase = Phase.ARCHIVED
    session.commit()
    signed_in(make_staff(Role.OFFICIAL))
    overview = f"/staff/afstemning/?round={e.round.id}"
    assert "Slet persondata" in client.get(overview).get_data(as_text=True)
    refused = client.post(f"/staff/afstemning/slet-persondata?round={e.round.id}", data={"csrf_token": csrf_token(overview)})
    assert refused.status_code == 302
    session.refresh(e.voter)
    assert e.voter.email is not None  # not confirmed: nothing erased
    response = client.post(
        f"/staff/afstemning/slet-persondata?round={e.round.id}", data={"csrf_token": csrf_token(overview), "confirm": "y"}
    )
    assert response.status_code == 302
    session.expire_all()
    voter = session.get(Voter, e.voter.id)
    assert (voter.email, voter.name, voter.birth_year) == (None, None, None)
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == voter.id))
    assert ballot.receipt_hash == receipt_hash(cast.receipt_code) and len(ballot.items) == 1
    assert session.scalar(select(OutboundEmail).where(OutboundEmail.purpose == "receipt")) is None
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "voters.erased")).details["voters"] == 1


def test_erasure_is_refused_before_the_round_is_archived(app, session, election, make_staff):
    """While the round is not archived, the phase gate refuses the erasure."""
    import pytest

    from pb.rounds.phases import PhaseClosed
    from pb.voting.erasure import erase_voter_data

    e = election()
    with app.test_request_context(), pytest.raises(PhaseClosed):
        erase_voter_data(session, e.round, make_staff(Role.OFFICIAL))
