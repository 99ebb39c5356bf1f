"""`customer export` and `lead export`: every record a user may read, as CSV, a JSON array
or JSON lines, to standard output or to a file (docs/export.md).

Why it streams: the rows come from one statement read a batch at a time (a server-side
cursor on PostgreSQL) and are written as they come, so 100k customers take seconds and
flat memory. Why a file is written through a temporary file beside it and renamed at the
end: a failure (a full disk, a lost store, Ctrl-C) leaves the old file or none, never half
of one; and opening that temporary file first is how an unwritable `--out` is refused
before anything is read.

Who sees what follows docs/roles.md: a rep exports their own records and the pool's; the
whole team's takes a manager or an admin (anyone in a solo store). An export is a read:
it writes no event.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from salescli.core.clock import local_zone
from salescli.core.errors import BadInputError, RefusedError
from salescli.domain.export_fields import CUSTOMER_COLUMNS, LEAD_COLUMNS, LIST_SEPARATOR, join_tags
from salescli.domain.users import allowed_roles, may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.files import AtomicFile
from salescli.services.records import Record, record
from salescli.store.queries import exports as queries
from salescli.store.queries import users as user_queries

FORMATS = ("csv", "json", "jsonl")
SCOPES = ("mine", "all", "pool")
LEAD_STATUSES = ("new", "working", "converted", "disqualified")


@dataclass
class ExportRequest:
    """What the user asked for, as typed; the service checks it before anything is read."""

    format: str = "csv"
    out: str | None = None  # a file path; None or "-": the caller's stream (standard output)
    excel: bool = False  # CSV for Excel: UTF-8 with a BOM, CRLF line ends
    scope: str = "mine"  # mine | all | pool
    archived: bool = False  # customers: the archived ones instead of the live ones
    status: str | None = None  # leads
    source: str | None = None  # leads


@record
class ExportResult(Record):
    kind: str  # customer | lead
    count: int
    format: str
    out: str | None  # the file written; None for standard output


def export_customers(ctx: Context, request: ExportRequest, stream: BinaryIO) -> ExportResult:
    """Write the customers `request` selects to `stream` (or to `request.out`)."""
    fmt = _check(request)
    if request.status or request.source:
        raise BadInputError("export.lead_filter", option="status" if request.status else "source")
    from salescli.services.pool import ensure_recycled

    output = _Output(request.out, stream)
    try:
        ensure_recycled(ctx)  # the pool as it stands now, as `customer list` shows it
        with ctx.session() as session:
            owner_id = _owner_filter(session, ctx, request.scope, "customer")
            rows = queries.customer_rows(session, owner_id=owner_id, pool=request.scope == "pool",
                                         archived=request.archived)
            count = _write(output.binary, fmt, request.excel, CUSTOMER_COLUMNS, map(_customer_values, rows),
                           tty=output.tty)
        output.commit()
    finally:
        output.discard()
    return ExportResult("customer", count, fmt, output.path)


def export_leads(ctx: Context, request: ExportRequest, stream: BinaryIO) -> ExportResult:
    """Write the live leads `request` selects to `stream` (or to `request.out`)."""
    fmt = _check(request)
    if request.archived:
        raise BadInputError("export.customer_filter", option="archived")
    status = (request.status or "").strip().lower() or None
    if status is not None and status not in LEAD_STATUSES:
        raise BadInputError("export.bad_status", value=request.status, allowed=LEAD_STATUSES)
    source = (request.source or "").strip() or None
    output = _Output(request.out, stream)
    try:
        with ctx.session() as session:
            owner_id = _owner_filter(session, ctx, request.scope, "lead")
            rows = queries.lead_rows(session, owner_id=owner_id, pool=request.scope == "pool", status=status,
                                     source=source)
            count = _write(output.binary, fmt, request.excel, LEAD_COLUMNS, map(_lead_values, rows),
                           tty=output.tty)
        output.commit()
    finally:
        output.discard()
    return ExportResult("lead", count, fmt, output.path)


# --------------------------------------------------------------------------- checks


def _check(request: ExportRequest) -> str:
    fmt = (request.format or "csv").strip().lower()
    if fmt not in FORMATS:
        raise BadInputError("export.bad_format", value=request.format, allowed=FORMATS)
    if request.excel and fmt != "csv":
        raise BadInputError("export.excel_not_csv", format=fmt)
    if request.scope not in SCOPES:
        raise BadInputError("export.bad_scope", value=request.scope, allowed=SCOPES)
    return fmt


def _owner_filter(session: Any, ctx: Context, scope: str, kind: str) -> int | None:
    """The owner whose records are read (None: every owner, or the pool). The whole team's
    records take a manager or an admin; the acting user's own and the pool's anyone."""
    who = actor(session, ctx)
    if scope == "mine":
        return who.id
    if scope == "all" and not may(who.role, "act_for_others", active_users=who.active_users):
        raise RefusedError("export.team_only", kind=kind, role=who.role,
                           ask=user_queries.with_roles(session, allowed_roles("act_for_others")))
    return None


# --------------------------------------------------------------------------- values


def _customer_values(row: tuple) -> dict[str, Any]:
    """A customer row (store/queries/exports.py order) as the export's columns; tags a
    sorted list."""
    width = len(queries.CUSTOMER_FIELDS)
    values = dict(zip(queries.CUSTOMER_FIELDS, row[:width], strict=True))
    owner, tags, name, title, phone, email, wechat = row[width:]
    values |= {"owner": owner, "tags": sorted(tags.split("\x1f")) if tags else [], "contact_name": name,
               "contact_title": title, "contact_phone": phone, "contact_email": email, "contact_wechat": wechat}
    return values


def _lead_values(row: tuple) -> dict[str, Any]:
    """A lead row as the export's columns: `flags` a list, `extra` an object."""
    width = len(queries.LEAD_FIELDS)
    values = dict(zip(queries.LEAD_FIELDS, row[:width], strict=True))
    values["owner"] = row[width]
    flags = values["flags"]
    values["flags"] = [f.strip() for f in flags.split(LIST_SEPARATOR) if f.strip()] if flags else []
    extra = values["extra"]
    if extra:
        try:
            values["extra"] = json.loads(extra)
        except ValueError:
            values["extra"] = extra  # written by hand into the store: shown as it is
    else:
        values["extra"] = {}
    return values


