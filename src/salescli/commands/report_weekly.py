"""`salescli report weekly`: a ready-to-send weekly report in Markdown
(docs/weekly-report.md)."""

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _


def register(app: Any) -> None:
    """Attach `weekly` to the `report` group."""
    app.command("weekly", help=_("A ready-to-send weekly report in Markdown: done, numbers, next week, help "
                                 "needed."))(weekly)


def weekly(
    week: Annotated[
        str | None,
        typer.Option("--week", metavar="WHEN",
                     help=_("The week to report: 2026-W48 or a day in it (default: this week).")),
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", metavar="FILE", help=_("Write the report to FILE instead of printing it."))
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.weekly import weekly_report

    ctx = open_ctx()
    report = weekly_report(ctx, week=week)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.present.weekly import markdown
    from salescli.terminal.render import safe

    # Data from the store is shown, never obeyed: control characters become visible escapes.
    text = safe(markdown(report))
    if out is not None and out != "-":
        from salescli.services.weekly import write_report
        from salescli.terminal.render import message

        write_report(out, text)
        message(_("Weekly report written to {path}.").format(path=out))
        return
    import sys

    sys.stdout.write(text)
    sys.stdout.flush()
