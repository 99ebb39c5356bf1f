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
    """Names starting with `incomplete`, the acting rep's customers first; then, when what
    was typed reads as pinyin (`hongda`, `hd`: `spoken`, from domain/pinyin.query_key), the
    names whose pinyin or initials key contains it. Bash and zsh put the name in place of
    the pinyin typed; a store from before the pinyin keys offers the names only."""
    from salescli.domain.pinyin import query_key

    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return []
    rows: list[tuple[str]] = []
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
        spoken = query_key(incomplete)
        if spoken and len(rows) < LIMIT:
            pattern = f"%{spoken}%"
            rows += conn.execute(
                """
                SELECT c.name FROM customers AS c LEFT JOIN users AS u ON u.id = c.owner_id
                WHERE c.archived = ? AND c.id IN (
                    SELECT id FROM customers WHERE name_pinyin LIKE ?
                    UNION SELECT id FROM customers WHERE name_initials LIKE ?)
                ORDER BY (u.handle = ?) DESC, c.name
                LIMIT ?
                """,
                (1 if archived else 0, pattern, pattern, handle, LIMIT - len(rows)),
            ).fetchall()
    except sqlite3.Error:
        pass  # what was read so far (a store without the pinyin columns: the names)
    finally:
        conn.close()
    return list(dict.fromkeys(name for (name,) in rows))
