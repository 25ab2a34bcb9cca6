"""Equal Shares with the add1 completion (pabulib's ``equalshares/add1``).

Every voter's share starts at ``budget / n`` and grows by one currency unit per
step; the answer is the first outcome that is exhaustive, or the last feasible
one before an outcome overspends (pabutools: ``voter_budget_increment=1``).

Instead of one exact run per step, an exact run (:mod:`.engine`) fixes the order
in which it funded projects, and the verifier
(:class:`~.add1_verifier.StepVerifier`) then checks whole blocks of later steps
at once for whether that order still holds.  Steps where it surely holds have
the same outcome, so they can neither be exhaustive nor overspend (the exact run
was neither); the first step where it may not is run exactly again.  Where the
verifier gave up in some round, the rounds before it are proven at that share,
and that exact run funds them directly (:meth:`.engine.Rounds.fund`).  (Guessing
the next order from what the verifier saw, and checking that instead of an exact
run, saved exact runs but cost as much in checks on the corpus, so it is not
done.)  The outcome returned comes from a full exact run at the deciding step.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ...errors import SolverError, SolverInputError
from ..base import Context
from ..outcome import Outcome
from .add1_verifier import Plan, StepVerifier
from .engine import Rounds, Run, explain_run, run_equal_shares
from .rule import outcome_of
from .supporters import Supporters, prepare

#: Safety net against a loop that never settles; real instances need a few dozen runs.
MAX_RUNS = 100_000
#: Steps checked in the first block, and the most in one block.
FIRST_BLOCK, LARGEST_BLOCK = 16, 512


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
        return outcome_of(ctx, Run(share=Fraction(0)), {})
    base = Fraction(inst.budget, ctx.num_voters)
    supporters = prepare(ctx)
    # Once every voter alone could pay for all projects, everything supported is funded,
    # which is exhaustive or overspends: the loop cannot pass this step.
    everything = sum(inst.project(pid).cost for pid in supporters.live)
    last_step = max(0, math.ceil((everything - base) / step_size)) + 1
    walk = _Walk(ctx, supporters, base, step_size, last_step)
    final_k = walk.deciding_step()
    exact = walk.exact_at(final_k)
    run = exact.run
    if exact.proven_rounds:  # those rounds recorded no ties: run it in full
        walk.runs += 1
        run = run_equal_shares(ctx, run.share, explain=False, supporters=supporters)
    explain_run(ctx, supporters, run)
    parameters = {
        "increment": step_size,
        "steps": final_k,
        "voter_budget": run.share,
        "initial_voter_budget": base,
        "runs": walk.runs,
        "verified_steps": walk.verified,
    }
    return outcome_of(ctx, run, parameters)


class _ExactRun(NamedTuple):
    """An exact run at step ``step``, whose first ``proven_rounds`` rounds the verifier proved."""

    step: int
    run: Run
    proven_rounds: int


class _Walk:
    """The add1 loop over steps ``k`` (share ``base + k * step_size``)."""

    def __init__(self, ctx: Context, supporters: Supporters, base: Fraction, step_size: int, last_step: int) -> None:
        self.ctx, self.supporters = ctx, supporters
        self.base, self.step_size, self.last_step = base, step_size, last_step
        self.verifier: StepVerifier | None = None  # made only if the first step is not the answer
        self.runs = 0
        self.verified = 0
        self.last_exact: _ExactRun | None = None

    def exact_at(self, k: int) -> _ExactRun:
        """An exact run at step ``k`` (the last one made, if it was at ``k``)."""
        if self.last_exact is not None and self.last_exact.step == k:
            return self.last_exact
        self.runs += 1
        if self.runs > MAX_RUNS or k > self.last_step:
            raise SolverError("equal-shares-add1 did not settle")
        rounds = Rounds(self.ctx, self.supporters, self.base + k * self.step_size)
        # Rounds the verifier already proved at this share need not be screened again.
        proven = self.verifier.proven_prefix(self._shares(k, 1)[0]) if self.verifier else ()
        for pid in proven:
            rounds.fund(pid)
        self.last_exact = _ExactRun(k, rounds.play(), len(proven))
        return self.last_exact

    def deciding_step(self) -> int:
        """The first exhaustive step, or the one before the first that overspends."""
        inst = self.ctx.instance
        k = 0
        while True:
            selection = self.exact_at(k).run.selected
            spent = sum(inst.project(pid).cost for pid in selection)
            if spent > inst.budget:
                return k - 1
            if _exhaustive(self.ctx, self.supporters.live, selection, spent):
                return k
            self.verifier = self.verifier or StepVerifier(self.ctx, self.supporters)
            # Steps k+1 .. k+ahead fund the same projects in the same order: not final either.
            ahead = self._steps_kept(self.verifier.plan_of(self.exact_at(k).run), k + 1)
            self.verified += ahead
            k += ahead + 1

    def _shares(self, start: int, count: int) -> np.ndarray:
        """Shares of steps ``start .. start + count - 1``, each within one rounding of exact
        (the verifier allows for that)."""
        return float(self.base) + (start + np.arange(count, dtype=np.float64)) * self.step_size

    def _steps_kept(self, plan: Plan, first: int) -> int:
        """How many steps from ``first`` on surely fund ``plan`` (blocks grow while all hold)."""
        kept, block = 0, FIRST_BLOCK
        while first + kept <= self.last_step:
            start = first + kept
            shares = self._shares(start, min(LARGEST_BLOCK, self.last_step - start + 1))
            # Where the last check gave up, it kept its state: start with exactly those shares.
            count = (kept == 0 and self.verifier.resumable(plan, shares)) or min(block, len(shares))
            shares = shares[:count]
            held = self.verifier.steps_kept(plan, shares)
            kept += held
            if held < count:
                break
            block = min(2 * block, LARGEST_BLOCK)
        return kept


def _exhaustive(ctx: Context, candidates, selection, spent: int) -> bool:
    """No project Equal Shares could fund still fits in what is left."""
    left = ctx.instance.budget - spent
    chosen = set(selection)
    return all(ctx.instance.project(pid).cost > left for pid in candidates if pid not in chosen)
