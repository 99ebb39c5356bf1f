"""`salescli user ...`: the people of a store and their roles (admins only change them)."""


from typing import Annotated

import typer

from salescli.commands._common import ROLE_CODES, JsonOption, choices, coded, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

HandleArg = Annotated[str, typer.Argument(help=_("The user's handle, e.g. alice."), metavar="HANDLE")]
RoleOpt = Annotated[
    str, typer.Option("--role", help=_("rep, manager or admin."), metavar="rep|manager|admin",
                      autocompletion=choices(ROLE_CODES), callback=coded("ROLES"))
]


@app.command("add", help=_("Add a rep (or manager, admin) to this store."))
def add(
    handle: Annotated[str, typer.Argument(help=_("Short login-like name, e.g. alice."), metavar="HANDLE")],
    name: Annotated[str | None, typer.Option("--name", help=_("Display name, e.g. 王芳."))] = None,
    role: RoleOpt = "rep",
    json: JsonOption = False,
) -> None:
    from salescli.services.users import add_user
    from salescli.terminal.render import message, print_json

    view = add_user(open_ctx(), handle, name, role)
    if json:
        print_json(view)
        return
    message(_("Added user {handle} ({name}).").format(handle=view.handle, name=view.name))


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
            (r.handle + (" *" if r.handle == ctx.handle else ""), r.name, label(ROLES, r.role),
             _("yes") if r.active else _("no"), r.customers)
            for r in rows
        ],
    )


@app.command("role", help=_("Change a user's role (admins only)."))
def role(
    handle: HandleArg,
    new_role: Annotated[
        str, typer.Argument(help=_("rep, manager or admin."), metavar="ROLE", autocompletion=choices(ROLE_CODES),
                            callback=coded("ROLES"))
    ],
    json: JsonOption = False,
) -> None:
    from salescli.present.labels import ROLES, label
    from salescli.services.users import set_role
    from salescli.terminal.render import message, print_json

    view = set_role(open_ctx(), handle, new_role)
    if json:
        print_json(view)
        return
    message(_("{handle} is now {role}.").format(handle=view.handle, role=label(ROLES, view.role)))


@app.command("deactivate", help=_("Stop a user from using this store; their customers go to a colleague or the pool."))
def deactivate(
    handle: HandleArg,
    handover_to: Annotated[
        str | None,
        typer.Option("--handover-to", help=_("Give their customers and open tasks to this user."), metavar="HANDLE"),
    ] = None,
    release: Annotated[
        bool, typer.Option("--release", help=_("Return their customers to the pool."))
    ] = False,
    json: JsonOption = False,
) -> None:
    from salescli.core.i18n import ngettext
    from salescli.services.users import deactivate_user
    from salescli.terminal.render import message, print_json

    done = deactivate_user(open_ctx(), handle, handover_to=handover_to, release=release)
    if json:
        print_json(done)
        return
    message(_("Deactivated {handle}.").format(handle=done.user.handle))
    if done.handed_over_to:
        message(
            ngettext("Handed {n} customer over to {heir}.", "Handed {n} customers over to {heir}.",
                     done.customers_moved).format(n=done.customers_moved, heir=done.handed_over_to)
        )
    if done.released:
        message(ngettext("Released {n} customer to the pool.", "Released {n} customers to the pool.",
                         done.released).format(n=done.released))


@app.command("activate", help=_("Let a deactivated user use this store again."))
def activate(handle: HandleArg, json: JsonOption = False) -> None:
    from salescli.services.users import activate_user
    from salescli.terminal.render import message, print_json

    view = activate_user(open_ctx(), handle)
    if json:
        print_json(view)
        return
    message(_("Reactivated {handle}.").format(handle=view.handle))
