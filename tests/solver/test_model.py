"""Input types and tie-break validation."""

import pytest

from solver import Instance, Project, SolverInputError, TieBreak, tally


def test_costs_must_be_non_negative_ints():
    """A float or negative cost is refused: money is integer minor units."""
    with pytest.raises(SolverInputError):
        Project("a", "A", 10.5)
    with pytest.raises(SolverInputError):
        Project("a", "A", -1)


def test_project_ids_must_be_unique():
    """An instance with two projects of the same id is refused."""
    with pytest.raises(SolverInputError, match="unique"):
        Instance((Project("a", cost=1), Project("a", cost=2)), 10)


def test_inputs_are_frozen(make_instance):
    """Instances and projects cannot be changed after creation."""
    inst = make_instance({"a": 1}, 5)
    with pytest.raises(AttributeError):
        inst.budget = 7
    with pytest.raises(AttributeError):
        inst.projects[0].cost = 3


def test_explicit_order_must_name_every_project(make_instance, approvals):
    """An explicit tie order missing a project is refused."""
    with pytest.raises(SolverInputError, match="every project"):
        tally(make_instance({"a": 1, "b": 1}, 5), approvals("ab"), "greedy", TieBreak.explicit(["a"]))


def test_seeded_lot_is_reproducible_and_recorded(make_instance):
    """The same seed gives the same lot; the result records the seed."""
    inst = make_instance({k: 1 for k in "abcdefgh"}, 5)
    assert TieBreak.default(3).lot(inst) == TieBreak.default(3).lot(inst)
    assert TieBreak.default(3).lot(inst) != TieBreak.default(4).lot(inst)
    assert tally(inst, (), "greedy", TieBreak.default(3)).tie_break.describe() == {"tie_break": "default", "seed": 3}


def test_unknown_rule_is_refused(make_instance):
    """An unknown rule name raises SolverInputError listing the rules."""
    with pytest.raises(SolverInputError, match="greedy-no-skip"):
        tally(make_instance({"a": 1}, 5), (), "borda")
