"""The exact engine behind Equal Shares and every exact run of its add1 completion.

Why it is fast and still exact
------------------------------
Voters who cast the same ballot are one *group*.  Voters with the same payment
history are one *class*, since money only changes when a voter pays for a
funded project (everyone who has spent everything shares one class).  A project's supporters are counted per
``(class, weight)`` *cell*, rebuilt only when the project is priced after some
supporter paid.  The per-group work (counting cells, moving payers to their new
classes) runs in numpy; the per-class money stays exact.

Every decision is exact: each class's money is held as a reduced integer
fraction (its *key*), and payments and sums work on those integers; a
``Fraction`` is made only when a comparison reads it.  Floats only *screen*:
they pick the few projects whose price may be the lowest this round, and they
guess which supporters pay everything; the exact price is then computed once
and the guess verified exactly where floats could be wrong (within a relative
``1e-9``).  So ties between projects are found exactly, as pabutools (which
uses exact fractions) finds them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ...result import TieRecord
from ..base import Context
from .prices import SLACK, exact_price, money_sum

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
    supporters_left : dict of str to Fraction
        Money the supporters of each project left unfunded had at the end.
    candidates : tuple of str
        Projects Equal Shares could fund (eligible, supported, positive cost).
    """

    share: Fraction
    selected: list[str] = field(default_factory=list)
    steps: dict[str, tuple[int, Fraction, Fraction]] = field(default_factory=dict)
    ties: list[TieRecord] = field(default_factory=list)
    supporters_left: dict[str, Fraction] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()
    #: What explaining needs later: each funded project's cell when it was funded,
    #: every group's money class at the end, and the classes' money.
    funded_cells: dict[str, Cell] = field(default_factory=dict, repr=False)
    final_classes: np.ndarray | None = field(default=None, repr=False)
    final_money: _Money | None = field(default=None, repr=False)
    explained: bool = False
    forced_rounds: int = 0

    def group_budget(self) -> list[Fraction]:
        """Money left per voter of each ballot group at the end (index as ``ctx.groups``)."""
        return [self.final_money.values[c] for c in self.final_classes.tolist()]


