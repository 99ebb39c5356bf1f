"""Deal use cases: add, list, show, edit, and moving a deal through the stages to won or
lost and back (docs/pipeline.md).

Every move writes one `stage_changes` row in the same transaction as the deal's update,
and the update re-checks the status and stage it read, so two reps moving the same deal
at the same moment cannot both succeed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from salescli.core.clock import parse_day
from salescli.core.errors import BadInputError, NotFoundError, Notice, RefusedError
from salescli.core.stages import Stage
from salescli.domain import pipeline
from salescli.domain.ids import storable, typed_id
from salescli.services.access import require_owner
from salescli.services.context import Context
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_customer, resolve_user
from salescli.services.pipeline import resolve_stage
from salescli.services.pool import recycle_now
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store.engine import Session
from salescli.store.queries import deals as queries

LIST_STATUSES = ("open", "won", "lost", "all")
SCOPES = ("mine", "all", "user")


# --------------------------------------------------------------------------- records


@record
class StageChangeView(Record):
    """One change of a deal: `from_stage`/`to_stage` are keys (or won/lost); the names
    are those in force (None: not a stage of the list, shown by its key)."""

    id: int
    deal_id: int
    deal_title: str
    kind: str
    from_stage: str | None
    from_name: str | None
    to_stage: str
    to_name: str | None
    at: datetime
    by: str | None
    feedback: str | None


@record
class DealRow(Record):
    """One line of `deal list` (and of the customer card's deals)."""

    id: int
    customer_id: int
    customer: str
    title: str
    stage: str
    stage_name: str | None  # the name in force; None when the stage left the list
    probability: int
    status: str
    amount: Decimal | None
    weighted: Decimal | None  # amount × probability of an open, live deal; None when stale or unknown
    currency: str
    close_on: date | None
    owner: str | None
    stage_changed_at: datetime
    days_in_stage: int
    stale: bool


@record
class DealCard(DealRow):
    """`deal show`: the row's facts and the rest of the deal, its history and payments."""

    product: str | None
    contract_end: date | None
    lost_reason: str | None
    created_at: datetime
    closed_at: datetime | None
    changes: list[StageChangeView]
    payments: list[Any]
    receivable: Any


@dataclass
class DealInput:
    """What a rep typed, as typed. None: not given."""

    title: str | None = None
    amount: str | None = None
    close: str | date | None = None
    product: str | None = None
    contract_end: str | date | None = None


# --------------------------------------------------------------------------- input


def parse_amount(text: str | None, *, positive: bool = False) -> int | None:
    """Cents of a typed amount; None when not given. `positive`: zero is refused too (a
    payment of nothing)."""
    if text is None:
        return None
    try:
        cents = pipeline.to_cents(pipeline.parse_amount(text))
    except pipeline.AmountError as error:
        raise BadInputError("deal.bad_amount", value=text, problem=error.problem) from None
    if positive and cents == 0:
        raise BadInputError("deal.bad_amount", value=text, problem="zero")
    return cents


def _day(value: str | date | None, now: datetime) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_day(value, base=now)


def deal_ref(ref: str | int) -> int:
    """A deal id typed as `12` or `#12`."""
    number = ref if isinstance(ref, int) else typed_id(ref)
    if number is None:
        raise BadInputError("deal.bad_id", ref=ref)
    return number


def load_deal(session: Session, ref: str | int) -> Any:
    number = deal_ref(ref)
    deal = queries.get(session, number) if storable(number) else None
    if deal is None:
        raise NotFoundError("deal.not_found", id=number)
    return deal


def _require(session: Session, ctx: Context, deal: Any, action: str) -> Any:
    return require_owner(session, ctx, deal.owner_id, action=action, record="deal", record_id=deal.id,
                         record_name=deal.title)


# --------------------------------------------------------------------------- views


@dataclass
class _Pipeline:
    """The team rules a deal is read with."""

    stages: tuple[Stage, ...]
    currency: str
    cycle_days: int
    now: datetime

    @classmethod
    def read(cls, session: Session, now: datetime) -> _Pipeline:
        rules = team_rules(session)
        return cls(rules.get("pipeline.stages"), rules.get("pipeline.currency"),
                   rules.get("pipeline.sales_cycle_days"), now)

    def stage(self, key: str | None) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    def name(self, key: str | None) -> str | None:
        stage = self.stage(key)
        return stage.name if stage else None


def _row_values(d: Any, p: _Pipeline) -> dict[str, Any]:
    stage = p.stage(d.stage)
    probability = stage.probability if stage else 0
    stale = d.status == pipeline.OPEN and pipeline.is_stale(d.stage_changed_at, p.now, p.cycle_days)
    amount = pipeline.from_cents(d.amount_cents)
    weighted: Decimal | None = None
    if d.amount_cents is not None and not stale:
        if d.status == pipeline.OPEN:
            weighted = (pipeline.weighted_cents(d.amount_cents, probability) / 100).quantize(pipeline.CENTS)
        elif d.status == pipeline.WON:
            weighted = amount
        else:
            weighted = Decimal("0.00")
    return {
        "id": d.id, "customer_id": d.customer_id, "customer": d.customer_name, "title": d.title,
        "stage": d.stage, "stage_name": stage.name if stage else None, "probability": probability,
        "status": d.status, "amount": amount, "weighted": weighted, "currency": p.currency,
        "close_on": d.close_on, "owner": d.owner_handle, "stage_changed_at": d.stage_changed_at,
        "days_in_stage": max((p.now - d.stage_changed_at).days, 0), "stale": stale,
    }


def deal_row(d: Any, p: _Pipeline) -> DealRow:
    return DealRow(**_row_values(d, p))


def change_view(c: Any, p: _Pipeline) -> StageChangeView:
    return StageChangeView(c.id, c.deal_id, c.deal_title, c.kind, c.from_stage, p.name(c.from_stage), c.to_stage,
                           p.name(c.to_stage), c.at, c.by_handle, c.feedback)


def _payments(session: Session, today: date, *, deal_id: int | None = None,
              customer_id: int | None = None) -> tuple[list[Any], Any]:
    """A deal's payments and receivable, or a customer's receivable (services/payments.py)."""
    from salescli.services import payments

    if deal_id is not None:
        return (list(payments.deal_payments(session, deal_id, today=today)),
                payments.receivable(session, deal_id=deal_id, today=today))
    return [], payments.receivable(session, customer_id=customer_id, today=today)


def _card(session: Session, deal_id: int, p: _Pipeline) -> DealCard:
    d = queries.get(session, deal_id)
    changes = [change_view(c, p) for c in queries.history(session, deal_id)]
    payments, receivable = _payments(session, p.now.date(), deal_id=deal_id)
    return DealCard(**_row_values(d, p), product=d.product, contract_end=d.contract_end, lost_reason=d.lost_reason,
                    created_at=d.created_at, closed_at=d.closed_at, changes=changes, payments=payments,
                    receivable=receivable)


def customer_deals(session: Session, customer_id: int, now: datetime) -> tuple[list[DealRow], list[StageChangeView]]:
    """A customer's deals and their stage changes (newest first), for the customer card."""
    p = _Pipeline.read(session, now)
    deals = [deal_row(d, p) for d in queries.of_customer(session, customer_id)]
    changes = [change_view(c, p) for c in queries.changes_of_customer(session, customer_id)] if deals else []
    return deals, changes


def customer_receivable(session: Session, customer_id: int, today: date) -> Any:
    return _payments(session, today, customer_id=customer_id)[1]


# --------------------------------------------------------------------------- use cases


def _check_gate(gate: tuple[str, ...], facts: pipeline.DealFacts, *, code: str, stage: Stage,
                deal_id: int | None) -> None:
    missing = pipeline.missing(gate, facts)
    if missing:
        raise RefusedError(code, id=deal_id, stage=stage.key, stage_name=stage.name, missing=missing)


def _notify_past(ctx: Context, close_on: date | None, now: datetime, deal_id: int | None = None) -> None:
    if pipeline.close_in_past(close_on, now.date()):
        ctx.notify(Notice("deal.close_in_past", id=deal_id, close_on=close_on))


def add_deal(
    ctx: Context, customer: str, title: str, *, amount: str | None = None, close: str | date | None = None,
    stage: str | None = None, product: str | None = None,
) -> DealCard:
    """An open deal of the acting rep in the first stage (or `stage`, whose gate applies
    but for its note: there is nothing to tell yet)."""
    clean_title = clean_text(title, "deal_title")
    if not clean_title:
        raise BadInputError("deal.title_empty")
    amount_cents = parse_amount(amount)
    clean_product = clean_text(product, "product")
    now = ctx.now()
    close_on = _day(close, now)
    with ctx.session(write=True) as session:
        p = _Pipeline.read(session, now)
        target = resolve_stage(p.stages, stage) if stage is not None else p.stages[0]
        recycle_now(session, now)  # a customer already due is lost before a deal can exempt it (docs/pool.md)
        found = resolve_customer(session, customer)
        if found.archived:
            raise RefusedError("customer.archived", id=found.id, name=found.name)
        who = require_owner(session, ctx, found.owner_id, action="add_deal", record="customer",
                            record_id=found.id, record_name=found.name)
        gate = tuple(item for item in target.gate if item != "note")
        _check_gate(gate, pipeline.DealFacts(None, amount_cents, close_on, clean_product), code="deal.add_gate",
                    stage=target, deal_id=None)
        deal_id = queries.create(
            session, customer_id=found.id, title=clean_title, amount_cents=amount_cents, stage=target.key,
            status=pipeline.OPEN, close_on=close_on, owner_id=who.id, product=clean_product, created_at=now,
            created_by_id=who.id, stage_changed_at=now, updated_at=now,
        )
        queries.add_change(session, deal_id=deal_id, kind=pipeline.CREATE, from_stage=None, to_stage=target.key,
                           at=now, by_user_id=who.id, feedback=None)
        card = _card(session, deal_id, p)
    _notify_past(ctx, close_on, now, deal_id)
    return card


@dataclass
class DealFilter:
    scope: str = "mine"  # mine | all | user
    user: str | None = None
    stage: str | None = None
    status: str = "open"
    stale: bool = False
    closing_within: int | None = None
    customer: str | None = None
    limit: int | None = None


def list_deals(ctx: Context, flt: DealFilter) -> list[DealRow]:
    """One query; a rep's own deals by default."""
    status = (flt.status or "open").strip().lower()
    if status not in LIST_STATUSES:
        raise BadInputError("deal.bad_status", value=flt.status, allowed=LIST_STATUSES)
    if flt.limit is not None and flt.limit < 1:
        raise BadInputError("listing.bad_limit", value=flt.limit)
    if flt.closing_within is not None and flt.closing_within < 0:
        raise BadInputError("deal.bad_days", value=flt.closing_within)
    now = ctx.now()
    today = now.date()
    with ctx.session() as session:
        p = _Pipeline.read(session, now)
        stage = resolve_stage(p.stages, flt.stage).key if flt.stage is not None else None
        if flt.scope == "user":
            owner_id: int | None = resolve_user(session, flt.user or "").id
        elif flt.scope == "all":
            owner_id = None
        else:
            owner_id = ctx.user_id
        statuses = [pipeline.OPEN, pipeline.WON, pipeline.LOST] if status == "all" else [status]
        if flt.stale or flt.closing_within is not None:
            statuses = [pipeline.OPEN]  # stale and closing soon are said of open deals only
        customer_id = resolve_customer(session, flt.customer).id if flt.customer else None
        rows = queries.listing(
            session, statuses=statuses, owner_id=owner_id, stage=stage,
            changed_before=pipeline.stale_before(now, p.cycle_days) if flt.stale else None,
            close_from=today if flt.closing_within is not None else None,
            close_to=date.fromordinal(today.toordinal() + flt.closing_within) if flt.closing_within is not None
            else None,
            customer_id=customer_id, limit=flt.limit,
        )
        return [deal_row(d, p) for d in rows]


def show_deal(ctx: Context, ref: str | int) -> DealCard:
    now = ctx.now()
    with ctx.session() as session:
        deal = load_deal(session, ref)
        return _card(session, deal.id, _Pipeline.read(session, now))


def edit_deal(ctx: Context, ref: str | int, data: DealInput) -> DealCard:
    """Change the fields given of an open deal; a won deal takes only a contract end."""
    now = ctx.now()
    values: dict[str, Any] = {}
    if data.title is not None:
        title = clean_text(data.title, "deal_title")
        if not title:
            raise BadInputError("deal.title_empty")
        values["title"] = title
    if data.amount is not None:
        values["amount_cents"] = parse_amount(data.amount)
    if data.close is not None:
        values["close_on"] = None if data.close == "" else _day(data.close, now)
    if data.product is not None:
        values["product"] = clean_text(data.product, "product")
    if data.contract_end is not None:
        values["contract_end"] = None if data.contract_end == "" else _day(data.contract_end, now)
    if not values:
        raise BadInputError("edit.nothing")
    with ctx.session(write=True) as session:
        deal = load_deal(session, ref)
        _require(session, ctx, deal, "edit")
        if deal.status != pipeline.OPEN and not (deal.status == pipeline.WON and set(values) == {"contract_end"}):
            raise RefusedError("deal.closed_edit", id=deal.id, status=deal.status)
        if not queries.update(session, deal.id, was_status=deal.status, **values, updated_at=now):
            raise RefusedError("deal.changed", id=deal.id)
        card = _card(session, deal.id, _Pipeline.read(session, now))
    if "close_on" in values:
        _notify_past(ctx, values["close_on"], now, card.id)
    return card


def _open_deal(session: Session, ctx: Context, ref: str | int) -> tuple[Any, int]:
    """The open deal and the actor's id (its owner, or a manager acting for them). Due
    recycles go first: winning or reaching negotiation exempts a customer, but not one
    whose time was already up (docs/pool.md)."""
    recycle_now(session, ctx.now())
    return _movable(session, ctx, ref)


def _movable(session: Session, ctx: Context, ref: str | int) -> tuple[Any, int]:
    """The deal, when it is open and the actor may move it, and the actor's id."""
    deal = load_deal(session, ref)
    who = _require(session, ctx, deal, "move")
    if deal.status != pipeline.OPEN:
        raise RefusedError("deal.closed", id=deal.id, status=deal.status)
    return deal, who.id


def _next_stage(p: _Pipeline, deal: Any) -> Stage:
    """The stage after the deal's (the first, for a stage no longer listed)."""
    here = pipeline.index_of(p.stages, deal.stage)
    target = p.stages[0] if here is None else pipeline.next_stage(p.stages, deal.stage)
    if target is None:
        raise RefusedError("deal.last_stage", id=deal.id, stage=deal.stage, stage_name=p.name(deal.stage))
    return target


@record
class AdvancePreview(Record):
    """What advancing a deal one stage asks for, before it is tried (the dashboard's form)."""

    deal: DealRow
    to_stage: str
    to_name: str | None
    gate: list[str]  # the next stage's gate items (core/stages.py GATE_ITEMS)
    missing: list[str]  # those the deal lacks now; "note" always, as it is typed with the move


def advance_preview(ctx: Context, ref: str | int) -> AdvancePreview:
    """The next stage of an open deal the rep may move, and what its gate needs."""
    now = ctx.now()
    with ctx.session() as session:
        p = _Pipeline.read(session, now)
        deal, _by = _movable(session, ctx, ref)
        target = _next_stage(p, deal)
        facts = pipeline.DealFacts(None, deal.amount_cents, deal.close_on, deal.product)
        return AdvancePreview(deal_row(deal, p), target.key, target.name, list(target.gate),
                              pipeline.missing(target.gate, facts))


def advance_deal(
    ctx: Context, ref: str | int, *, to: str | None = None, note: str | None = None, force: bool = False,
) -> DealCard:
    """Move an open deal to the next stage, or to `to`: ahead past stages only with
    `force` (a skip), back always; the target's gate applies either way."""
    note = clean_text(note, "stage_note")
    now = ctx.now()
    with ctx.session(write=True) as session:
        p = _Pipeline.read(session, now)
        target = resolve_stage(p.stages, to) if to is not None else None
        deal, by_id = _open_deal(session, ctx, ref)
        target = target or _next_stage(p, deal)
        if target.key == deal.stage:
            raise RefusedError("deal.same_stage", id=deal.id, stage=target.key, stage_name=target.name)
        kind = pipeline.move_kind(p.stages, deal.stage, target.key)
        if kind == pipeline.SKIP and not force:
            i, j = pipeline.index_of(p.stages, deal.stage), pipeline.index_of(p.stages, target.key)
            assert i is not None and j is not None
            raise RefusedError("deal.skip_needs_force", id=deal.id, stage=target.key, stage_name=target.name,
                               skipped=[s.name for s in p.stages[i + 1:j]])
        facts = pipeline.DealFacts(note, deal.amount_cents, deal.close_on, deal.product)
        _check_gate(target.gate, facts, code="deal.gate", stage=target, deal_id=deal.id)
        _move(session, deal, kind=kind, to_stage=target.key, at=now, by_id=by_id, feedback=note,
              stage=target.key, stage_changed_at=now, updated_at=now)
        return _card(session, deal.id, p)


def _move(session: Session, deal: Any, *, kind: str, to_stage: str, at: datetime, by_id: int,
          feedback: str | None, from_stage: str | None = None, **values: Any) -> None:
    """Update the deal if it is still as read, and record the change; else refuse."""
    if not queries.update(session, deal.id, was_status=deal.status, was_stage=deal.stage, **values):
        raise RefusedError("deal.changed", id=deal.id)
    queries.add_change(session, deal_id=deal.id, kind=kind, from_stage=from_stage or deal.stage, to_stage=to_stage,
                       at=at, by_user_id=by_id, feedback=feedback,
                       stay_seconds=max(int((at - deal.stage_changed_at).total_seconds()), 0))


def win_deal(
    ctx: Context, ref: str | int, *, amount: str | None = None, contract_end: str | date | None = None,
    note: str | None = None,
) -> DealCard:
    """Close an open deal as won, from any stage; it needs an amount (known or given)."""
    amount_cents = parse_amount(amount)
    note = clean_text(note, "stage_note")
    now = ctx.now()
    end = _day(contract_end, now)
    with ctx.session(write=True) as session:
        p = _Pipeline.read(session, now)
        deal, by_id = _open_deal(session, ctx, ref)
        cents = amount_cents if amount_cents is not None else deal.amount_cents
        if pipeline.missing(pipeline.WON_GATE, pipeline.DealFacts(note, cents, deal.close_on, deal.product)):
            raise RefusedError("deal.won_needs_amount", id=deal.id)
        values: dict[str, Any] = {"amount_cents": cents}
        if end is not None:
            values["contract_end"] = end
        _move(session, deal, kind=pipeline.WON, to_stage=pipeline.WON, at=now, by_id=by_id, feedback=note,
              status=pipeline.WON, closed_at=now, stage_changed_at=now, updated_at=now, **values)
        return _card(session, deal.id, p)


def lose_deal(ctx: Context, ref: str | int, *, reason: str | None) -> DealCard:
    """Close an open deal as lost, from any stage, with the reason (required)."""
    reason = clean_text(reason, "lost_reason")
    if not reason:
        raise BadInputError("deal.reason_required", id=ref)
    now = ctx.now()
    with ctx.session(write=True) as session:
        p = _Pipeline.read(session, now)
        deal, by_id = _open_deal(session, ctx, ref)
        _move(session, deal, kind=pipeline.LOST, to_stage=pipeline.LOST, at=now, by_id=by_id, feedback=reason,
              status=pipeline.LOST, lost_reason=reason, closed_at=now, stage_changed_at=now, updated_at=now)
        return _card(session, deal.id, p)


def reopen_deal(ctx: Context, ref: str | int, *, note: str | None = None) -> DealCard:
    """A won or lost deal back to open, in the stage it closed from."""
    note = clean_text(note, "stage_note")
    now = ctx.now()
    with ctx.session(write=True) as session:
        p = _Pipeline.read(session, now)
        deal = load_deal(session, ref)
        by_id = _require(session, ctx, deal, "move").id
        if deal.status == pipeline.OPEN:
            raise RefusedError("deal.not_closed", id=deal.id)
        _move(session, deal, kind=pipeline.REOPEN, to_stage=deal.stage, from_stage=deal.status, at=now,
              by_id=by_id, feedback=note, status=pipeline.OPEN, closed_at=None, lost_reason=None,
              stage_changed_at=now, updated_at=now)
        return _card(session, deal.id, p)
