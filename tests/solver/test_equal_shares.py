"""Method of Equal Shares and its add1 completion."""

import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import TieBreak, UnsupportedBallotError, read_pb, tally
from solver.rules.base import make_context
from solver.rules.equal_shares.engine import Rounds, run_equal_shares
from solver.rules.equal_shares.supporters import prepare
from tests.solver.strategies import elections, long_add1_elections

pabutools = pytest.importorskip("pabutools")


def _pabutools_mes(inst, ballots, cumulative, add1):
    """Run pabutools' method_of_equal_shares on our instance (lexicographic ties)."""
    from pabutools.election import (
        Additive_Cardinal_Sat,
        ApprovalBallot,
        ApprovalProfile,
        Cost_Sat,
        CumulativeBallot,
        CumulativeProfile,
        Instance,
        Project,
    )
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import lexico_tie_breaking

    projects = {p.id: Project(p.id, p.cost) for p in inst.projects}
    instance = Instance(projects.values(), budget_limit=inst.budget)
    if cumulative:
        profile = CumulativeProfile([CumulativeBallot({projects[p]: v for p, v in b.points}) for b in ballots])
        sat = Additive_Cardinal_Sat
    else:
        profile = ApprovalProfile([ApprovalBallot([projects[p] for p in b.approved]) for b in ballots])
        sat = Cost_Sat
    extra = {"voter_budget_increment": 1} if add1 else {}
    out = method_of_equal_shares(instance, profile, sat_class=sat, tie_breaking=lexico_tie_breaking, **extra)
    return [p.name for p in out]


def _assert_same(ours, theirs, inst):
    """Same set; positive-cost projects in the same order (zero-cost ones come first, unordered)."""
    assert sorted(ours) == sorted(theirs)
    positive = [p for p in theirs if inst.project(p).cost > 0]
    assert [p for p in ours if inst.project(p).cost > 0] == positive


def test_cost_utility_funds_cheapest_price_and_records_tie(make_instance, approvals):
    """Lowest price per unit of cost wins; an exact tie goes to the lexicographically first id."""
    inst = make_instance({"a": 60, "b": 40, "c": 30}, budget=100)
    ballots = approvals("a", "a", "a", "bc", "bc")
    result = tally(inst, ballots, "equal-shares", TieBreak.lexicographic())
    assert result.selected == ("a", "b")
    assert result.ties[0].candidates == ("b", "c") and result.ties[0].criterion == "affordability"
    c = result.explanation("c")
    assert (c.status, c.reason, c.supporters_budget) == ("not-funded", "supporters-could-not-afford", 0)
    a = result.explanation("a")
    assert a.step == 1 and a.price_per_unit == Fraction(1, 3) and a.supporters_budget == 60


def test_default_tie_order_prefers_cheaper_project(make_instance, approvals):
    """Under the default order an affordability tie goes to the cheaper of equal-score projects."""
    inst = make_instance({"a": 60, "b": 40, "c": 30}, budget=100)
    result = tally(inst, approvals("a", "a", "a", "bc", "bc"), "equal-shares", TieBreak.default(seed=1))
    assert result.selected == ("a", "c")


def test_cumulative_uses_points_as_utility(data_dir):
    """On cumulative ballots the utility is the points (the heavy supporter pays all it has)."""
    election = read_pb(data_dir / "cumulative.pb")
    result = tally(election.instance, election.ballots, "equal-shares", TieBreak.lexicographic())
    assert result.selected == ("a",)
    assert result.explanation("a").price_per_unit == Fraction(80, 21)


def test_ordinal_ballots_are_refused(data_dir):
    """Equal Shares refuses ordinal ballots with a clear error."""
    election = read_pb(data_dir / "ordinal.pb")
    with pytest.raises(UnsupportedBallotError, match="ordinal"):
        tally(election.instance, election.ballots, "equal-shares")


def test_add1_raises_shares_until_exhaustive(make_instance, approvals):
    """add1 funds more than plain Equal Shares when raising the shares makes room, and reports the share."""
    inst = make_instance({"a": 60, "b": 40, "c": 30}, budget=100)
    ballots = approvals("a", "a", "a", "bc", "bc")
    plain = tally(inst, ballots, "equal-shares", TieBreak.lexicographic())
    completed = tally(inst, ballots, "equal-shares-add1", TieBreak.lexicographic())
    theirs = _pabutools_mes(inst, ballots, cumulative=False, add1=True)
    _assert_same(completed.selected, theirs, inst)
    assert completed.parameters["voter_budget"] >= plain.parameters["voter_budget"]


