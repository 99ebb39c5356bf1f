"""Customer use cases: add (with dedupe), list, show, edit, archive, restore.

Dedupe (docs/identity-and-dedupe.md): an exact match on the normalized name, phone or
email is refused unless forced; near names are reported. The check and the insert run
under locks on the keys and the owner (store/locks.py), so two reps adding the same
company at the same moment leave one customer, and the ownership cap holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from salescli.core.errors import BadInputError, Notice, RefusedError
from salescli.domain import dedupe, pinyin
from salescli.domain.codes import DEFAULT_GRADE, GRADES
from salescli.services.access import require_owner
from salescli.services.contacts import ContactView, contact_view
from salescli.services.context import Context
from salescli.services.deals import customer_deals, customer_receivable
from salescli.services.follow_ups import FollowUpView, follow_up_view, task_order
from salescli.services.history import PoolStanding, pool_standing
from salescli.services.input import check_email, check_phone, clean_tags, clean_text, parse_grade, parse_size
from salescli.services.lookup import resolve_customer
from salescli.services.ownership import check_cap
from salescli.services.pool import ensure_recycled, recycle_now
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as queries
from salescli.store.queries import follow_ups as follow_up_queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import users as user_queries

EDITABLE = ("name", "industry", "size", "city", "address", "source", "grade", "phone", "email", "notes")
SORTS = ("name", "last_contact", "created")
SCOPES = ("mine", "all", "archived")


@dataclass
class CustomerInput:
    """What a rep typed, as typed: the service cleans and checks it. None means "not
    given"; on edit an empty string clears an optional field."""

    name: str | None = None
    industry: str | None = None
    size: str | None = None
    city: str | None = None
    address: str | None = None
    source: str | None = None
    grade: str | None = None
    phone: str | None = None
    email: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    contact: str | None = None


@record
class CustomerSummary(Record):
    id: int
    name: str
    grade: str
    industry: str | None
    size: str | None
    city: str | None
    address: str | None
    source: str | None
    phone: str | None
    email: str | None
    tags: list[str]
    owner: str | None
    claimed_at: datetime | None
    last_contact_at: datetime | None
    created_at: datetime
    archived: bool
    notes: str | None


@record
class SimilarCustomer(Record):
    id: int
    name: str
    score: int
    reason: str  # domain/dedupe.py NEAR_REASONS: one_character, two_characters, sounds_same


@record
class AddResult(Record):
    customer: CustomerSummary
    similar: list[SimilarCustomer]

    def to_json(self) -> dict[str, Any]:
        return self.customer.to_json() | {"similar": [s.to_json() for s in self.similar]}


@record
class CustomerRow(Record):
    """One line of `customer list`."""

    id: int
    name: str
    grade: str
    city: str | None
    industry: str | None
    size: str | None
    source: str | None
    phone: str | None
    email: str | None
    last_contact_at: datetime | None
    created_at: datetime
    archived: bool
    tags: list[str]
    owner: str | None
    next_due_on: date | None
    open_tasks: int


@record
class OwnershipEventView(Record):
    id: int
    kind: str
    at: datetime
    from_user: str | None
    to_user: str | None
    by_user: str | None
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "at": self.at, "from": self.from_user, "to": self.to_user,
                "by": self.by_user, "reason": self.reason}


@record
class CustomerCard(CustomerSummary):
    """`customer show`: the summary, contacts, open tasks, the whole follow-up timeline
    (newest first) and the ownership history (oldest first)."""

    contacts: list[ContactView]
    open_tasks: list[FollowUpView]
    timeline: list[FollowUpView]
    ownership: list[OwnershipEventView]
    deals: list[Any]  # services/deals.py DealRow, open ones first
    stage_changes: list[Any]  # the deals' StageChangeView, newest first
    receivable: Any  # services/payments.py Receivable over the customer's deals
    pool: PoolStanding | None  # None for an owned customer (docs/ownership.md)
    merged_into: dict[str, Any] | None = None  # {id, name}: archived by `customer merge` into it (docs/merge.md)


@dataclass
class ListFilter:
    scope: str = "mine"  # mine | all | archived
    grade: str | None = None
    city: str | None = None
    industry: str | None = None
    tags: list[str] = field(default_factory=list)
    search: str | None = None
    sort: str = "name"
    limit: int | None = None


# --------------------------------------------------------------------------- cleaning input


@dataclass
class _Clean:
    """Checked fields of a CustomerInput: only those given (on edit, "" clears)."""

    values: dict[str, Any]
    tags: list[str]
    contact: str | None


