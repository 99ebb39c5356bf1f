"""Working leads (docs/leads.md): list, show, take from the pool, release, assign, log
follow-ups, convert into a customer, disqualify, reopen, merge.

Every change of a lead's owner or status writes one `lead_events` row in the same
transaction. Taking follows the pool's claim limits while the pool rules are in force
(a day's takes and the reclaim cool-down, counted on the leads' own events) and is a
conditional UPDATE, so two reps taking one lead leave exactly one owner. A conversion
creates the customer through the customer dedupe and the ownership cap, its contact and
optionally a deal, and copies the follow-ups, all in one transaction: a refusal leaves
nothing written. Reading leads recycles no customers (leads are not in the customer pool).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from salescli.core.clock import parse_when, start_of_day, to_local
from salescli.core.errors import BadInputError, NotFoundError, RefusedError
from salescli.domain import dedupe, pipeline
from salescli.domain import leads as lead_rules
from salescli.domain.codes import LEAD_STATUSES
from salescli.domain.ids import storable, typed_id
from salescli.domain.pool import claims_left_today, cooldown_ends
from salescli.domain.users import allowed_roles, may, may_act_on
from salescli.services.access import Actor, actor, require_owner
from salescli.services.context import Context
from salescli.services.customers import identity_keys, key_locks
from salescli.services.deals import parse_amount
from salescli.services.follow_ups import parse_kind
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_customer, resolve_user
from salescli.services.ownership import check_cap
from salescli.services.pool import recycle_now
from salescli.services.records import Record, record
from salescli.services.settings import TeamRules, pool_rules_in_force, team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import deals as deal_queries
from salescli.store.queries import leads as queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import users as user_queries

# --------------------------------------------------------------------------- records


@record
class LeadRow(Record):
    """One line of `lead list`."""

    id: int
    company: str | None
    contact: str | None
    phone: str | None
    email: str | None
    city: str | None
    source: str | None
    status: str
    owner: str | None
    customer_id: int | None
    flags: list[str]
    last_contact_at: datetime | None
    created_at: datetime


@record
class LeadEventView(Record):
    id: int
    kind: str
    at: datetime
    by: str | None
    from_user: str | None
    to_user: str | None
    follow_up_kind: str | None
    summary: str | None
    customer_id: int | None
    deal_id: int | None
    other_lead_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "at": self.at, "by": self.by, "from": self.from_user,
                "to": self.to_user, "follow_up_kind": self.follow_up_kind, "summary": self.summary,
                "customer_id": self.customer_id, "deal_id": self.deal_id, "other_lead_id": self.other_lead_id}


@record
class LeadOrigin(Record):
    """Where a lead came from: its import batch and the line of the file."""

    batch_id: int
    file_name: str | None
    line: int | None
    imported_at: datetime | None


@record
class LinkedCustomer(Record):
    id: int
    name: str | None


@record
class LeadCard(Record):
    """`lead show`: every field, the extra columns of its file, flags, owner, origin, the
    linked customer and the timeline (oldest first)."""

    id: int
    name: str
    company: str | None
    contact: str | None
    title: str | None
    phone: str | None
    email: str | None
    wechat: str | None
    city: str | None
    address: str | None
    industry: str | None
    source: str | None
    website: str | None
    note: str | None
    extra: dict[str, Any]
    flags: list[str]
    status: str
    owner: str | None
    claimed_at: datetime | None
    disqualify_reason: str | None
    last_contact_at: datetime | None
    converted_at: datetime | None
    created_at: datetime
    archived: bool
    merged_into_id: int | None
    origin: LeadOrigin | None
    customer: LinkedCustomer | None
    deal_id: int | None
    events: list[LeadEventView]


@record
class LeadRef(Record):
    id: int
    name: str


@record
class TakeResult(Record):
    taken: list[LeadRef]
    takes_today: int
    takes_per_day: int | None  # None while the pool rules are not in force


@record
class LeadChange(Record):
    """A change of a lead's owner or status as a command reports it."""

    id: int
    name: str
    kind: str  # release | assign | follow_up | disqualify | reopen
    status: str
    owner: str | None
    from_user: str | None
    by: str
    at: datetime
    summary: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "status": self.status, "owner": self.owner,
                "from": self.from_user, "by": self.by, "at": self.at, "summary": self.summary}


