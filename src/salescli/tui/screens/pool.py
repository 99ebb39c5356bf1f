"""`c`: the public pool (公海). Type to filter (name, pinyin, city, as `pool list
--search`), `c` claims the customer under the cursor, enter opens it. A claim the rules
refuse (the cap, today's limit, the cool-down) says why in the CLI's words and changes
nothing (docs/dashboard.md "Pool")."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from salescli.core.i18n import N_, _
from salescli.present.pool import POOL_COLUMNS, claimed_sentence, pool_row_view
from salescli.tui.screens.base import BaseScreen
from salescli.tui.selection import Selection
from salescli.tui.widgets.key_footer import KeyFooter
from salescli.tui.widgets.record_table import RecordTable
from salescli.tui.widgets.status_line import StatusLine

POOL_ROWS = 500  # a screenful many times over; the filter narrows the rest


class PoolScreen(BaseScreen):
    TITLE_TEXT = N_("Pool")
    BINDINGS = [
        Binding("c", "claim", N_("Claim")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Input(id="pool-filter", placeholder=_("Filter the pool: name, pinyin, city, notes"), compact=True)
        yield RecordTable(POOL_COLUMNS, id="pool", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#pool").border_title = _("Public pool")
        self.query_one("#pool").focus()

    def reload(self) -> None:
        from salescli.services.pool import PoolFilter, list_pool

        search = self.query_one("#pool-filter", Input).value.strip() or None
        self.load(list_pool, PoolFilter(search=search, limit=POOL_ROWS))

    def show(self, found: tuple[Any, list[Any]]) -> None:
        session, rows = found
        self.show_status(session)
        table = self.query_one("#pool", RecordTable)
        table.show([pool_row_view(r) for r in rows], session.now)
        more = _("the first {n}").format(n=POOL_ROWS) if len(rows) == POOL_ROWS else str(len(rows))
        table.border_subtitle = more

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.query_one("#pool").focus()

    def selection(self) -> Selection:
        row = self.query_one("#pool", RecordTable).selected
        return Selection(row.id, row.name) if row is not None else Selection()

    def action_claim(self) -> None:
        from salescli.services.pool import claim

        picked = self.sales.picked("customer_id")
        if picked is None:
            return

        def claimed(done: Any) -> None:
            self.notify(claimed_sentence(done))
            self.reload()

        self.sales.run_service(claim, [f"#{picked.customer_id}"], done=claimed)
