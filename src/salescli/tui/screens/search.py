"""`/`: find a customer as you type (docs/search.md "As you type"). Each keystroke asks
the search service in a worker; an answer that arrives after a newer keystroke is
dropped. Enter (or a click) opens the customer; escape goes back."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from salescli.core.i18n import N_, _
from salescli.present.dashboard import SEARCH_COLUMNS, search_rows
from salescli.tui.screens.base import OfTheApp
from salescli.tui.widgets.record_table import RecordTable


class SearchScreen(OfTheApp, ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "close", N_("Back")),
        Binding("down", "to_results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.typed = ""
        self.typed_at = 0.0
        self.answered = ""  # the text whose results are shown (tests and the benchmark wait for it)
        self.latencies: list[float] = []  # seconds from a keystroke to its results drawn (benchmarks/bench_tui.py)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form search"):
            yield Static(Text(_("Find a customer"), style="bold"), classes="form-title")
            yield Input(id="search-text", placeholder=_("Name, pinyin (hongda, hd), city, contact"),
                        compact=True)
            yield RecordTable(SEARCH_COLUMNS, id="results")
            yield Static(id="search-note", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#search-text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        from salescli.services.search import search_customers

        self.typed = typed = event.value
        self.typed_at = time.perf_counter()
        self.sales.run_service(search_customers, typed, done=lambda hits: self.show(typed, hits), group="search",
                               exclusive=True)

    def show(self, typed: str, hits: list[Any]) -> None:
        if typed != self.typed:
            return  # a newer keystroke's answer is on its way
        now = self.sales.backend.ctx.now()
        self.query_one("#results", RecordTable).show(search_rows(hits), now)
        note = "" if hits or not typed.strip() else _("No customer matches {text!r}.").format(text=typed)
        self.query_one("#search-note", Static).update(note)
        self.answered = typed
        self.latencies.append(time.perf_counter() - self.typed_at)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self._open()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self._open()

    def _open(self) -> None:
        row = self.query_one("#results", RecordTable).selected
        if row is not None:
            self.dismiss(row.id)

    def action_to_results(self) -> None:
        self.query_one("#results").focus()

    def action_close(self) -> None:
        self.dismiss(None)
