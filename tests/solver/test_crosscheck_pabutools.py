"""Cross-check our solver against pabutools 1.2.3 on the pabulib corpus.

The pabutools outcomes come from the committed fixture
``fixtures/pabutools_results.json`` (rebuild it with
``python tests/solver/make_pabutools_fixture.py``); a few small files are also
run live through pabutools.  The corpus is read from ``PB_PABULIB_DIR`` (default
``<repo>/../shared/pabulib``); without it these tests skip, or fail when
``PB_REQUIRE_CORPUS=1``.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "pabutools_results.json"


def _load_fixture_maker():
    """The fixture script, loaded by path so that its helpers are shared."""
    spec = importlib.util.spec_from_file_location(
        "make_pabutools_fixture", HERE / "make_pabutools_fixture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_fixture_maker()
EXPECTED = json.loads(FIXTURE.read_text(encoding="utf-8"))
FILES = EXPECTED["files"]

# Small files of each ballot type that are also run live through pabutools.
LIVE_SAMPLE = (
    "Netherlands_Assen_2024.pb",
    "US_Stanford_Dataset_CNYCF_Participatory_Budgeting_Project_2023_vote_approvals.pb",
    "Poland_Zabrze_2021_Zandka.pb",
    "Poland_Gdansk_2020_Rudniki.pb",
    "Worldwide_Mechanical_Turk_Utilities_6.pb",
)


@lru_cache(maxsize=2)
def _election(path: Path):
    from solver import read_pb

    return read_pb(path)


def _tally(path: Path, rule: str):
    from solver import TieBreak, tally

    election = _election(path)
    return tally(
        election.instance,
        election.ballots,
        rule=rule,
        tie_break=TieBreak.lexicographic(),
    )


def _cases(rules: tuple[str, ...]):
    """(file, rule) parameters, grouped by file so each file is parsed once."""
    return [
        pytest.param(name, rule, id=f"{name}-{rule}")
        for name in sorted(FILES)
        for rule in rules
        if rule in FILES[name]["rules"]
    ]


def test_fixture_covers_every_corpus_file(pabulib_dir):
    """The fixture has every rule for every approval, choose-1 and cumulative corpus file."""
    on_disk = maker.corpus_files(pabulib_dir)
    assert on_disk, f"no approval/choose-1/cumulative .pb files in {pabulib_dir}"
    assert sorted(FILES) == sorted(on_disk), "fixture is stale: rerun make_pabutools_fixture.py"
    for name, vote_type in on_disk.items():
        entry = FILES[name]
        assert entry["vote_type"] == vote_type, name
        assert sorted(entry["rules"]) == sorted(maker.rules_for(vote_type)), name
        errors = {r: e["error"] for r, e in entry["rules"].items() if "error" in e}
        assert not errors, f"{name}: pabutools errors in fixture: {errors}"


@pytest.mark.parametrize(("name", "rule"), _cases(("greedy", "equal-shares")))
def test_same_selection_as_pabutools(pabulib_dir, name, rule):
    """Greedy and equal shares select exactly pabutools' projects."""
    result = _tally(pabulib_dir / name, rule)
    assert sorted(result.selected) == FILES[name]["rules"][rule]["selected"]


@pytest.mark.parametrize(("name", "rule"), _cases(("equal-shares-add1",)))
def test_add1_same_selection_as_pabutools(pabulib_dir, name, rule):
    """Equal shares with add1 completion selects pabutools' projects where pabutools finished."""
    expected = FILES[name]["rules"][rule]
    if "timeout" in expected:
        pytest.skip(f"pabutools did not finish add1 within {expected['timeout']} s")
    result = _tally(pabulib_dir / name, rule)
    assert sorted(result.selected) == expected["selected"]


@pytest.mark.parametrize(("name", "rule"), _cases(("max-welfare",)))
def test_max_welfare_reaches_pabutools_optimum(pabulib_dir, name, rule):
    """Max-welfare reaches pabutools' optimal total score within the budget."""
    expected = FILES[name]["rules"][rule]
    result = _tally(pabulib_dir / name, rule)
    assert result.spent <= _election(pabulib_dir / name).instance.budget
    assert result.total_score == max(expected["score"], expected["score_ilp"])


@pytest.mark.parametrize("rule", ("greedy", "equal-shares"))
@pytest.mark.parametrize("name", LIVE_SAMPLE)
def test_same_selection_as_live_pabutools(pabulib_dir, name, rule):
    """On small files our selection equals a live pabutools run, not only the fixture."""
    from pabutools.election import parse_pabulib

    path = pabulib_dir / name
    instance, profile = parse_pabulib(str(path))
    vote_type = maker.pb_vote_type(path)
    expected = maker.run_rule(instance, profile, vote_type, rule)["selected"]
    assert sorted(_tally(path, rule).selected) == expected
