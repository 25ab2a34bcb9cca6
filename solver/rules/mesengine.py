"""The exact engine behind Equal Shares and its add1 completion.

Why it is fast and still exact
------------------------------
Voters who cast the same ballot are one *group*.  Voters whose remaining money
is equal are one *class*; since money only changes when a voter pays for a
funded project, there are few classes (one per distinct payment history, and
everyone who has spent everything shares one).  A project's supporters are
counted per ``(class, weight)`` *cell*, rebuilt only when the project is priced
after some supporter paid.

Every decision is exact: each class's money is held as a reduced integer
fraction (its *key*, with the slope below), and payments, sums and rebasing work
on those integers; a ``Fraction`` is made only when a comparison reads it,
since most classes are never read exactly.  Floats only *screen*:
they pick the few projects whose price may be the lowest this round, and they
guess which supporters pay everything; the exact price is then computed once
and the guess verified exactly where floats could be wrong (within a relative
``1e-9``).  So ties between projects are found exactly, as pabutools (which
uses exact fractions) finds them.

Tracking (for add1)
-------------------
With ``track=True`` every money amount is also held as an affine function of
the initial share ``t`` (a value at ``t0`` plus a slope).  This holds because a
voter either pays ``rho * weight`` (``rho`` affine in ``t`` when the set of
voters who pay everything is fixed) or everything.  The comparisons that
decide the outcome are recorded, and :attr:`MesRun.next_change` is the smallest
``t > t0`` at which any of them could flip; the outcome is the same for every
share in ``[t0, next_change)``.  The recorded comparisons are: which projects
are unaffordable, which supporters of each funded project pay all they have,
and that no other project is cheaper than the funded one.  For the last one a
project's price need not be followed exactly: with every voter's money affine
in ``t``, the price ``rho(t)`` (the least ``rho`` with
``sum(min(money, rho * weight)) >= cost``) is a convex function of ``t``,
because that set is convex in ``(rho, t)``.  So the tangent at ``t0`` is a lower
bound for every ``t``, and keeps being one in later rounds (prices only rise as
money is spent).  Comparing these tangent lines with the winner's price gives
both fewer false alarms and a lazy scan, as without tracking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..result import TieRecord
from .base import Context
from .mesprice import SLACK as _SLACK
from .mesprice import scan_exact, scan_float_split, weighted_sum

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
        Money left per voter of each ballot group at the end (index as ``ctx.groups``);
        empty unless the run explains.
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
    #: Float shadow of ``next_change`` used to skip exact work (inf while unknown).
    next_change_float: float = math.inf
    #: With tracking: per round, the state at its start and its own next change.
    marks: list = field(default_factory=list)
    #: Float bound beyond which a root need not be recorded: this round's smallest root
    #: so far, and any earlier round's (a resume restarts at that earlier round anyway).
    screen_float: float = math.inf

    def __post_init__(self) -> None:
        self.share_float = float(self.share)

    def note_screened(self, value: float, slope: float, size: float, exact) -> None:
        """Like :meth:`note`, but first with floats; ``exact()`` gives the Fractions when needed.

        ``size`` bounds the magnitude of the terms, so ``1e-9 * size`` covers rounding.
        Only a test that is clearly safe, or whose root clearly lies beyond the
        smallest root found so far, is settled by floats.
        """
        eps = _SLACK * size
        if abs(value) > eps and abs(slope) > eps:
            if (value > 0) == (slope > 0):
                return  # moving away from the boundary
            root = self.share_float - value / slope
            if root > self.screen_float * (1 + 1e-6) + 1e-6:
                return
        self.note(*exact())

    def note(self, value: Fraction, slope: Fraction) -> None:
        """Record a test of ``f(t) = value + slope * (t - share)`` that held as ``f >= 0`` or ``f < 0``.

        The test keeps its answer for every larger share below the root of ``f``
        (the root itself is treated as a change, to stay on the safe side).
        """
        if slope == 0:
            return
        if value == 0:
            if slope < 0:  # f >= 0 held only with equality and is about to fail
                self.immediate_change = True
            return
        if (value > 0) != (slope > 0):
            root = self.share - value / slope
            if self.next_change is None or root < self.next_change:
                self.next_change = root
                self.next_change_float = float(root)
                self.screen_float = min(self.screen_float, self.next_change_float)


def weights(ctx: Context) -> list[dict[str, int]]:
    """Utility of each group for each project: the cost (approval) or the points (cumulative)."""
    inst = ctx.instance
    if ctx.cumulative:
        return [dict(g.items) for g in ctx.groups]
    return [{pid: inst.project(pid).cost for pid, _ in g.items} for g in ctx.groups]


@dataclass(frozen=True)
class Backers:
    """The groups supporting one project, as arrays, so that per-group work runs in numpy.

    Counting supporters per money class and moving payers to their new classes
    touch every supporting group each round; in Python loops that dominated add1.
    Only counts and class numbers live in arrays: money stays exact, per class.

    Attributes
    ----------
    groups : ndarray of intp
        Index of each supporting group in ``ctx.groups``.
    voters : ndarray of float64
        Voters per group, as ``np.bincount`` weights (exact: counts stay far below 2**53).
    weight_codes : ndarray of intp
        Index into ``weights`` of each group's utility for the project.
    weights : tuple of int
        The distinct utilities, ascending.
    """

    groups: np.ndarray
    voters: np.ndarray
    weight_codes: np.ndarray
    weights: tuple[int, ...]

    @classmethod
    def of(cls, group_ids: list[int], group_weights, groups, pid: str) -> Backers:
        """Arrays for the supporters ``group_ids`` of ``pid``."""
        distinct = tuple(sorted({group_weights[gi][pid] for gi in group_ids}))
        code = {w: i for i, w in enumerate(distinct)}
        return cls(
            np.array(group_ids, dtype=np.intp),
            np.array([groups[gi].count for gi in group_ids], dtype=np.float64),
            np.array([code[group_weights[gi][pid]] for gi in group_ids], dtype=np.intp),
            distinct,
        )

    def cell(self, group_class: np.ndarray) -> dict[tuple[int, int], int]:
        """Voters per ``(class, weight)`` among these groups."""
        classes = group_class[self.groups]
        width = len(self.weights)
        if width == 1:
            counts = np.bincount(classes, weights=self.voters)
            present = np.flatnonzero(counts)
            weight = self.weights[0]
            return dict(zip(((c, weight) for c in present.tolist()), counts[present].astype(np.int64).tolist()))
        counts = np.bincount(classes * width + self.weight_codes, weights=self.voters)
        present = np.flatnonzero(counts)
        weights = self.weights
        return dict(zip(
            ((code // width, weights[code % width]) for code in present.tolist()),
            counts[present].astype(np.int64).tolist(),
        ))


@dataclass(frozen=True)
class MesSetup:
    """What does not depend on the share: utilities, supporters and the starting cells.

    add1 runs Equal Shares many times on one election, so it prepares this once.
    """

    group_weights: list[dict[str, int]]
    supporters: dict[str, list[int]]
    free: tuple[str, ...]
    live: tuple[str, ...]
    cells: dict[str, dict[tuple[int, int], int]]
    total_sat: dict[str, int]
    #: Per project, every project some supporter also supports (whose cells its payment touches).
    neighbors: dict[str, frozenset]
    #: Per project with a positive cost, its supporting groups as arrays (see :class:`Backers`).
    backers: dict[str, Backers]
    #: Per project with a positive cost, the weight all its supporters share, or None.
    uniform: dict[str, int | None]


def prepare(ctx: Context) -> MesSetup:
    """Compute the share-independent part of an Equal Shares run."""
    inst = ctx.instance
    eligible = set(ctx.eligible)
    group_weights = weights(ctx)
    supporters: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    for gi, gw in enumerate(group_weights):
        for pid, w in gw.items():
            # Zero utility is no support: under cost utility a free project is never
            # funded, exactly as in pabutools (its Cost_Sat is 0).
            if pid in eligible and w > 0:
                supporters[pid].append(gi)
    free = tuple(pid for pid in ctx.eligible if supporters[pid] and inst.project(pid).cost == 0)
    live = tuple(pid for pid in ctx.eligible if supporters[pid] and inst.project(pid).cost > 0)
    cells: dict[str, dict[tuple[int, int], int]] = {}
    for pid in live:
        cell: dict[tuple[int, int], int] = {}
        for gi in supporters[pid]:
            key = (0, group_weights[gi][pid])
            cell[key] = cell.get(key, 0) + ctx.groups[gi].count
        cells[pid] = cell
    total_sat = {pid: sum(w * n for (_, w), n in cell.items()) for pid, cell in cells.items()}
    neighbors = {
        pid: frozenset().union(*(group_weights[gi] for gi in supporters[pid])) for pid in live
    }
    backers = {pid: Backers.of(supporters[pid], group_weights, ctx.groups, pid) for pid in live}
    uniform = {pid: cell_weights.pop() if len(cell_weights := {w for _, w in cells[pid]}) == 1 else None for pid in live}
    return MesSetup(group_weights, supporters, free, live, cells, total_sat, neighbors, backers, uniform)


@dataclass(frozen=True)
class _Mark:
    """The state at the start of one round of a tracked run, and what could change it.

    Money is stored as the (append-only) list of integer class keys of the run
    that made the mark, with the share they were computed at, so a later run can
    rebase them to its share.
    """

    share: Fraction
    keys: list
    group_class: np.ndarray
    lower: dict
    rho_slopes: dict
    remaining: frozenset
    selected: tuple[str, ...]
    ties: tuple
    steps: dict
    step: int
    next_change: Fraction | None
    immediate: bool


def run_equal_shares(
    ctx: Context,
    share: Fraction,
    track: bool = False,
    explain: bool = True,
    setup: MesSetup | None = None,
    resume: MesRun | None = None,
) -> MesRun:
    """Run Equal Shares with ``share`` money per voter.

    Matches pabutools' ``method_of_equal_shares`` (Cost_Sat for approval,
    Additive_Cardinal_Sat for cumulative): each round funds the project with the
    lowest price ``rho`` (payment per unit of utility), supporters paying
    ``min(money, rho * utility)``; equal prices go to the tie order.

    ``explain=False`` skips what only explanations need (money left per project),
    for the many intermediate runs of add1, which also passes a shared ``setup``.

    ``resume`` (tracking only) is an earlier tracked run at a smaller share: the
    rounds before the first one whose recorded comparisons can flip at ``share``
    went the same way, so the run restarts from that round's saved state, with
    money rebased along its slopes, instead of from the first round.
    """
    inst = ctx.instance
    run = MesRun(share=share)
    setup = setup or prepare(ctx)
    group_weights, supporters, live, total_sat = setup.group_weights, setup.supporters, setup.live, setup.total_sat
    # pabutools puts supported zero-cost projects in the outcome before the first round.
    run.selected.extend(setup.free)
    run.candidates = live

    # Classes of equal money: value at `share`, slope in the share.  Class 0 is
    # "paid nothing yet", class 1 "has no money left".
    # Each class is known by its integer key (value numerator, value denominator,
    # slope numerator, slope denominator); its Fractions are made only when read.
    share = Fraction(share)
    keys = [(share.numerator, share.denominator, 1, 1), (0, 1, 0, 1)]
    class_of: dict[tuple[int, int, int, int], int] = {key: c for c, key in enumerate(keys)}
    group_class = np.zeros(len(ctx.groups), dtype=np.intp)
    cells = {pid: dict(cell) for pid, cell in setup.cells.items()}
    # Cells are rebuilt only when read, and only if some supporter paid since:
    # far fewer projects are priced per round than are touched by a payment.
    dirty: set[str] = set()
    backers = setup.backers

    def cell_of(pid: str) -> dict[tuple[int, int], int]:
        if pid in dirty:
            dirty.discard(pid)
            cells[pid] = backers[pid].cell(group_class)
        return cells[pid]
    # A price never falls as money is spent, so the last known price is a lower bound.
    lower = {pid: Fraction(inst.project(pid).cost, total_sat[pid]) for pid in live}
    remaining = set(live)
    # Tracking: slope of each project's latest tangent line (the initial bound is flat).
    rho_slopes: dict[str, Fraction] = {pid: _ZERO for pid in live}
    step = len(run.selected)
    fvalues: list[float] = []
    if track and resume is not None and resume.marks:
        marks = resume.marks
        first = next(
            (i for i, m in enumerate(marks) if m.immediate or (m.next_change is not None and m.next_change <= share)),
            len(marks) - 1,
        )
        mark = marks[first]
        run.marks = list(marks[:first])
        shift = share - mark.share
        keys, class_of, group_class, fvalues = _rebase(mark, shift)
        lower = {pid: v + mark.rho_slopes[pid] * shift for pid, v in mark.lower.items()}
        rho_slopes = dict(mark.rho_slopes)
        remaining = set(mark.remaining)
        run.selected = list(mark.selected)
        run.ties = list(mark.ties)
        run.steps = dict(mark.steps)
        step = mark.step
        cells = {pid: {} for pid in remaining}
        dirty.update(remaining)  # every cell is rebuilt from the restored classes

    def price(pid: str) -> Fraction | None:
        """Exact price rho of a project, or None when its supporters cannot afford it."""
        cost = inst.project(pid).cost
        cell = cell_of(pid)
        # Floats settle affordability unless the money is within rounding of the cost.
        available_float = sum(fvalues[c] * n for (c, _), n in cell.items())
        if available_float < cost * (1 - _SLACK):
            if track:
                # Becoming affordable could change the outcome; the reverse only helps the winner.
                slope_float = sum(fslopes[c] * n for (c, _), n in cell.items())
                run.note_screened(
                    available_float - cost, slope_float, abs(available_float) + cost + abs(slope_float),
                    lambda cell=cell, cost=cost: (
                        weighted_sum((values[c], n) for (c, _), n in cell.items()) - cost,
                        weighted_sum((slopes[c], n) for (c, _), n in cell.items()),
                    ),
                )
            return None
        if available_float < cost * (1 + _SLACK):
            available = weighted_sum((values[c], n) for (c, _), n in cell.items())
            if available < cost:
                if track:
                    run.note(available - cost, weighted_sum((slopes[c], n) for (c, _), n in cell.items()))
                return None
        # Sorting by float ratio is exact except among near-equal ratios; _scan checks those.
        items = sorted(cell.items(), key=lambda kv: fvalues[kv[0][0]] / kv[0][1])
        rho, rho_slope = scan_float_split(items, cost, total_sat[pid], values, fvalues, keys, track)
        if rho is None:
            items.sort(key=lambda kv: values[kv[0][0]] / kv[0][1])
            rho, rho_slope = scan_exact(items, cost, total_sat[pid], values, slopes, track)
        if track:
            rho_slopes[pid] = rho_slope
            last_items[pid] = items
        return rho

    def approximate_price(pid: str) -> float | None:
        """Float price, used only to screen; None when clearly unaffordable."""
        cost = inst.project(pid).cost
        cell = cell_of(pid)
        available = sum(fvalues[c] * n for (c, _), n in cell.items())
        if available < cost * (1 - _SLACK):
            return None
        if available < cost * (1 + _SLACK) and weighted_sum((values[c], n) for (c, _), n in cell.items()) < cost:
            return None
        items = sorted(cell.items(), key=lambda kv: fvalues[kv[0][0]] / kv[0][1])
        paid = 0.0
        denominator = total_sat[pid]
        rho = cost / denominator
        for (c, w), n in items:
            rho = (cost - paid) / denominator
            if rho * w <= fvalues[c] or denominator == w * n:
                break
            paid += fvalues[c] * n
            denominator -= w * n
        return rho

    last_items: dict[str, list] = {}
    values, slopes = _LazyFractions(keys, 0), _LazyFractions(keys, 2)
    if len(fvalues) != len(keys):  # not restored by a resume
        fvalues = [p / q for p, q, _, _ in keys]  # what float(Fraction) computes
    fslopes = [s / t for _, _, s, t in keys]
    approx_lower = {pid: float(rho) for pid, rho in lower.items()}
    mark_state = None
    # A root beyond an earlier round's change need not be known: resuming at a share
    # past it restarts at that earlier round, whatever later rounds recorded.
    earlier_float = min((_change_float(m.next_change, m.immediate, run.share_float) for m in run.marks), default=math.inf)
    while remaining:
        if track:
            if mark_state is not None:
                run.marks.append(_Mark(*mark_state, run.next_change, run.immediate_change))
                earlier_float = min(earlier_float, _change_float(run.next_change, run.immediate_change, run.share_float))
            mark_state = (
                share, keys, group_class.copy(), dict(lower), dict(rho_slopes),
                frozenset(remaining), tuple(run.selected), tuple(run.ties), dict(run.steps), step,
            )
            run.next_change, run.immediate_change, run.next_change_float = None, False, math.inf
            run.screen_float = earlier_float
        best: Fraction | None = None
        best_float = math.inf
        tied: list[str] = []
        prices: dict[str, Fraction] = {}
        if track:
            # Exact prices, lazily: a tangent line above the best price so far cannot win.
            screened = []
            # Float order is enough to be lazy: stop only when clearly above the best.
            for pid in sorted(remaining, key=approx_lower.__getitem__):
                if best is not None and approx_lower[pid] > best_float * (1 + _SLACK) and lower[pid] > best:
                    break
                rho = price(pid)
                if rho is None:
                    remaining.discard(pid)
                    del cells[pid]
                    continue
                lower[pid] = rho
                approx_lower[pid] = float(rho)
                if best is None or rho < best:
                    best, tied = rho, [pid]
                    best_float = float(rho)
                elif rho == best:
                    tied.append(pid)
        else:
            # Screen with floats, lazily (a price never falls), then decide exactly
            # among the projects whose float price is within rounding of the best.
            approx: dict[str, float] = {}
            for pid in sorted(remaining, key=approx_lower.__getitem__):
                if approx_lower[pid] > best_float * (1 + _SLACK):
                    break
                estimate = approximate_price(pid)
                if estimate is None:
                    remaining.discard(pid)
                    del cells[pid]
                    continue
                approx[pid] = estimate
                approx_lower[pid] = estimate * (1 - _SLACK)
                best_float = min(best_float, estimate)
            screened = [pid for pid, est in approx.items() if est <= best_float * (1 + _SLACK)]
        for pid in screened:
            rho = price(pid)
            if rho is None:
                remaining.discard(pid)
                del cells[pid]
                continue
            lower[pid] = prices[pid] = rho
            if best is None or rho < best:
                best, tied = rho, [pid]
            elif rho == best:
                tied.append(pid)
        if best is None:
            if not track and remaining:
                continue  # the screened projects were unaffordable after all; screen again
            break
        tied = ctx.by_tie_order(tied)
        chosen = tied[0]
        step += 1
        if len(tied) > 1:
            run.ties.append(TieRecord(step, tuple(tied), chosen, "affordability", ctx.tie_break.kind))
        if track:
            best_slope = rho_slopes[chosen]
            bf, bsf = float(best), float(best_slope)
            for pid in remaining:
                if pid != chosen:
                    lf, lsf = approx_lower[pid], float(rho_slopes[pid])
                    gap, gap_slope = lf - bf, lsf - bsf
                    eps = _SLACK * (abs(lf) + abs(bf) + abs(lsf) + abs(bsf))
                    if (gap > eps and gap_slope > eps) or (gap < -eps and gap_slope < -eps):
                        continue  # clearly moving away from the boundary (note_screened's first test)
                    run.note_screened(
                        gap, gap_slope, abs(lf) + abs(bf) + abs(lsf) + abs(bsf),
                        lambda pid=pid, b=best, bs=best_slope: (lower[pid] - b, rho_slopes[pid] - bs),
                    )
            for (c, w), _ in last_items[chosen]:
                if c != 1:  # the class with no money pays nothing whatever rho is
                    vf, sf, due, due_slope = fvalues[c], fslopes[c], bf * w, bsf * w
                    gap, gap_slope = vf - due, sf - due_slope
                    eps = _SLACK * (abs(vf) + abs(due) + abs(sf) + abs(due_slope))
                    if (gap > eps and gap_slope > eps) or (gap < -eps and gap_slope < -eps):
                        continue  # clearly moving away from the boundary (note_screened's first test)
                    run.note_screened(
                        gap, gap_slope, abs(vf) + abs(due) + abs(sf) + abs(due_slope),
                        lambda c=c, w=w, b=best, bs=best_slope: (values[c] - b * w, slopes[c] - bs * w),
                    )
        before = weighted_sum((values[c], n) for (c, _), n in cell_of(chosen).items()) if explain else _ZERO
        run.steps[chosen] = (step, best, before)
        run.selected.append(chosen)
        remaining.discard(chosen)
        _pay(chosen, best, rho_slopes.get(chosen, _ZERO), backers[chosen], group_class,
             (fvalues, fslopes, keys), class_of, dirty, setup.neighbors[chosen])
        del cells[chosen]
    if track:
        if mark_state is not None:
            run.marks.append(_Mark(*mark_state, run.next_change, run.immediate_change))
        # The run's own answer: the earliest change over all rounds, inherited ones included.
        changes = [m.next_change for m in run.marks if m.next_change is not None]
        run.next_change = min(changes) if changes else None
        run.next_change_float = float(run.next_change) if changes else math.inf
        run.immediate_change = any(m.immediate for m in run.marks)
    if explain:  # add1's intermediate runs never read it
        run.group_budget = [values[c] for c in group_class.tolist()]
        counts = np.array([g.count for g in ctx.groups], dtype=np.float64)
        for pid in ctx.eligible:
            # Voters per money class first: one Fraction product per class, not per group.
            classes = group_class[np.array(supporters[pid], dtype=np.intp)]
            per_class = np.bincount(classes, weights=counts[supporters[pid]])
            present = np.flatnonzero(per_class)
            run.supporters_left[pid] = weighted_sum(
                zip((values[c] for c in present.tolist()), per_class[present].astype(np.int64).tolist())
            )
    return run


def _change_float(next_change: Fraction | None, immediate: bool, share_float: float) -> float:
    """Float share at which a round's outcome may change (``inf`` when never)."""
    if immediate:
        return share_float
    return math.inf if next_change is None else float(next_change)


