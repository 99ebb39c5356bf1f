"""Ownership events: written on every change of owner, read back as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.store.models import OwnershipEvent, User


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
