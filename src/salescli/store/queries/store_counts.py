"""Counts for `db info`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from salescli.store.models import Contact, Customer, FollowUp, User


def counts(session: Session) -> dict[str, int]:
    def count(query) -> int:  # noqa: ANN001 - a select of one count
        return session.execute(query).scalar_one()

    return {
        "users": count(select(func.count(User.id))),
        "customers": count(select(func.count(Customer.id)).where(Customer.archived.is_(False))),
        "pool_customers": count(
            select(func.count(Customer.id)).where(Customer.owner_id.is_(None), Customer.archived.is_(False))
        ),
        "contacts": count(select(func.count(Contact.id))),
        "follow_ups": count(select(func.count(FollowUp.id))),
        "open_tasks": count(
            select(func.count(FollowUp.id)).where(FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None))
        ),
    }
