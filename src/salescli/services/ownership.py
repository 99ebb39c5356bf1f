"""Ownership: the cap and the event row every change of owner leaves (docs/pool.md).

`check_cap` is the primitive every write that gives a rep one more customer goes through
(creating or restoring one now; claiming from the pool later): called under the owner's
lock (`store.locks.owner`), it counts what they own and refuses past the cap while the
pool rules are in force, so the cap holds when reps race.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.errors import RefusedError
from salescli.domain.pool import over_cap
from salescli.services.records import Record, record
from salescli.services.settings import TeamRules, pool_rules_in_force
from salescli.store.engine import Session
from salescli.store.queries import pool as pool_queries
from salescli.store.queries import users as user_queries
from salescli.store.queries.ownership import record_event

__all__ = ["OwnerChange", "check_cap", "record_event"]


@record
class OwnerChange(Record):
    """One change of a customer's owner as a command reports it (release, assign,
    transfer); `from_user`/`to_user` are handles, None for the pool."""

    id: int
    name: str
    kind: str
    from_user: str | None
    to_user: str | None
    by: str
    at: datetime
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "from": self.from_user, "to": self.to_user,
                "by": self.by, "at": self.at, "reason": self.reason}


def check_cap(session: Session, user_id: int, rules: TeamRules, *, taking: str = "create",
              acting_id: int | None = None) -> None:
    """Refuse one more customer for `user_id` beyond `pool.max_owned` while the pool rules
    are in force. The caller holds `locks.owner(user_id)`, so the count cannot change
    between this check and its write. `acting_id`, when it is someone else (a manager
    restoring a rep's customer), makes the refusal speak of that rep, not of "you"."""
    if not pool_rules_in_force(session, rules):
        return
    owned = pool_queries.capped_count(session, user_id, counts_won=rules.get("pool.cap_counts_won"))
    cap = rules.get("pool.max_owned")
    if over_cap(owned, cap):
        raise RefusedError("pool.cap_reached", owned=owned, cap=cap, taking=taking,
                           handle=user_queries.handle_of(session, user_id),
                           own=acting_id is None or acting_id == user_id)