@record
class ConvertResult(Record):
    id: int
    name: str
    customer_id: int
    customer: str
    customer_created: bool  # False: converted into an existing customer
    owner: str
    contact_id: int | None
    deal_id: int | None
    follow_ups_copied: int
    at: datetime


@record
class MergeResult(Record):
    id: int
    name: str
    other_id: int
    events_moved: int
    filled: list[str]  # the kept lead's fields filled from the other
    at: datetime


@dataclass
class LeadFilter:
    status: str | None = None
    source: str | None = None
    mine: bool = False
    pool: bool = False
    everyone: bool = False
    owner: str | None = None
    search: str | None = None
    limit: int | None = None


@dataclass
class ConvertInput:
    deal: str | None = None
    amount: str | None = None
    customer: str | None = None


# --------------------------------------------------------------------------- helpers


def lead_ref(ref: str) -> int:
    """A lead id typed as `12` or `#12`."""
    number = typed_id(ref or "")
    if number is None:
        raise BadInputError("lead.bad_id", ref=ref)
    return number


def _load(session: Session, ref: str) -> Any:
    number = lead_ref(ref)
    lead = queries.get(session, number) if storable(number) else None
    if lead is None:
        raise NotFoundError("lead.not_found", id=number)
    return lead


def _name(lead: Any) -> str:
    return lead_rules.display_name(lead.company, lead.contact) or f"#{lead.id}"


def _live(session: Session, lead: Any, step: str) -> None:
    """Refuse `step` on a merged-away lead, or in a status that does not allow it."""
    if lead.archived:
        raise RefusedError("lead.archived", id=lead.id, name=_name(lead), merged_into=lead.merged_into_id)
    status = lead_rules.blocked(lead.status, step)
    if status == lead_rules.CONVERTED:
        raise RefusedError("lead.already_converted", id=lead.id, name=_name(lead), customer_id=lead.customer_id,
                           customer=queries.customer_name(session, lead.customer_id) if lead.customer_id else None)
    if status is not None:
        raise RefusedError("lead.bad_status", id=lead.id, name=_name(lead), status=status, step=step)


def _worker(session: Session, ctx: Context, lead: Any, action: str) -> Actor:
    """The actor, when they own the lead (or it is in the pool) or may act for others."""
    who = actor(session, ctx)
    if not may_act_on(who.id, who.role, lead.owner_id, active_users=who.active_users):
        raise RefusedError("lead.not_owner", id=lead.id, name=_name(lead), owner=lead.owner, action=action,
                           ask=_managers(session))
    return who


def _manager(session: Session, ctx: Context, action: str, permission: str = "act_for_others") -> Actor:
    """The actor, when their role allows `permission` (domain/users.py): reading the team's
    leads is acting for others; giving one to a rep is moving it, as for customers."""
    who = actor(session, ctx)
    if not may(who.role, permission, active_users=who.active_users):
        raise RefusedError("lead.role_required", action=action, role=who.role, ask=_managers(session))
    return who


def _managers(session: Session) -> list[str]:
    return [handle for handle, _role in user_queries.with_roles(session, allowed_roles("act_for_others"))]


def _owned(session: Session, ctx: Context, lead: Any, action: str) -> Actor:
    """For the steps only an owner takes (log, convert): a pool lead is taken first."""
    if lead.owner_id is None:
        raise RefusedError("lead.take_first", id=lead.id, name=_name(lead), action=action)
    return _worker(session, ctx, lead, action)


def _flags(text: str | None) -> list[str]:
    return [flag for flag in (text or "").split(",") if flag]


def _day_start(now: datetime) -> datetime:
    return start_of_day(to_local(now).date())


# --------------------------------------------------------------------------- reading


