"""The Method of Equal Shares without completion: one run at ``budget / voters``, and its outcome.

Every voter gets ``budget / n`` and the engine (:mod:`.engine`) runs once.
:func:`outcome_of` turns a finished run into the outcome every rule returns,
with one explanation per project; add1 (:mod:`.add1`) uses it too.
"""

from __future__ import annotations

from fractions import Fraction

from ...result import FUNDED, NOT_FUNDED, UNAFFORDABLE, Explanation
from ..base import Context
from ..outcome import Outcome
from .engine import Run, run_equal_shares


def equal_shares(ctx: Context) -> Outcome:
    """Give every voter ``budget / n`` and run Equal Shares once.

    Utility is the project's cost for approval ballots (pabutools' ``Cost_Sat``)
    and the points for cumulative ballots (``Additive_Cardinal_Sat``).
    """
    if ctx.num_voters == 0:
        return outcome_of(ctx, Run(share=Fraction(0)), {})
    share = Fraction(ctx.instance.budget, ctx.num_voters)
    run = run_equal_shares(ctx, share)
    return outcome_of(ctx, run, {"voter_budget": share})


def outcome_of(ctx: Context, run: Run, parameters: dict[str, object]) -> Outcome:
    """Turn an explained run into an outcome with one explanation per project."""
    inst = ctx.instance
    explanations = ctx.threshold_explanations()
    for pid in ctx.eligible:
        cost = inst.project(pid).cost
        score = ctx.scores[pid]
        funded = run.steps.get(pid)
        if funded is not None:
            explanations[pid] = Explanation(
                pid, FUNDED, score, cost, step=funded.step,
                supporters_budget=run.supporters_money[pid], price_per_unit=funded.price,
            )
        elif pid in run.selected:  # supported zero-cost project, funded before the first round
            explanations[pid] = Explanation(pid, FUNDED, score, cost, step=run.selected.index(pid) + 1)
        else:
            explanations[pid] = Explanation(
                pid, NOT_FUNDED, score, cost, reason=UNAFFORDABLE,
                supporters_budget=run.supporters_money.get(pid, Fraction(0)),
            )
    return Outcome(tuple(run.selected), tuple(run.ties), explanations, parameters)
