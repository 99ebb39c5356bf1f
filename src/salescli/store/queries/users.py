"""Queries on users (reps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session

from salescli.store.models import Customer, FollowUp, User


def by_handle(session: Session, handle: str) -> User | None:
    return session.execute(select(User).where(User.handle == handle)).scalar_one_or_none()


def create(session: Session, *, handle: str, name: str, role: str, at: datetime) -> User:
    user = User(handle=handle, display_name=name, role=role, created_at=at)
    session.add(user)
    session.flush()
    return user


def count_users(session: Session, *, active_only: bool = False) -> int:
    query = select(func.count(User.id))
    if active_only:
        query = query.where(User.active.is_(True))
    return session.execute(query).scalar_one()


def role_and_active_count(session: Session, user_id: int) -> tuple[str, bool, int] | None:
    """(role, active, number of active users) in one statement: what a permission check reads."""
    active = select(func.count(User.id)).where(User.active.is_(True)).scalar_subquery()
    row = session.execute(select(User.role, User.active, active).where(User.id == user_id)).first()
    return (row[0], row[1], row[2]) if row is not None else None


def with_roles(session: Session, roles: Sequence[str], *, limit: int = 5) -> list[tuple[str, str]]:
    """(handle, role) of active users holding one of `roles`, admins last, by handle."""
    return [
        (handle, role)
        for handle, role in session.execute(
            select(User.handle, User.role)
            .where(User.active.is_(True), User.role.in_(list(roles)))
            .order_by(User.role == "admin", User.handle)
            .limit(limit)
        ).all()
    ]


def count_active_with_role(session: Session, role: str) -> int:
    return session.execute(
        select(func.count(User.id)).where(User.active.is_(True), User.role == role)
    ).scalar_one()


def handle_of(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user.handle if user is not None else None


def set_role(session: Session, user_id: int, role: str) -> None:
    session.execute(update(User).where(User.id == user_id).values(role=role))


def set_active(session: Session, user_id: int, active: bool) -> None:
    session.execute(update(User).where(User.id == user_id).values(active=active))


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


def open_task_count(session: Session, user_id: int) -> int:
    return session.execute(
        select(func.count(FollowUp.id)).where(
            FollowUp.assignee_id == user_id, FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None)
        )
    ).scalar_one()
