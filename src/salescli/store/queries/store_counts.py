"""Counts for `db info`."""

from __future__ import annotations

from sqlalchemy import func, select

from salescli.store.engine import Session
from salescli.store.tables import contacts, customers, follow_ups, users


def counts(session: Session) -> dict[str, int]:
    def count(query) -> int:  # noqa: ANN001 - a select of one count
        return session.execute(query).scalar_one()

    customer, task = customers.c, follow_ups.c
    return {
        "users": count(select(func.count(users.c.id))),
        "customers": count(select(func.count(customer.id)).where(customer.archived.is_(False))),
        "pool_customers": count(
            select(func.count(customer.id)).where(customer.owner_id.is_(None), customer.archived.is_(False))
        ),
        "contacts": count(select(func.count(contacts.c.id))),
        "follow_ups": count(select(func.count(task.id))),
        "open_tasks": count(select(func.count(task.id)).where(task.due_on.is_not(None), task.closed_at.is_(None))),
    }
