"""Check many add1 steps at once: does Equal Shares still fund the same projects in the same order?

Why this is sound
-----------------
Fix the order ``X_1 .. X_m`` in which one exact run funded projects, and
*force* it at another share ``t``: round ``j`` charges ``X_j``'s supporters
``min(money, rho_j * utility)`` at ``X_j``'s own price ``rho_j(t)``.  A voter's
money is then ``max(0, t - Q)``, where ``Q`` adds up ``rho_j * utility`` over
the funded projects the voter supports (``max(0, max(0, a) - b)`` is
``max(0, a - b)`` for ``b >= 0``).  Equal Shares at ``t`` funds exactly this
order if, in every round, no project still in the running is cheaper than
``X_j`` (a project is cheaper exactly when its supporters, each paying at most
``rho_j * utility``, could already cover its cost), and when no project is
still affordable after the last round.

All of this is evaluated for a block of shares at once with numpy floats.  A
check passes only with a relative margin of ``1e-9`` that float rounding
cannot eat; anything closer counts as a possible change, and add1 then runs
the exact engine at that share.  So floats only ever skip shares whose
outcome is certain; the outcome itself always comes from an exact run.

Monotonicity lets most checks read a single share: in the forced order every
voter's money grows with ``t`` and every price falls (by induction over the
rounds), so if a competitor is not cheaper at the largest share of the block
when compared with the winner's price at the smallest share, it is not
cheaper at any share in between, and a project unaffordable at the largest
share is unaffordable at all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .base import Context
from .mesengine import MesSetup

#: Relative margin a float check must clear to count as certain.
MARGIN = 1e-9
#: Newton steps allowed for one price before the share counts as uncertain.
MAX_NEWTON = 60


class StepVerifier:
    """Per-project arrays of supporting groups, reused for every block of shares.

    Parameters
    ----------
    ctx : Context
    setup : MesSetup
        The share-independent part of Equal Shares for the same election.
    """

    def __init__(self, ctx: Context, setup: MesSetup) -> None:
        inst = ctx.instance
        self.num_groups = len(ctx.groups)
        self.live = setup.live
        self.cost = {pid: float(inst.project(pid).cost) for pid in setup.live}
        self.groups: dict[str, np.ndarray] = {}
        self.utility: dict[str, np.ndarray] = {}
        self.voters: dict[str, np.ndarray] = {}
        for pid in setup.live:
            members = setup.supporters[pid]
            self.groups[pid] = np.array(members, dtype=np.intp)
            self.utility[pid] = np.array([setup.group_weights[g][pid] for g in members], dtype=np.float64)
            self.voters[pid] = np.array([ctx.groups[g].count for g in members], dtype=np.float64)
        # Every live project's supporters back to back, to test all competitors in one pass.
        self.all_groups = np.concatenate([self.groups[p] for p in self.live]) if self.live else np.zeros(0, np.intp)
        self.all_utility = np.concatenate([self.utility[p] for p in self.live]) if self.live else np.zeros(0)
        self.all_voters = np.concatenate([self.voters[p] for p in self.live]) if self.live else np.zeros(0)
        sizes = [len(self.groups[p]) for p in self.live]
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp) if sizes else np.zeros(0, np.intp)
        self.all_cost = np.array([self.cost[p] for p in self.live], dtype=np.float64)
        self.position = {pid: i for i, pid in enumerate(self.live)}
        # Projects with the same cost and the same supporters always cost the same: the
        # tie order alone decides between them, at every share (no float test can).
        by_profile: dict[tuple, list[str]] = {}
        for pid in self.live:
            profile = (self.cost[pid], tuple(zip(setup.supporters[pid], self.utility[pid].tolist())))
            by_profile.setdefault(profile, []).append(pid)
        self.outranked_twins: dict[str, np.ndarray] = {}
        for twins in by_profile.values():
            for pid in twins:
                later = [self.position[o] for o in twins if ctx.rank[o] > ctx.rank[pid]]
                if later:
                    self.outranked_twins[pid] = np.array(later, dtype=np.intp)
        # A price is never below its floor cost / sum(voters * utility), reached when every
        # supporter pays in part.  Under cost utility the floor is 1 / supporters, so
        # projects with as many supporters tie exactly while the winner sits on its floor.
        floor = {pid: Fraction(inst.project(pid).cost) / int((self.voters[pid] * self.utility[pid]).sum())
                 for pid in self.live}
        self.floor = {pid: float(f) for pid, f in floor.items()}
        self.outranked_at_floor = {
            pid: np.array([self.position[o] for o in self.live
                           if o != pid and floor[o] >= floor[pid] and ctx.rank[o] > ctx.rank[pid]], dtype=np.intp)
            for pid in self.live
        }

    def steps_kept(self, order: Sequence[str], shares: np.ndarray) -> int:
        """How many of ``shares`` (ascending), from the first, surely fund exactly ``order``.

        Parameters
        ----------
        order : sequence of str
            The projects an exact run funded in its rounds, in order (zero-cost ones excluded).
        shares : ndarray of float64
            Shares per voter, ascending, all larger than the share of that exact run.

        Returns
        -------
        int
            ``len(shares)`` when the order surely holds at every share; otherwise
            the index of the first share at which it may not.
        """
        kept = len(shares)
        # What each group has paid so far (Q), one row per share: money is max(0, share - Q).
        paid = np.zeros((kept, self.num_groups))
        in_running = np.ones(len(self.live), dtype=bool)
        for winner in order:
            t, paid = shares[:kept, None], paid[:kept]
            rho, certain = self._price(winner, t, paid)
            kept = _first_false(certain, kept)
            if kept == 0:
                return 0
            t, paid, rho = t[:kept], paid[:kept], rho[:kept]
            in_running[self.position[winner]] = False
            competitors = in_running.copy()
            if winner in self.outranked_twins:
                competitors[self.outranked_twins[winner]] = False
            if self._on_floor(winner, t[0, 0], paid[0]):
                # Money only grows with the share, so the winner stays on its floor.
                competitors[self.outranked_at_floor[winner]] = False
            kept = self._cheaper_first(competitors, rho, t, paid)
            if kept == 0:
                return 0
            paid = paid[:kept]
            paid[:, self.groups[winner]] += rho[:kept, None] * self.utility[winner][None, :]
        return self._still_affordable_first(in_running, shares[:kept, None], paid[:kept])

    def _price(self, pid: str, t: np.ndarray, paid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Price ``rho`` of ``pid`` at each share (a column ``t``), and whether it is known to the margin.

        ``F(rho) = sum(voters * min(money, rho * utility))`` is concave and
        piecewise linear, so Newton's method started left of the root (at the
        price everyone could pay in part) climbs to it without overshooting.
        """
        utility, voters, cost = self.utility[pid], self.voters[pid], self.cost[pid]
        money = np.maximum(t - paid[:, self.groups[pid]], 0.0)
        weight = voters * utility
        rho = np.full((len(t), 1), cost / weight.sum())
        done = np.zeros(len(t), dtype=bool)
        for _ in range(MAX_NEWTON):
            due = rho * utility
            gap = cost - np.minimum(money, due) @ voters
            done = gap <= cost * 1e-13
            if done.all():
                break
            slope = (money > due) @ weight
            with np.errstate(divide="ignore", invalid="ignore"):
                rho = np.where(done, rho[:, 0], rho[:, 0] + gap / slope)[:, None]
        # Unaffordable (no one left paying in part) shows up as inf or nan.
        certain = done & np.isfinite(rho[:, 0])
        return np.where(certain, rho[:, 0], 0.0), certain

    def _on_floor(self, pid: str, share: float, paid: np.ndarray) -> bool:
        """Whether every supporter of ``pid`` surely affords its floor price (at one share)."""
        money = share - paid[self.groups[pid]]
        return bool((money > self.floor[pid] * self.utility[pid] * (1 + MARGIN)).all())

    def _cheaper_first(self, competitors: np.ndarray, rho: np.ndarray, t: np.ndarray, paid: np.ndarray) -> int:
        """Index of the first share where some competitor may be as cheap as the winner."""
        kept = len(t)
        if not competitors.any():
            return kept
        # One share first: the largest (most money) against the winner's price at the
        # smallest (its highest): a competitor that cannot be covered then never can.
        covered = self._covered(paid[-1], t[-1, 0], rho[0])
        for i in np.flatnonzero(competitors & (covered >= self.all_cost * (1 - MARGIN))).tolist():
            pid = self.live[i]
            money = np.maximum(t[:kept] - paid[:kept, self.groups[pid]], 0.0)
            covered_each = np.minimum(money, rho[:kept, None] * self.utility[pid]) @ self.voters[pid]
            kept = _first_false(covered_each < self.cost[pid] * (1 - MARGIN), kept)
            if kept == 0:
                return 0
        return kept

    def _covered(self, paid: np.ndarray, share: float, rho: float) -> np.ndarray:
        """Per live project, what its supporters could pay at price ``rho`` (one share)."""
        money = np.maximum(share - paid, 0.0)[self.all_groups]
        return np.add.reduceat(np.minimum(money, rho * self.all_utility) * self.all_voters, self.starts)

    def _still_affordable_first(self, in_running: np.ndarray, t: np.ndarray, paid: np.ndarray) -> int:
        """Index of the first share where a project left over may still be affordable."""
        kept = len(t)
        if kept == 0 or not in_running.any():
            return kept
        money = np.maximum(t[-1, 0] - paid[-1], 0.0)[self.all_groups]
        total = np.add.reduceat(money * self.all_voters, self.starts)
        for i in np.flatnonzero(in_running & (total >= self.all_cost * (1 - MARGIN))).tolist():
            pid = self.live[i]
            total_each = np.maximum(t[:kept] - paid[:kept, self.groups[pid]], 0.0) @ self.voters[pid]
            kept = _first_false(total_each < self.cost[pid] * (1 - MARGIN), kept)
            if kept == 0:
                return 0
        return kept


def _first_false(flags: np.ndarray, limit: int) -> int:
    """Index of the first False among ``flags[:limit]``, or ``limit``."""
    failed = np.flatnonzero(~flags[:limit])
    return int(failed[0]) if len(failed) else limit