def _rebase(mark: _Mark, shift: Fraction):
    """The money classes of ``mark`` moved ``shift`` along their slopes, unused classes dropped.

    Classes are append-only within a run, so most of a late mark's classes are
    held by no group any more; only the held ones (and the two fixed classes 0
    and 1) are rebased, renumbered in their old order, on integers with one gcd
    per class.

    Returns
    -------
    keys : list of (int, int, int, int)
        Integer key of each class.
    class_of : dict of (int, int, int, int) to int
        Each class by its integer key, as :func:`_pay` looks them up.
    group_class : ndarray of intp
    fvalues : list of float
        The values as floats.
    """
    used = np.union1d(mark.group_class, (0, 1)).tolist()
    x, y = shift.numerator, shift.denominator
    gcd = math.gcd
    keys: list[tuple[int, int, int, int]] = []
    fvalues: list[float] = []
    for c in used:
        key = p, q, s, t = mark.keys[c]
        if s:
            num, den = p * t * y + s * x * q, q * t * y
            g = gcd(num, den)
            p, q = num // g, den // g
            key = (p, q, s, t)
        keys.append(key)
        fvalues.append(p / q)  # what float(Fraction) computes
    class_of = {key: i for i, key in enumerate(keys)}
    renumber = np.zeros(used[-1] + 1, dtype=np.intp)
    renumber[used] = np.arange(len(used), dtype=np.intp)
    group_class = renumber[mark.group_class]
    return keys, class_of, group_class, fvalues


