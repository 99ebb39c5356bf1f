"""The home screen: where a rep starts the day (docs/dashboard.md "Home").

Today's agenda (overdue in red, due today, recycle warnings, payments, deals closing),
forgotten customers, target progress with the pace marker, and a small funnel, all read
by one service call (services/dashboard.py) in a worker.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid

from salescli.core.i18n import N_, _
from salescli.present.dashboard import AGENDA_LINE_COLUMNS, FORGOTTEN_PANE_COLUMNS, agenda_lines
from salescli.tui.screens.base import BaseScreen
from salescli.tui.widgets.funnel_pane import FunnelPane
from salescli.tui.widgets.key_footer import KeyFooter
from salescli.tui.widgets.record_table import RecordTable
from salescli.tui.widgets.status_line import StatusLine
from salescli.tui.widgets.targets_pane import TargetsPane

NARROW = 110  # columns: below this the agenda takes the whole width


class HomeScreen(BaseScreen):
    TITLE_TEXT = N_("Today")

    def compose(self) -> ComposeResult:
        yield StatusLine()
        with Grid(id="home"):  # wide: agenda and forgotten left; narrow: agenda on top (app.tcss)
            yield RecordTable(AGENDA_LINE_COLUMNS, id="agenda", classes="pane")
            yield TargetsPane(id="targets", classes="pane")
            yield FunnelPane(id="funnel", classes="pane")
            yield RecordTable(FORGOTTEN_PANE_COLUMNS, id="forgotten", classes="pane")
        yield KeyFooter()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    def on_mount(self) -> None:
        self.query_one("#agenda").border_title = _("Agenda")
        self.query_one("#forgotten").border_title = _("Forgotten customers")
        self.query_one("#targets").border_title = _("Targets")
        self.query_one("#funnel").border_title = _("Pipeline")
        self.query_one("#agenda").focus()

    def reload(self) -> None:
        from salescli.services.dashboard import home

        self.load(home)

    def show(self, found: tuple[Any, Any]) -> None:
        session, data = found
        self.show_status(session)
        now = data.agenda.at
        agenda = self.query_one("#agenda", RecordTable)
        lines = agenda_lines(data.agenda)
        agenda.show(lines, now, style=lambda line: "red" if line.urgent else None)
        agenda.border_subtitle = _("{n} to do").format(n=len(lines))
        forgotten = next((s.items for s in data.agenda.sections if s.key == "forgotten"), [])
        table = self.query_one("#forgotten", RecordTable)
        table.show(forgotten, now)
        table.border_subtitle = str(len(forgotten))
        self.query_one(TargetsPane).show(data.targets)
        self.query_one(FunnelPane).show(data.funnel)
