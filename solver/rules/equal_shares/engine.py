"""The exact engine: one run of Equal Shares at a fixed share per voter, round by round.

Every voter gets the same money (the *share*).  Each round funds the project
with the lowest price ``rho``: its supporters pay ``min(money, rho * utility)``
and together pay exactly its cost (:mod:`.prices`).  Equal prices go to the tie
order.  The run stops when no project left is affordable.  This is pabutools'
``method_of_equal_shares`` (``Cost_Sat`` for approval, ``Additive_Cardinal_Sat``
for cumulative ballots), and the corpus cross-check holds it to that.

Why it is fast and still exact
------------------------------
Supporters are counted per ``(money class, utility)`` *cell*
(:mod:`.supporters`, :mod:`.money`), rebuilt only when the project is priced
after some supporter paid.  Every decision is exact: money is held as integer
fractions, and a price is computed exactly before it is compared.  Floats only
*screen*: a price never falls while money is spent, so projects are visited in
order of a float lower bound on their price, and only those within rounding
(:data:`~.prices.SLACK`) of the lowest float price are priced exactly.  So ties
between projects are found exactly, as pabutools (which uses exact fractions)
finds them.

:class:`Rounds` is one run in progress, with each step a method;
:func:`run_equal_shares` plays it to the end.  add1 (:mod:`.add1`) also funds
rounds whose winner its verifier (:mod:`.add1_verifier`) has proved, through
:meth:`Rounds.fund`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ...result import TieRecord
from ..base import Context
from .money import MoneyClasses, charge, payments
from .prices import SLACK, SortedCell, exact_price, sort_cell
from .supporters import Cell, Supporters, prepare


class FundedStep(NamedTuple):
    """When and at what price a project was funded."""

    #: Its position in the outcome, from 1 (zero-cost projects come first).
    step: int
    #: Its price ``rho``: what each supporter paid per unit of utility (or all it had).
    price: Fraction


@dataclass
class Run:
    """A finished run of Equal Shares at a fixed initial share per voter.

    Attributes
    ----------
    share : Fraction
        Initial money per voter (minor units).
    selected : list of str
        Funded projects in order (zero-cost supported projects first).
    steps : dict of str to FundedStep
        Per project funded in a round.
    ties : list of TieRecord
    candidates : tuple of str
        Projects Equal Shares could fund (eligible, supported, positive cost).
    supporters_money : dict of str to Fraction
        Filled by :func:`explain_run`: what a funded project's supporters held just
        before paying for it, and what an unfunded project's supporters held at the end.
    paid : dict of str to list of Fraction, or None
        Only when the run recorded payments: per funded project, what one voter of
        each supporting group paid, in the order of ``Backers.groups``.
    """

    share: Fraction
    selected: list[str] = field(default_factory=list)
    steps: dict[str, FundedStep] = field(default_factory=dict)
    ties: list[TieRecord] = field(default_factory=list)
    candidates: tuple[str, ...] = ()
    supporters_money: dict[str, Fraction] = field(default_factory=dict)
    paid: dict[str, list[Fraction]] | None = None
    #: What explaining needs later: each funded project's cell when it was funded,
    #: every group's money class at the end, and the classes' money.
    funded_cells: dict[str, Cell] = field(default_factory=dict, repr=False)
    final_classes: np.ndarray | None = field(default=None, repr=False)
    final_money: MoneyClasses | None = field(default=None, repr=False)
    explained: bool = False

    def group_budget(self) -> list[Fraction]:
        """Money left per voter of each ballot group at the end (index as ``ctx.groups``)."""
        return [self.final_money.fraction(c) for c in self.final_classes.tolist()]


class Rounds:
    """One run of Equal Shares in progress.

    Parameters
    ----------
    ctx : Context
    supporters : Supporters
        From :func:`~.supporters.prepare` for the same ``ctx``.
    share : Fraction
        Every voter's initial money (minor units).
    record_payments : bool
        Also record what every group paid for each funded project (:attr:`Run.paid`).
    """

    def __init__(self, ctx: Context, supporters: Supporters, share: Fraction, record_payments: bool = False) -> None:
        self.ctx, self.supporters = ctx, supporters
        self.cost = {pid: ctx.instance.project(pid).cost for pid in supporters.live}
        # pabutools puts supported zero-cost projects in the outcome before the first round.
        self.run = Run(share=share, selected=list(supporters.free), candidates=supporters.live)
        if record_payments:
            self.run.paid = {}
        self.money = MoneyClasses(Fraction(share))
        self.group_class = np.full(len(ctx.groups), MoneyClasses.UNTOUCHED, dtype=np.intp)
        self.remaining = set(supporters.live)
        # Cells are rebuilt only when read, and only if some supporter paid since:
        # far fewer projects are priced per round than are touched by a payment.
        self.cells: dict[str, Cell] = {}
        self.stale = set(supporters.live)
        # A float lower bound on each price, raised as prices are screened.
        self.lower_bound = {
            pid: self.cost[pid] / supporters.total_utility[pid] * (1 - SLACK) for pid in supporters.live
        }

    def play(self) -> Run:
        """Play rounds until no project left is affordable; return the finished run."""
        while self.remaining and self.next_round():
            pass
        self.run.final_classes, self.run.final_money = self.group_class, self.money
        return self.run

    def next_round(self) -> bool:
        """Fund the cheapest affordable project (the tie order decides equal prices); False if none is left."""
        best, tied = None, []
        for pid, screened in self._near_the_cheapest().items():
            rho = self._exact_price(pid, screened)
            if best is None or rho < best:
                best, tied = rho, [pid]
            elif rho == best:
                tied.append(pid)
        if best is None:
            return False
        tied = self.ctx.by_tie_order(tied)
        if len(tied) > 1:
            step = len(self.run.selected) + 1
            self.run.ties.append(TieRecord(step, tuple(tied), tied[0], "affordability", self.ctx.tie_break.kind))
        self._fund(tied[0], best)
        return True

    def fund(self, pid: str) -> None:
        """Fund ``pid`` in this round at its exact price, without comparing it with the others.

        For a caller who already knows this round's winner (add1 funds the rounds its
        verifier proved this way).  No tie is recorded for such a round.
        """
        self._fund(pid, self._exact_price(pid, self._sorted_cell(pid)))

    def _near_the_cheapest(self) -> dict[str, SortedCell]:
        """The affordable projects whose float price lies within rounding of the lowest one.

        Projects are visited in order of their lower bound, and the visit stops
        where that bound exceeds the lowest float price found: a price never falls
        as money is spent, so the bound stays valid.  Unaffordable projects leave
        the running for good, for the same reason.
        """
        screened: dict[str, SortedCell] = {}
        best_float = math.inf
        lower_bound = self.lower_bound
        for pid in sorted(self.remaining, key=lower_bound.__getitem__):
            if lower_bound[pid] > best_float * (1 + SLACK):
                break
            if not self._affordable(pid):
                self.remaining.discard(pid)
                continue
            found = screened[pid] = self._sorted_cell(pid)
            lower_bound[pid] = found.estimate * (1 - SLACK)
            best_float = min(best_float, found.estimate)
        return {pid: s for pid, s in screened.items() if s.estimate <= best_float * (1 + SLACK)}

    def _cell(self, pid: str) -> Cell:
        """The project's supporters per ``(class, utility)``, rebuilt if some of them paid since."""
        if pid in self.stale:
            self.stale.discard(pid)
            self.cells[pid] = self.supporters.backers[pid].cell(self.group_class)
        return self.cells[pid]

    def _affordable(self, pid: str) -> bool:
        """Whether the supporters hold the cost together; floats decide unless within rounding."""
        cell, cost = self._cell(pid), self.cost[pid]
        available = float(self.money.floats()[cell.classes] @ cell.counts)
        if abs(available - cost) > cost * SLACK:
            return available > cost
        return self.money.held_by(cell) >= cost

    def _sorted_cell(self, pid: str) -> SortedCell:
        """The project's cell sorted by float money per utility, with its float price (:func:`~.prices.sort_cell`)."""
        return sort_cell(self._cell(pid), self.money.floats(), self.cost[pid], self.supporters.total_utility[pid])

    def _exact_price(self, pid: str, screened: SortedCell) -> Fraction:
        """The exact price of an affordable project, from its sorted cell (:func:`~.prices.exact_price`)."""
        return exact_price(screened, self.cost[pid], self.supporters.total_utility[pid], self.money.keys)

    def _fund(self, pid: str, rho: Fraction) -> None:
        """Record ``pid`` as funded at ``rho`` and charge its supporters."""
        run, backers = self.run, self.supporters.backers[pid]
        run.funded_cells[pid] = self._cell(pid)
        run.selected.append(pid)
        run.steps[pid] = FundedStep(len(run.selected), rho)
        self.remaining.discard(pid)
        if run.paid is not None:
            run.paid[pid] = payments(rho, backers, self.group_class, self.money)
        if charge(rho, backers, self.group_class, self.money):
            self.stale.update(self.supporters.neighbours[pid])  # a superset is harmless


