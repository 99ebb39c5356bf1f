"""Funnel arithmetic on aggregated numbers (docs/pipeline.md, reports): plain values in,
plain values out; no store, no clock.

Rates are Decimals rounded half-up to 4 places (0.6667 = 66.67%); days are Decimals
rounded to 1 place; both None when there is nothing to divide by. Amounts are whole
cents in, Decimal currency units out (exact).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

RATE_PLACES = Decimal("0.0001")
DAY_PLACES = Decimal("0.1")
CENTS = Decimal("0.01")
DAY_SECONDS = 86_400


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole to 4 places; None when whole is 0."""
    if whole <= 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def win_rate(won: int, lost: int) -> Decimal | None:
    """Won among the closed: won / (won + lost)."""
    return rate(won, won + lost)


def mean_days(total_seconds: int | float | Decimal | None, count: int) -> Decimal | None:
    """The mean of `count` durations summing to `total_seconds`, in days to 1 place."""
    if not count or total_seconds is None:
        return None
    days = Decimal(str(total_seconds)) / Decimal(count) / DAY_SECONDS
    return days.quantize(DAY_PLACES, rounding=ROUND_HALF_UP)


def weighted(amount_cents: int, probability: int) -> Decimal:
    """amount × probability / 100 in currency units, exact to the cent-percent, shown to the cent."""
    return (Decimal(amount_cents * probability) / 10_000).quantize(CENTS, rounding=ROUND_HALF_UP)


def money(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENTS)


def reached(furthest: Mapping[int, int], stages: int) -> list[int]:
    """How many deals reached each stage index 0..stages-1 or beyond, from a histogram of
    each deal's furthest index (`stages` meaning won, beyond the last stage). A deal that
    skipped a stage has passed it, so it counts there too. The list has `stages + 1`
    entries: the last is the deals that were won (ever, even if reopened since)."""
    counts = [0] * (stages + 1)
    for index, n in furthest.items():
        top = min(max(index, -1), stages)
        for k in range(top + 1):
            counts[k] += n
    return counts


def conversions(reached_counts: Sequence[int]) -> list[Decimal | None]:
    """For each stage i, reached[i+1] / reached[i]: the share of the deals that reached it
    which reached the next one (the last stage: which were won). One fewer than given."""
    return [rate(reached_counts[i + 1], reached_counts[i]) for i in range(len(reached_counts) - 1)]


def bar_width(count: int, largest: int, width: int) -> int:
    """A funnel bar's width in cells: proportional to `count`, at least 1 for a non-zero count."""
    if count <= 0 or largest <= 0 or width <= 0:
        return 0
    return max(1, round(width * count / largest))
