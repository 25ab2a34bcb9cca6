"""Equal Shares with the add1 completion (pabulib's ``equalshares/add1``).

Every voter's share starts at ``budget / n`` and grows by one currency unit per
step; the answer is the first outcome that is exhaustive, or the last feasible
one before an outcome overspends (pabutools: ``voter_budget_increment=1``).
Instead of one full run per step, each run reports the smallest share at which
its outcome could change (see :mod:`solver.rules.mesengine`), and the steps in
between are skipped: their outcome is provably the same, so they cannot stop
the iteration either.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..errors import SolverError, SolverInputError
from .base import Context
from .equalshares import mes_outcome
from .mesengine import MesRun, prepare, run_equal_shares
from .outcome import Outcome

#: Safety net; real instances need far fewer runs (each run skips many steps).
MAX_RUNS = 100_000


def equal_shares_add1(ctx: Context, increment: int | None = None) -> Outcome:
    """Run Equal Shares with growing shares until the outcome is exhaustive or would overspend.

    Parameters
    ----------
    ctx : Context
    increment : int, optional
        Growth of each voter's share per step in minor units; one currency unit by default.
    """
    inst = ctx.instance
    step_size = increment if increment is not None else inst.scale
    if not isinstance(step_size, int) or step_size <= 0:
        raise SolverInputError(f"increment must be a positive int (minor units), got {step_size!r}")
    if ctx.num_voters == 0:
        return mes_outcome(ctx, MesRun(share=Fraction(0)), {})
    base = Fraction(inst.budget, ctx.num_voters)
    setup = prepare(ctx)
    k = 0
    previous: MesRun | None = None
    runs = 0
    while True:
        runs += 1
        if runs > MAX_RUNS:
            raise SolverError("equal-shares-add1 did not settle")
        # The first run is often final (plain Equal Shares already exhaustive), and an
        # untracked run is cheaper; afterwards a tracked run gives outcome and next step.
        run = run_equal_shares(
            ctx, base + k * step_size, track=runs > 1, explain=False, setup=setup, resume=previous
        )
        spent = sum(inst.project(pid).cost for pid in run.selected)
        if spent > inst.budget:
            # `previous` stands for every skipped step too: their outcome was the same.
            final_k = k - 1 if previous is not None else k
            break
        if _exhaustive(ctx, run, spent):
            final_k = k
            break
        if runs == 1:
            runs += 1
            run = run_equal_shares(ctx, base + k * step_size, track=True, explain=False, setup=setup)
        previous = run  # a tracked run: the next one resumes from its rounds
        if run.immediate_change:
            k += 1
        elif run.next_change is None:
            # Nothing can change as shares grow, so pabutools would loop forever too.
            raise SolverError("equal-shares-add1 never becomes exhaustive nor overspends")
        else:
            k = max(k + 1, math.ceil((run.next_change - base) / step_size))
    # Same outcome as the deciding run, now with the explanations of that very step.
    final = run_equal_shares(ctx, base + final_k * step_size, setup=setup)
    parameters = {
        "increment": step_size,
        "steps": final_k,
        "voter_budget": final.share,
        "initial_voter_budget": base,
        "runs": runs,
    }
    return mes_outcome(ctx, final, parameters)


def _exhaustive(ctx: Context, run: MesRun, spent: int) -> bool:
    """No project Equal Shares could fund still fits in what is left."""
    left = ctx.instance.budget - spent
    chosen = set(run.selected)
    return all(ctx.instance.project(pid).cost > left for pid in run.candidates if pid not in chosen)
