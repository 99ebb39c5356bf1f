"""User (rep) use cases."""

from __future__ import annotations

from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.core.i18n import _
from salescli.domain.codes import ROLES
from salescli.domain.users import normalize_handle, valid_handle
from salescli.services.context import Context
from salescli.store.models import User
from salescli.store.queries import users as user_queries


def _view(user: User, owned: int = 0) -> dict[str, Any]:
    return {
        "id": user.id, "handle": user.handle, "name": user.display_name, "role": user.role,
        "active": user.active, "customers": owned, "created_at": user.created_at,
    }


def check_new_user(handle: str, role: str) -> str:
    """The normalized handle, or a BadInputError; callable before the store is opened."""
    clean = normalize_handle(handle)
    if not valid_handle(clean):
        raise BadInputError(
            _("{handle!r} is not a valid handle: use lowercase letters, digits, '.', '_' or '-'.")
            .format(handle=handle)
        )
    if role not in ROLES:
        raise BadInputError(
            _("Role must be one of {allowed}, not {value!r}.").format(allowed=", ".join(ROLES), value=role)
        )
    return clean


def add_user(ctx: Context, handle: str, name: str | None, role: str) -> dict[str, Any]:
    clean = check_new_user(handle, role)
    with ctx.store.session(write=True) as session:
        if user_queries.by_handle(session, clean) is not None:
            raise RefusedError(_("User {handle!r} already exists.").format(handle=clean))
        user = User(handle=clean, display_name=(name or "").strip() or clean, role=role, created_at=ctx.now)
        session.add(user)
        session.flush()
        return _view(user)


def list_users(ctx: Context) -> list[dict[str, Any]]:
    with ctx.store.session() as session:
        rows = user_queries.with_owned_counts(session)
    return [_view(user, count) for user, count in rows]
