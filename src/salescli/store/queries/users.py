"""Queries on users (reps)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from salescli.store.models import Customer, User


def by_handle(session: Session, handle: str) -> User | None:
    return session.execute(select(User).where(User.handle == handle)).scalar_one_or_none()


def count_users(session: Session, *, active_only: bool = False) -> int:
    query = select(func.count(User.id))
    if active_only:
        query = query.where(User.active.is_(True))
    return session.execute(query).scalar_one()


def handle_of(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user.handle if user is not None else None


def with_owned_counts(session: Session) -> list[Any]:
    """(User, number of live customers owned), by handle."""
    owned = (
        select(func.count(Customer.id))
        .where(Customer.owner_id == User.id, Customer.archived.is_(False))
        .correlate(User)
        .scalar_subquery()
    )
    return list(session.execute(select(User, owned).order_by(User.handle)).all())


def owned_count(session: Session, user_id: int) -> int:
    return session.execute(
        select(func.count(Customer.id)).where(Customer.owner_id == user_id, Customer.archived.is_(False))
    ).scalar_one()
