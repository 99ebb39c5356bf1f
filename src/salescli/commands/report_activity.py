"""`salescli report activity` and `salescli report abc` (docs/reports.md).

Thin: parse, call services/activity.py or services/abc.py, render with
terminal/activity.py or print JSON. The trend chart is computed only when it will be
drawn: stdout a terminal and no --json.
"""

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _

WHEN = "WHEN"
DayOption = Annotated[str | None, typer.Option("--day", metavar=WHEN,
                                               help=_("That day: a date such as 2026-11-23, today or mon."))]
WeekOption = Annotated[str | None, typer.Option("--week", metavar=WHEN,
                                                help=_("The week 2026-W48, or the one holding a date (default: "
                                                       "this week)."))]
MonthOption = Annotated[str | None, typer.Option("--month", metavar=WHEN,
                                                 help=_("The month 2026-11, or the one holding a date."))]
UserOption = Annotated[str | None, typer.Option("--user", help=_("Another rep's work."), metavar="HANDLE")]
TeamOption = Annotated[bool, typer.Option("--team", help=_("Every rep, one row each, and the total."))]


def activity(day: DayOption = None, week: WeekOption = None, month: MonthOption = None, user: UserOption = None,
             team: TeamOption = False, json: JsonOption = False) -> None:
    from salescli.services.activity import activity_report
    from salescli.terminal.render import console

    for option, kind, value in (("--day", "day", day), ("--week", "week", week), ("--month", "month", month)):
        if value is not None and value.startswith("--"):  # another option taken for the value (`-1w` is a date)
            from salescli.core.errors import BadInputError

            raise BadInputError("activity.when_missing", option=option, kind=kind, value=value)
    ctx = open_ctx()
    chart = not json and console().is_terminal
    report = activity_report(ctx, day=day, week=week, month=month, user=user, team=team, trend=chart)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.terminal.activity import render_activity

    render_activity(report, ctx.now())


def abc(
    period: Annotated[
        str | None,
        typer.Option("--period", metavar="PERIOD",
                     help=_("Deals won in this period: 2026, 2026-Q4, 2026-11, 2026-W47 or 2026-10-01..2026-11-30 "
                            "(default: the last 365 days).")),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help=_("Another rep's deals."), metavar="HANDLE")] = None,
    team: Annotated[bool, typer.Option("--team", help=_("Every rep's deals."))] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, max=1_000_000, metavar="N",
                                 help=_("List at most N customers (the class summary counts them all)."))
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.abc import abc_report

    ctx = open_ctx()
    report = abc_report(ctx, period=period, user=user, team=team, limit=limit)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.terminal.activity import render_abc

    render_abc(report, ctx.now())


def register(app: Any) -> None:
    """Attach `activity` and `abc` to the `report` group."""
    app.command("activity", help=_("Work logged in a day, week or month: new customers, contacts and deals, stage "
                                   "advances, follow-ups, visits, payments, wins; against the previous period, "
                                   "with an 8-week trend."))(activity)
    app.command("abc", help=_("ABC analysis: customers by won amount, A the top 80%, B the next 15%, C the "
                              "rest."))(abc)
