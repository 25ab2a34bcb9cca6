"""Greedy and greedy-no-skip on small hand-made instances."""

from solver import TieBreak, tally


def test_greedy_skips_projects_that_do_not_fit(make_instance, approvals):
    """greedy passes over a project that does not fit and funds a cheaper later one."""
    inst = make_instance({"a": 60, "b": 50, "c": 30}, budget=100)
    result = tally(inst, approvals("abc", "ab", "a", "b", "c", "c"), "greedy", TieBreak.lexicographic())
    assert result.selected == ("a", "c")
    assert result.spent == 90 and result.leftover == 10
    b = result.explanation("b")
    assert (b.status, b.reason, b.budget_left) == ("not-funded", "did-not-fit", 40)


def test_greedy_no_skip_stops_at_first_misfit(make_instance, approvals):
    """greedy-no-skip stops at the first project that does not fit; later ones are not reached."""
    inst = make_instance({"a": 60, "b": 50, "c": 30}, budget=100)
    result = tally(inst, approvals("abc", "ab", "a", "b", "c"), "greedy-no-skip", TieBreak.lexicographic())
    assert result.selected == ("a",)
    assert result.explanation("c").reason == "not-reached"


def test_default_tie_break_prefers_lower_cost_and_records_the_tie(make_instance, approvals):
    """With equal scores the default order funds the cheaper project first and records the tie."""
    inst = make_instance({"a": 60, "b": 50}, budget=60)
    result = tally(inst, approvals("a", "b"), "greedy", TieBreak.default(seed=7))
    assert result.selected == ("b",)
    assert result.ties[0].candidates == ("b", "a") and result.tie_break.seed == 7


def test_lexicographic_tie_break_uses_id_strings(make_instance, approvals):
    """Lexicographic ties compare ids as strings ("10" before "9")."""
    inst = make_instance({"9": 10, "10": 10}, budget=10)
    result = tally(inst, approvals(("9",), ("10",)), "greedy", TieBreak.lexicographic())
    assert result.selected == ("10",)


def test_min_score_makes_projects_ineligible(make_instance, approvals):
    """Projects below the minimum score are not funded and say so."""
    inst = make_instance({"a": 10, "b": 10}, budget=100)
    result = tally(inst, approvals("ab", "a"), "greedy", min_score=2)
    assert result.selected == ("a",)
    assert result.explanation("b").status == "below-threshold"
