"""`salescli agenda` and `salescli forgotten`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx, parse_day
from salescli.core.i18n import _


def agenda(
    date: Annotated[
        str | None, typer.Option("--date", help=_("The day to show (default: today)."), metavar="WHEN")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.agenda import build_agenda

    day = parse_day(date)
    ctx = open_ctx()
    data = build_agenda(ctx, day)
    if json:
        from salescli.terminal.render import print_json

        print_json(data)
        return
    render_agenda(data, ctx)


def render_agenda(data: dict[str, Any], ctx: Any) -> None:
    """Each section in SPEC order, by the columns its provider declared; empty ones left out."""
    from salescli.domain.agenda import SECTIONS
    from salescli.present.formatting import format_day
    from salescli.services.agenda import agenda_instant, section_columns
    from salescli.terminal.render import columns_table, console, message, styled

    console().print(styled(_("Agenda for {user}, {day}").format(user=data["user"], day=format_day(data["date"])),
                           "bold"))
    # Phrases ("3 days overdue", "12 days ago") count from the agenda's day, not the clock's.
    at = agenda_instant(ctx, data["date"])
    shown = 0
    for section in data["sections"]:
        items = section["items"]
        if not items:
            continue
        shown += 1
        console().print()
        title = f"{_(SECTIONS[section['key']])} ({len(items)})"
        columns_table(section_columns(section["key"]), items, now=at, title=title)
    if not shown:
        message(_("Nothing on the agenda. Log a follow-up with --next to plan one."))


def forgotten(
    days: Annotated[
        int | None,
        typer.Option("--days", min=1, help=_("Days without contact (default: by grade, A 14, B 30, C 90)."),
                     metavar="N"),
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.agenda import FORGOTTEN_COLUMNS
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
    columns_table(FORGOTTEN_COLUMNS, rows, now=ctx.now)


def register(app: typer.Typer) -> None:
    app.command("agenda", help=_("Today's agenda: overdue and due tasks, birthdays, forgotten customers."))(agenda)
    app.command("forgotten", help=_("Your customers with no follow-up for too long, most overdue first."))(forgotten)
