"""The lead import's SQL (docs/import.md): the batch row, the look-ups that find a chunk's
duplicates among live leads and its companies among live customers, the chunk's insert
as one executemany, `--update`'s fills, and undoing a batch as set-based statements.

Every look-up reads live leads only (archived = false), so an undone or merged-away lead
never blocks a new one. Look-ups are per key kind, each on its own index
(ix_leads_phone_key, ix_leads_email_key, ix_leads_company_contact).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from salescli.store.db import _instant_to_sqlite
from salescli.store.engine import Session, Store

# The lead columns an import writes from a file's row (besides keys and bookkeeping).
VALUE_COLUMNS = ("company", "contact", "title", "phone", "email", "wechat", "city", "address", "industry",
                 "source", "website", "note")
KEY_COLUMNS = ("company_key", "contact_key", "phone_key", "email_key")
# A new lead's own columns, in the order insert_leads() takes each row's values.
ROW_COLUMNS = (*VALUE_COLUMNS, *KEY_COLUMNS, "extra", "flags", "customer_id", "source_line")
# What a match look-up returns: enough to report the lead and to fill its empty fields.
_MATCH_COLUMNS = ", ".join(("id", *VALUE_COLUMNS, *KEY_COLUMNS, "extra", "flags", "batch_id", "source_line"))
_REPORT_COLUMNS = ", ".join(("id", "company", "contact", *KEY_COLUMNS, "batch_id", "source_line"))
# One name for every import's dedupe on PostgreSQL (store/locks.py hold()): two imports
# at once take turns chunk by chunk, so neither inserts a lead the other just inserted.
LEADS_LOCK = ("lead-import", "")


def tune_for_bulk(store: Store) -> None:
    """SQLite, for this connection (this process: one import) only: a page cache that holds
    the leads' indexes while a chunk goes in (the default 2 MB does not), commits that do
    not wait for the disk (WAL with synchronous NORMAL: a killed process loses nothing
    committed; a power cut may lose the last chunks, which running the import again brings
    in), and no foreign-key checks (below)."""
    if store.dialect == "sqlite" and store.raw is not None:  # between transactions: the pragma refuses inside one
        store.raw.execute("PRAGMA cache_size = -16384")
        store.raw.execute("PRAGMA synchronous = NORMAL")
        # Every id an import writes was read in the same write transaction (its batch, the
        # acting user, a live customer; nothing is ever deleted): checking each row's
        # foreign keys again cost ~40 % of the insert.
        store.raw.execute("PRAGMA foreign_keys = OFF")


# --------------------------------------------------------------------------- batches


def add_counts(session: Session, batch_id: int, counts: dict[str, int]) -> None:
    """Add one chunk's counts to the batch row (read_rows, imported, duplicates, ...)."""
    sets = ", ".join(f"{name} = {name} + :{name}" for name in counts)
    session.execute(f"UPDATE import_batches SET {sets} WHERE id = :id", counts | {"id": batch_id})


def finish_batch(session: Session, batch_id: int, at: datetime) -> None:
    session.execute("UPDATE import_batches SET finished_at = :at WHERE id = :id", {"at": at, "id": batch_id})


def get_batch(session: Session, batch_id: int) -> Any | None:
    return session.execute(
        "SELECT id, kind, file_name, by_user_id, started_at, finished_at, undone_at, read_rows, imported"
        " FROM import_batches WHERE id = :id", {"id": batch_id},
    ).first()


# --------------------------------------------------------------------------- look-ups


def live_by_phone(session: Session, keys: Sequence[str], *, full: bool = True) -> list[Any]:
    return _live_by(session, "phone_key", keys, full)


def live_by_email(session: Session, keys: Sequence[str], *, full: bool = True) -> list[Any]:
    return _live_by(session, "email_key", keys, full)


def live_by_company_contact(session: Session, pairs: Sequence[tuple[str, str]], *, full: bool = True) -> list[Any]:
    """Live leads with one of these (company key, contact key) pairs: the same person at the
    same company (two people of one company are two leads). A row-value IN over the pairs,
    read on ix_leads_company_contact."""
    if session.dialect == "postgresql":
        source = "SELECT x->>0, x->>1 FROM json_array_elements(CAST(:keys AS json)) AS x"
    else:
        source = "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:keys)"
    return session.execute(
        f"SELECT {_columns(full)} FROM leads WHERE (company_key, contact_key) IN ({source}) AND archived = :no",
        {"keys": json.dumps(sorted(set(pairs)), ensure_ascii=False), "no": False},
    ).all()