def _clean(data: CustomerInput, *, adding: bool) -> _Clean:
    values: dict[str, Any] = {}
    if adding or data.name is not None:
        name = clean_text(data.name, "customer_name")
        if not name:
            raise BadInputError("customer.name_empty")
        values["name"] = name
    for key in ("industry", "city", "address", "source"):
        raw = getattr(data, key)
        if raw is not None:
            values[key] = clean_text(raw, key)
    if data.size is not None:
        values["size"] = parse_size(data.size)
    if data.grade is not None:
        values["grade"] = parse_grade(data.grade)
    elif adding:
        values["grade"] = DEFAULT_GRADE
    if data.phone is not None:
        values["phone"] = check_phone(data.phone)
    if data.email is not None:
        values["email"] = check_email(data.email)
    if data.notes is not None:
        values["notes"] = clean_text(data.notes, "notes")
    return _Clean(values, clean_tags(data.tags), clean_text(data.contact, "contact_name"))


def identity_keys(values: dict[str, Any], region: str) -> dict[str, Any]:
    """The dedupe and search keys of the identity fields given (imports compute them here too)."""
    keys: dict[str, Any] = {}
    if "name" in values:
        keys["name_key"] = dedupe.name_key(values["name"])
        keys["name_key_rev"] = keys["name_key"][::-1]
        keys["name_pinyin"], keys["name_initials"] = pinyin.pinyin_keys(values["name"])
    if "phone" in values:
        keys["phone_key"] = dedupe.phone_key(values["phone"], region)
    if "email" in values:
        keys["email_key"] = dedupe.email_key(values["email"])
    return keys


def key_locks(keys: dict[str, Any]) -> list[locks.LockName | None]:
    """The locks that serialise writers of a customer with these keys (docs/concurrency.md)."""
    return [
        locks.name_key(keys["name_key"]) if keys.get("name_key") else None,
        locks.phone_key(keys["phone_key"]) if keys.get("phone_key") else None,
        locks.email_key(keys["email_key"]) if keys.get("email_key") else None,
    ]


# --------------------------------------------------------------------------- dedupe


def _similar(session: Session, keys: dict[str, Any], exclude: set[int]) -> list[SimilarCustomer]:
    """Near names by a few bounded index probes, never every name (services/duplicates.py)."""
    from salescli.services.duplicates import near_customers

    return [SimilarCustomer(c.id, c.name, c.score, c.reason)
            for c in near_customers(session, keys["name_key"], keys.get("name_pinyin"), exclude)]


def _match_reason(session: Session, customer: Any, keys: dict[str, Any]) -> str:
    """Which dedupe key matched (name, phone or email), so the rep knows what to check."""
    if keys.get("name_key") and customer.name_key == keys["name_key"]:
        return "name"
    phone = keys.get("phone_key")
    contacts = contact_queries.keys_of(session, customer.id)
    if phone and (customer.phone_key == phone or any(p == phone for p, _e in contacts)):
        return "phone"
    return "email"


def _duplicate(session: Session, customer: Any) -> dict[str, Any]:
    """The facts that let a rep recognise an existing record."""
    return {
        "id": customer.id, "name": customer.name, "owner": user_queries.handle_of(session, customer.owner_id),
        "city": customer.city, "phone": customer.phone, "email": customer.email, "archived": customer.archived,
        "contacts": [
            {"name": c.name, "phone": c.phone, "email": c.email}
            for c in contact_queries.live_of(session, customer.id)[:3]
        ],
    }


def _refuse_duplicates(session: Session, code: str, name: str | None, keys: dict[str, Any],
                       duplicates: list[Any]) -> None:
    first = duplicates[0]
    raise RefusedError(
        code, name=name, id=first.id, existing=first.name, reason=_match_reason(session, first, keys),
        matches=[_duplicate(session, c) for c in duplicates],
    )


# --------------------------------------------------------------------------- use cases


