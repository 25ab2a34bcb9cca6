"""What each ballot paid under Equal Shares and add1 (solver.ballot_payments)."""

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import BallotPayments, SolverInputError, TieBreak, ballot_payments, tally
from solver.rules.base import make_context
from solver.rules.equal_shares.engine import run_equal_shares
from tests.solver.strategies import elections, long_add1_elections

EXAMPLES = int(__import__("os").environ.get("PB_HYPOTHESIS_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _utilities(inst, ballot, cumulative):
    """The ballot's utility per project: its points, or the cost of each approved project."""
    if cumulative:
        return {pid: points for pid, points in ballot.points if points > 0}
    return {pid: inst.project(pid).cost for pid in ballot.approved if inst.project(pid).cost > 0}


def _plain_equal_shares(inst, ballots, share, cumulative):
    """Equal Shares voter by voter in Fractions, ties by id: (selection, what each voter paid per project)."""
    cost = {p.id: p.cost for p in inst.projects}
    utility = [_utilities(inst, b, cumulative) for b in ballots]
    supporters = {pid: [i for i, u in enumerate(utility) if pid in u] for pid in cost}
    money = [Fraction(share)] * len(ballots)
    paid = [{} for _ in ballots]
    selected = [pid for pid in inst.project_ids if supporters[pid] and cost[pid] == 0]
    remaining = [pid for pid in inst.project_ids if supporters[pid] and cost[pid] > 0]
    while True:
        best = None
        for pid in remaining:
            voters = sorted(supporters[pid], key=lambda i: money[i] / utility[i][pid])
            if sum(money[i] for i in voters) < cost[pid]:
                continue
            covered, rest = Fraction(0), sum(utility[i][pid] for i in voters)
            for i in voters:
                rho = (cost[pid] - covered) / rest
                if rho * utility[i][pid] <= money[i]:
                    break
                covered += money[i]
                rest -= utility[i][pid]
            if best is None or rho < best[0] or (rho == best[0] and pid < best[1]):
                best = (rho, pid)
        if best is None:
            return selected, paid
        rho, pid = best
        for i in supporters[pid]:
            pay = min(money[i], rho * utility[i][pid])
            money[i] -= pay
            if pay:
                paid[i][pid] = pay
        selected.append(pid)
        remaining.remove(pid)


def _plain_add1(inst, ballots, cumulative):
    """The literal add1 loop over the plain implementation: one currency unit more per voter per step."""
    share = Fraction(inst.budget, len(ballots))
    candidates = [p.id for p in inst.projects if p.cost > 0]
    previous = None
    while True:
        selected, paid = _plain_equal_shares(inst, ballots, share, cumulative)
        spent = sum(inst.project(pid).cost for pid in selected)
        if spent > inst.budget:
            return previous
        supported = {pid for i, b in enumerate(ballots) for pid in _utilities(inst, b, cumulative)}
        left = inst.budget - spent
        if all(inst.project(pid).cost > left for pid in candidates if pid in supported and pid not in selected):
            return selected, paid
        previous, share = (selected, paid), share + inst.scale


def _check_against_plain(inst, ballots, rule, cumulative):
    result = tally(inst, ballots, rule, TieBreak.lexicographic())
    payments = ballot_payments(inst, ballots, result)
    assert len(payments) == len(ballots)
    if not ballots:
        assert result.selected == () and payments.totals() == {}
        return
    if rule == "equal-shares":
        plain = _plain_equal_shares(inst, ballots, Fraction(inst.budget, len(ballots)), cumulative)
    else:
        plain = _plain_add1(inst, ballots, cumulative)
    selected, paid = plain
    assert list(result.selected) == selected
    assert [payments[i] for i in range(len(ballots))] == paid
    # The payers of each funded project cover exactly its cost.
    assert payments.totals() == {pid: inst.project(pid).cost for pid in result.selected if inst.project(pid).cost}
    for i, ballot in enumerate(ballots):
        assert payments.spent(i) <= payments.share  # nobody pays more than their share
        assert set(payments[i]) <= set(_utilities(inst, ballot, cumulative))  # only supporters pay
        assert all(amount > 0 for amount in payments[i].values())


@pytest.mark.parametrize("rule", ["equal-shares", "equal-shares-add1"])
@pytest.mark.parametrize("cumulative", [False, True])
@FAST
@given(data=st.data())
def test_payments_agree_with_a_plain_implementation(rule, cumulative, data):
    """Each ballot's payments equal a plain voter-by-voter Equal Shares (add1: the literal loop), and add up to each cost."""
    inst, ballots = data.draw(elections(cumulative=cumulative))
    _check_against_plain(inst, ballots, rule, cumulative)


@pytest.mark.parametrize("cumulative", [False, True])
@FAST
@given(data=st.data())
def test_add1_payments_after_many_steps_agree_with_a_plain_implementation(cumulative, data):
    """Where add1 skips many steps with its verifier, the payments still equal the literal loop's."""
    inst, ballots = data.draw(long_add1_elections(cumulative=cumulative))
    _check_against_plain(inst, ballots, "equal-shares-add1", cumulative)


def test_each_ballot_gets_what_it_paid(make_instance, approvals):
    """Three voters split project a equally; the two others split b; nobody pays for c."""
    inst = make_instance({"a": 60, "b": 40, "c": 30}, budget=100)
    ballots = approvals("a", "a", "a", "bc", "bc")
    result = tally(inst, ballots, "equal-shares", TieBreak.lexicographic())
    payments = ballot_payments(inst, ballots, result)
    assert isinstance(payments, BallotPayments)
    assert payments.share == 20 and payments.projects == ("a", "b")
    assert list(payments) == [{"a": 20}, {"a": 20}, {"a": 20}, {"b": 20}, {"b": 20}]
    assert payments.totals() == {"a": 60, "b": 40}


def test_identical_ballots_given_as_distinct_objects_pay_the_same(make_instance):
    """Equal ballots that are distinct objects, in any position, get the same payments."""
    from solver import ApprovalBallot

    inst = make_instance({"a": 30, "b": 30}, budget=60)
    ballots = (ApprovalBallot(("a",)), ApprovalBallot(("b",)), ApprovalBallot(("a",)), ApprovalBallot(("a", "b")))
    result = tally(inst, ballots, "equal-shares", TieBreak.lexicographic())
    payments = ballot_payments(inst, ballots, result)
    assert payments[0] == payments[2]
    assert sum(payments.spent(i) for i in range(len(ballots))) == result.spent


def test_rules_that_charge_nobody_are_refused(make_instance, approvals):
    """Greedy charges no voter, so asking what each ballot paid is a clear error."""
    inst = make_instance({"a": 10}, budget=10)
    ballots = approvals("a")
    with pytest.raises(SolverInputError, match="equal-shares"):
        ballot_payments(inst, ballots, tally(inst, ballots, "greedy"))


def test_a_result_of_other_ballots_is_refused(make_instance, approvals):
    """Payments are only given for the ballots the result was tallied on."""
    inst = make_instance({"a": 60, "b": 40}, budget=100)
    result = tally(inst, approvals("a", "a", "a"), "equal-shares", TieBreak.lexicographic())
    with pytest.raises(SolverInputError, match="do not give this result"):
        ballot_payments(inst, approvals("b", "b", "b"), result)


def test_a_plain_tally_records_no_payments(make_instance, approvals):
    """Payments are recorded only on request: an ordinary run keeps none."""
    inst = make_instance({"a": 60, "b": 40}, budget=100)
    ctx = make_context(inst, approvals("a", "ab", "b"), TieBreak.lexicographic(), 0)
    assert run_equal_shares(ctx, Fraction(100, 3)).paid is None


@given(elections(cumulative=False))
def test_group_index_names_the_group_of_each_ballot(election):
    """group_index gives each ballot the group that group_ballots made for it, counts included."""
    from solver.rules.base import group_ballots, group_index

    inst, ballots = election
    groups, _ = group_ballots(inst, ballots)
    index = group_index(ballots)
    assert [groups[i].items for i in index] == [tuple((pid, 1) for pid in dict.fromkeys(b.approved)) for b in ballots]
    assert [g.count for g in groups] == [index.count(i) for i in range(len(groups))]
