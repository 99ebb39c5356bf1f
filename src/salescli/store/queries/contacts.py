"""Queries on contacts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from salescli.store.models import Contact, Customer


def live_of(session: Session, customer_id: int) -> list[Contact]:
    """A customer's contacts, primary first."""
    return list(
        session.execute(
            select(Contact).where(Contact.customer_id == customer_id, Contact.archived.is_(False))
            .order_by(Contact.is_primary.desc(), Contact.id)
        ).scalars()
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
        update(Contact)
        .where(Contact.customer_id == customer_id, Contact.id != keep_id, Contact.is_primary.is_(True))
        .values(is_primary=False)
    )


def with_customer_names(session: Session, *, customer_id: int | None = None, owner_id: int | None = None) -> list[Any]:
    """(Contact, customer name) of one customer, or of every live customer an owner has."""
    query = (
        select(Contact, Customer.name)
        .join(Customer, Customer.id == Contact.customer_id)
        .where(Contact.archived.is_(False))
    )
    if customer_id is not None:
        query = query.where(Contact.customer_id == customer_id)
    else:
        query = query.where(Customer.owner_id == owner_id, Customer.archived.is_(False))
    query = query.order_by(Customer.name, Contact.is_primary.desc(), Contact.name, Contact.id)
    return list(session.execute(query).all())


def birthdays(session: Session, owner_id: int, month_days: list[int]) -> list[Any]:
    """(Contact, customer name) of an owner's live customers whose birthday MMDD is listed."""
    return list(
        session.execute(
            select(Contact, Customer.name)
            .join(Customer, Customer.id == Contact.customer_id)
            .where(
                Customer.owner_id == owner_id, Customer.archived.is_(False), Contact.archived.is_(False),
                Contact.birthday_md.in_(month_days),
            )
        ).all()
    )
