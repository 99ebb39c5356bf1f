"""A table of a service's records drawn by their `present.columns.Column` descriptions,
with the CLI's cell formatting and column layout (terminal/render.py `column_cell`,
`measure`, `layout`): a task reads "3 days overdue" in red in both, whole values (ids,
dates, money) keep their width, text columns share the rest and droppable columns go
first on a narrow pane. A row is one line, so a text longer than its column ends in "…".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from salescli.core.i18n import _
from salescli.terminal.render import cell_text, column_cell, layout, measure

PADDING = 1  # DataTable's cell padding on each side
SCROLLBAR = 2  # the vertical scrollbar's width


class RecordTable(DataTable):
    """Rows are records; `selected` is the record under the cursor."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    def __init__(self, columns: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(cursor_type="row", cell_padding=PADDING, **kwargs)
        self.spec = tuple(columns)
        self.items: list[Any] = []
        self._cells: list[list[Text]] = []
        self._fitted_to = -1

    def show(self, items: Sequence[Any], now: datetime, style: Callable[[Any], str | None] | None = None) -> None:
        """Replace the rows, keeping the cursor on the same line number where it still
        exists; `style(item)` colours a whole row (an overdue line in red)."""
        self.items = list(items)
        self._cells = []
        for item in self.items:
            cells = [_cell(column_cell(c, item, now)) for c in self.spec]
            colour = style(item) if style is not None else None
            if colour:
                for cell in cells:
                    cell.stylize(colour)
            self._cells.append(cells)
        self._draw()

    def on_resize(self) -> None:
        if self.content_region.width != self._fitted_to:
            self._draw()

    def _draw(self) -> None:
        row = self.cursor_row
        width = self.content_region.width
        self._fitted_to = width
        # Drawn, a row is its widths plus each cell's padding; room is kept for a vertical scrollbar.
        room = width - SCROLLBAR - 2 * PADDING
        headers = [_(c.header) for c in self.spec]
        widths = layout(
            [measure(h, c.options(), [cells[i] for cells in self._cells]) for i, (h, c) in
             enumerate(zip(headers, self.spec, strict=True))],
            max(room, 10), separator=2 * PADDING,
        )
        self.clear(columns=True)
        for i, w in widths.items():
            self.add_column(headers[i], width=w, key=self.spec[i].key)
        for cells in self._cells:
            self.add_row(*(_fit(cells[i], w) for i, w in widths.items()))
        if self.items:
            self.move_cursor(row=min(max(row, 0), len(self.items) - 1))

    @property
    def selected(self) -> Any | None:
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]


def _cell(value: Any) -> Text:
    """One line of safe text, as the CLI draws a cell (docs/text.md): what a user typed is
    drawn, never obeyed, never read as markup; a line break is a space."""
    value = cell_text(value, multiline=False)
    return value if isinstance(value, Text) else Text(value)


def _fit(cell: Text, width: int) -> Text:
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut
