"""Exact prices for Equal Shares: sums, the scan for rho, and checks of float guesses.

Split from :mod:`solver.rules.mesengine` to keep that module about the rounds.
A project's price ``rho`` is the least value with
``sum(min(money, rho * weight) * count) >= cost`` over its supporters' cells.
"""

from __future__ import annotations

import math
from fractions import Fraction

_ZERO = Fraction(0)
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


def class_sums(items, keys, slopes_too: bool) -> tuple[Fraction, Fraction]:
    """Exact money and slope sums of cell ``items`` ``((class, weight), count)``.

    Like :func:`weighted_sum`, but reads each class's integer key
    ``(value numerator, value denominator, slope numerator, slope denominator)``,
    and does both sums in one pass.  The slope sum is zero unless ``slopes_too``.
    """
    value_parts: dict[int, int] = {}
    slope_parts: dict[int, int] = {}
    for (c, _), n in items:
        p, q, s, t = keys[c]
        value_parts[q] = value_parts.get(q, 0) + p * n
        if slopes_too:
            slope_parts[t] = slope_parts.get(t, 0) + s * n
    return _combine(value_parts), _combine(slope_parts)


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


def scan_float_split(items, cost, denominator, values, fvalues, keys, track):
    """Like :func:`_scan`, but find who pays everything with floats, then compute rho once exactly.

    The exact rho of that split is accepted only if :func:`_split_is_exact`
    confirms it (then it solves the equation exactly, so it is *the* price);
    otherwise ``(None, None)`` sends the caller to the fully exact path.
    """
    paid_f = 0.0
    remaining = denominator
    split = len(items) - 1
    for i, ((c, w), n) in enumerate(items):
        if (cost - paid_f) / remaining * w <= fvalues[c]:
            split = i
            break
        paid_f += fvalues[c] * n
        remaining -= w * n
    poor = items[:split]
    paid, paid_slope = class_sums(poor, keys, track)
    rich_weight = denominator - sum(w * n for (_, w), n in poor)
    if rich_weight <= 0:
        return None, None
    rho = (cost - paid) / rich_weight
    if not exact_split(items, split, rho, values):
        return None, None
    if not track:
        return rho, _ZERO
    return rho, -paid_slope / rich_weight


def scan_exact(items, cost, denominator, values, slopes, track):
    """Find rho with sum(min(money, rho * weight)) == cost over ``items`` sorted by money/weight.

    Returns ``(None, None)`` when the order was not exactly sorted where it matters
    (float ties), so the caller can sort exactly and scan again.
    """
    paid = _ZERO
    paid_slope = _ZERO
    for i, ((c, w), n) in enumerate(items):
        rho = (cost - paid) / denominator
        if rho * w <= values[c]:
            # Verify the split exactly where float ratios were too close to order.
            if not exact_split(items, i, rho, values):
                return None, None
            return rho, (-paid_slope / denominator if track else _ZERO)
        paid += values[c] * n
        if track:
            paid_slope += slopes[c] * n
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
