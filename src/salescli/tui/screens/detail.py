"""A customer's detail (enter on any list, or a search result): the card's facts, and
tabs of its open tasks, timeline, deals, contacts and ownership history, all from the
`customer show` service. `l` logs with this customer, `d` marks the task under the
cursor done, `a` advances the deal under the cursor (docs/dashboard.md "Detail")."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from salescli.core.i18n import N_, _
from salescli.present import customer_card as words
from salescli.present.deals import CUSTOMER_DEAL_COLUMNS
from salescli.present.history import pool_facts
from salescli.terminal.render import safe
from salescli.tui.screens.base import BaseScreen
from salescli.tui.selection import Selection
from salescli.tui.widgets.key_footer import KeyFooter
from salescli.tui.widgets.record_table import RecordTable
from salescli.tui.widgets.status_line import StatusLine

TABS = (  # (id, title N_, columns)
    ("tasks", N_("Open tasks"), words.TASK_COLUMNS),
    ("timeline", N_("Timeline"), words.TIMELINE_COLUMNS),
    ("deals", N_("Deals"), CUSTOMER_DEAL_COLUMNS),
    ("contacts", N_("Contacts"), words.CONTACT_COLUMNS),
    ("ownership", N_("Ownership"), words.OWNERSHIP_COLUMNS),
)


class DetailScreen(BaseScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.card: Any = None

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static(id="card", classes="pane")
        with TabbedContent(id="tabs"):
            for key, title, columns in TABS:
                with TabPane(_(title), id=f"tab-{key}"):
                    yield RecordTable(columns, id=key)
        yield KeyFooter()

    def reload(self) -> None:
        from salescli.services.customers import customer_card

        self.load(customer_card, f"#{self.customer_id}")

    def show(self, found: tuple[Any, Any]) -> None:
        session, card = found
        self.card = card
        self.show_status(session, f"#{card.id} {card.name}")
        facts = words.card_facts(card, session.now)
        if card.pool is not None:
            facts += pool_facts(card.pool)
        text = Text()
        text.append(safe(f"#{card.id} {card.name}", newlines=False), style="bold")
        if card.archived:
            text.append("  [" + _("archived") + "]", style="yellow")
        text.append("\n")
        for n, (name, value) in enumerate(facts):  # one flowing paragraph: the tabs get the room
            text.append(("   " if n else "") + f"{name}: ", style="dim")
            text.append(safe(value, newlines=False))
        self.query_one("#card", Static).update(text)
        rows = {
            "tasks": words.task_rows(card), "timeline": words.timeline_rows(card), "deals": card.deals,
            "contacts": words.contact_rows(card), "ownership": words.ownership_rows(card),
        }
        for key, title, _columns in TABS:
            table = self.query_one(f"#{key}", RecordTable)
            table.show(rows[key], session.now)
            self.query_one(TabbedContent).get_tab(f"tab-{key}").label = f"{_(title)} ({len(rows[key])})"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Every line here is this customer's: enter opens nothing more (BaseScreen's
        handler would open the same card again)."""
        event.prevent_default()

    def selection(self) -> Selection:
        if self.card is None:
            return Selection(self.customer_id)
        task = self.query_one("#tasks", RecordTable).selected
        deal = self.query_one("#deals", RecordTable).selected
        return Selection(self.card.id, self.card.name, task.id if task is not None else None,
                         deal.id if deal is not None and deal.status == "open" else None)
