"""Opening the store: the driver connection, SQLite pragmas, the schema check, storage errors.

`open_store()` is what every command calls. It costs one stat, one connection and one
SELECT when the schema is current; a store written by a newer salescli is refused rather
than damaged. Statements run on the bare drivers (store/db.py says why).

Where a store may be created (docs/identity-and-dedupe.md): the default files (core/paths.py) are
created, folder and all, on first use. Anywhere else a missing folder is an error, and a
missing file is created only by the first write (or `db init`): until then the Store is
"pending" and a read says there is no store there. A new store is migrated with Alembic
(SQLAlchemy with it is imported only then).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from salescli.core.errors import BadInputError, NotFoundError, StorageError
from salescli.core.paths import SUPPORTED_SCHEMES, is_default_store, sqlite_path, unsupported_scheme
from salescli.store.db import SQLITE_DETECT_TYPES, Db, is_driver_error
from salescli.store.schema import HEAD, REVISIONS

# What a query function runs on: the connection of one transaction.
Session = Db

__all__ = ["Session", "Store", "describe", "is_driver_error", "migrate", "open_store", "storage_error"]

_PG_SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")


def describe(url: str) -> str:
    """A user-facing name for the store, without a password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
    except ValueError:
        return url.split("://", 1)[0] + "://..."


def storage_error(exc: BaseException, url: str) -> StorageError:
    """Classify a driver error so the interface can say what the rep can do about it."""
    where = describe(url)
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        code = "store.locked"
    elif "not a database" in lowered or "malformed" in lowered or "file is encrypted" in lowered:
        code = "store.damaged"
    elif "readonly" in lowered or "read-only" in lowered:
        code = "store.read_only"
    elif "unable to open" in lowered:
        code = "store.cannot_open"
    elif "connection" in lowered or "could not" in lowered or "timeout" in lowered or "connect" in lowered:
        code = "store.unreachable"
    else:
        code = "store.failed"
    return StorageError(code, where=where, problem=message.rstrip("."))


def check_scheme(url: str) -> None:
    """Refuse an address whose kind of database salescli does not speak (mysql://, ...)."""
    scheme = unsupported_scheme(url)
    if scheme is not None:
        raise BadInputError("store.unsupported_scheme", where=describe(url), scheme=scheme,
                            supported=", ".join(SUPPORTED_SCHEMES))


def connect(url: str, *, busy_timeout_ms: int = 5000) -> Any:
    """A driver connection for `url` (sqlite3, or psycopg for PostgreSQL)."""
    path = sqlite_path(url)
    if url.startswith("sqlite"):
        if path is None:
            raise StorageError("store.bad_address", where=url, problem="not a database file")
        # Autocommit at the driver level: Store.session issues BEGIN itself, so reads and
        # writes get real SQLite transactions (and writes BEGIN IMMEDIATE).
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                               detect_types=SQLITE_DETECT_TYPES, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    if not url.startswith(_PG_SCHEMES):
        raise StorageError("store.bad_address", where=describe(url),
                           problem="use a file path or a postgresql+psycopg:// address")
    try:
        import psycopg
        from psycopg.rows import namedtuple_row
    except ModuleNotFoundError as exc:
        raise StorageError("store.no_driver", where=describe(url), module=exc.name) from None
    conninfo = "postgresql://" + url.split("://", 1)[1]
    try:
        return psycopg.connect(conninfo, row_factory=namedtuple_row, connect_timeout=10)
    except psycopg.ProgrammingError as exc:  # a malformed address or option
        raise StorageError("store.bad_address", where=describe(url), problem=str(exc).strip()) from None


class Store:
    """An open, schema-checked store; hands out transactions. A pending store (raw None:
    its file does not exist yet) refuses reads and is created by its first write."""

    def __init__(
        self, url: str, raw: Any, dialect: str, *, trigram_tables: bool = False, created: bool = False,
        busy_timeout_ms: int = 5000, on_created: Callable[[str], None] | None = None,
    ) -> None:
        self.url = url
        self.raw = raw
        self.dialect = dialect
        self.trigram_tables = trigram_tables
        # Whether opening (or the first write) made a new store, schema and all.
        self.created = created
        self._busy_timeout_ms = busy_timeout_ms
        self._on_created = on_created

    @property
    def exists(self) -> bool:
        return self.raw is not None

    def create(self) -> None:
        """Create a pending store now (nothing to do when it exists); `on_created` hears of it."""
        if self.raw is not None:
            return
        made = _open(self.url, busy_timeout_ms=self._busy_timeout_ms)
        self.raw, self.trigram_tables, self.created = made.raw, made.trigram_tables, True
        if self._on_created is not None:
            self._on_created(describe(self.url))

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Db]:
        """One transaction: committed when the block ends, rolled back on any error."""
        if self.raw is None:
            if not write:
                raise NotFoundError("store.missing", where=describe(self.url))
            self.create()
        db = Db(self.raw, self.dialect, trigram_tables=self.trigram_tables)
        try:
            if self.dialect == "sqlite":
                self.raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            self.raw.commit() if self.dialect == "postgresql" else self.raw.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, Exception) and is_driver_error(exc):
                raise storage_error(exc, self.url) from exc
            raise

    def _rollback(self) -> None:
        # A failure here means the connection is gone: the error that got us here matters.
        with suppress(Exception):
            self.raw.rollback() if self.dialect == "postgresql" else self.raw.execute("ROLLBACK")

    def sqlalchemy_engine(self) -> Any:
        """A SQLAlchemy engine on the same store, for the bulk paths that use Core
        (the seed generator) and for tests; imports SQLAlchemy."""
        return make_sqlalchemy_engine(self.url)

    def dispose(self) -> None:
        if self.raw is None:
            return
        with suppress(Exception):  # closing a broken connection
            self.raw.close()


