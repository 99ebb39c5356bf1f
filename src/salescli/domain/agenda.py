"""Agenda sections and forgotten-customer rules (docs/agenda.md).

`SECTIONS` is the order the agenda shows its sections in; a feature that adds a section
(pool warnings, payments, deals) registers a provider under one of these keys and the
agenda shows it in its place without other changes.
"""

from __future__ import annotations

from datetime import date, timedelta

SECTIONS: tuple[str, ...] = (
    "overdue_tasks",
    "due_today",
    "recycle_warnings",
    "payments",
    "stale_deals",
    "closing_soon",
    "contracts_ending",
    "birthdays",
    "forgotten",
)
BIRTHDAY_WINDOW_DAYS = 7


def forgotten_cutoffs(today: date, thresholds: dict[str, int]) -> dict[str, date]:
    """Per grade, the first day whose contact still counts: a customer last contacted on an
    earlier day is forgotten. Calendar days in the rep's zone, as "40 days ago" reads: an
    A customer (14 days) called on Nov 9 is at its limit on Nov 23 and forgotten on Nov 24."""
    return {grade: today - timedelta(days=days) for grade, days in thresholds.items()}


def days_overdue(days_since: int, threshold_days: int) -> int:
    """Calendar days past the grade's threshold: 1 on the first day a customer is forgotten."""
    return days_since - threshold_days


def birthday_window(day: date, days: int = BIRTHDAY_WINDOW_DAYS) -> list[tuple[int, date]]:
    """(MMDD, date) for each day from `day` on; Feb 29 birthdays show on Feb 28 otherwise."""
    window = []
    for offset in range(days):
        current = day + timedelta(days=offset)
        window.append((current.month * 100 + current.day, current))
        is_leap = current.year % 4 == 0 and (current.year % 100 != 0 or current.year % 400 == 0)
        if current.month == 2 and current.day == 28 and not is_leap:
            window.append((229, current))
    return window


OLDEST_AGE = 120  # a birthday further back than this is a typo, not a contact


def parse_birthday(text: str, today: date | None = None) -> tuple[int, int | None]:
    """`1985-03-14`, `03-14` or `3/14` -> (MMDD, year or None); ValueError when not a day.
    With `today`, a birthday with a year must lie in the past `OLDEST_AGE` years
    (BirthdayRangeError otherwise): `2090-01-01` is a typo worth catching."""
    import re

    match = re.fullmatch(r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})", text.strip())
    if not match:
        raise ValueError(text)
    year = int(match[1]) if match[1] else None
    month, day = int(match[2]), int(match[3])
    born = date(year or 2000, month, day)  # validates, 2000 being a leap year
    if year is not None and today is not None and (year < today.year - OLDEST_AGE or born > today):
        raise BirthdayRangeError(text)
    return month * 100 + day, year


class BirthdayRangeError(ValueError):
    """A real day, but not one a living contact was born on."""
