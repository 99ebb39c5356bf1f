"""Output: data to stdout (Rich tables or JSON), messages to stderr.

Rich decides colour: none when `NO_COLOR` is set or stdout is not a terminal. Rich
measures East Asian wide characters, so mixed CJK/Latin columns stay aligned.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from salescli.core.clock import local_zone

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
        return value.astimezone(local_zone()).isoformat()
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
    encode = json.JSONEncoder(ensure_ascii=False, default=_json_default, separators=(", ", ": ")).encode

    def encode_safe(item: Any) -> str:
        line = encode(item)
        return line if line.isprintable() else _json_safe(line)

    return encode_safe


def _json_safe(text: str) -> str:
    """JSON whose strings carry DEL, C1, direction controls, line separators and lone
    surrogates as `\\u` escapes: the same data to a program, nothing a terminal obeys
    (json escapes C0 itself). They can only occur inside strings, so this stays valid."""
    from salescli.domain.text import unsafe

    return "".join(f"\\u{ord(c):04x}" if c not in "\n\t" and unsafe(c, newlines=True) else c for c in text)


def to_json(data: Any) -> str:
    """A `show` object indented; a listing one object per line."""
    data = _json_ready(data)
    if isinstance(data, list) and data:
        encode = _encoder()
        return "[\n" + ",\n".join("  " + encode(item) for item in data) + "\n]"
    return _json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


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


def safe(value: Any, *, newlines: bool = True) -> str:
    """The one way text reaches the terminal: control characters, bidirectional controls
    and line separators shown as their escapes (`\\x1b`, `\\u202e`, see domain/text.py
    `visible`), so data from the store, a file or another rep can be seen but never drive
    the terminal. Rich markup is never read from it: callers wrap it in `Text`."""
    from salescli.domain.text import visible

    return visible("" if value is None else str(value), newlines=newlines)


def message(text: str) -> None:
    """A confirmation or note for the rep: stdout, since it is the command's answer."""
    from rich.text import Text

    # soft_wrap: let the terminal wrap, so a path or command in the text stays copyable.
    from salescli.present.messages import one_period

    console().print(Text(safe(one_period(text))), markup=False, highlight=False, soft_wrap=True)


def warn(text: str) -> None:
    sys.stderr.write(safe(text) + "\n")
    sys.stderr.flush()


def notice(item: Any) -> None:
    """A service's notice (a setting moved into the store, ...) as one line on stderr."""
    from salescli.core.i18n import _
    from salescli.present.messages import sentence
    from salescli.terminal.messages import CLI_WORDING

    warn(_("Note: {notice}").format(notice=sentence(item, CLI_WORDING)))


# Column options of ours, beside Rich's own (justify, ...):
#   whole=True   a value that must stay in one piece (ids, phones, dates, money, handles,
#                counts): never wrapped, never cut; Rich's `no_wrap=True` means the same.
#   drop=N       the column may be left out when the table would not fit, highest N first.
#   lines=N      a long text shows at most N lines, the last ending in "…".
#   multiline=True  the cell keeps its line breaks (notes); elsewhere a newline is a space.
#   ratio=N      a text column's share of the room left (default 1).
OURS = ("whole", "drop", "lines", "multiline", "ratio", "no_wrap", "overflow")
SEPARATOR = 3  # " │ " between two columns (no outer edge)
COMFORTABLE = 28  # a text column this wide (or as wide as its longest value) keeps its droppable neighbours
WORD = 16  # a text column gets at least its longest word up to this width, so names wrap between words


def table(
    columns: Sequence[str | tuple[str, dict[str, Any]]],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
) -> None:
    """A table on stdout; a column is a header or (header, options), see OURS above.

    Whole values keep their width; text columns share the rest and wrap between words
    (a CJK name, which has no spaces, folds between characters); droppable columns go
    first. When even that does not fit, the table is drawn wider than the terminal rather
    than split a phone number or a date.

    Past `PLAIN_ROWS` rows Rich's layout costs seconds per ten thousand rows, so a long
    listing (`customer list --all` on a big store) is printed as plain aligned text.
    """
    specs = [column if isinstance(column, tuple) else (column, {}) for column in columns]
    flags = [bool(options.get("multiline")) for _h, options in specs]
    cells = [[cell_text(cell, multiline) for cell, multiline in zip(row, flags, strict=False)] for row in rows]
    if len(cells) > PLAIN_ROWS:
        _plain_table([safe(h, newlines=False) for h, _o in specs], cells, title=title)
        return
    widths = layout([measure(header, options, [row[i] for row in cells])
                     for i, (header, options) in enumerate(specs)], console().width)
    _rich_table(specs, cells, widths, title=title)