def make_sqlalchemy_engine(url: str, *, busy_timeout_ms: int = 5000) -> Any:
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine("postgresql+psycopg://" + url.split("://", 1)[1])


def _sqlite_tables(raw: sqlite3.Connection) -> set[str]:
    return {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _current_revision(raw: Any, dialect: str) -> tuple[str | None, bool]:
    """(the store's schema revision, whether it holds any table at all)."""
    if dialect == "sqlite":
        names = _sqlite_tables(raw)
        if "alembic_version" not in names:
            return None, bool(names)
        rows = raw.execute("SELECT version_num FROM alembic_version").fetchall()  # fetchall: leaves no read open
        return (rows[0][0] if rows else None), True
    with raw.cursor() as cur:
        cur.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
        if not cur.fetchone()[0]:
            cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
            tables = cur.fetchone()[0]
            raw.rollback()
            return None, bool(tables)
        cur.execute("SELECT version_num FROM alembic_version")
        row = cur.fetchone()
    raw.rollback()
    return (row[0] if row else None), True


def _sqlite_file_exists(url: str) -> bool:
    """Whether the store's SQLite file exists, at the cost of one stat. When it does not:
    at a default location its folder is made (the file follows); elsewhere a missing
    folder is bad input, never created (a typo in SALESCLI_DB must not look like an empty
    store)."""
    path = sqlite_path(url)
    if path is None:
        return True  # connect() says what is wrong with the address
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        pass
    except OSError:
        return True  # no permission, a file where a folder should be: the driver says so
    else:
        if stat.S_ISDIR(mode):
            raise StorageError("store.is_folder", where=str(path))
        return True
    if is_default_store(path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError("store.cannot_create_folder", where=str(path), problem=exc.strerror) from None
    elif not path.parent.is_dir():
        raise BadInputError("store.no_folder", where=str(path), folder=str(path.parent))
    return False


def migrate(url: str, *, busy_timeout_ms: int = 5000) -> None:
    """Bring the schema to HEAD with Alembic, inside one transaction."""
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import text

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    engine = make_sqlalchemy_engine(url, busy_timeout_ms=busy_timeout_ms)
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                # Two processes upgrading one shared store: one waits for the other.
                conn.execute(text("SELECT pg_advisory_xact_lock(7305553)"))
            row = conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version"
            ).first() if _has_version_table(conn) else None
            if (row[0] if row else None) != HEAD:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    finally:
        engine.dispose()


def _has_version_table(conn: Any) -> bool:
    from sqlalchemy import inspect

    return inspect(conn).has_table("alembic_version")


def _use_wal(raw: sqlite3.Connection, url: str) -> None:
    """Switch a new SQLite file to WAL (persistent for the file). It must run outside a
    transaction, and it needs the file to itself: SQLite answers "locked" at once,
    without waiting, while another new salescli holds it, so wait here."""
    import time

    deadline = time.monotonic() + 10
    while True:
        try:
            if raw.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                raw.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise StorageError("store.locked", where=describe(url), problem=str(exc)) from None
            time.sleep(0.02)


def open_store(
    url: str, *, busy_timeout_ms: int = 5000, migrate_ok: bool = True, create: bool = True,
    on_created: Callable[[str], None] | None = None,
) -> Store:
    """Open the store at `url`, upgrading it when needed. A missing SQLite file is created
    now at a default location or when `create`; otherwise the Store is pending and its
    first write session creates it (then `on_created(where)` is called)."""
    check_scheme(url)
    if url.startswith("sqlite") and not _sqlite_file_exists(url):
        path = sqlite_path(url)
        if not create and path is not None and not is_default_store(path):
            return Store(url, None, "sqlite", busy_timeout_ms=busy_timeout_ms, on_created=on_created)
    return _open(url, busy_timeout_ms=busy_timeout_ms, migrate_ok=migrate_ok)


def _open(url: str, *, busy_timeout_ms: int = 5000, migrate_ok: bool = True) -> Store:
    """Connect, check the schema, and create or migrate it when needed."""
    dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
    raw = None
    created = False
    try:
        raw = connect(url, busy_timeout_ms=busy_timeout_ms)
        revision, has_tables = _current_revision(raw, dialect)
        if revision is None and has_tables:
            raise StorageError("store.foreign", where=describe(url))
        if revision is not None and revision not in REVISIONS:
            raise StorageError("store.too_new", where=describe(url), revision=revision)
        if revision != HEAD:
            if not migrate_ok:
                raise StorageError("store.needs_upgrade", where=describe(url))
            migrate(url, busy_timeout_ms=busy_timeout_ms)
            created = revision is None
            if dialect == "sqlite":
                _use_wal(raw, url)
    except StorageError:
        if raw is not None:
            raw.close()
        raise
    except Exception as exc:
        if raw is not None:
            raw.close()
        if is_driver_error(exc):
            raise storage_error(exc, url) from exc
        if exc.__class__.__module__.startswith("sqlalchemy"):  # raised by a migration's driver
            orig = getattr(exc, "orig", None)
            if orig is not None and is_driver_error(orig):
                raise storage_error(orig, url) from exc
        raise
    trigram_tables = dialect == "sqlite" and "customer_search" in _sqlite_tables(raw)
    return Store(url, raw, dialect, trigram_tables=trigram_tables, created=created,
                 busy_timeout_ms=busy_timeout_ms)
