"""Users of a store: add, list, change roles, deactivate and reactivate (docs/roles.md).

Only an admin manages users. The user list is changed under the `users` lock, so two
admins acting at once cannot both remove the last admin, or add one handle twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.domain.codes import ROLES
from salescli.domain.users import normalize_handle, parse_role, valid_handle
from salescli.services.access import require
from salescli.services.context import Context
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_user
from salescli.services.records import Record, record
from salescli.services.settings import watching_pool_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import transfers as transfer_queries
from salescli.store.queries import users as user_queries


@record
class UserView(Record):
    id: int
    handle: str
    name: str
    role: str
    active: bool
    customers: int
    created_at: datetime


@record
class Deactivated(Record):
    user: UserView
    handed_over_to: str | None
    customers_moved: int
    tasks_moved: int
    released: int
    deals_moved: int


def _view(user: Any, owned: int = 0) -> UserView:
    return UserView(user.id, user.handle, user.display_name, user.role, user.active, owned, user.created_at)


def _handle(raw: str) -> str:
    clean = normalize_handle(raw or "")
    if not valid_handle(clean):
        raise BadInputError("user.bad_handle", handle=raw)
    return clean


def _role(raw: str) -> str:
    role = parse_role(raw)
    if role is None:
        raise BadInputError("user.bad_role", value=raw, allowed=ROLES)
    return role


def add_user(ctx: Context, handle: str, name: str | None = None, role: str = "rep") -> UserView:
    """A new user; needs an admin. Input is checked before the store is touched."""
    clean, role = _handle(handle), _role(role)
    display = clean_text(name, "user_name") or clean
    now = ctx.now()
    with ctx.session(write=True) as session:
        locks.hold(session, locks.USERS)
        require(session, ctx, "manage_users", action="add_user")
        if user_queries.by_handle(session, clean) is not None:
            raise RefusedError("user.exists", handle=clean)
        with watching_pool_rules(session, now):  # a second active user brings the pool rules in
            user = user_queries.create(session, handle=clean, name=display, role=role, at=now)
        return _view(user)


def list_users(ctx: Context) -> list[UserView]:
    with ctx.session() as session:
        rows = user_queries.with_owned_counts(session)
    return [_view(row, row.owned) for row in rows]


def _keep_an_admin(session: Session, user: Any) -> None:
    if user.role == "admin" and user.active and user_queries.count_active_with_role(session, "admin") <= 1:
        raise RefusedError("user.last_admin", handle=user.handle)


def set_role(ctx: Context, handle: str, role: str) -> UserView:
    role = _role(role)
    with ctx.session(write=True) as session:
        locks.hold(session, locks.USERS)
        require(session, ctx, "manage_users", action="change_role")
        user = resolve_user(session, handle)
        if user.role == role:
            raise RefusedError("user.role_unchanged", handle=user.handle, role=role)
        if role != "admin":
            _keep_an_admin(session, user)
        user_queries.set_role(session, user.id, role)
        user = user_queries.get(session, user.id)
        return _view(user, user_queries.owned_count(session, user.id))


def deactivate_user(
    ctx: Context, handle: str, *, handover_to: str | None = None, release: bool = False
) -> Deactivated:
    """Stop a user from acting. What they still own (customers, open deals and tasks) goes to
    `handover_to`, or customers back to the pool with `release`; without either, a user
    who still owns something stays active, so no customer is stranded with nobody."""
    if handover_to and release:
        raise BadInputError("user.handover_or_release")
    now = ctx.now()
    with ctx.session(write=True) as session:
        locks.hold(session, locks.USERS)
        who = require(session, ctx, "manage_users", action="deactivate_user")
        user = resolve_user(session, handle)
        if not user.active:
            raise RefusedError("user.already_inactive", handle=user.handle)
        _keep_an_admin(session, user)
        heir = None
        if handover_to:
            heir = resolve_user(session, handover_to)
            if heir.id == user.id:
                raise BadInputError("user.handover_to_self", handle=user.handle)
            if not heir.active:
                raise RefusedError("user.heir_inactive", handle=heir.handle)
        # Archived customers count too: deactivating must not strand them with nobody.
        owned = user_queries.owned_count(session, user.id, archived_too=True)
        tasks = user_queries.open_task_count(session, user.id)
        if (owned or tasks) and heir is None and not release:
            raise RefusedError("user.still_owns", handle=user.handle, customers=owned, tasks=tasks)
        moved = released = tasks_moved = deals_moved = 0
        if heir is not None:
            # The same move as `salescli handover` (services/transfers.py): customers, open deals, open tasks.
            moved, deals_moved, tasks_moved = transfer_queries.hand_over(session, user.id, heir.id, at=now,
                                                                         by_id=who.id)
        elif release:
            released = ownership_queries.move_all(session, user.id, None, kind="release", at=now, by_id=who.id)
            tasks_moved = ownership_queries.reassign_open_tasks(session, user.id, None)
        user_queries.set_active(session, user.id, False)
        user = user_queries.get(session, user.id)
        return Deactivated(_view(user), heir.handle if heir else None, moved, tasks_moved, released, deals_moved)


def activate_user(ctx: Context, handle: str) -> UserView:
    with ctx.session(write=True) as session:
        locks.hold(session, locks.USERS)
        require(session, ctx, "manage_users", action="activate_user")
        user = resolve_user(session, handle)
        if user.active:
            raise RefusedError("user.already_active", handle=user.handle)
        with watching_pool_rules(session, ctx.now()):
            user_queries.set_active(session, user.id, True)
        user = user_queries.get(session, user.id)
        return _view(user, user_queries.owned_count(session, user.id))
