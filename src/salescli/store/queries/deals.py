"""Queries on deals and their stage changes (docs/pipeline.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import checked

_FIELDS = ("customer_id", "title", "amount_cents", "stage", "status", "close_on", "owner_id", "product",
           "lost_reason", "contract_end", "created_at", "created_by_id", "stage_changed_at", "closed_at",
           "updated_at")
# What a move or an edit may set on a deal.
_SETTABLE = ("title", "amount_cents", "stage", "status", "close_on", "product", "lost_reason", "contract_end",
             "stage_changed_at", "closed_at", "updated_at")
# A deal with the names it is shown with: its customer's and its owner's.
_WITH_NAMES = (
    "SELECT d.*, c.name AS customer_name, u.handle AS owner_handle"
    " FROM deals d JOIN customers c ON c.id = d.customer_id LEFT JOIN users u ON u.id = d.owner_id"
)
# Expected close first (deals without one last), then the oldest id.
_ORDER = "CASE WHEN d.close_on IS NULL THEN 1 ELSE 0 END, d.close_on, d.id"
_CHANGES = (
    "SELECT s.*, u.handle AS by_handle, d.title AS deal_title FROM stage_changes s"
    " JOIN deals d ON d.id = s.deal_id LEFT JOIN users u ON u.id = s.by_user_id"
)


def create(session: Session, **fields: Any) -> int:
    values = checked(fields, _FIELDS, "deals")
    return session.execute(
        f"INSERT INTO deals ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)}) RETURNING id",
        values,
    ).scalar()


def get(session: Session, deal_id: int) -> Any | None:
    """One deal with its customer's name and its owner's handle."""
    return session.execute(f"{_WITH_NAMES} WHERE d.id = :id", {"id": deal_id}).first()


def update(session: Session, deal_id: int, *, was_status: str, was_stage: str | None = None, **fields: Any) -> int:
    """Set `fields` on the deal when it is still in the `was_status` (and `was_stage`, when given)
    it was read in; the number of rows changed (0: someone else changed it first)."""
    values = checked(fields, _SETTABLE, "deals")
    sets = ", ".join(f"{name} = :new_{name}" for name in values)
    params: dict[str, Any] = {f"new_{name}": value for name, value in values.items()}
    params |= {"id": deal_id, "was_status": was_status}
    where = "id = :id AND status = :was_status"
    if was_stage is not None:
        where += " AND stage = :was_stage"
        params["was_stage"] = was_stage
    return session.execute(f"UPDATE deals SET {sets} WHERE {where}", params).rowcount


def add_change(
    session: Session, *, deal_id: int, kind: str, from_stage: str | None, to_stage: str, at: datetime,
    by_user_id: int, feedback: str | None, stay_seconds: int | None = None,
) -> int:
    return session.execute(
        "INSERT INTO stage_changes (deal_id, kind, from_stage, to_stage, at, by_user_id, feedback, stay_seconds)"
        " VALUES (:deal_id, :kind, :from_stage, :to_stage, :at, :by, :feedback, :stay) RETURNING id",
        {"deal_id": deal_id, "kind": kind, "from_stage": from_stage, "to_stage": to_stage, "at": at,
         "by": by_user_id, "feedback": feedback, "stay": stay_seconds},
    ).scalar()


def history(session: Session, deal_id: int) -> list[Any]:
    """A deal's stage changes, oldest first, with who made each."""
    return session.execute(f"{_CHANGES} WHERE s.deal_id = :id ORDER BY s.at, s.id", {"id": deal_id}).all()


def of_customer(session: Session, customer_id: int) -> list[Any]:
    """A customer's deals (rows as `get()`), open ones first, then by expected close."""
    return session.execute(
        f"{_WITH_NAMES} WHERE d.customer_id = :customer"
        f" ORDER BY CASE WHEN d.status = 'open' THEN 0 ELSE 1 END, {_ORDER}",
        {"customer": customer_id},
    ).all()


def changes_of_customer(session: Session, customer_id: int) -> list[Any]:
    """The stage changes of a customer's deals, newest first (the card's timeline order)."""
    return session.execute(
        f"{_CHANGES} WHERE d.customer_id = :customer ORDER BY s.at DESC, s.id DESC", {"customer": customer_id}
    ).all()


def listing(
    session: Session, *, statuses: list[str], owner_id: int | None = None, stage: str | None = None,
    changed_before: datetime | None = None, close_from: date | None = None, close_to: date | None = None,
    customer_id: int | None = None, limit: int | None = None,
) -> list[Any]:
    """Deals (rows as `get()`) by expected close, then id. A rep's own (`owner_id`) are read
    through ix_deals_owner_status_changed (owner, status, stage_changed_at): the owner and
    status filters and the stale cut-off (`changed_before`) are its columns."""
    filters = (("d.owner_id = :owner", "owner", owner_id), ("d.status IN (:statuses)", "statuses", list(statuses)),
               ("d.stage_changed_at < :changed_before", "changed_before", changed_before),
               ("d.stage = :stage", "stage", stage), ("d.close_on >= :close_from", "close_from", close_from),
               ("d.close_on <= :close_to", "close_to", close_to),
               ("d.customer_id = :customer", "customer", customer_id))
    where = [condition for condition, _name, value in filters if value is not None]
    params: dict[str, Any] = {name: value for _condition, name, value in filters if value is not None}
    sql = f"{_WITH_NAMES} WHERE {' AND '.join(where)} ORDER BY {_ORDER}"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return session.execute(sql, params).all()
