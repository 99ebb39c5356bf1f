"""Queries on users (reps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Row

from salescli.store.engine import Session
from salescli.store.tables import customers, follow_ups, users

User = users.c


def get(session: Session, user_id: int) -> Row[Any] | None:
    return session.execute(select(users).where(User.id == user_id)).first()


def by_handle(session: Session, handle: str) -> Row[Any] | None:
    return session.execute(select(users).where(User.handle == handle)).first()


def create(session: Session, *, handle: str, name: str, role: str, at: datetime) -> Row[Any]:
    new_id = session.execute(
        insert(users).values(handle=handle, display_name=name, role=role, created_at=at)
    ).inserted_primary_key[0]
    return get(session, new_id)


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
    if user_id is None:
        return None
    return session.execute(select(User.handle).where(User.id == user_id)).scalar_one_or_none()


def set_role(session: Session, user_id: int, role: str) -> None:
    session.execute(update(users).where(User.id == user_id).values(role=role))


def set_active(session: Session, user_id: int, active: bool) -> None:
    session.execute(update(users).where(User.id == user_id).values(active=active))


def with_owned_counts(session: Session) -> list[Any]:
    """Every user's row plus `owned`: the number of live customers they own; by handle."""
    owned = (
        select(func.count(customers.c.id))
        .where(customers.c.owner_id == User.id, customers.c.archived.is_(False))
        .correlate(users)
        .scalar_subquery()
    )
    return list(session.execute(select(users, owned.label("owned")).order_by(User.handle)).all())


def owned_count(session: Session, user_id: int, *, archived_too: bool = False) -> int:
    query = select(func.count(customers.c.id)).where(customers.c.owner_id == user_id)
    if not archived_too:
        query = query.where(customers.c.archived.is_(False))
    return session.execute(query).scalar_one()


def open_task_count(session: Session, user_id: int) -> int:
    return session.execute(
        select(func.count(follow_ups.c.id)).where(
            follow_ups.c.assignee_id == user_id, follow_ups.c.due_on.is_not(None), follow_ups.c.closed_at.is_(None)
        )
    ).scalar_one()