def cell_text(cell: Any, multiline: bool) -> Any:
    """A cell as safe text: a Rich `Text` (styled by the caller) or a plain string. In a
    column that is not `multiline` a newline becomes a space, so rows stay rows."""
    if cell is None:
        return ""
    if type(cell) is str:
        if cell.isprintable():  # the common case, decided in C
            return cell
    elif hasattr(cell, "plain"):  # a rich.text.Text
        if cell.plain.isprintable():
            return cell
        return type(cell)(_flat(cell.plain, multiline), style=cell.style)
    else:
        cell = str(cell)
        if cell.isprintable():
            return cell
    return _flat(cell, multiline)


def _flat(text: str, multiline: bool) -> str:
    if not multiline:
        text = text.replace("\r\n", " ").replace("\n", " ")
    return safe(text)


@dataclass(frozen=True)
class Measure:
    """What the layout needs to know of one column."""

    natural: int  # its widest line, header included
    floor: int  # the narrowest it should be: all of a whole value, a text's longest word (up to WORD)
    least: int  # the narrowest it may be: a whole value's width, HARD for a text
    whole: bool
    drop: int | None = None
    ratio: int = 1
    empty: bool = False


HARD = 6  # a text column narrower than this is no use; its header may fold to get there


def measure(header: str, options: dict[str, Any], cells: Sequence[Any]) -> Measure:
    from rich.cells import cell_len

    whole = bool(options.get("whole") or options.get("no_wrap"))
    texts = [c.plain if hasattr(c, "plain") else c for c in cells]
    lines = [line for text in texts for line in text.split("\n")]
    natural = max([cell_len(header), *map(cell_len, lines)])
    if whole:
        floor = least = natural
    else:
        header_word = max([HARD, *(cell_len(word) for word in header.split())])
        words = [min(cell_len(word), WORD) for line in lines for word in line.split()]
        floor = min(natural, max([header_word, *words]))
        least = min(natural, HARD)
    return Measure(natural, floor, least, whole, options.get("drop"), options.get("ratio") or 1, not any(texts))


