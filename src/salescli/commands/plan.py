"""`salescli plan week`: the week's calls and visits, scored, placed on days within the
capacity, grouped by city; exported to iCalendar or committed as tasks (docs/plan.md)."""

from typing import Annotated

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command("week", help=_("Plan the week's calls and visits from tasks, warnings, deals and payments."))
def week(
    start: Annotated[str | None, typer.Option(
        "--start", metavar="WHEN",
        help=_("First day: a date (2026-11-30, mon, +1w) or an ISO week (2026-W49). Default today."))] = None,
    calls_per_day: Annotated[int | None, typer.Option(
        "--calls-per-day", min=1, max=200, metavar="N",
        help=_("Calls a day for this plan (default: the team rule)."))] = None,
    visits_per_day: Annotated[int | None, typer.Option(
        "--visits-per-day", min=1, max=50, metavar="N",
        help=_("Visits a day for this plan (default: the team rule)."))] = None,
    weekends: Annotated[bool, typer.Option("--weekends", help=_("Plan Saturday and Sunday too."))] = False,
    ics: Annotated[str | None, typer.Option(
        "--ics", metavar="FILE", help=_("Also write the plan as an iCalendar file."))] = None,
    commit: Annotated[bool, typer.Option("--commit", help=_("Record the plan as tasks."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.plan import build_week_plan

    calendar = None
    if ics:
        from salescli.services.plan_calendar import open_calendar

        calendar = open_calendar(ics)  # an unwritable path is refused before any work
    try:
        ctx = open_ctx()
        plan = build_week_plan(ctx, start=start, calls_per_day=calls_per_day, visits_per_day=visits_per_day,
                               weekends=True if weekends else None)
    except BaseException:
        if calendar is not None:
            calendar.discard()
        raise
    from salescli.present import plan as words

    if calendar is not None:
        from salescli.services.plan_calendar import write_calendar

        write_calendar(calendar, plan, ctx.now(), summary=words.event_summary, description=words.event_description)
    if commit:
        from salescli.services.plan import commit_week_plan

        commit_week_plan(ctx, plan, describe=words.task_text)
    if json:
        from salescli.terminal.render import print_json

        print_json(plan)
        return
    from salescli.terminal.plan import render_week_plan

    render_week_plan(plan, ctx.now(), ics=ics)
