"""`salescli customer history`: who had a customer and what was done, in one list
(docs/ownership.md "Where the history is shown"). Mounted on the `customer` group by
commands/customer.py."""



import typer

from salescli.commands._common import CustomerRef, JsonOption, open_ctx
from salescli.core.i18n import _

RefArg = CustomerRef


def history(ref: RefArg, json: JsonOption = False) -> None:
    from salescli.services.history import customer_history

    ctx = open_ctx()
    found = customer_history(ctx, ref)
    if json:
        from salescli.terminal.render import print_json

        print_json(found)
        return
    from salescli.present.history import HISTORY_COLUMNS, history_rows
    from salescli.terminal.render import console, message, styled, table

    owner = _("owner {owner}").format(owner=found.owner) if found.owner else _("in the pool")
    console().print(styled(f"#{found.id} {found.name}  ({owner})", "bold"))
    if not found.entries:
        message(_("Nothing recorded yet."))
        return
    table([(_(header), options) for header, options in HISTORY_COLUMNS], history_rows(found.entries))


def register(app: typer.Typer) -> None:
    app.command("history", help=_("A customer's changes of owner and follow-ups, oldest first."))(history)
