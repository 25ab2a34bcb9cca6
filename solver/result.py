"""The single result type every rule returns, with per-project explanations and tie records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .tiebreak import TieBreak

#: Explanation statuses, one per project.
FUNDED = "funded"
NOT_FUNDED = "not-funded"
BELOW_THRESHOLD = "below-threshold"
EXCLUDED = "excluded"

#: Reasons a project was not funded.
DID_NOT_FIT = "did-not-fit"  # its turn came with less money left than its cost
NOT_REACHED = "not-reached"  # greedy-no-skip stopped before its turn
UNAFFORDABLE = "supporters-could-not-afford"  # equal shares: supporters' money ran short
NOT_IN_OPTIMUM = "not-in-optimal-set"  # max-welfare: a better-scoring set excludes it


@dataclass(frozen=True, slots=True)
class TieRecord:
    """One decided tie.

    Attributes
    ----------
    step : int
        1-based selection step at which the tie was decided.
    candidates : tuple of str
        The tied projects, in tie order (the first won).
    chosen : str
        The project that was picked.
    criterion : str
        What was equal (``"score"``, ``"affordability"``, ``"optimal-set"``).
    decided_by : str
        The tie-break kind that decided it.
    """

    step: int
    candidates: tuple[str, ...]
    chosen: str
    criterion: str
    decided_by: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one project was or was not funded (structured; the app renders the text).

    Attributes
    ----------
    project_id : str
    status : str
        ``"funded"``, ``"not-funded"``, ``"below-threshold"`` or ``"excluded"``.
    score : int
        Approvals or points.
    cost : int
        Minor units.
    step : int or None
        1-based step at which it was funded.
    reason : str or None
        For unfunded projects: ``"did-not-fit"``, ``"not-reached"``,
        ``"supporters-could-not-afford"``, ``"not-in-optimal-set"``.
    budget_left : int or None
        Money left when its turn came (greedy rules).
    supporters_budget : Fraction or None
        Equal shares: what its supporters had left together, at its funding or at the end.
    price_per_unit : Fraction or None
        Equal shares: the affordability rho (payment per unit of utility) when funded.
    constraint : str or None
        The constraint that excluded it, when status is ``"excluded"``.
    """

    project_id: str
    status: str
    score: int
    cost: int
    step: int | None = None
    reason: str | None = None
    budget_left: int | None = None
    supporters_budget: Fraction | None = None
    price_per_unit: Fraction | None = None
    constraint: str | None = None


@dataclass(frozen=True)
class Result:
    """The outcome of one tally, the same type for every rule.

    Attributes
    ----------
    rule : str
        One of :data:`solver.RULES`.
    parameters : mapping
        Rule parameters (``min_score``, and e.g. the final voter budget of add1).
    selected : tuple of str
        Funded project ids in the order they were chosen.
    budget, spent, leftover : int
        Minor units; ``leftover == budget - spent``.
    total_score : int
        Sum of the scores of the funded projects.
    tie_break : TieBreak
        The tie order used (with its seed).
    ties : tuple of TieRecord
        Every tie that was decided, in order.
    explanations : tuple of Explanation
        One per project, in instance order.
    scores : mapping of str to int
        Every project's score.
    scale : int
        Minor units per currency unit (from the instance).
    other_optimal_sets : bool or None
        ``max-welfare`` only: whether another set reaches the same total score.
    """

    rule: str
    parameters: Mapping[str, object]
    selected: tuple[str, ...]
    budget: int
    spent: int
    leftover: int
    total_score: int
    tie_break: TieBreak
    ties: tuple[TieRecord, ...]
    explanations: tuple[Explanation, ...]
    scores: Mapping[str, int]
    scale: int = 1
    other_optimal_sets: bool | None = None

    def explanation(self, project_id: str) -> Explanation:
        """Return the explanation of one project."""
        for e in self.explanations:
            if e.project_id == project_id:
                return e
        raise KeyError(project_id)
