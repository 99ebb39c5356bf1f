"""`salescli customer assign|transfer` and `salescli handover`: a manager moving customers
between reps (docs/ownership.md)."""


from typing import Annotated

import typer

from salescli.commands._common import CustomerRef, JsonOption, open_ctx
from salescli.core.i18n import _

RefArg = CustomerRef
ToOpt = Annotated[str, typer.Option("--to", help=_("The rep who gets the customer."), metavar="USER")]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", help=_("Why; kept in the customer's ownership history."), metavar="TEXT")
]


def assign(ref: RefArg, to: ToOpt, reason: ReasonOpt = None, json: JsonOption = False) -> None:
    from salescli.services.transfers import assign_customer

    _show(assign_customer(open_ctx(), ref, to, reason=reason), json)


def transfer(ref: RefArg, to: ToOpt, reason: ReasonOpt = None, json: JsonOption = False) -> None:
    from salescli.services.transfers import transfer_customer

    _show(transfer_customer(open_ctx(), ref, to, reason=reason), json)


def _show(done, json: bool) -> None:  # noqa: ANN001 - a services.transfers.Transferred
    from salescli.terminal.render import message, print_json

    if json:
        print_json(done)
        return
    words = {"name": done.name, "id": done.id, "old": done.from_user, "new": done.to_user}
    if done.kind == "assign":
        message(_("Assigned {name} (#{id}) from the pool to {new}.").format(**words))
    else:
        message(_("Transferred {name} (#{id}) from {old} to {new}.").format(**words))


def handover(
    from_: Annotated[str, typer.Option("--from", help=_("The rep whose customers move."), metavar="USER")],
    to: Annotated[str, typer.Option("--to", help=_("The rep who gets them."), metavar="USER")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Only list what would move; change nothing."))
    ] = False,
    json: JsonOption = False,
) -> None:
    from salescli.core.i18n import ngettext
    from salescli.present.transfer_messages import HANDOVER_COLUMNS
    from salescli.services.transfers import handover as hand_over
    from salescli.terminal.render import columns_table, message, print_json

    ctx = open_ctx()
    done = hand_over(ctx, from_, to, dry_run=dry_run)
    if json:
        print_json(done)
        return
    if done.nothing:
        message(_("{old} has nothing to hand over: no customers, open deals or open tasks.").format(
            old=done.from_user))
        return
    words = {
        "customers": ngettext("{n} customer", "{n} customers", done.customers_moved).format(n=done.customers_moved),
        "deals": ngettext("{n} open deal", "{n} open deals", done.deals_moved).format(n=done.deals_moved),
        "tasks": ngettext("{n} open task", "{n} open tasks", done.tasks_moved).format(n=done.tasks_moved),
        "old": done.from_user, "new": done.to_user,
    }
    if done.dry_run:
        message(_("Dry run: {customers}, {deals} and {tasks} would go from {old} to {new}; nothing was changed.")
                .format(**words))
    else:
        message(_("Handed {customers}, {deals} and {tasks} from {old} over to {new}.").format(**words))
    if done.customers:
        columns_table(HANDOVER_COLUMNS, done.customers, now=ctx.now())


def register(customer_app: typer.Typer, app: typer.Typer) -> None:
    """`customer assign`, `customer transfer`, and the top-level `handover`."""
    customer_app.command("assign", help=_("Give a pool customer to a rep (managers and admins)."))(assign)
    customer_app.command(
        "transfer", help=_("Move a customer, with its open deals and tasks, to another rep (managers and admins)."),
    )(transfer)
    app.command(
        "handover", help=_("Move every customer of one rep, with their open deals and tasks, to another."),
    )(handover)
