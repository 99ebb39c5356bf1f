"""The target metrics (domain/metrics.py) per rep over a range of instants, one aggregate
statement each, read from the range indexes of migration 0009: won deals by when they
closed (ix_deals_status_closed), customers by creation (ix_customers_created_at),
follow-ups by when they happened (ix_follow_ups_happened_author)."""

from __future__ import annotations

from datetime import datetime

from salescli.domain.metrics import METRICS, PLAN_TASK_KIND
from salescli.store.engine import Session

# metric -> (the user column, the aggregate, FROM ... WHERE over [:start, :end))
_SQL: dict[str, tuple[str, str, str]] = {
    "won_amount": ("owner_id", "COALESCE(SUM(amount_cents), 0)",
                   "deals WHERE status = 'won' AND closed_at >= :start AND closed_at < :end"),
    "won_deals": ("owner_id", "COUNT(*)",
                  "deals WHERE status = 'won' AND closed_at >= :start AND closed_at < :end"),
    "new_customers": ("created_by_id", "COUNT(*)",
                      "customers WHERE created_at >= :start AND created_at < :end"),
    "follow_ups": ("author_id", "COUNT(*)",
                   f"follow_ups WHERE happened_at >= :start AND happened_at < :end AND kind <> '{PLAN_TASK_KIND}'"),
    "visits": ("author_id", "COUNT(*)",
               "follow_ups WHERE happened_at >= :start AND happened_at < :end AND kind = 'visit'"),
}
assert set(_SQL) == set(METRICS)


def per_user(
    session: Session, metric: str, start: datetime, end: datetime, user_ids: list[int] | None = None,
) -> dict[int, int]:
    """The metric's value per user id over [start, end); users with nothing are absent.
    `user_ids` None: every user (the team)."""
    column, aggregate, source = _SQL[metric]
    only = f" AND {column} IN (:ids)" if user_ids is not None else ""
    if user_ids is not None and not user_ids:
        return {}
    rows = session.execute(
        f"SELECT {column}, {aggregate} FROM {source}{only} AND {column} IS NOT NULL GROUP BY {column}",
        {"start": start, "end": end, **({"ids": list(user_ids)} if user_ids is not None else {})},
        tuples=True,
    ).all()
    return {int(user_id): int(value) for user_id, value in rows}


def total(session: Session, metric: str, start: datetime, end: datetime, user_id: int | None = None) -> int:
    """The metric over [start, end) for one user, or everyone's (`user_id` None)."""
    values = per_user(session, metric, start, end, [user_id] if user_id is not None else None)
    return sum(values.values())