def layout(columns: Sequence[Measure], width: int, separator: int = SEPARATOR) -> dict[int, int]:
    """Column index -> width for the columns shown (dict order = column order).

    Droppable columns are left out, empty ones first, then highest `drop` first, while
    the table does not fit with its text columns at a comfortable width. Whole columns
    get their natural width. Text columns start at their floor (their longest word: names
    wrap between words) and share what is left in proportion to their ratio, up to their
    natural width; when the floors do not fit, they go down towards their least width
    (a long word then folds). The sum exceeds `width` only when the whole values and
    the least text widths alone do not fit. `separator`: the cells between two columns
    (the dashboard's tables pad each cell instead).
    """
    keep = list(range(len(columns)))

    def need(kept: list[int], of: Any) -> int:
        return sum(of(columns[i]) for i in kept) + separator * (len(kept) - 1)

    def comfortable(c: Measure) -> int:
        return c.natural if c.whole else min(c.natural, max(c.floor, COMFORTABLE))

    droppable = [i for i, c in enumerate(columns) if c.drop is not None]
    for index in sorted(droppable, key=lambda i: (not columns[i].empty, -(columns[i].drop or 0))):
        if need(keep, comfortable) <= width:
            break
        keep.remove(index)

    texts = [i for i in keep if not columns[i].whole]
    room = width - need(keep, lambda c: 0) - sum(columns[i].natural for i in keep if columns[i].whole)
    start, cap = (("floor", "natural") if room >= sum(columns[i].floor for i in texts) else ("least", "floor"))
    widths = {i: columns[i].natural if columns[i].whole else getattr(columns[i], start) for i in keep}
    room -= sum(widths[i] for i in texts)
    growing = [i for i in texts if widths[i] < getattr(columns[i], cap)]
    while room > 0 and growing:
        total = sum(columns[i].ratio for i in growing)
        given = 0
        for i in growing:
            share = max(1, room * columns[i].ratio // total)
            share = min(share, getattr(columns[i], cap) - widths[i], room - given)
            widths[i] += share
            given += share
        room -= given
        growing = [i for i in growing if widths[i] < getattr(columns[i], cap)]
        if given == 0:
            break
    return widths


def _rich_table(specs: list[tuple[str, dict[str, Any]]], cells: list[list[Any]], layout: dict[int, int],
                *, title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tbl = Table(title=Text(safe(title, newlines=False)) if title else None, title_justify="left",
                show_edge=False, pad_edge=False, header_style="bold")
    for index, width in layout.items():
        header, options = specs[index]
        rich_options = {k: v for k, v in options.items() if k not in OURS}
        whole = bool(options.get("whole") or options.get("no_wrap"))
        # Text folds rather than is cut: a CJK name has no spaces to wrap at.
        tbl.add_column(header, width=width, no_wrap=whole, overflow="fold", **rich_options)
    for row in cells:
        tbl.add_row(*(_limit_lines(row[i], specs[i][1].get("lines"), width) for i, width in layout.items()))
    out = console()
    total = sum(layout.values()) + SEPARATOR * (len(layout) - 1)
    if total > out.width:  # whole values do not fit: wider than the terminal, but not split
        out = Console(file=sys.stdout, highlight=False, soft_wrap=False, width=total,
                      no_color=out.no_color, color_system=out.color_system)
    out.print(tbl)


def _limit_lines(cell: Any, lines: int | None, width: int) -> Any:
    """A text cell cut to `lines` lines of `width`, the last ending in "…"."""
    from rich.text import Text

    text = cell if isinstance(cell, Text) else Text(cell)
    if not lines:
        return text
    wrapped = text.wrap(console(), width, overflow="fold")
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    last = kept[-1]
    last.rstrip()
    last.truncate(width - 1)
    last.append("…")
    return Text("\n").join(kept)


PLAIN_ROWS = 2000


def _plain_table(headers: Sequence[str], rows: list[Sequence[Any]], *, title: str | None) -> None:
    """Columns padded to their widest cell (East Asian wide characters count double)."""
    from rich.cells import cell_len

    text_rows = [[(cell.plain if hasattr(cell, "plain") else cell).replace("\n", " ") for cell in row]
                 for row in rows]
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
        out.write(safe(title, newlines=False) + "\n")
    out.write(line(headers) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    out.writelines(line(row) + "\n" for row in text_rows)
    out.flush()


def styled(text: str, style: str) -> Any:
    """One line of `text` in a style, safe to draw (see `safe`; a newline shows as `\\n`);
    markup in it is printed as it is."""
    from rich.text import Text

    return Text(safe(text, newlines=False), style=style)


def columns_table(
    columns: Sequence[Any], items: Sequence[Any], *, now: datetime, title: str | None = None
) -> None:
    """Render records by their `present.columns.Column` descriptions, formatted for the language."""
    from salescli.core.i18n import _

    table(
        [(_(c.header), c.options()) for c in columns],
        [[column_cell(c, item, now) for c in columns] for item in items],
        title=title,
    )


def column_cell(column: Any, item: Any, now: datetime) -> Any:
    """One record's value for a `present.columns.Column`: plain text, or Rich text where the
    kind has a colour (overdue in red). The dashboard draws its tables' cells with it too."""
    from salescli.core.i18n import _
    from salescli.present.formatting import (
        ago_phrase,
        days_phrase,
        due_phrase,
        format_clock,
        format_moment,
        format_money,
        format_short_day,
        until_phrase,
    )

    today = now.date()
    moment = getattr(item, column.time_key, None) if column.time_key else None
    at = " " + format_clock(moment) if moment is not None else ""  # a task's time of day
    value = getattr(item, column.key, None)
    if value is None or value == "" or value is False:
        return _("never") if column.kind == "ago" else ""
    if column.kind == "day":
        return format_short_day(value) + at
    if column.kind == "due":
        return styled(due_phrase(value, today) + at,
                      "red" if value < today else "yellow" if value == today else "")
    if column.kind == "ago":
        return ago_phrase(value, now)
    if column.kind == "days":
        return styled(days_phrase(max(int(value), 0)), "red")
    if column.kind == "until":
        return until_phrase(int(value))
    if column.kind == "span":
        return days_phrase(max(int(value), 0))
    if column.kind == "moment":
        return format_moment(value)
    if column.kind == "money":
        return format_money(value, getattr(item, "currency", None) or "CNY")
    if column.kind == "stage":
        from salescli.present.columns import STAGE_NAMES
        from salescli.present.labels import stage_label

        return stage_label(value, getattr(item, STAGE_NAMES.get(column.key, "stage_name"), None))
    if column.kind == "code":
        from salescli.present import labels

        return labels.label(getattr(labels, column.labels or ""), value)
    if column.kind == "flag":
        return styled(_(column.labels or ""), "yellow")
    return value