class _LazyFractions:
    """The values (``offset=0``) or slopes (``offset=2``) of money classes, as Fractions on demand.

    Payments create many classes whose exact values are never read (only their
    floats and integer keys are), so each ``Fraction`` is made on first read.
    """

    __slots__ = ("keys", "offset", "made")

    def __init__(self, keys: list, offset: int) -> None:
        self.keys = keys
        self.offset = offset
        self.made: dict[int, Fraction] = {}

    def __getitem__(self, c: int) -> Fraction:
        fraction = self.made.get(c)
        if fraction is None:
            key = self.keys[c]
            fraction = self.made[c] = _coprime(key[self.offset], key[self.offset + 1])
        return fraction


def _pay(chosen, rho, rho_slope, payers: Backers, group_class, money, class_of, dirty, neighbors):
    """Charge the supporters of ``chosen`` and move them to their new money classes.

    The new money of each ``(class, weight)`` is computed on bare integers (one
    gcd each) and looked up by its integer key; a ``Fraction`` is built only for
    a class not seen before.  Generic ``Fraction`` arithmetic (a gcd and an
    object per operation) is what dominated add1 on large elections.  The
    groups themselves are moved in one numpy step.
    """
    fvalues, fslopes, keys = money
    a, b = rho.numerator, rho.denominator
    e, f = rho_slope.numerator, rho_slope.denominator
    gcd = math.gcd

    def move(c: int, w: int) -> int:
        """The class that class ``c`` joins after paying for weight ``w``."""
        p, q, s, t = keys[c]
        due = a * w * q
        if due > p * b:
            int_key = (0, 1, 0, 1)  # pays everything: joins the class with no money
        else:
            vn, vd = p * b - due, q * b
            g = gcd(vn, vd)
            sn, sd = s * f - e * w * t, t * f
            h = gcd(sn, sd)
            int_key = (vn // g, vd // g, sn // h, sd // h)
        new = class_of.get(int_key)
        if new is None:
            new = class_of[int_key] = len(keys)
            fvalues.append(int_key[0] / int_key[1])  # what float(Fraction) computes
            fslopes.append(int_key[2] / int_key[3])
            keys.append(int_key)
        return new

    classes = group_class[payers.groups]
    width = len(payers.weights)
    weights = payers.weights
    if width == 1:
        present, where = np.unique(classes, return_inverse=True)
        old = present.tolist()
        moved = [move(c, weights[0]) for c in old]
    else:
        present, where = np.unique(classes * width + payers.weight_codes, return_inverse=True)
        old = (present // width).tolist()
        moved = [move(code // width, weights[code % width]) for code in present.tolist()]
    if moved != old:
        group_class[payers.groups] = np.array(moved, dtype=np.intp)[where]
        # These projects' cells must be rebuilt before use; a superset is harmless.
        dirty.update(neighbors)


def _coprime(numerator: int, denominator: int) -> Fraction:
    """A ``Fraction`` from a numerator and a positive denominator already in lowest terms.

    Skips the gcd and type checks of ``Fraction()`` (what Python 3.12's
    ``Fraction._from_coprime_ints`` does).
    """
    fraction = object.__new__(Fraction)
    fraction._numerator = numerator
    fraction._denominator = denominator
    return fraction