def run_equal_shares(
    ctx: Context, share: Fraction, explain: bool = True, supporters: Supporters | None = None
) -> Run:
    """Run Equal Shares with ``share`` money per voter (see the module docstring).

    ``explain=False`` leaves out what only explanations need (the supporters'
    money) until :func:`explain_run` is called; add1 makes many exact runs and
    explains only the one it returns.  ``supporters`` may be passed when
    already prepared for ``ctx``.
    """
    supporters = supporters or prepare(ctx)
    run = Rounds(ctx, supporters, share).play()
    if explain:
        explain_run(ctx, supporters, run)
    return run


def explain_run(ctx: Context, supporters: Supporters, run: Run) -> None:
    """Fill in :attr:`Run.supporters_money`: before each payment, and at the end for projects not funded."""
    if run.explained:
        return
    money = run.final_money  # append-only, so the classes of earlier cells are still there
    for pid in run.steps:
        run.supporters_money[pid] = money.held_by(run.funded_cells[pid])
    counts = np.array([g.count for g in ctx.groups], dtype=np.float64)
    funded = set(run.selected)
    for pid in (p for p in ctx.eligible if p not in funded):
        # Voters per money class first: one product per class, not per group.
        members = np.array(supporters.groups[pid], dtype=np.intp)
        per_class = np.bincount(run.final_classes[members], weights=counts[members])
        present = np.flatnonzero(per_class)
        run.supporters_money[pid] = money.total(zip(present.tolist(), per_class[present].astype(np.int64).tolist()))
    run.explained = True
