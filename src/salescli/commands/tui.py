"""`salescli tui`: the full-screen dashboard (docs/dashboard.md).

Textual is imported here, inside the command, never at the top: `salescli --help` and
every other command stay free of its import (tests/test_startup.py).
"""


import typer

from salescli.core.i18n import _


def tui() -> None:
    import sys

    from salescli.core.errors import BadInputError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BadInputError("tui.no_terminal")
    from salescli.tui.app import create_app

    app = create_app()
    # A store that cannot be opened, or an unknown user, is said before the screen takes over.
    app.backend.ctx.user_id  # noqa: B018
    app.run()
    if app.return_code:
        raise typer.Exit(app.return_code)


def register(app: typer.Typer) -> None:
    app.command("tui", help=_("The full-screen dashboard: agenda, forgotten customers, targets, pool, plan."))(tui)
