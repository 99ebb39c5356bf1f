"""The public pool (公海) use cases: rules, listing, claim, release, lock, and recycling
(docs/pool.md).

Recycling is applied lazily: a write that reads ownership calls `recycle_now` inside its
own transaction; a read calls `ensure_recycled` first, which checks cheaply whether
anything is due and only then runs a short write transaction (a read transaction on
SQLite cannot become a write one safely). `pool sweep` is the explicit form.

Concurrency (docs/concurrency.md): a claim is a conditional UPDATE ("still in the pool"),
taken under the claimer's owner lock so the cap and the daily limit are counted with
nobody else adding to them; a sweep locks the rows it moves on PostgreSQL (`FOR UPDATE`)
and is serialised by `BEGIN IMMEDIATE` on SQLite, so a recycle and a claim never both
act on one customer and no event is written twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from salescli.core.clock import start_of_day, to_local
from salescli.core.errors import BadInputError, RefusedError
from salescli.core.settings import SETTINGS
from salescli.domain import dedupe, pinyin
from salescli.domain.pool import (
    EXEMPT_WON_DAYS,
    RULES,
    claims_left_today,
    cooldown_ends,
    recycle_cutoffs,
    recycle_due,
    recycle_reason,
)
from salescli.services.access import actor, require_owner
from salescli.services.context import Context
from salescli.services.input import clean_text, parse_grade, parse_size
from salescli.services.lookup import resolve_customer
from salescli.services.ownership import OwnerChange
from salescli.services.records import Record, record
from salescli.services.settings import TeamRules, pool_rules_in_force, team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import pool as queries
from salescli.store.queries import transfers as transfer_queries
from salescli.store.queries import users as user_queries
from salescli.store.queries.pool import DueRule

POOL_KEYS = tuple(key for key in SETTINGS if key.startswith("pool."))


# --------------------------------------------------------------------------- recycling


def exempt_stages(rules: TeamRules) -> list[str]:
    """The open stages whose deals keep a customer: `negotiation` and any stage after it;
    a team without a `negotiation` stage protects its last open stage."""
    keys = [stage.key for stage in rules.get("pipeline.stages")]
    if "negotiation" in keys:
        return keys[keys.index("negotiation"):]
    return keys[-1:]


def due_rules(rules: TeamRules, now: datetime) -> list[DueRule]:
    recycle = rules.recycle_rules()
    stages, won_since = exempt_stages(rules), now - timedelta(days=EXEMPT_WON_DAYS)
    found = []
    for rule in RULES:
        cutoffs = recycle_cutoffs(recycle, rule, now)
        reasons = {grade: recycle_reason(rule, recycle.days(rule, grade)) for grade in cutoffs}
        found.append(DueRule(rule, cutoffs, reasons, stages, won_since, rules.counting_since()))
    return found


def recycle_now(session: Session, now: datetime, rules: TeamRules | None = None) -> int:
    """Apply every due recycle inside the caller's write transaction; how many moved.
    Nothing happens while the pool rules are not in force."""
    rules = rules or team_rules(session)
    if not pool_rules_in_force(session, rules):
        return 0
    dues = due_rules(rules, now)
    if not queries.any_due(session, dues):  # the usual case: one cheap statement
        return 0
    moved = 0
    for due in dues:  # no_follow_up first: when both rules apply, it names the event
        moved += queries.recycle(session, due, at=now)
    return moved


def ensure_recycled(ctx: Context) -> None:
    """Before a read: apply due recycles when there are any, in a short write transaction
    of their own (docs/pool.md: lazy recycling)."""
    now = ctx.now()
    with ctx.session() as session:
        rules = team_rules(session)
        if not pool_rules_in_force(session, rules) or not queries.any_due(session, due_rules(rules, now)):
            return
    with ctx.session(write=True) as session:
        recycle_now(session, now)


@record
class SweepItem(Record):
    customer_id: int
    customer: str
    grade: str
    owner: str
    rule: str
    days: int
    since: datetime  # what the countdown counted from


@record
class SweepResult(Record):
    dry_run: bool
    at: datetime
    in_force: bool
    items: list[SweepItem]


def sweep(ctx: Context, *, dry_run: bool = False) -> SweepResult:
    """Every customer due for recycling, under which rule; moved unless `dry_run`."""
    now = ctx.now()
    with ctx.session(write=not dry_run) as session:
        rules = team_rules(session)
        in_force = pool_rules_in_force(session, rules)
        items: list[SweepItem] = []
        if in_force:
            recycle = rules.recycle_rules()
            seen: set[int] = set()
            for due in due_rules(rules, now):
                rows = queries.due_rows(session, due, lock=not dry_run)
                for row in rows:
                    if row.id in seen:
                        continue
                    seen.add(row.id)
                    since = max(m for m in (row.claimed_at or row.created_at, row.recycle_from, due.counting_since,
                                            row.last_contact_at if due.rule == "no_follow_up" else None) if m)
                    items.append(SweepItem(row.id, row.name, row.grade, row.owner, due.rule,
                                           recycle.days(due.rule, row.grade), since))
                if not dry_run:  # the rows just read (and locked): no second look for what is due
                    queries.move_to_pool(session, due, [row.id for row in rows], at=now)
    return SweepResult(dry_run, now, in_force, items)


@record
class RecycleWarningItem(Record):
    customer_id: int
    customer: str
    grade: str
    rule: str
    days: int
    due_at: datetime
    days_left: int


def recycle_warnings(session: Session, owner_id: int, rules: TeamRules, at: datetime) -> list[RecycleWarningItem]:
    """The owner's customers that return to the pool within `pool.warn_days`, soonest
    first: the agenda's warning section (a rep's book is small, so per customer)."""
    if not pool_rules_in_force(session, rules):
        return []
    recycle = rules.recycle_rules()
    horizon = at + timedelta(days=rules.get("pool.warn_days"))
    won_since = at - timedelta(days=EXEMPT_WON_DAYS)
    counting_since = rules.counting_since()
    items = []
    for row in queries.owned_for_warnings(session, owner_id, exempt_stages(rules), won_since):
        due, rule = recycle_due(recycle, claimed_at=row.claimed_at or row.created_at,
                                last_follow_up=row.last_contact_at, has_won_deal=bool(row.won_since_claim),
                                grade=row.grade, recycle_from=max(filter(None, (row.recycle_from, counting_since)),
                                                                  default=None))
        if due <= horizon:
            left = (to_local(due).date() - to_local(at).date()).days
            items.append(RecycleWarningItem(row.id, row.name, row.grade, rule, recycle.days(rule, row.grade), due,
                                            max(0, left)))
    return sorted(items, key=lambda item: (item.due_at, item.customer_id))


# --------------------------------------------------------------------------- rules


@record
class PoolRuleView(Record):
    key: str
    value: Any
    default: Any
    is_set: bool
    help: str


@record
class PoolRulesView(Record):
    in_force: bool
    why: str  # enabled | disabled | team | solo: what decides whether the rules are in force
    active_users: int
    counting_since: datetime | None  # recycle countdowns count from here at the earliest (docs/pool.md)
    rules: list[PoolRuleView]


def pool_rules(ctx: Context) -> PoolRulesView:
    with ctx.session() as session:
        rules = team_rules(session)
        active = user_queries.count_users(session, active_only=True)
        in_force = pool_rules_in_force(session, rules)
        enabled = rules.get("pool.enabled")
        why = ("enabled" if enabled else "disabled") if enabled is not None else ("team" if in_force else "solo")
        views = [PoolRuleView(key, rules.get(key), SETTINGS[key].default, rules.is_set(key), SETTINGS[key].help)
                 for key in POOL_KEYS]
    return PoolRulesView(in_force, why, active, rules.counting_since() if in_force else None, views)


# --------------------------------------------------------------------------- listing


@dataclass
class PoolFilter:
    industry: str | None = None
    size: str | None = None
    city: str | None = None
    grade: str | None = None
    search: str | None = None
    limit: int | None = None


@record
class PoolRow(Record):
    id: int
    name: str
    grade: str
    industry: str | None
    size: str | None
    city: str | None
    last_contact_at: datetime | None
    created_at: datetime
    left: str | None  # release | recycle | None (never owned, e.g. imported into the pool)
    left_at: datetime | None
    last_owner: str | None
    reason: str | None  # the release reason typed, or the recycle rule ("no_follow_up:15")
    follow_ups: int
    pooled_at: datetime  # since when it is in the pool: the departure, else its creation
    days_in_pool: int


def list_pool(ctx: Context, flt: PoolFilter) -> Iterator[PoolRow]:
    """The live pool customers, name order, streamed: filters checked now, due recycles
    applied first (they add to the pool)."""
    if flt.limit is not None and flt.limit < 1:
        raise BadInputError("listing.bad_limit", value=flt.limit)
    search = clean_text(flt.search, "search")
    filters = {
        "grade": parse_grade(flt.grade) if flt.grade else None,
        "size": parse_size(flt.size) if flt.size else None,
        "city": clean_text(flt.city, "city"), "industry": clean_text(flt.industry, "industry"),
        "search": search, "search_key": dedupe.name_key(search) if search else None,
        "pinyin_key": pinyin.query_key(search), "limit": flt.limit,
    }
    if flt.grade and filters["grade"] is None:
        raise BadInputError("customer.bad_grade", value=flt.grade, allowed=("A", "B", "C"))
    ensure_recycled(ctx)
    return _pool_rows(ctx, filters)


def days_in_pool(since: datetime, now: datetime) -> int:
    """Calendar days in the reader's zone, as "3 days ago" counts them: the same number on
    the card and in the listing."""
    return max(0, (to_local(now).date() - to_local(since).date()).days)


def _pool_rows(ctx: Context, filters: dict[str, Any]) -> Iterator[PoolRow]:
    now = ctx.now()
    with ctx.session() as session:
        for row in queries.listing(session, **filters):
            *fields, left, left_at, last_owner, reason, follow_ups = row
            pooled_at = left_at or fields[7]
            yield PoolRow(*fields, left, left_at, last_owner, reason, follow_ups or 0, pooled_at,
                          days_in_pool(pooled_at, now))


# --------------------------------------------------------------------------- claim and release


@record
class ClaimedItem(Record):
    id: int
    name: str


@record
class ClaimResult(Record):
    claimed: list[ClaimedItem]
    owned: int
    cap: int | None  # None while the pool rules are not in force
    claims_today: int
    claims_per_day: int | None


def _day_start(now: datetime) -> datetime:
    return start_of_day(to_local(now).date())


def _next_day(now: datetime) -> datetime:
    return start_of_day(to_local(now).date() + timedelta(days=1))


def claim(ctx: Context, refs: list[str]) -> ClaimResult:
    """Take pool customers, all or none: each must be in the pool, and the claimer within
    the cap, the day's claim limit and the reclaim cool-down (when the rules are in force)."""
    refs = [ref for ref in refs if ref.strip()]
    if not refs:
        raise BadInputError("customer.ref_required")
    now = ctx.now()
    with ctx.session(write=True) as session:
        me = ctx.user_id
        locks.hold(session, locks.owner(me))
        rules = team_rules(session)
        recycle_now(session, now, rules)
        actor(session, ctx)  # a deactivated user claims nothing
        customers: dict[int, Any] = {}
        for ref in refs:
            customer = resolve_customer(session, ref)
            customers.setdefault(customer.id, customer)
        in_force = pool_rules_in_force(session, rules)
        claimed_today = queries.claims_since(session, me, _day_start(now)) if in_force else 0
        if in_force:
            _check_claims(session, me, rules, list(customers.values()), claimed_today, now)
        for customer in customers.values():
            _claimable(session, me, customer)
            if in_force:
                _check_cooldown(session, me, rules, customer, now)
        # Rows are taken in id order: two reps naming the same customers in another order
        # would otherwise each hold one row the other waits for (a deadlock on PostgreSQL).
        for customer in sorted(customers.values(), key=lambda c: c.id):
            if not ownership_queries.set_owner(session, customer.id, me, at=now, only_from=None):
                # Taken since it was read (PostgreSQL, READ COMMITTED): say by whom.
                _claimable(session, me, customer_queries.get(session, customer.id))
            ownership_queries.record_event(session, customer_id=customer.id, kind="claim", at=now, to_user_id=me,
                                           by_user_id=me)
        owned = queries.capped_count(session, me, counts_won=rules.get("pool.cap_counts_won"))
    return ClaimResult(
        [ClaimedItem(c.id, c.name) for c in customers.values()], owned,
        rules.get("pool.max_owned") if in_force else None, claimed_today + len(customers),
        rules.get("pool.claims_per_day") if in_force else None,
    )


