"""The single result type every rule returns, with per-project explanations and tie records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

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


# --------------------------------------------------------------------------
# JSON: what the CLI prints and the app stores and serves.

#: Version of the JSON document written by :func:`result_to_json`.
JSON_FORMAT = 1
#: Explanation fields that hold money (minor units in a Result, the file's units in JSON).
_MONEY_FIELDS = ("cost", "budget_left", "supporters_budget")


def money(value: int | Fraction | None, scale: int) -> int | float | None:
    """Minor units back to the file's units: an int when whole, else a float (for display).

    Whole minor units (at most :data:`solver.limits.MAX_AMOUNT`, 15 digits) come back
    exactly through the float; fractions of a minor unit need :func:`exact`.
    """
    if value is None:
        return None
    amount = Fraction(value) / scale
    return int(amount) if amount.denominator == 1 else float(amount)


def exact(value: int | Fraction) -> str:
    """An exact number as text: ``"7"`` or ``"22/7"`` (what ``Fraction(text)`` reads back)."""
    return str(Fraction(value))


def _is_money_parameter(key: str) -> bool:
    return key.endswith("_budget") or key == "increment"


def _minor_units(value: int | float | None, scale: int) -> int | None:
    """The inverse of :func:`money` for amounts that are whole minor units."""
    if value is None:
        return None
    # repr() is the shortest text that reads back as the same float: the decimal that was written.
    amount = Fraction(Decimal(repr(value))) * scale
    if amount.denominator != 1:
        raise ValueError(f"{value!r} is not a whole number of minor units at scale {scale}")
    return int(amount)


def result_to_json(result: Result) -> dict[str, Any]:
    """The JSON document of a result: money in the file's units, exact values beside them.

    Money is given in the currency units of the source (``budget / scale``): an int
    when whole, else a float, so a reader can show it as it is.  Values that are
    fractions of a minor unit (Equal Shares' ``supporters_budget``,
    ``price_per_unit`` and ``voter_budget``) are also given exactly, as
    ``"numerator/denominator"`` text in minor units, under ``exact``.  With
    ``scale`` that is all :func:`result_from_json` needs to rebuild the
    :class:`Result` exactly.

    Parameters
    ----------
    result : Result

    Returns
    -------
    dict
        JSON-serialisable (``json.dumps`` it as it is).
    """
    s = result.scale
    parameters: dict[str, Any] = {}
    exact_parameters: dict[str, str] = {}
    for key, value in result.parameters.items():
        if isinstance(value, Fraction):
            exact_parameters[key] = exact(value)
        parameters[key] = money(value, s) if _is_money_parameter(key) else (
            float(value) if isinstance(value, Fraction) else value
        )
    exact_projects: dict[str, dict[str, str]] = {}
    for e in result.explanations:
        fractions = {
            name: exact(getattr(e, name))
            for name in ("supporters_budget", "price_per_unit")
            if getattr(e, name) is not None
        }
        if fractions:
            exact_projects[e.project_id] = fractions
    return {
        "format": JSON_FORMAT,
        "rule": result.rule,
        "budget": money(result.budget, s),
        "spent": money(result.spent, s),
        "leftover": money(result.leftover, s),
        "selected": list(result.selected),
        "total_score": result.total_score,
        **result.tie_break.describe(),
        "scale": s,
        "parameters": parameters,
        "other_optimal_sets": result.other_optimal_sets,
        "ties": [
            {
                "step": t.step,
                "candidates": list(t.candidates),
                "chosen": t.chosen,
                "criterion": t.criterion,
                "decided_by": t.decided_by,
            }
            for t in result.ties
        ],
        "scores": dict(result.scores),
        "projects": [
            {
                "id": e.project_id,
                "status": e.status,
                "score": e.score,
                "cost": money(e.cost, s),
                "step": e.step,
                "reason": e.reason,
                "budget_left": money(e.budget_left, s),
                "supporters_budget": money(e.supporters_budget, s),
                # Equal Shares: payment per unit of utility (points, or per unit of cost).
                "price_per_unit": float(e.price_per_unit) if e.price_per_unit is not None else None,
                "constraint": e.constraint,
            }
            for e in result.explanations
        ],
        "exact": {"parameters": exact_parameters, "projects": exact_projects},
    }


def result_from_json(document: Mapping[str, Any]) -> Result:
    """Rebuild the :class:`Result` that :func:`result_to_json` wrote (exactly, money in minor units).

    Raises
    ------
    ValueError
        The document is not one :func:`result_to_json` writes (unknown ``format``,
        missing keys, money that is not whole minor units).
    """
    try:
        if document.get("format") != JSON_FORMAT:
            raise ValueError(f"unknown result JSON format {document.get('format')!r}; expected {JSON_FORMAT}")
        s = int(document["scale"])
        exact_doc = document.get("exact") or {}
        exact_parameters = exact_doc.get("parameters", {})
        exact_projects = exact_doc.get("projects", {})
        parameters: dict[str, object] = {}
        for key, value in document["parameters"].items():
            if key in exact_parameters:
                fraction = Fraction(exact_parameters[key])
                parameters[key] = fraction
            elif _is_money_parameter(key) and value is not None:
                parameters[key] = _minor_units(value, s)
            else:
                parameters[key] = value
        explanations = []
        for p in document["projects"]:
            fractions = exact_projects.get(p["id"], {})
            supporters = p["supporters_budget"]
            explanations.append(
                Explanation(
                    project_id=p["id"],
                    status=p["status"],
                    score=p["score"],
                    cost=_minor_units(p["cost"], s),  # type: ignore[arg-type]
                    step=p["step"],
                    reason=p["reason"],
                    budget_left=_minor_units(p["budget_left"], s),
                    supporters_budget=(
                        Fraction(fractions["supporters_budget"]) if "supporters_budget" in fractions
                        else (None if supporters is None else Fraction(_minor_units(supporters, s)))
                    ),
                    price_per_unit=Fraction(fractions["price_per_unit"]) if "price_per_unit" in fractions else None,
                    constraint=p["constraint"],
                )
            )
        kind = document["tie_break"]
        if kind == "default":
            tie_break = TieBreak.default(document["seed"])
        elif kind == "lexicographic":
            tie_break = TieBreak.lexicographic()
        elif kind == "explicit":
            tie_break = TieBreak.explicit(document["order"])
        else:
            raise ValueError(f"unknown tie_break {kind!r}")
        return Result(
            rule=document["rule"],
            parameters=parameters,
            selected=tuple(document["selected"]),
            budget=_minor_units(document["budget"], s),  # type: ignore[arg-type]
            spent=_minor_units(document["spent"], s),  # type: ignore[arg-type]
            leftover=_minor_units(document["leftover"], s),  # type: ignore[arg-type]
            total_score=document["total_score"],
            tie_break=tie_break,
            ties=tuple(
                TieRecord(t["step"], tuple(t["candidates"]), t["chosen"], t["criterion"], t["decided_by"])
                for t in document["ties"]
            ),
            explanations=tuple(explanations),
            scores=dict(document["scores"]),
            scale=s,
            other_optimal_sets=document["other_optimal_sets"],
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a result JSON document: {exc!r}") from None
