"""pb/demo/seed.py: the demo data is complete, plausible and loads idempotently."""
from __future__ import annotations

from sqlalchemy import func, select

from pb.communities.models import Community
from pb.demo.seed import DEMO_ROUND_NAME, TOTAL_BUDGET, seed_demo
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import Phase, Round
from pb.auth.models import Role, StaffUser
from pb.voting.models import Voter


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_seed_makes_the_demo_round(session) -> None:
    """19 communities, a voting round whose budgets total 4.770.000 kr., 5-8 approved proposals each."""
    seed_demo(session)
    assert _count(session, Community) == 19
    round_ = session.scalar(select(Round).where(Round.name == DEMO_ROUND_NAME))
    assert round_.phase is Phase.VOTING and round_.tie_break_seed is not None
    assert sum(b.amount for b in round_.budgets) == TOTAL_BUDGET
    assert len(round_.budgets) == 19
    per_community = dict(
        session.execute(
            select(Proposal.community_id, func.count()).where(Proposal.status == ProposalStatus.APPROVED)
            .group_by(Proposal.community_id)
        ).all()
    )
    assert len(per_community) == 19 and all(5 <= n <= 8 for n in per_community.values())
    roles = sorted(u.role.value for u in session.scalars(select(StaffUser)))
    assert roles == ["admin", "official", "playmaker"]
    playmaker = session.scalar(select(StaffUser).where(StaffUser.role == Role.PLAYMAKER))
    assert len(playmaker.communities) == 2
    assert _count(session, Voter) > 0


def test_budget_follows_population(session) -> None:
    """The per-resident share makes larger communities' budgets larger."""
    seed_demo(session)
    round_ = session.scalar(select(Round).where(Round.name == DEMO_ROUND_NAME))
    by_population = sorted(round_.budgets, key=lambda b: b.community.population)
    assert by_population[0].amount < by_population[-1].amount


def test_seed_twice_adds_nothing(session) -> None:
    """A second seed finds everything in place and adds nothing."""
    seed_demo(session)
    counts = [_count(session, m) for m in (Community, Round, Proposal, StaffUser, Voter)]
    summary = seed_demo(session)
    assert summary.created == {}
    assert [_count(session, m) for m in (Community, Round, Proposal, StaffUser, Voter)] == counts


def test_seed_demo_phase_proposals_lets_residents_submit(runner, client, session) -> None:
    """`seed-demo --phase proposals` puts the demo round in its proposal phase, today inside its dates; the form opens."""
    from pb.db import utcnow

    result = runner.invoke(args=["seed-demo", "--phase", "proposals"])
    assert result.exit_code == 0, result.output
    round_ = session.scalar(select(Round).where(Round.name == DEMO_ROUND_NAME))
    assert round_.phase is Phase.PROPOSALS
    window = round_.window(Phase.PROPOSALS)
    assert window.starts_at <= utcnow() <= window.ends_at
    assert 'name="title"' in client.get("/forslag/nyt").get_data(as_text=True)
    again = runner.invoke(args=["seed-demo"])  # back to the default, voting
    assert again.exit_code == 0 and "phase changes: 1" in again.output
    session.refresh(round_)
    assert round_.phase is Phase.VOTING
