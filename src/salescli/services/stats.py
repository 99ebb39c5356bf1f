"""Store facts for `db info`: where it is, its schema, and how much it holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from salescli.i18n import N_
from salescli.services.context import Context
from salescli.store.engine import describe
from salescli.store.models import Contact, Customer, FollowUp, User
from salescli.store.schema import HEAD

INFO_LABELS = {
    "where": N_("Location"), "dialect": N_("Database"), "schema": N_("Schema"), "users": N_("Users"),
    "customers": N_("Customers"), "pool_customers": N_("In the pool"), "contacts": N_("Contacts"),
    "follow_ups": N_("Follow-ups"), "open_tasks": N_("Open tasks"),
}


def store_info(ctx: Context) -> dict[str, Any]:
    with ctx.store.session() as session:
        def count(query: Any) -> int:
            return session.execute(query).scalar_one()

        return {
            "where": describe(ctx.store.url),
            "dialect": ctx.store.dialect,
            "schema": HEAD,
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
