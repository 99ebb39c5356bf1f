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
    """Aware datetime in the rep's zone (`local_zone()`); `SALESCLI_NOW` (ISO 8601)
    replaces the system clock."""
    zone = local_zone()
    fixed = _fixed_now()
    if fixed is not None:
        if fixed.tzinfo is None:
            return localize(fixed)
        return fixed.astimezone(zone)
    return datetime.now(zone) if zone is not None else datetime.now(UTC).astimezone()


def today() -> date:
    return now().date()


def _fixed_now() -> datetime | None:
    fixed = os.environ.get("SALESCLI_NOW", "").strip()
    if not fixed:
        return None
    try:
        return datetime.fromisoformat(fixed)
    except ValueError:
        raise BadInputError("clock.bad_now", value=fixed) from None


# The resolved zone, once per invocation: `core.runtime.reset()` (every command's start,
# and every test's) and `config set user.timezone` forget it. Asked for once per instant
# shown, so a 100k-row listing must find it in a list, not in the environment.
_zone: list[tzinfo | None] = []


def local_zone() -> tzinfo | None:
    """The rep's time zone, which every day boundary and every shown instant follows
    (docs/time.md): the `user.timezone` setting; else the offset `SALESCLI_NOW` carries;
    else the system's zone (`TZ`, else /etc/localtime). None when the system's cannot be
    named: `astimezone(None)` then means the system's local time."""
    if not _zone:
        _zone.append(_resolve_zone())
    return _zone[0]


def forget_zone() -> None:
    """Resolve the zone again on next use: a new invocation, or `config set user.timezone`."""
    _zone.clear()


def _resolve_zone() -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = _configured_zone_name()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # `config show` and `config set` say what is wrong with the value
    try:
        fixed = _fixed_now()
    except BadInputError:
        fixed = None  # now() reports it
    if fixed is not None and fixed.tzinfo is not None:
        return fixed.tzinfo
    return _find_local_zone()


def _configured_zone_name() -> str:
    from salescli.core.config import peek

    value = peek("user.timezone")
    return value.strip() if isinstance(value, str) else ""


def localize(naive: datetime) -> datetime:
    """A wall-clock time in the rep's zone, made aware."""
    zone = local_zone()
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def start_of_day(day: date) -> datetime:
    """The instant the rep's `day` begins: their midnight (the bound of every day range)."""
    return localize(datetime.combine(day, time()))


def to_local(moment: datetime) -> datetime:
    """An instant as the rep's wall clock shows it."""
    return moment.astimezone(local_zone())


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
            return localize(datetime.combine(self.day, clock_time))
        except (ValueError, OverflowError):  # year 1 or 9999: no room for the UTC offset
            raise _bad_date(self.day.isoformat()) from None


_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
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
# A month and a day, the year optional (docs/dates.md). English, either order, with an
# optional weekday before and year after: `dec 1`, `december 1st`, `1 dec`, `1st of
# december`, `fri nov 27`, `thu apr 9, 2054`. Names are looked up after the match.
_EN_WEEKDAY = r"(?:(?P<wd>[a-z]+)\.?,?\s+)?"
_EN_YEAR = r"(?:(?:,\s*|\s+)(?P<y>\d{4}))?"
_EN_MONTH_DAY = re.compile(rf"^{_EN_WEEKDAY}(?P<mon>[a-z]+)\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_EN_YEAR}$")
_EN_DAY_MONTH = re.compile(rf"^{_EN_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>[a-z]+)\.?{_EN_YEAR}$")
# Chinese, the weekday after: `12月1日`, `12月1号`, `2026年12月1日`, `11月27日 周五`, `11月27日（周五）`.
_ZH_MONTH_DAY = re.compile(
    r"^(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"(?:\s*(?P<open>[(（])?\s*(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])\s*(?P<close>[)）])?)?$"
)
_NUMERIC_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})[-/](?P<d>\d{1,2})$")  # 12-01, 12/01: month first


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


def _monday(base: date) -> date:
    """The Monday of `base`'s week (weeks start on Monday, as in 本周五)."""
    return base - timedelta(days=base.weekday())


