"""Report periods as a rep types them: `2026`, `2026-Q4`, `2026-11`, `2026-W47`, or a day
range `2026-10-01..2026-11-30` (both days included).

A period is a half-open range of days [start, end); what it selects is the caller's rule
(the pipeline reports select the cohort of deals *created* in it). Pure: no clock, no
time zone; the service turns the days into instants at the rep's midnights. Targets (a
later issue) reuse it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EXAMPLES: tuple[str, ...] = ("2026", "2026-Q4", "2026-11", "2026-W47", "2026-10-01..2026-11-30")

_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_WEEK = re.compile(r"([0-9]{4})-[Ww]([0-9]{1,2})")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PeriodError(ValueError):
    """The text is not a period (the message lists EXAMPLES)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True, slots=True)
class Period:
    text: str  # the canonical spelling: 2026, 2026-Q4, 2026-11, 2026-W47, 2026-10-01..2026-11-30
    start: date  # the first day
    end: date  # the day after the last

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """The period `text` names; PeriodError when it names none (an impossible day, month 13,
    week 54, a range ending before it starts, a year before 1 or after 9998)."""
    raw = (text or "").strip()
    try:
        if m := _YEAR.fullmatch(raw):
            year = int(m[1])
            return Period(f"{year:04d}", date(year, 1, 1), date(year + 1, 1, 1))
        if m := _QUARTER.fullmatch(raw):
            year, q = int(m[1]), int(m[2])
            return Period(f"{year:04d}-Q{q}", _month_start(year, 3 * q - 2), _month_start(year, 3 * q + 1))
        if m := _WEEK.fullmatch(raw):
            year, week = int(m[1]), int(m[2])
            start = date.fromisocalendar(year, week, 1)
            return Period(f"{year:04d}-W{week:02d}", start, start + timedelta(days=7))
        if m := _MONTH.fullmatch(raw):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise PeriodError(text)
            return Period(f"{year:04d}-{month:02d}", date(year, month, 1), _month_start(year, month + 1))
        if ".." in raw:
            first, _, last = (part.strip() for part in raw.partition(".."))
            if _DAY.fullmatch(first) and _DAY.fullmatch(last):
                start, end = date.fromisoformat(first), date.fromisoformat(last)
                if end >= start:
                    return Period(f"{start.isoformat()}..{end.isoformat()}", start, end + timedelta(days=1))
    except (ValueError, OverflowError):
        raise PeriodError(text) from None
    raise PeriodError(text)


KINDS: tuple[str, ...] = ("year", "quarter", "month", "week", "day", "range")


def kind_of(period: Period) -> str:
    """Which kind of period the canonical text names: year, quarter, month, week, day or range."""
    text = period.text
    if ".." in text:
        return "day" if period.end - period.start == timedelta(days=1) else "range"
    if len(text) == 4:
        return "year"
    if "-Q" in text:
        return "quarter"
    if "-W" in text:
        return "week"
    return "month"


def year_of(day: date) -> Period:
    return parse_period(f"{day.year:04d}")


def quarter_of(day: date) -> Period:
    return parse_period(f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}")


def month_of(day: date) -> Period:
    return parse_period(f"{day.year:04d}-{day.month:02d}")


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) holding `day`; its year is the ISO year (2026-12-31 is 2026-W53)."""
    year, week, _ = day.isocalendar()
    return parse_period(f"{year:04d}-W{week:02d}")


def day_of(day: date) -> Period:
    """One day as a period (text `2026-11-23..2026-11-23`)."""
    return Period(f"{day.isoformat()}..{day.isoformat()}", day, day + timedelta(days=1))


OF_KIND = {"year": year_of, "quarter": quarter_of, "month": month_of, "week": week_of, "day": day_of}


def shifted(period: Period, steps: int) -> Period:
    """The period of the same kind `steps` before (negative) or after it: the previous week,
    the next month. A range moves by its own length."""
    kind = kind_of(period)
    if kind == "range":
        length = period.end - period.start
        start = period.start + length * steps
        return Period(f"{start.isoformat()}..{(start + length - timedelta(days=1)).isoformat()}", start,
                      start + length)
    if kind in ("week", "day"):
        return OF_KIND[kind](period.start + timedelta(days=(7 if kind == "week" else 1) * steps))
    months = {"year": 12, "quarter": 3, "month": 1}[kind] * steps
    return OF_KIND[kind](_month_start(period.start.year, period.start.month + months))
