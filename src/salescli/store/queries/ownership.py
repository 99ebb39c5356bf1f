"""Ownership events: written on every change of owner, read back as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries.users import OPEN_TASK


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
        "INSERT INTO ownership_events (customer_id, kind, at, from_user_id, to_user_id, by_user_id, reason)"
        " VALUES (:customer, :kind, :at, :from_id, :to_id, :by_id, :reason)",
        {"customer": customer_id, "kind": kind, "at": at, "from_id": from_user_id, "to_id": to_user_id,
         "by_id": by_user_id, "reason": reason},
    )


def move_all(
    session: Session, from_id: int, to_id: int | None, *, kind: str, at: datetime, by_id: int,
    reason: str | None = None,
) -> int:
    """Give every customer `from_id` owns (archived ones too) to `to_id`, or to the pool
    when None, with one event each: two set-based statements, however big the book."""
    params = {"from_id": from_id, "to_id": to_id, "kind": kind, "at": at, "by_id": by_id, "reason": reason,
              "claimed": at if to_id else None}
    # The typed parameters are cast, so PostgreSQL knows a NULL's type in a SELECT list.
    session.execute(
        "INSERT INTO ownership_events (customer_id, kind, at, from_user_id, to_user_id, by_user_id, reason)"
        " SELECT id, CAST(:kind AS VARCHAR(16)), :at, :from_id, CAST(:to_id AS INTEGER), :by_id,"
        " CAST(:reason AS VARCHAR(500)) FROM customers WHERE owner_id = :from_id",
        params,
    )
    return session.execute(
        f"UPDATE customers SET {_NEW_OWNER} WHERE owner_id = :from_id", params,
    ).rowcount


# A change of owner restarts the ownership: a new claim time (none in the pool), and the
# old owner's lock and countdown floor go with them (docs/ownership.md).
_NEW_OWNER = "owner_id = :to_id, claimed_at = :claimed, locked_at = NULL, recycle_from = NULL, updated_at = :at"


def set_owner(session: Session, customer_id: int, to_id: int | None, *, at: datetime,
              only_from: int | None | str = "any") -> bool:
    """Give one customer to `to_id` (None: the pool). With `only_from` (an owner id, or
    None for "in the pool") the change happens only if the customer is still there, so
    two writers racing for it cannot both succeed; False when it was not."""
    params = {"id": customer_id, "to_id": to_id, "claimed": at if to_id else None, "at": at, "from_id": only_from}
    where = "id = :id"
    if only_from is None:
        where += " AND owner_id IS NULL"
    elif only_from != "any":
        where += " AND owner_id = :from_id"
    return session.execute(f"UPDATE customers SET {_NEW_OWNER} WHERE {where}", params).rowcount == 1


def reassign_open_tasks(session: Session, from_id: int, to_id: int | None) -> int:
    return session.execute(
        f"UPDATE follow_ups SET assignee_id = :to_id WHERE assignee_id = :from_id AND {OPEN_TASK}",
        {"from_id": from_id, "to_id": to_id},
    ).rowcount


def history(session: Session, customer_id: int) -> list[Any]:
    """Event rows plus the `from_handle`, `to_handle` and `by_handle` of the users named; oldest first."""
    return session.execute(
        "SELECT e.*, fu.handle AS from_handle, tu.handle AS to_handle, bu.handle AS by_handle"
        " FROM ownership_events e LEFT JOIN users fu ON fu.id = e.from_user_id"
        " LEFT JOIN users tu ON tu.id = e.to_user_id LEFT JOIN users bu ON bu.id = e.by_user_id"
        " WHERE e.customer_id = :id ORDER BY e.at, e.id",
        {"id": customer_id},
    ).all()


def last_departure(session: Session, customer_id: int) -> Any | None:
    """The latest event that left the customer without an owner (a release or a recycle),
    plus the `from_handle` of who had it; None when it never left anyone."""
    return session.execute(
        "SELECT e.*, fu.handle AS from_handle FROM ownership_events e LEFT JOIN users fu ON fu.id = e.from_user_id"
        " WHERE e.customer_id = :id AND e.to_user_id IS NULL ORDER BY e.at DESC, e.id DESC LIMIT 1",
        {"id": customer_id},
    ).first()
