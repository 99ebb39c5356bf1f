"""A pane that draws a service's report to its own width (bars, columns), and draws it
again when the pane is resized."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class ReportPane(Static):
    report: Any = None

    def show(self, report: Any) -> None:
        self.report = report
        self.update(self.draw(report, self.content_region.width or self.size.width))

    def on_resize(self) -> None:
        if self.report is not None:
            self.show(self.report)

    def draw(self, report: Any, width: int) -> Any:
        """The renderable for `report` at `width` cells."""
        raise NotImplementedError