def _instant(value: datetime) -> str:
    # Local time with its offset, as every JSON answer of salescli shows it (docs/json.md).
    return value.astimezone(local_zone()).isoformat()


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    kind = value.__class__
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if kind is datetime:
        return _instant(value)
    if kind is list:
        return join_tags(value) if name == "tags" else LIST_SEPARATOR.join(value)
    if kind is dict:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return _instant(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


# --------------------------------------------------------------------------- writing


def _write(binary: BinaryIO, fmt: str, excel: bool, columns: tuple[str, ...], rows: Iterator[dict[str, Any]],
           *, tty: bool) -> int:
    """Write the rows in `fmt`; the number written."""
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=False)
    shown: Callable[[str], str] = _visible if tty else _same
    count = 0
    try:
        if fmt == "csv":
            if excel:
                text.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8, Chinese and all
            writer = csv.writer(text, lineterminator="\r\n" if excel else "\n")
            writer.writerow(columns)
            for values in rows:
                writer.writerow([shown(_csv_cell(name, values[name])) for name in columns])
                count += 1
        else:
            encode = json.JSONEncoder(ensure_ascii=False, default=_json_default, separators=(", ", ": ")).encode
            lines = fmt == "jsonl"
            opening = "" if lines else "[\n  "
            for values in rows:
                text.write(opening + shown(encode({name: values[name] for name in columns})))
                opening = "\n" if lines else ",\n  "
                count += 1
            if lines:
                text.write("\n" if count else "")
            else:
                text.write("[]\n" if not count else "\n]\n")
        text.flush()
    finally:
        text.detach()  # the caller's stream stays open
    return count


def _same(text: str) -> str:
    return text


def _visible(text: str) -> str:
    """Text bound for a terminal: controls shown as escapes, never obeyed (domain/text.py)."""
    if text.isprintable():
        return text
    from salescli.domain.text import visible

    return visible(text, newlines=True)


class _Output:
    """Where an export goes: standard output, or a path written whole or not at all
    (services/files.py: an unwritable path is refused before anything is read)."""

    def __init__(self, path: str | None, stream: BinaryIO) -> None:
        self.path = None if path in (None, "-") else path
        self._file: AtomicFile | None = None
        if self.path is None:
            self.binary = stream
            isatty = getattr(stream, "isatty", None)
            self.tty = bool(isatty and isatty())
            return
        self.tty = False
        self._file = AtomicFile(self.path, "export.cannot_write")
        self.binary = self._file.binary

    def commit(self) -> None:
        if self._file is None:
            self.binary.flush()
            return
        self._file.commit()

    def discard(self) -> None:
        if self._file is not None:
            self._file.discard()


__all__ = ["ExportRequest", "ExportResult", "FORMATS", "LEAD_STATUSES", "SCOPES", "export_customers",
           "export_leads"]
