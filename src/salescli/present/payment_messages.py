"""The sentences of the payment errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_
from salescli.present.formatting import format_money
from salescli.present.labels import DEAL_STATUSES, label
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "payment.bad_payment_id": N_("{ref!r} is not a payment id (a number such as 12 or #12)."),
    "payment.no_such_payment": N_("There is no payment #{id}."),
    "payment.deal_not_won": N_("Deal #{id} {title} is {status}; payments are scheduled on won deals."),
    "payment.over_open": N_(
        "A payment larger than what is still open: deal #{id} {title} has {open} left to schedule"
        " (of {deal_amount}), not {amount}."
    ),
    "payment.overdue_already": N_("Payment #{id} was due on {due_on}: it is overdue already."),
    "payment.paid_in_future": N_("A payment cannot be paid on {paid_on}, a day after today."),
    "payment.already_paid": N_("Payment #{id} is already paid (on {paid_on})."),
}


@prepares("payment.deal_not_won")
def _not_won(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"status": label(DEAL_STATUSES, p.get("status"))}


@prepares("payment.over_open")
def _over_open(template: str, p: dict[str, Any]) -> Prepared:
    currency = p.get("currency") or "CNY"
    return template, p | {key: format_money(p[key], currency) for key in ("open", "deal_amount", "amount")}


CLI_WORDING: dict[str, str] = {
    "payment.paid_in_future": N_(
        "A payment cannot be paid on {paid_on}, a day after today; give --on today or earlier."
    ),
}
