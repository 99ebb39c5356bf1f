"""Who may change what (docs/roles.md), checked inside the transaction that writes.

The rules are in `domain/users.py`; this module reads what they need (the actor's role,
how many users are active) and refuses with the people who may do it instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from salescli.core.errors import RefusedError
from salescli.domain.users import allowed_roles, may, may_act_on
from salescli.services.context import Context
from salescli.store.engine import Session
from salescli.store.queries import users as user_queries


@dataclass(slots=True, eq=False)
class Actor:
    id: int
    handle: str
    role: str
    active_users: int


def actor(session: Session, ctx: Context) -> Actor:
    """The acting user as of this transaction (a role may have changed since the context
    was made); one indexed statement."""
    user_id = ctx.user_id
    found = user_queries.role_and_active_count(session, user_id)
    if found is None or not found[1]:
        raise RefusedError("user.deactivated", handle=ctx.handle)
    role, _active, active_users = found
    return Actor(user_id, ctx.handle, role, active_users)


def require(session: Session, ctx: Context, permission: str, *, action: str) -> Actor:
    """The actor, when their role allows `permission`; else refused with who may."""
    who = actor(session, ctx)
    if not may(who.role, permission, active_users=who.active_users):
        roles = allowed_roles(permission)
        raise RefusedError(
            "access.role_required", action=action, roles=roles, role=who.role,
            ask=user_queries.with_roles(session, roles),
        )
    return who


def require_owner(
    session: Session, ctx: Context, owner_id: int | None, *, action: str, record: str, record_id: int,
    record_name: str | None = None,
) -> Actor:
    """The actor, when they own the record (a customer's owner, a task's assignee) or may
    act for others; else refused naming the owner and the managers to ask."""
    who = actor(session, ctx)
    if not may_act_on(who.id, who.role, owner_id, active_users=who.active_users):
        owner = user_queries.handle_of(session, owner_id)
        managers = user_queries.with_roles(session, allowed_roles("act_for_others"))
        raise RefusedError(
            "access.not_owner", action=action, record=record, id=record_id, name=record_name, owner=owner,
            ask=managers,
        )
    return who
