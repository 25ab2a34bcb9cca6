"""pb/rounds/services.py: the current round and budgets by formula."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pb.rounds.models import Phase
from pb.rounds.services import budgets_by_formula, current_round


def test_formula_gives_base_plus_population_share() -> None:
    """Each community gets the base amount plus its share of the rest, by population."""
    budgets = budgets_by_formula(1_000_000, 100_000, {"a": 3000, "b": 1000})
    assert budgets == {"a": 700_000, "b": 300_000}


@given(
    total=st.integers(0, 10**8),
    populations=st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 50_000), min_size=1, max_size=25),
)
def test_formula_always_adds_up_exactly(total: int, populations: dict[str, int]) -> None:
    """Whole kroner are handed out so the parts always add up to the total."""
    base = total // (2 * len(populations))
    budgets = budgets_by_formula(total, base, populations)
    assert sum(budgets.values()) == total
    assert all(amount >= base for amount in budgets.values())


def test_formula_refuses_base_above_total() -> None:
    """Base amounts larger than the total are an error."""
    with pytest.raises(ValueError):
        budgets_by_formula(100, 60, {"a": 1, "b": 1})


def test_current_round_is_the_newest_not_archived(session, make_round) -> None:
    """Archived rounds are never current; otherwise the newest round is."""
    older = make_round(phase=Phase.PUBLISHED)
    assert current_round(session) == older
    newer = make_round(phase=Phase.PROPOSALS)
    assert current_round(session) == newer
    newer.phase = Phase.ARCHIVED
    session.commit()
    assert current_round(session) == older
