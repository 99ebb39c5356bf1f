"""Words and columns of `report activity` and `report abc` (docs/reports.md): the figures'
names, the comparison's arrows, the table columns. No Rich here; terminal/activity.py
draws them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from salescli.core.i18n import N_, _
from salescli.present import reports
from salescli.present.columns import Column
from salescli.present.labels import KINDS, label

# `report activity`
ACTIVITY_TITLE = N_("Activity in {period}, {scope}")
PERIOD_SPAN = N_("{period} ({first} – {last})")  # a week or month: its name and its days
DAY_SPAN = N_("{first} – {last}")  # a range of days
SCOPE_MINE = N_("your work")
SCOPE_USER = N_("{user}'s work")
TOTAL = N_("Total")
COMPARED_TITLE = N_("Compared with {previous}")
BY_KIND = N_("  {kind}")  # a follow-up kind's line under the follow-ups, indented
TREND_TITLE = N_("Last {weeks} weeks")
TREND_LINE = N_("{follow_ups} follow-ups · {visits} visits · won {won}")

# (figure key, its name); money figures are drawn in the report's currency.
FIGURES: tuple[tuple[str, str], ...] = (
    ("new_customers", N_("New customers")),
    ("new_contacts", N_("New contacts")),
    ("new_deals", N_("New deals")),
    ("stage_advances", N_("Stage advances")),
    ("follow_ups", N_("Follow-ups")),
    ("visits", N_("Visits")),
    ("customers_visited", N_("Customers visited")),
    ("payments_collected", N_("Payments collected")),
    ("collected_amount", N_("Amount collected")),
    ("won_deals", N_("Deals won")),
    ("won_amount", N_("Won amount")),
)
MONEY_FIGURES = frozenset({"collected_amount", "won_amount"})

COMPARISON_COLUMNS: tuple[Column, ...] = (
    Column(N_("Figure"), "figure"),
    Column(N_("This period"), "current", whole=True),
    Column(N_("Previous"), "previous", whole=True),
    Column(N_("Change"), "change", whole=True),
)
TEAM_COLUMNS: tuple[Column, ...] = (
    Column(N_("Rep"), "user"),
    Column(N_("New cust."), "new_customers", whole=True, drop=3),
    Column(N_("Contacts"), "new_contacts", whole=True, drop=4),
    Column(N_("Deals"), "new_deals", whole=True, drop=5),
    Column(N_("Advances"), "stage_advances", whole=True, drop=6),
    Column(N_("Follow-ups"), "follow_ups", whole=True),
    Column(N_("Visits"), "visits", whole=True),
    Column(N_("Visited"), "customers_visited", whole=True, drop=7),
    Column(N_("Paid"), "payments_collected", whole=True, drop=8),
    Column(N_("Collected"), "collected_amount", whole=True, drop=2),
    Column(N_("Won"), "won_deals", whole=True, drop=1),
    Column(N_("Won amount"), "won_amount", whole=True),
)


def period_words(text: str, first: date, last: date) -> str:
    """A period as a title names it: "2026-W48 (Nov 23, 2026 – Nov 29, 2026)"; a day by its date."""
    from salescli.present.formatting import format_day

    if ".." in text:
        if first == last:
            return format_day(first)
        return _(DAY_SPAN).format(first=format_day(first), last=format_day(last))
    return _(PERIOD_SPAN).format(period=text, first=format_day(first), last=format_day(last))


def scope_words(scope: Any) -> str:
    return reports.scope_words(scope, SCOPE_MINE, SCOPE_USER)


def kind_line(kind: str) -> str:
    return _(BY_KIND).format(kind=label(KINDS, kind))


def change(now: int | Decimal, before: int | Decimal, shown: str) -> str:
    """The comparison cell: "▲ 3", "▼ ¥200.00", or "=" when unchanged; `shown` is the
    difference already formatted (a count or money), without its sign."""
    if now == before:
        return "="
    return f"{'▲' if now > before else '▼'} {shown}"


# `report abc`
ABC_TITLE = N_("Customers by won amount, {period}, {scope}")
ABC_SCOPE_MINE = N_("your deals")
ABC_SCOPE_USER = N_("{user}'s deals")
NO_WON = N_("No deals won in {period}.")
ABC_SUMMARY_TITLE = N_("Classes")
ABC_COLUMNS: tuple[Column, ...] = (
    Column(N_("#"), "rank", kind="id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Won"), "deals", whole=True, drop=2),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Share"), "share", whole=True),
    Column(N_("Cumulative"), "cumulative", whole=True, drop=1),
    Column(N_("Class"), "abc_class", whole=True),
)
ABC_CLASS_COLUMNS: tuple[Column, ...] = (
    Column(N_("Class"), "abc_class"),
    Column(N_("Customers"), "customers", whole=True),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Share"), "share", whole=True),
)


def abc_scope_words(scope: Any) -> str:
    return reports.scope_words(scope, ABC_SCOPE_MINE, ABC_SCOPE_USER)
