"""The one entry point: :func:`tally` runs a rule and returns a :class:`~solver.result.Result`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import SolverInputError, UnsupportedConstraintError
from .model import Ballot, Constraints, Instance
from .result import Result
from .rules.base import make_context
from .rules.outcome import Outcome
from .tiebreak import TieBreak

#: The rules, in the order the CLI lists them.
RULES = ("greedy", "greedy-no-skip", "max-welfare", "equal-shares", "equal-shares-add1")


def tally(
    instance: Instance,
    ballots: Sequence[Ballot],
    rule: str = "greedy",
    tie_break: TieBreak | None = None,
    *,
    min_score: int = 0,
    constraints: Constraints | None = None,
    ilp_solver: Any = None,
    increment: int | None = None,
) -> Result:
    """Count ballots with one of :data:`RULES`.

    Parameters
    ----------
    instance : Instance
        Projects and budget.
    ballots : sequence of ApprovalBallot or CumulativeBallot
        One per voter.  Approval (and choose-1) ballots score one per approval;
        cumulative ballots score their points.
    rule : str
        ``"greedy"``, ``"greedy-no-skip"``, ``"max-welfare"``, ``"equal-shares"``
        or ``"equal-shares-add1"``.
    tie_break : TieBreak, optional
        Defaults to ``TieBreak.default(seed=0)``.
    min_score : int
        Projects scoring less are not eligible under any rule.
    constraints : Constraints, optional
        Only ``max-welfare`` accepts non-empty constraints.
    ilp_solver : pulp solver, ``"highs"`` or ``"cbc"``, optional
        ``max-welfare`` only; defaults to HiGHS in process when ``highspy`` is
        installed, else CBC.
    increment : int, optional
        ``equal-shares-add1`` only: how much each voter's share grows per step, in
        minor units.  Defaults to one currency unit (``instance.scale``).

    Returns
    -------
    Result

    Raises
    ------
    SolverInputError
        Unknown rule, bad ballots, ordinal ballots (``UnsupportedBallotError``),
        constraints for a rule that cannot honour them (``UnsupportedConstraintError``),
        or infeasible constraints (``InfeasibleConstraintsError``).
    SolverError
        The ILP solver did not find an optimal solution.
    """
    if rule not in RULES:
        raise SolverInputError(f"unknown rule {rule!r}; expected one of {', '.join(RULES)}")
    tie_break = tie_break or TieBreak.default()
    constraints = constraints or Constraints()
    if rule != "max-welfare" and not constraints.is_empty():
        raise UnsupportedConstraintError(
            f"rule {rule!r} cannot honour exclusive groups, category spend or must-fund constraints; use max-welfare"
        )
    ctx = make_context(instance, ballots, tie_break, min_score)
    outcome = _run(rule, ctx, constraints, ilp_solver, increment)
    spent = sum(instance.project(pid).cost for pid in outcome.selected)
    return Result(
        rule=rule,
        parameters={"min_score": min_score, **outcome.parameters},
        selected=outcome.selected,
        budget=instance.budget,
        spent=spent,
        leftover=instance.budget - spent,
        total_score=sum(ctx.scores[pid] for pid in outcome.selected),
        tie_break=tie_break,
        ties=outcome.ties,
        explanations=tuple(outcome.explanations[pid] for pid in instance.project_ids),
        scores=dict(ctx.scores),
        scale=instance.scale,
        other_optimal_sets=outcome.other_optimal_sets,
    )


def _run(rule: str, ctx, constraints: Constraints, ilp_solver: Any, increment: int | None) -> Outcome:
    # Imported here so that a greedy count never pays for importing PuLP.
    if rule == "greedy":
        from .rules.greedy import greedy

        return greedy(ctx, skip=True)
    if rule == "greedy-no-skip":
        from .rules.greedy import greedy

        return greedy(ctx, skip=False)
    if rule == "max-welfare":
        from .rules.maxwelfare import max_welfare

        return max_welfare(ctx, constraints, ilp_solver)
    if rule == "equal-shares":
        from .rules.equal_shares import equal_shares

        return equal_shares(ctx)
    from .rules.equal_shares import equal_shares_add1

    return equal_shares_add1(ctx, increment)
