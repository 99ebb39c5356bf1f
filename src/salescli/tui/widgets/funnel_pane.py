"""A small funnel on the home screen: the rep's open deals by stage (bars centred and as
wide as the stage's count, so the pipeline's shape shows), each stage's count and amount,
then the weighted forecast and the win rate, from the same report as `report funnel`."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from salescli.core.i18n import _
from salescli.domain.funnel import bar_width
from salescli.present import reports as words
from salescli.present.formatting import format_money
from salescli.present.labels import stage_label
from salescli.terminal.render import safe
from salescli.tui.widgets.report_pane import ReportPane

BAR = "█"


class FunnelPane(ReportPane):
    def draw(self, report: Any, width: int) -> Any:
        money = report.currency
        stages = [s for s in report.stages if s.name is not None or s.count]
        labels = [safe(stage_label(s.key, s.name), newlines=False) for s in stages]
        label_width = max((cell_len(t) for t in labels), default=0)
        width = width or 40
        figures = [f"{s.count} · {format_money(s.amount, money)}" for s in stages]
        if label_width + max((cell_len(t) for t in figures), default=0) + 8 > width:
            figures = [str(s.count) for s in stages]  # a narrow pane: the counts only
        figure_width = max((cell_len(t) for t in figures), default=0)
        room = max(4, width - label_width - figure_width - 3)
        largest = max((s.count for s in stages), default=0)
        lines = []
        for stage, label, figure in zip(stages, labels, figures, strict=True):
            cells = bar_width(stage.count, largest, room)
            left = (room - cells) // 2
            line = Text(label + " " * (label_width - cell_len(label) + 1))
            line.append(" " * left + BAR * cells + " " * (room - cells - left), style="cyan")
            line.append(" " + figure.rjust(figure_width))
            lines.append(line)
        totals = report.totals
        lines.append(Text(_("Weighted {weighted} · win rate {rate}").format(
            weighted=format_money(totals.weighted, money), rate=words.percent(report.win_rate)), style="bold"))
        return Group(*lines)
