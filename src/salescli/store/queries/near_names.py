"""Candidates for a near-duplicate name check, read by index ranges instead of every name
(docs/identity-and-dedupe.md "Near matches").

A key within one edit of K starts with K's first half or ends with its second half
(`domain/dedupe.blocks`), so three index probes find every candidate: a prefix range on
`ix_customers_name_key`, the same on the reversed key (`ix_customers_name_key_rev`) for
the suffix, and the equal full pinyin on `ix_customers_name_pinyin` (a homophone shares no
characters). Each probe stops at `PROBE_LIMIT` rows, so a very common prefix costs a
bounded read; `domain/dedupe.near_duplicate` then decides in Python.

The ranges compare by code point, whatever the database's collation: SQLite's BINARY
collation does, and on PostgreSQL the probes compare in the "C" collation, read from
indexes built in it (a linguistic default such as en_US or zh_CN orders keys otherwise,
and a range would miss or cost a scan).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from salescli.store.engine import Session

PROBE_LIMIT = 500  # rows per probe at most: a prefix shared by thousands cannot flood the check


def _range(session: Session, column: str, start: str, end: str | None) -> str:
    # By code point on both engines: SQLite's BINARY is; PostgreSQL is told "C", which its
    # indexes ix_customers_name_key_c and _rev_c (migration 0008) are built in.
    if session.dialect == "postgresql":
        column = f'{column} COLLATE "C"'
    upper = f" AND {column} < :{start}_end" if end is not None else ""
    return f"{column} >= :{start}{upper}"


def candidates(
    session: Session, *, prefix: str | None, prefix_end: str | None, suffix_rev: str | None,
    suffix_rev_end: str | None, pinyin: str | None, min_length: int, max_length: int, limit: int = PROBE_LIMIT,
) -> list[Any]:
    """Live customers (id, name, name_key, name_pinyin) whose key starts with `prefix`
    (below `prefix_end`), whose reversed key starts with `suffix_rev`, or whose full pinyin
    is `pinyin`; the key probes keep keys of `min_length` to `max_length` characters."""
    probes = []
    params: dict[str, Any] = {"no": False, "limit": limit, "lo": min_length, "hi": max_length}
    sized = "archived = :no AND length(name_key) BETWEEN :lo AND :hi"
    if prefix:
        params |= {"pre": prefix, "pre_end": prefix_end}
        probes.append(f"SELECT id FROM customers WHERE {_range(session, 'name_key', 'pre', prefix_end)} AND {sized}")
    if suffix_rev:
        params |= {"suf": suffix_rev, "suf_end": suffix_rev_end}
        suffix = _range(session, "name_key_rev", "suf", suffix_rev_end)
        probes.append(f"SELECT id FROM customers WHERE {suffix} AND {sized}")
    if pinyin:
        params["pinyin"] = pinyin
        probes.append("SELECT id FROM customers WHERE name_pinyin = :pinyin AND archived = :no")
    if not probes:
        return []
    # Each probe is limited on its own (a sub-select, as SQLite wants a LIMIT inside a UNION).
    union = " UNION ".join(f"SELECT id FROM ({probe} LIMIT :limit) p{n}" for n, probe in enumerate(probes))
    return session.execute(
        f"SELECT id, name, name_key, name_pinyin FROM customers WHERE id IN ({union}) ORDER BY id", params
    ).all()


def explain_probe(session: Session, *, prefix: str, prefix_end: str) -> list[str]:
    """The plan of the prefix probe, so a test can see it reads the index range."""
    explain = "EXPLAIN QUERY PLAN" if session.dialect == "sqlite" else "EXPLAIN"
    rows = session.execute(
        f"{explain} SELECT id FROM customers WHERE {_range(session, 'name_key', 'pre', prefix_end)}"
        " AND archived = :no AND length(name_key) BETWEEN 1 AND 9 LIMIT 500",
        {"pre": prefix, "pre_end": prefix_end, "no": False},
    ).all()
    return [str(row[-1]) for row in rows]


def live_keys(session: Session, owner_id: int | None) -> Iterator[Any]:
    """(id, name_key, name_pinyin) of every live customer, or of one rep's customers and
    the pool's: read once by `customer duplicates` for its blocking in Python."""
    return session.execute(
        "SELECT id, name_key, name_pinyin FROM customers WHERE archived = :no"
        + (" AND (owner_id = :owner OR owner_id IS NULL)" if owner_id is not None else ""),
        {"no": False, "owner": owner_id}, tuples=True,
    )
