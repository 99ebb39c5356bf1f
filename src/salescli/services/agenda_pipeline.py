"""The agenda's pipeline sections (docs/agenda.md): payments to collect, stale deals,
deals closing soon and contracts ending, each over the acting rep's own deals.

- `payments`: open payments of the rep's deals overdue or due within `PAYMENT_DAYS` of
  the agenda's day, most overdue first (a reopened deal's payments stay listed: they are
  still scheduled).
- `stale_deals`: open deals whose stage has not moved for more than
  `pipeline.sales_cycle_days` at the agenda's instant, longest unmoved first.
- `closing_soon`: open deals expected to close by the agenda's day + `CLOSING_DAYS`,
  soonest first. An expected close day already passed is included too (first, `past`
  true, read as "3 days overdue"): an open deal past its date needs a new date or a
  close, and the agenda is where the rep sees it. Such a deal may also be stale; it is
  listed in both, since each says something different to do.
- `contracts_ending`: won deals whose contract ends from the agenda's day to
  + `CONTRACT_DAYS`, soonest first.

Each is one query led by the deal's owner on ix_deals_owner_status_changed, so it costs what
the rep's own deals cost, however many the team has (store/queries/agenda_pipeline.py says how).
Imported at the end of services/agenda.py, which registers the providers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from salescli.core.clock import to_local
from salescli.domain.pipeline import from_cents, stale_before
from salescli.services.agenda import AgendaQuery, section
from salescli.services.pipeline import stage_names
from salescli.services.records import Record, record
from salescli.store.engine import Session
from salescli.store.queries import agenda_pipeline as queries

PAYMENT_DAYS = 7
CLOSING_DAYS = 7
CONTRACT_DAYS = 30


@record
class PaymentDueItem(Record):
    payment_id: int
    deal_id: int
    deal_title: str
    customer_id: int
    customer: str
    amount: Decimal
    currency: str
    due_on: date
    days_overdue: int  # 0 or less: not overdue yet


@record
class StaleDealItem(Record):
    deal_id: int
    title: str
    customer_id: int
    customer: str
    stage: str  # the stage key
    stage_name: str | None  # its name in the list in force; None: no longer listed
    amount: Decimal | None
    currency: str
    stage_changed_at: datetime
    days_in_stage: int


@record
class ClosingDealItem(Record):
    deal_id: int
    title: str
    customer_id: int
    customer: str
    stage: str
    stage_name: str | None
    amount: Decimal | None
    currency: str
    close_on: date
    days_until: int  # negative: the expected close day has passed
    past: bool


@record
class ContractEndingItem(Record):
    deal_id: int
    title: str
    customer_id: int
    customer: str
    amount: Decimal | None
    currency: str
    contract_end: date
    days_until: int


@section("payments")
def _payments(session: Session, q: AgendaQuery) -> list[PaymentDueItem]:
    currency = q.rules.get("pipeline.currency")
    rows = queries.payments_due(session, q.ctx.user_id, until=q.day + timedelta(days=PAYMENT_DAYS))
    return [PaymentDueItem(r.id, r.deal_id, r.deal_title, r.customer_id, r.customer_name,
                           from_cents(r.amount_cents), currency, r.due_on, (q.day - r.due_on).days) for r in rows]


@section("stale_deals")
def _stale(session: Session, q: AgendaQuery) -> list[StaleDealItem]:
    rules = q.rules
    currency, names = rules.get("pipeline.currency"), stage_names(rules.get("pipeline.stages"))
    before = stale_before(q.at, rules.get("pipeline.sales_cycle_days"))
    return [
        StaleDealItem(r.id, r.title, r.customer_id, r.customer_name, r.stage, names.get(r.stage),
                      from_cents(r.amount_cents), currency, r.stage_changed_at,
                      (q.day - to_local(r.stage_changed_at).date()).days)
        for r in queries.stale_deals(session, q.ctx.user_id, before=before)
    ]


@section("closing_soon")
def _closing(session: Session, q: AgendaQuery) -> list[ClosingDealItem]:
    rules = q.rules
    currency, names = rules.get("pipeline.currency"), stage_names(rules.get("pipeline.stages"))
    rows = queries.closing_by(session, q.ctx.user_id, until=q.day + timedelta(days=CLOSING_DAYS))
    return [
        ClosingDealItem(r.id, r.title, r.customer_id, r.customer_name, r.stage, names.get(r.stage),
                        from_cents(r.amount_cents), currency, r.close_on, (r.close_on - q.day).days,
                        r.close_on < q.day)
        for r in rows
    ]


@section("contracts_ending")
def _contracts(session: Session, q: AgendaQuery) -> list[ContractEndingItem]:
    currency = q.rules.get("pipeline.currency")
    rows = queries.contracts_ending(session, q.ctx.user_id, first=q.day, last=q.day + timedelta(days=CONTRACT_DAYS))
    return [ContractEndingItem(r.id, r.title, r.customer_id, r.customer_name, from_cents(r.amount_cents), currency,
                               r.contract_end, (r.contract_end - q.day).days) for r in rows]
