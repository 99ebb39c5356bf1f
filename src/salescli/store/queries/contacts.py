"""Queries on contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import assignments, checked

_FIELDS = ("name", "title", "phone", "phone_key", "email", "email_key", "wechat", "birthday_md", "birthday_year",
           "is_primary", "archived")


def get(session: Session, contact_id: int) -> Any | None:
    return session.execute("SELECT * FROM contacts WHERE id = :id", {"id": contact_id}).first()


def create(session: Session, *, customer_id: int, at: datetime, **fields: Any) -> int:
    values = {"is_primary": False, "archived": False} | checked(fields, _FIELDS, "contacts")
    names = ", ".join(values)
    return session.execute(
        f"INSERT INTO contacts (customer_id, created_at, {names})"
        f" VALUES (:customer_id, :created_at, {', '.join(':' + n for n in values)}) RETURNING id",
        {"customer_id": customer_id, "created_at": at} | values,
    ).scalar()


def change(session: Session, contact_id: int, fields: dict[str, Any]) -> None:
    if checked(fields, _FIELDS, "contacts"):
        session.execute(
            f"UPDATE contacts SET {assignments(fields)} WHERE id = :row_id", fields | {"row_id": contact_id}
        )


def live_of(session: Session, customer_id: int) -> list[Any]:
    """A customer's contacts, primary first."""
    return session.execute(
        "SELECT * FROM contacts WHERE customer_id = :id AND archived = :no ORDER BY is_primary DESC, id",
        {"id": customer_id, "no": False},
    ).all()


def has_live(session: Session, customer_id: int) -> bool:
    return session.execute(
        "SELECT id FROM contacts WHERE customer_id = :id AND archived = :no LIMIT 1", {"id": customer_id, "no": False}
    ).first() is not None


def keys_of(session: Session, customer_id: int) -> list[Any]:
    """(phone_key, email_key) of every contact of a customer."""
    return session.execute(
        "SELECT phone_key, email_key FROM contacts WHERE customer_id = :id", {"id": customer_id}
    ).all()


def clear_other_primaries(session: Session, customer_id: int, keep_id: int) -> None:
    session.execute(
        "UPDATE contacts SET is_primary = :no WHERE customer_id = :customer AND id <> :keep AND is_primary = :yes",
        {"customer": customer_id, "keep": keep_id, "no": False, "yes": True},
    )


def with_customer_names(session: Session, *, customer_id: int | None = None, owner_id: int | None = None) -> list[Any]:
    """Contact rows plus `customer_name`, of one customer or of every live customer an owner has."""
    if customer_id is not None:
        where, params = "k.customer_id = :customer", {"customer": customer_id}
    else:
        where, params = "c.owner_id = :owner AND c.archived = :no", {"owner": owner_id}
    return session.execute(
        "SELECT k.*, c.name AS customer_name FROM contacts k JOIN customers c ON c.id = k.customer_id"
        f" WHERE k.archived = :no AND {where} ORDER BY c.name, k.is_primary DESC, k.name, k.id",
        params | {"no": False},
    ).all()


def birthdays(session: Session, owner_id: int, month_days: list[int]) -> list[Any]:
    """Contact rows plus `customer_name`, of an owner's live customers, birthday MMDD listed."""
    return session.execute(
        "SELECT k.*, c.name AS customer_name FROM contacts k JOIN customers c ON c.id = k.customer_id"
        " WHERE c.owner_id = :owner AND c.archived = :no AND k.archived = :no AND k.birthday_md IN (:days)",
        {"owner": owner_id, "no": False, "days": list(month_days)},
    ).all()
