"""Payments: the instalments of a won deal, and the receivables they add up to
(docs/pipeline.md).

A payment is open while `paid_on` is empty, overdue when open and due before the rep's
day. The receivable of a deal is its open payments' total; of a customer, over its deals.
`deal_payments` and `receivable` are what `deal show` and the customer card call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from salescli.core import clock
from salescli.core.errors import BadInputError, NotFoundError, Notice, RefusedError
from salescli.domain.ids import storable, typed_id
from salescli.domain.pipeline import WON, from_cents
from salescli.services.access import actor, require_owner
from salescli.services.context import Context
from salescli.services.deals import load_deal, parse_amount
from salescli.services.input import clean_text
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store.engine import Session
from salescli.store.queries import payments as queries

ZERO = Decimal("0.00")


@record
class PaymentView(Record):
    id: int
    deal_id: int
    deal_title: str
    customer_id: int
    customer: str
    amount: Decimal
    currency: str
    due_on: date
    paid_on: date | None
    overdue: bool  # open and due before the rep's day
    note: str | None
    created_at: datetime
    paid_at: datetime | None

    @property
    def open_due(self) -> date | None:
        """The due day while the payment is open (what "3 days overdue" counts from)."""
        return self.due_on if self.paid_on is None else None


@record
class Receivable(Record):
    """Totals over payments: all scheduled, those paid, those still open, the open ones
    already overdue."""

    scheduled: Decimal
    paid: Decimal
    open: Decimal
    overdue: Decimal
    currency: str


@record
class PaymentAdded(Record):
    payment: PaymentView
    deal_amount: Decimal
    scheduled: Decimal  # the deal's payments, this one included
    still_open: Decimal  # what is left to schedule

    def to_json(self) -> dict[str, Any]:
        return self.payment.to_json() | {"deal_amount": self.deal_amount, "scheduled": self.scheduled,
                                         "still_to_schedule": self.still_open}


@record
class PaymentList(Record):
    payments: list[PaymentView]
    receivable: Receivable  # over the payments listed

    def to_json(self) -> dict[str, Any]:
        return {"payments": [p.to_json() for p in self.payments], "receivable": self.receivable.to_json()}


def _currency(session: Session) -> str:
    return team_rules(session).get("pipeline.currency")


def _view(row: Any, currency: str, today: date) -> PaymentView:
    return PaymentView(
        row.id, row.deal_id, row.deal_title, row.customer_id, row.customer_name, from_cents(row.amount_cents),
        currency, row.due_on, row.paid_on, row.paid_on is None and row.due_on < today, row.note, row.created_at,
        row.paid_at,
    )


def deal_payments(session: Session, deal_id: int, *, today: date | None = None) -> list[PaymentView]:
    """A deal's payments: the open ones first, each by due day."""
    day = today or clock.today()
    currency = _currency(session)
    return [_view(row, currency, day) for row in queries.of_deal(session, deal_id)]


def receivable(session: Session, *, deal_id: int | None = None, customer_id: int | None = None,
               today: date | None = None) -> Receivable:
    """Scheduled, paid, open and overdue totals of one deal's payments, or of a customer's
    deals (neither given: every payment in the store)."""
    return _receivable(session, _currency(session), today or clock.today(), deal_id=deal_id,
                       customer_id=customer_id)


def _receivable(session: Session, currency: str, today: date, **scope: int | None) -> Receivable:
    row = queries.totals(session, today=today, **scope)
    return Receivable(from_cents(row.scheduled), from_cents(row.paid), from_cents(row.open),
                      from_cents(row.overdue), currency)


# ----------------------------------------------------------------------------- input


def _payment_id(ref: str | int) -> int:
    """A payment id typed as `12` or `#12`."""
    number = ref if isinstance(ref, int) else typed_id(ref or "")
    if number is None:
        raise BadInputError("payment.bad_payment_id", ref=ref)
    if not storable(number):
        raise NotFoundError("payment.no_such_payment", id=number)
    return number


def _day(value: date | str | None, now: datetime) -> date:
    if value is None:
        return clock.to_local(now).date()
    if isinstance(value, date):
        return value
    return clock.parse_day(value, base=now)


# ----------------------------------------------------------------------------- commands


@dataclass
class PaymentInput:
    deal: str | int
    amount: str | Decimal | int
    due: date | str
    note: str | None = None


