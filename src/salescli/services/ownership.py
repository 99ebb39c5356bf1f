"""Ownership: the cap and the event row every change of owner leaves (docs/pool.md).

`check_cap` is the primitive every write that gives a rep one more customer goes through
(creating or restoring one now; claiming from the pool later): called under the owner's
lock (`store.locks.owner`), it counts what they own and refuses past the cap while the
pool rules are in force, so the cap holds when reps race.
"""

from __future__ import annotations

from salescli.core.errors import RefusedError
from salescli.domain.pool import over_cap
from salescli.services.settings import TeamRules, pool_rules_in_force
from salescli.store.engine import Session
from salescli.store.queries import users as user_queries
from salescli.store.queries.ownership import record_event

__all__ = ["check_cap", "record_event"]


def check_cap(session: Session, user_id: int, rules: TeamRules, *, taking: str = "create",
              acting_id: int | None = None) -> None:
    """Refuse one more customer for `user_id` beyond `pool.max_owned` while the pool rules
    are in force. The caller holds `locks.owner(user_id)`, so the count cannot change
    between this check and its write. `acting_id`, when it is someone else (a manager
    restoring a rep's customer), makes the refusal speak of that rep, not of "you"."""
    if not pool_rules_in_force(session, rules):
        return
    owned = user_queries.owned_count(session, user_id)
    cap = rules.get("pool.max_owned")
    if over_cap(owned, cap):
        raise RefusedError("pool.cap_reached", owned=owned, cap=cap, taking=taking,
                           handle=user_queries.handle_of(session, user_id),
                           own=acting_id is None or acting_id == user_id)
