"""The funnel report in a terminal: one horizontal bar per stage, as wide as the number
of deals that reached it (so it narrows like a funnel), then the figures, the win rate
and cycle, and the stale deals."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import _
from salescli.domain.funnel import bar_width
from salescli.present import reports as words
from salescli.present.formatting import format_money
from salescli.present.labels import stage_label
from salescli.terminal.render import columns_table, console, message, safe

BAR = "█"
MAX_BAR = 40


def _label(key: str, name: str | None) -> str:
    return stage_label(key, name)


def draw_bars(report: Any) -> None:
    """One line per stage: label, a bar centred in MAX_BAR cells as wide as the deals that
    reached the stage, how many reached it, how many are in it now, and the conversion."""
    from rich.cells import cell_len
    from rich.text import Text

    money = report.currency
    stages = report.stages
    largest = max((s.reached for s in stages), default=0)
    width = min(MAX_BAR, max(10, console().width - 70))
    labels = [safe(_label(s.key, s.name), newlines=False) for s in stages]
    label_width = max((cell_len(label) for label in labels), default=0)  # display cells: 已联系 is 6
    for stage, label in zip(stages, labels, strict=True):
        cells = bar_width(stage.reached, largest, width)
        left = (width - cells) // 2
        line = Text()
        line.append(label + " " * (label_width - cell_len(label) + 1))
        line.append(" " * left + BAR * cells + " " * (width - cells - left), style="cyan")
        conversion = words.percent(stage.conversion_to_next)
        line.append(
            "  " + _("{reached} reached · {count} open, weighted {weighted} · → {conversion}").format(
                reached=stage.reached, count=stage.count, weighted=format_money(stage.weighted, money),
                conversion=conversion,
            )
        )
        console().print(line, markup=False, highlight=False, soft_wrap=True)


def render_funnel(report: Any, now: Any) -> None:
    money = report.currency
    scope = words.scope_words(report.scope)
    if report.period:
        subtitle = _(words.FUNNEL_SUBTITLE_PERIOD).format(period=report.period, scope=scope,
                                                          days=report.sales_cycle_days)
    else:
        subtitle = _(words.FUNNEL_SUBTITLE_ALL).format(scope=scope, days=report.sales_cycle_days)
    message(_("{title}: {subtitle}").format(title=_(words.FUNNEL_TITLE), subtitle=subtitle))
    draw_bars(report)
    message("")
    rows = [
        SimpleNamespace(
            stage=_label(s.key, s.name), probability=f"{s.probability}%", count=s.count,
            amount=format_money(s.amount, money), weighted=format_money(s.weighted, money),
            stale=f"{s.stale_count} / {format_money(s.stale_amount, money)}" if s.stale_count else "",
            reached=s.reached, conversion=words.percent(s.conversion_to_next), avg_days=words.days(s.avg_days),
        )
        for s in report.stages
    ]
    columns_table(words.FUNNEL_COLUMNS, rows, now=now, title=_(words.FIGURES_TITLE))
    totals = report.totals
    message(_(words.TOTALS_LINE).format(
        amount=format_money(totals.amount, money), weighted=format_money(totals.weighted, money),
        stale=format_money(totals.stale_amount, money), stale_count=totals.stale_count,
    ))
    message(_(words.WIN_LINE).format(
        won=report.won.count, won_amount=format_money(report.won.amount, money), lost=report.lost.count,
        lost_amount=format_money(report.lost.amount, money), rate=words.percent(report.win_rate),
    ))
    message(_(words.CYCLE_LINE).format(won=words.days(report.avg_cycle_days),
                                       lost=words.days(report.avg_lost_cycle_days)))
    if not report.stale:
        message(_(words.NO_STALE))
        return
    stale = [
        SimpleNamespace(id=d.id, customer=d.customer, title=d.title, stage=_label(d.stage, d.stage_name),
                        amount="" if d.amount is None else format_money(d.amount, money),
                        days_in_stage=d.days_in_stage)
        for d in report.stale
    ]
    columns_table(words.STALE_COLUMNS, stale, now=now, title=_(words.STALE_TITLE))
    more = report.totals.stale_count - len(report.stale)
    if more > 0:
        from salescli.core.i18n import ngettext

        message(ngettext("… and {n} more stale deal (--limit N lists more).",
                         "… and {n} more stale deals (--limit N lists more).", more).format(n=more))
