"""Everything a use case needs: personal settings, the store, the acting user, the clock.

A `Context` is cheap to make and lazy: the store is opened, and the acting user found,
the first time a service needs them, so a service can refuse bad input before any store
exists, and an interface can hold one Context for hours (the dashboard). Time is read
per operation (`ctx.now()`), never frozen when the context is made, and team rules are
read inside each operation's transaction (services/settings.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from salescli.core import clock
from salescli.core.config import Config
from salescli.core.config import load as load_config
from salescli.core.errors import NotFoundError, Notice, RefusedError
from salescli.services.identity import acting_handle, store_url

if TYPE_CHECKING:
    from salescli.store.engine import Store

__all__ = ["Context", "close_all", "open_context"]

# Contexts with a store open, so a process that ends without Python's clean-up can still
# close them (terminal/ending.py).
_OPEN: set[Context] = set()


def close_all() -> None:
    for ctx in list(_OPEN):
        ctx.close()


class Context:
    def __init__(
        self, config: Config, url: str, handle: str, *, on_notice: Callable[[Notice], None] | None = None,
        now: Callable[[], datetime] = clock.now, adopt_file_rules: bool = True,
    ) -> None:
        self.config = config
        self.url = url
        self.handle = handle
        self.notices: list[Notice] = []
        self._on_notice = on_notice
        self._clock = now
        self._store: Store | None = None
        self._user_id: int | None = None
        # Team rules found in the rep's file move into the first real store they use; a
        # throwaway store (the demo) must not swallow them.
        self._adopt_file_rules = adopt_file_rules
        # What the config file holds that no setting has: said once per process.
        while config.notices:
            self.notify(config.notices.pop(0))

    def now(self) -> datetime:
        """The current instant; each operation reads it once, at its start."""
        return self._clock()

    def notify(self, notice: Notice) -> None:
        self.notices.append(notice)
        if self._on_notice is not None:
            self._on_notice(notice)

    @property
    def store(self) -> Store:
        if self._store is None:
            from salescli.store.engine import open_store

            # A missing store file away from the default location is made by the first
            # write, which says so; a read is told there is no store (store/engine.py).
            self._store = open_store(self.url, busy_timeout_ms=self.config.get("store.busy_timeout_ms"),
                                     create=False, on_created=self._store_created)
            _OPEN.add(self)
        return self._store

    @property
    def user_id(self) -> int:
        if self._user_id is None:
            self._user_id = self._identify()
        return self._user_id

    def session(self, *, write: bool = False):  # noqa: ANN201 - a Store.session context manager
        """One transaction of an operation. The acting user is identified first, outside it:
        identifying may itself write (the first admin), and SQLite has one writer at a time.
        A write creates a store that does not exist yet, before identifying reads it."""
        if write:
            self.store.create()
        self.user_id  # noqa: B018
        return self.store.session(write=write)

    def _store_created(self, where: str) -> None:
        self.notify(Notice("store.created", where=where))

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None
        _OPEN.discard(self)

    def _identify(self) -> int:
        """The acting user's id. The first user of a new store is created on the spot as
        its admin (solo use needs no set-up), exactly once even when several people connect
        at the same moment; later unknown users are refused."""
        from salescli.store import locks
        from salescli.store.queries import users as user_queries

        with self.store.session() as session:
            user = user_queries.by_handle(session, self.handle)
        if user is None:
            with self.store.session(write=True) as session:
                locks.hold(session, locks.USERS)
                user = user_queries.by_handle(session, self.handle)
                if user is None:
                    if user_queries.count_users(session):
                        raise NotFoundError("user.unknown_acting", handle=self.handle)
                    user = user_queries.create(session, handle=self.handle, name=self.handle, role="admin",
                                               at=self.now())
        if not user.active:
            raise RefusedError("user.deactivated", handle=self.handle)
        if self._adopt_file_rules and self.config.file_team_values:
            from salescli.services.settings import adopt_file_rules

            adopt_file_rules(self, user.id)
        return user.id


def open_context(
    *, config: Config | None = None, on_notice: Callable[[Notice], None] | None = None, url: str | None = None,
    adopt_file_rules: bool = True,
) -> Context:
    """A context for the configured (or the given) store and user; nothing is opened yet."""
    config = config or load_config()
    return Context(config, url or store_url(config), acting_handle(config), on_notice=on_notice,
                   adopt_file_rules=adopt_file_rules)
