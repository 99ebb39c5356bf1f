"""`salescli user ...`"""

from __future__ import annotations

from typing import Annotated

import typer

from salescli.commands._common import ROLE_CODES, JsonOption, choices, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command("add", help=_("Add a rep (or manager, admin) to this store."))
def add(
    handle: Annotated[str, typer.Argument(help=_("Short login-like name, e.g. alice."), metavar="HANDLE")],
    name: Annotated[str | None, typer.Option("--name", help=_("Display name, e.g. 王芳."))] = None,
    role: Annotated[
        str, typer.Option("--role", help=_("rep, manager or admin."), metavar="rep|manager|admin",
                          autocompletion=choices(ROLE_CODES))
    ] = "rep",
    json: JsonOption = False,
) -> None:
    from salescli.services.users import add_user, check_new_user
    from salescli.terminal.render import message, print_json

    check_new_user(handle, role.strip().lower())  # bad input is refused before the store is opened
    view = add_user(open_ctx(), handle, name, role.strip().lower())
    if json:
        print_json(view)
        return
    message(_("Added user {handle} ({name}).").format(handle=view["handle"], name=view["name"]))


@app.command("list", help=_("Everyone in this store, with how many customers they own."))
def list_(json: JsonOption = False) -> None:
    from salescli.present.labels import ROLES, label
    from salescli.services.users import list_users
    from salescli.terminal.render import print_json, table

    ctx = open_ctx()
    rows = list_users(ctx)
    if json:
        print_json(rows)
        return
    table(
        [_("Handle"), _("Name"), _("Role"), _("Active"), (_("Customers"), {"justify": "right"})],
        [
            (r["handle"] + (" *" if r["handle"] == ctx.handle else ""), r["name"], label(ROLES, r["role"]),
             _("yes") if r["active"] else _("no"), r["customers"])
            for r in rows
        ],
    )