def list_leads(ctx: Context, flt: LeadFilter) -> Iterator[LeadRow]:
    """Live leads, newest first, streamed. By default the acting rep's open ones (new and
    working); `pool` the open leads nobody owns; `everyone` or another `owner` needs a
    manager. `status` picks one status instead of the open ones."""
    if flt.limit is not None and flt.limit < 1:
        raise BadInputError("listing.bad_limit", value=flt.limit)
    status = (flt.status or "").strip().lower() or None
    if status is not None and status not in LEAD_STATUSES:
        raise BadInputError("lead.bad_list_status", value=flt.status, allowed=LEAD_STATUSES)
    scopes = [name for name, given in (("mine", flt.mine), ("pool", flt.pool), ("all", flt.everyone),
                                       ("owner", flt.owner is not None)) if given]
    if len(scopes) > 1:
        raise BadInputError("lead.scope_conflict", scopes=scopes)
    filters: dict[str, Any] = {
        "statuses": [status] if status else list(lead_rules.OPEN), "source": clean_text(flt.source, "source"),
        "search": clean_text(flt.search, "search"), "limit": flt.limit, "pool": flt.pool, "owner_id": None,
    }
    with ctx.session() as session:  # who may read what, checked before the listing starts
        if flt.everyone:
            _manager(session, ctx, "list_all")
        elif flt.owner is not None:
            user = resolve_user(session, flt.owner)
            if user.id != ctx.user_id:
                _manager(session, ctx, "list_all")
            filters["owner_id"] = user.id
        elif not flt.pool:
            filters["owner_id"] = ctx.user_id
    return _rows(ctx, filters)


def _rows(ctx: Context, filters: dict[str, Any]) -> Iterator[LeadRow]:
    with ctx.session() as session:
        for row in queries.listing(session, **filters):
            yield LeadRow(*row[:10], _flags(row[10]), row[11], row[12])


def lead_card(ctx: Context, ref: str) -> LeadCard:
    with ctx.session() as session:
        lead = _load(session, ref)
        origin = None
        if lead.batch_id is not None:
            batch = queries.batch(session, lead.batch_id)
            origin = LeadOrigin(lead.batch_id, batch.file_name if batch else None, lead.source_line,
                                batch.started_at if batch else None)
        customer = (LinkedCustomer(lead.customer_id, queries.customer_name(session, lead.customer_id))
                    if lead.customer_id else None)
        events = [LeadEventView(e.id, e.kind, e.at, e.by_handle, e.from_handle, e.to_handle, e.follow_up_kind,
                                e.summary, e.customer_id, e.deal_id, e.other_lead_id)
                  for e in queries.events(session, lead.id)]
    return LeadCard(
        id=lead.id, name=_name(lead), company=lead.company, contact=lead.contact, title=lead.title, phone=lead.phone,
        email=lead.email, wechat=lead.wechat, city=lead.city, address=lead.address, industry=lead.industry,
        source=lead.source, website=lead.website, note=lead.note, extra=lead_rules.extra_of(lead.extra),
        flags=_flags(lead.flags), status=lead.status, owner=lead.owner, claimed_at=lead.claimed_at,
        disqualify_reason=lead.disqualify_reason, last_contact_at=lead.last_contact_at,
        converted_at=lead.converted_at, created_at=lead.created_at, archived=lead.archived,
        merged_into_id=lead.merged_into_id, origin=origin, customer=customer, deal_id=lead.deal_id, events=events,
    )


# --------------------------------------------------------------------------- owner changes


