"""`salescli agenda` and `salescli forgotten`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx, parse_day
from salescli.i18n import _


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
        from salescli.render import print_json

        print_json(data)
        return
    render_agenda(data, ctx)


def render_agenda(data: dict[str, Any], ctx: Any) -> None:
    """Each section in SPEC order; empty sections are left out of the table view."""
    from salescli.domain.agenda import SECTIONS
    from salescli.formatting import format_day
    from salescli.render import console, message, styled

    console().print(styled(_("Agenda for {user}, {day}").format(user=data["user"], day=format_day(data["date"])),
                           "bold"))
    shown = 0
    for section in data["sections"]:
        items = section["items"]
        if not items:
            continue
        shown += 1
        title = f"{_(SECTIONS[section['key']])} ({len(items)})"
        _RENDERERS[section["key"]](items, ctx, title)
    if not shown:
        message(_("Nothing on the agenda. Log a follow-up with --next to plan one."))


def _render_tasks(items: list[dict[str, Any]], ctx: Any, title: str) -> None:
    from salescli.commands.follow_up import render_tasks

    render_tasks(items, ctx, title=title)


def _render_birthdays(items: list[dict[str, Any]], ctx: Any, title: str) -> None:
    from salescli.formatting import format_short_day
    from salescli.i18n import ngettext
    from salescli.render import table

    def when(item: dict[str, Any]) -> str:
        if item["days_until"] == 0:
            return _("today")
        return ngettext("in {n} day", "in {n} days", item["days_until"]).format(n=item["days_until"])

    table(
        [_("Contact"), _("Customer"), _("Birthday"), _("When"), _("Turns")],
        [(i["contact"], i["customer"], format_short_day(i["on"]), when(i), i["turns"] or "") for i in items],
        title=title,
    )


def render_forgotten(items: list[dict[str, Any]], ctx: Any, title: str | None = None) -> None:
    from salescli.formatting import ago_phrase, days_phrase
    from salescli.render import styled, table

    table(
        [(_("ID"), {"justify": "right"}), _("Customer"), _("Grade"), _("City"), _("Last contact"), _("Overdue by")],
        [
            (i["customer_id"], i["customer"], i["grade"], i["city"],
             ago_phrase(i["last_contact_at"], ctx.now) if i["last_contact_at"] else _("never"),
             styled(days_phrase(max(i["days_overdue"], 0)), "red"))
            for i in items
        ],
        title=title,
    )


# One renderer per agenda section key; a feature adding a section adds its renderer here.
_RENDERERS = {
    "overdue_tasks": _render_tasks,
    "due_today": _render_tasks,
    "birthdays": _render_birthdays,
    "forgotten": render_forgotten,
}


def forgotten(
    days: Annotated[
        int | None,
        typer.Option("--days", min=1, help=_("Days without contact (default: by grade, A 14, B 30, C 90)."),
                     metavar="N"),
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.agenda import forgotten as find_forgotten

    ctx = open_ctx()
    rows = find_forgotten(ctx, days)
    if json:
        from salescli.render import print_json

        print_json(rows)
        return
    if not rows:
        from salescli.render import message

        message(_("No forgotten customers. Well kept!"))
        return
    render_forgotten(rows, ctx)


def register(app: typer.Typer) -> None:
    app.command("agenda", help=_("Today's agenda: overdue and due tasks, birthdays, forgotten customers."))(agenda)
    app.command("forgotten", help=_("Your customers with no follow-up for too long, most overdue first."))(forgotten)
