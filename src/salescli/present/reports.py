"""How the pipeline reports read: section titles, column descriptions and the wording of
rates and days, the same for every interface (the CLI draws them in terminal/funnel.py
and commands/report.py).

Rates arrive as Decimal fractions (0.6667) and read as percentages with one decimal
(66.7%); days arrive as Decimal (12.5) and read as "12.5 d".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.columns import Column

FUNNEL_TITLE = N_("Funnel")
FUNNEL_SUBTITLE_PERIOD = N_("Deals created in {period}, {scope}; stale after {days} days without a move.")
FUNNEL_SUBTITLE_ALL = N_("Every deal so far, {scope}; stale after {days} days without a move.")
SCOPE_MINE = N_("yours")
SCOPE_USER = N_("{user}'s deals")
SCOPE_TEAM = N_("the whole team")
FIGURES_TITLE = N_("Stages")
STALE_TITLE = N_("Stale deals (left out of the weighted forecast)")
NO_STALE = N_("No stale deals.")
NO_DEALS = N_("No deals yet.")
WIN_LINE = N_("Won {won} ({won_amount}), lost {lost} ({lost_amount}); win rate {rate}.")
CYCLE_LINE = N_("Average cycle: {won} to win, {lost} to lose.")
TOTALS_LINE = N_("Open {amount}; weighted forecast {weighted}; stale {stale} ({stale_count}).")
FORECAST_TITLE = N_("Forecast by expected close month ({scope})")
LOST_TITLE = N_("Lost reasons ({scope})")
LOST_TITLE_PERIOD = N_("Lost reasons of deals created in {period} ({scope})")
NO_LOST = N_("No lost deals.")
NO_REASON = N_("(no reason given)")
BUCKETS = {"overdue": N_("overdue"), "later": N_("later"), "no_date": N_("no date"), "total": N_("total")}
TO_WON = N_("to won")

FUNNEL_COLUMNS: tuple[Column, ...] = (
    Column(N_("Stage"), "stage"),
    Column(N_("Prob."), "probability", whole=True),
    Column(N_("Open"), "count", whole=True),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Weighted"), "weighted", whole=True),
    Column(N_("Stale"), "stale", whole=True, drop=2),
    Column(N_("Reached"), "reached", whole=True, drop=3),
    Column(N_("To next"), "conversion", whole=True),
    Column(N_("Avg days"), "avg_days", whole=True, drop=1),
)
STALE_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Title"), "title"),
    Column(N_("Stage"), "stage"),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Days in stage"), "days_in_stage", whole=True),
)
FORECAST_COLUMNS: tuple[Column, ...] = (
    Column(N_("Month"), "month"),
    Column(N_("Deals"), "deals", whole=True),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Weighted"), "weighted", whole=True),
)
LOST_COLUMNS: tuple[Column, ...] = (
    Column(N_("Reason"), "reason"),
    Column(N_("Deals"), "deals", whole=True),
    Column(N_("Amount"), "amount", whole=True),
    Column(N_("Share"), "share", whole=True),
)


def percent(value: Decimal | None) -> str:
    """0.6667 -> "66.7%"; None -> "–" (nothing to divide by)."""
    if value is None:
        return "–"
    return f"{(value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def days(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return _("{n} d").format(n=value)


def scope_words(scope: Any, mine: str = SCOPE_MINE, user: str = SCOPE_USER) -> str:
    """Whose figures a title names: the team, another rep's (`user`, with {user}) or yours
    (`mine`); a report passes its own words for the last two ("your work")."""
    if scope.kind == "team":
        return _(SCOPE_TEAM)
    if scope.kind == "user":
        return _(user).format(user=scope.user)
    return _(mine)


def bucket_label(bucket: str) -> str:
    return _(BUCKETS[bucket]) if bucket in BUCKETS else bucket


# `report sources` (docs/leads.md).
SOURCE_COLUMNS: tuple[Column, ...] = (
    Column(N_("Source"), "source"),
    Column(N_("Leads"), "leads", whole=True),
    Column(N_("Converted"), "converted", whole=True),
    Column(N_("Rate"), "rate", whole=True),
    Column(N_("Customers"), "customers", whole=True, drop=1),
    Column(N_("Won deals"), "won_deals", whole=True, drop=2),
    Column(N_("Won amount"), "won_amount", whole=True),
)
NO_SOURCES = N_("No leads or customers yet.")
NO_SOURCE = N_("(no source)")
SOURCES_TITLE = N_("Lead sources ({scope})")
SOURCES_TITLE_SINCE = N_("Lead sources since {day} ({scope})")


def source_row_view(row: Any, currency: str) -> Any:
    """A `report sources` row with its rate and amount in words."""
    from types import SimpleNamespace

    from salescli.present.formatting import format_money

    return SimpleNamespace(source=row.source if row.source is not None else _(NO_SOURCE), leads=row.leads,
                           converted=row.converted, rate=percent(row.conversion_rate), customers=row.customers,
                           won_deals=row.won_deals, won_amount=format_money(row.won_amount, currency))


def sources_title(report: Any) -> str:
    scope = scope_words(report.scope)
    if report.since is None:
        return _(SOURCES_TITLE).format(scope=scope)
    from salescli.present.formatting import format_day

    return _(SOURCES_TITLE_SINCE).format(day=format_day(report.since), scope=scope)
