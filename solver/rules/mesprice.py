"""Exact prices for Equal Shares: sums on integer keys, the scan for rho, and checks of float guesses.

Split from :mod:`solver.rules.mesengine` to keep that module about the rounds.
A project's price ``rho`` is the least value with
``sum(min(money, rho * weight) * count) >= cost`` over its supporters' cells.
Money classes are known by integer keys ``(numerator, denominator)`` in lowest
terms; ``values[c]`` is the class's money as a ``Fraction``.
"""

from __future__ import annotations

import math
from fractions import Fraction

#: Relative error allowed to float screening; exact Fractions decide within it.
SLACK = 1e-9


def weighted_sum(terms) -> Fraction:
    """Exact ``sum(value * count)`` on bare integers, with one ``Fraction`` at the end.

    Money classes share few denominators, so terms are first summed per
    denominator; those partial sums are then brought to their least common
    multiple.  Fraction arithmetic (a gcd and an object per operation) is what
    dominates large counts.
    """
    by_denominator: dict[int, int] = {}
    for value, count in terms:
        d = value.denominator
        by_denominator[d] = by_denominator.get(d, 0) + value.numerator * count
    return _combine(by_denominator)


def key_sum(items, keys) -> Fraction:
    """Exact money of cell ``items`` ``((class, weight), count)``, read from the classes' integer keys."""
    return money_sum(((c, n) for (c, _), n in items), keys)


def money_sum(class_counts, keys) -> Fraction:
    """Exact ``sum(money of class * count)`` over ``(class, count)`` pairs, on the integer keys."""
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


def exact_price(items, split: int, cost: int, denominator: int, values, keys) -> Fraction:
    """The exact ``rho`` of ``items`` sorted by float money/weight, given the float guess of who pays everything.

    ``items[:split]`` are guessed to pay all their money.  The price this split
    implies is accepted if :func:`exact_split` confirms the split around it
    (then it solves the equation exactly, so it is *the* price); otherwise the
    items are sorted exactly and scanned.
    """
    poor = items[:split]
    rich_weight = denominator - sum(w * n for (_, w), n in poor)
    if rich_weight > 0:
        rho = (cost - key_sum(poor, keys)) / rich_weight
        if exact_split(items, split, rho, values):
            return rho
    items = sorted(items, key=lambda kv: values[kv[0][0]] / kv[0][1])
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


def exact_split(items, i, rho, values) -> bool:
    """Check that items before ``i`` pay everything and the rest can pay ``rho * weight``.

    Only items whose float ratio money/weight lies within rounding of ``rho`` can be
    misplaced by the float sort, so only those are checked with Fractions.
    """
    near = float(rho)
    low, high = near * (1 - SLACK), near * (1 + SLACK)
    j = i
    while j < len(items):
        (c, w), _ = items[j]
        if float(values[c]) / w > high:
            break
        if values[c] < rho * w:
            return False
        j += 1
    j = i - 1
    while j >= 0:
        (c, w), _ = items[j]
        if float(values[c]) / w < low:
            break
        if values[c] > rho * w:
            return False
        j -= 1
    return True
