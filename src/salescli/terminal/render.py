"""Output: data to stdout (Rich tables or JSON), messages to stderr.

Rich decides colour: none when `NO_COLOR` is set or stdout is not a terminal. Rich
measures East Asian wide characters, so mixed CJK/Latin columns stay aligned.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
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
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(_ZONE[0] if _ZONE else _zone()).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    json_fields = getattr(value, "json_fields", None)
    if json_fields is not None:  # a record nested in a streamed one (services/records.py)
        return json_fields()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


_ZONE: list[Any] = []


def _zone() -> Any:
    from salescli.core.clock import local_zone

    _ZONE.append(local_zone())
    return _ZONE[0]


def _json_ready(data: Any) -> Any:
    """A service's record (or a list of them) in its one JSON form (services/records.py)."""
    if hasattr(data, "to_json"):
        return data.to_json()
    if isinstance(data, list):
        return [item.to_json() if hasattr(item, "to_json") else item for item in data]
    return data


def _encoder() -> Any:
    # One object per line keeps json's fast C encoder (indenting falls back to pure
    # Python: seconds for a 100k-row listing).
    return json.JSONEncoder(ensure_ascii=False, default=_json_default, separators=(", ", ": ")).encode


def to_json(data: Any) -> str:
    """A `show` object indented; a listing one object per line."""
    data = _json_ready(data)
    if isinstance(data, list) and data:
        encode = _encoder()
        return "[\n" + ",\n".join("  " + encode(item) for item in data) + "\n]"
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def print_json(data: Any) -> None:
    """Records as JSON on stdout. An iterator (a streamed listing) is written as it comes,
    one object per line, so memory stays flat however long the listing is."""
    if isinstance(data, Iterator | list):
        _stream_json(iter(data))
    else:
        sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()


def _stream_json(items: Iterator[Any]) -> None:
    encode = _encoder()
    write = sys.stdout.write
    opening = "[\n  "
    for item in items:
        # json_fields: one level deep; the encoder calls back for nested records and dates.
        write(opening + encode(item.json_fields() if hasattr(item, "json_fields") else item))
        opening = ",\n  "
    write("[]\n" if opening == "[\n  " else "\n]\n")


def message(text: str) -> None:
    """A confirmation or note for the rep: stdout, since it is the command's answer."""
    # soft_wrap: let the terminal wrap, so a path or command in the text stays copyable.
    console().print(text, markup=False, highlight=False, soft_wrap=True)


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def notice(item: Any) -> None:
    """A service's notice (a setting moved into the store, ...) as one line on stderr."""
    from salescli.core.i18n import _
    from salescli.present.messages import sentence
    from salescli.terminal.messages import CLI_WORDING

    warn(_("Note: {notice}").format(notice=sentence(item, CLI_WORDING)))


def table(
    columns: Sequence[str | tuple[str, dict[str, Any]]],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
) -> None:
    """A Rich table; a column is a header or (header, Column options).

    An option `drop=N` marks a column that may be left out on a narrow terminal
    (highest N first), so names keep their room instead of folding letter by letter.

    Past `PLAIN_ROWS` rows Rich's layout costs seconds per ten thousand rows, so a long
    listing (`customer list --all` on a big store) is printed as plain aligned text.
    """
    from rich.table import Table

    rows = list(rows)
    if len(rows) > PLAIN_ROWS:
        _plain_table([c[0] if isinstance(c, tuple) else c for c in columns], rows, title=title)
        return

    specs = [column if isinstance(column, tuple) else (column, {}) for column in columns]
    keep = _fitting_columns(specs, rows, console().width)
    tbl = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, header_style="bold")
    for index in keep:
        header, options = specs[index]
        options = {k: v for k, v in options.items() if k != "drop"}
        # Fold rather than cut: a CJK name has no spaces to wrap at, and an ellipsis
        # would hide the part of a name or phone number the rep needs.
        tbl.add_column(header, **({"overflow": "fold"} | options))
    for row in rows:
        tbl.add_row(*(_text(row[index]) for index in keep))
    console().print(tbl)


def _text(cell: Any) -> Any:
    from rich.text import Text

    return cell if isinstance(cell, Text) else Text("" if cell is None else str(cell))


def _fitting_columns(specs: list[tuple[str, dict[str, Any]]], rows: list[Sequence[Any]], width: int) -> list[int]:
    """Indexes of the columns to show: a column with option `drop=N` is left out, highest
    N first, while the table would not fit the terminal without squeezing names."""
    from rich.cells import cell_len

    droppable = sorted((opts["drop"], i) for i, (_h, opts) in enumerate(specs) if "drop" in opts)
    if not droppable:
        return list(range(len(specs)))

    def natural(index: int) -> int:
        cells = [cell_len(str(row[index])) for row in rows[:200] if row[index] not in (None, "")]
        return min(max([cell_len(specs[index][0]), *cells]), 28)

    widths = {i: natural(i) for i in range(len(specs))}
    keep = set(range(len(specs)))
    for _rank, index in reversed(droppable):
        if sum(widths[i] for i in keep) + 3 * (len(keep) - 1) <= width:
            break
        keep.discard(index)
    return sorted(keep)


PLAIN_ROWS = 2000


def _plain_table(headers: Sequence[str], rows: list[Sequence[Any]], *, title: str | None) -> None:
    """Columns padded to their widest cell (East Asian wide characters count double)."""
    from rich.cells import cell_len

    text_rows = [[("" if cell is None else str(cell)).replace("\n", " ") for cell in row] for row in rows]
    widths = [cell_len(h) for h in headers]
    for row in text_rows:
        for index, cell in enumerate(row):
            size = cell_len(cell)
            if size > widths[index]:
                widths[index] = size

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = sys.stdout
    if title:
        out.write(title + "\n")
    out.write(line(headers) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    out.writelines(line(row) + "\n" for row in text_rows)
    out.flush()


def styled(text: str, style: str) -> Any:
    from rich.text import Text

    return Text(text, style=style)


def columns_table(
    columns: Sequence[Any], items: Sequence[Any], *, now: datetime, title: str | None = None
) -> None:
    """Render records by their `present.columns.Column` descriptions, formatted for the language."""
    from salescli.core.i18n import _
    from salescli.present.formatting import ago_phrase, days_phrase, due_phrase, format_short_day, until_phrase

    today = now.date()

    def cell(column: Any, item: Any) -> Any:
        value = getattr(item, column.key, None)
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
