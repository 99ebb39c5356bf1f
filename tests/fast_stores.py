"""New stores in tests without running every migration for each one.

Most tests start from an empty store, and migrating one from nothing costs ~70 ms on
SQLite and ~230 ms on PostgreSQL (Alembic walks every revision); over a thousand tests
that was more than a minute and a half. So the first store each engine migrates in a
test session is migrated for real, with every statement the migration sends recorded;
every later store that starts from nothing gets the same statements replayed on the
same driver, in one transaction. A store that already has a schema (the migration
tests, an upgrade from an older revision) always takes the real path, and processes
started by tests (races, the README tour) never use this.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

Step = tuple[str, Any, bool]  # statement, parameters, executemany
_RECORDED: dict[str, list[Step]] = {}


def _engine_of(url: str) -> str:
    return "postgresql" if url.startswith(("postgresql", "postgres")) else "sqlite"


def _libpq(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def _sqlite_file(url: str) -> str:
    from salescli.core.paths import sqlite_path

    path = sqlite_path(url)
    assert path is not None, url
    return str(path)


def _has_schema(url: str) -> bool:
    if _engine_of(url) == "sqlite":
        conn = sqlite3.connect(_sqlite_file(url))
        try:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone() is not None
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(_libpq(url)) as conn:
        return bool(conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0])


def _record(real: Callable[..., None], url: str, **options: Any) -> list[Step]:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    steps: list[Step] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):  # the replay has its own
            steps.append((statement, parameters, executemany))

    event.listen(Engine, "before_cursor_execute", before)
    try:
        real(url, **options)
    finally:
        event.remove(Engine, "before_cursor_execute", before)
    return steps


def _replay(url: str, steps: list[Step]) -> None:
    if _engine_of(url) == "sqlite":
        conn = sqlite3.connect(_sqlite_file(url), isolation_level=None)
        try:
            conn.execute("BEGIN")
            for statement, parameters, many in steps:
                (conn.executemany if many else conn.execute)(statement, parameters)
            conn.execute("COMMIT")
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(_libpq(url)) as conn, conn.transaction(), conn.cursor() as cursor:
        for statement, parameters, many in steps:
            if many:
                cursor.executemany(statement, parameters)
            else:
                cursor.execute(statement, parameters or None)


def fast_migrate(real: Callable[..., None]) -> Callable[..., None]:
    """`real` (store/engine.py `migrate`), replaying a recording for stores made from nothing."""

    def migrate(url: str, **options: Any) -> None:
        engine = _engine_of(url)
        if _has_schema(url):
            real(url, **options)
        elif engine in _RECORDED:
            _replay(url, _RECORDED[engine])
        else:
            _RECORDED[engine] = _record(real, url, **options)

    return migrate
