"""Queries on contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row

from salescli.store.engine import Session
from salescli.store.tables import contacts, customers

Contact = contacts.c
Customer = customers.c


def get(session: Session, contact_id: int) -> Row[Any] | None:
    return session.execute(select(contacts).where(Contact.id == contact_id)).first()


def create(session: Session, *, customer_id: int, at: datetime, **fields: Any) -> int:
    return session.execute(
        insert(contacts).values(customer_id=customer_id, created_at=at, **fields)
    ).inserted_primary_key[0]


def change(session: Session, contact_id: int, fields: dict[str, Any]) -> None:
    if fields:
        session.execute(update(contacts).where(Contact.id == contact_id).values(**fields))


def live_of(session: Session, customer_id: int) -> list[Row[Any]]:
    """A customer's contacts, primary first."""
    return list(
        session.execute(
            select(contacts).where(Contact.customer_id == customer_id, Contact.archived.is_(False))
            .order_by(Contact.is_primary.desc(), Contact.id)
        ).all()
    )


def has_live(session: Session, customer_id: int) -> bool:
    return session.execute(
        select(Contact.id).where(Contact.customer_id == customer_id, Contact.archived.is_(False)).limit(1)
    ).first() is not None


def keys_of(session: Session, customer_id: int) -> list[Any]:
    """(phone_key, email_key) of every contact of a customer."""
    return list(
        session.execute(select(Contact.phone_key, Contact.email_key).where(Contact.customer_id == customer_id)).all()
    )


def clear_other_primaries(session: Session, customer_id: int, keep_id: int) -> None:
    session.execute(
        update(contacts)
        .where(Contact.customer_id == customer_id, Contact.id != keep_id, Contact.is_primary.is_(True))
        .values(is_primary=False)
    )


def with_customer_names(session: Session, *, customer_id: int | None = None, owner_id: int | None = None) -> list[Any]:
    """Contact rows plus `customer_name`, of one customer or of every live customer an owner has."""
    query = (
        select(contacts, Customer.name.label("customer_name"))
        .join(customers, Customer.id == Contact.customer_id)
        .where(Contact.archived.is_(False))
    )
    if customer_id is not None:
        query = query.where(Contact.customer_id == customer_id)
    else:
        query = query.where(Customer.owner_id == owner_id, Customer.archived.is_(False))
    query = query.order_by(Customer.name, Contact.is_primary.desc(), Contact.name, Contact.id)
    return list(session.execute(query).all())


def birthdays(session: Session, owner_id: int, month_days: list[int]) -> list[Any]:
    """Contact rows plus `customer_name`, of an owner's live customers, birthday MMDD listed."""
    return list(
        session.execute(
            select(contacts, Customer.name.label("customer_name"))
            .join(customers, Customer.id == Contact.customer_id)
            .where(
                Customer.owner_id == owner_id, Customer.archived.is_(False), Contact.archived.is_(False),
                Contact.birthday_md.in_(month_days),
            )
        ).all()
    )
