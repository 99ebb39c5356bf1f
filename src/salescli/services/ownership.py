"""Ownership: who owns a customer, the cap, and the event row every change leaves.

The pool feature (claim, release, recycle) builds on `record_event` and `check_cap`.
"""

from __future__ import annotations

from salescli.core.errors import RefusedError
from salescli.core.i18n import _
from salescli.domain.pool import over_cap, pool_active
from salescli.store.engine import Session
from salescli.store.queries import users as user_queries
from salescli.store.queries.ownership import record_event

__all__ = ["check_cap", "record_event", "rules_in_force"]


def rules_in_force(session: Session, enabled: bool | None) -> bool:
    if enabled is not None:
        return enabled
    return pool_active(enabled, user_queries.count_users(session, active_only=True))


def check_cap(session: Session, user_id: int, *, enabled: bool | None, max_owned: int) -> None:
    """Refuse taking one more customer beyond `pool.max_owned` while pool rules apply."""
    if not rules_in_force(session, enabled):
        return
    owned = user_queries.owned_count(session, user_id)
    if over_cap(owned, max_owned):
        raise RefusedError(
            _("You already own {owned} customers, the most allowed (pool.max_owned = {cap}); release one first.")
            .format(owned=owned, cap=max_owned)
        )
