"""Customer use cases: add (with dedupe), list, show, edit, archive, restore."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.domain import dedupe
from salescli.domain.vocab import GRADES, SIZES
from salescli.errors import BadInputError, RefusedError
from salescli.i18n import _
from salescli.services.context import Context
from salescli.services.lookup import resolve_customer
from salescli.services.ownership import check_cap, record_event
from salescli.store.models import Contact, Customer, CustomerTag, FollowUp, OwnershipEvent, User

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


def _exact_duplicates(
    session: Session, key: str | None, phone: str | None, email: str | None, exclude: int | None = None
) -> list[Customer]:
    conditions = []
    if key:
        conditions.append(Customer.name_key == key)
    if phone:
        conditions.append(Customer.phone_key == phone)
        conditions.append(Customer.id.in_(select(Contact.customer_id).where(Contact.phone_key == phone)))
    if email:
        conditions.append(Customer.email_key == email)
        conditions.append(Customer.id.in_(select(Contact.customer_id).where(Contact.email_key == email)))
    if not conditions:
        return []
    query = select(Customer).where(or_(*conditions)).order_by(Customer.id).limit(5)
    if exclude is not None:
        query = query.where(Customer.id != exclude)
    return list(session.execute(query).scalars())


def _similar(session: Session, key: str, exclude: set[int]) -> list[dict[str, Any]]:
    rows = session.execute(select(Customer.id, Customer.name_key).where(Customer.archived.is_(False)))
    found = dedupe.similar_names(key, ((i, k) for i, k in rows if i not in exclude))
    if not found:
        return []
    ids = [i for i, _ in found]
    names = dict(session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids))).all())
    return [{"id": i, "name": names[i], "score": round(score)} for i, score in found]


def _match_reason(
    session: Session, customer: Customer, key: str | None, phone: str | None, email: str | None
) -> str:
    """Which dedupe key matched, so the rep knows what to check."""
    if key and customer.name_key == key:
        return _("same name")
    contacts = session.execute(
        select(Contact.phone_key, Contact.email_key).where(Contact.customer_id == customer.id)
    ).all()
    if phone and (customer.phone_key == phone or any(p == phone for p, _e in contacts)):
        return _("same phone")
    return _("same email")


def _duplicate_details(session: Session, customer: Customer) -> list[str]:
    owner = session.get(User, customer.owner_id).handle if customer.owner_id else _("in the pool")
    lines = [f"  #{customer.id} {customer.name}"]
    facts = [
        (_("owner"), owner),
        (_("city"), customer.city),
        (_("phone"), customer.phone),
        (_("email"), customer.email),
        (_("status"), _("archived") if customer.archived else None),
    ]
    lines += [f"    {label}: {value}" for label, value in facts if value]
    contacts = session.execute(
        select(Contact.name, Contact.phone, Contact.email)
        .where(Contact.customer_id == customer.id, Contact.archived.is_(False))
        .order_by(Contact.is_primary.desc(), Contact.id)
        .limit(3)
    ).all()
    lines += [f"    {_('contact')}: " + ", ".join(v for v in row if v) for row in contacts]
    return lines


def add_customer(ctx: Context, data: CustomerInput, *, force: bool = False) -> AddResult:
    _validate(data, adding=True)
    name = _clean(data.name) or ""
    region = ctx.setting("import.default_region")
    key = dedupe.name_key(name)
    phone_key = dedupe.phone_key(data.phone, region)
    email_key = dedupe.email_key(data.email)
    with ctx.store.session(write=True) as session:
        duplicates = _exact_duplicates(session, key, phone_key, email_key)
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
        _add_tags(session, customer.id, data.tags)
        if on_contact:
            session.add(
                Contact(
                    customer_id=customer.id, name=_clean(data.contact) or "", phone=_clean(data.phone),
                    phone_key=phone_key, email=_clean(data.email), email_key=email_key,
                    is_primary=True, created_at=ctx.now,
                )
            )
        record_event(
            session, customer_id=customer.id, kind="create", at=ctx.now,
            to_user_id=ctx.user_id, by_user_id=ctx.user_id,
        )
        session.flush()
        card = _summary(session, customer)
    return AddResult(customer=card, similar=similar)


def _add_tags(session: Session, customer_id: int, tags: list[str]) -> None:
    wanted = {t.strip() for t in tags if t.strip()}
    if not wanted:
        return
    have = set(
        session.execute(select(CustomerTag.tag).where(CustomerTag.customer_id == customer_id)).scalars()
    )
    new = sorted(wanted - have)
    if new:
        session.execute(insert(CustomerTag), [{"customer_id": customer_id, "tag": t} for t in new])


def _tags(session: Session, customer_id: int) -> list[str]:
    return list(
        session.execute(
            select(CustomerTag.tag).where(CustomerTag.customer_id == customer_id).order_by(CustomerTag.tag)
        ).scalars()
    )


def _summary(session: Session, customer: Customer) -> dict[str, Any]:
    owner = session.get(User, customer.owner_id) if customer.owner_id else None
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
        "tags": _tags(session, customer.id),
        "owner": owner.handle if owner else None,
        "claimed_at": customer.claimed_at,
        "last_contact_at": customer.last_contact_at,
        "created_at": customer.created_at,
        "archived": customer.archived,
        "notes": customer.notes,
    }


_LIST_FIELDS = (
    "id", "name", "grade", "city", "industry", "size", "source", "phone", "email",
    "last_contact_at", "created_at", "archived",
)


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
    open_task = and_(FollowUp.customer_id == Customer.id, FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None))
    next_due = select(func.min(FollowUp.due_on)).where(open_task).correlate(Customer).scalar_subquery()
    open_count = select(func.count(FollowUp.id)).where(open_task).correlate(Customer).scalar_subquery()
    tag_alias = aliased(CustomerTag)
    tags = (
        select(func.aggregate_strings(tag_alias.tag, "\x1f"))
        .where(tag_alias.customer_id == Customer.id)
        .correlate(Customer)
        .scalar_subquery()
    )
    owner = aliased(User)
    query = (
        # Plain columns, not Customer entities: a 100k-row --all listing must not build ORM objects.
        select(
            *(getattr(Customer, name) for name in _LIST_FIELDS), owner.handle,
            next_due.label("next_due"), open_count.label("open_tasks"), tags.label("tags"),
        )
        .outerjoin(owner, owner.id == Customer.owner_id)
    )
    if flt.scope == "mine":
        query = query.where(Customer.owner_id == ctx.user_id, Customer.archived.is_(False))
    elif flt.scope == "archived":
        query = query.where(Customer.archived.is_(True))
    else:
        query = query.where(Customer.archived.is_(False))
    if flt.grade:
        query = query.where(Customer.grade == flt.grade.upper())
    if flt.city:
        query = query.where(func.lower(Customer.city) == flt.city.strip().lower())
    if flt.industry:
        query = query.where(func.lower(Customer.industry) == flt.industry.strip().lower())
    for tag in flt.tags:
        query = query.where(
            Customer.id.in_(select(CustomerTag.customer_id).where(CustomerTag.tag == tag.strip()))
        )
    if flt.search:
        text = flt.search.strip()
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        key = dedupe.name_key(text)
        query = query.where(
            or_(
                Customer.name.ilike(pattern, escape="\\"),
                Customer.name_key.like(f"%{key}%") if key else Customer.name.ilike(pattern, escape="\\"),
                Customer.city.ilike(pattern, escape="\\"),
                Customer.notes.ilike(pattern, escape="\\"),
                Customer.id.in_(select(Contact.customer_id).where(Contact.name.ilike(pattern, escape="\\"))),
            )
        )
    if flt.sort == "name":
        query = query.order_by(Customer.name, Customer.id)
    elif flt.sort == "last_contact":
        query = query.order_by(Customer.last_contact_at.is_(None), Customer.last_contact_at.desc(), Customer.id)
    else:
        query = query.order_by(Customer.created_at.desc(), Customer.id.desc())
    if flt.limit:
        query = query.limit(flt.limit)
    with ctx.store.session() as session:
        rows = session.execute(query).all()
    width = len(_LIST_FIELDS)
    return [
        dict(zip(_LIST_FIELDS, row[:width], strict=True))
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
        contacts = session.execute(
            select(Contact).where(Contact.customer_id == customer.id, Contact.archived.is_(False))
            .order_by(Contact.is_primary.desc(), Contact.id)
        ).scalars()
        card["contacts"] = [contact_view(c) for c in contacts]
        author = aliased(User)
        contact = aliased(Contact)
        rows = session.execute(
            select(FollowUp, author.handle, contact.name)
            .join(author, author.id == FollowUp.author_id)
            .outerjoin(contact, contact.id == FollowUp.contact_id)
            .where(FollowUp.customer_id == customer.id)
            .order_by(FollowUp.happened_at.desc(), FollowUp.id.desc())
        ).all()
        card["timeline"] = [follow_up_view(f, handle, name) for f, handle, name in rows]
        card["open_tasks"] = sorted(
            (t for t in card["timeline"] if t["due_on"] is not None and t["closed_at"] is None),
            key=lambda t: (t["due_on"], t["id"]),
        )
        from_user, to_user, by_user = aliased(User), aliased(User), aliased(User)
        events = session.execute(
            select(OwnershipEvent, from_user.handle, to_user.handle, by_user.handle)
            .outerjoin(from_user, from_user.id == OwnershipEvent.from_user_id)
            .outerjoin(to_user, to_user.id == OwnershipEvent.to_user_id)
            .outerjoin(by_user, by_user.id == OwnershipEvent.by_user_id)
            .where(OwnershipEvent.customer_id == customer.id)
            .order_by(OwnershipEvent.at, OwnershipEvent.id)
        ).all()
        card["ownership"] = [
            {"id": e.id, "kind": e.kind, "at": e.at, "from": f, "to": t, "by": b, "reason": e.reason}
            for e, f, t, b in events
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
            changes[name] = cleaned
        if "name" in changes:
            changes["name_key"] = dedupe.name_key(changes["name"])
        if "phone" in changes:
            changes["phone_key"] = dedupe.phone_key(changes["phone"], region)
        if "email" in changes:
            changes["email_key"] = dedupe.email_key(changes["email"])
        if not force:
            duplicates = _exact_duplicates(
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
        _add_tags(session, customer.id, data.tags)
        gone = {t.strip() for t in remove_tags}
        if gone:
            session.execute(
                delete(CustomerTag).where(CustomerTag.customer_id == customer.id, CustomerTag.tag.in_(gone))
            )
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

