"""One transaction's connection, the same on SQLite and PostgreSQL, on the bare drivers.

Why not SQLAlchemy here: importing it costs ~180 ms, more than half of a daily command,
and a command runs a handful of small statements (docs/architecture.md, "Speed").
SQLAlchemy stays where it earns its import: the schema definition, Alembic migrations
and the bulk generator (store/tables.py, store/migrations/, store/seed/).

So the queries in `store/queries/` are SQL text, written once for both engines:

- parameters are named (`:name`); a list or tuple value expands to `:name_0, :name_1,
  ...` (write `IN (:ids)`; an empty list matches nothing);
- a row reads like a record (`row.name`, or by position);
- values come back typed alike: an instant as an aware UTC datetime, a day as a date, a
  flag as a bool. SQLite keeps instants as UTC text (`2026-11-23 01:00:00.000000`, the
  format SQLAlchemy wrote), and converts by the declared column type (DATETIME, DATE,
  BOOLEAN); an expression's type is named with `typed()`;
- the few spellings that differ are methods here: `ilike`, `joined` (string_agg).
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any


def _instant_to_sqlite(value: datetime) -> str:
    """UTC text as SQLAlchemy writes it (`2026-11-23 01:00:00.000000`), so old and new rows
    compare as text; isoformat, unlike strftime, pads every year to four digits."""
    if value.utcoffset() is None:
        raise ValueError("salescli stores aware datetimes only")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _instant_from_sqlite(raw: bytes) -> datetime:
    return datetime.fromisoformat(raw.decode() + "+00:00")


def _day_from_sqlite(raw: bytes) -> date:
    return date.fromisoformat(raw.decode()[:10])


def _flag_from_sqlite(raw: bytes) -> bool:
    return raw not in (b"0", b"")


sqlite3.register_adapter(datetime, _instant_to_sqlite)
sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_converter("DATETIME", _instant_from_sqlite)
sqlite3.register_converter("DATE", _day_from_sqlite)
sqlite3.register_converter("BOOLEAN", _flag_from_sqlite)

SQLITE_DETECT_TYPES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_pg_sql_cache: dict[str, str] = {}


def _expand_lists(sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    flat: dict[str, Any] = {}
    lists: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, list | tuple):
            names = [f"{name}_{i}" for i in range(len(value))]
            flat.update(zip(names, value, strict=True))
            lists[name] = ", ".join(f":{n}" for n in names) if names else "NULL"
        else:
            flat[name] = value
    if lists:
        sql = _PARAM.sub(lambda m: lists.get(m.group(1), m.group(0)), sql)
    return sql, flat


def _pg_sql(sql: str) -> str:
    """`:name` -> `%(name)s`, and a literal % doubled, as psycopg wants."""
    converted = _pg_sql_cache.get(sql)
    if converted is None:
        converted = _pg_sql_cache[sql] = _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))
    return converted


_row_classes: dict[tuple[str, ...], type] = {}


def _row_class(description: Any) -> type:
    names = tuple(column[0] for column in description)
    cls = _row_classes.get(names)
    if cls is None:
        cls = _row_classes[names] = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    return cls


def _sqlite_row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> Any:
    return _row_class(cursor.description)._make(values)


class Result:
    """What a statement returned: rows to iterate (fetched a batch at a time), or a count."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[Any]:
        fetch = self._cursor.fetchmany
        try:
            while True:
                batch = fetch(500)
                if not batch:
                    return
                yield from batch
        finally:
            self._cursor.close()  # a server-side cursor ends now, not when collected

    def all(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        finally:
            self._cursor.close()

    def first(self) -> Any | None:
        try:
            return self._cursor.fetchone()
        finally:
            self._cursor.close()

    def scalar(self) -> Any:
        row = self.first()
        return None if row is None else row[0]

    def scalars(self) -> list[Any]:
        return [row[0] for row in self.all()]

    @property
    def rowcount(self) -> int:
        return max(self._cursor.rowcount, 0)


class Db:
    """A driver connection inside one transaction, speaking one SQL for both engines."""

    __slots__ = ("raw", "dialect", "trigram_tables")

    def __init__(self, raw: Any, dialect: str, *, trigram_tables: bool = False) -> None:
        self.raw = raw
        self.dialect = dialect  # "sqlite" | "postgresql"
        # SQLite only: the FTS5 trigram tables of migration 0003 exist (they need FTS5 and
        # SQLite 3.34; without them a search scans).
        self.trigram_tables = trigram_tables

    def execute(
        self, sql: str, params: Mapping[str, Any] | None = None, *, stream: bool = False, tuples: bool = False,
    ) -> Result:
        """Run one statement. `stream` reads a long result through a server-side cursor on
        PostgreSQL (SQLite always steps through rows as they are fetched); `tuples` gives
        plain tuples, read by position (a long listing saves building a record per row)."""
        params = params or {}
        if any(isinstance(v, list | tuple) for v in params.values()):
            sql, params = _expand_lists(sql, params)
        if self.dialect == "sqlite":
            cursor = self.raw.cursor()
            if not tuples:
                cursor.row_factory = _sqlite_row
            cursor.execute(sql, params)
            return Result(cursor)
        cursor = self.raw.cursor(name="salescli_stream") if stream else self.raw.cursor()
        if tuples:
            from psycopg.rows import tuple_row

            cursor.row_factory = tuple_row
        cursor.execute(_pg_sql(sql), params)
        return Result(cursor)

    def executemany(self, sql: str, rows: list[dict[str, Any]]) -> None:
        """One statement, prepared once, for many rows of named parameters (no list
        parameters): the bulk writes of imports. On SQLite a chunk's instants, mostly one or
        two moments, are adapted once each rather than once per row (the same text the
        registered adapter writes); the rows' dicts are changed in place."""
        if not rows:
            return
        if self.dialect == "sqlite":
            adapted: dict[datetime, str] = {}
            for row in rows:
                for name, value in row.items():
                    if value.__class__ is datetime:
                        text = adapted.get(value)
                        if text is None:
                            text = adapted[value] = _instant_to_sqlite(value)
                        row[name] = text
            self.raw.executemany(sql, rows)
            return
        with self.raw.cursor() as cursor:
            cursor.executemany(_pg_sql(sql), rows)

    # --------------------------------------------------------------- spellings that differ

    def ilike(self, column: str, param: str) -> str:
        """Case-insensitive LIKE with `\\` as the escape (SQLite's LIKE folds ASCII only)."""
        op = "ILIKE" if self.dialect == "postgresql" else "LIKE"
        return f"{column} {op} :{param} ESCAPE '\\'"

    def joined(self, expression: str, separator_code: int) -> str:
        """The values of a group joined by the character `separator_code`."""
        if self.dialect == "postgresql":
            return f"string_agg({expression}, chr({separator_code}))"
        return f"group_concat({expression}, char({separator_code}))"

    def json_strings(self, param: str) -> str:
        """A subquery of the strings in the JSON array given as parameter `param`: a bulk
        look-up's keys as one parameter, so its statement text is the same whatever the
        number of keys (compiled once and cached), where an expanded `IN (:k_0, ...)` list is
        compiled anew for every chunk (and SQLite caps its parameters)."""
        if self.dialect == "postgresql":
            return f"SELECT json_array_elements_text(CAST(:{param} AS json))"
        return f"SELECT value FROM json_each(:{param})"

    def typed(self, alias: str, kind: str) -> str:
        """An expression's alias that also names its type (DATE, DATETIME, BOOLEAN), so
        SQLite converts it like a column of that type; PostgreSQL knows it already."""
        return f'"{alias} [{kind}]"' if self.dialect == "sqlite" else alias


def is_driver_error(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    import sys

    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.Error)
