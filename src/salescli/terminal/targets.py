"""Targets in a terminal (docs/targets.md): what `target set` made, the list in force, the
progress table with a bar per target, and the ranking.

The bar is drawn only when stdout is a terminal (Rich's `Console.is_terminal`, the same
console that decides colour in terminal/render.py); piped, the table keeps every other
column. JSON never passes through here.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from salescli.core.i18n import _
from salescli.present import targets as words
from salescli.present.reports import scope_words
from salescli.terminal.render import columns_table, console, message

BAR_CELLS = 24
FILLED, EMPTY, MARKER = "█", "░", "┃"


def progress_bar(done: Decimal | None, pace_share: Decimal, ahead: bool, cells: int = BAR_CELLS) -> Any:
    """`cells` wide: filled to `done` (capped at the width), the pace marker at the pace's
    position, green when at or ahead of pace, red when behind."""
    from rich.text import Text

    filled = min(cells, int(((done or Decimal(0)) * cells).to_integral_value())) if done is not None else 0
    marker = min(cells - 1, max(0, int((pace_share * cells).to_integral_value()) - 1))
    colour = "green" if ahead else "red"
    bar = Text()
    for i in range(cells):
        if i == marker:
            bar.append(MARKER, style="bold")
        else:
            bar.append(FILLED if i < filled else EMPTY, style=colour if i < filled else "dim")
    return bar


def render_set(result: Any, now: datetime) -> None:
    message(_(words.SET_LINE).format(metric=words.metric_label(result.metric),
                                     value=words.amount(result.metric, result.value, result.currency),
                                     who=words.who(result.user), period=result.period))
    if result.replaced:
        message(_(words.SET_REPLACED))
    if result.parts:
        columns_table(words.PART_COLUMNS, words.part_rows(result), now=now, title=_(words.PARTS_TITLE))


def render_list(rows: list[Any], now: datetime) -> None:
    if not rows:
        message(_(words.NO_TARGETS))
        return
    columns_table(words.LIST_COLUMNS, words.list_rows(rows), now=now, title=_(words.LIST_TITLE))


def render_show(report: Any, now: datetime) -> None:
    if not report.rows:
        message(_(words.NO_TARGETS_NOW))
        return
    draw = console().is_terminal
    columns = [c for c in words.SHOW_COLUMNS if draw or c.key != "bar"]
    rows = [words.show_row(r, report.currency, progress_bar(r.done, r.pace_share, r.ahead >= 0) if draw else "")
            for r in report.rows]
    columns_table(columns, rows, now=now,
                  title=_(words.SHOW_TITLE).format(today=report.today.isoformat(), scope=scope_words(report.scope)))
    for row in report.rows:
        for line in words.aid_lines(row, report.currency):
            message(line)


def render_ranking(report: Any, now: datetime) -> None:
    if not report.rows:
        message(_(words.NO_REPS))
        return
    columns_table(words.RANKING_COLUMNS, words.ranking_rows(report), now=now,
                  title=_(words.RANKING_TITLE).format(metric=words.metric_label(report.metric), period=report.period))