def add_customer(ctx: Context, data: CustomerInput, *, force: bool = False) -> AddResult:
    """A new customer owned by the acting rep; a primary contact too when `contact` is
    given (who gets the same phone and email)."""
    clean = _clean(data, adding=True)
    now = ctx.now()
    with ctx.session(write=True) as session:
        rules = team_rules(session)
        keys = identity_keys(clean.values, rules.get("import.default_region"))
        user_id = ctx.user_id
        locks.hold(session, *key_locks(keys), locks.owner(user_id))
        duplicates = queries.exact_duplicates(session, keys["name_key"], keys.get("phone_key"), keys.get("email_key"))
        if duplicates and not force:
            _refuse_duplicates(session, "customer.duplicate", clean.values["name"], keys, duplicates)
        similar = _similar(session, keys, {c.id for c in duplicates})
        recycle_now(session, now, rules)
        check_cap(session, user_id, rules)
        # With a primary contact, the phone and email are the contact's *and* stay the
        # customer's main ones: a rep who typed them expects to see them on the card and
        # in the customer's JSON (docs/identity-and-dedupe.md).
        values = clean.values | keys
        on_contact = clean.contact is not None
        customer_id = queries.create(
            session, **values, owner_id=user_id, claimed_at=now, created_at=now, created_by_id=user_id, updated_at=now,
        )
        queries.add_tags(session, customer_id, clean.tags)
        if on_contact:
            contact_queries.create(
                session, customer_id=customer_id, at=now, name=clean.contact, phone=clean.values.get("phone"),
                phone_key=keys.get("phone_key"), email=clean.values.get("email"), email_key=keys.get("email_key"),
                is_primary=True,
            )
        ownership_queries.record_event(
            session, customer_id=customer_id, kind="create", at=now, to_user_id=user_id, by_user_id=user_id,
        )
        customer = queries.get(session, customer_id)
        summary = _summary(session, customer)
    return AddResult(customer=summary, similar=similar)


def _summary_values(session: Session, customer: Any) -> dict[str, Any]:
    return {
        "id": customer.id, "name": customer.name, "grade": customer.grade, "industry": customer.industry,
        "size": customer.size, "city": customer.city, "address": customer.address, "source": customer.source,
        "phone": customer.phone, "email": customer.email, "tags": queries.tags_of(session, customer.id),
        "owner": user_queries.handle_of(session, customer.owner_id), "claimed_at": customer.claimed_at,
        "last_contact_at": customer.last_contact_at, "created_at": customer.created_at,
        "archived": customer.archived, "notes": customer.notes,
    }


def _summary(session: Session, customer: Any) -> CustomerSummary:
    return CustomerSummary(**_summary_values(session, customer))


def list_customers(ctx: Context, flt: ListFilter) -> Iterator[CustomerRow]:
    """One SQL query: filters, the next open task and the tags come back per row.

    The input is checked at once; the rows stream as they are read (a big `--all
    --json` listing is written row by row), inside one read transaction that ends when
    the iteration does.
    """
    if flt.scope not in SCOPES:
        raise BadInputError("customer.bad_scope", value=flt.scope, allowed=SCOPES)
    sort = (flt.sort or "name").strip().lower()
    if sort not in SORTS:
        raise BadInputError("customer.bad_sort", value=flt.sort, allowed=SORTS)
    if flt.limit is not None and flt.limit < 1:
        raise BadInputError("listing.bad_limit", value=flt.limit)
    grade = parse_grade(flt.grade) if flt.grade else None
    search = clean_text(flt.search, "search")
    owner_id = ctx.user_id if flt.scope == "mine" else None
    filters = {
        "owner_id": owner_id, "archived": flt.scope == "archived", "grade": grade,
        "city": clean_text(flt.city, "city"), "industry": clean_text(flt.industry, "industry"),
        "tags": [t.strip() for t in flt.tags], "search": search,
        "search_key": dedupe.name_key(search) if search else None, "pinyin_key": pinyin.query_key(search),
        "sort": sort, "limit": flt.limit,
    }
    ensure_recycled(ctx)
    return _listing_rows(ctx, filters)


def _listing_rows(ctx: Context, filters: dict[str, Any]) -> Iterator[CustomerRow]:
    width = len(queries.LIST_FIELDS)
    with ctx.session() as session:
        for row in queries.listing(session, **filters):
            tags = row[width + 3]
            yield CustomerRow(
                *row[:width], sorted(tags.split("\x1f")) if tags else [], row[width], row[width + 1],
                row[width + 2] or 0,
            )