def take(ctx: Context, refs: list[str]) -> TakeResult:
    """Take pool leads, all or none, within the day's takes (`pool.claims_per_day`,
    counted apart from customer claims) and the reclaim cool-down after your own release,
    while the pool rules are in force."""
    numbers = list(dict.fromkeys(lead_ref(ref) for ref in refs if ref.strip()))
    if not numbers:
        raise BadInputError("lead.ref_required")
    now = ctx.now()
    with ctx.session(write=True) as session:
        me = ctx.user_id
        locks.hold(session, locks.owner(me))  # the day's count cannot move under this take
        actor(session, ctx)
        leads = [_load(session, str(number)) for number in numbers]
        for lead in leads:
            _live(session, lead, "take")
            _in_pool(lead, me)
        rules = team_rules(session)
        in_force = pool_rules_in_force(session, rules)
        taken_today = queries.takes_since(session, me, _day_start(now)) if in_force else 0
        if in_force:
            _check_limits(session, me, rules, leads, taken_today, now)
        for lead in sorted(leads, key=lambda found: found.id):  # id order: no deadlock between two takers
            if not queries.set_owner(session, lead.id, me, at=now, only_from=None):
                _in_pool(queries.get(session, lead.id), me)  # taken since it was read: say by whom
            queries.add_event(session, lead_id=lead.id, kind="take", by_user_id=me, at=now, to_user_id=me)
    return TakeResult([LeadRef(lead.id, _name(lead)) for lead in leads], taken_today + len(leads),
                      rules.get("pool.claims_per_day") if in_force else None)


def _in_pool(lead: Any, me: int) -> None:
    if lead.owner_id is not None:
        raise RefusedError("lead.already_owned", id=lead.id, name=_name(lead), owner=lead.owner,
                           own=lead.owner_id == me)


def _check_limits(session: Session, me: int, rules: TeamRules, leads: list[Any], taken_today: int,
                  now: datetime) -> None:
    limit = rules.get("pool.claims_per_day")
    if len(leads) > claims_left_today(taken_today, limit):
        tomorrow = start_of_day(to_local(now).date() + timedelta(days=1))
        raise RefusedError("lead.daily_limit", taken=taken_today, limit=limit, wanted=len(leads),
                           allowed_at=tomorrow)
    days = rules.get("pool.reclaim_cooldown_days")
    for lead in leads:
        released = queries.last_release_by(session, lead.id, me)
        if released is not None and now < cooldown_ends(released, days):
            raise RefusedError("lead.cooldown", id=lead.id, name=_name(lead), at=released,
                               allowed_at=cooldown_ends(released, days))


def release(ctx: Context, ref: str, reason: str | None) -> LeadChange:
    """Back to the pool, with the reason the next rep reads."""
    text = clean_text(reason, "ownership_reason")
    if not text:
        raise BadInputError("lead.release_reason_required")
    now = ctx.now()
    with ctx.session(write=True) as session:
        lead = _load(session, ref)
        _live(session, lead, "release")
        if lead.owner_id is None:
            raise RefusedError("lead.already_in_pool", id=lead.id, name=_name(lead))
        who = _worker(session, ctx, lead, "release")
        if not queries.set_owner(session, lead.id, None, at=now, only_from=lead.owner_id):
            raise RefusedError("lead.changed", id=lead.id, name=_name(lead))
        queries.add_event(session, lead_id=lead.id, kind="release", by_user_id=who.id, at=now,
                          from_user_id=lead.owner_id, summary=text)
    return LeadChange(lead.id, _name(lead), "release", lead.status, None, lead.owner, who.handle, now, text)


def assign(ctx: Context, ref: str, to: str) -> LeadChange:
    """A manager gives a lead (in the pool or someone's) to a rep."""
    now = ctx.now()
    with ctx.session(write=True) as session:
        who = _manager(session, ctx, "assign", "move_customers")
        lead = _load(session, ref)
        _live(session, lead, "assign")
        user = resolve_user(session, to)
        if not user.active:
            raise RefusedError("lead.assign_inactive", handle=user.handle)
        if lead.owner_id == user.id:
            raise RefusedError("lead.already_owned", id=lead.id, name=_name(lead), owner=user.handle,
                               own=user.id == who.id)
        if not queries.set_owner(session, lead.id, user.id, at=now, only_from=lead.owner_id):
            raise RefusedError("lead.changed", id=lead.id, name=_name(lead))
        queries.add_event(session, lead_id=lead.id, kind="assign", by_user_id=who.id, at=now,
                          from_user_id=lead.owner_id, to_user_id=user.id)
    return LeadChange(lead.id, _name(lead), "assign", lead.status, user.handle, lead.owner, who.handle, now, None)