def _claimable(session: Session, me: int, customer: Any) -> None:
    if customer.owner_id is not None:
        raise RefusedError("pool.already_owned", id=customer.id, name=customer.name, own=customer.owner_id == me,
                           owner=user_queries.handle_of(session, customer.owner_id))
    if customer.archived:
        raise RefusedError("pool.claim_archived", id=customer.id, name=customer.name)


def _check_claims(session: Session, me: int, rules: TeamRules, customers: list[Any], claimed_today: int,
                  now: datetime) -> None:
    """The cap and the daily limit, for the whole batch at once."""
    limit = rules.get("pool.claims_per_day")
    wanted = len(customers)
    if wanted > claims_left_today(claimed_today, limit):
        raise RefusedError("pool.daily_limit", claimed=claimed_today, limit=limit, wanted=wanted,
                           allowed_at=_next_day(now))
    cap = rules.get("pool.max_owned")
    owned = queries.capped_count(session, me, counts_won=rules.get("pool.cap_counts_won"))
    if owned + wanted > cap:
        raise RefusedError("pool.cap_reached", owned=owned, cap=cap, taking="claim", wanted=wanted,
                           handle=user_queries.handle_of(session, me), own=True)


def _check_cooldown(session: Session, me: int, rules: TeamRules, customer: Any, now: datetime) -> None:
    left = queries.last_left(session, customer.id, me)
    if left is None:
        return
    ends = cooldown_ends(left.at, rules.get("pool.reclaim_cooldown_days"))
    if now < ends:
        raise RefusedError("pool.cooldown", id=customer.id, name=customer.name, left=left.kind, at=left.at,
                           allowed_at=ends)