def test_no_voters_funds_nothing(make_instance):
    """Without ballots Equal Shares funds nothing (as pabutools does)."""
    inst = make_instance({"a": 10}, budget=100)
    assert tally(inst, (), "equal-shares").selected == ()
    assert tally(inst, (), "equal-shares-add1").selected == ()


FAST = settings(max_examples=int(__import__("os").environ.get("PB_HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("rule", "cumulative"),
    [("equal-shares", False), ("equal-shares", True), ("equal-shares-add1", False)],
)
@FAST
@given(data=st.data())
def test_matches_pabutools_on_random_elections(rule, cumulative, data):
    """Same projects as pabutools' method_of_equal_shares (Cost_Sat/Additive_Cardinal_Sat, add1 = increment 1)."""
    inst, ballots = data.draw(elections(cumulative=cumulative))
    ours = tally(inst, ballots, rule, TieBreak.lexicographic()).selected
    theirs = _pabutools_mes(inst, ballots, cumulative=cumulative, add1=rule == "equal-shares-add1")
    _assert_same(ours, theirs, inst)


def _add1_one_run_per_step(inst, ballots):
    """The literal add1 loop: one exact Equal Shares run at every share, as pabutools does."""
    ctx = make_context(inst, ballots, TieBreak.lexicographic(), 0)
    share = Fraction(inst.budget, ctx.num_voters)
    previous = None
    while True:
        run = run_equal_shares(ctx, share)
        spent = sum(inst.project(p).cost for p in run.selected)
        if spent > inst.budget:
            return previous.selected
        left = inst.budget - spent
        if all(inst.project(p).cost > left for p in run.candidates if p not in run.selected):
            return run.selected
        previous, share = run, share + 1


@FAST
@given(elections(cumulative=True))
def test_add1_matches_one_run_per_step(election):
    """add1 with skipped steps equals the plain loop that reruns Equal Shares at every step."""
    inst, ballots = election
    ours = tally(inst, ballots, "equal-shares-add1", TieBreak.lexicographic())
    if not ballots:
        assert ours.selected == ()
        return
    assert list(ours.selected) == list(_add1_one_run_per_step(inst, ballots))


@pytest.mark.parametrize("cumulative", [False, True])
@settings(FAST, max_examples=4 * FAST.max_examples)  # only about one in ten needs many steps
@given(data=st.data())
def test_add1_skipping_many_steps_matches_one_run_per_step(cumulative, data):
    """Where add1 needs many steps, the verified skips give the same projects as running every step."""
    inst, ballots = data.draw(long_add1_elections(cumulative=cumulative))
    ours = tally(inst, ballots, "equal-shares-add1", TieBreak.lexicographic())
    assert list(ours.selected) == list(_add1_one_run_per_step(inst, ballots))


@FAST
@given(elections(cumulative=False))
def test_no_voter_pays_more_than_their_share(election):
    """Every voter ends with money between 0 and the initial share (never charged more than it)."""
    inst, ballots = election
    ctx = make_context(inst, ballots, TieBreak.lexicographic(), 0)
    if ctx.num_voters == 0:
        return
    share = Fraction(inst.budget, ctx.num_voters)
    run = run_equal_shares(ctx, share)
    left_per_group = run.group_budget()
    assert all(0 <= left <= share for left in left_per_group)
    paid = sum((share - left) * g.count for left, g in zip(left_per_group, ctx.groups))
    assert paid == sum(inst.project(p).cost for p in run.selected)
    assert math.isclose(float(paid), sum(inst.project(p).cost for p in run.selected))


@FAST
@given(election=elections(cumulative=False), data=st.data())
def test_funding_the_true_first_winners_changes_nothing_but_ties(election, data):
    """A run told its first winners (as add1's verifier proves them) funds the same, at the same prices."""
    inst, ballots = election
    ctx = make_context(inst, ballots, TieBreak.lexicographic(), 0)
    if ctx.num_voters == 0:
        return
    share = Fraction(inst.budget, ctx.num_voters)
    full = run_equal_shares(ctx, share, explain=False)
    rounds = [pid for pid in full.selected if pid in full.steps]
    count = data.draw(st.integers(0, len(rounds)))
    told = Rounds(ctx, prepare(ctx), share)
    for pid in rounds[:count]:
        told.fund(pid)
    run = told.play()
    assert run.selected == full.selected
    assert run.steps == full.steps
