"""Opening the store: engine, SQLite pragmas, the schema check and storage errors.

`open_store()` is what every command calls. It costs one connection and one SELECT when
the schema is current; a fresh store is created and migrated on first use; a store
written by a newer salescli is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from salescli.core.errors import StorageError
from salescli.core.paths import sqlite_path
from salescli.store.schema import HEAD, REVISIONS

# What a query function runs on: the connection of one transaction (Core, no ORM session;
# see store/tables.py for why).
Session = Connection


def describe(url: str) -> str:
    """A user-facing name for the store, without a password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def storage_error(exc: BaseException, url: str) -> StorageError:
    """Classify a driver error so the interface can say what the rep can do about it."""
    where = describe(url)
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc) else ""
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        code = "store.locked"
    elif "not a database" in lowered or "malformed" in lowered or "file is encrypted" in lowered:
        code = "store.damaged"
    elif "readonly" in lowered or "read-only" in lowered:
        code = "store.read_only"
    elif "unable to open" in lowered:
        code = "store.cannot_open"
    elif "connection" in lowered or "could not" in lowered or "timeout" in lowered:
        code = "store.unreachable"
    else:
        code = "store.failed"
    return StorageError(code, where=where, problem=message.rstrip("."))


def is_driver_error(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError | sqlite3.Error)


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            # Autocommit at the driver level; SQLAlchemy's "begin" hook below issues
            # BEGIN itself so reads and writes get real SQLite transactions.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=False)


class Store:
    """An open, schema-checked store; hands out transactions."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = write
                with conn.begin():
                    yield conn
        except DBAPIError as exc:
            raise storage_error(exc, self.url) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def _prepare_sqlite_file(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise StorageError("store.is_folder", where=str(path))
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError("store.cannot_create_folder", where=str(path), problem=exc.strerror) from None


def migrate(engine: Engine) -> None:
    """Bring the schema to HEAD with Alembic, inside one transaction."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.connect() as conn:
        conn.info["write"] = True
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # Two processes upgrading one shared store: one waits for the other.
                conn.execute(text("SELECT pg_advisory_xact_lock(7305553)"))
            if _current_revision(conn) != HEAD:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    if engine.dialect.name == "sqlite":
        _use_wal(engine)


def _use_wal(engine: Engine) -> None:
    """Switch a new SQLite file to WAL (persistent for the file). It must run outside a
    transaction, hence the raw driver, and it needs the file to itself: SQLite answers
    "locked" at once, without waiting, while another new salescli holds it, so wait here."""
    import time

    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        deadline = time.monotonic() + 10
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise StorageError("store.locked", where=describe(str(engine.url)), problem=str(exc)) from None
                time.sleep(0.02)
    finally:
        raw.close()


def open_store(url: str, *, busy_timeout_ms: int = 5000, migrate_ok: bool = True) -> Store:
    """Open the store at `url`, creating or upgrading it when needed."""
    _prepare_sqlite_file(url)
    try:
        engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
    except SQLAlchemyError as exc:
        try:
            where = describe(url)  # never show a password
        except SQLAlchemyError:
            where = url.split("://", 1)[0] + "://..."
        raise StorageError("store.bad_address", where=where, problem=str(exc)) from None
    except ModuleNotFoundError as exc:
        raise StorageError("store.no_driver", where=describe(url), module=exc.name) from None
    try:
        with engine.connect() as conn:
            revision = _current_revision(conn)
            if revision is None:
                tables = inspect(conn).get_table_names()
                if tables:
                    raise StorageError("store.foreign", where=describe(url))
            elif revision not in REVISIONS:
                raise StorageError("store.too_new", where=describe(url), revision=revision)
        if revision != HEAD:
            if not migrate_ok:
                raise StorageError("store.needs_upgrade", where=describe(url))
            migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise storage_error(exc, url) from exc
    except StorageError:
        engine.dispose()
        raise
    return Store(url, engine)
