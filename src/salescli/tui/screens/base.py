"""What every dashboard screen has: its bindings in the interface language and the app
(`OfTheApp`, modal screens too); a full screen also has the status line on top, the
footer of keys, `reload()` for `r` and for coming back to it, `load()` to read in a
worker, and `selection()` for the keys that act on what is selected."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.widgets import DataTable

from salescli.core.i18n import _
from salescli.tui.keys import translate_bindings
from salescli.tui.selection import Selection
from salescli.tui.widgets.record_table import RecordTable
from salescli.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from salescli.tui.app import SalesApp


class OfTheApp:
    """Mixed into every screen of the dashboard, full or modal."""

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def sales(self) -> SalesApp:
        return self.app  # type: ignore[attr-defined, no-any-return]


class BaseScreen(OfTheApp, Screen):
    TITLE_TEXT = ""  # N_: what the status line calls the screen
    loaded = False  # its first data has been drawn (tests and the benchmark wait for it)

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

        def drawn(found: tuple[Any, Any]) -> None:
            self.show(found)
            self.loaded = True

        self.sales.run_service(read, done=drawn, group=type(self).__name__, exclusive=True)

    def show(self, found: tuple[Any, Any]) -> None:
        """Draw what `load` read."""

    def selection(self) -> Selection:
        """The line under the cursor of the focused list."""
        focused = self.focused
        row = focused.selected if isinstance(focused, RecordTable) else None
        return Selection.of(row) if row is not None else Selection()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter (or a second click) on a line opens its customer."""
        self.sales.action_open()

    def show_status(self, session: Any, title: str | None = None) -> None:
        self.query_one(StatusLine).show(session.handle, session.now, session.store,
                                        title if title is not None else _(self.TITLE_TEXT))
