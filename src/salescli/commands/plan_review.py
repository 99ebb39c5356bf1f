"""`salescli plan review`: a committed week plan against what was done that week
(docs/plan.md, "Plan versus actual")."""

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _


def register(app: Any) -> None:
    """Attach `review` to the `plan` group."""
    app.command("review", help=_("Which planned calls and visits were done, swapped or missed; visit and call "
                                 "rates."))(review)


def review(
    week: Annotated[
        str | None,
        typer.Option("--week", metavar="WHEN",
                     help=_("The week to review: 2026-W47 or a day in it (default: last week).")),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", metavar="HANDLE", help=_("Another rep's plan."))] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.plan_review import plan_review

    ctx = open_ctx()
    report = plan_review(ctx, week=week, user=user)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.terminal.plan_review import render_review

    render_review(report, ctx.now())
