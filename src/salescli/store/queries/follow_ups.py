"""Queries on follow-ups and the open tasks among them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row

from salescli.store.engine import Session
from salescli.store.tables import contacts, customers, follow_ups, users

FollowUp = follow_ups.c


def get(session: Session, follow_up_id: int) -> Row[Any] | None:
    return session.execute(select(follow_ups).where(FollowUp.id == follow_up_id)).first()


def create(session: Session, **fields: Any) -> int:
    return session.execute(insert(follow_ups).values(**fields)).inserted_primary_key[0]


def open_task_ids(session: Session, customer_id: int, *, up_to: datetime, exclude_id: int) -> list[int]:
    """A customer's open tasks from follow-ups that happened at or before `up_to`."""
    return list(
        session.execute(
            select(FollowUp.id).where(
                FollowUp.customer_id == customer_id, FollowUp.due_on.is_not(None),
                FollowUp.closed_at.is_(None), FollowUp.id != exclude_id, FollowUp.happened_at <= up_to,
            )
        ).scalars()
    )


def close_tasks(
    session: Session, ids: list[int], *, at: datetime, by_id: int, follow_up_id: int | None = None,
    note: str | None = None,
) -> int:
    """Close those of `ids` still open; the number closed (0 when someone else was first)."""
    result = session.execute(
        update(follow_ups).where(FollowUp.id.in_(ids), FollowUp.closed_at.is_(None)).values(
            closed_at=at, closed_by_id=by_id, closed_by_follow_up_id=follow_up_id, closed_note=note,
        )
    )
    return result.rowcount or 0


def _with_names() -> Any:
    """Follow-up rows plus `customer_name`, `contact_name` and `assignee_handle`."""
    contact = contacts.alias()
    assignee = users.alias()
    return (
        select(follow_ups, customers.c.name.label("customer_name"), contact.c.name.label("contact_name"),
               assignee.c.handle.label("assignee_handle"))
        .join(customers, customers.c.id == FollowUp.customer_id)
        .outerjoin(contact, contact.c.id == FollowUp.contact_id)
        .outerjoin(assignee, assignee.c.id == FollowUp.assignee_id)
    )


def task(session: Session, task_id: int) -> Row[Any] | None:
    """One follow-up with its customer's name and those of its contact and assignee."""
    return session.execute(_with_names().where(FollowUp.id == task_id)).first()


def open_tasks(
    session: Session, *, assignee_id: int | None, before: date | None = None, on: date | None = None
) -> list[Any]:
    """Open tasks on live customers (rows as `task()`), soonest first; all assignees when
    `assignee_id` is None. Served by the partial index on open tasks."""
    query = _with_names().where(
        FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None), customers.c.archived.is_(False)
    )
    if assignee_id is not None:
        query = query.where(FollowUp.assignee_id == assignee_id)
    if before is not None:
        query = query.where(FollowUp.due_on < before)
    if on is not None:
        query = query.where(FollowUp.due_on == on)
    return list(session.execute(query.order_by(FollowUp.due_on, FollowUp.id)).all())


def timeline(session: Session, customer_id: int) -> list[Any]:
    """A customer's follow-up rows plus `author_handle` and `contact_name`, newest first."""
    author = users.alias()
    contact = contacts.alias()
    return list(
        session.execute(
            select(follow_ups, author.c.handle.label("author_handle"), contact.c.name.label("contact_name"))
            .join(author, author.c.id == FollowUp.author_id)
            .outerjoin(contact, contact.c.id == FollowUp.contact_id)
            .where(FollowUp.customer_id == customer_id)
            .order_by(FollowUp.happened_at.desc(), FollowUp.id.desc())
        ).all()
    )
