"""The raw outcome a rule hands back to :func:`solver.tally`, which turns it into a Result."""

from __future__ import annotations

from dataclasses import dataclass

from ..result import Explanation, TieRecord


@dataclass
class Outcome:
    """Selected ids in order, decided ties, explanations by project id, and rule parameters."""

    selected: tuple[str, ...]
    ties: tuple[TieRecord, ...]
    explanations: dict[str, Explanation]
    parameters: dict[str, object]
    other_optimal_sets: bool | None = None
