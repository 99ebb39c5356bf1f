"""`salescli db path|init|upgrade|info`."""


import typer

from salescli.commands._common import JsonOption
from salescli.core.i18n import N_, _

app = typer.Typer(no_args_is_help=True)

INFO_LABELS = {
    "where": N_("Location"), "dialect": N_("Database"), "schema": N_("Schema"), "users": N_("Users"),
    "customers": N_("Customers"), "pool_customers": N_("In the pool"), "contacts": N_("Contacts"),
    "follow_ups": N_("Follow-ups"), "open_tasks": N_("Open tasks"),
}


@app.command("path", help=_("Print where the store is (a file path or a database URL)."))
def path() -> None:
    from salescli.core.config import load
    from salescli.services.store_admin import store_location
    from salescli.terminal.render import safe

    typer.echo(safe(store_location(load())))


@app.command("init", help=_("Create the store where SALESCLI_DB, --db or store.url names it."))
def init() -> None:
    from salescli.core.config import load
    from salescli.core.errors import Notice
    from salescli.services.store_admin import init_store
    from salescli.terminal.render import message, notice

    done = init_store(load())
    if done.created:
        notice(Notice("store.created", where=done.where))
        message(_("The store {where} is at schema {revision}.").format(where=done.where, revision=done.schema))
    else:
        message(_("The store {where} already exists and is at schema {revision}.").format(
            where=done.where, revision=done.schema))


@app.command("upgrade", help=_("Bring the store's schema up to date (normally automatic)."))
def upgrade() -> None:
    from salescli.core.config import load
    from salescli.services.store_admin import upgrade_store
    from salescli.terminal.render import message

    done = upgrade_store(load())
    message(_("The store {where} is at schema {revision}.").format(where=done.where, revision=done.schema))


@app.command("info", help=_("The store's location, schema version and record counts."))
def info(json: JsonOption = False) -> None:
    from salescli.commands._common import open_ctx
    from salescli.services.store_admin import store_info
    from salescli.terminal.render import print_json, table

    data = store_info(open_ctx())
    if json:
        print_json(data)
        return
    table([_("Item"), _("Value")], [(_(INFO_LABELS[k]), v) for k, v in data.to_json().items()])
