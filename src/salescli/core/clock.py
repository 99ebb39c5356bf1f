"""The one clock, and the date words a rep types.

Every rule that depends on "now" takes it from `now()`, which honours `SALESCLI_NOW`
so that tests, demos and subprocess checks see a fixed instant. Instants are aware
datetimes (stored as UTC on SQLite and PostgreSQL alike, store/db.py);
calendar days (due dates, birthdays) are plain dates in the rep's local time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from salescli.core.errors import BadInputError


def now() -> datetime:
    """Aware local datetime; `SALESCLI_NOW` (ISO 8601) replaces the system clock."""
    fixed = os.environ.get("SALESCLI_NOW", "").strip()
    if fixed:
        try:
            value = datetime.fromisoformat(fixed)
        except ValueError:
            raise BadInputError("clock.bad_now", value=fixed) from None
        return value.astimezone() if value.tzinfo is None else value
    return datetime.now(UTC).astimezone()


def today() -> date:
    return now().date()


_local_zone: list[tzinfo | None] = []


def local_zone() -> tzinfo | None:
    """The system's time zone as a `ZoneInfo` (from `TZ`, else /etc/localtime), or None
    when it cannot be named. Same answers as `datetime.astimezone()` with no argument,
    several times faster per value, which a 100k-row JSON listing notices."""
    if not _local_zone:
        _local_zone.append(_find_local_zone())
    return _local_zone[0]


def _find_local_zone() -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            return None
        marker = "/zoneinfo/"
        if marker not in target:
            return None
        name = target.split(marker, 1)[1]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class When:
    """A parsed date word: a calendar day, with a time of day when one was typed."""

    day: date
    at: time | None = None

    def as_datetime(self, reference: datetime) -> datetime:
        """The instant this names; a bare day takes the reference's time of day."""
        clock_time = self.at or reference.timetz().replace(tzinfo=None)
        try:
            return datetime.combine(self.day, clock_time).astimezone()
        except (ValueError, OverflowError):  # year 1 or 9999: no room for the UTC offset
            raise _bad_date(self.day.isoformat()) from None


_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WORDS = {
    "today": 0, "tod": 0, "now": 0, "今天": 0, "今日": 0,
    "tomorrow": 1, "tmr": 1, "tom": 1, "明天": 1, "明日": 1,
    "yesterday": -1, "昨天": -1, "昨日": -1,
    "后天": 2, "大后天": 3, "前天": -2,
}
_UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "天": 1, "日": 1,
              "w": 7, "wk": 7, "week": 7, "weeks": 7, "周": 7, "星期": 7, "个星期": 7}
_UNIT_MONTHS = {"m": 1, "mo": 1, "month": 1, "months": 1, "月": 1, "个月": 1}
_OFFSET = re.compile(
    r"^(?P<sign>[+-]?)\s*(?P<n>\d{1,4})\s*(?P<unit>[a-z]+|天|日|周|星期|个星期|月|个月)\s*(?P<after>后|以后|之后|ago|前)?$"
)
_ZH_WEEKDAY = re.compile(r"^(?P<next>下下|下|本|这)?(?:周|星期|礼拜)(?P<d>[一二三四五六日天])$")
_TIME = re.compile(r"^(?P<h>\d{1,2})[:：](?P<m>\d{2})$")
_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not 1 <= year <= 9999:
        raise OverflowError("date value out of range")
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _next_weekday(base: date, weekday: int) -> date:
    """The next such weekday strictly after `base` ("fri" on a Friday is next week's)."""
    ahead = (weekday - base.weekday() - 1) % 7 + 1
    return base + timedelta(days=ahead)


def _day_word(word: str, base: date) -> date | None:
    word = word.strip().lower()
    if word in _WORDS:
        return base + timedelta(days=_WORDS[word])
    if match := _ISO_DAY.match(word):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if word in _WEEKDAYS:
        return _next_weekday(base, _WEEKDAYS[word])
    if word.startswith("next ") and word[5:].strip() in _WEEKDAYS:
        monday_next_week = base - timedelta(days=base.weekday()) + timedelta(days=7)
        return monday_next_week + timedelta(days=_WEEKDAYS[word[5:].strip()])
    if match := _ZH_WEEKDAY.match(word):
        weekday = _ZH_WEEKDAYS[match["d"]]
        this_monday = base - timedelta(days=base.weekday())
        prefix = match["next"]
        if prefix == "下":
            return this_monday + timedelta(days=7 + weekday)
        if prefix == "下下":
            return this_monday + timedelta(days=14 + weekday)
        if prefix in ("本", "这"):
            return this_monday + timedelta(days=weekday)
        return _next_weekday(base, weekday)
    if match := _OFFSET.match(word):
        n = int(match["n"])
        sign = -1 if match["sign"] == "-" or match["after"] in ("ago", "前") else 1
        unit = match["unit"]
        if match["sign"] == "" and match["after"] is None and unit not in _UNIT_DAYS:
            return None
        if unit in _UNIT_DAYS:
            return base + timedelta(days=sign * n * _UNIT_DAYS[unit])
        if unit in _UNIT_MONTHS:
            return _add_months(base, sign * n)
    return None


def parse_when(text: str, *, base: datetime | None = None) -> When:
    """Parse ISO dates/datetimes and the words reps type, in English or Chinese.

    Accepted: `2026-12-01`, `2026-12-01 14:30`, `today`, `tomorrow`, `+3d`, `+2w`,
    `+1m`, `-2d`, `mon`..`sunday` (the next one), `next fri`, `今天`, `明天`, `后天`,
    `周五`, `下周一`, `+3天`, `3天后`, each optionally followed by a time `HH:MM`.
    """
    raw = (text or "").strip()
    if not raw:
        raise BadInputError("date.required")
    reference = base or now()
    base_day = reference.date()
    normalized = raw.replace("T", " ", 1) if _ISO_DAY.match(raw[:10]) else raw
    at: time | None = None
    parts = normalized.rsplit(None, 1)
    if len(parts) == 2 and (tm := _TIME.match(parts[1])):
        hour, minute = int(tm["h"]), int(tm["m"])
        if hour > 23 or minute > 59:
            raise _bad_date(raw)
        at = time(hour, minute)
        normalized = parts[0]
    elif len(parts) == 2 and re.match(r"^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$", parts[1]):
        try:
            parsed = datetime.fromisoformat(raw)
            local = parsed.astimezone() if parsed.tzinfo else parsed
        except (ValueError, OverflowError):
            raise _bad_date(raw) from None
        return When(local.date(), local.time().replace(tzinfo=None, microsecond=0))
    try:
        day = _day_word(normalized, base_day)
    except OverflowError:  # +9999w from a day near the calendar's end
        day = None
    if day is None:
        raise _bad_date(raw)
    return When(day, at)


def parse_day(text: str, *, base: datetime | None = None) -> date:
    return parse_when(text, base=base).day


def _bad_date(raw: str) -> BadInputError:
    return BadInputError("date.bad", value=raw)
