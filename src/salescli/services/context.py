"""Everything a use case needs: config, the open store, the acting user, the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salescli.core import clock
from salescli.core.config import Config
from salescli.core.config import load as load_config
from salescli.core.errors import NotFoundError, RefusedError
from salescli.core.i18n import _
from salescli.core.identity import acting_handle, store_url
from salescli.store.engine import Store, open_store

__all__ = ["Context", "acting_handle", "open_context", "store_url"]


@dataclass
class Context:
    config: Config
    store: Store
    handle: str
    user_id: int
    now: datetime

    def setting(self, key: str):  # noqa: ANN201 - typed by SETTINGS
        return self.config.get(key)


def open_context(*, config: Config | None = None) -> Context:
    """Open the store and identify the acting user; the first user of a store is created
    on the spot (solo use needs no setup), later unknown users are refused."""
    from salescli.store.models import User
    from salescli.store.queries import users as user_queries

    config = config or load_config()
    handle = acting_handle(config)
    now = clock.now()
    store = open_store(store_url(config), busy_timeout_ms=config.get("store.busy_timeout_ms"))
    with store.session() as session:
        user = user_queries.by_handle(session, handle)
        users = 0 if user is not None else user_queries.count_users(session)
    if user is None and users:
        raise NotFoundError(
            _(
                "Unknown user {handle!r}; set SALESCLI_USER to a known user"
                " or ask an admin to run: salescli user add {handle}."
            ).format(handle=handle)
        )
    if user is None:
        with store.session(write=True) as session:
            existing = user_queries.by_handle(session, handle)
            if existing is None:
                existing = User(handle=handle, display_name=handle, role="admin", created_at=now)
                session.add(existing)
                session.flush()
            user = existing
    if not user.active:
        raise RefusedError(_("User {handle!r} is deactivated.").format(handle=handle))
    return Context(config=config, store=store, handle=handle, user_id=user.id, now=now)
