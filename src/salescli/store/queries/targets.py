"""SQL of targets and of the planning aids (docs/targets.md).

Targets: rows in force have `replaced_at` NULL; a target set again, and the parts split
from it, are replaced (never deleted). Look-ups go through ix_targets_user_metric.

Planning aids: one aggregate statement per figure, each on an indexed range of the last
days: closed deals by (status, closed_at) (ix_deals_status_closed, which covers the owner
and the amount), deals created by a rep through (owner, status, stage_changed_at)
(ix_deals_owner_status_changed: a deal created in the range has changed stage in it too),
customers a rep contacted by (author, happened_at) (ix_follow_ups_author_happened), active
customers by (owner, archived, last_contact_at) (ix_customers_owner_last_contact).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.domain.metrics import PLAN_TASK_KIND
from salescli.store.engine import Session

_COLUMNS = ("t.id, t.user_id, u.handle, t.period, t.starts_on, t.ends_on, t.metric, t.value, t.split, "
            "t.parent_id, p.period AS parent_period, t.set_at")
_FROM = "targets t LEFT JOIN users u ON u.id = t.user_id LEFT JOIN targets p ON p.id = t.parent_id"


def _who(user_id: int | None, params: dict[str, Any], alias: str = "t") -> str:
    if user_id is None:
        return f"{alias}.user_id IS NULL"
    params["user_id"] = user_id
    return f"{alias}.user_id = :user_id"


def in_force_id(session: Session, *, user_id: int | None, period: str, metric: str) -> int | None:
    params: dict[str, Any] = {"period": period, "metric": metric}
    return session.execute(
        f"SELECT id FROM targets t WHERE {_who(user_id, params)} AND t.metric = :metric AND t.period = :period"
        " AND t.replaced_at IS NULL ORDER BY t.id DESC LIMIT 1", params,
    ).scalar()


def in_force_parts(session: Session, parent_ids: list[int]) -> list[int]:
    """The in-force targets split from these."""
    if not parent_ids:
        return []
    return [int(i) for i in session.execute(
        "SELECT id FROM targets WHERE parent_id IN (:ids) AND replaced_at IS NULL", {"ids": parent_ids},
    ).scalars()]


def replace(session: Session, ids: list[int], at: datetime) -> None:
    if ids:
        session.execute("UPDATE targets SET replaced_at = :at WHERE id IN (:ids)", {"at": at, "ids": ids})


def insert(session: Session, *, user_id: int | None, period: str, starts_on: date, ends_on: date, metric: str,
           value: int, split: str | None, parent_id: int | None, set_by_id: int, set_at: datetime) -> int:
    return int(session.execute(
        "INSERT INTO targets (user_id, period, starts_on, ends_on, metric, value, split, parent_id, set_by_id,"
        " set_at) VALUES (:user_id, :period, :starts_on, :ends_on, :metric, :value, :split, :parent_id,"
        " :set_by_id, :set_at) RETURNING id",
        {"user_id": user_id, "period": period, "starts_on": starts_on, "ends_on": ends_on, "metric": metric,
         "value": value, "split": split, "parent_id": parent_id, "set_by_id": set_by_id, "set_at": set_at},
    ).scalar())


def listing(session: Session, *, user_id: int | None = None, team: bool = False, metric: str | None = None,
            periods: list[str] | None = None) -> list[Any]:
    """Targets in force: one rep's (`user_id`), the team's (`team`), or everyone's (neither);
    optionally one metric and some periods. By who (the team last), metric, start,
    longest period first."""
    params: dict[str, Any] = {}
    where = ["t.replaced_at IS NULL"]
    if team:
        where.append("t.user_id IS NULL")
    elif user_id is not None:
        where.append(_who(user_id, params))
    if metric is not None:
        where.append("t.metric = :metric")
        params["metric"] = metric
    if periods is not None:
        where.append("t.period IN (:periods)")
        params["periods"] = periods
    return session.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE {' AND '.join(where)}"
        " ORDER BY CASE WHEN u.handle IS NULL THEN 1 ELSE 0 END, u.handle, t.metric, t.starts_on, t.ends_on DESC,"
        " t.id", params,
    ).all()


def rep_targets(session: Session, *, period: str, metric: str) -> dict[int, int]:
    """Every rep's in-force target value for one period and metric (the ranking)."""
    rows = session.execute(
        "SELECT user_id, value FROM targets WHERE period = :period AND metric = :metric AND replaced_at IS NULL"
        " AND user_id IS NOT NULL ORDER BY id", {"period": period, "metric": metric}, tuples=True,
    ).all()
    return {int(user_id): int(value) for user_id, value in rows}