def _live_by(session: Session, column: str, keys: Sequence[str], full: bool = True) -> list[Any]:
    return session.execute(
        f"SELECT {_columns(full)} FROM leads WHERE {column} IN ({session.json_strings('keys')}) AND archived = :no",
        {"keys": json.dumps(sorted(set(keys)), ensure_ascii=False), "no": False},
    ).all()


def _columns(full: bool) -> str:
    """What a match look-up reads: everything `--update` may fill, or only what a duplicate
    is reported with."""
    return _MATCH_COLUMNS if full else _REPORT_COLUMNS


def customers_by_name_key(session: Session, keys: Sequence[str]) -> dict[str, int]:
    """name_key -> the oldest live customer with it: whom a lead's company links to."""
    rows = session.execute(
        f"SELECT name_key, min(id) FROM customers WHERE name_key IN ({session.json_strings('keys')}) AND archived = :no"
        " GROUP BY name_key", {"keys": json.dumps(sorted(set(keys)), ensure_ascii=False), "no": False}, tuples=True,
    )
    return dict(rows)


# --------------------------------------------------------------------------- writes


def insert_leads(session: Session, rows: list[tuple[Any, ...]], **shared: Any) -> None:
    """A chunk's new leads, one executemany: each row holds ROW_COLUMNS' values in order,
    `shared` the columns every lead of the chunk has alike (status, owner, batch, moments).
    Bound by position (names looked up per row and per column cost more than the insert),
    and without the columns no row of the chunk fills (a file without a WeChat column, the
    owner of pool leads): they stay NULL all the same."""
    if not rows:
        return
    used = [i for i in range(len(ROW_COLUMNS)) if any(row[i] is not None for row in rows)]
    common = {name: value for name, value in shared.items() if value is not None}
    if session.dialect == "sqlite":  # each shared instant adapted once, not once per row
        common = {name: _instant_to_sqlite(v) if v.__class__ is datetime else v for name, v in common.items()}
    names = [ROW_COLUMNS[i] for i in used] + list(common)
    tail = tuple(common.values())
    if len(used) == len(ROW_COLUMNS):
        values = [row + tail for row in rows]
    else:
        pick = itemgetter(*used) if len(used) > 1 else (lambda row: (row[used[0]],))
        values = [pick(row) + tail for row in rows]
    mark = "?" if session.dialect == "sqlite" else "%s"
    sql = f"INSERT INTO leads ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
    if session.dialect == "sqlite":
        session.raw.executemany(sql, values)
    else:
        with session.raw.cursor() as cursor:
            cursor.executemany(sql, values)


def fill_leads(session: Session, rows: list[dict[str, Any]]) -> None:
    """`--update`: each row's values (already merged: the lead's own values kept, its empty
    ones filled) written back to lead `id`."""
    columns = (*VALUE_COLUMNS, *KEY_COLUMNS, "extra", "flags", "updated_at")
    session.executemany(
        f"UPDATE leads SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id", rows,
    )


def max_lead_id(session: Session) -> int:
    return session.execute("SELECT coalesce(max(id), 0) FROM leads").scalar()


def batch_lead_ids(session: Session, batch_id: int) -> list[int]:
    """Ids of a batch's leads, in line order (tests and the crash check read them)."""
    return session.execute("SELECT id FROM leads WHERE batch_id = :b ORDER BY id", {"b": batch_id}).scalars()


# --------------------------------------------------------------------------- undo

_UNWORKED = (
    "l.batch_id = :batch AND l.archived = :no AND l.status = 'new' AND l.merged_into_id IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id)"
    " AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.merged_into_id = l.id)"
)


def undo_batch(session: Session, batch_id: int, *, by_id: int, at: datetime) -> tuple[int, int]:
    """Archive the batch's leads nobody has worked (still `new`, no event, nothing merged
    into or out of them), each with an `undo` event; (removed, kept live)."""
    params = {"batch": batch_id, "no": False, "by": by_id, "at": at}
    session.execute(
        "INSERT INTO lead_events (lead_id, kind, by_user_id, at)"
        f" SELECT l.id, 'undo', :by, :at FROM leads l WHERE {_UNWORKED}", params,
    )
    removed = session.execute(
        "UPDATE leads SET archived = :yes, updated_at = :at WHERE batch_id = :batch AND archived = :no"
        " AND EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = leads.id AND e.kind = 'undo')",
        params | {"yes": True},
    ).rowcount
    session.execute("UPDATE import_batches SET undone_at = :at WHERE id = :batch", params)
    kept = session.execute(
        "SELECT count(*) FROM leads WHERE batch_id = :batch AND archived = :no", params,
    ).scalar()
    return removed, int(kept or 0)
