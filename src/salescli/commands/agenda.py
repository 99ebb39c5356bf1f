"""`salescli agenda` and `salescli forgotten`."""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _


def agenda(
    date: Annotated[
        str | None, typer.Option("--date", help=_("The day to show (default: today)."), metavar="WHEN")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.agenda import build_agenda

    data = build_agenda(open_ctx(), date)
    if json:
        from salescli.terminal.render import print_json

        print_json(data)
        return
    render_agenda(data)


def render_agenda(data: Any) -> None:
    """Each section in the agenda's order, by its columns (present/agenda.py); empty ones left out."""
    from salescli.present.agenda import COLUMNS, TITLES
    from salescli.present.formatting import format_day
    from salescli.terminal.render import columns_table, console, message, styled

    console().print(styled(_("Agenda for {user}, {day}").format(user=data.user, day=format_day(data.date)), "bold"))
    shown = 0
    for section in data.sections:
        if not section.items:
            continue
        shown += 1
        console().print()
        title = f"{_(TITLES[section.key])} ({len(section.items)})"
        # Phrases ("3 days overdue", "12 days ago") count from the agenda's instant, not the clock's.
        columns_table(COLUMNS[section.key], section.items, now=data.at, title=title)
    if not shown:
        message(_("Nothing on the agenda. Log a follow-up with --next to plan one."))


def forgotten(
    days: Annotated[
        int | None,
        typer.Option("--days", min=1, max=3650,
                     help=_("Days without contact (default: by grade, as set by forgotten.a_days, b_days, c_days)."),
                     metavar="N"),
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.present.agenda import FORGOTTEN_COLUMNS
    from salescli.services.agenda import forgotten as find_forgotten
    from salescli.terminal.render import columns_table, message, print_json

    ctx = open_ctx()
    rows = find_forgotten(ctx, days)
    if json:
        print_json(rows)
        return
    if not rows:
        message(_("No forgotten customers. Well kept!"))
        return
    columns_table(FORGOTTEN_COLUMNS, rows, now=ctx.now())


def register(app: typer.Typer) -> None:
    app.command("agenda", help=_("Today's agenda: overdue and due tasks, birthdays, forgotten customers."))(agenda)
    app.command("forgotten", help=_("Your customers with no follow-up for too long, most overdue first."))(forgotten)
