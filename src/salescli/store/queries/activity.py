"""Aggregate SQL of the activity report (docs/reports.md, activity): the figures the
target metrics (store/queries/metrics.py) do not already count, one grouped statement per
table over a range, each a range read of a 0009 index. `user_ids` None: the team.

- contacts created in the range at customers each rep owns now (contacts have no
  creator): ix_contacts_created_at;
- deals created by each rep: ix_deals_created_at;
- stage advances and skips by each rep: ix_stage_changes_at (at, kind, by_user_id);
- follow-ups per author and kind with the distinct customers of each kind, a plan's task
  left out: ix_follow_ups_happened_author (happened_at, author_id, kind, customer_id);
- payments marked paid on the range's days, for the deals each rep owns: ix_payments_open_due;
- the trend: follow-ups and visits, and won amount, per week: one statement each, a
  UNION ALL of one range read per week, the week bounds passed as parameters.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.domain.metrics import PLAN_TASK_KIND
from salescli.store.engine import Session


def _only(column: str, user_ids: list[int] | None, params: dict[str, Any]) -> str:
    if user_ids is None:
        return f" AND {column} IS NOT NULL"
    params["ids"] = list(user_ids)
    return f" AND {column} IN (:ids)"


def _pairs(session: Session, sql: str, params: dict[str, Any]) -> dict[int, int]:
    return {int(user): int(value) for user, value in session.execute(sql, params, tuples=True).all()}


def users(session: Session) -> list[Any]:
    """Every user: (id, handle, active), by handle."""
    return session.execute("SELECT id, handle, active FROM users ORDER BY handle", {}).all()


def new_contacts(session: Session, start: datetime, end: datetime, user_ids: list[int] | None) -> dict[int, int]:
    params: dict[str, Any] = {"start": start, "end": end}
    only = _only("c.owner_id", user_ids, params)
    return _pairs(session,
                  "SELECT c.owner_id, COUNT(*) FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                  f" WHERE ct.created_at >= :start AND ct.created_at < :end{only} GROUP BY c.owner_id", params)


def new_deals(session: Session, start: datetime, end: datetime, user_ids: list[int] | None) -> dict[int, int]:
    params: dict[str, Any] = {"start": start, "end": end}
    only = _only("created_by_id", user_ids, params)
    return _pairs(session,
                  "SELECT created_by_id, COUNT(*) FROM deals"
                  f" WHERE created_at >= :start AND created_at < :end{only} GROUP BY created_by_id", params)


def stage_advances(session: Session, start: datetime, end: datetime, user_ids: list[int] | None) -> dict[int, int]:
    params: dict[str, Any] = {"start": start, "end": end, "kinds": ["advance", "skip"]}
    only = _only("by_user_id", user_ids, params)
    return _pairs(session,
                  "SELECT by_user_id, COUNT(*) FROM stage_changes"
                  f" WHERE at >= :start AND at < :end AND kind IN (:kinds){only} GROUP BY by_user_id", params)


def follow_ups_by_kind(session: Session, start: datetime, end: datetime,
                       user_ids: list[int] | None) -> list[tuple[int, str, int, int]]:
    """(author id, kind, follow-ups, distinct customers) of the follow-ups that happened in
    the range, a plan's task (domain/metrics.PLAN_TASK_KIND) left out."""
    params: dict[str, Any] = {"start": start, "end": end, "plan": PLAN_TASK_KIND}
    only = _only("author_id", user_ids, params)
    rows = session.execute(
        "SELECT author_id, kind, COUNT(*), COUNT(DISTINCT customer_id) FROM follow_ups"
        f" WHERE happened_at >= :start AND happened_at < :end AND kind <> :plan{only} GROUP BY author_id, kind",
        params, tuples=True,
    ).all()
    return [(int(user), str(kind), int(count), int(customers)) for user, kind, count, customers in rows]


def payments_collected(session: Session, first: date, after: date,
                       user_ids: list[int] | None) -> dict[int, tuple[int, int]]:
    """Per deal owner: (payments, cents) of the payments paid on the days [first, after)."""
    params: dict[str, Any] = {"first": first, "after": after}
    only = _only("d.owner_id", user_ids, params)
    rows = session.execute(
        "SELECT d.owner_id, COUNT(*), COALESCE(SUM(p.amount_cents), 0) FROM payments p"
        " JOIN deals d ON d.id = p.deal_id"
        f" WHERE p.paid_on >= :first AND p.paid_on < :after{only} GROUP BY d.owner_id",
        params, tuples=True,
    ).all()
    return {int(user): (int(count), int(cents)) for user, count, cents in rows}


def _weeks(bounds: list[datetime], select: str, source: str, params: dict[str, Any]) -> str:
    """One statement: a UNION ALL of one range read per week [bounds[i], bounds[i+1]), each
    tagged with its index i. (A single scan bucketed by a CASE on the bounds evaluates the
    CASE on every row: about 3 times slower on a busy team's 8 weeks.)"""
    parts = []
    for i in range(len(bounds) - 1):
        params[f"b{i}"], params[f"b{i + 1}"] = bounds[i], bounds[i + 1]
        parts.append(f"SELECT {i} AS week, {select} FROM {source.format(lo=f':b{i}', hi=f':b{i + 1}')}")
    return " UNION ALL ".join(parts)


def trend(session: Session, bounds: list[datetime], user_ids: list[int] | None) -> dict[int, tuple[int, int]]:
    """Per week index: (follow-ups, visits) over consecutive ranges [bounds[i], bounds[i+1])."""
    params: dict[str, Any] = {"plan": PLAN_TASK_KIND, "visit": "visit"}
    only = _only("author_id", user_ids, params)
    sql = _weeks(bounds, "COUNT(*), SUM(CASE WHEN kind = :visit THEN 1 ELSE 0 END)",
                 "follow_ups WHERE happened_at >= {lo} AND happened_at < {hi} AND kind <> :plan" + only, params)
    rows = session.execute(sql, params, tuples=True).all()
    return {int(week): (int(count), int(visits or 0)) for week, count, visits in rows}


def won_trend(session: Session, bounds: list[datetime], user_ids: list[int] | None) -> dict[int, int]:
    """Per week index: cents of the deals won in [bounds[i], bounds[i+1]), by their owner."""
    params: dict[str, Any] = {"won": "won"}
    only = _only("owner_id", user_ids, params)
    sql = _weeks(bounds, "COALESCE(SUM(amount_cents), 0)",
                 "deals WHERE status = :won AND closed_at >= {lo} AND closed_at < {hi}" + only, params)
    rows = session.execute(sql, params, tuples=True).all()
    return {int(week): int(cents) for week, cents in rows}
