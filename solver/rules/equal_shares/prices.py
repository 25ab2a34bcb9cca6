"""Exact prices for Equal Shares: sums on integer keys, the scan for rho, and checks of float guesses.

Split from :mod:`solver.rules.equal_shares.engine` to keep that module about the rounds.
A project's price ``rho`` is the least value with
``sum(min(money, rho * weight) * count) >= cost`` over its supporters' cells.
Money classes are known by integer keys ``(numerator, denominator)`` in lowest
terms; ``values[c]`` is the class's money as a ``Fraction``.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

#: Relative error allowed to float screening; exact Fractions decide within it.
SLACK = 1e-9


def money_sum(class_counts, keys) -> Fraction:
    """Exact ``sum(money of class * count)`` over ``(class, count)`` pairs, on the integer keys.

    Money classes share few denominators, so terms are first summed per
    denominator; those partial sums are then brought to their least common
    multiple.  Fraction arithmetic (a gcd and an object per operation) is what
    dominates large counts.
    """
    parts: dict[int, int] = {}
    for c, n in class_counts:
        p, q = keys[c]
        parts[q] = parts.get(q, 0) + p * n
    return _combine(parts)


def _combine(by_denominator: dict[int, int]) -> Fraction:
    """``sum(num / d)`` over ``{d: num}``, brought to the least common denominator."""
    total, common = 0, 1
    gcd = math.gcd
    for d, num in by_denominator.items():
        if common % d:
            factor = d // gcd(common, d)
            total *= factor
            common *= factor
        total += num * (common // d)
    return Fraction(total, common)


def exact_price(cell_sorted, split: int, cost: int, denominator: int, values, keys) -> Fraction:
    """The exact ``rho`` of a cell sorted by float money/weight, given the float guess of who pays everything.

    ``cell_sorted`` is ``(classes, weights, counts, ratios)``: numpy arrays in
    ascending float money/weight.  The first ``split`` entries are guessed to
    pay all their money.  The price this split implies is accepted if the
    entries whose float ratio lies within rounding of it confirm the split
    exactly (then it solves the equation exactly, so it is *the* price; the
    others are on their side by a margin floats cannot blur); otherwise the
    entries are sorted exactly and scanned.
    """
    classes, weights, counts, ratios = cell_sorted
    poor = list(zip(classes[:split].tolist(), weights[:split].tolist(), counts[:split].tolist()))
    rich_weight = denominator - sum(w * n for _, w, n in poor)
    if rich_weight > 0:
        rho = (cost - money_sum(((c, n) for c, _, n in poor), keys)) / rich_weight
        # Entries before the window pay everything and those after pay in part, both by
        # their position and by a float margin; the window, widened to the split, is checked.
        near = float(rho)
        low = min(split, int(np.searchsorted(ratios, near * (1 - SLACK), side="left")))
        high = max(split, int(np.searchsorted(ratios, near * (1 + SLACK), side="right")))
        if all(
            (values[c] <= rho * w) if i < split else (values[c] >= rho * w)
            for i, c, w in zip(range(low, high), classes[low:high].tolist(), weights[low:high].tolist())
        ):
            return rho
    items = sorted(
        zip(zip(classes.tolist(), weights.tolist()), counts.tolist()), key=lambda kv: values[kv[0][0]] / kv[0][1]
    )
    return _scan_exact(items, cost, denominator, values)


def _scan_exact(items, cost, denominator, values) -> Fraction:
    """Find rho with ``sum(min(money, rho * weight)) == cost`` over ``items`` sorted exactly by money/weight."""
    paid = Fraction(0)
    for (c, w), n in items:
        rho = (cost - paid) / denominator
        if rho * w <= values[c]:
            return rho
        paid += values[c] * n
        denominator -= w * n
    raise AssertionError("unreachable: available money covers the cost")


