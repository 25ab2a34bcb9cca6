"""Check many add1 steps at once: does Equal Shares still fund the same projects in the same order?

add1 (:mod:`.add1`) grows every voter's share step by step.  After an exact run
(:mod:`.engine`) at one step, :class:`StepVerifier` takes the order that run
funded (a :class:`Plan`) and tells for a block of later shares, all at once,
from which share on that order may no longer be Equal Shares' outcome.  It
keeps only shares where the order surely holds; it may give up early, never
keep a wrong share.

Why this is sound
-----------------
Fix the order ``X_1 .. X_m`` in which one exact run funded projects, and
*force* it at another share ``t``: round ``j`` charges ``X_j``'s supporters
``min(money, rho_j * utility)`` at ``X_j``'s own price ``rho_j(t)``.  A voter's
money is then ``max(0, t - Q)``, where ``Q`` adds up ``rho_j * utility`` over
the funded projects the voter supports (``max(0, max(0, a) - b)`` is
``max(0, a - b)`` for ``b >= 0``).  Equal Shares at ``t`` funds exactly this
order if, in every round, no project still in the running is as cheap as
``X_j`` (a project is that cheap exactly when its supporters, each paying at
most ``rho_j * utility``, could already cover its cost), and when no project is
still affordable after the last round.

Monotonicity lets most checks read a single share: in the forced order every
voter's money grows with ``t`` and every price falls (by induction over the
rounds), so a competitor that cannot be covered at the largest share of a
block, at the winner's price at the smallest share, cannot be covered at any
share in between; and a project unaffordable at the largest share is
unaffordable at all of them.

Floats, with their errors bounded
---------------------------------
All of this runs for a block of shares at once in numpy floats.  Each share
carries a bound on how far any voter's float money may be from the exact
money, and each price a bound on its own error (from Newton's residual, the
bound on money and the rounding of the sums).  A check passes only when it
holds for every value within those bounds; otherwise the share counts as a
possible change and add1 runs the exact engine there.  So floats only ever
skip shares whose outcome is certain; every outcome add1 returns comes from
an exact run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..base import Context
from .engine import Run
from .money import MoneyClasses
from .supporters import Supporters


@dataclass(frozen=True)
class Plan:
    """An order of funding to check, with hints for the checks.

    Attributes
    ----------
    order : tuple of str
        The projects funded in rounds, in order (zero-cost ones are funded before).
    start : mapping of str to float
        Where Newton's method may start for each project's price (any value works;
        a price at a smaller share is close and never below, since prices fall as
        the share grows).
    floored : frozenset of str
        Projects worth testing for sitting on their floor (see ``_floor_price``).
    """

    order: tuple[str, ...]
    start: Mapping[str, float]
    floored: frozenset[str]


@dataclass
class _State:
    """The forced order at the start of a round, for a block of shares."""

    round: int
    shares: np.ndarray
    paid: np.ndarray
    error: np.ndarray
    in_running: np.ndarray
    #: Per project, an upper bound on what its supporters could pay at the largest share
    #: at price ``crude_at``, and how fast that can grow with the price (see _cheaper_first).
    crude: np.ndarray
    crude_slope: np.ndarray
    crude_at: np.ndarray
    #: The projects funded in the rounds before.
    prefix: tuple[str, ...]

    @classmethod
    def fresh(cls, shares: np.ndarray, num_groups: int, num_live: int) -> _State:
        """Before the first round: nobody has paid, every project is in the running."""
        return cls(
            round=0, shares=shares, paid=np.zeros((len(shares), num_groups)),
            error=np.repeat(shares[:, None] * UNIT, num_groups, axis=1),
            in_running=np.ones(num_live, dtype=bool), crude=np.full(num_live, np.inf),
            crude_slope=np.zeros(num_live), crude_at=np.zeros(num_live), prefix=(),
        )

    def rows(self, rows: slice) -> _State:
        """A copy holding only the shares ``rows`` (arrays copied, not shared)."""
        return _State(
            round=self.round, shares=self.shares[rows], paid=self.paid[rows].copy(), error=self.error[rows].copy(),
            in_running=self.in_running.copy(), crude=self.crude.copy(), crude_slope=self.crude_slope.copy(),
            crude_at=self.crude_at.copy(), prefix=self.prefix,
        )


#: Newton steps allowed for one price before the share counts as uncertain.
MAX_NEWTON = 60
#: Rounding of one float operation, with room to spare (2**-53 is about 1.1e-16).
UNIT = 2.5e-16
#: A price known only to worse than this relative error counts as uncertain.
PRICE_TOLERANCE = 1e-9


class StepVerifier:
    """Per-project arrays of supporting groups, reused for every block of shares.

    Parameters
    ----------
    ctx : Context
    supporters : Supporters
        The share-independent part of Equal Shares for the same election (:mod:`.supporters`).
    """

    def __init__(self, ctx: Context, supporters: Supporters) -> None:
        inst = ctx.instance
        self.num_groups = len(ctx.groups)
        self.live = supporters.live
        self.position = {pid: i for i, pid in enumerate(self.live)}
        self.cost = {pid: float(inst.project(pid).cost) for pid in self.live}
        self.groups = {pid: supporters.backers[pid].groups for pid in self.live}
        self.voters = {pid: supporters.backers[pid].voters for pid in self.live}
        self.utility = {
            pid: np.array(supporters.backers[pid].weights, dtype=np.float64)[supporters.backers[pid].weight_codes]
            for pid in self.live
        }
        # The utility to multiply prices by: one number when all supporters share it (cost
        # utility), which numpy broadcasts instead of a full array.
        self.scale = {
            pid: float(b.weights[0]) if len(b.weights) == 1 else self.utility[pid]
            for pid, b in ((p, supporters.backers[p]) for p in self.live)
        }
        self.weight = {pid: self.voters[pid] * self.utility[pid] for pid in self.live}
        self.total_weight = {pid: float(supporters.total_utility[pid]) for pid in self.live}
        self.all_cost = np.array([self.cost[p] for p in self.live], dtype=np.float64)
        # Relative rounding of a float sum over a project's supporters.
        self.sum_rounding = {pid: UNIT * (len(self.groups[pid]) + 4) for pid in self.live}
        self.cost_int = {pid: inst.project(pid).cost for pid in self.live}
        # Integer voters * utility per supporting group, for exact comparisons of floors; None
        # where int64 sums could overflow (then the floor rules are not used for that project).
        self.weight_int = {
            pid: np.array(supporters.backers[pid].weights, dtype=np.int64)[supporters.backers[pid].weight_codes]
            * self.voters[pid].astype(np.int64)
            if supporters.total_utility[pid] < 2**62 else None
            for pid in self.live
        }
        self.rank = ctx.rank
        self._snapshot: _State | None = None
        # A price is never below its floor cost / sum(voters * utility), reached when every
        # supporter pays in part (see _floor_price for the floor over those with money left).
        self.floor = np.array([float(Fraction(inst.project(p).cost, supporters.total_utility[p])) for p in self.live])
        # Projects with the same cost and the same supporters always cost the same: the
        # tie order alone decides between them, at every share (no float test can).
        by_profile: dict[tuple, list[str]] = {}
        for pid in self.live:
            profile = (inst.project(pid).cost, tuple(zip(supporters.groups[pid], self.utility[pid].tolist())))
            by_profile.setdefault(profile, []).append(pid)
        self.outranked_twins: dict[str, np.ndarray] = {}
        for twins in by_profile.values():
            for pid in twins:
                later = [self.position[o] for o in twins if ctx.rank[o] > ctx.rank[pid]]
                if later:
                    self.outranked_twins[pid] = np.array(later, dtype=np.intp)

    def plan_of(self, run: Run) -> Plan:
        """The order an exact run funded, its prices and the projects it funded on their floor."""
        order = tuple(pid for pid in run.selected if pid in run.steps)
        return Plan(
            order,
            {pid: float(run.steps[pid].price) for pid in order},
            frozenset(pid for pid in order if self._funded_on_floor(run, pid)),
        )

    def steps_kept(self, plan: Plan, shares: np.ndarray) -> int:
        """How many of ``shares`` (ascending), from the first, surely fund exactly ``plan.order``.

        Parameters
        ----------
        plan : Plan
            The order to check, usually from an exact run (:meth:`plan_of`).
        shares : ndarray of float64
            Shares per voter, ascending.

        Returns
        -------
        int
            ``len(shares)`` when the order surely holds at every share; otherwise
            the index of the first share at which it may not.
        """
        # Division by a zero slope marks an unaffordable price (inf or nan), checked below.
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._check(plan, shares)

    def resumable(self, plan: Plan, shares: np.ndarray) -> int:
        """How many of ``shares``, from the first, a check of ``plan`` can take up mid-way.

        When a check stops keeping shares in some round, the state of the forced
        order at the start of that round is kept for the shares it gave up; a
        plan that funds the same projects in the rounds before can start there.
        """
        return len(self._resumed_rows(plan, shares))

    def _resumed_rows(self, plan: Plan, shares: np.ndarray) -> range:
        """The snapshot's rows holding the first of ``shares`` (empty if it cannot be taken up)."""
        snap = self._snapshot
        if snap is None or plan.order[: snap.round] != snap.prefix:
            return range(0)
        offset = int(np.searchsorted(snap.shares, shares[0]))
        count = min(len(snap.shares) - offset, len(shares))
        if count <= 0 or not np.array_equal(snap.shares[offset : offset + count], shares[:count]):
            return range(0)
        return range(offset, offset + count)

    def proven_prefix(self, share: float) -> tuple[str, ...]:
        """The winners of the first rounds at ``share``, if the last check that gave up proved them.

        The share at which a check gave up is the first of those it kept its state
        for; at that share every round before the one where it gave up is proven.
        """
        snap = self._snapshot
        if snap is None or not len(snap.shares) or snap.shares[0] != share:
            return ()
        return snap.prefix

    def _start(self, plan: Plan, shares: np.ndarray) -> _State:
        """The state to check ``shares`` from: taken up from the snapshot if it can be."""
        rows = self._resumed_rows(plan, shares)
        if len(rows) == len(shares):
            return self._snapshot.rows(slice(rows.start, rows.stop))
        return _State.fresh(shares, self.num_groups, len(self.live))

    def _check(self, plan: Plan, shares: np.ndarray) -> int:
        """:meth:`steps_kept`, with numpy's division warnings off."""
        order, start, floored = plan.order, plan.start, plan.floored
        state = self._start(plan, shares)
        kept = len(shares)
        t = shares[:, None]
        # What each group has paid so far (Q), one row per share: money is max(0, share - Q);
        # and how far each group's float money may be from its exact money.
        paid, error, in_running = state.paid, state.error, state.in_running
        for round_index in range(state.round, len(order)):
            winner = order[round_index]
            t, paid, error = t[:kept], paid[:kept], error[:kept]
            members, utility = self.groups[winner], self.scale[winner]
            paid_before = paid[:, members]
            money = np.maximum(t - paid_before, 0.0)
            money_error = error[:, members]
            in_running[self.position[winner]] = False
            competitors = in_running.copy()
            if winner in self.outranked_twins:
                competitors[self.outranked_twins[winner]] = False
            on_floor = self._floor_price(winner, money, money_error) if winner in floored else None
            if on_floor is not None:
                rho = np.full(kept, float(on_floor))
                rho_error = rho * UNIT
            else:
                rho, rho_error, certain = self._price(
                    winner, money, money_error, start.get(winner, self.floor[self.position[winner]])
                )
                failing = _first_false(certain, kept)
                self._keep_snapshot(state, order, round_index, failing, kept, paid, error)
                kept = failing
                if kept == 0:
                    return 0
                t, paid, error, rho, rho_error = t[:kept], paid[:kept], error[:kept], rho[:kept], rho_error[:kept]
            failing = self._cheaper_first(competitors, rho + rho_error, t, paid, error, winner, on_floor, state)
            self._keep_snapshot(state, order, round_index, failing, kept, paid, error)
            kept = failing
            if kept == 0:
                return 0
            t, paid, error, rho, rho_error = t[:kept], paid[:kept], error[:kept], rho[:kept], rho_error[:kept]
            money, money_error = money[:kept], money_error[:kept]
            due = rho[:, None] * utility
            # Who surely pays everything ends with no money, exactly as in exact arithmetic
            # (paid is raised to the share itself, so rounding cannot leave a crumb);
            # everyone else's money moves with the price (max(0, .) is 1-Lipschitz).
            surely_broke = money + money_error <= (rho - rho_error)[:, None] * utility
            paid_after = paid_before[:kept] + due
            paid[:, members] = np.where(surely_broke, np.maximum(paid_after, t), paid_after)
            error[:, members] = np.where(
                surely_broke, 0.0, money_error + rho_error[:, None] * utility + (t + due) * UNIT
            )
        paid, error = paid[:kept], error[:kept]
        failing = self._still_affordable_first(in_running, t[:kept], paid, error)
        self._keep_snapshot(state, order, len(order), failing, kept, paid, error)
        return failing

    def _keep_snapshot(self, state: _State, order, round_index, failing, kept, paid, error) -> None:
        """Keep the state at the start of this round for the shares ``failing .. kept`` given up."""
        if failing < kept:
            running = state.in_running.copy()
            if round_index < len(order):
                running[self.position[order[round_index]]] = True  # still in the running then
            self._snapshot = _State(
                round=round_index, shares=state.shares[failing:kept], paid=paid[failing:kept].copy(),
                error=error[failing:kept].copy(), in_running=running, crude=state.crude.copy(),
                crude_slope=state.crude_slope.copy(), crude_at=state.crude_at.copy(), prefix=tuple(order[:round_index]),
            )

    def _funded_on_floor(self, anchor: Run, pid: str) -> bool:
        """Whether the anchor paid ``pid`` at cost over the weight of its supporters with money left."""
        cell = anchor.funded_cells[pid]
        with_money = cell.classes != MoneyClasses.NO_MONEY
        weight = int((cell.counts[with_money] * cell.weights[with_money]).sum())
        return weight > 0 and anchor.steps[pid].price == Fraction(self.cost_int[pid], weight)

    def _floor_price(self, pid: str, money: np.ndarray, money_error: np.ndarray) -> Fraction | None:
        """The exact price of ``pid`` at every share of the block, when it sits on its floor.

        With ``W`` the weight of the supporters who have money left, the price is
        never below ``cost / W``, and it is exactly that when each of them can pay
        its part.  This holds at every share of the block when it holds at the
        smallest one and the same supporters have money left at the largest:
        money grows with the share.  Under cost utility such floors are
        ``1 / (supporters with money)``, so projects tie exactly on them often.
        """
        has_money = money[0] - money_error[0] > 0
        broke = (money[0] == 0) & (money_error[0] == 0)
        if not (has_money | broke).all():
            return None
        has_money_last = money[-1] - money_error[-1] > 0
        broke_last = (money[-1] == 0) & (money_error[-1] == 0)
        if not ((has_money_last | broke_last).all() and (has_money_last == has_money).all()):
            return None
        if self.weight_int[pid] is None:
            return None
        weight = int(self.weight_int[pid][has_money].sum())
        if weight == 0:
            return None
        floor = Fraction(self.cost_int[pid], weight)
        upper = float(floor) * (1 + 4 * UNIT)
        if not ((money[0] - money_error[0])[has_money] > upper * self.utility[pid][has_money]).all():
            return None
        return floor

    def _price(self, pid: str, money: np.ndarray, money_error: np.ndarray, start: float):
        """Price ``rho`` of ``pid`` at each share (a row of ``money``), a bound on its error, and whether it is usable.

        ``F(rho) = sum(voters * min(money, rho * utility))`` is concave and
        piecewise linear.  Newton's method from ``start`` (a price at a smaller
        share, so not below the root) lands at or left of the root in one step,
        and from the left climbs to it without overshooting; where the first
        step is undefined it starts over from the floor.  The exact price lies
        within ``(|residual| + money errors of those who may pay everything +
        rounding) / S`` of the result, where ``S`` is the weight of the
        supporters who surely pay in part: they keep ``F`` rising that fast
        nearby, and their own money errors do not matter.
        """
        utility, voters, weight, cost = self.scale[pid], self.voters[pid], self.weight[pid], self.cost[pid]
        floor = cost / self.total_weight[pid]
        rho = np.full(len(money), max(start, floor))
        tolerance = cost * 1e-13
        for _ in range(MAX_NEWTON):
            due = rho[:, None] * utility
            gap = cost - np.minimum(money, due) @ voters
            settled = np.abs(gap) <= tolerance
            if settled.all():
                break
            slope = (money > due) @ weight
            step = rho + gap / slope
            rho = np.where(settled, rho, np.where(np.isfinite(step), step, floor))
        else:
            due = rho[:, None] * utility
            gap = cost - np.minimum(money, due) @ voters
        surely_partial = (money - money_error) > due * (1 + PRICE_TOLERANCE)
        slope = surely_partial @ weight
        unsure_error = np.where(surely_partial, 0.0, money_error) @ voters
        rounding = self.sum_rounding[pid] * (cost + money @ voters)
        rho_error = 2 * (np.abs(gap) + unsure_error + rounding) / slope
        certain = np.isfinite(rho) & (slope > 0) & (rho_error <= rho * PRICE_TOLERANCE)
        return np.where(certain, rho, 0.0), np.where(certain, rho_error, 0.0), certain

    def _covers_bound(self, pid: str, money: np.ndarray, money_error: np.ndarray, rho: np.ndarray) -> np.ndarray:
        """Upper bound on what the supporters of ``pid`` could pay at a price at most ``rho``."""
        voters = self.voters[pid]
        covered = np.minimum(money, rho[:, None] * self.scale[pid]) @ voters
        return covered * (1 + self.sum_rounding[pid]) + money_error @ voters

    def _cheaper_first(self, competitors, rho_high, t, paid, error, winner, on_floor, state: _State) -> int:
        """Index of the first share where some competitor may be as cheap as the winner.

        ``rho_high`` bounds the winner's exact price from above at each share;
        ``on_floor`` is that price exactly when the winner sits on its floor.  The
        crude coverage bounds in ``state`` are used and refreshed.
        """
        # One share first: the largest (most money) against the winner's price at the
        # smallest (its highest): a competitor that cannot be covered then never can.  That
        # bound carries over to later rounds: money only falls, and coverage is concave in
        # the price, so it grows at most by the rise times its slope where it was computed.
        rho_top = rho_high[0]
        carried = state.crude + np.maximum(0.0, rho_top - state.crude_at) * state.crude_slope
        # A competitor whose floor lies above the winner's highest price is never as cheap.
        suspects = np.flatnonzero(
            competitors & (self.floor <= rho_top * (1 + PRICE_TOLERANCE)) & (carried >= self.all_cost)
        )
        kept = len(t)
        for i in suspects.tolist():
            pid = self.live[i]
            members = self.groups[pid]
            money, money_error = np.maximum(t[-1, 0] - paid[-1, members], 0.0), error[-1, members]
            bound = self._covers_bound(pid, money[None, :], money_error[None, :], rho_high[:1])[0]
            state.crude[i], state.crude_at[i] = bound, rho_top
            # Who may still pay in part at this price sets how fast coverage can grow.
            due = rho_top * self.scale[pid]
            state.crude_slope[i] = ((money + money_error >= due) @ self.weight[pid]) * (1 + 1e-12)
            if bound < self.cost[pid]:
                continue
            if on_floor is not None and self.rank[pid] > self.rank[winner] and self.weight_int[pid] is not None:
                # Its own floor, over every supporter who may have money at the largest
                # share, bounds its price from below at every share of the block: if that
                # is no lower than the winner's price, a tie at most, which the winner takes.
                may_have_money = (money > 0) | (money_error > 0)
                weight = int(self.weight_int[pid][may_have_money].sum())
                if weight == 0 or self.cost_int[pid] * on_floor.denominator >= on_floor.numerator * weight:
                    continue
            money = np.maximum(t[:kept] - paid[:kept, members], 0.0)
            bounds = self._covers_bound(pid, money, error[:kept, members], rho_high[:kept])
            kept = _first_false(bounds < self.cost[pid], kept)
            if kept == 0:
                return 0
        return kept

    def _still_affordable_first(self, in_running, t, paid, error) -> int:
        """Index of the first share where a project left over may still be affordable."""
        kept = len(t)
        if kept == 0:
            return kept
        for i in np.flatnonzero(in_running).tolist():
            pid = self.live[i]
            members, voters = self.groups[pid], self.voters[pid]
            slack = 1 + self.sum_rounding[pid]
            if (np.maximum(t[-1, 0] - paid[-1, members], 0.0) @ voters) * slack + error[-1, members] @ voters < self.cost[pid]:
                continue  # unaffordable with the most money, so with less too
            money = np.maximum(t[:kept] - paid[:kept, members], 0.0)
            totals = (money @ voters) * slack + error[:kept, members] @ voters
            kept = _first_false(totals < self.cost[pid], kept)
            if kept == 0:
                return 0
        return kept


def _first_false(flags: np.ndarray, limit: int) -> int:
    """Index of the first False among ``flags[:limit]``, or ``limit``."""
    failed = np.flatnonzero(~flags[:limit])
    return int(failed[0]) if len(failed) else limit
