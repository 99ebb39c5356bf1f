"""Users: handles, roles, and what each role may change (docs/roles.md).

`rep` works their own customers and tasks (and the pool); `manager` also acts on the
team's records and changes team rules; `admin` also manages users and roles. In a store
with one active user that user decides everything: nobody else is there to ask.
"""

from __future__ import annotations

from salescli.core.settings import HANDLE
from salescli.domain.codes import ROLES

# What each permission needs; an action not listed here is open to every active user.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "manage_users": ("admin",),  # add users, change roles, deactivate and reactivate
    "change_team_rules": ("manager", "admin"),
    "act_for_others": ("manager", "admin"),  # edit, archive, log on or close what another rep owns
    "move_customers": ("manager", "admin"),  # assign, transfer, hand over a book (docs/ownership.md)
}


def normalize_handle(raw: str) -> str:
    return raw.strip().lower()


def valid_handle(handle: str) -> bool:
    return bool(HANDLE.match(handle))


def parse_role(raw: str) -> str | None:
    """`Admin`, ` manager ` -> the role code; None when it is not a role."""
    role = (raw or "").strip().lower()
    return role if role in ROLES else None


def allowed_roles(permission: str) -> tuple[str, ...]:
    return PERMISSIONS[permission]


def may(role: str, permission: str, *, active_users: int) -> bool:
    """Whether a user with `role` may do what `permission` guards; in a solo store the one
    active user may do everything (and is an admin anyway: the last admin can never be
    deactivated or demoted)."""
    if active_users <= 1:
        return True
    return role in PERMISSIONS[permission]


def may_act_on(actor_id: int, role: str, owner_id: int | None, *, active_users: int) -> bool:
    """Whether the actor may change a record owned by `owner_id` (a customer's owner, a
    task's assignee). Records nobody owns (pool customers) are open to everyone."""
    if owner_id is None or owner_id == actor_id:
        return True
    return may(role, "act_for_others", active_users=active_users)
