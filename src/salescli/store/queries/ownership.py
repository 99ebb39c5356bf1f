"""Ownership events: written on every change of owner, read back as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, literal, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.store.models import Customer, FollowUp, OwnershipEvent, User


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
        insert(OwnershipEvent).values(
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
        insert(OwnershipEvent).from_select(
            ["customer_id", "kind", "at", "from_user_id", "to_user_id", "by_user_id", "reason"],
            select(
                Customer.id, literal(kind), literal(at, OwnershipEvent.at.type), literal(from_id),
                literal(to_id, OwnershipEvent.to_user_id.type), literal(by_id),
                literal(reason, OwnershipEvent.reason.type),
            ).where(Customer.owner_id == from_id),
        )
    )
    result = session.execute(
        update(Customer).where(Customer.id.in_(owned)).values(owner_id=to_id, claimed_at=at if to_id else None,
                                                              updated_at=at)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def reassign_open_tasks(session: Session, from_id: int, to_id: int | None) -> int:
    result = session.execute(
        update(FollowUp)
        .where(FollowUp.assignee_id == from_id, FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None))
        .values(assignee_id=to_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def history(session: Session, customer_id: int) -> list[Any]:
    """(OwnershipEvent, from handle, to handle, by handle), oldest first."""
    from_user, to_user, by_user = aliased(User), aliased(User), aliased(User)
    return list(
        session.execute(
            select(OwnershipEvent, from_user.handle, to_user.handle, by_user.handle)
            .outerjoin(from_user, from_user.id == OwnershipEvent.from_user_id)
            .outerjoin(to_user, to_user.id == OwnershipEvent.to_user_id)
            .outerjoin(by_user, by_user.id == OwnershipEvent.by_user_id)
            .where(OwnershipEvent.customer_id == customer_id)
            .order_by(OwnershipEvent.at, OwnershipEvent.id)
        ).all()
    )
