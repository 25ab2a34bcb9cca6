"""Invitations, reminders, receipts and new links: queued once, rendered with a working link and the deadline."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pb.auth.models import Role
from pb.mail.models import OutboundEmail
from pb.mail.registry import MailObsolete
from pb.mail.render import render_message
from pb.rounds.models import Phase
from pb.voting.ballots import record_ballot
from pb.voting.mailings import send_invitations, send_reminders
from pb.voting.models import BallotChannel

LINK = re.compile(r"http://pb\.test(/stem/[\w.-]+)")


def _rows(session, purpose):
    return session.scalars(select(OutboundEmail).where(OutboundEmail.purpose == purpose).order_by(OutboundEmail.id)).all()


def test_invitations_go_once_with_a_working_link_and_the_deadline(app, client, session, election, make_voter):
    """Each voter gets one invitation; a second run queues nothing; the mail's link opens the ballot."""
    e = election()
    make_voter(e.round, e.community)
    with app.test_request_context():
        first = send_invitations(session, e.round, actor_label="test")
        second = send_invitations(session, e.round, actor_label="test")
        session.commit()
        assert (first.queued, second.queued) == (2, 0)
        row = _rows(session, "invitation")[0]
        mail = render_message(session, row)
    assert "Du kan stemme indtil" in mail.text and "Du kan stemme indtil" in mail.html
    path = LINK.search(mail.text).group(1)
    assert client.get(path).status_code == 200
    session.refresh(e.voter)
    assert e.voter.invited_at is not None


def test_reminders_reach_only_non_voters_once_per_wave(app, session, election, make_voter):
    """Voters who voted get no reminder; the same wave twice adds nothing; a new wave reaches them again."""
    e = election()
    opened = make_voter(e.round, e.community)
    with app.test_request_context():
        send_invitations(session, e.round, actor_label="test")
        record_ballot(session, e.voter, {e.proposals[0].id: 1}, BallotChannel.WEB)
        assert send_reminders(session, e.round, wave="uge 1", actor_label="test").queued == 1
        assert send_reminders(session, e.round, wave="uge 1", actor_label="test").queued == 0
        assert send_reminders(session, e.round, wave="uge 2", actor_label="test").queued == 1
        session.commit()
    assert {row.recipient for row in _rows(session, "reminder")} == {opened.email}


def test_a_reminder_is_worded_for_those_who_opened_but_did_not_vote(app, client, session, election, link_for):
    """Opened the link without voting: the reminder says the vote is not cast yet."""
    e = election()
    with app.test_request_context():
        send_invitations(session, e.round, actor_label="test")
        send_reminders(session, e.round, wave="a", actor_label="test")
        session.commit()
        plain = render_message(session, _rows(session, "reminder")[0])
    client.get(link_for(e.voter))
    with app.test_request_context():
        session.expire_all()
        opened = render_message(session, _rows(session, "reminder")[0])
    assert "Husk at stemme" in plain.subject and "Du har ikke stemt endnu" in plain.text
    assert "Du mangler at afgive din stemme" in opened.subject and "Afgiv min stemme" in opened.text


def test_a_reminder_for_someone_who_voted_since_is_obsolete(app, session, election):
    """The worker does not send a reminder to a voter who voted after it was queued."""
    e = election()
    with app.test_request_context():
        send_invitations(session, e.round, actor_label="test")
        send_reminders(session, e.round, wave="a", actor_label="test")
        record_ballot(session, e.voter, {e.proposals[0].id: 1}, BallotChannel.WEB)
        session.commit()
        with pytest.raises(MailObsolete):
            render_message(session, _rows(session, "reminder")[0])


def test_invitations_only_while_voting(app, session, election):
    """Invitations are refused before voting opens."""
    from pb.rounds.phases import PhaseClosed

    e = election()
    e.round.phase = Phase.REVIEW
    session.flush()
    with app.test_request_context(), pytest.raises(PhaseClosed):
        send_invitations(session, e.round, actor_label="test")


def test_receipt_mail_carries_the_code_and_the_link(app, client, session, election, link_for, csrf_token):
    """After voting, a receipt mail with the same code as the page is queued."""
    e = election()
    path = link_for(e.voter)
    data = {"csrf_token": csrf_token(path), "proposal": [str(e.proposals[0].id)]}
    page = client.post(f"{path}/afgiv", data=data).get_data(as_text=True)
    code = re.search(r'data-receipt="([^"]+)"', page).group(1)
    with app.test_request_context():
        mail = render_message(session, _rows(session, "receipt")[0])
    assert code in mail.text and code in mail.html
    assert e.proposals[0].title in mail.text
    assert client.get(LINK.search(mail.text).group(1)).status_code == 200


def test_cli_send_invitations_and_reminders(runner, session, election):
    """The commands queue mail and say how much."""
    e = election()
    result = runner.invoke(args=["send-invitations", "--round", str(e.round.id)])
    assert result.exit_code == 0 and "Queued 1 invitations" in result.output
    result = runner.invoke(args=["send-reminders", "--round", str(e.round.id), "--wave", "x"])
    assert result.exit_code == 0 and "Queued 1 reminders in wave x" in result.output


def test_overview_shows_turnout_and_officials_send_invitations(client, session, election, make_staff, signed_in, csrf_token, link_for):
    """Officials see voters, invited, ballots and turnout; the button queues invitations; counts rise."""
    e = election()
    signed_in(make_staff(Role.OFFICIAL))
    page = client.get("/staff/afstemning/").get_data(as_text=True)
    assert "Valgdeltagelse" in page and "0,0 %" in page
    response = client.post("/staff/afstemning/invitationer", data={"csrf_token": csrf_token("/staff/afstemning/")})
    assert response.status_code == 302
    page = client.get("/staff/afstemning/").get_data(as_text=True)
    assert "1 invitationer er lagt i udbakken." in page
    assert re.search(rf"{e.community.name}</th>\s*<td[^>]*>1</td>\s*<td[^>]*>1</td>\s*<td[^>]*>0</td>", page)


def test_playmakers_see_only_their_communities_and_no_buttons(client, election, make_staff, signed_in):
    """A playmaker's turnout lists their own communities only, without the mail buttons."""
    mine, other = election(), election()
    signed_in(make_staff(Role.PLAYMAKER, communities=[mine.community]))
    page = client.get("/staff/afstemning/").get_data(as_text=True)
    assert mine.community.name in page and other.community.name not in page
    assert "Send invitationer" not in page
    assert client.post("/staff/afstemning/invitationer").status_code in (400, 403)
