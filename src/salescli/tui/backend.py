"""The dashboard's one way to the services: a Context held for the whole session and a
lock around every call.

Screens call services from Textual thread workers so the interface never waits on the
store; the store has one connection (store/engine.py), so two workers (a search typed
while a refresh runs) take turns here instead of sharing it mid-transaction. Notices a
service raises (a store made on first use, a past close day) are kept for the app to
show, since the dashboard has no stderr.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from salescli.core.errors import Notice

T = TypeVar("T")


class Backend:
    def __init__(self, url: str | None = None) -> None:
        from salescli.services.context import open_context

        self._notices: list[Notice] = []
        self._notices_lock = threading.Lock()  # its own: the app's thread must never wait for a call
        self._lock = threading.Lock()
        self.ctx = open_context(on_notice=self._notice, url=url)

    def _notice(self, notice: Notice) -> None:
        with self._notices_lock:
            self._notices.append(notice)

    def call(self, service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`service(ctx, *args, **kwargs)`, one at a time. A service that streams (a listing)
        must be read whole inside the call, while its transaction is open: screens call
        such services through `BaseScreen.load`, which does."""
        with self._lock:
            return service(self.ctx, *args, **kwargs)

    def take_notices(self) -> list[Notice]:
        with self._notices_lock:
            taken, self._notices = self._notices, []
        return taken

    def close(self) -> None:
        with self._lock:
            self.ctx.close()
