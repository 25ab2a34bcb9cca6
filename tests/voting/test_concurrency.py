"""Exactly one current ballot per voter when one link is submitted 50 times at once."""
from __future__ import annotations

import re
import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pb import create_app
from pb.communities.models import Community
from pb.db import make_engine, utcnow
from pb.mail.models import OutboundEmail
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import CommunityBudget, Phase, PhaseWindow, Round
from pb.voting.identity import ballot_credential
from pb.voting.models import Ballot, BallotItem, BallotRevision, Voter

SUBMISSIONS = 50
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def committed_election(database_url: str, engine: Engine):
    """A voter and two proposals committed for real (other connections must see them), removed afterwards."""
    del engine  # requested so the schema exists
    own = make_engine(database_url)
    tag = uuid.uuid4().hex[:8]
    with Session(own) as session:
        community = Community(name=f"Samtidig {tag}", slug=f"samtidig-{tag}", population=10)
        now = utcnow()
        round_ = Round(fund_name="Oplandspuljen", name=f"Samtidig {tag}", phase=Phase.VOTING)
        round_.phase_windows = [PhaseWindow(phase=Phase.VOTING, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1))]
        round_.budgets = [CommunityBudget(community=community, amount=100_000)]
        proposals = [
            Proposal(round=round_, community=community, title=f"P{n}", summary="s", description="d",
                     estimated_cost=30_000, proposer_name="A", proposer_email="a@example.org",
                     status=ProposalStatus.APPROVED)
            for n in range(2)
        ]
        voter = Voter(round=round_, community=community, email=f"samtidig-{tag}@example.org", source="roll")
        session.add_all([community, round_, voter, *proposals])
        session.commit()
        ids = (voter.id, round_.id, community.id, [p.id for p in proposals], voter.email)
    yield own, ids
    voter_id, round_id, community_id, _proposal_ids, email = ids
    with Session(own) as session:
        ballot_ids = select(Ballot.id).where(Ballot.voter_id == voter_id)
        session.execute(delete(BallotItem).where(BallotItem.ballot_id.in_(ballot_ids)))
        session.execute(delete(BallotRevision).where(BallotRevision.ballot_id.in_(ballot_ids)))
        session.execute(delete(Ballot).where(Ballot.voter_id == voter_id))
        session.execute(delete(OutboundEmail).where(OutboundEmail.recipient == email))
        session.execute(delete(Voter).where(Voter.id == voter_id))
        session.execute(delete(Proposal).where(Proposal.round_id == round_id))
        session.execute(delete(CommunityBudget).where(CommunityBudget.round_id == round_id))
        session.execute(delete(PhaseWindow).where(PhaseWindow.round_id == round_id))
        session.execute(delete(Round).where(Round.id == round_id))
        session.execute(delete(Community).where(Community.id == community_id))
        session.commit()
    own.dispose()


def test_fifty_concurrent_submissions_leave_one_consistent_ballot(committed_election, database_url, monkeypatch):
    """50 simultaneous final submits of one link: one current ballot, versions 1..n without gaps, no 500."""
    own, (voter_id, _round_id, _community_id, proposal_ids, _email) = committed_election
    monkeypatch.delenv("PB_ENV", raising=False)
    monkeypatch.setenv("PB_SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
    monkeypatch.setenv("PB_DATABASE_URL", database_url)
    app = create_app({"TESTING": True})
    with Session(own) as session:
        voter = session.get(Voter, voter_id)
        with app.app_context():
            path = f"/stem/{ballot_credential(voter)}"

    clients, tokens = [], []
    for _ in range(SUBMISSIONS):
        client = app.test_client()
        page = client.get(path)
        assert page.status_code == 200
        clients.append(client)
        tokens.append(CSRF.search(page.get_data(as_text=True)).group(1))

    statuses: list[int] = []
    start = threading.Barrier(SUBMISSIONS)

    def submit(n: int) -> None:
        start.wait()
        choice = str(proposal_ids[n % 2])
        response = clients[n].post(f"{path}/afgiv", data={"csrf_token": tokens[n], "proposal": [choice]})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    app.extensions["pb.engine"].dispose()

    assert len(statuses) == SUBMISSIONS
    assert all(status < 500 for status in statuses), statuses
    accepted = statuses.count(200)
    if own.dialect.name == "postgresql":
        assert accepted == SUBMISSIONS, statuses
    else:
        # SQLite may answer a burst with the friendly "busy, try again" (409).
        assert set(statuses) <= {200, 409} and accepted >= 1, statuses
    with Session(own) as session:
        ballots = session.scalars(select(Ballot).where(Ballot.voter_id == voter_id)).all()
        assert len(ballots) == 1
        ballot = ballots[0]
        assert ballot.version == accepted
        revisions = session.scalars(
            select(BallotRevision.version).where(BallotRevision.ballot_id == ballot.id).order_by(BallotRevision.version)
        ).all()
        assert revisions == list(range(1, accepted))
        assert len(ballot.items) == 1