@dataclass(frozen=True)
class Cell:
    """A project's supporters counted per ``(class, weight)``, as parallel arrays."""

    classes: np.ndarray
    weights: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class Backers:
    """The groups supporting one project, as arrays.

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
    def of(cls, group_ids: list[int], utilities: list[int], voters: np.ndarray) -> Backers:
        """Arrays for the supporting groups ``group_ids`` with their ``utilities`` (parallel lists)."""
        groups = np.array(group_ids, dtype=np.intp)
        distinct, codes = np.unique(np.array(utilities, dtype=np.int64), return_inverse=True)
        return cls(groups, voters[groups], codes.astype(np.intp), tuple(distinct.tolist()))

    def keyed_classes(self, group_class: np.ndarray) -> tuple[np.ndarray, int]:
        """One code per group, ``class * width + weight code``, and that width."""
        width = len(self.weights)
        classes = group_class[self.groups]
        return (classes if width == 1 else classes * width + self.weight_codes), width

    def cell(self, group_class: np.ndarray) -> Cell:
        """Voters per ``(class, weight)`` among these groups."""
        codes, width = self.keyed_classes(group_class)
        counts = np.bincount(codes, weights=self.voters)
        present = np.flatnonzero(counts)
        weight_of = np.array(self.weights, dtype=np.float64)
        return Cell(present // width, weight_of[present % width], counts[present])


@dataclass(frozen=True)
class MesSetup:
    """What does not depend on the share: supporters, their utilities and arrays.

    add1 runs Equal Shares many times on one election, so it prepares this once.
    Utility is the project's cost for approval ballots (pabutools' ``Cost_Sat``)
    and the points for cumulative ballots (``Additive_Cardinal_Sat``).
    """

    #: Per eligible project, the ballot groups that support it (utility above zero).
    supporters: dict[str, list[int]]
    free: tuple[str, ...]
    live: tuple[str, ...]
    total_sat: dict[str, int]
    #: Per project, every project some supporter also supports (whose cells its payment touches).
    neighbors: dict[str, frozenset]
    #: Per project with a positive cost, its supporting groups as arrays.
    backers: dict[str, Backers]


def prepare(ctx: Context) -> MesSetup:
    """Compute the share-independent part of an Equal Shares run."""
    inst = ctx.instance
    cost = {pid: inst.project(pid).cost for pid in ctx.eligible}
    supporters: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    utilities: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    for gi, group in enumerate(ctx.groups):
        for pid, points in group.items:
            members = supporters.get(pid)
            if members is None:
                continue  # below the minimum score
            utility = points if ctx.cumulative else cost[pid]
            # Zero utility is no support: under cost utility a free project is never
            # funded, exactly as in pabutools (its Cost_Sat is 0).
            if utility > 0:
                members.append(gi)
                utilities[pid].append(utility)
    free = tuple(pid for pid in ctx.eligible if supporters[pid] and cost[pid] == 0)
    live = tuple(pid for pid in ctx.eligible if supporters[pid] and cost[pid] > 0)
    voters = np.array([g.count for g in ctx.groups], dtype=np.float64)
    backers = {pid: Backers.of(supporters[pid], utilities[pid], voters) for pid in live}
    total_sat = {
        pid: sum(u * n for u, n in zip(utilities[pid], voters[backers[pid].groups].astype(np.int64).tolist()))
        for pid in live
    }
    # Which projects share a supporter, from a group-by-project incidence table.
    incidence = np.zeros((len(ctx.groups), len(live)), dtype=bool)
    for j, pid in enumerate(live):
        incidence[backers[pid].groups, j] = True
    neighbors = {
        pid: frozenset(live[j] for j in np.flatnonzero(incidence[backers[pid].groups].any(axis=0)).tolist())
        for pid in live
    }
    return MesSetup(supporters, free, live, total_sat, neighbors, backers)


class _Money:
    """The money classes of one run: exact integer keys, and their floats in a numpy buffer.

    Class 0 is "paid nothing yet", class 1 "has no money left".  Classes are
    append-only.
    """

    def __init__(self, share: Fraction) -> None:
        self.keys: list[tuple[int, int]] = [(share.numerator, share.denominator), (0, 1)]
        self._floats = np.empty(64)
        self._floats[:2] = (share.numerator / share.denominator, 0.0)
        self.values = _LazyFractions(self.keys)

    def floats(self) -> np.ndarray:
        """Money per class as floats (what ``float(Fraction)`` computes)."""
        return self._floats[: len(self.keys)]

    def new_class(self, key: tuple[int, int]) -> int:
        """A new class with money ``key`` (positive).

        Not looked up among the existing ones: a class pays for each project at most
        once, so equal money from two histories is rare, and two classes holding the
        same money price the same as one.
        """
        c = len(self.keys)
        if c == len(self._floats):
            self._floats = np.concatenate((self._floats, np.empty(c)))
        self._floats[c] = key[0] / key[1]
        self.keys.append(key)
        return c


def run_equal_shares(
    ctx: Context,
    share: Fraction,
    explain: bool = True,
    setup: MesSetup | None = None,
    forced: tuple[str, ...] = (),
) -> MesRun:
    """Run Equal Shares with ``share`` money per voter.

    Matches pabutools' ``method_of_equal_shares`` (Cost_Sat for approval,
    Additive_Cardinal_Sat for cumulative): each round funds the project with the
    lowest price ``rho`` (payment per unit of utility), supporters paying
    ``min(money, rho * utility)``; equal prices go to the tie order.

    ``explain=False`` leaves out what only explanations need (money before each
    payment, money left per project) until :func:`explain_run` is called; add1 makes
    many exact runs and explains only the one it returns.

    ``forced`` names the winners of the first rounds when they are already known
    for certain (add1's verifier proved them at this share): those rounds price
    only their winner, and record no ties (:attr:`MesRun.forced_rounds` says how
    many rounds were forced; such a run is not for explanations).
    """
    inst = ctx.instance
    setup = setup or prepare(ctx)
    run = MesRun(share=share)
    # pabutools puts supported zero-cost projects in the outcome before the first round.
    run.selected.extend(setup.free)
    run.candidates = setup.live
    money = _Money(Fraction(share))
    values = money.values
    group_class = np.zeros(len(ctx.groups), dtype=np.intp)
    # Cells are rebuilt only when read, and only if some supporter paid since:
    # far fewer projects are priced per round than are touched by a payment.
    cells: dict[str, Cell] = {}
    dirty = set(setup.live)

    def cell_of(pid: str) -> Cell:
        if pid in dirty:
            dirty.discard(pid)
            cells[pid] = setup.backers[pid].cell(group_class)
        return cells[pid]

    def affordable(pid: str, cell: Cell, available: float) -> bool:
        """Whether the supporters hold the cost; floats decide unless within rounding."""
        cost = inst.project(pid).cost
        if abs(available - cost) > cost * SLACK:
            return available > cost
        return _cell_money(cell, money.keys) >= cost

    def sorted_cell(pid: str):
        """The project's cell sorted by float money/weight, with the float price and split."""
        cell = cell_of(pid)
        held = money.floats()[cell.classes]
        ratios = held / cell.weights
        order = np.argsort(ratios, kind="stable")
        weights, counts = cell.weights[order], cell.counts[order]
        estimate, split = _float_price(inst.project(pid).cost, setup.total_sat[pid], held[order], weights, counts)
        return (cell.classes[order], weights, counts, ratios[order]), estimate, split

    def approximate_price(pid: str):
        """Float price and the sorted cell, used to screen; None when the supporters cannot afford it."""
        cell = cell_of(pid)
        if not affordable(pid, cell, float(money.floats()[cell.classes] @ cell.counts)):
            return None
        return sorted_cell(pid)

    def price(pid: str, screened=None) -> Fraction:
        """Exact price of an affordable project (from its screening, if it was just screened)."""
        (classes, weights, counts, ratios), _, split = screened or sorted_cell(pid)
        cost, total = inst.project(pid).cost, setup.total_sat[pid]
        ordered = (classes, weights.astype(np.int64), counts.astype(np.int64), ratios)
        return exact_price(ordered, split, cost, total, values, money.keys)

    def _fund(chosen: str, best: Fraction) -> None:
        run.funded_cells[chosen] = cell_of(chosen)
        run.steps[chosen] = (step, best, _ZERO)
        run.selected.append(chosen)
        remaining.discard(chosen)
        if _pay(best, setup.backers[chosen], group_class, money):
            dirty.update(setup.neighbors[chosen])  # a superset is harmless

    approx_lower = {pid: inst.project(pid).cost / setup.total_sat[pid] * (1 - SLACK) for pid in setup.live}
    remaining = set(setup.live)
    step = len(run.selected)
    run.forced_rounds = len(forced)
    while remaining:
        if step - len(setup.free) < len(forced):
            chosen = forced[step - len(setup.free)]
            step += 1
            best = price(chosen)
            _fund(chosen, best)
            continue
        # Screen with floats, lazily (a price never falls as money is spent), then decide
        # exactly among the projects whose float price is within rounding of the best.
        screened: dict[str, tuple] = {}
        best_float = math.inf
        for pid in sorted(remaining, key=approx_lower.__getitem__):
            if approx_lower[pid] > best_float * (1 + SLACK):
                break
            found = approximate_price(pid)
            if found is None:
                remaining.discard(pid)
                continue
            screened[pid] = found
            approx_lower[pid] = found[1] * (1 - SLACK)
            best_float = min(best_float, found[1])
        best: Fraction | None = None
        tied: list[str] = []
        for pid in (p for p, found in screened.items() if found[1] <= best_float * (1 + SLACK)):
            rho = price(pid, screened[pid])
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
        _fund(chosen, best)
    run.final_classes, run.final_money = group_class, money
    if explain:
        explain_run(ctx, setup, run)
    return run


def _cell_money(cell: Cell, keys) -> Fraction:
    """Exact money the voters of a cell hold together."""
    return money_sum(zip(cell.classes.tolist(), cell.counts.astype(np.int64).tolist()), keys)


def _float_price(cost: int, total_weight: int, held, weight, voters) -> tuple[float, int]:
    """Float price of supporters sorted by money/weight, and how many of them pay everything.

    With the first ``k`` paying all they hold, ``rho_k = (cost - their money) /
    (weight of the rest)``; the split is the first ``k`` whose own money covers
    ``rho_k * weight`` (the last one if rounding hides it).
    """
    paid_before = np.concatenate(([0.0], np.cumsum(held * voters)[:-1]))
    weight_after = total_weight - np.concatenate(([0.0], np.cumsum(weight * voters)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (cost - paid_before) / weight_after
    covered = np.flatnonzero(rho * weight <= held)
    split = int(covered[0]) if len(covered) else len(held) - 1
    return float(rho[split]), split


def _pay(rho: Fraction, payers: Backers, group_class: np.ndarray, money: _Money) -> bool:
    """Charge the supporters of the funded project and move them to their new money classes.

    The new money of each ``(class, weight)`` is computed on bare integers (one
    gcd each) and becomes a new class; generic ``Fraction`` arithmetic (a gcd
    and an object per operation) is what dominated on large elections.  Returns
    whether any group moved.
    """
    a, b = rho.numerator, rho.denominator
    keys, gcd = money.keys, math.gcd
    codes, width = payers.keyed_classes(group_class)
    present, where = np.unique(codes, return_inverse=True)
    due_per_unit = [a * w for w in payers.weights]  # rho * weight, over the denominator b
    old, moved = [], []
    # One pass per (class, weight) on bare integers; this loop is most of a run's time.
    for code in present.tolist():
        c, w = divmod(code, width)
        old.append(c)
        p, q = keys[c]
        have, due = p * b, due_per_unit[w] * q
        if due >= have:
            moved.append(1)  # pays everything: joins the class with no money
            continue
        num, den = have - due, q * b
        g = gcd(num, den)
        moved.append(money.new_class((num // g, den // g)))
    if moved == old:
        return False
    group_class[payers.groups] = np.array(moved, dtype=np.intp)[where]
    return True


def explain_run(ctx: Context, setup: MesSetup, run: MesRun) -> None:
    """Fill in the supporters' money before each payment and, per unfunded project, at the end."""
    if run.explained:
        return
    keys = run.final_money.keys  # append-only, so the classes of earlier cells are still there
    for pid, (step, rho, _) in run.steps.items():
        run.steps[pid] = (step, rho, _cell_money(run.funded_cells[pid], keys))
    counts = np.array([g.count for g in ctx.groups], dtype=np.float64)
    funded = set(run.selected)
    for pid in (p for p in ctx.eligible if p not in funded):
        # Voters per money class first: one product per class, not per group.
        members = np.array(setup.supporters[pid], dtype=np.intp)
        per_class = np.bincount(run.final_classes[members], weights=counts[members])
        present = np.flatnonzero(per_class)
        run.supporters_left[pid] = money_sum(zip(present.tolist(), per_class[present].astype(np.int64).tolist()), keys)
    run.explained = True


class _LazyFractions:
    """The money of each class as a ``Fraction``, made on first read.

    Payments create many classes whose exact values are never read (only their
    floats and integer keys are).
    """

    __slots__ = ("keys", "made")

    def __init__(self, keys: list) -> None:
        self.keys = keys
        self.made: dict[int, Fraction] = {}

    def __getitem__(self, c: int) -> Fraction:
        fraction = self.made.get(c)
        if fraction is None:
            numerator, denominator = self.keys[c]
            fraction = self.made[c] = _coprime(numerator, denominator)
        return fraction


def _coprime(numerator: int, denominator: int) -> Fraction:
    """A ``Fraction`` from a numerator and a positive denominator already in lowest terms.

    Skips the gcd and type checks of ``Fraction()`` (what Python 3.12's
    ``Fraction._from_coprime_ints`` does).
    """
    fraction = object.__new__(Fraction)
    fraction._numerator = numerator
    fraction._denominator = denominator
    return fraction
