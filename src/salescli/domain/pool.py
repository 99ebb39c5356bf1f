"""Pool (公海) rules other features already need: when the rules are in force, the
ownership cap, and when an owned customer falls due for recycling (docs/pool.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


def pool_active(enabled: bool | None, active_users: int) -> bool:
    """Unset means: in force exactly when the store has two or more active users."""
    if enabled is None:
        return active_users >= 2
    return enabled


def over_cap(owned: int, max_owned: int) -> bool:
    """Whether owning one more customer would break the cap."""
    return owned + 1 > max_owned


def room_under_cap(owned: int, max_owned: int) -> int:
    """How many more customers a rep who owns `owned` may take."""
    return max(0, max_owned - owned)


@dataclass(frozen=True)
class RecycleRules:
    no_follow_up_days: int
    no_deal_days: int


def recycle_due(
    rules: RecycleRules, *, claimed_at: datetime, last_follow_up: datetime | None, has_won_deal: bool = False
) -> tuple[datetime, str]:
    """When an owned customer falls due to return to the pool, and under which rule:
    `no_follow_up` once the days since max(last follow-up, claim) exceed
    `no_follow_up_days`, or `no_deal` once the days since the claim exceed `no_deal_days`
    while no deal was won, whichever comes first."""
    since = max(claimed_at, last_follow_up) if last_follow_up is not None else claimed_at
    due, rule = since + timedelta(days=rules.no_follow_up_days), "no_follow_up"
    if not has_won_deal:
        no_deal = claimed_at + timedelta(days=rules.no_deal_days)
        if no_deal < due:
            due, rule = no_deal, "no_deal"
    return due, rule