# --------------------------------------------------------------------------- work


def log(ctx: Context, ref: str, summary: str | None, *, kind: str | None = None, at: str | None = None) -> LeadChange:
    """A follow-up on a lead its owner works; the first one makes a new lead `working`
    (the follow-up event records that change too: docs/leads.md)."""
    text = clean_text(summary, "summary")
    if not text:
        raise BadInputError("follow_up.summary_empty")
    follow_up_kind = parse_kind(kind)
    now = ctx.now()
    happened = parse_when(at, base=now).as_datetime(now) if at is not None else now
    if happened > now:
        raise BadInputError("follow_up.in_future", at=happened)
    with ctx.session(write=True) as session:
        lead = _load(session, ref)
        _live(session, lead, "log")
        who = _owned(session, ctx, lead, "log")
        status = lead_rules.after_follow_up(lead.status)
        last = max(filter(None, (lead.last_contact_at, happened)))
        if not queries.change(session, lead.id, {"status": status, "last_contact_at": last, "updated_at": now},
                              only_status=[lead.status]):
            raise RefusedError("lead.changed", id=lead.id, name=_name(lead))
        queries.add_event(session, lead_id=lead.id, kind="follow_up", by_user_id=who.id, at=happened,
                          follow_up_kind=follow_up_kind, summary=text)
    return LeadChange(lead.id, _name(lead), "follow_up", status, lead.owner, None, who.handle, happened, text)


def disqualify(ctx: Context, ref: str, reason: str | None) -> LeadChange:
    text = clean_text(reason, "ownership_reason")
    if not text:
        raise BadInputError("lead.disqualify_reason_required")
    return _set_status(ctx, ref, "disqualify", lead_rules.DISQUALIFIED, text)


def reopen(ctx: Context, ref: str) -> LeadChange:
    """A disqualified lead is worked again."""
    return _set_status(ctx, ref, "reopen", lead_rules.WORKING, None)


def _set_status(ctx: Context, ref: str, step: str, status: str, reason: str | None) -> LeadChange:
    now = ctx.now()
    with ctx.session(write=True) as session:
        lead = _load(session, ref)
        _live(session, lead, step)
        who = _worker(session, ctx, lead, step)
        if not queries.change(session, lead.id, {"status": status, "disqualify_reason": reason, "updated_at": now},
                              only_status=[lead.status]):
            raise RefusedError("lead.changed", id=lead.id, name=_name(lead))
        queries.add_event(session, lead_id=lead.id, kind=step, by_user_id=who.id, at=now, summary=reason)
    return LeadChange(lead.id, _name(lead), step, status, lead.owner, None, who.handle, now, reason)


# --------------------------------------------------------------------------- convert


def convert(ctx: Context, ref: str, data: ConvertInput) -> ConvertResult:
    """The lead becomes a customer of its owner (created through the customer dedupe and
    the cap, or an existing one: the one it was linked to on import, or `customer`), with
    its person as a contact, optionally a deal, and its follow-ups; all or nothing."""
    title = clean_text(data.deal, "deal_title")
    if data.deal is not None and not title:
        raise BadInputError("deal.title_empty")
    if data.amount is not None and title is None:
        raise BadInputError("lead.amount_needs_deal")
    amount_cents = parse_amount(data.amount)
    now = ctx.now()
    with ctx.session(write=True) as session:
        lead = _load(session, ref)
        rules = team_rules(session)
        region = rules.get("import.default_region")
        values = _customer_values(lead)
        keys = identity_keys({"name": values["name"], "phone": lead.phone, "email": lead.email}, region)
        owner_id = lead.owner_id
        locks.hold(session, *key_locks(keys), locks.owner(owner_id) if owner_id is not None else None)
        lead = _load(session, ref)  # as of the locks
        _live(session, lead, "convert")
        who = _owned(session, ctx, lead, "convert")
        recycle_now(session, now, rules)  # a customer due back in the pool goes before it is converted into
        customer, created = _target(session, ctx, lead, data.customer, keys)
        if customer is None:
            customer = _create_customer(session, lead, values, keys, rules, by=who, now=now)
        contact_id = _add_contact(session, lead, customer.id, now)
        deal_id = _add_deal(session, customer.id, title, amount_cents, owner_id=lead.owner_id, by=who,
                            rules=rules, now=now) if title else None
        copied = queries.copy_follow_ups(session, lead.id, customer.id, at=now)
        if lead.last_contact_at is not None:
            customer_queries.touch_last_contact(session, customer.id, lead.last_contact_at)
        if not queries.change(session, lead.id, {"status": lead_rules.CONVERTED, "customer_id": customer.id,
                                                 "deal_id": deal_id, "converted_at": now, "updated_at": now},
                              only_status=[lead.status]):
            raise RefusedError("lead.changed", id=lead.id, name=_name(lead))
        queries.add_event(session, lead_id=lead.id, kind="convert", by_user_id=who.id, at=now,
                          customer_id=customer.id, deal_id=deal_id)
    return ConvertResult(lead.id, _name(lead), customer.id, customer.name, created, lead.owner, contact_id, deal_id,
                         copied, now)