def _month_end(day: date) -> date:
    for last in (31, 30, 29, 28):
        try:
            return day.replace(day=last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _next_month(base: date) -> date:
    return _add_months(base.replace(day=1), 1)


# Fixed phrases. "end of week" is the end of the working week, Friday (EOW); 周末 is the
# weekend, and names its first day, Saturday. Both are this week's, even when past.
_PHRASES = {
    **dict.fromkeys(("next week", "下周", "下星期", "下个星期", "下礼拜"), lambda b: _monday(b) + timedelta(days=7)),
    **dict.fromkeys(("next month", "下个月", "下月"), _next_month),
    **dict.fromkeys(("end of month", "end of the month", "end of this month", "eom",
                     "月底", "本月底", "这个月底", "月末", "本月末"), _month_end),
    **dict.fromkeys(("end of next month", "end of the next month", "下月底", "下个月底", "下月末", "下个月末"),
                    lambda b: _month_end(_next_month(b))),
    **dict.fromkeys(("end of week", "end of the week", "end of this week", "eow"),
                    lambda b: _monday(b) + timedelta(days=4)),
    **dict.fromkeys(("周末", "本周末", "这周末"), lambda b: _monday(b) + timedelta(days=5)),
    "下周末": lambda b: _monday(b) + timedelta(days=12),
}


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # no such day that year (30 February), or year 0 / 10000
        return None


def _nearest(base: date, month: int, day: int) -> date | None:
    """The occurrence of a month and day nearest to `base`, the later one on a tie; None
    when there is no such day. 29 February is looked for four years either way."""
    best: date | None = None
    for year in range(base.year - 4, base.year + 5):
        candidate = _valid_day(year, month, day)
        if candidate and (best is None or abs((candidate - base).days) <= abs((best - base).days)):
            best = candidate
    return best


def _month_day(base: date, month: int, day: int, year: int | None, weekday: int | None) -> date | None:
    """A typed month and day. Without a year, the occurrence nearest to `base`; with a
    weekday as well, that one or this year's, whichever falls on that weekday (so the
    formatter's `Fri Jan 2` means this year's even on Dec 30). A weekday that fits
    neither is refused (None)."""
    if year is not None:
        candidates = [_valid_day(year, month, day)]
    else:
        candidates = [_nearest(base, month, day), _valid_day(base.year, month, day)]
    if weekday is None:
        return candidates[0]
    return next((c for c in candidates if c is not None and c.weekday() == weekday), None)


def _written_day(word: str, base: date) -> date | None:
    """A month and day written out (`12月1日`, `12-01`, `Dec 1`, `Fri Nov 27`, `Nov 23, 2026`);
    None when `word` is not one, or names no such day."""
    if match := _ZH_MONTH_DAY.match(word):
        if bool(match["open"]) != bool(match["close"]):
            return None
        weekday = _ZH_WEEKDAYS[match["wd"]] if match["wd"] else None
        year = int(match["y"]) if match["y"] else None
        return _month_day(base, int(match["m"]), int(match["d"]), year, weekday)
    if match := _NUMERIC_MONTH_DAY.match(word):
        return _month_day(base, int(match["m"]), int(match["d"]), None, None)
    for pattern in (_EN_MONTH_DAY, _EN_DAY_MONTH):
        match = pattern.match(word)
        if match and match["mon"] in _MONTHS and (match["wd"] is None or match["wd"] in _WEEKDAYS):
            weekday = _WEEKDAYS[match["wd"]] if match["wd"] else None
            year = int(match["y"]) if match["y"] else None
            return _month_day(base, _MONTHS[match["mon"]], int(match["d"]), year, weekday)
    return None


def _day_word(word: str, base: date) -> date | None:
    word = " ".join(word.lower().split())
    if word in _WORDS:
        return base + timedelta(days=_WORDS[word])
    if match := _ISO_DAY.match(word):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if word in _WEEKDAYS:
        return _next_weekday(base, _WEEKDAYS[word])
    first, _, rest = word.partition(" ")
    if first in ("next", "this") and rest in _WEEKDAYS:
        return _monday(base) + timedelta(days=(7 if first == "next" else 0) + _WEEKDAYS[rest])
    if word in _PHRASES:
        return _PHRASES[word](base)
    if match := _ZH_WEEKDAY.match(word):
        weekday = _ZH_WEEKDAYS[match["d"]]
        this_monday = _monday(base)
        prefix = match["next"]
        if prefix == "下":
            return this_monday + timedelta(days=7 + weekday)
        if prefix == "下下":
            return this_monday + timedelta(days=14 + weekday)
        if prefix in ("本", "这"):
            return this_monday + timedelta(days=weekday)
        return _next_weekday(base, weekday)
    if (written := _written_day(word, base)) is not None:
        return written
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
    """Parse ISO dates/datetimes and the words reps type, in English or Chinese
    (docs/dates.md; English case ignored).

    Accepted, each optionally followed by a time `HH:MM` (or `HH：MM`):
    - ISO: `2026-12-01`, `2026/12/1`, `2026-12-01 14:30`, `2026-12-01T14:30:00+08:00`;
    - days: `today`, `tomorrow`, `yesterday`, `今天`, `明天`, `后天`, `昨天` ...;
    - offsets: `+3d`, `-2d`, `+2w`, `+1m`, `3 days ago`, `+3天`, `3天后`, `2周前`;
    - weekdays: `fri` (the next one), `this fri`, `next fri`, `周五`, `本周五`, `下周五`;
    - month and day: `12月1日`, `12月1号`, `12-01`, `12/01`, `Dec 1`, `December 1st`,
      `1 Dec`, `1st of December` (the occurrence nearest to today), or with a year:
      `Dec 1, 2026`, `1 Dec 2026`, `2026年12月1日`; a weekday may lead (`Fri Nov 27`,
      `Thu Apr 9, 2054`) or follow in Chinese (`11月27日 周五`) and must fit the day;
      everything `format_day` and `format_short_day` print is accepted;
    - phrases: `next week`, `下周` (its Monday), `next month`, `下个月`, `下月` (its 1st),
      `end of month`, `eom`, `月底`, `本月底`, `月末`, `end of next month`, `下月底`
      (last days), `end of week`, `eow` (this week's Friday), `周末`, `本周末` (this
      week's Saturday), `下周末`.
    Anything else, or a day that does not exist (`2月30日`, `Feb 30`, `13-01`), is a
    `date.bad` BadInputError.
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
            local = to_local(parsed) if parsed.tzinfo else parsed
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
