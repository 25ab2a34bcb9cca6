"""The Method of Equal Shares (without completion)."""

from __future__ import annotations

from fractions import Fraction

from ...result import FUNDED, NOT_FUNDED, UNAFFORDABLE, Explanation
from ..base import Context
from .engine import MesRun, run_equal_shares
from ..outcome import Outcome


def equal_shares(ctx: Context) -> Outcome:
    """Give every voter ``budget / n`` and run Equal Shares once.

    Utility is the project's cost for approval ballots (pabutools' ``Cost_Sat``)
    and the points for cumulative ballots (``Additive_Cardinal_Sat``).
    """
    if ctx.num_voters == 0:
        return mes_outcome(ctx, MesRun(share=Fraction(0)), {})
    share = Fraction(ctx.instance.budget, ctx.num_voters)
    run = run_equal_shares(ctx, share)
    return mes_outcome(ctx, run, {"voter_budget": share})


def mes_outcome(ctx: Context, run: MesRun, parameters: dict[str, object]) -> Outcome:
    """Turn a run into an outcome with one explanation per project."""
    inst = ctx.instance
    explanations = ctx.threshold_explanations()
    for pid in ctx.eligible:
        cost = inst.project(pid).cost
        score = ctx.scores[pid]
        if pid in run.steps:
            step, rho, before = run.steps[pid]
            explanations[pid] = Explanation(
                pid, FUNDED, score, cost, step=step, supporters_budget=before, price_per_unit=rho
            )
        elif pid in run.selected:  # supported zero-cost project, funded before the first round
            explanations[pid] = Explanation(pid, FUNDED, score, cost, step=run.selected.index(pid) + 1)
        else:
            explanations[pid] = Explanation(
                pid, NOT_FUNDED, score, cost, reason=UNAFFORDABLE,
                supporters_budget=run.supporters_left.get(pid, Fraction(0)),
            )
    return Outcome(tuple(run.selected), tuple(run.ties), explanations, parameters)