def release(ctx: Context, ref: str, reason: str | None) -> OwnerChange:
    """Return a customer to the pool with the reason the next rep will read; its open
    tasks stop being the old owner's."""
    text = clean_text(reason, "ownership_reason")
    if not text:
        raise BadInputError("pool.reason_required")
    now = ctx.now()
    with ctx.session(write=True) as session:
        recycle_now(session, now)
        customer = resolve_customer(session, ref)
        if customer.owner_id is None:
            raise RefusedError("pool.already_in_pool", id=customer.id, name=customer.name)
        who = require_owner(session, ctx, customer.owner_id, action="release", record="customer",
                            record_id=customer.id, record_name=customer.name)
        owner = customer.owner_id
        if not ownership_queries.set_owner(session, customer.id, None, at=now, only_from=owner):
            raise RefusedError("ownership.changed", id=customer.id, name=customer.name)
        ownership_queries.record_event(session, customer_id=customer.id, kind="release", at=now,
                                       from_user_id=owner, by_user_id=who.id, reason=text)
        transfer_queries.move_customer_tasks(session, customer.id, owner, None)  # unassigned
        return OwnerChange(customer.id, customer.name, "release", user_queries.handle_of(session, owner), None,
                           who.handle, now, text)


# --------------------------------------------------------------------------- locks


