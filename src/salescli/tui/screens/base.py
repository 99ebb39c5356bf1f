"""What every dashboard screen has: the status line on top, the footer of keys, its
bindings in the interface language, `reload()` for `r` and for coming back to it, and
`selection()` for the keys that act on what is selected."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from salescli.core.i18n import _
from salescli.tui.keys import translate_bindings
from salescli.tui.selection import Selection
from salescli.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from salescli.tui.app import SalesApp


class BaseScreen(Screen):
    TITLE_TEXT = ""  # N_: what the status line calls the screen

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def sales(self) -> SalesApp:
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        """Shown again (a form closed, a screen popped): the store may have changed."""
        self.reload()

    def reload(self) -> None:
        """Read this screen's data again (in a worker) and redraw it."""

    def load(self, service: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        """`service(ctx, ...)` in a worker with the status line's facts; `show((facts,
        result))` draws them. A streamed listing is read whole in the worker."""
        from salescli.services.dashboard import session_facts

        def read(ctx: Any) -> tuple[Any, Any]:
            result = service(ctx, *args, **kwargs)
            return session_facts(ctx), list(result) if hasattr(result, "__next__") else result

        self.sales.run_service(read, done=self.show, group=type(self).__name__, exclusive=True)

    def show(self, found: tuple[Any, Any]) -> None:
        """Draw what `load` read."""

    def selection(self) -> Selection:
        return Selection()

    def show_status(self, session: Any, title: str | None = None) -> None:
        self.query_one(StatusLine).show(session.handle, session.now, session.store,
                                        title if title is not None else _(self.TITLE_TEXT))
