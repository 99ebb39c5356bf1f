"""`p`: this week's plan of calls and visits, as `salescli plan week` builds it (nothing is
recorded here: `plan week --commit` does that), with the items that found no slot below.
Each line keeps its customer, so enter, `l` and `d` work on it (docs/dashboard.md "Plan")."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding

from salescli.core.i18n import N_, _
from salescli.present import plan as words
from salescli.present.columns import Column
from salescli.tui.screens.base import BaseScreen
from salescli.tui.widgets.key_footer import KeyFooter
from salescli.tui.widgets.record_table import RecordTable
from salescli.tui.widgets.status_line import StatusLine

PLAN_COLUMNS = (Column(N_("Day"), "day", "day"), *words.COLUMNS[1:])


class PlanScreen(BaseScreen):
    TITLE_TEXT = N_("Week plan")
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield RecordTable(PLAN_COLUMNS, id="plan", classes="pane")
        yield RecordTable(words.OVERFLOW_COLUMNS, id="overflow", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#overflow").border_title = _("Not planned")
        self.query_one("#plan").focus()

    def reload(self) -> None:
        from salescli.services.plan import build_week_plan

        self.load(build_week_plan)

    def show(self, found: tuple[Any, Any]) -> None:
        session, plan = found
        self.show_status(session)
        table = self.query_one("#plan", RecordTable)
        table.show([words.plan_row(i) for i in plan.items], session.now)
        table.border_title = _("Week {week}").format(week=plan.week)
        table.border_subtitle = words.totals(plan)
        overflow = self.query_one("#overflow", RecordTable)
        overflow.show([words.plan_row(o, reason_words=words.overflow_words(o.reason)) for o in plan.overflow],
                      session.now)
        overflow.display = bool(plan.overflow)
