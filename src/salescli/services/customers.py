"""Customer use cases: add (with dedupe), list, show, edit, archive, restore."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.core.i18n import _
from salescli.domain import dedupe
from salescli.domain.codes import GRADES, SIZES
from salescli.services.context import Context
from salescli.services.lookup import resolve_customer
from salescli.services.ownership import check_cap
from salescli.store.engine import Session
from salescli.store.models import Contact, Customer, FollowUp
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as queries
from salescli.store.queries import follow_ups as follow_up_queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import users as user_queries

EDITABLE = ("name", "industry", "size", "city", "address", "source", "grade", "phone", "email", "notes")
SORTS = ("name", "last_contact", "created")


@dataclass
class CustomerInput:
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


@dataclass
class AddResult:
    customer: dict[str, Any]
    similar: list[dict[str, Any]]


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    return value or None


def _validate(data: CustomerInput, *, adding: bool) -> None:
    if (adding or data.name is not None) and not _clean(data.name):
        raise BadInputError(_("The customer name cannot be empty."))
    if data.grade is not None and data.grade.upper() not in GRADES:
        raise BadInputError(_("Grade must be A, B or C, not {value!r}.").format(value=data.grade))
    if data.size:
        data.size = data.size.strip().lower()
    if data.size and data.size not in SIZES:
        raise BadInputError(
            _("Size must be one of {allowed}, not {value!r}.").format(
                allowed=", ".join(SIZES), value=data.size
            )
        )
    if data.email and not dedupe.looks_like_email(data.email):
        raise BadInputError(_("Not an email address: {value!r}.").format(value=data.email))
    if data.phone and not dedupe.looks_like_phone(data.phone):
        raise BadInputError(_("Not a phone number: {value!r}.").format(value=data.phone))
    for tag in data.tags:
        if not tag.strip():
            raise BadInputError(_("A tag cannot be empty."))


def _similar(session: Session, key: str, exclude: set[int]) -> list[dict[str, Any]]:
    found = dedupe.similar_names(key, ((i, k) for i, k in queries.live_name_keys(session) if i not in exclude))
    if not found:
        return []
    names = queries.names_by_id(session, [i for i, _ in found])
    return [{"id": i, "name": names[i], "score": round(score)} for i, score in found]


def _match_reason(
    session: Session, customer: Customer, key: str | None, phone: str | None, email: str | None
) -> str:
    """Which dedupe key matched, so the rep knows what to check."""
    if key and customer.name_key == key:
        return _("same name")
    contacts = contact_queries.keys_of(session, customer.id)
    if phone and (customer.phone_key == phone or any(p == phone for p, _e in contacts)):
        return _("same phone")
    return _("same email")


def _duplicate_details(session: Session, customer: Customer) -> list[str]:
    owner = user_queries.handle_of(session, customer.owner_id) or _("in the pool")
    lines = [f"  #{customer.id} {customer.name}"]
    facts = [
        (_("owner"), owner),
        (_("city"), customer.city),
        (_("phone"), customer.phone),
        (_("email"), customer.email),
        (_("status"), _("archived") if customer.archived else None),
    ]
    lines += [f"    {label}: {value}" for label, value in facts if value]
    contacts = contact_queries.live_of(session, customer.id)[:3]
    lines += [f"    {_('contact')}: " + ", ".join(v for v in (c.name, c.phone, c.email) if v) for c in contacts]
    return lines


def add_customer(ctx: Context, data: CustomerInput, *, force: bool = False) -> AddResult:
    _validate(data, adding=True)
    name = _clean(data.name) or ""
    region = ctx.setting("import.default_region")
    key = dedupe.name_key(name)
    phone_key = dedupe.phone_key(data.phone, region)
    email_key = dedupe.email_key(data.email)
    with ctx.store.session(write=True) as session:
        duplicates = queries.exact_duplicates(session, key, phone_key, email_key)
        if duplicates and not force:
            first = duplicates[0]
            raise RefusedError(
                _("{name!r} duplicates customer #{id} {existing} ({reason}); use --force to add it anyway.")
                .format(name=name, id=first.id, existing=first.name,
                        reason=_match_reason(session, first, key, phone_key, email_key)),
                details=[line for c in duplicates for line in _duplicate_details(session, c)],
            )
        similar = _similar(session, key, {c.id for c in duplicates})
        check_cap(
            session, ctx.user_id,
            enabled=ctx.setting("pool.enabled"), max_owned=ctx.setting("pool.max_owned"),
        )
        on_contact = bool(_clean(data.contact))
        customer = Customer(
            name=name, name_key=key, industry=_clean(data.industry), size=data.size or None,
            city=_clean(data.city), address=_clean(data.address), source=_clean(data.source),
            grade=(data.grade or "B").upper(),
            phone=None if on_contact else _clean(data.phone),
            phone_key=None if on_contact else phone_key,
            email=None if on_contact else _clean(data.email),
            email_key=None if on_contact else email_key,
            notes=(data.notes or "").strip() or None,
            owner_id=ctx.user_id, claimed_at=ctx.now, created_at=ctx.now,
            created_by_id=ctx.user_id, updated_at=ctx.now,
        )
        session.add(customer)
        session.flush()
        queries.add_tags(session, customer.id, _clean_tags(data.tags))
        if on_contact:
            session.add(
                Contact(
                    customer_id=customer.id, name=_clean(data.contact) or "", phone=_clean(data.phone),
                    phone_key=phone_key, email=_clean(data.email), email_key=email_key,
                    is_primary=True, created_at=ctx.now,
                )
            )
        ownership_queries.record_event(
            session, customer_id=customer.id, kind="create", at=ctx.now,
            to_user_id=ctx.user_id, by_user_id=ctx.user_id,
        )
        session.flush()
        card = _summary(session, customer)
    return AddResult(customer=card, similar=similar)


def _clean_tags(tags: list[str]) -> list[str]:
    return sorted({t.strip() for t in tags if t.strip()})


def _summary(session: Session, customer: Customer) -> dict[str, Any]:
    return {
        "id": customer.id,
        "name": customer.name,
        "grade": customer.grade,
        "industry": customer.industry,
        "size": customer.size,
        "city": customer.city,
        "address": customer.address,
        "source": customer.source,
        "phone": customer.phone,
        "email": customer.email,
        "tags": queries.tags_of(session, customer.id),
        "owner": user_queries.handle_of(session, customer.owner_id),
        "claimed_at": customer.claimed_at,
        "last_contact_at": customer.last_contact_at,
        "created_at": customer.created_at,
        "archived": customer.archived,
        "notes": customer.notes,
    }


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


def list_customers(ctx: Context, flt: ListFilter) -> list[dict[str, Any]]:
    """One SQL query: filters, the next open task and the tags come back per row."""
    if flt.sort not in SORTS:
        raise BadInputError(_("Sort must be one of {allowed}.").format(allowed=", ".join(SORTS)))
    if flt.limit is not None and flt.limit < 1:
        raise BadInputError(_("--limit must be at least 1."))
    if flt.grade and flt.grade.upper() not in GRADES:
        raise BadInputError(_("Grade must be A, B or C, not {value!r}.").format(value=flt.grade))
    with ctx.store.session() as session:
        rows = queries.listing(
            session,
            owner_id=ctx.user_id if flt.scope == "mine" else None,
            archived=flt.scope == "archived",
            grade=flt.grade.upper() if flt.grade else None,
            city=(flt.city or "").strip() or None,
            industry=(flt.industry or "").strip() or None,
            tags=[t.strip() for t in flt.tags],
            search=(flt.search or "").strip() or None,
            search_key=dedupe.name_key(flt.search) if flt.search and flt.search.strip() else None,
            sort=flt.sort,
            limit=flt.limit,
        )
    width = len(queries.LIST_FIELDS)
    return [
        dict(zip(queries.LIST_FIELDS, row[:width], strict=True))
        | {
            "tags": sorted(row[width + 3].split("\x1f")) if row[width + 3] else [],
            "owner": row[width], "next_due_on": row[width + 1], "open_tasks": row[width + 2] or 0,
        }
        for row in rows
    ]


def customer_card(ctx: Context, ref: str) -> dict[str, Any]:
    """Fields, contacts, open tasks, ownership history and the full follow-up timeline."""
    with ctx.store.session() as session:
        customer = resolve_customer(session, ref)
        card = _summary(session, customer)
        card["contacts"] = [contact_view(c) for c in contact_queries.live_of(session, customer.id)]
        card["timeline"] = [
            follow_up_view(f, handle, name) for f, handle, name in follow_up_queries.timeline(session, customer.id)
        ]
        card["open_tasks"] = sorted(
            (t for t in card["timeline"] if t["due_on"] is not None and t["closed_at"] is None),
            key=lambda t: (t["due_on"], t["id"]),
        )
        card["ownership"] = [
            {"id": e.id, "kind": e.kind, "at": e.at, "from": f, "to": t, "by": b, "reason": e.reason}
            for e, f, t, b in ownership_queries.history(session, customer.id)
        ]
    return card


def contact_view(c: Contact) -> dict[str, Any]:
    birthday = None
    if c.birthday_md:
        month, day = divmod(c.birthday_md, 100)
        birthday = f"{c.birthday_year:04d}-{month:02d}-{day:02d}" if c.birthday_year else f"{month:02d}-{day:02d}"
    return {
        "id": c.id, "customer_id": c.customer_id, "name": c.name, "title": c.title,
        "phone": c.phone, "email": c.email, "wechat": c.wechat, "birthday": birthday,
        "primary": c.is_primary,
    }


def follow_up_view(f: FollowUp, author: str | None, contact: str | None) -> dict[str, Any]:
    return {
        "id": f.id, "customer_id": f.customer_id, "happened_at": f.happened_at, "kind": f.kind,
        "summary": f.summary, "author": author, "contact": contact, "location": f.location,
        "next_action": f.next_action, "due_on": f.due_on, "closed_at": f.closed_at,
        "closed_note": f.closed_note,
    }


def edit_customer(
    ctx: Context, ref: str, data: CustomerInput, *, remove_tags: list[str], force: bool = False
) -> dict[str, Any]:
    """Change only what was given; an empty value clears an optional field."""
    _validate(
        CustomerInput(
            name=data.name, grade=data.grade or None, size=data.size or None,
            email=data.email or None, phone=data.phone or None, tags=data.tags,
        ),
        adding=False,
    )
    region = ctx.setting("import.default_region")
    with ctx.store.session(write=True) as session:
        customer = resolve_customer(session, ref)
        changes: dict[str, Any] = {}
        for name in EDITABLE:
            value = getattr(data, name)
            if value is None:
                continue
            cleaned = (value.strip() or None) if name == "notes" else _clean(value)
            if name == "grade":
                if not cleaned:
                    raise BadInputError(_("Grade must be A, B or C, not {value!r}.").format(value=value))
                cleaned = cleaned.upper()
            elif name == "size" and cleaned:
                cleaned = cleaned.lower()
            changes[name] = cleaned
        if "name" in changes:
            changes["name_key"] = dedupe.name_key(changes["name"])
        if "phone" in changes:
            changes["phone_key"] = dedupe.phone_key(changes["phone"], region)
        if "email" in changes:
            changes["email_key"] = dedupe.email_key(changes["email"])
        if not force:
            duplicates = queries.exact_duplicates(
                session, changes.get("name_key"), changes.get("phone_key"), changes.get("email_key"),
                exclude=customer.id,
            )
            if duplicates:
                raise RefusedError(
                    _("That would duplicate customer #{id}; use --force to save anyway.").format(
                        id=duplicates[0].id
                    ),
                    details=[line for c in duplicates for line in _duplicate_details(session, c)],
                )
        if not changes and not data.tags and not remove_tags:
            raise BadInputError(_("Nothing to change: give at least one option (see --help)."))
        for name, value in changes.items():
            setattr(customer, name, value)
        customer.updated_at = ctx.now
        queries.add_tags(session, customer.id, _clean_tags(data.tags))
        queries.remove_tags(session, customer.id, {t.strip() for t in remove_tags})
        session.flush()
        return _summary(session, customer)


def set_archived(ctx: Context, ref: str, archived: bool) -> dict[str, Any]:
    with ctx.store.session(write=True) as session:
        customer = resolve_customer(session, ref)
        if customer.archived == archived:
            message = (
                _("Customer #{id} {name} is already archived.")
                if archived
                else _("Customer #{id} {name} is not archived.")
            )
            raise RefusedError(message.format(id=customer.id, name=customer.name))
        if not archived and customer.owner_id is not None:
            # Archived customers do not count toward the cap, so bringing one back is taking one more.
            check_cap(
                session, customer.owner_id,
                enabled=ctx.setting("pool.enabled"), max_owned=ctx.setting("pool.max_owned"),
            )
        customer.archived = archived
        customer.archived_at = ctx.now if archived else None
        customer.updated_at = ctx.now
        session.flush()
        return _summary(session, customer)

