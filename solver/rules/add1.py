"""Equal Shares with the add1 completion (pabulib's ``equalshares/add1``).

Every voter's share starts at ``budget / n`` and grows by one currency unit per
step; the answer is the first outcome that is exhaustive, or the last feasible
one before an outcome overspends (pabutools: ``voter_budget_increment=1``).

Instead of one exact run per step, an exact run fixes the order in which it
funded projects, and :class:`~solver.rules.add1verify.StepVerifier` then checks
whole blocks of later steps at once for whether that order still holds.  Steps
where it surely holds have the same outcome, so they can neither be exhaustive
nor overspend (the exact run was neither); the first step where it may not is
run exactly again.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..errors import SolverError, SolverInputError
from .add1verify import StepVerifier
from .base import Context
from .equalshares import mes_outcome
from .mesengine import MesRun, explain_run, prepare, run_equal_shares
from .outcome import Outcome

#: Safety net against a loop that never settles; real instances need a few dozen runs.
MAX_RUNS = 100_000
#: Steps checked in the first block after an exact run, and the most in one block.
FIRST_BLOCK, LARGEST_BLOCK = 8, 512


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
    verifier: StepVerifier | None = None  # made only if the first step is not the answer
    # Once every voter alone could pay for all projects, everything supported is funded,
    # which is exhaustive or overspends: the loop cannot pass this step.
    everything = sum(inst.project(pid).cost for pid in setup.live)
    last_step = max(0, math.ceil((everything - base) / step_size)) + 1
    k, runs, skipped = 0, 0, 0
    previous: tuple[int, MesRun] | None = None
    while True:
        runs += 1
        if runs > MAX_RUNS or k > last_step:
            raise SolverError("equal-shares-add1 did not settle")
        run = run_equal_shares(ctx, base + k * step_size, explain=False, setup=setup)
        spent = sum(inst.project(pid).cost for pid in run.selected)
        if spent > inst.budget:
            # The step before has the outcome to return; run it exactly unless it was.
            final_k = k - 1
            if previous is not None and previous[0] == final_k:
                final = previous[1]
            else:
                runs += 1
                final = run_equal_shares(ctx, base + final_k * step_size, explain=False, setup=setup)
            break
        if _exhaustive(ctx, run, spent):
            final_k, final = k, run
            break
        verifier = verifier or StepVerifier(ctx, setup)
        kept = _steps_kept(verifier, run, base, step_size, k, last_step)
        skipped += kept
        previous = (k, run)
        k += kept + 1
    explain_run(ctx, setup, final)
    parameters = {
        "increment": step_size,
        "steps": final_k,
        "voter_budget": final.share,
        "initial_voter_budget": base,
        "runs": runs,
        "verified_steps": skipped,
    }
    return mes_outcome(ctx, final, parameters)


def _steps_kept(verifier: StepVerifier, run: MesRun, base: Fraction, step_size: int, k: int, last_step: int) -> int:
    """How many steps after ``k`` surely have the outcome of ``run`` (blocks grow while all hold)."""
    kept, block = 0, FIRST_BLOCK
    while k + kept < last_step:
        first = k + kept + 1
        count = min(block, last_step - first + 1)
        # Within one rounding of the exact share each; the verifier allows for that.
        shares = float(base) + (first + np.arange(count, dtype=np.float64)) * step_size
        held = verifier.steps_kept(run, shares)
        kept += held
        if held < count:
            break
        block = min(2 * block, LARGEST_BLOCK)
    return kept


def _exhaustive(ctx: Context, run: MesRun, spent: int) -> bool:
    """No project Equal Shares could fund still fits in what is left."""
    left = ctx.instance.budget - spent
    chosen = set(run.selected)
    return all(ctx.instance.project(pid).cost > left for pid in run.candidates if pid not in chosen)
