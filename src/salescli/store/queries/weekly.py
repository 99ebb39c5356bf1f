"""The `## Done` section of `report weekly` (docs/weekly-report.md): what one rep got done
over a week's range, each a set-based statement bounded by the range and the rep, and
counted the same way as `report activity` (store/queries/activity.py):

- deals won by when they closed, credited to the owner (ix_deals_status_closed);
- stage advances and skips the rep made (ix_stage_changes_at: at, kind, by_user_id);
- customers the rep created (ix_customers_created_at);
- payments marked paid on the week's days, of the deals the rep owns;
- visits the rep logged (ix_follow_ups_happened_author), one row per customer;
- deals lost by when they closed, with the reason.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session


def closed_deals(session: Session, *, owner_id: int, status: str, start: datetime, end: datetime) -> list[Any]:
    """The owner's deals closed as `status` (won | lost) in [start, end), earliest first."""
    return session.execute(
        "SELECT d.id AS id, d.title AS title, c.name AS customer, d.amount_cents AS amount_cents,"
        " d.lost_reason AS lost_reason, d.closed_at AS closed_at"
        " FROM deals d JOIN customers c ON c.id = d.customer_id"
        " WHERE d.status = :status AND d.closed_at >= :start AND d.closed_at < :end AND d.owner_id = :owner"
        " ORDER BY d.closed_at, d.id",
        {"status": status, "start": start, "end": end, "owner": owner_id},
    ).all()


def stage_advances(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[Any]:
    """The advances and skips the rep made in [start, end), with the gate's note."""
    return session.execute(
        "SELECT sc.deal_id AS deal_id, d.title AS title, c.name AS customer, sc.kind AS kind,"
        " sc.from_stage AS from_stage, sc.to_stage AS to_stage, sc.feedback AS feedback, sc.at AS at"
        " FROM stage_changes sc JOIN deals d ON d.id = sc.deal_id JOIN customers c ON c.id = d.customer_id"
        " WHERE sc.at >= :start AND sc.at < :end AND sc.kind IN (:kinds) AND sc.by_user_id = :user"
        " ORDER BY sc.at, sc.id",
        {"start": start, "end": end, "kinds": ["advance", "skip"], "user": user_id},
    ).all()


def new_customers(session: Session, *, user_id: int, start: datetime, end: datetime,
                  limit: int) -> tuple[list[str], int]:
    """The names of up to `limit` customers the rep created in [start, end), first made
    first, and how many there are."""
    params = {"start": start, "end": end, "user": user_id}
    where = "created_at >= :start AND created_at < :end AND created_by_id = :user"
    count = int(session.execute(f"SELECT COUNT(*) FROM customers WHERE {where}", params).scalar() or 0)
    names = session.execute(f"SELECT name FROM customers WHERE {where} ORDER BY created_at, id LIMIT {int(limit)}",
                            params).scalars()
    return [str(name) for name in names], count


def payments_collected(session: Session, *, owner_id: int, first: date, after: date) -> list[Any]:
    """Payments marked paid on the days [first, after) of the deals the rep owns."""
    return session.execute(
        "SELECT p.id AS id, p.amount_cents AS amount_cents, p.paid_on AS paid_on, d.title AS title,"
        " c.name AS customer"
        " FROM payments p JOIN deals d ON d.id = p.deal_id JOIN customers c ON c.id = d.customer_id"
        " WHERE p.paid_on >= :first AND p.paid_on < :after AND d.owner_id = :owner"
        " ORDER BY p.paid_on, p.id",
        {"first": first, "after": after, "owner": owner_id},
    ).all()


def visits(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[Any]:
    """Per customer the rep visited in [start, end): its name and the visits, first visited first."""
    return session.execute(
        "SELECT f.customer_id AS customer_id, c.name AS customer, COUNT(*) AS visits, MIN(f.happened_at) AS first_at"
        " FROM follow_ups f JOIN customers c ON c.id = f.customer_id"
        " WHERE f.happened_at >= :start AND f.happened_at < :end AND f.author_id = :user AND f.kind = :visit"
        " GROUP BY f.customer_id, c.name ORDER BY MIN(f.happened_at), f.customer_id",
        {"start": start, "end": end, "user": user_id, "visit": "visit"},
    ).all()


def display_name(session: Session, user_id: int) -> tuple[str, str]:
    """(handle, display name) of a user."""
    row = session.execute("SELECT handle, display_name FROM users WHERE id = :id", {"id": user_id}).first()
    return (row.handle, row.display_name or "") if row is not None else ("", "")
