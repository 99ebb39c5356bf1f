"""Ownership: who owns a customer, the cap, and the event row every change leaves.

The pool feature (claim, release, recycle) builds on `record_event` and `check_cap`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlmodel import Session

from salescli.domain.pool import over_cap, pool_active
from salescli.errors import RefusedError
from salescli.i18n import _
from salescli.store.models import Customer, OwnershipEvent, User


def rules_in_force(session: Session, enabled: bool | None) -> bool:
    if enabled is not None:
        return enabled
    active = session.execute(select(func.count(User.id)).where(User.active.is_(True))).scalar_one()
    return pool_active(enabled, active)


def owned_count(session: Session, user_id: int) -> int:
    return session.execute(
        select(func.count(Customer.id)).where(Customer.owner_id == user_id, Customer.archived.is_(False))
    ).scalar_one()


def check_cap(session: Session, user_id: int, *, enabled: bool | None, max_owned: int) -> None:
    """Refuse taking one more customer beyond `pool.max_owned` while pool rules apply."""
    if not rules_in_force(session, enabled):
        return
    owned = owned_count(session, user_id)
    if over_cap(owned, max_owned):
        raise RefusedError(
            _("You already own {owned} customers, the most allowed (pool.max_owned = {cap}); release one first.")
            .format(owned=owned, cap=max_owned)
        )


def record_event(
    session: Session,
    *,
    customer_id: int,
    kind: str,
    at: datetime,
    from_user_id: int | None = None,
    to_user_id: int | None = None,
    by_user_id: int | None = None,
    reason: str | None = None,
) -> None:
    session.execute(
        insert(OwnershipEvent).values(
            customer_id=customer_id, kind=kind, at=at, from_user_id=from_user_id,
            to_user_id=to_user_id, by_user_id=by_user_id, reason=reason,
        )
    )
