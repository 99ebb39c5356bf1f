"""`?`: every key of the dashboard and what it does, from the same table as the footer
and the command palette (tui/keys.py)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from salescli.core.i18n import N_, _
from salescli.tui.keys import KEYS
from salescli.tui.screens.base import OfTheApp


class HelpScreen(OfTheApp, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Close")),
        Binding("question_mark", "app.pop_screen", N_("Close"), show=False),
        Binding("q", "app.pop_screen", N_("Close"), show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key in KEYS:
            table.add_row(key.shown, _(key.description), _(key.help))
        table.add_row("escape", _("Back"), _("Close a form or go back a screen."))
        table.add_row("ctrl+p", _("Commands"), _("The command palette: every action by name."))
        with Vertical(classes="form"):
            yield Static(Text(_("Keys"), style="bold"), classes="form-title")
            yield Static(table)
            yield Static(Text(_("The mouse works too: click a row to select it, click again to open it."),
                              style="dim"))
