"""Exact prices for Equal Shares: a float guess of who pays everything, checked exactly.

A project's price ``rho`` is the least value with
``sum(min(money, rho * utility) * voters) >= cost`` over its supporters.  Sort
the supporters by money per utility: the first ``k`` pay all they hold and the
rest pay ``rho * utility``, so ``rho = (cost - money of the first k) /
(utility of the rest)`` for the right ``k`` (the *split*).

:func:`sort_cell` sorts a project's cell (:class:`~.supporters.Cell`) in floats
and guesses the split and the price; the engine (:mod:`.engine`) screens with
that guess.  :func:`exact_price` then computes the price the guessed split
implies, exactly, and accepts it only if every entry whose float ratio lies
within rounding (:data:`SLACK`) of it is on its side of the split exactly:
entries further away are on their side by a margin floats cannot blur, so the
split solves the equation and the price is *the* price.  Otherwise the entries
are sorted exactly and scanned.  Money is read as the integer keys of
:class:`~.money.MoneyClasses`; comparisons cross-multiply integers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import numpy as np

from .money import money_sum
from .supporters import Cell

#: Relative error allowed to float screening; exact arithmetic decides within it.
SLACK = 1e-9


class SortedCell(NamedTuple):
    """A project's cell sorted by float money per utility, with the float price it implies.

    Attributes
    ----------
    classes, weights, counts : ndarray
        The cell's entries (class, utility, voters), in ascending float money/utility.
    ratios : ndarray of float64
        Float money/utility of each entry, ascending.
    estimate : float
        The float price.
    split : int
        How many entries, from the first, are guessed to pay everything.
    """

    classes: np.ndarray
    weights: np.ndarray
    counts: np.ndarray
    ratios: np.ndarray
    estimate: float
    split: int


def sort_cell(cell: Cell, floats: np.ndarray, cost: int, total_utility: int) -> SortedCell:
    """Sort ``cell`` by float money/utility (``floats`` is money per class) and guess its price."""
    held = floats[cell.classes]
    ratios = held / cell.weights
    order = np.argsort(ratios, kind="stable")
    weights, counts = cell.weights[order], cell.counts[order]
    estimate, split = float_price(cost, total_utility, held[order], weights, counts)
    return SortedCell(cell.classes[order], weights, counts, ratios[order], estimate, split)


def float_price(cost: int, total_utility: int, held, weight, voters) -> tuple[float, int]:
    """Float price of supporters sorted by money/utility, and how many of them pay everything.

    With the first ``k`` paying all they hold, ``rho_k = (cost - their money) /
    (utility of the rest)``; the split is the first ``k`` whose own money covers
    ``rho_k * utility`` (the last one if rounding hides it).
    """
    paid_before = np.concatenate(([0.0], np.cumsum(held * voters)[:-1]))
    weight_after = total_utility - np.concatenate(([0.0], np.cumsum(weight * voters)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (cost - paid_before) / weight_after
    covered = np.flatnonzero(rho * weight <= held)
    split = int(covered[0]) if len(covered) else len(held) - 1
    return float(rho[split]), split


def exact_price(cell: SortedCell, cost: int, total_utility: int, keys: list[tuple[int, int]]) -> Fraction:
    """The exact price of an affordable project whose cell :func:`sort_cell` sorted.

    ``keys`` is the money of each class as an integer ``(numerator,
    denominator)``.  See the module docstring for why the check is enough.
    """
    split = cell.split
    weights, counts = cell.weights.astype(np.int64), cell.counts.astype(np.int64)
    poor_counts = counts[:split].tolist()
    rich_utility = total_utility - sum(w * n for w, n in zip(weights[:split].tolist(), poor_counts))
    if rich_utility > 0:
        rho = (cost - money_sum(zip(cell.classes[:split].tolist(), poor_counts), keys)) / rich_utility
        # Entries before the window pay everything and those after pay in part, both by
        # their position and by a float margin; the window, widened to the split, is checked.
        near = float(rho)
        low = min(split, int(np.searchsorted(cell.ratios, near * (1 - SLACK), side="left")))
        high = max(split, int(np.searchsorted(cell.ratios, near * (1 + SLACK), side="right")))
        window = zip(range(low, high), cell.classes[low:high].tolist(), weights[low:high].tolist())
        if all(_on_its_side(rho, keys[c], w, i < split) for i, c, w in window):
            return rho
    entries = sorted(
        zip(cell.classes.tolist(), weights.tolist(), counts.tolist()), key=lambda entry: _per_utility(keys, entry)
    )
    return _scan_exact(entries, cost, total_utility, keys)


def _on_its_side(rho: Fraction, key: tuple[int, int], utility: int, pays_everything: bool) -> bool:
    """Whether money ``key`` is at most (or, for one paying in part, at least) ``rho * utility``."""
    p, q = key
    held, due = p * rho.denominator, rho.numerator * utility * q
    return held <= due if pays_everything else held >= due


def _per_utility(keys: list[tuple[int, int]], entry: tuple[int, int, int]) -> Fraction:
    """Exact money per utility of a ``(class, utility, voters)`` entry."""
    c, utility, _ = entry
    p, q = keys[c]
    return Fraction(p, q * utility)


def _scan_exact(entries, cost: int, total_utility: int, keys: list[tuple[int, int]]) -> Fraction:
    """The price over ``(class, utility, voters)`` entries sorted exactly by money per utility."""
    paid = Fraction(0)
    for c, utility, voters in entries:
        rho = (cost - paid) / total_utility
        p, q = keys[c]
        if rho.numerator * utility * q <= p * rho.denominator:  # rho * utility <= money
            return rho
        paid += Fraction(p * voters, q)
        total_utility -= utility * voters
    raise AssertionError("unreachable: available money covers the cost")