@record
class LockResult(Record):
    id: int
    name: str
    owner: str
    locked: bool
    locked_count: int
    max_locked: int | None  # None while the pool rules are not in force


def set_locked(ctx: Context, ref: str, locked: bool) -> LockResult:
    """Lock a customer against recycling (within `pool.max_locked` of its owner's), or
    unlock it; unlocking restarts its countdowns, so it is not lost the same minute."""
    now = ctx.now()
    with ctx.session(write=True) as session:
        customer = resolve_customer(session, ref)
        if customer.owner_id is None:
            raise RefusedError("pool.lock_pool_customer", id=customer.id, name=customer.name)
        locks.hold(session, locks.owner(customer.owner_id))
        rules = team_rules(session)
        recycle_now(session, now, rules)
        customer = customer_queries.get(session, customer.id)
        if customer.owner_id is None:  # recycled just now: it was due
            raise RefusedError("pool.lock_pool_customer", id=customer.id, name=customer.name)
        require_owner(session, ctx, customer.owner_id, action="lock" if locked else "unlock", record="customer",
                      record_id=customer.id, record_name=customer.name)
        if (customer.locked_at is not None) == locked:
            raise RefusedError("pool.already_locked" if locked else "pool.not_locked", id=customer.id,
                               name=customer.name)
        in_force = pool_rules_in_force(session, rules)
        cap = rules.get("pool.max_locked") if in_force else None
        count = queries.locked_count(session, customer.owner_id)
        if locked and cap is not None and count + 1 > cap:
            raise RefusedError("pool.lock_cap", locked=count, cap=cap, id=customer.id, name=customer.name,
                               owner=user_queries.handle_of(session, customer.owner_id),
                               own=customer.owner_id == ctx.user_id)
        queries.set_lock(session, customer.id, at=now if locked else None, restart=None if locked else now)
        return LockResult(customer.id, customer.name, user_queries.handle_of(session, customer.owner_id), locked,
                          count + (1 if locked else -1), cap)
