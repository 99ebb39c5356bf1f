"""Ownership events: written on every change of owner, read back as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, literal, select, update

from salescli.store.engine import Session
from salescli.store.tables import customers, follow_ups, ownership_events, users

Event = ownership_events.c
Customer = customers.c


def record_event(
    session: Session,
    *,
    customer_id: int,
    kind: str,
    at: datetime,
    from_user_id: int | None = None,
    to_user_id: int | None = None,
    by_user_id: int | None = None,
    reason: str | None = None,
) -> None:
    session.execute(
        insert(ownership_events).values(
            customer_id=customer_id, kind=kind, at=at, from_user_id=from_user_id,
            to_user_id=to_user_id, by_user_id=by_user_id, reason=reason,
        )
    )


def move_all(
    session: Session, from_id: int, to_id: int | None, *, kind: str, at: datetime, by_id: int,
    reason: str | None = None,
) -> int:
    """Give every customer `from_id` owns (archived ones too) to `to_id`, or to the pool
    when None, with one event each: two set-based statements, however big the book."""
    owned = select(Customer.id).where(Customer.owner_id == from_id)
    session.execute(
        insert(ownership_events).from_select(
            ["customer_id", "kind", "at", "from_user_id", "to_user_id", "by_user_id", "reason"],
            select(
                Customer.id, literal(kind), literal(at, Event.at.type), literal(from_id),
                literal(to_id, Event.to_user_id.type), literal(by_id), literal(reason, Event.reason.type),
            ).where(Customer.owner_id == from_id),
        )
    )
    result = session.execute(
        update(customers).where(Customer.id.in_(owned))
        .values(owner_id=to_id, claimed_at=at if to_id else None, updated_at=at)
    )
    return result.rowcount or 0


def reassign_open_tasks(session: Session, from_id: int, to_id: int | None) -> int:
    task = follow_ups.c
    result = session.execute(
        update(follow_ups)
        .where(task.assignee_id == from_id, task.due_on.is_not(None), task.closed_at.is_(None))
        .values(assignee_id=to_id)
    )
    return result.rowcount or 0


def history(session: Session, customer_id: int) -> list[Any]:
    """Event rows plus the `from_handle`, `to_handle` and `by_handle` of the users named; oldest first."""
    from_user, to_user, by_user = users.alias(), users.alias(), users.alias()
    return list(
        session.execute(
            select(ownership_events, from_user.c.handle.label("from_handle"), to_user.c.handle.label("to_handle"),
                   by_user.c.handle.label("by_handle"))
            .outerjoin(from_user, from_user.c.id == Event.from_user_id)
            .outerjoin(to_user, to_user.c.id == Event.to_user_id)
            .outerjoin(by_user, by_user.c.id == Event.by_user_id)
            .where(Event.customer_id == customer_id)
            .order_by(Event.at, Event.id)
        ).all()
    )
