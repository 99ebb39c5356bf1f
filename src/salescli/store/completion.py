"""Customer names for shell completion, read with the standard library's sqlite3.

Tab completion must not pay for opening a store (the schema check, migrations), so this
one read-only query goes straight to a SQLite file. Any problem (no file yet, locked,
PostgreSQL store) means no suggestions, never an error in the middle of a command line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

LIMIT = 40


def customer_names(path: Path, incomplete: str, handle: str, *, archived: bool = False) -> list[str]:
    """Names starting with `incomplete` (shells only offer completions that extend what was
    typed), the acting rep's customers first."""
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return []
    try:
        rows = conn.execute(
            """
            SELECT c.name FROM customers AS c LEFT JOIN users AS u ON u.id = c.owner_id
            WHERE c.archived = ? AND substr(c.name, 1, ?) = ?
            ORDER BY (u.handle = ?) DESC, c.name
            LIMIT ?
            """,
            (1 if archived else 0, len(incomplete), incomplete, handle, LIMIT),
        ).fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    return [name for (name,) in rows]