def active_reps(session: Session) -> list[Any]:
    return session.execute("SELECT id, handle FROM users WHERE active = true ORDER BY handle").all()


# --------------------------------------------------------------------------- planning aids


def closed_deals(session: Session, *, owner_id: int | None, start: datetime, end: datetime) -> dict[str, Any]:
    """Per status (won, lost): deals closed in [start, end), their summed amount and how
    many had one. A rep's are read through (owner, status, stage_changed_at): closing a
    deal sets its stage_changed_at to the closing instant, so a deal closed in the range
    changed stage in it; the team's through (status, closed_at, owner, amount)."""
    params: dict[str, Any] = {"start": start, "end": end}
    owner = ""
    if owner_id is not None:
        owner = " AND owner_id = :owner AND stage_changed_at >= :start"
        params["owner"] = owner_id
    rows = session.execute(
        "SELECT status, COUNT(*) AS deals, COALESCE(SUM(amount_cents), 0) AS cents, COUNT(amount_cents) AS priced"
        " FROM deals WHERE status IN ('won', 'lost') AND closed_at >= :start AND closed_at < :end"
        f"{owner} GROUP BY status", params,
    ).all()
    return {row.status: row for row in rows}


def deals_created(session: Session, *, owner_id: int | None, start: datetime, end: datetime) -> int:
    params: dict[str, Any] = {"start": start, "end": end}
    if owner_id is None:
        sql = "SELECT COUNT(*) FROM deals WHERE created_at >= :start AND created_at < :end"
    else:
        params["owner"] = owner_id
        sql = ("SELECT COUNT(*) FROM deals WHERE owner_id = :owner AND status IN ('open', 'won', 'lost')"
               " AND stage_changed_at >= :start AND created_at >= :start AND created_at < :end")
    return int(session.execute(sql, params).scalar() or 0)


def customers_contacted(session: Session, *, owner_id: int | None, since: datetime) -> int:
    """Distinct customers with a follow-up since `since` (a plan's task is not one): a
    rep's are those the rep logged, read from (author, happened_at, kind, customer)
    (ix_follow_ups_author_happened); the team's are every customer whose last contact is
    since then (`last_contact_at` is kept in step with follow-ups), which is the same set
    without reading a year of the team's follow-ups."""
    if owner_id is None:
        return int(session.execute(
            "SELECT COUNT(*) FROM customers WHERE last_contact_at >= :since", {"since": since},
        ).scalar() or 0)
    return int(session.execute(
        "SELECT COUNT(DISTINCT customer_id) FROM follow_ups WHERE author_id = :owner AND happened_at >= :since"
        f" AND kind <> '{PLAN_TASK_KIND}'", {"owner": owner_id, "since": since},
    ).scalar() or 0)


def active_customers(session: Session, *, owner_id: int | None, since: datetime) -> int:
    """Owned, not archived, with a follow-up since `since` (last_contact_at keeps step)."""
    params: dict[str, Any] = {"since": since}
    if owner_id is None:
        owner = "owner_id IS NOT NULL"
    else:
        owner = "owner_id = :owner"
        params["owner"] = owner_id
    return int(session.execute(
        f"SELECT COUNT(*) FROM customers WHERE {owner} AND archived = false AND last_contact_at >= :since",
        params,
    ).scalar() or 0)
