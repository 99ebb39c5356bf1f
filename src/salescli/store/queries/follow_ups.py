"""Queries on follow-ups and the open tasks among them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import checked

_OPEN_TASK = "f.due_on IS NOT NULL AND f.closed_at IS NULL"
_FIELDS = ("customer_id", "contact_id", "author_id", "assignee_id", "happened_at", "kind", "summary", "location",
           "next_action", "due_on", "due_at", "created_at")
# Soonest first; within a day, timed tasks by their time, then the untimed (docs/agenda.md).
_TASK_ORDER = "f.due_on, CASE WHEN f.due_at IS NULL THEN 1 ELSE 0 END, f.due_at, f.id"
# A follow-up with the names a task is shown with: its customer's, its contact's and its assignee's.
_WITH_NAMES = (
    "SELECT f.*, c.name AS customer_name, k.name AS contact_name, u.handle AS assignee_handle"
    " FROM follow_ups f JOIN customers c ON c.id = f.customer_id"
    " LEFT JOIN contacts k ON k.id = f.contact_id LEFT JOIN users u ON u.id = f.assignee_id"
)


def get(session: Session, follow_up_id: int) -> Any | None:
    return session.execute("SELECT * FROM follow_ups WHERE id = :id", {"id": follow_up_id}).first()


def create(session: Session, **fields: Any) -> int:
    values = checked(fields, _FIELDS, "follow_ups")
    return session.execute(
        f"INSERT INTO follow_ups ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)}) RETURNING id",
        values,
    ).scalar()


def open_task_ids(session: Session, customer_id: int, *, up_to: datetime, exclude_id: int) -> list[int]:
    """A customer's open tasks from follow-ups that happened at or before `up_to`."""
    return session.execute(
        f"SELECT f.id FROM follow_ups f WHERE f.customer_id = :customer AND {_OPEN_TASK}"
        " AND f.id <> :exclude AND f.happened_at <= :up_to",
        {"customer": customer_id, "exclude": exclude_id, "up_to": up_to},
    ).scalars()


def close_tasks(
    session: Session, ids: list[int], *, at: datetime, by_id: int, follow_up_id: int | None = None,
    note: str | None = None,
) -> int:
    """Close those of `ids` still open; the number closed (0 when someone else was first)."""
    return session.execute(
        "UPDATE follow_ups SET closed_at = :at, closed_by_id = :by, closed_by_follow_up_id = :follow_up,"
        " closed_note = :note WHERE id IN (:ids) AND closed_at IS NULL",
        {"at": at, "by": by_id, "follow_up": follow_up_id, "note": note, "ids": list(ids)},
    ).rowcount


def task(session: Session, task_id: int) -> Any | None:
    """One follow-up with its customer's name and those of its contact and assignee."""
    return session.execute(f"{_WITH_NAMES} WHERE f.id = :id", {"id": task_id}).first()


def open_tasks(
    session: Session, *, assignee_id: int | None, before: date | None = None, on: date | None = None
) -> list[Any]:
    """Open tasks on live customers (rows as `task()`), soonest first; all assignees when
    `assignee_id` is None. Served by the partial index on open tasks."""
    where = [_OPEN_TASK, "c.archived = :no"]
    params: dict[str, Any] = {"no": False}
    if assignee_id is not None:
        where.append("f.assignee_id = :assignee")
        params["assignee"] = assignee_id
    if before is not None:
        where.append("f.due_on < :before")
        params["before"] = before
    if on is not None:
        where.append("f.due_on = :on")
        params["on"] = on
    return session.execute(f"{_WITH_NAMES} WHERE {' AND '.join(where)} ORDER BY {_TASK_ORDER}", params).all()


def timeline(session: Session, customer_id: int) -> list[Any]:
    """A customer's follow-up rows plus `author_handle` and `contact_name`, newest first."""
    return session.execute(
        "SELECT f.*, a.handle AS author_handle, k.name AS contact_name FROM follow_ups f"
        " JOIN users a ON a.id = f.author_id LEFT JOIN contacts k ON k.id = f.contact_id"
        " WHERE f.customer_id = :id ORDER BY f.happened_at DESC, f.id DESC",
        {"id": customer_id},
    ).all()