def _customer_values(lead: Any) -> dict[str, Any]:
    """The customer a lead becomes: its company, or its person for a lead without one.
    The phone and e-mail are the customer's only when there is no contact to hold them."""
    values: dict[str, Any] = {"name": lead.company or lead.contact or f"#{lead.id}", "city": lead.city,
                              "industry": lead.industry, "address": lead.address, "source": lead.source}
    if not lead.contact or not lead.company:
        values |= {"phone": lead.phone, "email": lead.email}
    return values


def _target(session: Session, ctx: Context, lead: Any, ref: str | None, keys: dict[str, Any]) -> tuple[Any, bool]:
    """(the existing customer to convert into, False), or (None, True) to create one; an
    exact duplicate of the new customer is refused, naming it."""
    if ref is not None or lead.customer_id is not None:
        customer = (resolve_customer(session, ref) if ref is not None
                    else customer_queries.get(session, lead.customer_id))
        if ref is None and customer.merged_into_id is not None:  # its customer was merged since the import
            customer = customer_queries.get(session, customer.merged_into_id)
        if customer.archived:
            raise RefusedError("customer.archived", id=customer.id, name=customer.name)
        require_owner(session, ctx, customer.owner_id, action="add_contact", record="customer",
                      record_id=customer.id, record_name=customer.name)
        return customer, False
    duplicates = customer_queries.exact_duplicates(session, keys["name_key"], keys.get("phone_key"),
                                                   keys.get("email_key"))
    if duplicates:
        found = duplicates[0]
        reason = "name" if found.name_key == keys["name_key"] else "phone_or_email"
        raise RefusedError("lead.convert_duplicate", id=lead.id, name=_name(lead), customer_id=found.id,
                           customer=found.name, reason=reason, owner=user_queries.handle_of(session, found.owner_id))
    return None, True


def _create_customer(session: Session, lead: Any, values: dict[str, Any], keys: dict[str, Any], rules: TeamRules,
                     *, by: Actor, now: datetime) -> Any:
    check_cap(session, lead.owner_id, rules, taking="create", acting_id=by.id)
    stored = {name: value for name, value in values.items() if value}
    # The keys of a phone or e-mail the contact holds were checked above but stay the contact's.
    dropped = {f"{field}_key" for field in ("phone", "email") if field not in stored}
    keys = {name: value for name, value in keys.items() if name not in dropped}
    customer_id = customer_queries.create(
        session, **stored, **keys, grade="B", owner_id=lead.owner_id, claimed_at=now, created_at=now,
        created_by_id=by.id, updated_at=now,
    )
    ownership_queries.record_event(session, customer_id=customer_id, kind="create", at=now,
                                   to_user_id=lead.owner_id, by_user_id=by.id)
    return customer_queries.get(session, customer_id)


