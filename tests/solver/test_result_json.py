"""The JSON of a result (solver.result_to_json) and its reader (solver.result_from_json)."""

import json
from fractions import Fraction

import pytest

from solver import RULES, Constraints, TieBreak, read_pb, result_from_json, result_to_json, tally


def _round_trip(result):
    return result_from_json(json.loads(json.dumps(result_to_json(result))))


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("name", ["tiny_bom_crlf.pb", "cumulative.pb"])
def test_every_rule_round_trips_exactly(data_dir, name, rule):
    """Writing a result as JSON and reading it back gives an equal Result, fractions and decimals included."""
    election = read_pb(data_dir / name)
    for tie_break in (TieBreak.default(7), TieBreak.lexicographic(),
                      TieBreak.explicit(reversed(election.instance.project_ids))):
        result = tally(election.instance, election.ballots, rule, tie_break)
        assert _round_trip(result) == result


def test_fractions_are_exact_and_money_is_in_file_units(data_dir):
    """Equal Shares' fractional shares survive exactly; display money stays in the file's units."""
    election = read_pb(data_dir / "tiny_bom_crlf.pb")
    result = tally(election.instance, election.ballots, "equal-shares-add1")
    document = result_to_json(result)
    assert document["budget"] == 1000.5 and document["scale"] == 100
    share = result.parameters["voter_budget"]
    assert isinstance(share, Fraction)
    assert Fraction(document["exact"]["parameters"]["voter_budget"]) == share
    again = result_from_json(document)
    assert again.parameters["voter_budget"] == share
    assert [e.supporters_budget for e in again.explanations] == [e.supporters_budget for e in result.explanations]


def test_constraint_explanations_round_trip(make_instance, approvals):
    """A max-welfare result with an excluded project and other optimal sets reads back equal."""
    instance = make_instance({"a": 30, "b": 30, "c": 40}, budget=70)
    ballots = approvals("ab", "ab", "c")
    result = tally(instance, ballots, "max-welfare", TieBreak.lexicographic(),
                   constraints=Constraints(exclusive_groups=(("a", "b"),)))
    assert any(e.constraint for e in result.explanations)
    assert _round_trip(result) == result


@pytest.mark.parametrize(
    "document",
    [{}, {"format": 99}, {"format": 1, "scale": 1}, {"format": 1, "scale": 1, "parameters": {}, "projects": [{}]}],
)
def test_reader_refuses_other_documents(document):
    """Anything result_to_json did not write raises ValueError."""
    with pytest.raises(ValueError):
        result_from_json(document)
