"""`salescli demo`: a realistic store to try everything on."""


from pathlib import Path
from typing import Annotated

import typer

from salescli.core.i18n import _


def demo(
    path: Annotated[
        Path | None, typer.Option("--path", help=_("Where to build it (default: demo.db in the data folder)."))
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=_("Replace an existing file at --path, or a default demo store that was written to."),
    )] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help=_("Build it without showing the agenda."))] = False,
) -> None:
    from salescli.commands.agenda import render_agenda
    from salescli.core.paths import default_demo_path
    from salescli.services.agenda import build_agenda
    from salescli.services.demo import build_demo
    from salescli.terminal.render import message

    target = (path or default_demo_path()).expanduser().resolve()
    # The default demo is rebuilt each time, unless a rep has written to it since.
    summary = build_demo(target, replace=force, rebuild=path is None)
    message(
        _("Built a demo store at {path}: {users} reps, {customers} customers, {follow_ups} follow-ups,"
          " {deals} deals.").format(
            path=target, users=summary.users, customers=summary.customers, follow_ups=summary.follow_ups,
            deals=summary.deals,
        )
    )
    if not quiet:
        from salescli.core.paths import url_for
        from salescli.services.context import open_context

        render_agenda(build_agenda(open_context(url=url_for(str(target)), adopt_file_rules=False)))
    message(_("Use it: export SALESCLI_DB={path}   (or add --db {path} to any command)").format(path=target))


def register(app: typer.Typer) -> None:
    app.command("demo", help=_("Build a demo store with reps, customers and history, and show its agenda."))(demo)
