"""Output: data to stdout (Rich tables or JSON), messages to stderr.

Rich decides colour: none when `NO_COLOR` is set or stdout is not a terminal. Rich
measures East Asian wide characters, so mixed CJK/Latin columns stay aligned.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_console = None
_err_console = None


def console():  # noqa: ANN201 - rich.console.Console, imported lazily
    global _console
    if _console is None or _console.file is not sys.stdout:
        from rich.console import Console

        _console = Console(file=sys.stdout, highlight=False, soft_wrap=False)
    return _console


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        # Local time with its offset: unambiguous, and what the rep's tables show.
        return value.astimezone().isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def print_json(data: Any) -> None:
    sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()


def message(text: str) -> None:
    """A confirmation or note for the rep: stdout, since it is the command's answer."""
    console().print(text, markup=False, highlight=False)


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def table(
    columns: Sequence[str | tuple[str, dict[str, Any]]],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
) -> None:
    """A Rich table; a column is a header or (header, Column options)."""
    from rich.table import Table
    from rich.text import Text

    tbl = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        header, options = column if isinstance(column, tuple) else (column, {})
        # Fold rather than cut: a CJK name has no spaces to wrap at, and an ellipsis
        # would hide the part of a name or phone number the rep needs.
        tbl.add_column(header, **({"overflow": "fold"} | options))
    for row in rows:
        tbl.add_row(*(cell if isinstance(cell, Text) else Text("" if cell is None else str(cell)) for cell in row))
    console().print(tbl)


def styled(text: str, style: str) -> Any:
    from rich.text import Text

    return Text(text, style=style)


def columns_table(
    columns: Sequence[Any], items: Sequence[dict[str, Any]], *, now: datetime, title: str | None = None
) -> None:
    """Render items by their `views.Column` descriptions, formatted for the language."""
    from salescli.formatting import ago_phrase, days_phrase, due_phrase, format_short_day, until_phrase
    from salescli.i18n import _

    today = now.date()

    def cell(column: Any, item: dict[str, Any]) -> Any:
        value = item.get(column.key)
        if value is None or value == "":
            return _("never") if column.kind == "ago" else ""
        if column.kind == "day":
            return format_short_day(value)
        if column.kind == "due":
            return styled(due_phrase(value, today), "red" if value < today else "yellow" if value == today else "")
        if column.kind == "ago":
            return ago_phrase(value, now)
        if column.kind == "days":
            return styled(days_phrase(max(int(value), 0)), "red")
        if column.kind == "until":
            return until_phrase(int(value))
        return value

    table(
        [(_(c.header), {"justify": "right"}) if c.kind == "id" else _(c.header) for c in columns],
        [[cell(c, item) for c in columns] for item in items],
        title=title,
    )
