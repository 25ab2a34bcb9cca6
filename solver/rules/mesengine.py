"""The exact engine behind Equal Shares and its add1 completion.

Why it is fast without floats
-----------------------------
Voters who cast the same ballot are one *group*.  Voters whose remaining money
is equal are one *class*; since money only changes when a voter pays for a
funded project, there are few classes (one per distinct payment history, and
everyone who has spent everything shares one).  For each project we keep how
many of its supporters sit in each ``(class, weight)`` cell, so computing the
price ``rho`` of a project touches only those cells, with exact ``Fraction``
arithmetic, and ties between projects are detected exactly.

Tracking (for add1)
-------------------
With ``track=True`` every money amount is also held as an affine function of
the initial share ``t`` (a value at ``t0`` plus a slope).  This holds because a
voter either pays ``rho * weight`` (``rho`` affine in ``t`` when the set of
voters who pay everything is fixed) or everything.  Every comparison the run
makes is recorded, and :attr:`MesRun.next_change` is the smallest ``t > t0`` at
which any of them could flip; the outcome is the same for every share in
``[t0, next_change)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..result import TieRecord
from .base import Context

_ZERO = Fraction(0)


@dataclass
class MesRun:
    """One run of Equal Shares at a fixed initial share per voter.

    Attributes
    ----------
    share : Fraction
        Initial money per voter (minor units).
    selected : list of str
        Funded projects in order (zero-cost supported projects first).
    steps : dict of str to (int, Fraction, Fraction)
        Per funded project: ``(step, rho, supporters' money before paying)``.
    ties : list of TieRecord
    group_budget : list of Fraction
        Money left per voter of each ballot group at the end (index as ``ctx.groups``).
    supporters_left : dict of str to Fraction
        Money the supporters of each project had left at the end.
    candidates : tuple of str
        Projects Equal Shares could fund (eligible, supported, positive cost).
    next_change : Fraction or None
        With tracking, the smallest share above ``share`` at which the outcome may change.
    """

    share: Fraction
    selected: list[str] = field(default_factory=list)
    steps: dict[str, tuple[int, Fraction, Fraction]] = field(default_factory=dict)
    ties: list[TieRecord] = field(default_factory=list)
    group_budget: list[Fraction] = field(default_factory=list)
    supporters_left: dict[str, Fraction] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()
    next_change: Fraction | None = None
    #: True when some comparison sits exactly on its boundary at ``share``.
    immediate_change: bool = False

    def note(self, value: Fraction, slope: Fraction) -> None:
        """Record a comparison ``value + slope * (t - share)`` against zero."""
        if slope == 0:
            return
        if value == 0:
            self.immediate_change = True
            return
        if (value > 0) != (slope > 0):
            root = self.share - value / slope
            if self.next_change is None or root < self.next_change:
                self.next_change = root


def weights(ctx: Context) -> list[dict[str, int]]:
    """Utility of each group for each project: the cost (approval) or the points (cumulative)."""
    inst = ctx.instance
    if ctx.cumulative:
        return [dict(g.items) for g in ctx.groups]
    return [{pid: inst.project(pid).cost for pid, _ in g.items} for g in ctx.groups]


def run_equal_shares(ctx: Context, share: Fraction, track: bool = False) -> MesRun:
    """Run Equal Shares with ``share`` money per voter.

    Matches pabutools' ``method_of_equal_shares`` (Cost_Sat for approval,
    Additive_Cardinal_Sat for cumulative): each round funds the project with the
    lowest price ``rho`` (payment per unit of utility), supporters paying
    ``min(money, rho * utility)``; equal prices go to the tie order.
    """
    inst = ctx.instance
    run = MesRun(share=share)
    eligible = set(ctx.eligible)
    group_weights = weights(ctx)
    supporters: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    for gi, gw in enumerate(group_weights):
        for pid in gw:
            if pid in eligible:
                supporters[pid].append(gi)
    free = [pid for pid in ctx.eligible if supporters[pid] and inst.project(pid).cost == 0]
    # pabutools puts supported zero-cost projects in the outcome before the first round.
    run.selected.extend(free)
    live = [pid for pid in ctx.eligible if supporters[pid] and inst.project(pid).cost > 0]
    run.candidates = tuple(live)

    # Classes of equal money: value at `share`, slope in the share.
    values: list[Fraction] = [Fraction(share), _ZERO]
    slopes: list[Fraction] = [Fraction(1), _ZERO]
    class_of: dict[tuple[Fraction, Fraction], int] = {(values[0], slopes[0]): 0, (_ZERO, _ZERO): 1}
    group_class = [0] * len(ctx.groups)
    cells: dict[str, dict[tuple[int, int], int]] = {}
    total_sat: dict[str, int] = {}
    for pid in live:
        cell: dict[tuple[int, int], int] = {}
        for gi in supporters[pid]:
            key = (0, group_weights[gi][pid])
            cell[key] = cell.get(key, 0) + ctx.groups[gi].count
        cells[pid] = cell
        total_sat[pid] = sum(w * n for (_, w), n in cell.items())
    # A price never falls as money is spent, so the last known price is a lower bound.
    lower = {pid: Fraction(inst.project(pid).cost, total_sat[pid]) for pid in live}
    remaining = set(live)

    def price(pid: str) -> Fraction | None:
        cost = inst.project(pid).cost
        cell = cells[pid]
        available = sum(values[c] * n for (c, _), n in cell.items())
        if track:
            run.note(available - cost, sum(slopes[c] * n for (c, _), n in cell.items()))
        if available < cost:
            return None
        items = sorted(cell.items(), key=lambda kv: values[kv[0][0]] / kv[0][1])
        paid = _ZERO
        paid_slope = _ZERO
        denominator = total_sat[pid]
        for (c, w), n in items:
            rho = (cost - paid) / denominator
            if rho * w <= values[c]:
                if track:
                    rho_slope = -paid_slope / denominator
                    for (c2, w2), _ in items:
                        if c2 != 1:  # the class with no money pays nothing whatever rho is
                            run.note(values[c2] - rho * w2, slopes[c2] - rho_slope * w2)
                    rho_slopes[pid] = rho_slope
                return rho
            paid += values[c] * n
            paid_slope += slopes[c] * n
            denominator -= w * n
        raise AssertionError("unreachable: available money covers the cost")

    rho_slopes: dict[str, Fraction] = {}
    step = len(run.selected)
    while remaining:
        best: Fraction | None = None
        tied: list[str] = []
        prices: dict[str, Fraction] = {}
        for pid in sorted(remaining, key=lower.__getitem__):
            if not track and best is not None and lower[pid] > best:
                break  # every later project is at least this expensive
            rho = price(pid)
            if rho is None:
                remaining.discard(pid)
                continue
            lower[pid] = prices[pid] = rho
            if best is None or rho < best:
                best, tied = rho, [pid]
            elif rho == best:
                tied.append(pid)
        if best is None:
            break
        tied = ctx.by_tie_order(tied)
        chosen = tied[0]
        step += 1
        if len(tied) > 1:
            run.ties.append(TieRecord(step, tuple(tied), chosen, "affordability", ctx.tie_break.kind))
        if track:
            for pid, rho in prices.items():
                if pid != chosen:
                    run.note(rho - best, rho_slopes[pid] - rho_slopes[chosen])
        before = sum(values[c] * n for (c, _), n in cells[chosen].items())
        run.steps[chosen] = (step, best, before)
        run.selected.append(chosen)
        remaining.discard(chosen)
        _pay(ctx, chosen, best, rho_slopes.get(chosen, _ZERO), supporters[chosen], group_weights,
             group_class, values, slopes, class_of, cells, remaining)
        del cells[chosen]
    run.group_budget = [values[c] for c in group_class]
    for pid in ctx.eligible:
        run.supporters_left[pid] = sum(
            (run.group_budget[gi] * ctx.groups[gi].count for gi in supporters[pid]), _ZERO
        )
    return run


def _pay(ctx, chosen, rho, rho_slope, payers, group_weights, group_class, values, slopes, class_of, cells, remaining):
    """Charge the supporters of ``chosen`` and move them to their new money classes."""
    moved: dict[tuple[int, int], int] = {}
    for gi in payers:
        c = group_class[gi]
        w = group_weights[gi][chosen]
        new = moved.get((c, w))
        if new is None:
            due = rho * w
            if due >= values[c]:
                key = (_ZERO, _ZERO)  # pays everything: joins the class with no money
            else:
                key = (values[c] - due, slopes[c] - rho_slope * w)
            new = class_of.get(key)
            if new is None:
                new = class_of[key] = len(values)
                values.append(key[0])
                slopes.append(key[1])
            moved[(c, w)] = new
        if new == c:
            continue
        group_class[gi] = new
        count = ctx.groups[gi].count
        gw = group_weights[gi]
        for pid in gw:
            cell = cells.get(pid)
            if cell is None or pid not in remaining:
                continue
            wq = gw[pid]
            old_key = (c, wq)
            left = cell[old_key] - count
            if left:
                cell[old_key] = left
            else:
                del cell[old_key]
            new_key = (new, wq)
            cell[new_key] = cell.get(new_key, 0) + count
