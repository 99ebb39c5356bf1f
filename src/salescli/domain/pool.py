"""Pool (公海) rules that other features already need: when the rules are in force, and
the ownership cap (SPEC §Pool)."""

from __future__ import annotations


def pool_active(enabled: bool | None, active_users: int) -> bool:
    """Unset means: in force exactly when the store has two or more active users."""
    if enabled is None:
        return active_users >= 2
    return enabled


def over_cap(owned: int, max_owned: int) -> bool:
    """Whether owning one more customer would break the cap."""
    return owned + 1 > max_owned
