"""Queries on customers: dedupe look-ups, name resolution, listings, tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Row

from salescli.store.engine import Session
from salescli.store.queries._text import like_pattern
from salescli.store.tables import contacts, customer_tags, customers, follow_ups, users

Customer = customers.c
Contact = contacts.c
CustomerTag = customer_tags.c
FollowUp = follow_ups.c

# Columns a listing returns, in order; rows are plain tuples, never ORM objects, so a
# 100k-row `--all` listing costs what the data costs.
LIST_FIELDS = (
    "id", "name", "grade", "city", "industry", "size", "source", "phone", "email",
    "last_contact_at", "created_at", "archived",
)


def exact_duplicates(
    session: Session, key: str | None, phone: str | None, email: str | None, *, exclude: int | None = None,
    limit: int = 5,
) -> list[Row[Any]]:
    """Customers matching on the name key, or a phone or email of theirs or their contacts."""
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
    query = select(customers).where(or_(*conditions)).order_by(Customer.id).limit(limit)
    if exclude is not None:
        query = query.where(Customer.id != exclude)
    return list(session.execute(query).all())


def live_name_keys(session: Session) -> Iterable[tuple[int, str]]:
    return session.execute(select(Customer.id, Customer.name_key).where(Customer.archived.is_(False)))


def names_by_id(session: Session, ids: Sequence[int]) -> dict[int, str]:
    return dict(session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(list(ids)))).all())


def get(session: Session, customer_id: int) -> Row[Any] | None:
    return session.execute(select(customers).where(Customer.id == customer_id)).first()


def create(session: Session, **fields: Any) -> int:
    return session.execute(insert(customers).values(**fields)).inserted_primary_key[0]


def change(session: Session, customer_id: int, fields: dict[str, Any]) -> None:
    if fields:
        session.execute(update(customers).where(Customer.id == customer_id).values(**fields))


def touch_last_contact(session: Session, customer_id: int, at: datetime) -> None:
    """Move the customer's last contact to `at` unless a later one is already recorded."""
    session.execute(
        update(customers)
        .where(Customer.id == customer_id, or_(Customer.last_contact_at.is_(None), Customer.last_contact_at < at))
        .values(last_contact_at=at)
    )


def by_name_key(session: Session, key: str, *, limit: int) -> list[Row[Any]]:
    return list(
        session.execute(select(customers).where(Customer.name_key == key).order_by(Customer.id).limit(limit)).all()
    )


def by_partial_name(session: Session, text: str, key: str, *, limit: int) -> list[Row[Any]]:
    """Customers whose name contains `text`, or whose name key contains `key`; live first."""
    pattern = like_pattern(text)
    key_pattern = like_pattern(key) if key else pattern
    return list(
        session.execute(
            select(customers)
            .where(or_(Customer.name.ilike(pattern, escape="\\"), Customer.name_key.like(key_pattern, escape="\\")))
            .order_by(Customer.archived, Customer.id)
            .limit(limit)
        ).all()
    )


def tags_of(session: Session, customer_id: int) -> list[str]:
    return list(
        session.execute(
            select(CustomerTag.tag).where(CustomerTag.customer_id == customer_id).order_by(CustomerTag.tag)
        ).scalars()
    )


def add_tags(session: Session, customer_id: int, tags: Iterable[str]) -> None:
    new = sorted(set(tags) - set(tags_of(session, customer_id)))
    if new:
        session.execute(insert(customer_tags), [{"customer_id": customer_id, "tag": t} for t in new])


def remove_tags(session: Session, customer_id: int, tags: Iterable[str]) -> None:
    gone = set(tags)
    if gone:
        session.execute(
            delete(customer_tags).where(CustomerTag.customer_id == customer_id, CustomerTag.tag.in_(gone))
        )


def listing(
    session: Session,
    *,
    owner_id: int | None,
    archived: bool,
    grade: str | None = None,
    city: str | None = None,
    industry: str | None = None,
    tags: Sequence[str] = (),
    search: str | None = None,
    search_key: str | None = None,
    sort: str = "name",
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """One statement: the filters, plus per row the owner, the next open task's date, the
    number of open tasks and the tags (correlated subqueries on the partial indexes).

    Rows are `LIST_FIELDS` followed by owner handle, next due date, open tasks, tags
    joined with \\x1f.
    """
    open_task = and_(FollowUp.customer_id == Customer.id, FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None))
    next_due = select(func.min(FollowUp.due_on)).where(open_task).correlate(customers).scalar_subquery()
    open_count = select(func.count(FollowUp.id)).where(open_task).correlate(customers).scalar_subquery()
    tag_alias = customer_tags.alias()
    tag_text = (
        select(func.aggregate_strings(tag_alias.c.tag, "\x1f"))
        .where(tag_alias.c.customer_id == Customer.id)
        .correlate(customers)
        .scalar_subquery()
    )
    owner = users.alias()
    query = select(
        *(getattr(Customer, name) for name in LIST_FIELDS), owner.c.handle,
        next_due.label("next_due"), open_count.label("open_tasks"), tag_text.label("tags"),
    ).select_from(customers).outerjoin(owner, owner.c.id == Customer.owner_id)
    query = query.where(Customer.archived.is_(archived))
    if owner_id is not None:
        query = query.where(Customer.owner_id == owner_id)
    if grade:
        query = query.where(Customer.grade == grade)
    if city:
        query = query.where(func.lower(Customer.city) == city.lower())
    if industry:
        query = query.where(func.lower(Customer.industry) == industry.lower())
    for tag in tags:
        query = query.where(Customer.id.in_(select(CustomerTag.customer_id).where(CustomerTag.tag == tag)))
    if search:
        pattern = like_pattern(search)
        query = query.where(
            or_(
                Customer.name.ilike(pattern, escape="\\"),
                Customer.name_key.like(like_pattern(search_key), escape="\\") if search_key
                else Customer.name.ilike(pattern, escape="\\"),
                Customer.city.ilike(pattern, escape="\\"),
                Customer.notes.ilike(pattern, escape="\\"),
                Customer.id.in_(select(Contact.customer_id).where(Contact.name.ilike(pattern, escape="\\"))),
            )
        )
    if sort == "name":
        query = query.order_by(Customer.name, Customer.id)
    elif sort == "last_contact":
        query = query.order_by(Customer.last_contact_at.is_(None), Customer.last_contact_at.desc(), Customer.id)
    else:
        query = query.order_by(Customer.created_at.desc(), Customer.id.desc())
    if limit:
        query = query.limit(limit)
    return list(session.execute(query).all())


def forgotten(session: Session, owner_id: int, cutoffs: dict[str, datetime]) -> list[Any]:
    """An owner's live customers whose last contact (or creation) is before their grade's cutoff.

    Uses the (owner, archived, last_contact) index; returns (id, name, grade, city,
    last_contact_at, created_at).
    """
    last = func.coalesce(Customer.last_contact_at, Customer.created_at)
    by_grade = [and_(Customer.grade == grade, last < cutoff) for grade, cutoff in cutoffs.items()]
    return list(
        session.execute(
            select(Customer.id, Customer.name, Customer.grade, Customer.city, Customer.last_contact_at,
                   Customer.created_at)
            .where(Customer.owner_id == owner_id, Customer.archived.is_(False), or_(*by_grade))
        ).all()
    )
