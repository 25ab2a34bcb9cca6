"""Properties every rule keeps on random small elections (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import RULES, TieBreak, tally
from tests.solver.strategies import elections

CHEAP_RULES = tuple(r for r in RULES if r != "max-welfare")
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each max-welfare example starts CBC a few times, so fewer examples.
ILP = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("rule", CHEAP_RULES)
@QUICK
@given(data=st.data(), cumulative=st.booleans(), seed=st.integers(0, 5))
def test_never_overspends_and_is_repeatable(rule, data, cumulative, seed):
    """No rule spends more than the budget, and the same input gives the same result twice."""
    inst, ballots = data.draw(elections(cumulative=cumulative))
    first = tally(inst, ballots, rule, TieBreak.default(seed))
    again = tally(inst, ballots, rule, TieBreak.default(seed))
    assert first.spent <= inst.budget and first.leftover == inst.budget - first.spent
    assert first == again
    assert len(set(first.selected)) == len(first.selected)
    funded = {e.project_id for e in first.explanations if e.status == "funded"}
    assert funded == set(first.selected)


@ILP
@given(elections(), st.integers(0, 3))
def test_max_welfare_scores_at_least_greedy_and_fits(election, seed):
    """Max-welfare never overspends, scores at least what greedy scores, and is repeatable."""
    inst, ballots = election
    best = tally(inst, ballots, "max-welfare", TieBreak.default(seed))
    greedy = tally(inst, ballots, "greedy", TieBreak.default(seed))
    assert best.spent <= inst.budget
    assert best.total_score >= greedy.total_score
    assert best.selected == tally(inst, ballots, "max-welfare", TieBreak.default(seed)).selected


@QUICK
@given(elections(), st.integers(0, 3))
def test_threshold_excludes_low_scores_in_every_rule(election, min_score):
    """No rule funds a project scoring below the minimum score."""
    inst, ballots = election
    for rule in CHEAP_RULES:
        result = tally(inst, ballots, rule, TieBreak.lexicographic(), min_score=min_score)
        assert all(result.scores[p] >= min_score for p in result.selected)
