"""`salescli report ...`: the pipeline's funnel, forecast and lost reasons.

A period (`--period`) selects the cohort of deals created in it; see services/reports.py.
"""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help=_("Only deals created in this period: 2026, 2026-Q4, 2026-11, 2026-W47 or "
                                     "2026-10-01..2026-11-30."), metavar="PERIOD"),
]
UserOption = Annotated[str | None, typer.Option("--user", help=_("Another rep's deals."), metavar="HANDLE")]
TeamOption = Annotated[bool, typer.Option("--team", help=_("Every rep's deals."))]


@app.command("funnel", help=_("Deals per stage with amounts, weighted forecast, conversion, win rate and "
                              "cycle; stale deals listed."))
def funnel(
    period: PeriodOption = None, user: UserOption = None, team: TeamOption = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1_000_000, metavar="N",
                          help=_("List at most N stale deals, longest unmoved first (default 50)."))
    ] = 50,
    json: JsonOption = False,
) -> None:
    from salescli.services.reports import funnel_report

    ctx = open_ctx()
    report = funnel_report(ctx, period=period, user=user, team=team, limit=limit)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.terminal.funnel import render_funnel

    render_funnel(report, ctx.now())


@app.command("forecast", help=_("Weighted amount of open deals by expected close month."))
def forecast(
    months: Annotated[
        int, typer.Option("--months", min=1, max=24, help=_("How many months ahead, 1 to 24."), metavar="N")
    ] = 3,
    user: UserOption = None, team: TeamOption = False, json: JsonOption = False,
) -> None:
    from salescli.services.reports import forecast_report

    ctx = open_ctx()
    report = forecast_report(ctx, months=months, user=user, team=team)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    _render_forecast(report, ctx.now())


def _render_forecast(report: Any, now: Any) -> None:
    from types import SimpleNamespace

    from salescli.present import reports as words
    from salescli.present.formatting import format_money
    from salescli.terminal.render import columns_table

    money = report.currency
    rows = [
        SimpleNamespace(month=words.bucket_label(r.bucket), deals=r.deals, amount=format_money(r.amount, money),
                        weighted=format_money(r.weighted, money))
        for r in [*report.rows, report.totals]
    ]
    columns_table(words.FORECAST_COLUMNS, rows, now=now,
                  title=_(words.FORECAST_TITLE).format(scope=words.scope_words(report.scope)))


@app.command("lost", help=_("Why deals were lost, most frequent reason first."))
def lost(period: PeriodOption = None, user: UserOption = None, team: TeamOption = False,
         json: JsonOption = False) -> None:
    from salescli.services.reports import lost_report

    ctx = open_ctx()
    report = lost_report(ctx, period=period, user=user, team=team)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    _render_lost(report, ctx.now())


def _render_lost(report: Any, now: Any) -> None:
    from types import SimpleNamespace

    from salescli.present import reports as words
    from salescli.present.formatting import format_money
    from salescli.terminal.render import columns_table, message

    if not report.reasons:
        message(_(words.NO_LOST))
        return
    scope = words.scope_words(report.scope)
    title = (_(words.LOST_TITLE_PERIOD).format(period=report.period, scope=scope) if report.period
             else _(words.LOST_TITLE).format(scope=scope))
    rows = [
        SimpleNamespace(reason=r.reason if r.reason is not None else _(words.NO_REASON), deals=r.deals,
                        amount=format_money(r.amount, report.currency), share=words.percent(r.share))
        for r in report.reasons
    ]
    columns_table(words.LOST_COLUMNS, rows, now=now, title=title)