def customer_card(ctx: Context, ref: str) -> CustomerCard:
    """Fields, contacts, open tasks, ownership history and the full follow-up timeline."""
    ensure_recycled(ctx)
    with ctx.session() as session:
        customer = resolve_customer(session, ref)
        values = _summary_values(session, customer)
        contacts = [contact_view(c, customer.name) for c in contact_queries.live_of(session, customer.id)]
        timeline = [
            follow_up_view(f, f.author_handle, f.contact_name) for f in follow_up_queries.timeline(session, customer.id)
        ]
        ownership = [
            OwnershipEventView(e.id, e.kind, e.at, e.from_handle, e.to_handle, e.by_handle, e.reason)
            for e in ownership_queries.history(session, customer.id)
        ]
        now = ctx.now()
        deals, stage_changes = customer_deals(session, customer.id, now)
        receivable = customer_receivable(session, customer.id, now.date()) if deals else None
        pool = pool_standing(session, customer, [f.happened_at for f in timeline], now)
        merged = None
        if customer.merged_into_id is not None:  # rare: the merge module is read only then
            from salescli.services.merge import merged_into

            merged = merged_into(session, customer.id)
    open_tasks = sorted(
        (t for t in timeline if t.due_on is not None and t.closed_at is None), key=task_order
    )
    return CustomerCard(**values, contacts=contacts, open_tasks=open_tasks, timeline=timeline, ownership=ownership,
                        deals=deals, stage_changes=stage_changes, receivable=receivable, pool=pool,
                        merged_into=merged)


def edit_customer(
    ctx: Context, ref: str, data: CustomerInput, *, remove_tags: list[str] | None = None, force: bool = False
) -> CustomerSummary:
    """Change only what was given; an empty value clears an optional field (never the
    name or the grade)."""
    clean = _clean(data, adding=False)
    if "grade" in clean.values and clean.values["grade"] is None:
        raise BadInputError("customer.bad_grade", value=data.grade, allowed=GRADES)
    untag = {t.strip() for t in remove_tags or [] if t.strip()}
    if not clean.values and not clean.tags and not untag:
        raise BadInputError("edit.nothing")
    now = ctx.now()
    with ctx.session(write=True) as session:
        rules = team_rules(session)
        keys = identity_keys(clean.values, rules.get("import.default_region"))
        locks.hold(session, *key_locks(keys))
        customer = resolve_customer(session, ref)
        require_owner(session, ctx, customer.owner_id, action="edit", record="customer", record_id=customer.id,
                      record_name=customer.name)
        if not force:
            duplicates = queries.exact_duplicates(
                session, keys.get("name_key"), keys.get("phone_key"), keys.get("email_key"), exclude=customer.id,
            )
            if duplicates:
                _refuse_duplicates(session, "customer.edit_duplicate", clean.values.get("name"), keys, duplicates)
        has = sorted(queries.tags_of(session, customer.id)) if untag else []
        missing = sorted(untag - set(has))
        if missing:
            # Removing a tag the customer does not have is most likely a typo: say so, and
            # when it was all the command asked for, change nothing.
            problem = {"id": customer.id, "name": customer.name, "tags": missing, "has": has}
            if not clean.values and not clean.tags and untag <= set(missing):
                raise BadInputError("customer.no_such_tag", **problem)
            ctx.notify(Notice("customer.no_such_tag", **problem))
        if keys.get("name_key") and keys["name_key"] != customer.name_key:  # a new name: near ones are told
            similar = _similar(session, keys, {customer.id})
            if similar:
                ctx.notify(Notice("customer.near_names", id=customer.id, name=clean.values["name"],
                                  similar=[s.to_json() for s in similar]))
        queries.change(session, customer.id, clean.values | keys | {"updated_at": now})
        queries.add_tags(session, customer.id, clean.tags)
        queries.remove_tags(session, customer.id, untag)
        return _summary(session, queries.get(session, customer.id))


def set_archived(ctx: Context, ref: str, archived: bool) -> CustomerSummary:
    now = ctx.now()
    with ctx.session(write=True) as session:
        customer = resolve_customer(session, ref)
        if not archived and customer.owner_id is not None:
            locks.hold(session, locks.owner(customer.owner_id))
        require_owner(session, ctx, customer.owner_id, action="archive" if archived else "restore",
                      record="customer", record_id=customer.id, record_name=customer.name)
        if customer.archived == archived:
            raise RefusedError("customer.already_archived" if archived else "customer.not_archived",
                               id=customer.id, name=customer.name)
        if not archived and customer.owner_id is not None:
            # Archived customers do not count toward the cap, so bringing one back is taking one more.
            check_cap(session, customer.owner_id, team_rules(session), taking="restore", acting_id=ctx.user_id)
        queries.change(session, customer.id, {"archived": archived, "archived_at": now if archived else None,
                                              "updated_at": now})
        return _summary(session, queries.get(session, customer.id))
