"""`salescli db path|upgrade|info`."""

from __future__ import annotations

import typer

from salescli.commands._common import JsonOption
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command("path", help=_("Print where the store is (a file path or a database URL)."))
def path() -> None:
    from salescli.core.config import load
    from salescli.services.store_admin import store_location

    typer.echo(store_location(load()))


@app.command("upgrade", help=_("Create the store or bring its schema up to date (normally automatic)."))
def upgrade() -> None:
    from salescli.core.config import load
    from salescli.services.store_admin import upgrade_store
    from salescli.terminal.render import message

    where, revision = upgrade_store(load())
    message(_("The store {where} is at schema {revision}.").format(where=where, revision=revision))


@app.command("info", help=_("The store's location, schema version and record counts."))
def info(json: JsonOption = False) -> None:
    from salescli.commands._common import open_ctx
    from salescli.services.store_admin import INFO_LABELS, store_info
    from salescli.terminal.render import print_json, table

    data = store_info(open_ctx())
    if json:
        print_json(data)
        return
    table([_("Item"), _("Value")], [(_(INFO_LABELS[k]), v) for k, v in data.items()])
