"""How targets read (docs/targets.md): titles, columns and the words of `target set|list|show`
and `report ranking`, the same for every interface (the CLI draws them in
terminal/targets.py). Money values arrive as Decimal currency units, counts as ints,
fractions as Decimal (0.6667 reads 66.7%)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.columns import Column
from salescli.present.formatting import format_money
from salescli.present.reports import percent

METRIC_LABELS = {
    "won_amount": N_("won amount"), "won_deals": N_("won deals"), "new_customers": N_("new customers"),
    "follow_ups": N_("follow-ups"), "visits": N_("visits"),
}
TEAM = N_("team")
NO_HISTORY = N_("no history")
SET_LINE = N_("Target set: {metric} {value} for {who} in {period}.")
SET_REPLACED = N_("It replaces the target in force and its parts.")
PARTS_TITLE = N_("Parts")
LIST_TITLE = N_("Targets in force")
NO_TARGETS = N_("No targets yet; set one with: salescli target set --period 2027 --metric won_amount --value 1200000")
NO_TARGETS_NOW = N_("No targets for now; set one with: salescli target set --period 2027 --metric won_amount"
                    " --value 1200000")
SHOW_TITLE = N_("Targets on {today} ({scope})")
RANKING_TITLE = N_("Ranking: {metric} in {period}")
NO_REPS = N_("No active reps.")
AIDS_TITLE = N_("{metric} {period}, planning aids:")
AID_BASELINE = N_("  baseline (70% of the average month of {months}): {baseline}; increment to win: {increment}")
AID_EXPECTED = N_("  expected: {active} active customers × average order {order} = {expected}")
AID_EXPECTED_NONE = N_("  expected: no history ({active} active customers, no won deal with an amount in the last"
                       " 365 days)")
AID_FUNNEL = N_("  funnel: win rate {win_rate}, deals opened per customer contacted {opp_rate}")
AID_NEEDED = N_("  still needed: deals {deals}, opportunities {opps}, contacts {contacts}")
WHO_YOU = N_("you")

PART_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Period"), "period", whole=True),
    Column(N_("Value"), "value", whole=True),
    Column(N_("Split from"), "parent", whole=True),
)
LIST_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Who"), "who", whole=True),
    Column(N_("Period"), "period", whole=True),
    Column(N_("Metric"), "metric"),
    Column(N_("Value"), "value", whole=True),
    Column(N_("Split"), "split", drop=1),
    Column(N_("Split from"), "parent", whole=True, drop=2),
)
SHOW_COLUMNS: tuple[Column, ...] = (
    Column(N_("Metric"), "metric"),
    Column(N_("Period"), "period", whole=True),
    Column(N_("Progress"), "bar", whole=True),
    Column(N_("Actual / target"), "figures", whole=True),
    Column(N_("% done"), "done", whole=True),
    Column(N_("Pace"), "pace", whole=True, drop=1),  # where the rep should be by today: worth more than days left
    Column(N_("Gap"), "gap", whole=True),
    Column(N_("Days left"), "days_left", whole=True, drop=2),
)
RANKING_COLUMNS: tuple[Column, ...] = (
    Column(N_("#"), "rank", whole=True),
    Column(N_("Rep"), "user", whole=True),
    Column(N_("Actual"), "actual", whole=True),
    Column(N_("Target"), "target", whole=True),
    Column(N_("% done"), "done", whole=True),
)


def metric_label(metric: str) -> str:
    return _(METRIC_LABELS[metric]) if metric in METRIC_LABELS else metric


def amount(metric: str, value: Decimal | int | None, currency: str) -> str:
    """A target's figure: money in the currency, a count as it is; None as a dash."""
    if value is None:
        return "–"
    if metric == "won_amount":
        return format_money(value, currency)
    return str(value)


def who(user: str | None) -> str:
    return user if user is not None else _(TEAM)


def part_rows(result: Any) -> list[Any]:
    return [SimpleNamespace(id=p.id, period=p.period, value=amount(result.metric, p.value, result.currency),
                            parent=p.parent) for p in result.parts]


def list_rows(rows: list[Any]) -> list[Any]:
    return [SimpleNamespace(id=r.id, who=who(r.user), period=r.period, metric=metric_label(r.metric),
                            value=amount(r.metric, r.value, r.currency), split=r.split or "", parent=r.parent or "")
            for r in rows]


def show_row(row: Any, currency: str, bar: Any = "") -> Any:
    """One target's progress in words: actual / target, done, pace (and ahead or behind), gap."""
    sign = "+" if row.ahead >= 0 else "−"
    pace = _("{pace} ({sign}{ahead})").format(pace=amount(row.metric, row.pace, currency), sign=sign,
                                              ahead=amount(row.metric, abs(row.ahead), currency))
    return SimpleNamespace(
        metric=metric_label(row.metric), period=row.period, bar=bar,
        figures=f"{amount(row.metric, row.actual, currency)} / {amount(row.metric, row.target, currency)}",
        done=percent(row.done), pace=pace, gap=amount(row.metric, row.gap, currency), days_left=row.working_days_left,
    )


def _or_none(text: str | None) -> str:
    return text if text is not None else _(NO_HISTORY)


def aid_lines(row: Any, currency: str) -> list[str]:
    """The planning aids of one target as a few labelled lines; a figure with nothing to
    divide by reads "no history" rather than a guess."""
    aids = row.aids
    if aids is None:
        return []
    lines = [_(AIDS_TITLE).format(metric=metric_label(row.metric), period=row.period)]
    if aids.baseline is not None:
        lines.append(_(AID_BASELINE).format(months=aids.baseline_months, baseline=format_money(aids.baseline, currency),
                                            increment=format_money(aids.increment, currency)))
    if aids.average_order is None or aids.expected is None:
        lines.append(_(AID_EXPECTED_NONE).format(active=aids.active_customers))
    else:
        lines.append(_(AID_EXPECTED).format(active=aids.active_customers,
                                            order=format_money(aids.average_order, currency),
                                            expected=format_money(aids.expected, currency)))

    def count(value: int | None) -> str:
        return _or_none(str(value) if value is not None else None)

    lines.append(_(AID_FUNNEL).format(
        win_rate=_or_none(percent(aids.win_rate) if aids.win_rate is not None else None),
        opp_rate=_or_none(f"{aids.opportunity_rate:.2f}" if aids.opportunity_rate is not None else None)))
    lines.append(_(AID_NEEDED).format(deals=count(aids.deals_needed), opps=count(aids.opportunities_needed),
                                      contacts=count(aids.contacts_needed)))
    return lines


def ranking_rows(report: Any) -> list[Any]:
    return [SimpleNamespace(rank=r.rank if r.rank is not None else "", user=r.user,
                            actual=amount(report.metric, r.actual, report.currency),
                            target=amount(report.metric, r.target, report.currency) if r.target is not None else "",
                            done=percent(r.done) if r.target is not None else "")
            for r in report.rows]
