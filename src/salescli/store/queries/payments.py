"""Queries on payments (a won deal's instalments) and the receivables they add up to."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session

# A payment with what it is shown with: its deal's title and owner, its customer's name.
_WITH_NAMES = (
    "SELECT p.id, p.deal_id, p.amount_cents, p.due_on, p.paid_on, p.note, p.created_at, p.paid_at,"
    " d.title AS deal_title, d.owner_id, d.customer_id, c.name AS customer_name"
    " FROM payments p JOIN deals d ON d.id = p.deal_id JOIN customers c ON c.id = d.customer_id"
)
# Open ones by their due day, then the paid ones by their due day.
_ORDER = " ORDER BY CASE WHEN p.paid_on IS NULL THEN 0 ELSE 1 END, p.due_on, p.id"


def get(session: Session, payment_id: int) -> Any | None:
    """One payment with its deal's title, status, amount, owner and its customer's name."""
    return session.execute(
        "SELECT p.id, p.deal_id, p.amount_cents, p.due_on, p.paid_on, p.note, p.created_at, p.paid_at,"
        " d.title AS deal_title, d.owner_id, d.status AS deal_status, d.customer_id, c.name AS customer_name"
        " FROM payments p JOIN deals d ON d.id = p.deal_id JOIN customers c ON c.id = d.customer_id"
        " WHERE p.id = :id",
        {"id": payment_id},
    ).first()


def scheduled_cents(session: Session, deal_id: int) -> int:
    """The total of a deal's payments, paid or not."""
    return int(session.execute(
        "SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE deal_id = :deal", {"deal": deal_id},
    ).scalar() or 0)


def create(session: Session, *, deal_id: int, amount_cents: int, due_on: date, note: str | None,
           created_at: datetime, created_by_id: int) -> int:
    return session.execute(
        "INSERT INTO payments (deal_id, amount_cents, due_on, note, created_at, created_by_id)"
        " VALUES (:deal_id, :amount_cents, :due_on, :note, :created_at, :created_by_id) RETURNING id",
        {"deal_id": deal_id, "amount_cents": amount_cents, "due_on": due_on, "note": note,
         "created_at": created_at, "created_by_id": created_by_id},
    ).scalar()


def mark_paid(session: Session, payment_id: int, *, paid_on: date, at: datetime, by_id: int) -> int:
    """1 when marked; 0 when it was paid already (another rep was first)."""
    return session.execute(
        "UPDATE payments SET paid_on = :paid_on, paid_at = :at, paid_by_id = :by"
        " WHERE id = :id AND paid_on IS NULL",
        {"paid_on": paid_on, "at": at, "by": by_id, "id": payment_id},
    ).rowcount


def of_deal(session: Session, deal_id: int) -> list[Any]:
    return session.execute(f"{_WITH_NAMES} WHERE p.deal_id = :deal{_ORDER}", {"deal": deal_id}).all()


def _scope(*, owner_id: int | None, deal_id: int | None, customer_id: int | None) -> tuple[list[str], dict[str, Any]]:
    """The conditions (and their parameters) choosing the payments of a rep's deals, of one
    deal, or of a customer's deals; those not given do not narrow."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for column, name, value in (("d.owner_id", "owner", owner_id), ("p.deal_id", "deal", deal_id),
                                ("d.customer_id", "customer", customer_id)):
        if value is not None:
            where.append(f"{column} = :{name}")
            params[name] = value
    return where, params


def listing(session: Session, *, owner_id: int | None, deal_id: int | None, customer_id: int | None,
            overdue_before: date | None, open_only: bool) -> list[Any]:
    """Payments of the deals `owner_id` owns (None: everyone's), of one deal or customer;
    `overdue_before`: only open ones due before that day; `open_only`: unpaid ones."""
    where, params = _scope(owner_id=owner_id, deal_id=deal_id, customer_id=customer_id)
    if overdue_before is not None:
        where.append("p.paid_on IS NULL AND p.due_on < :before")
        params["before"] = overdue_before
    elif open_only:
        where.append("p.paid_on IS NULL")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return session.execute(f"{_WITH_NAMES}{clause}{_ORDER}", params).all()


def totals(session: Session, *, today: date, deal_id: int | None = None, customer_id: int | None = None,
           owner_id: int | None = None) -> Any:
    """(scheduled, paid, open, overdue) in cents over the payments of one deal, a customer's
    deals or a rep's deals (none given: every payment)."""
    where, params = _scope(owner_id=owner_id, deal_id=deal_id, customer_id=customer_id)
    params["today"] = today
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return session.execute(
        "SELECT COALESCE(SUM(p.amount_cents), 0) AS scheduled,"
        " COALESCE(SUM(CASE WHEN p.paid_on IS NOT NULL THEN p.amount_cents ELSE 0 END), 0) AS paid,"
        " COALESCE(SUM(CASE WHEN p.paid_on IS NULL THEN p.amount_cents ELSE 0 END), 0) AS open,"
        " COALESCE(SUM(CASE WHEN p.paid_on IS NULL AND p.due_on < :today THEN p.amount_cents ELSE 0 END), 0)"
        " AS overdue"
        f" FROM payments p JOIN deals d ON d.id = p.deal_id{clause}",
        params,
    ).first()
