"""The cross-check against pabutools on instances of the project's own making: runs on a fresh clone.

The pabulib corpus is not in the repository (its README asks not to copy it), so
``tests/solver/instances/`` holds a few generated instances (approval, approval with
ties, cumulative, choose-1 and a large one), written by ``make_own_instances.py``, with
pabutools' outcomes in ``fixtures/own_instances_pabutools.json``.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest

from solver import TieBreak, read_pb, tally
from solver.pabulib import dumps_pb

HERE = Path(__file__).resolve().parent
INSTANCES = HERE / "instances"
EXPECTED = json.loads((HERE / "fixtures" / "own_instances_pabutools.json").read_text(encoding="utf-8"))["files"]
#: Small enough for pabutools to run live in a test.
LIVE = ("approval_small.pb", "approval_ties.pb", "cumulative.pb", "choose1.pb")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases():
    return [
        pytest.param(name, rule, id=f"{name}-{rule}")
        for name, entry in sorted(EXPECTED.items())
        for rule in entry["rules"]
    ]


def test_instances_are_what_the_script_writes(tmp_path):
    """Regenerating the instances gives the committed files byte for byte (deterministic, not hand-edited)."""
    kinds = _load("make_own_instances").write_instances(tmp_path)
    assert sorted(kinds) == sorted(p.name for p in INSTANCES.glob("*.pb")) == sorted(EXPECTED)
    for name in kinds:
        assert (tmp_path / name).read_bytes() == (INSTANCES / name).read_bytes(), name
    assert {EXPECTED[n]["vote_type"] for n in kinds} == {"approval", "cumulative", "choose-1"}
    assert max(len(read_pb(INSTANCES / n).ballots) for n in kinds) == 20_000  # one large instance


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_round_trip(name):
    """Each instance reads, and read -> write -> read gives the same instance and ballots."""
    first = read_pb(INSTANCES / name)
    second = read_pb(io.StringIO(dumps_pb(first)))
    assert second.instance == first.instance and second.ballots == first.ballots


@pytest.mark.parametrize(("name", "rule"), _cases())
def test_same_outcome_as_pabutools(name, rule):
    """Our selection equals pabutools' (max-welfare: the same optimal score) on every own instance."""
    expected = EXPECTED[name]["rules"][rule]
    if "timeout" in expected:
        pytest.skip(f"pabutools did not finish {rule} within {expected['timeout']} s")
    assert "error" not in expected, expected
    election = read_pb(INSTANCES / name)
    result = tally(election.instance, election.ballots, rule, TieBreak.lexicographic())
    if rule == "max-welfare":
        assert result.total_score == max(expected["score"], expected["score_ilp"])
        assert result.spent <= election.instance.budget
    else:
        assert sorted(result.selected) == expected["selected"]


@pytest.mark.parametrize("rule", ["greedy", "equal-shares", "max-welfare"])
@pytest.mark.parametrize("name", LIVE)
def test_same_outcome_as_live_pabutools(name, rule):
    """On the small instances pabutools also runs live, so the fixture cannot drift from it."""
    from pabutools.election import parse_pabulib

    maker = _load("make_pabutools_fixture")
    instance, profile = parse_pabulib(str(INSTANCES / name))
    live = maker.run_rule(instance, profile, EXPECTED[name]["vote_type"], rule, check_ilp=False)
    stored = EXPECTED[name]["rules"][rule]
    if rule == "max-welfare":
        assert live["score"] == stored["score"]
    else:
        assert live["selected"] == stored["selected"]
