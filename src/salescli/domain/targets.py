"""Target rules on plain values (docs/targets.md): which periods a target may cover, how a
target splits into its parts (largest remainder, so the parts sum exactly to the whole),
working days and the pace, and the funnel arithmetic of the planning aids.

Pure: no clock, no store; the service passes today's date and the team rules in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from salescli.domain.funnel import rate
from salescli.domain.periods import Period, PeriodError, kind_of, parse_period

TARGET_KINDS: tuple[str, ...] = ("year", "quarter", "month", "week")
EXAMPLES: tuple[str, ...] = ("2027", "2027-Q1", "2027-03", "2027-W05")
FRACTION = Decimal("0.0001")
MAX_SPLIT_TEXT = 200  # the `split` column's width


class SplitError(ValueError):
    """A `--split` that cannot be used; `problem` says why (see present/target_messages.py)."""

    def __init__(self, problem: str, **params: object) -> None:
        super().__init__(problem)
        self.problem = problem
        self.params = params


def target_period(text: str) -> Period:
    """A year, quarter, month or ISO week; PeriodError for anything else (a day range too)."""
    period = parse_period(text)
    if kind_of(period) not in TARGET_KINDS:
        raise PeriodError(text)
    return period


def quarters_of(year: Period) -> list[Period]:
    return [parse_period(f"{year.start.year:04d}-Q{q}") for q in range(1, 5)]


def months_of(period: Period) -> list[Period]:
    """The months of a year or a quarter, in order."""
    first = period.start.month
    count = 12 if kind_of(period) == "year" else 3
    return [parse_period(f"{period.start.year:04d}-{m:02d}") for m in range(first, first + count)]


def weeks_of(month: Period) -> list[Period]:
    """The ISO weeks whose Thursday falls in the month: each week belongs to exactly one
    month, so a month has 4 or 5 of them."""
    weeks = []
    day = month.start
    while day.weekday() != 3:  # the month's first Thursday
        day += timedelta(days=1)
    while day < month.end:
        year, week, _ = day.isocalendar()
        weeks.append(parse_period(f"{year:04d}-W{week:02d}"))
        day += timedelta(days=7)
    return weeks


def parse_weights(text: str) -> list[Decimal] | None:
    """`even` (None) or comma-separated non-negative numbers, at least one positive."""
    raw = text.strip()
    if raw.lower() == "even":
        return None
    weights = []
    for part in raw.split(","):
        try:
            weight = Decimal(part.strip())
        except InvalidOperation:
            raise SplitError("not_number", weight=part.strip()) from None
        if not weight.is_finite():
            raise SplitError("not_number", weight=part.strip())
        if weight < 0:
            raise SplitError("negative", weight=part.strip())
        weights.append(weight)
    if not any(weights):
        raise SplitError("all_zero")
    return weights


def split_parts(total: int, weights: Sequence[Decimal | int]) -> list[int]:
    """`total` (cents or a count) shared by `weights` (non-negative, at least one positive)
    by the largest remainder: each part is its exact share rounded down, and the units
    left go to the largest remainders (ties: the earlier part). The parts sum to `total`
    exactly, each within one unit of its share, and a zero weight gets 0."""
    exact = [Decimal(w) for w in weights]
    whole = sum(exact)
    if whole <= 0:
        raise SplitError("all_zero")
    floors = []
    remainders = []
    for i, weight in enumerate(exact):
        numerator = Decimal(total) * weight
        floor = int(numerator // whole)
        floors.append(floor)
        remainders.append((-(numerator - floor * whole), i))
    left = total - sum(floors)
    for _r, i in sorted(remainders)[:left]:
        floors[i] += 1
    return floors


@dataclass(frozen=True, slots=True)
class Part:
    period: Period
    value: int
    parent: Period  # the period it was split from (the target set, or a quarter of it)


def split_target(period: Period, total: int, text: str) -> list[Part]:
    """The parts a target of `total` over `period` splits into by `--split text`: a year
    into 4 quarters and 12 months (4 weights: the quarters', each quarter's months even;
    12 weights: the months', each quarter the sum of its months), a quarter into 3 months,
    a month into its ISO weeks. A week does not split."""
    kind = kind_of(period)
    if kind not in ("year", "quarter", "month"):
        raise SplitError("not_splittable", kind=kind)
    if len(text) > MAX_SPLIT_TEXT:
        raise SplitError("too_long")
    weights = parse_weights(text)
    if kind == "month":
        weeks = weeks_of(period)
        return [Part(w, v, period) for w, v in zip(weeks, split_parts(total, _checked(weights, (len(weeks),))),
                                                    strict=True)]
    if kind == "quarter":
        months = months_of(period)
        return [Part(m, v, period) for m, v in zip(months, split_parts(total, _checked(weights, (3,))), strict=True)]
    quarters = quarters_of(period)
    weights = _checked(weights, (4, 12))
    parts: list[Part] = []
    if len(weights) == 4:
        for quarter, value in zip(quarters, split_parts(total, weights), strict=True):
            parts.append(Part(quarter, value, period))
            parts += [Part(m, v, quarter) for m, v in zip(months_of(quarter), split_parts(value, [1, 1, 1]),
                                                          strict=True)]
        return parts
    month_values = split_parts(total, weights)
    for q, quarter in enumerate(quarters):
        three = month_values[3 * q:3 * q + 3]
        parts.append(Part(quarter, sum(three), period))
        parts += [Part(m, v, quarter) for m, v in zip(months_of(quarter), three, strict=True)]
    return parts


def _checked(weights: list[Decimal] | None, counts: tuple[int, ...]) -> list[Decimal]:
    if weights is None:
        return [Decimal(1)] * counts[0]
    if len(weights) not in counts:
        raise SplitError("wrong_count", given=len(weights), expected=list(counts))
    return weights


# --------------------------------------------------------------------------- pace


def working_days(start: date, end: date, *, weekends: bool) -> int:
    """Days in [start, end) that count as working: Monday to Friday, every day when the
    team works weekends (the team rule `plan.weekends`)."""
    if end <= start:
        return 0
    days = (end - start).days
    if weekends:
        return days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    first = start.weekday()
    count += sum(1 for i in range(rest) if (first + i) % 7 < 5)
    return count


@dataclass(frozen=True, slots=True)
class Pace:
    share: Decimal  # the elapsed share of the period's working days, 0 to 1 (4 places)
    elapsed: int  # working days elapsed, today included
    total: int  # the period's working days
    left: int  # working days left, today included


def pace_of(period: Period, today: date, *, weekends: bool) -> Pace:
    """How far into its working days the period is: past 1, future 0, today counts as
    elapsed (the rep is expected to have done today's share by the end of it)."""
    total = working_days(period.start, period.end, weekends=weekends)
    if today >= period.end:
        return Pace(Decimal(1).quantize(FRACTION), total, total, 0)
    if today < period.start:
        return Pace(Decimal(0).quantize(FRACTION), 0, total, total)
    elapsed = working_days(period.start, today + timedelta(days=1), weekends=weekends)
    left = working_days(today, period.end, weekends=weekends)
    share = (Decimal(elapsed) / Decimal(total)).quantize(FRACTION) if total else Decimal(1).quantize(FRACTION)
    return Pace(share, elapsed, total, left)


def pace_value(target: int, pace: Pace) -> int:
    """Where the rep should be by today, in the target's units (cents or a count), rounded
    half up from the exact working-day share."""
    if pace.total == 0:
        return target
    exact = Decimal(target) * Decimal(pace.elapsed) / Decimal(pace.total)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def done_share(actual: int, target: int) -> Decimal | None:
    return rate(actual, target)


# --------------------------------------------------------------------------- planning aids

BASELINE_MONTHS = 3
BASELINE_SHARE = Decimal("0.7")


def months_in(period: Period) -> Decimal:
    """How many months a target's period is worth when scaling a monthly baseline: a year
    12, a quarter 3, a month 1, a week 7 / (365.25 / 12)."""
    kind = kind_of(period)
    if kind == "week":
        return (Decimal(7) * 12 / Decimal("365.25")).quantize(FRACTION)
    return Decimal({"year": 12, "quarter": 3, "month": 1}[kind])


def baseline_cents(won_cents: int, months: Decimal) -> int:
    """The average monthly won amount over the BASELINE_MONTHS before the period × 70%,
    scaled to the period's months."""
    exact = Decimal(won_cents) / BASELINE_MONTHS * BASELINE_SHARE * months
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ceil_div(numerator: Decimal | int, denominator: Decimal | int) -> int | None:
    """ceil(numerator / denominator); None when there is nothing to divide by."""
    if not denominator:
        return None
    return math.ceil(Decimal(numerator) / Decimal(denominator))


def deals_needed(metric: str, gap: int, avg_deal_cents: Decimal | None) -> int | None:
    """More won deals needed to close the gap: won_deals the gap itself; won_amount the gap
    over the average deal size (None without one)."""
    if metric == "won_deals":
        return gap
    if avg_deal_cents is None:
        return None
    return ceil_div(gap, avg_deal_cents)


def chained(needed: int | None, rate: Decimal | None) -> int | None:
    """How many tries give `needed` successes at `rate` (None: unknown or a zero rate)."""
    if needed is None or rate is None or rate <= 0:
        return None
    return ceil_div(needed, rate)
