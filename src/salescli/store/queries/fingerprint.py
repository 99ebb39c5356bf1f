"""A fingerprint of everything a SQLite store holds, kept in the file's header.

`salescli demo` rebuilds its default store each time, but must not wipe one a rep has
written to. When a demo is built its content digest goes into `PRAGMA user_version` (a
header field salescli does not otherwise use, outside the tables, so writing it does not
change the digest); any later insert, edit or delete in any table changes the digest, and
the two no longer match. 0 means "no fingerprint" (not a demo, or one from an older salescli).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

# Bookkeeping, not data: a schema upgrade alone does not count as a change.
_SKIP = ("alembic_version",)


def _digest(conn: sqlite3.Connection) -> int:
    digest = hashlib.sha256()
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        " AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    )]
    for name in names:
        if name in _SKIP:
            continue
        digest.update(b"\0table " + name.encode())
        # Sorted here: the digest does not depend on the order a scan returns rows in.
        rows = sorted(repr(tuple(row)) for row in conn.execute(f'SELECT * FROM "{name}"'))  # noqa: S608
        for row in rows:
            digest.update(row.encode() + b"\n")
    return int.from_bytes(digest.digest()[:4], "big") & 0x7FFFFFFF or 1


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=5)


def mark(path: Path) -> None:
    """Record the store's present content as its fingerprint."""
    conn = _connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {_digest(conn)}")
    finally:
        conn.close()


def unchanged(path: Path) -> bool:
    """Whether the store still holds exactly what it held when marked (False when it was
    never marked or cannot be read)."""
    try:
        conn = _connect(path)
        try:
            conn.execute("BEGIN")
            stored = conn.execute("PRAGMA user_version").fetchone()[0]
            return bool(stored) and stored == _digest(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return False
