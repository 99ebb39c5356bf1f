"""The reads of `plan review` (docs/plan.md, plan versus actual).

Both statements are bounded by one rep and one week: the week's in-force plan items
(ix_plan_items_user_week) and the rep's follow-ups of the week (ix_follow_ups_happened_author
covers happened_at, author_id, kind, customer_id). A plan's own tasks (kind `plan`) are
plans, not contacts, and never come back as follow-ups.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session


def plan_items(session: Session, *, user_id: int, week: str) -> list[Any]:
    """The rep's in-force committed items of `week` in (day, position) order, with the
    customer's name and when the item's task was closed (None: open or no task)."""
    return session.execute(
        "SELECT p.id AS id, p.day AS day, p.position AS position, p.kind AS kind, p.purpose AS purpose,"
        " p.customer_id AS customer_id, c.name AS customer, p.deal_id AS deal_id, p.task_id AS task_id,"
        " t.closed_at AS task_closed_at"
        " FROM plan_items p JOIN customers c ON c.id = p.customer_id"
        " LEFT JOIN follow_ups t ON t.id = p.task_id"
        " WHERE p.user_id = :user AND p.week = :week AND p.replaced_at IS NULL"
        " ORDER BY p.day, p.position, p.id",
        {"user": user_id, "week": week},
    ).all()


def follow_ups(session: Session, *, user_id: int, start: datetime, end: datetime, plan_kind: str) -> list[Any]:
    """The follow-ups the rep logged as happening in [start, end), a plan's tasks left out,
    earliest first, with the customer's name."""
    return session.execute(
        "SELECT f.id AS id, f.customer_id AS customer_id, c.name AS customer, f.kind AS kind,"
        " f.happened_at AS happened_at"
        " FROM follow_ups f JOIN customers c ON c.id = f.customer_id"
        " WHERE f.happened_at >= :start AND f.happened_at < :end AND f.author_id = :user AND f.kind <> :plan"
        " ORDER BY f.happened_at, f.id",
        {"user": user_id, "start": start, "end": end, "plan": plan_kind},
    ).all()
