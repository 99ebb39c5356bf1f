"""`report activity` and `report abc` in a terminal (docs/reports.md): the comparison
table (or the team's table and its total), the 8-week trend as horizontal bars, and the
ABC listing with its class summary."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import _, ngettext
from salescli.domain.funnel import bar_width
from salescli.present import activity as words
from salescli.present.formatting import format_money
from salescli.present.reports import percent
from salescli.terminal.render import columns_table, console, message

BAR = "█"
MAX_BAR = 30


def _value(key: str, value: Any, currency: str) -> str:
    return format_money(value, currency) if key in words.MONEY_FIGURES else str(value)


def _comparison(report: Any) -> list[SimpleNamespace]:
    """One row per figure (and per follow-up kind under the follow-ups): the scope's total
    now, in the previous period, and the change."""
    now, before, money = report.total, report.previous, report.currency
    rows = []
    for key, name in words.FIGURES:
        a, b = getattr(now, key), getattr(before, key)
        rows.append(SimpleNamespace(figure=_(name), current=_value(key, a, money), previous=_value(key, b, money),
                                    change=words.change(a, b, _value(key, abs(a - b), money))))
        if key == "follow_ups":
            for kind, count in now.follow_ups_by_kind.items():
                old = before.follow_ups_by_kind.get(kind, 0)
                if count or old:
                    rows.append(SimpleNamespace(figure=words.kind_line(kind), current=str(count), previous=str(old),
                                                change=words.change(count, old, str(abs(count - old)))))
    return rows


def _team_row(figures: Any, name: str, money: str) -> SimpleNamespace:
    values = {key: _value(key, getattr(figures, key), money) for key, _name in words.FIGURES}
    return SimpleNamespace(user=name, **values)


def draw_trend(report: Any) -> None:
    """One line per week: the week, a bar as long as its follow-ups (the visits' part in
    another colour), and the figures."""
    from rich.text import Text

    weeks = report.trend or []
    largest = max((w.follow_ups for w in weeks), default=0)
    width = min(MAX_BAR, max(10, console().width - 60))
    message(_(words.TREND_TITLE).format(weeks=len(weeks)))
    for week in weeks:
        cells = bar_width(week.follow_ups, largest, width)
        visits = min(cells, bar_width(week.visits, largest, width))
        line = Text()
        line.append(f"{week.week}  ")
        line.append(BAR * visits, style="green")
        line.append(BAR * (cells - visits), style="cyan")
        line.append(" " * (width - cells) + "  ")
        line.append(_(words.TREND_LINE).format(follow_ups=week.follow_ups, visits=week.visits,
                                               won=format_money(week.won_amount, report.currency)))
        console().print(line, markup=False, highlight=False, soft_wrap=True)


def render_activity(report: Any, now: datetime) -> None:
    from salescli.domain.periods import parse_period, shifted

    message(_(words.ACTIVITY_TITLE).format(period=words.period_words(report.period, report.start, report.end),
                                           scope=words.scope_words(report.scope)))
    money = report.currency
    if report.scope.kind == "team":
        rows = [_team_row(r, r.user or "", money) for r in report.rows]
        rows.append(_team_row(report.total, _(words.TOTAL), money))
        columns_table(words.TEAM_COLUMNS, rows, now=now)
    before = shifted(parse_period(report.period), -1)
    previous = words.period_words(before.text, before.start, before.last)
    columns_table(words.COMPARISON_COLUMNS, _comparison(report), now=now,
                  title=_(words.COMPARED_TITLE).format(previous=previous))
    if report.trend is not None:
        message("")
        draw_trend(report)


def render_abc(report: Any, now: datetime) -> None:
    period = words.period_words(report.period, report.start, report.end)
    if not report.customers:
        message(_(words.NO_WON).format(period=period))
        return
    money = report.currency
    message(_(words.ABC_TITLE).format(period=period, scope=words.abc_scope_words(report.scope)))
    rows = [SimpleNamespace(rank=r.rank, customer=r.customer, deals=r.deals, amount=format_money(r.amount, money),
                            share=percent(r.share), cumulative=percent(r.cumulative_share), abc_class=r.abc_class)
            for r in report.rows]
    columns_table(words.ABC_COLUMNS, rows, now=now)
    more = report.customers - len(report.rows)
    if more > 0:
        message(ngettext("… and {n} more customer (--limit N lists more).",
                         "… and {n} more customers (--limit N lists more).", more).format(n=more))
    classes = [SimpleNamespace(abc_class=c.abc_class, customers=c.customers, amount=format_money(c.amount, money),
                               share=percent(c.share)) for c in report.classes]
    classes.append(SimpleNamespace(abc_class=_(words.TOTAL), customers=report.customers,
                                   amount=format_money(report.amount, money), share=""))
    columns_table(words.ABC_CLASS_COLUMNS, classes, now=now, title=_(words.ABC_SUMMARY_TITLE))
