"""Greedy by score, with or without skipping projects that do not fit."""

from __future__ import annotations

from ..result import (
    DID_NOT_FIT,
    FUNDED,
    NOT_FUNDED,
    NOT_REACHED,
    Explanation,
    TieRecord,
)
from .base import Context
from .outcome import Outcome


def greedy(ctx: Context, skip: bool = True) -> Outcome:
    """Fund projects by descending score, ties by the tie order.

    With ``skip`` (rule ``greedy``) a project that does not fit is passed over
    and the next one is tried, as pabutools' ``greedy_utilitarian_welfare`` does
    with a satisfaction whose marginal gain per cost is the score.  Without it
    (``greedy-no-skip``) counting stops at the first project that does not fit.
    """
    inst = ctx.instance
    order = sorted(ctx.eligible, key=lambda pid: (-ctx.scores[pid], ctx.rank[pid]))
    left = inst.budget
    selected: list[str] = []
    ties: list[TieRecord] = []
    explanations = ctx.threshold_explanations()
    stopped_at: int | None = None
    for i, pid in enumerate(order):
        project = inst.project(pid)
        score = ctx.scores[pid]
        if stopped_at is not None:
            explanations[pid] = Explanation(pid, NOT_FUNDED, score, project.cost, reason=NOT_REACHED, budget_left=left)
            continue
        if project.cost <= left:
            tied = [q for q in order[i:] if ctx.scores[q] == score and inst.project(q).cost <= left]
            if len(tied) > 1:
                ties.append(TieRecord(len(selected) + 1, tuple(tied), pid, "score", ctx.tie_break.kind))
            selected.append(pid)
            left -= project.cost
            explanations[pid] = Explanation(pid, FUNDED, score, project.cost, step=len(selected), budget_left=left + project.cost)
        else:
            explanations[pid] = Explanation(pid, NOT_FUNDED, score, project.cost, reason=DID_NOT_FIT, budget_left=left)
            if not skip:
                stopped_at = i
    return Outcome(tuple(selected), tuple(ties), explanations, {})
