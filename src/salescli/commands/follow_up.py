"""`salescli log`, `salescli tasks`, `salescli done`: the daily verbs."""


from typing import Annotated, Any

import typer

from salescli.commands._common import KIND_CODES, JsonOption, choices, coded, complete_customer, open_ctx
from salescli.core.i18n import _


def log(
    customer: Annotated[
        str, typer.Argument(help=_("Customer id or name."), metavar="CUSTOMER", autocompletion=complete_customer)
    ],
    summary: Annotated[str, typer.Argument(help=_("What happened."), metavar="SUMMARY")],
    kind: Annotated[
        str, typer.Option("--kind", help=_("Kind of contact."), metavar="call|visit|email|meeting|message|note",
                          autocompletion=choices(KIND_CODES), callback=coded("KINDS"))
    ] = "call",
    contact: Annotated[str | None, typer.Option("--contact", help=_("Who you spoke to."), metavar="NAME")] = None,
    at: Annotated[
        str | None, typer.Option("--at", help=_("When it happened (default: now)."), metavar="WHEN")
    ] = None,
    location: Annotated[str | None, typer.Option("--location", help=_("Where (for visits)."))] = None,
    next_: Annotated[
        str | None, typer.Option("--next", help=_("When to follow up next: fri, +3d, 2026-12-01."),
                                 metavar="WHEN")
    ] = None,
    next_action: Annotated[
        str | None, typer.Option("--next-action", help=_("What to do next time."), metavar="TEXT")
    ] = None,
    keep_open: Annotated[
        bool, typer.Option("--keep-open", help=_("Leave this customer's earlier open tasks open."))
    ] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.follow_ups import LogInput, log_follow_up
    from salescli.terminal.render import print_json

    data = LogInput(
        customer=customer, summary=summary, kind=kind, contact=contact, at=at, location=location, due=next_,
        next_action=next_action, keep_open=keep_open,
    )
    ctx = open_ctx()
    result = log_follow_up(ctx, data)
    if json:
        print_json(result)
        return
    _render_logged(result, ctx.now())


def _render_logged(result: Any, now: Any) -> None:
    from salescli.present.follow_ups import logged_lines
    from salescli.terminal.render import message

    for line in logged_lines(result, now):
        message(line)


def tasks(
    overdue: Annotated[bool, typer.Option("--overdue", help=_("Only tasks past their date."))] = False,
    user: Annotated[
        str | None, typer.Option("--user", help=_("Another rep's tasks."), metavar="HANDLE")
    ] = None,
    everyone: Annotated[bool, typer.Option("--everyone", help=_("Every rep's open tasks."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.follow_ups import open_tasks

    ctx = open_ctx()
    rows = open_tasks(ctx, overdue=overdue, user=user, everyone=everyone)
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)
        return
    render_tasks(rows, ctx.now(), show_assignee=everyone or bool(user),
                 empty=_("No overdue tasks.") if overdue else _("No open tasks."))


def render_tasks(rows: list[Any], now: Any, *, show_assignee: bool = False, empty: str) -> None:
    from salescli.present.agenda import ASSIGNEE_COLUMN, TASK_COLUMNS
    from salescli.terminal.render import columns_table, message

    if not rows:
        message(empty)
        return
    columns_table(TASK_COLUMNS + ((ASSIGNEE_COLUMN,) if show_assignee else ()), rows, now=now)


def done(
    task_id: Annotated[int, typer.Argument(min=1, help=_("Task number (see salescli tasks)."), metavar="TASK_ID")],
    note: Annotated[str | None, typer.Option("--note", help=_("How it went."), metavar="TEXT")] = None,
    kind: Annotated[
        str, typer.Option("--kind", help=_("How it was done (recorded as a follow-up)."),
                          metavar="call|visit|email|meeting|message|note", autocompletion=choices(KIND_CODES),
                          callback=coded("KINDS"))
    ] = "call",
    json: JsonOption = False,
) -> None:
    from salescli.present.follow_ups import done_lines
    from salescli.services.follow_ups import complete_task
    from salescli.terminal.render import message, print_json

    view = complete_task(open_ctx(), task_id, note, kind)
    if json:
        print_json(view)
        return
    for line in done_lines(view, kind):
        message(line)


def register(app: typer.Typer) -> None:
    app.command("log", help=_("Record a call, visit or other follow-up, and when to follow up next."))(log)
    app.command("tasks", help=_("Your open follow-up tasks, soonest first."))(tasks)
    app.command("done", help=_("Mark a task as done."))(done)
