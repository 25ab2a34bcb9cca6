"""Paper ballots: playmakers enter them for their own communities; online and paper exclude each other; four eyes."""
from __future__ import annotations

from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.voting.models import Ballot, BallotChannel, PendingPaperBallot, Voter, VoterSource


def _paper_path(e):
    return f"/staff/afstemning/papir/{e.community.slug}"


def _enter(client, csrf_token, e, **fields):
    path = _paper_path(e)
    return client.post(path, data={"csrf_token": csrf_token(path), **fields})


def test_playmaker_enters_a_paper_ballot_for_a_roll_voter(client, session, election, make_staff, signed_in, csrf_token):
    """The ballot is stored with channel paper, counts at once, and is audited."""
    e = election()
    user = make_staff(Role.PLAYMAKER, communities=[e.community])
    signed_in(user)
    response = _enter(client, csrf_token, e, email=e.voter.email, proposal=[str(e.proposals[0].id)])
    assert response.status_code == 302
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id))
    assert ballot.channel is BallotChannel.PAPER and [i.proposal_id for i in ballot.items] == [e.proposals[0].id]
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "ballot.paper_entered"))
    assert event.actor_id == user.id


def test_a_new_paper_voter_is_created_with_name_and_address(client, session, election, make_staff, signed_in, csrf_token):
    """Without an e-mail, name and address make a new voter marked paper."""
    e = election()
    signed_in(make_staff(Role.PLAYMAKER, communities=[e.community]))
    response = _enter(client, csrf_token, e, name="Karen Bach", address="Skolevej 3", proposal=[str(e.proposals[1].id)])
    assert response.status_code == 302
    voter = session.scalar(select(Voter).where(Voter.name == "Karen Bach"))
    assert voter.source is VoterSource.PAPER and voter.email is None and voter.address == "Skolevej 3"
    assert voter.ballot is not None


def test_paper_is_refused_after_online_and_online_after_paper(client, session, election, make_voter, make_staff, signed_in, csrf_token, link_for):
    """Both directions are refused with clear messages."""
    e = election()
    second = make_voter(e.round, e.community)
    # Online first, then paper: refused.
    path = link_for(e.voter)
    client.post(f"{path}/afgiv", data={"csrf_token": csrf_token(path), "proposal": [str(e.proposals[0].id)]})
    signed_in(make_staff(Role.OFFICIAL))
    refused = _enter(client, csrf_token, e, email=e.voter.email, proposal=[str(e.proposals[1].id)])
    assert refused.status_code == 422
    assert "Vælgeren har allerede stemt digitalt" in refused.get_data(as_text=True)
    # Paper first, then online: refused.
    assert _enter(client, csrf_token, e, email=second.email, proposal=[str(e.proposals[0].id)]).status_code == 302
    path = link_for(second)
    online = client.post(f"{path}/afgiv", data={"csrf_token": csrf_token(path), "proposal": [str(e.proposals[1].id)]})
    assert online.status_code == 409
    assert "stemme på papir" in online.get_data(as_text=True)


def test_a_playmaker_cannot_enter_for_another_community(client, election, make_staff, make_community, signed_in):
    """Out of scope is 403."""
    e = election()
    signed_in(make_staff(Role.PLAYMAKER, communities=[make_community()]))
    assert client.get(_paper_path(e)).status_code == 403


def test_over_budget_paper_ballot_is_explained(client, session, election, make_staff, signed_in, csrf_token):
    """A paper ballot breaks the same rules as a web ballot, and the entry is kept on the page."""
    e = election()
    signed_in(make_staff(Role.OFFICIAL))
    response = _enter(client, csrf_token, e, email=e.voter.email, proposal=[str(p.id) for p in e.proposals])
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Dine valg koster 160.000 kr." in page
    assert f'value="{e.voter.email}"' in page
    assert session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id)) is None


def test_four_eyes_needs_a_second_person(client, session, election, make_staff, signed_in, csrf_token, app):
    """With four eyes on, an entry waits; its author cannot confirm it; another playmaker can, and then it counts."""
    e = election(paper_four_eyes=True)
    first = make_staff(Role.PLAYMAKER, communities=[e.community])
    second = make_staff(Role.PLAYMAKER, communities=[e.community])
    signed_in(first)
    assert _enter(client, csrf_token, e, email=e.voter.email, proposal=[str(e.proposals[0].id)]).status_code == 302
    pending = session.scalar(select(PendingPaperBallot).where(PendingPaperBallot.voter_id == e.voter.id))
    assert pending is not None
    assert session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id)) is None
    confirm = f"{_paper_path(e)}/{pending.id}/godkend"
    assert client.post(confirm, data={"csrf_token": csrf_token(_paper_path(e))}).status_code == 403
    client.post("/staff/logout", data={"csrf_token": csrf_token(_paper_path(e))})
    signed_in(second)
    assert client.post(confirm, data={"csrf_token": csrf_token(_paper_path(e))}).status_code == 302
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id))
    assert ballot.channel is BallotChannel.PAPER
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "ballot.paper_confirmed")).actor_id == second.id
