"""The add1 step verifier: it may keep only shares whose exact outcome is the anchor's."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import ApprovalBallot, Instance, Project, TieBreak, tally
from solver.rules.equal_shares.add1_verifier import Plan, StepVerifier
from solver.rules.base import make_context
from solver.rules.equal_shares.engine import run_equal_shares
from solver.rules.equal_shares.supporters import prepare
from tests.solver.strategies import long_add1_elections

EXAMPLES = int(__import__("os").environ.get("PB_HYPOTHESIS_EXAMPLES", "60"))


def _verifier_and_anchor(inst, ballots, step):
    ctx = make_context(inst, ballots, TieBreak.lexicographic(), 0)
    supporters = prepare(ctx)
    base = Fraction(inst.budget, ctx.num_voters)
    anchor = run_equal_shares(ctx, base + step, explain=False, supporters=supporters)
    return ctx, supporters, base, anchor, StepVerifier(ctx, supporters)


MANY = settings(max_examples=4 * EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _draw_case(data, cumulative):
    """A long add1 election, a step to anchor at, and the verifier with the exact run there."""
    inst, ballots = data.draw(long_add1_elections(cumulative=cumulative))
    step = data.draw(st.integers(0, 30))
    return (step, *_verifier_and_anchor(inst, ballots, step))


@pytest.mark.parametrize("cumulative", [False, True])
@MANY
@given(data=st.data())
def test_kept_shares_fund_the_anchor_order_exactly(cumulative, data):
    """Every share the verifier keeps funds exactly the anchor's projects, in the anchor's order."""
    step, ctx, supporters, base, anchor, verifier = _draw_case(data, cumulative)
    count = data.draw(st.integers(1, 24))
    shares = np.array([float(base + step + 1 + i) for i in range(count)])
    kept = verifier.steps_kept(verifier.plan_of(anchor), shares)
    assert 0 <= kept <= count
    for i in range(kept):
        exact = run_equal_shares(ctx, base + step + 1 + i, explain=False, supporters=supporters)
        assert exact.selected == anchor.selected


@pytest.mark.parametrize("cumulative", [False, True])
@MANY
@given(data=st.data())
def test_a_wrong_order_is_kept_only_where_it_is_the_exact_order(cumulative, data):
    """Any order, even a wrong one, is kept only at shares where Equal Shares funds exactly that order."""
    step, ctx, supporters, base, anchor, verifier = _draw_case(data, cumulative)
    plan = verifier.plan_of(anchor)
    if supporters.live:
        moved = data.draw(st.sampled_from(supporters.live))
        position = data.draw(st.integers(0, len(plan.order)))
        rest = [p for p in plan.order if p != moved]
        plan = Plan(tuple(rest[:position]) + (moved,) + tuple(rest[position:]), plan.start, plan.floored)
    shares = np.array([float(base + step + i) for i in range(12)])
    kept = verifier.steps_kept(plan, shares)
    for i in range(kept):
        exact = run_equal_shares(ctx, base + step + i, explain=False, supporters=supporters)
        assert exact.selected == list(supporters.free) + list(plan.order)


def _stable_election():
    """Ten voters fund A at once; B, wanted by one voter, waits until that voter's share reaches 100."""
    projects = (Project("A", "A", 100), Project("B", "B", 90))
    ballots = (ApprovalBallot(("A", "B")),) + (ApprovalBallot(("A",)),) * 9
    return Instance(projects, 200), ballots


def test_a_stable_stretch_is_kept_whole():
    """Where nothing can change for many steps, a whole block of shares is kept."""
    inst, ballots = _stable_election()
    _, _, base, anchor, verifier = _verifier_and_anchor(inst, ballots, 0)
    assert anchor.selected == ["A"]
    shares = np.array([float(base + 1 + i) for i in range(16)])
    assert verifier.steps_kept(verifier.plan_of(anchor), shares) == 16


def test_the_step_where_the_outcome_changes_is_not_kept():
    """The verifier stops right before the first share at which B becomes affordable."""
    inst, ballots = _stable_election()
    _, _, base, anchor, verifier = _verifier_and_anchor(inst, ballots, 0)
    # B's voter pays 10 for A, so B is affordable from a share of 100, i.e. step 80.
    shares = np.array([float(base + k) for k in range(70, 90)])
    assert verifier.steps_kept(verifier.plan_of(anchor), shares) == 10


def test_add1_skips_the_stable_stretch_with_few_exact_runs():
    """add1 reaches step 80 (A and B funded, exhaustive) with a handful of exact runs."""
    inst, ballots = _stable_election()
    result = tally(inst, ballots, "equal-shares-add1", TieBreak.lexicographic())
    assert result.selected == ("A", "B")
    assert result.parameters["steps"] == 80
    assert result.parameters["runs"] <= 3
    assert result.parameters["verified_steps"] >= 79


def test_ties_on_the_floor_go_to_the_tie_order_without_exact_runs():
    """Two projects with as many supporters tie at every share; the verifier lets the tie order decide."""
    projects = (Project("p1", "p1", 40), Project("p2", "p2", 60), Project("p3", "p3", 500))
    ballots = (ApprovalBallot(("p1", "p3")),) * 5 + (ApprovalBallot(("p2",)),) * 5 + (ApprovalBallot(("p3",)),)
    inst = Instance(projects, 300)
    _, _, base, anchor, verifier = _verifier_and_anchor(inst, ballots, 0)
    assert anchor.ties and anchor.ties[0].candidates == ("p1", "p2")
    shares = np.array([float(base + 1 + i) for i in range(8)])
    assert verifier.steps_kept(verifier.plan_of(anchor), shares) == 8


@pytest.mark.parametrize("cumulative", [False, True])
@MANY
@given(data=st.data())
def test_a_check_taken_up_where_the_last_gave_up_is_sound(cumulative, data):
    """After a check gives up at some share, the next order is checked from its saved state, soundly."""
    step, ctx, supporters, base, anchor, verifier = _draw_case(data, cumulative)
    shares = np.array([float(base + step + 1 + i) for i in range(16)])
    kept = verifier.steps_kept(verifier.plan_of(anchor), shares)
    if kept >= len(shares) - 1:
        return
    changed = run_equal_shares(ctx, base + step + 1 + kept, explain=False, supporters=supporters)
    plan = verifier.plan_of(changed)
    rest = shares[kept + 1 :]
    assert verifier.resumable(plan, rest) <= len(rest)
    again = verifier.steps_kept(plan, rest)
    for i in range(again):
        exact = run_equal_shares(ctx, base + step + 2 + kept + i, explain=False, supporters=supporters)
        assert exact.selected == changed.selected
