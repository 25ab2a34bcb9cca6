"""Max-welfare ILP: optimum, determinism among optima, constraints, infeasibility and solver status."""

import importlib.util
import itertools

import pulp
import pytest

from solver import (
    Constraints,
    InfeasibleConstraintsError,
    SolverError,
    SolverInputError,
    TieBreak,
    tally,
)
from solver.errors import UnsupportedConstraintError
from solver.rules import ilp, maxwelfare
from solver.rules.ilp import bundled_cbc_path

HAVE_HIGHSPY = importlib.util.find_spec("highspy") is not None


@pytest.fixture(autouse=True, params=["enumerate", "highs", "cbc"])
def default_ilp_solver(request, monkeypatch):
    """Every test runs three ways: small instances enumerated, and always the ILP with HiGHS and with CBC."""
    if request.param != "enumerate":
        monkeypatch.setattr(maxwelfare, "ENUMERATE_UP_TO", 0)
    if request.param == "highs" and not HAVE_HIGHSPY:
        pytest.skip("highspy is not installed")
    if request.param == "cbc":
        monkeypatch.setattr(ilp, "highs_available", lambda: False)
    return request.param


def _brute_force_best(inst, scores):
    """Highest total score of any affordable subset, by enumeration."""
    best = 0
    ids = inst.project_ids
    for r in range(len(ids) + 1):
        for subset in itertools.combinations(ids, r):
            if sum(inst.project(p).cost for p in subset) <= inst.budget:
                best = max(best, sum(scores[p] for p in subset))
    return best


def test_beats_greedy_when_greedy_wastes_budget(make_instance, approvals):
    """The ILP finds the best-scoring affordable set where greedy does not."""
    inst = make_instance({"a": 60, "b": 50, "c": 50}, budget=100)
    ballots = approvals("abc", "abc", "ab", "ac", "a")
    greedy = tally(inst, ballots, "greedy", TieBreak.lexicographic())
    best = tally(inst, ballots, "max-welfare", TieBreak.lexicographic())
    assert greedy.selected == ("a",)
    assert sorted(best.selected) == ["b", "c"]
    assert best.total_score == 6 > greedy.total_score == 5
    assert best.explanation("a").reason == "did-not-fit"


def test_picks_the_optimal_set_the_tie_order_prefers(make_instance, approvals):
    """With several optimal sets it funds the one with the best-ranked project and says others exist."""
    inst = make_instance({"x": 50, "y": 50, "z": 50}, budget=100)
    ballots = approvals("xyz")
    lexico = tally(inst, ballots, "max-welfare", TieBreak.lexicographic())
    explicit = tally(inst, ballots, "max-welfare", TieBreak.explicit(["z", "y", "x"]))
    assert lexico.selected == ("x", "y") and lexico.other_optimal_sets is True
    assert explicit.selected == ("z", "y")
    assert lexico.ties and lexico.ties[0].criterion == "optimal-set"


def test_unique_optimum_reports_no_other_sets(make_instance, approvals):
    """A unique optimum says no other optimal set exists."""
    inst = make_instance({"a": 10, "b": 90}, budget=50)
    result = tally(inst, approvals("a", "ab"), "max-welfare")
    assert result.selected == ("a",) and result.other_optimal_sets is False


def test_honours_exclusive_groups_and_explains(make_instance, approvals):
    """At most one project of a mutually exclusive group is funded; the other is 'excluded'."""
    inst = make_instance({"a": 10, "b": 10, "c": 10}, budget=100)
    result = tally(
        inst, approvals("abc", "ab", "a"), "max-welfare", constraints=Constraints(exclusive_groups=(("a", "b"),))
    )
    assert sorted(result.selected) == ["a", "c"]
    b = result.explanation("b")
    assert b.status == "excluded" and "a, b" in b.constraint


def test_honours_category_spend_and_must_fund(make_instance, approvals):
    """Category minimum/maximum spend and must-fund projects shape the optimum."""
    inst = make_instance(
        {"a": 40, "b": 40, "c": 30, "d": 30}, budget=100,
        categories={"a": {"parks"}, "b": {"parks"}, "c": {"roads"}, "d": {"roads"}},
    )
    ballots = approvals("ab", "ab", "ab", "c", "d")
    constraints = Constraints(category_max_spend={"parks": 40}, category_min_spend={"roads": 60}, must_fund=("d",))
    result = tally(inst, ballots, "max-welfare", TieBreak.lexicographic(), constraints=constraints)
    assert sorted(result.selected) == ["a", "c", "d"]
    assert result.explanation("b").status == "excluded"


def test_infeasible_constraints_name_the_conflict(make_instance, approvals):
    """Conflicting constraints raise InfeasibleConstraintsError naming only the conflicting ones."""
    inst = make_instance({"a": 60, "b": 60, "c": 1}, budget=100)
    constraints = Constraints(must_fund=("a", "b"), exclusive_groups=(("c",),))
    with pytest.raises(InfeasibleConstraintsError) as info:
        tally(inst, approvals("abc"), "max-welfare", constraints=constraints)
    assert set(info.value.constraints) == {"budget", "must fund a", "must fund b"}
    assert "must fund a" in str(info.value)


def test_must_fund_below_threshold_is_infeasible(make_instance, approvals):
    """A must-fund project below the minimum score is an infeasibility, named as such."""
    inst = make_instance({"a": 10, "b": 10}, budget=100)
    with pytest.raises(InfeasibleConstraintsError, match="minimum score"):
        tally(inst, approvals("a", "a"), "max-welfare", min_score=1, constraints=Constraints(must_fund=("b",)))


