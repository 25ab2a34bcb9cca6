"""pb/voting/ballots.py: each ballot type's rules, and casting with revisions."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pb.rounds.models import BallotType, Phase
from pb.rounds.phases import PhaseClosed
from pb.voting.ballots import (
    BallotRefused,
    ChannelConflict,
    ChoicesUnreadable,
    ballot_sheet,
    problems_with,
    receipt_hash,
    record_ballot,
)
from pb.voting.models import Ballot, BallotChannel, BallotRevision


def _ids(e, *indexes):
    return {e.proposals[i].id: 1 for i in indexes}


def test_knapsack_within_budget_is_valid(app, session, election):
    """Choices costing at most the budget break no rule."""
    e = election()
    with app.test_request_context():
        assert problems_with(ballot_sheet(session, e.voter), _ids(e, 0, 1)) == []


def test_knapsack_over_budget_says_by_how_much(app, session, election):
    """Over the budget: one Danish sentence naming the total, the budget and the excess."""
    e = election()
    with app.test_request_context():
        [problem] = problems_with(ballot_sheet(session, e.voter), _ids(e, 0, 2))
        assert str(problem) == (
            "Dine valg koster 110.000 kr., men budgettet er kun 100.000 kr., så fjern forslag for mindst 10.000 kr., og prøv igen."
        )


def test_an_empty_ballot_is_refused(app, session, election):
    """Choosing nothing is not a vote."""
    e = election()
    with app.test_request_context():
        assert [str(p) for p in problems_with(ballot_sheet(session, e.voter), {})] == ["Vælg mindst ét forslag."]


def test_a_proposal_from_another_community_is_unreadable(app, session, election):
    """A proposal id that is not on the voter's ballot means an edited page."""
    e, other = election(), election()
    with app.test_request_context(), pytest.raises(ChoicesUnreadable):
        problems_with(ballot_sheet(session, e.voter), {other.proposals[0].id: 1})


def test_approval_limits(app, session, election):
    """Approval ballots need between min and max choices."""
    e = election(ballot_type=BallotType.APPROVAL, approval_min_choices=2, approval_max_choices=2)
    with app.test_request_context():
        sheet = ballot_sheet(session, e.voter)
        assert [str(p) for p in problems_with(sheet, _ids(e, 0))] == ["Vælg mindst 2 forslag."]
        assert [str(p) for p in problems_with(sheet, _ids(e, 0, 1, 2))] == ["Du kan højst vælge 2 forslag. Du har valgt 3."]
        assert problems_with(sheet, _ids(e, 0, 2)) == []


def test_cumulative_points(app, session, election):
    """Cumulative ballots distribute at most N points, at least one."""
    e = election(ballot_type=BallotType.CUMULATIVE, cumulative_points=5)
    a, b, _c = (p.id for p in e.proposals)
    with app.test_request_context():
        sheet = ballot_sheet(session, e.voter)
        assert problems_with(sheet, {a: 3, b: 2}) == []
        assert [str(p) for p in problems_with(sheet, {a: 4, b: 2})] == [
            "Du har fordelt 6 point, men du har kun 5. Fjern 1 point."
        ]


def test_changing_a_ballot_keeps_the_old_version(app, session, election):
    """A second cast becomes version 2; version 1 is kept as a revision with its items."""
    e = election()
    with app.test_request_context():
        first = record_ballot(session, e.voter, _ids(e, 0), BallotChannel.WEB)
        second = record_ballot(session, e.voter, _ids(e, 1), BallotChannel.WEB)
        session.commit()
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id))
    assert ballot.version == 2
    assert [i.proposal_id for i in ballot.items] == [e.proposals[1].id]
    assert ballot.receipt_hash == receipt_hash(second.receipt_code) != receipt_hash(first.receipt_code)
    [revision] = session.scalars(select(BallotRevision).where(BallotRevision.ballot_id == ballot.id))
    assert revision.version == 1 and revision.items == {str(e.proposals[0].id): 1}


def test_rechoosing_the_same_proposal_works(app, session, election):
    """Casting the same choices again replaces the items without a unique-constraint clash."""
    e = election()
    with app.test_request_context():
        record_ballot(session, e.voter, _ids(e, 0, 1), BallotChannel.WEB)
        record_ballot(session, e.voter, _ids(e, 0, 1), BallotChannel.WEB)
        session.commit()
    assert session.scalar(select(Ballot.version).where(Ballot.voter_id == e.voter.id)) == 2


def test_a_refused_ballot_changes_nothing(app, session, election):
    """Over budget raises BallotRefused and stores no ballot."""
    e = election()
    with app.test_request_context(), pytest.raises(BallotRefused):
        record_ballot(session, e.voter, _ids(e, 0, 1, 2), BallotChannel.WEB)
    assert session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id)) is None


def test_web_after_paper_is_refused(app, session, election):
    """A voter with a paper ballot cannot also vote on the web."""
    e = election()
    with app.test_request_context():
        record_ballot(session, e.voter, _ids(e, 0), BallotChannel.PAPER)
        with pytest.raises(ChannelConflict):
            record_ballot(session, e.voter, _ids(e, 1), BallotChannel.WEB)


def test_casting_after_the_close_is_refused(app, session, election):
    """The phase gate refuses a web ballot once the round is tallying."""
    e = election()
    e.round.phase = Phase.TALLYING
    session.flush()
    with app.test_request_context(), pytest.raises(PhaseClosed):
        record_ballot(session, e.voter, _ids(e, 0), BallotChannel.WEB)
