"""`salescli deal payment ...`: a won deal's instalments and what is still to collect."""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, complete_customer, complete_deal, open_ctx
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

DealArg = Annotated[str, typer.Argument(help=_("Deal id (12 or #12)."), metavar="DEAL", autocompletion=complete_deal)]


@app.command("add", help=_("Schedule one payment (instalment) of a won deal."))
def add(
    deal: DealArg,
    amount: Annotated[
        str, typer.Option("--amount", help=_("Amount: 12000, 12,000.50, 1.2万."), metavar="N")
    ],
    due: Annotated[str, typer.Option("--due", help=_("When it is due: 2026-12-31, +30d, fri."), metavar="WHEN")],
    note: Annotated[str | None, typer.Option("--note", help=_("A note on this payment."), metavar="TEXT")] = None,
    json: JsonOption = False,
) -> None:
    from salescli.present.formatting import format_day, format_money
    from salescli.services.payments import PaymentInput, add_payment
    from salescli.terminal.render import message, print_json

    result = add_payment(open_ctx(), PaymentInput(deal=deal, amount=amount, due=due, note=note))
    if json:
        print_json(result)
        return
    payment = result.payment
    message(
        _("Scheduled payment #{id} of {amount} on deal #{deal} {title}, due {due}; {left} left to schedule.").format(
            id=payment.id, amount=format_money(payment.amount, payment.currency), deal=payment.deal_id,
            title=payment.deal_title, due=format_day(payment.due_on),
            left=format_money(result.still_open, payment.currency),
        )
    )


@app.command("paid", help=_("Record a payment as paid (today, or the day given)."))
def paid(
    payment: Annotated[str, typer.Argument(help=_("Payment id (12 or #12)."), metavar="PAYMENT_ID")],
    on: Annotated[
        str | None, typer.Option("--on", help=_("The day it was paid (default: today)."), metavar="WHEN")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.present.formatting import format_day, format_money
    from salescli.services.payments import mark_paid
    from salescli.terminal.render import message, print_json

    view = mark_paid(open_ctx(), payment, on)
    if json:
        print_json(view)
        return
    message(
        _("Payment #{id} of {amount} on deal #{deal} {title} paid on {day}.").format(
            id=view.id, amount=format_money(view.amount, view.currency), deal=view.deal_id, title=view.deal_title,
            day=format_day(view.paid_on),
        )
    )


@app.command("list", help=_("Your payments still to collect, or one deal's or customer's, with the receivable."))
def list_(
    deal: Annotated[str | None, typer.Argument(help=_("Only this deal's payments (paid ones too)."), metavar="DEAL",
                                               autocompletion=complete_deal)] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=_("Only open payments past their due day."))] = False,
    customer: Annotated[
        str | None, typer.Option("--customer", help=_("Only this customer's payments."), metavar="CUSTOMER",
                                 autocompletion=complete_customer)
    ] = None,
    everyone: Annotated[bool, typer.Option("--all", help=_("Every rep's payments, not only yours."))] = False,
    paid: Annotated[bool, typer.Option("--paid", help=_("Also the payments already paid."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.payments import list_payments

    ctx = open_ctx()
    result = list_payments(ctx, deal, overdue=overdue, customer=customer, everyone=everyone, paid=paid)
    if json:
        from salescli.terminal.render import print_json

        print_json(result.payments)  # a listing is an array (docs/json.md); the totals are for the table
        return
    render_payments(result, ctx.now())


def render_payments(result: Any, now: Any) -> None:
    from salescli.present.formatting import format_money
    from salescli.present.payments import PAYMENT_COLUMNS, RECEIVABLE_LINE
    from salescli.terminal.render import columns_table, message

    if not result.payments:
        message(_("No payments."))
        return
    columns_table(PAYMENT_COLUMNS, result.payments, now=now)
    total = result.receivable
    message(_(RECEIVABLE_LINE).format(**{key: format_money(getattr(total, key), total.currency)
                                         for key in ("scheduled", "paid", "open", "overdue")}))
