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


# Days and amounts are drawn from these CLDR names and signs, not by Babel at run time:
# Babel's first date costs ~40 ms (its import and locale data), more than a whole query,
# on every command that shows one. tests/test_formatting.py checks every form against
# Babel itself. Every day drawn here reads back through `core.clock.parse_when` as the
# same day (tests/test_clock.py); years are padded to four digits, as the parser wants.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
             "zh_CN": ("周一", "周二", "周三", "周四", "周五", "周六", "周日")}


def _chinese() -> bool:
    return current_language() == "zh_CN"


def _month_day(day: date, *, year: bool) -> str:
    """`Nov 23` / `11月23日`, with the year when asked: `Nov 23, 2026` / `2026年11月23日`."""
    if _chinese():
        return (f"{day.year:04d}年" if year else "") + f"{day.month}月{day.day}日"
    return f"{_MONTHS[day.month - 1]} {day.day}" + (f", {day.year:04d}" if year else "")


def format_day(day: date | None) -> str:
    """`Nov 23, 2026` / `2026年11月23日`."""
    if day is None:
        return ""
    return _month_day(day, year=True)


def format_short_day(day: date) -> str:
    """Weekday and day for tables: `Fri Nov 27` / `11月27日 周五`; a day outside this year
    (`core.clock.today()`) shows its year: `Thu Apr 9, 2054` / `2054年4月9日 周四`."""
    from salescli.core.clock import today

    text = _month_day(day, year=day.year != today().year)
    if _chinese():
        return f"{text} {_WEEKDAYS['zh_CN'][day.weekday()]}"
    return f"{_WEEKDAYS['en'][day.weekday()]} {text}"


def format_moment(moment: datetime | None) -> str:
    """A stored instant in local time, compact: `Nov 23 14:30`, `Nov 23, 2025 14:30`."""
    if moment is None:
        return ""
    from salescli.core.clock import to_local, today

    local = to_local(moment)
    return f"{_month_day(local.date(), year=local.year != today().year)} {local:%H:%M}"


def format_clock(moment: datetime) -> str:
    """The rep's local time of day of an instant: `14:30`."""
    from salescli.core.clock import to_local

    return to_local(moment).strftime("%H:%M")


def format_due(day: date, moment: datetime | None) -> str:
    """A task's day, with its time when it has one: `Fri Dec 4 14:30`."""
    return format_short_day(day) + (" " + format_clock(moment) if moment is not None else "")


# The signs of common two-decimal currencies as CLDR writes them (en_US, zh_Hans_CN);
# anything else goes to Babel.
_SIGNS = {
    "en": {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$", "GBP": "£", "SGD": "SGD", "AUD": "A$", "CAD": "CA$",
           "TWD": "NT$"},
    "zh_CN": {"CNY": "¥", "USD": "US$", "EUR": "€", "HKD": "HK$", "GBP": "£", "SGD": "SGD", "AUD": "AU$",
              "CAD": "CA$", "TWD": "NT$"},
}


def format_money(amount: Decimal | float | int, currency: str) -> str:
    """`¥1,200,000.00` in both languages for CNY; other currencies by their locale symbol.

    English CLDR writes yuan as `CN¥` to tell it from the yen; a Chinese sales team reads
    `¥` as yuan whatever the interface language, so CNY keeps the plain sign.
    """
    sign = _SIGNS["zh_CN" if _chinese() else "en"].get(currency.upper())
    if sign is not None and isinstance(amount, Decimal | int):
        value = Decimal(amount).quantize(Decimal("0.01"))  # amounts are whole cents already
        return f"{'-' if value < 0 else ''}{sign}{abs(value):,.2f}"
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
