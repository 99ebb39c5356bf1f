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


def _connect(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None


def stage_names(path: Path | None, incomplete: str) -> list[str]:
    """The stage names in force starting with `incomplete` (ignoring case): the store's
    `pipeline.stages` row, else the default stages (also for a PostgreSQL store, no file
    yet, or a row that cannot be read)."""
    import json

    from salescli.core.stages import DEFAULT_STAGES

    names = [stage.name for stage in DEFAULT_STAGES]
    conn = _connect(path) if path is not None else None
    if conn is not None:
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'pipeline.stages'").fetchone()
            stored = json.loads(row[0]) if row else None
            if isinstance(stored, list):
                names = [entry["name"] for entry in stored
                         if isinstance(entry, dict) and isinstance(entry.get("name"), str)]
        except (sqlite3.Error, ValueError, TypeError):
            pass
        finally:
            conn.close()
    wanted = incomplete.casefold()
    return [name for name in names if name.casefold().startswith(wanted)]


def deal_ids(path: Path, incomplete: str, handle: str) -> list[str]:
    """Deal ids starting with `incomplete`: the acting rep's open deals first (newest
    first), then other open deals, then closed ones (for `deal reopen`)."""
    if incomplete and not incomplete.isdigit():
        return []
    conn = _connect(path)
    if conn is None:
        return []
    try:
        rows = conn.execute(
            """
            SELECT d.id FROM deals AS d LEFT JOIN users AS u ON u.id = d.owner_id
            WHERE CAST(d.id AS TEXT) LIKE ?
            ORDER BY (d.status = 'open' AND u.handle = ?) DESC, (d.status = 'open') DESC, d.id DESC
            LIMIT ?
            """,
            (f"{incomplete}%", handle, LIMIT),
        ).fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        conn.close()
    return [str(deal_id) for (deal_id,) in rows]
