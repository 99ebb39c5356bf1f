"""Target progress on the home screen: per target in force today, the metric and period,
a bar filled to what is done with the pace marker where the rep should be by now (green
at or ahead of pace, red behind: the CLI's `target show` bar), and the figures."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from salescli.core.i18n import _
from salescli.present import targets as words
from salescli.terminal.targets import progress_bar
from salescli.tui.widgets.report_pane import ReportPane

MIN_BAR, MAX_BAR = 10, 40


class TargetsPane(ReportPane):
    def draw(self, report: Any, width: int) -> Any:
        if not report.rows:
            return Text(_(words.NO_TARGETS_NOW), style="dim")
        cells = max(MIN_BAR, min(MAX_BAR, (width or 30) - 6))
        lines = []
        for row in report.rows:
            shown = words.show_row(row, report.currency)
            head = Text()
            head.append(f"{shown.metric} · {shown.period}", style="bold")
            lines.append(head)
            bar = progress_bar(row.done, row.pace_share, row.ahead >= 0, cells)
            bar.append(f" {shown.done}")
            lines.append(bar)
            lines.append(Text(_("{figures} · pace {pace}").format(figures=shown.figures, pace=shown.pace),
                              style="green" if row.ahead >= 0 else "red"))
        return Group(*lines)
