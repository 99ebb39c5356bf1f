"""Dates, money and relative phrases for the interface language (Babel).

Only the interface layer calls these; `--json` output never goes through them, so
scripts see ISO dates and plain numbers whatever the language.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from salescli.core.i18n import _, current_language, ngettext


def _babel_locale() -> str:
    return "zh_Hans_CN" if current_language() == "zh_CN" else "en_US"


# Every day drawn here reads back through `core.clock.parse_when` as the same day
# (tests/test_clock.py checks it); years are padded to four digits, as the parser wants.
_DAY = {"en": "MMM d, yyyy", "zh_CN": "yyyy年M月d日"}
_SHORT_DAY = {"en": "EEE MMM d", "zh_CN": "M月d日 EEE"}
_SHORT_DAY_WITH_YEAR = {"en": "EEE MMM d, yyyy", "zh_CN": "yyyy年M月d日 EEE"}


def _pattern(patterns: dict[str, str]) -> str:
    return patterns["zh_CN"] if current_language() == "zh_CN" else patterns["en"]


def format_day(day: date | None) -> str:
    """`Nov 23, 2026` / `2026年11月23日`."""
    if day is None:
        return ""
    from babel.dates import format_date

    return format_date(day, _pattern(_DAY), locale=_babel_locale())


def format_short_day(day: date) -> str:
    """Weekday and day for tables: `Fri Nov 27` / `11月27日 周五`; a day outside this year
    (`core.clock.today()`) shows its year: `Thu Apr 9, 2054` / `2054年4月9日 周四`."""
    from babel.dates import format_date

    from salescli.core.clock import today

    patterns = _SHORT_DAY if day.year == today().year else _SHORT_DAY_WITH_YEAR
    return format_date(day, _pattern(patterns), locale=_babel_locale())


def format_moment(moment: datetime | None) -> str:
    """A stored instant in local time, compact: `Nov 23 14:30`, `Nov 23, 2025 14:30`."""
    if moment is None:
        return ""
    from babel.dates import format_datetime

    from salescli.core.clock import to_local, today

    local = to_local(moment)
    this_year = local.year == today().year
    if current_language() == "zh_CN":
        pattern = "M月d日 HH:mm" if this_year else "yyyy年M月d日 HH:mm"
    else:
        pattern = "MMM d HH:mm" if this_year else "MMM d, yyyy HH:mm"
    return format_datetime(local, pattern, tzinfo=local.tzinfo, locale=_babel_locale())


def format_clock(moment: datetime) -> str:
    """The rep's local time of day of an instant: `14:30`."""
    from salescli.core.clock import to_local

    return to_local(moment).strftime("%H:%M")


def format_due(day: date, moment: datetime | None) -> str:
    """A task's day, with its time when it has one: `Fri Dec 4 14:30`."""
    return format_short_day(day) + (" " + format_clock(moment) if moment is not None else "")


def format_money(amount: Decimal | float | int, currency: str) -> str:
    """`¥1,200,000.00` in both languages for CNY; other currencies by their locale symbol.

    English CLDR writes yuan as `CN¥` to tell it from the yen; a Chinese sales team reads
    `¥` as yuan whatever the interface language, so CNY keeps the plain sign.
    """
    from babel.numbers import format_currency

    text = format_currency(amount, currency, locale=_babel_locale())
    return text.replace("CN¥", "¥") if currency.upper() == "CNY" else text


def due_phrase(due: date, today: date) -> str:
    """How a task's date reads in a table: "3 days overdue", "due today", "in 4 days"."""
    delta = (due - today).days
    if delta < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -delta).format(n=-delta)
    if delta == 0:
        return _("due today")
    if delta == 1:
        return _("due tomorrow")
    return ngettext("in {n} day", "in {n} days", delta).format(n=delta)


def ago_phrase(moment: datetime | None, now: datetime) -> str:
    """How long ago something happened: "today", "yesterday", "12 days ago", "never"."""
    if moment is None:
        return _("never")
    from salescli.core.clock import to_local

    days = (to_local(now).date() - to_local(moment).date()).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def days_phrase(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def until_phrase(days: int) -> str:
    """Days ahead of today: "today", "tomorrow", "in 3 days"."""
    if days <= 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)
