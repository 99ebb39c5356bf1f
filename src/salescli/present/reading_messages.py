"""The sentences of the errors met while reading an import file and mapping its header
(services/table_reader.py, domain/lead_fields.py; docs/import-files.md), merged into
present/import_messages.py, and the command line's wording of those whose remedy is a flag
(`--encoding`, `--delimiter`, `--map`).

Each says which file, which line where one is known, and what to do about it.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "import.cannot_open": N_("Cannot read {file}: {why}."),
    "import.empty_file": N_("{file} is empty: it has no header line and no rows to import."),
    "import.no_rows": N_("{file} holds only a header line; there are no rows to import."),
    "import.not_text": N_(
        "{file} is neither a text (CSV) file nor an .xlsx workbook; save it from its program as CSV or .xlsx."
    ),
    "import.decode_failed": N_(
        "Line {line} of {file} is not valid {encoding} ({how}); name the file's encoding, for example {suggest}."
    ),
    "import.unknown_encoding": N_(
        "Unknown encoding {encoding!r}; the usual ones are utf-8, gb18030, utf-16 and latin-1."
    ),
    "import.bad_delimiter": N_(
        "{delimiter!r} cannot separate columns; use a comma, a semicolon, a tab, | or another single"
        " punctuation character."
    ),
    "import.bad_csv": N_(
        "Line {line} of {file} holds a field longer than {limit} characters; is a quote left open? Fix the file"
        " and import it again."
    ),
    "import.unclosed_quote": N_(
        "The quoted field that starts on line {line} of {file} is never closed, so the rest of the file would"
        " run into it; fix that quote and import the file again."
    ),
    "import.unknown_field": N_("{field!r} is not a field; the fields are {fields}, or ignore to drop the column."),
    "import.unknown_column": N_(
        "The file has no column {column!r}; its columns are {columns} (a column can also be named by its number)."
    ),
    "import.field_twice": N_("Two columns ({columns}) are mapped to {field}; a field takes one column."),
}

CLI_WORDING: dict[str, str] = {
    "import.decode_failed": N_(
        "Line {line} of {file} is not valid {encoding} ({how}); name the file's encoding with --encoding,"
        " e.g. --encoding {suggest}."
    ),
    "import.unknown_encoding": N_(
        "--encoding {encoding!r} is not an encoding salescli knows; try --encoding utf-8, gb18030, utf-16"
        " or latin-1."
    ),
    "import.bad_delimiter": N_(
        "--delimiter {delimiter!r} cannot separate columns; use , ; | or tab (or another single punctuation"
        " character)."
    ),
    "import.unknown_field": N_(
        "--map names an unknown field {field!r}; the fields are {fields}, or ignore to drop the column."
    ),
    "import.unknown_column": N_(
        "--map names a column {column!r} the file does not have; its columns are {columns} (or give the"
        " column's number: --map 3=phone)."
    ),
    "import.field_twice": N_(
        "--map gives {field} two columns ({columns}); a field takes one column, so map the other one elsewhere"
        " or to ignore."
    ),
}

STANDARD_INPUT = N_("standard input")
CANNOT_OPEN = {
    "not_found": N_("there is no such file"),
    "folder": N_("it is a folder, not a file"),
    "permission": N_("permission denied"),
}
NOT_TEXT = {
    "xls": N_("{file} is an old Excel .xls workbook; save it as .xlsx or CSV and import that."),
    "zip": N_("{file} is a zip archive, not an .xlsx workbook; unpack it, or save the table as .xlsx or CSV."),
    "encrypted": N_(
        "{file} is a password-protected workbook; save a copy without the password, or as CSV, and import that."
    ),
    "damaged_xlsx": N_(
        "{file} looks like an .xlsx workbook but cannot be read (is it damaged?); open it in Excel and save it"
        " again."
    ),
}
NOT_TEXT_AT_LINE = N_(
    "{file} holds binary data (line {line} has a NUL character), not text; save it from its program as CSV"
    " or .xlsx."
)
GUESSED = N_("the encoding guessed")
NAMED = N_("the encoding named")
MAP_SYNTAX = N_(
    "{field!r} is not COLUMN=FIELD: name a column (its header or its number) and a field ({fields}, or ignore)."
)
MAP_SYNTAX_CLI = N_(
    "--map {field!r} is not COLUMN=FIELD (e.g. --map 手机号=phone or --map 3=phone); the fields are {fields},"
    " or ignore."
)
MORE_COLUMNS = N_("{columns} and {more} more")
_COLUMNS_SHOWN = 20


def _file(p: dict[str, Any]) -> dict[str, Any]:
    return {"file": _(STANDARD_INPUT) if p.get("file") == "-" else p.get("file", "")}


def encoding_name(codec: str) -> str:
    """A codec as people write it: utf-8-sig is UTF-8 (its BOM is a detail), gb18030 GB18030."""
    return codec.removesuffix("-sig").upper()


@prepares("import.empty_file", "import.no_rows", "import.bad_csv", "import.unclosed_quote")
def _with_file(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | _file(p)


@prepares("import.cannot_open")
def _cannot_open(template: str, p: dict[str, Any]) -> Prepared:
    reason = p.get("reason")
    why = _(CANNOT_OPEN[reason]) if reason in CANNOT_OPEN else (p.get("problem") or reason or "")
    return template, p | _file(p) | {"why": why}


@prepares("import.not_text")
def _not_text(template: str, p: dict[str, Any]) -> Prepared:
    reason = p.get("reason")
    if reason in NOT_TEXT:
        template = NOT_TEXT[reason]
    elif p.get("line"):
        template = NOT_TEXT_AT_LINE
    return template, p | _file(p)


@prepares("import.decode_failed")
def _decode_failed(template: str, p: dict[str, Any]) -> Prepared:
    codec = str(p.get("encoding", ""))
    words = {
        "encoding": encoding_name(codec),
        "how": _(GUESSED) if p.get("guessed", True) else _(NAMED),
        "suggest": "gb18030" if codec.startswith("utf-8") else "utf-8",
    }
    return template, p | _file(p) | words


@prepares("import.unknown_field")
def _unknown_field(template: str, p: dict[str, Any]) -> Prepared:
    if p.get("bad_syntax"):
        template = MAP_SYNTAX_CLI if template == CLI_WORDING["import.unknown_field"] else MAP_SYNTAX
    return template, p


@prepares("import.unknown_column", "import.field_twice")
def _columns(template: str, p: dict[str, Any]) -> Prepared:
    """A wide file's columns cut to the first few: the sentence stays one readable line."""
    columns = p.get("columns", "")
    names = columns.split(", ") if isinstance(columns, str) else [str(c) for c in columns]
    if len(names) > _COLUMNS_SHOWN:
        shown = _(MORE_COLUMNS).format(columns=", ".join(names[:_COLUMNS_SHOWN]), more=len(names) - _COLUMNS_SHOWN)
    else:
        shown = ", ".join(names)
    return template, p | {"columns": shown}
