"""Queries on users (reps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from salescli.store.engine import Session

OPEN_TASK = "due_on IS NOT NULL AND closed_at IS NULL"  # the partial indexes' condition (store/tables.py)


def get(session: Session, user_id: int) -> Any | None:
    return session.execute("SELECT * FROM users WHERE id = :id", {"id": user_id}).first()


def by_handle(session: Session, handle: str) -> Any | None:
    return session.execute("SELECT * FROM users WHERE handle = :handle", {"handle": handle}).first()


def create(session: Session, *, handle: str, name: str, role: str, at: datetime) -> Any:
    new_id = session.execute(
        "INSERT INTO users (handle, display_name, role, active, created_at)"
        " VALUES (:handle, :name, :role, :active, :at) RETURNING id",
        {"handle": handle, "name": name, "role": role, "active": True, "at": at},
    ).scalar()
    return get(session, new_id)


def count_users(session: Session, *, active_only: bool = False) -> int:
    where = " WHERE active = :yes" if active_only else ""
    return session.execute(f"SELECT count(*) FROM users{where}", {"yes": True}).scalar()


def role_and_active_count(session: Session, user_id: int) -> tuple[str, bool, int] | None:
    """(role, active, number of active users) in one statement: what a permission check reads."""
    row = session.execute(
        "SELECT role, active, (SELECT count(*) FROM users WHERE active = :yes) AS active_users"
        " FROM users WHERE id = :id",
        {"id": user_id, "yes": True},
    ).first()
    return (row[0], row[1], row[2]) if row is not None else None


def with_roles(session: Session, roles: Sequence[str], *, limit: int = 5) -> list[tuple[str, str]]:
    """(handle, role) of active users holding one of `roles`, admins last, by handle."""
    rows = session.execute(
        "SELECT handle, role FROM users WHERE active = :yes AND role IN (:roles)"
        " ORDER BY CASE WHEN role = 'admin' THEN 1 ELSE 0 END, handle LIMIT :limit",
        {"yes": True, "roles": list(roles), "limit": limit},
    ).all()
    return [(handle, role) for handle, role in rows]


def count_active_with_role(session: Session, role: str) -> int:
    return session.execute(
        "SELECT count(*) FROM users WHERE active = :yes AND role = :role", {"yes": True, "role": role}
    ).scalar()


def handle_of(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.execute("SELECT handle FROM users WHERE id = :id", {"id": user_id}).scalar()


def set_role(session: Session, user_id: int, role: str) -> None:
    session.execute("UPDATE users SET role = :role WHERE id = :id", {"role": role, "id": user_id})


def set_active(session: Session, user_id: int, active: bool) -> None:
    session.execute("UPDATE users SET active = :active WHERE id = :id", {"active": active, "id": user_id})


def with_owned_counts(session: Session) -> list[Any]:
    """Every user's row plus `owned`: the number of live customers they own; by handle."""
    return session.execute(
        "SELECT u.*, (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.archived = :no) AS owned"
        " FROM users u ORDER BY u.handle",
        {"no": False},
    ).all()


def owned_count(session: Session, user_id: int, *, archived_too: bool = False) -> int:
    where = "" if archived_too else " AND archived = :no"
    return session.execute(
        f"SELECT count(*) FROM customers WHERE owner_id = :id{where}", {"id": user_id, "no": False}
    ).scalar()


def open_task_count(session: Session, user_id: int) -> int:
    return session.execute(
        f"SELECT count(*) FROM follow_ups WHERE assignee_id = :id AND {OPEN_TASK}", {"id": user_id}
    ).scalar()