def _add_contact(session: Session, lead: Any, customer_id: int, now: datetime) -> int | None:
    """The lead's person as a contact of the customer (primary when it has none yet),
    unless the customer already has a live contact of that name."""
    if not lead.contact or not lead.company:
        return None  # a person-customer is the person
    existing = contact_queries.live_of(session, customer_id)
    same = next((c for c in existing if dedupe.person_key(c.name) == lead.contact_key), None)
    if same is not None:
        return same.id
    return contact_queries.create(
        session, customer_id=customer_id, at=now, name=lead.contact, title=lead.title, phone=lead.phone,
        phone_key=lead.phone_key, email=lead.email, email_key=lead.email_key, wechat=lead.wechat,
        is_primary=not existing,
    )


def _add_deal(session: Session, customer_id: int, title: str, amount_cents: int | None, *, owner_id: int, by: Actor,
              rules: TeamRules, now: datetime) -> int:
    """An open deal for the lead's owner in the first stage (its gate applies but for the
    note, as `deal add` does)."""
    first = rules.get("pipeline.stages")[0]
    missing = pipeline.missing(tuple(item for item in first.gate if item != "note"),
                               pipeline.DealFacts(None, amount_cents, None, None))
    if missing:
        raise RefusedError("deal.add_gate", id=None, stage=first.key, stage_name=first.name, missing=missing)
    deal_id = deal_queries.create(
        session, customer_id=customer_id, title=title, amount_cents=amount_cents, stage=first.key,
        status=pipeline.OPEN, close_on=None, owner_id=owner_id, product=None, created_at=now, created_by_id=by.id,
        stage_changed_at=now, updated_at=now,
    )
    deal_queries.add_change(session, deal_id=deal_id, kind=pipeline.CREATE, from_stage=None, to_stage=first.key,
                            at=now, by_user_id=by.id, feedback=None)
    return deal_id


# --------------------------------------------------------------------------- merge


def merge(ctx: Context, keep_ref: str, other_ref: str) -> MergeResult:
    """OTHER's events move to KEEP, KEEP's empty fields are filled from OTHER and their
    extra data combined; OTHER is archived, pointing at KEEP. Nothing is deleted."""
    keep_id, other_id = lead_ref(keep_ref), lead_ref(other_ref)
    if keep_id == other_id:
        raise BadInputError("lead.merge_self", id=keep_id)
    now = ctx.now()
    with ctx.session(write=True) as session:
        keep, other = _load(session, keep_ref), _load(session, other_ref)
        for lead in (keep, other):
            if lead.archived:
                raise RefusedError("lead.archived", id=lead.id, name=_name(lead), merged_into=lead.merged_into_id)
        if other.status == lead_rules.CONVERTED and other.customer_id != keep.customer_id:
            raise RefusedError("lead.merge_converted", id=other.id, name=_name(other), keep=keep.id,
                               customer_id=other.customer_id,
                               customer=queries.customer_name(session, other.customer_id))
        who = _worker(session, ctx, keep, "merge")
        _worker(session, ctx, other, "merge")
        filled = lead_rules.filled_fields(keep._asdict(), other._asdict())
        changes = filled | {
            "extra": lead_rules.merged_extra(keep.extra, other.extra),
            "flags": lead_rules.merged_flags(keep.flags, other.flags),
            "status": lead_rules.merged_status(keep.status, other.status),
            "last_contact_at": max(filter(None, (keep.last_contact_at, other.last_contact_at)), default=None),
            "updated_at": now,
        }
        if not queries.change(session, keep.id, changes, only_status=[keep.status]):
            raise RefusedError("lead.changed", id=keep.id, name=_name(keep))
        moved = queries.move_events(session, other.id, keep.id)
        if not queries.change(session, other.id, {"archived": True, "merged_into_id": keep.id, "updated_at": now},
                              only_status=[other.status]):
            raise RefusedError("lead.changed", id=other.id, name=_name(other))
        queries.add_event(session, lead_id=keep.id, kind="merge", by_user_id=who.id, at=now, other_lead_id=other.id,
                          summary=_name(other))
    shown = [name for name in filled if not name.endswith("_key") and name != "customer_id"]
    return MergeResult(keep.id, _name(keep), other.id, moved, shown, now)
