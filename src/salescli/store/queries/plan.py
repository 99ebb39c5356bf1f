"""The week plan's own statements (docs/plan.md): A customers due for a visit, the facts a
plan needs of its candidates, and the commit of plan items.

Every statement is bounded by the owner (ix_customers_owner_last_contact for the A
customers, then ix_follow_ups_customer_happened per customer) or by the plan's few
candidate ids, so its cost follows the rep's book, not the team's history.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session


def a_visits_due(session: Session, owner_id: int, *, before: datetime) -> list[Any]:
    """The owner's live A customers whose last visit happened before `before`, or never:
    (id, last_visit_at). Each customer's visits are read once, for their latest."""
    return session.execute(
        f"SELECT t.id, t.last_visit AS {session.typed('last_visit_at', 'DATETIME')} FROM ("
        "SELECT c.id, (SELECT MAX(f.happened_at) FROM follow_ups f WHERE f.customer_id = c.id"
        "  AND f.kind = 'visit') AS last_visit"
        " FROM customers c WHERE c.owner_id = :owner AND c.archived = :no AND c.grade = 'A') t"
        " WHERE t.last_visit IS NULL OR t.last_visit < :before",
        {"owner": owner_id, "no": False, "before": before},
    ).all()


def customers(session: Session, ids: list[int]) -> list[Any]:
    """Name, grade, city and address of the given customers, with whether any deal names them."""
    if not ids:
        return []
    return session.execute(
        "SELECT c.id, c.name, c.grade, c.city, c.address,"
        f" EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id) AS {session.typed('has_deal', 'BOOLEAN')}"
        " FROM customers c WHERE c.id IN (:ids)",
        {"ids": ids},
    ).all()


def open_tasks_within(session: Session, assignee_id: int, customer_ids: list[int], *, first: date,
                      last: date) -> list[Any]:
    """The assignee's open tasks of these customers due from `first` to `last`: (id, customer_id)."""
    if not customer_ids:
        return []
    return session.execute(
        "SELECT f.id, f.customer_id FROM follow_ups f WHERE f.assignee_id = :assignee"
        " AND f.due_on IS NOT NULL AND f.closed_at IS NULL AND f.due_on >= :first AND f.due_on <= :last"
        " AND f.customer_id IN (:ids) ORDER BY f.due_on, f.id",
        {"assignee": assignee_id, "first": first, "last": last, "ids": customer_ids},
    ).all()


def replace_items(session: Session, user_id: int, week: str, *, at: datetime) -> int:
    """Mark the user's committed items of the week replaced; how many."""
    return session.execute(
        "UPDATE plan_items SET replaced_at = :at WHERE user_id = :user AND week = :week AND replaced_at IS NULL",
        {"at": at, "user": user_id, "week": week},
    ).rowcount


def insert_items(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.executemany(
            "INSERT INTO plan_items (user_id, week, day, position, customer_id, deal_id, kind, purpose, score,"
            " parts, task_id, committed_at) VALUES (:user_id, :week, :day, :position, :customer_id, :deal_id,"
            " :kind, :purpose, :score, :parts, :task_id, :committed_at)",
            rows,
        )

