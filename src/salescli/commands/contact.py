"""`salescli contact ...`"""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, complete_customer, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

Title = Annotated[str | None, typer.Option("--title", help=_("Job title."))]
Phone = Annotated[str | None, typer.Option("--phone", help=_("Phone number."))]
Email = Annotated[str | None, typer.Option("--email", help=_("Email address."))]
Wechat = Annotated[str | None, typer.Option("--wechat", help=_("WeChat id."))]
Birthday = Annotated[
    str | None, typer.Option("--birthday", help=_("Birthday: 1985-03-14, or 03-14 without the year."))
]


@app.command("add", help=_("Add a contact person to a customer."))
def add(
    customer: Annotated[
        str, typer.Argument(help=_("Customer id or name."), metavar="CUSTOMER", autocompletion=complete_customer)
    ],
    name: Annotated[str, typer.Argument(help=_("The contact's name."), metavar="NAME")],
    title: Title = None,
    phone: Phone = None,
    email: Email = None,
    wechat: Wechat = None,
    birthday: Birthday = None,
    primary: Annotated[bool, typer.Option("--primary", help=_("Make this the primary contact."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.contacts import ContactInput, add_contact
    from salescli.terminal.render import message, print_json

    view = add_contact(
        open_ctx(), customer,
        ContactInput(name=name, title=title, phone=phone, email=email, wechat=wechat, birthday=birthday,
                     primary=True if primary else None),
    )
    if json:
        print_json(view)
        return
    message(_("Added contact #{id} {name} at {customer}.").format(id=view.id, name=view.name,
                                                               customer=view.customer))


@app.command("list", help=_("Contacts of one customer, or of all your customers."))
def list_(
    customer: Annotated[
        str | None,
        typer.Argument(help=_("Customer id or name (default: all of yours)."), metavar="[CUSTOMER]",
                       autocompletion=complete_customer),
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.contacts import list_contacts

    rows = list_contacts(open_ctx(), customer)
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)
        return
    _render(rows)


def _render(rows: list[Any]) -> None:
    from salescli.terminal.render import message, table

    if not rows:
        message(_("No contacts yet."))
        return
    table(
        # Names wrap; numbers and addresses stay whole. On a narrow terminal the title,
        # email, WeChat and birthday give way, in that order (terminal/render.py `table`).
        [(_("ID"), {"justify": "right", "whole": True}), (_("Customer"), {"ratio": 2}), _("Contact"),
         (_("Job title"), {"drop": 4}), (_("Phone"), {"whole": True}), (_("Email"), {"whole": True, "drop": 3}),
         (_("WeChat"), {"whole": True, "drop": 2}), (_("Birthday"), {"whole": True, "drop": 1})],
        [
            (r.id, r.customer, r.name + (" *" if r.primary else ""), r.title, r.phone,
             r.email, r.wechat, r.birthday)
            for r in rows
        ],
    )


@app.command("edit", help=_("Change a contact; an empty value ('') clears a field."))
def edit(
    ref: Annotated[str, typer.Argument(help=_("Contact id, or name with --customer."), metavar="CONTACT")],
    customer: Annotated[
        str | None,
        typer.Option("--customer", help=_("Look the contact up by name at this customer."),
                     autocompletion=complete_customer),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=_("New name."))] = None,
    title: Title = None,
    phone: Phone = None,
    email: Email = None,
    wechat: Wechat = None,
    birthday: Birthday = None,
    primary: Annotated[
        bool | None, typer.Option("--primary/--not-primary", help=_("Make this the primary contact or not."))
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.contacts import ContactInput, edit_contact
    from salescli.terminal.render import message, print_json

    view = edit_contact(
        open_ctx(), ref,
        ContactInput(name=name, title=title, phone=phone, email=email, wechat=wechat, birthday=birthday,
                     primary=primary),
        customer_ref=customer,
    )
    if json:
        print_json(view)
        return
    message(_("Updated contact #{id} {name} at {customer}.").format(id=view.id, name=view.name,
                                                                 customer=view.customer))