def add_payment(ctx: Context, data: PaymentInput) -> PaymentAdded:
    """Schedule one instalment of a won deal; the deal's payments may not add up to more
    than its amount. A due day already gone is allowed, with a notice."""
    cents = parse_amount(str(data.amount), positive=True)
    assert cents is not None
    now = ctx.now()
    today = clock.to_local(now).date()
    due_on = _day(data.due, now)
    note = clean_text(data.note, "done_note")  # a 500-character note, worded "note"
    with ctx.session(write=True) as session:
        deal = load_deal(session, data.deal)
        who = require_owner(session, ctx, deal.owner_id, action="schedule_payment", record="deal",
                            record_id=deal.id, record_name=deal.title)
        if deal.status != WON:
            raise RefusedError("payment.deal_not_won", id=deal.id, title=deal.title, status=deal.status)
        currency = _currency(session)
        deal_cents = int(deal.amount_cents or 0)
        scheduled = queries.scheduled_cents(session, deal.id)
        if scheduled + cents > deal_cents:
            raise RefusedError(
                "payment.over_open", id=deal.id, title=deal.title, amount=from_cents(cents), currency=currency,
                open=from_cents(max(deal_cents - scheduled, 0)), deal_amount=from_cents(deal_cents),
            )
        payment_id = queries.create(session, deal_id=deal.id, amount_cents=cents, due_on=due_on, note=note,
                                    created_at=now, created_by_id=who.id)
        view = _view(queries.get(session, payment_id), currency, today)
    if due_on < today:
        ctx.notify(Notice("payment.overdue_already", id=payment_id, due_on=due_on, days=(today - due_on).days))
    return PaymentAdded(view, from_cents(deal_cents), from_cents(scheduled + cents),
                        from_cents(deal_cents - scheduled - cents))


def mark_paid(ctx: Context, payment: str | int, on: date | str | None = None) -> PaymentView:
    """Record a payment as paid on a day (default today; never a later day). The UPDATE
    re-checks it is still open, so two reps cannot both mark it."""
    payment_id = _payment_id(payment)
    now = ctx.now()
    today = clock.to_local(now).date()
    paid_on = _day(on, now)
    if paid_on > today:
        raise BadInputError("payment.paid_in_future", paid_on=paid_on)
    with ctx.session(write=True) as session:
        row = queries.get(session, payment_id)
        if row is None:
            raise NotFoundError("payment.no_such_payment", id=payment_id)
        who = require_owner(session, ctx, row.owner_id, action="mark_paid", record="deal",
                            record_id=row.deal_id, record_name=row.deal_title)
        if row.paid_on is not None or not queries.mark_paid(session, row.id, paid_on=paid_on, at=now,
                                                            by_id=who.id):
            again = queries.get(session, payment_id)
            raise RefusedError("payment.already_paid", id=payment_id, paid_on=again.paid_on)
        return _view(queries.get(session, payment_id), _currency(session), today)


def list_payments(ctx: Context, deal: str | int | None = None, *, overdue: bool = False,
                  customer: str | None = None, everyone: bool = False, paid: bool = False) -> PaymentList:
    """The acting rep's payments still to collect (of the deals they own; `everyone`: all
    reps'; `paid`: the paid ones too), or one deal's (all of them), or one customer's; with
    the receivable of that scope. A rep's whole history of paid instalments runs to
    thousands of rows; what is still open is what a rep acts on."""
    from salescli.services.lookup import resolve_customer

    today = clock.to_local(ctx.now()).date()
    with ctx.session() as session:
        currency = _currency(session)
        customer_id = resolve_customer(session, customer).id if customer is not None else None
        deal_id = load_deal(session, deal).id if deal is not None else None
        owner_id = None if everyone or deal_id is not None else actor(session, ctx).id
        rows = queries.listing(session, owner_id=owner_id, deal_id=deal_id, customer_id=customer_id,
                               overdue_before=today if overdue else None, open_only=not (paid or deal_id))
        views = [_view(row, currency, today) for row in rows]
        total = _receivable(session, currency, today, deal_id=deal_id, customer_id=customer_id, owner_id=owner_id)
    if overdue:
        total = _sum(views, currency)
    return PaymentList(views, total)


def _sum(views: list[PaymentView], currency: str) -> Receivable:
    scheduled = sum((v.amount for v in views), ZERO)
    paid = sum((v.amount for v in views if v.paid_on is not None), ZERO)
    overdue = sum((v.amount for v in views if v.overdue), ZERO)
    return Receivable(scheduled, paid, scheduled - paid, overdue, currency)
