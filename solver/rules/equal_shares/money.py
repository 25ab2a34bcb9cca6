"""The voters' money during one Equal Shares run: exact, in a few shared classes.

Voters with the same payment history hold the same money, so they form one
*class* (everyone who has spent everything shares one).  Money only changes
when a voter pays for a funded project, so :func:`charge` moves each paying
``(class, utility)`` to a new class and leaves the others alone.

Each class's money is exact: a reduced integer fraction, its *key*
``(numerator, denominator)``.  Payments and sums work on those bare integers
(one gcd per new class, sums grouped by denominator), because ``Fraction``
arithmetic, with a gcd and an object per operation, is what dominated large
elections.  A float copy of each class's money lets the engine (:mod:`.engine`)
*screen* cheaply; no decision is taken on it (:mod:`.prices` decides exactly).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

import numpy as np

from .supporters import Backers, Cell


class MoneyClasses:
    """The money classes of one run: exact integer keys, and their floats in a numpy buffer.

    Classes are append-only, so a class index stays valid for the whole run.

    Parameters
    ----------
    share : Fraction
        Every voter's money at the start (minor units).
    """

    #: The class of voters who have paid nothing yet, and of those with no money left.
    UNTOUCHED, NO_MONEY = 0, 1

    def __init__(self, share: Fraction) -> None:
        self.keys: list[tuple[int, int]] = [(share.numerator, share.denominator), (0, 1)]
        self._floats = np.empty(64)
        self._floats[:2] = (share.numerator / share.denominator, 0.0)

    def floats(self) -> np.ndarray:
        """Money per class as floats (what ``float(Fraction)`` computes)."""
        return self._floats[: len(self.keys)]

    def fraction(self, c: int) -> Fraction:
        """The money of class ``c``, exactly."""
        numerator, denominator = self.keys[c]
        return Fraction(numerator, denominator)

    def new_class(self, numerator: int, denominator: int) -> int:
        """A new class holding ``numerator / denominator`` (positive, in lowest terms).

        Not looked up among the existing ones: a class pays for each project at most
        once, so equal money from two histories is rare, and two classes holding the
        same money price the same as one.
        """
        c = len(self.keys)
        if c == len(self._floats):
            self._floats = np.concatenate((self._floats, np.empty(c)))
        self._floats[c] = numerator / denominator
        self.keys.append((numerator, denominator))
        return c

    def total(self, class_counts: Iterable[tuple[int, int]]) -> Fraction:
        """Exact ``sum(money of class * count)`` over ``(class, count)`` pairs."""
        return money_sum(class_counts, self.keys)

    def held_by(self, cell: Cell) -> Fraction:
        """Exact money the voters of a cell hold together."""
        return money_sum(zip(cell.classes.tolist(), cell.counts.astype(np.int64).tolist()), self.keys)


def money_sum(class_counts: Iterable[tuple[int, int]], keys: list[tuple[int, int]]) -> Fraction:
    """Exact ``sum(keys[c] * count)`` over ``(c, count)`` pairs, on the integer keys.

    Money classes share few denominators, so terms are first summed per
    denominator; those partial sums are then brought to their least common
    multiple.
    """
    parts: dict[int, int] = {}
    for c, n in class_counts:
        p, q = keys[c]
        parts[q] = parts.get(q, 0) + p * n
    total, common = 0, 1
    gcd = math.gcd
    for d, num in parts.items():
        if common % d:
            factor = d // gcd(common, d)
            total *= factor
            common *= factor
        total += num * (common // d)
    return Fraction(total, common)


def charge(rho: Fraction, payers: Backers, group_class: np.ndarray, money: MoneyClasses) -> bool:
    """Charge the supporters of a funded project and move them to their new money classes.

    Every supporter pays ``min(money, rho * utility)``.  The new money of each
    ``(class, utility)`` is computed on bare integers and becomes a new class
    (those who pay everything join :attr:`MoneyClasses.NO_MONEY`).  Updates
    ``group_class`` in place and returns whether any group moved.
    """
    a, b = rho.numerator, rho.denominator
    keys, gcd = money.keys, math.gcd
    codes, width = payers.keyed_classes(group_class)
    present, where = np.unique(codes, return_inverse=True)
    due_per_unit = [a * w for w in payers.weights]  # rho * utility, over the denominator b
    old, moved = [], []
    # One pass per (class, utility) on bare integers; this loop is most of a run's time.
    for code in present.tolist():
        c, w = divmod(code, width)
        old.append(c)
        p, q = keys[c]
        have, due = p * b, due_per_unit[w] * q
        if due >= have:
            moved.append(MoneyClasses.NO_MONEY)
            continue
        num, den = have - due, q * b
        g = gcd(num, den)
        moved.append(money.new_class(num // g, den // g))
    if moved == old:
        return False
    group_class[payers.groups] = np.array(moved, dtype=np.intp)[where]
    return True


def payments(rho: Fraction, payers: Backers, group_class: np.ndarray, money: MoneyClasses) -> list[Fraction]:
    """What each supporting group's voter pays at price ``rho``, before :func:`charge` moves them.

    One ``Fraction`` per group of ``payers.groups``: ``min(money, rho * utility)``.
    Only for recording payments (:mod:`.payments`); a plain run never calls it.
    """
    utilities = payers.utilities().tolist()
    paid: dict[tuple[int, int], Fraction] = {}
    out = []
    for c, w in zip(group_class[payers.groups].tolist(), utilities):
        amount = paid.get((c, w))
        if amount is None:
            amount = paid[(c, w)] = min(money.fraction(c), rho * w)
        out.append(amount)
    return out