def test_unknown_project_in_constraint_is_refused(make_instance, approvals):
    """Constraints naming unknown projects raise SolverInputError."""
    with pytest.raises(SolverInputError, match="unknown project"):
        tally(make_instance({"a": 1}, 5), approvals("a"), "max-welfare", constraints=Constraints(must_fund=("zz",)))


@pytest.mark.parametrize("rule", ["greedy", "greedy-no-skip", "equal-shares", "equal-shares-add1"])
def test_other_rules_refuse_ilp_constraints(make_instance, approvals, rule):
    """Greedy and Equal Shares refuse ILP-only constraints clearly."""
    with pytest.raises(UnsupportedConstraintError, match="max-welfare"):
        tally(make_instance({"a": 1}, 5), approvals("a"), rule, constraints=Constraints(must_fund=("a",)))


class _GivesUp(pulp.LpSolver):
    """A fake solver that never solves: the status must be checked before reading variables."""

    def available(self):
        return True

    def actualSolve(self, lp, **kwargs):
        lp.assignStatus(pulp.LpStatusNotSolved)
        return lp.status


class _StopsEarly(pulp.LpSolver):
    """A fake solver that claims a feasible but unproven solution (as after a time limit)."""

    def available(self):
        return True

    def actualSolve(self, lp, **kwargs):
        for var in lp.variables():
            var.varValue = 0
        lp.assignStatus(pulp.LpStatusOptimal, pulp.LpSolutionIntegerFeasible)
        return lp.status


@pytest.mark.parametrize("solver", [_GivesUp(), _StopsEarly()])
def test_non_optimal_status_raises_solver_error(make_instance, approvals, solver):
    """A non-optimal solver status raises SolverError instead of returning a guess."""
    with pytest.raises(SolverError, match="not an optimal solution"):
        tally(make_instance({"a": 1}, 5), approvals("a"), "max-welfare", ilp_solver=solver)


def test_injected_cbc_solver_is_used(make_instance, approvals):
    """A PuLP solver object can be passed in."""
    result = tally(make_instance({"a": 1}, 5), approvals("a"), "max-welfare", ilp_solver=pulp.COIN_CMD(msg=False, path=bundled_cbc_path()))
    assert result.selected == ("a",)


def test_default_is_highs_when_installed_else_cbc(default_ilp_solver):
    """Without a choice, max-welfare uses HiGHS in process when highspy is installed, else CBC."""
    made = ilp.make_solver(None)
    assert isinstance(made, pulp.COIN_CMD if default_ilp_solver == "cbc" else pulp.HiGHS)


@pytest.mark.skipif(not HAVE_HIGHSPY, reason="highspy is not installed")
def test_highs_gives_the_same_result(make_instance, approvals, default_ilp_solver):
    """HiGHS finds the same optimum as CBC."""
    if default_ilp_solver != "highs":
        pytest.skip("compares both solvers once, in the highs run")
    inst = make_instance({"a": 60, "b": 50, "c": 50}, budget=100)
    ballots = approvals("abc", "abc", "ab", "ac", "a")
    highs = tally(inst, ballots, "max-welfare", ilp_solver="highs")
    assert highs.selected == tally(inst, ballots, "max-welfare", ilp_solver="cbc").selected


def test_highs_without_highspy_is_a_clear_error(make_instance, approvals, monkeypatch):
    """Asking for HiGHS without highspy raises SolverInputError naming the package."""
    monkeypatch.setattr(ilp, "highs_available", lambda: False)
    with pytest.raises(SolverInputError, match="highspy"):
        tally(make_instance({"a": 1}, 5), approvals("a"), "max-welfare", ilp_solver="highs")


def test_optimum_equals_brute_force(make_instance, approvals):
    """On a small instance the ILP's total score equals the best subset found by enumeration."""
    inst = make_instance({"a": 7, "b": 5, "c": 4, "d": 3, "e": 9}, budget=15)
    ballots = approvals("ab", "bcd", "e", "ae", "cd", "d", "be")
    result = tally(inst, ballots, "max-welfare")
    assert result.total_score == _brute_force_best(inst, result.scores)
    assert result.spent <= inst.budget


class _Overspends(pulp.LpSolver):
    """A fake solver that claims an optimal solution funding everything (as a loose tolerance might)."""

    def available(self):
        return True

    def actualSolve(self, lp, **kwargs):
        for var in lp.variables():
            var.varValue = 1
        lp.assignStatus(pulp.LpStatusOptimal, pulp.LpSolutionOptimal)
        return lp.status


def test_answer_that_breaks_a_constraint_exactly_is_never_returned(make_instance, approvals):
    """Every solver answer is checked in integers; one that overspends is cut off, and a solver that insists fails."""
    with pytest.raises(SolverError, match="counted exactly"):
        tally(make_instance({"a": 3, "b": 3}, 5), approvals("ab"), "max-welfare", ilp_solver=_Overspends())


@pytest.mark.parametrize("seed", range(3))
def test_enumeration_and_ilp_agree(make_instance, approvals, default_ilp_solver, seed):
    """On random small instances the enumeration picks exactly the ILP's set, ties and other-sets flag included."""
    if default_ilp_solver != "enumerate":
        pytest.skip("compares the two paths once")
    import random

    rng = random.Random(seed)
    for _ in range(15):
        costs = {p: rng.choice([0, 3, 5, 5, 8, 10]) for p in "abcdefgh"[: rng.randint(1, 8)]}
        inst = make_instance(costs, budget=rng.randint(0, 25))
        ballots = approvals(*("".join(p for p in costs if rng.random() < 0.5) for _ in range(6)))
        tie_break = TieBreak.default(seed)
        enumerated = tally(inst, ballots, "max-welfare", tie_break)
        solved = tally(inst, ballots, "max-welfare", tie_break, ilp_solver="cbc")
        assert enumerated == solved
