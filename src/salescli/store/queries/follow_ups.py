"""Queries on follow-ups and the open tasks among them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.store.models import Contact, Customer, FollowUp, User


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


def close_tasks(session: Session, ids: list[int], *, at: datetime, by_id: int, follow_up_id: int | None) -> None:
    session.execute(
        update(FollowUp).where(FollowUp.id.in_(ids)).values(
            closed_at=at, closed_by_id=by_id, closed_by_follow_up_id=follow_up_id
        )
    )


def open_tasks(
    session: Session, *, assignee_id: int | None, before: date | None = None, on: date | None = None
) -> list[Any]:
    """(FollowUp, customer name, contact name, assignee handle) of open tasks on live
    customers, soonest first; all assignees when `assignee_id` is None. Served by the
    partial index on open tasks."""
    contact = aliased(Contact)
    assignee = aliased(User)
    query = (
        select(FollowUp, Customer.name, contact.name, assignee.handle)
        .join(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(contact, contact.id == FollowUp.contact_id)
        .outerjoin(assignee, assignee.id == FollowUp.assignee_id)
        .where(FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None), Customer.archived.is_(False))
    )
    if assignee_id is not None:
        query = query.where(FollowUp.assignee_id == assignee_id)
    if before is not None:
        query = query.where(FollowUp.due_on < before)
    if on is not None:
        query = query.where(FollowUp.due_on == on)
    return list(session.execute(query.order_by(FollowUp.due_on, FollowUp.id)).all())


def timeline(session: Session, customer_id: int) -> list[Any]:
    """(FollowUp, author handle, contact name) of a customer, newest first."""
    author = aliased(User)
    contact = aliased(Contact)
    return list(
        session.execute(
            select(FollowUp, author.handle, contact.name)
            .join(author, author.id == FollowUp.author_id)
            .outerjoin(contact, contact.id == FollowUp.contact_id)
            .where(FollowUp.customer_id == customer_id)
            .order_by(FollowUp.happened_at.desc(), FollowUp.id.desc())
        ).all()
    )
