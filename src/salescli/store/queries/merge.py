"""The SQL of `customer duplicates` (pairs sharing a key) and `customer merge` (moving
every row of one customer to another), as set-based statements (docs/merge.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session

# The keys an exact pair shares, by the reason code `customer duplicates` reports.
EXACT_KEYS = {"same_name": "name_key", "same_phone": "phone_key", "same_email": "email_key",
              "same_pinyin": "name_pinyin"}
_SCOPE = " AND (owner_id = :owner OR owner_id IS NULL)"


def exact_pairs(session: Session, column: str, owner_id: int | None, limit: int) -> list[tuple[int, int]]:
    """(first, other) pairs of live customers sharing `column`: each group's members
    paired with its oldest (lowest id), the one a merge would keep; a group of n gives
    n - 1 pairs, not n²/2. One GROUP BY and one join, on the key's index."""
    assert column in EXACT_KEYS.values()
    scope = _SCOPE if owner_id is not None else ""
    return [tuple(row) for row in session.execute(
        f"SELECT g.first_id, c.id FROM customers c JOIN ("
        f"SELECT {column} AS k, MIN(id) AS first_id FROM customers"
        f" WHERE archived = :no AND {column} IS NOT NULL AND {column} <> ''{scope}"
        f" GROUP BY {column} HAVING COUNT(*) > 1) g ON c.{column} = g.k"
        f" WHERE c.archived = :no AND c.id <> g.first_id{scope.replace('owner_id', 'c.owner_id')}"
        " ORDER BY g.first_id, c.id LIMIT :limit",
        {"no": False, "owner": owner_id, "limit": limit}, tuples=True,
    )]


def customers_by_id(session: Session, ids: list[int]) -> dict[int, Any]:
    """id -> (id, name, owner handle, city) of the customers named, for the listing."""
    wanted = sorted(set(ids))
    found: dict[int, Any] = {}
    for start in range(0, len(wanted), 900):  # SQLite allows so many parameters to a statement
        for row in session.execute(
            "SELECT c.id, c.name, c.city, u.handle AS owner FROM customers c LEFT JOIN users u ON u.id = c.owner_id"
            " WHERE c.id IN (:ids)", {"ids": wanted[start:start + 900]},
        ):
            found[row.id] = row
    return found


# --------------------------------------------------------------------------- merge

def counts(session: Session, customer_id: int) -> dict[str, int]:
    """How many rows of each kind belong to a customer (live contacts, open tasks, tags)."""
    row = session.execute(
        "SELECT (SELECT COUNT(*) FROM contacts WHERE customer_id = :id AND archived = :no) AS contacts,"
        " (SELECT COUNT(*) FROM follow_ups WHERE customer_id = :id) AS follow_ups,"
        " (SELECT COUNT(*) FROM follow_ups WHERE customer_id = :id AND due_on IS NOT NULL AND closed_at IS NULL)"
        " AS open_tasks,"
        " (SELECT COUNT(*) FROM deals WHERE customer_id = :id) AS deals,"
        " (SELECT COUNT(*) FROM payments WHERE deal_id IN (SELECT id FROM deals WHERE customer_id = :id))"
        " AS payments,"
        " (SELECT COUNT(*) FROM ownership_events WHERE customer_id = :id) AS ownership_events,"
        " (SELECT COUNT(*) FROM customer_tags WHERE customer_id = :id) AS tags,"
        " (SELECT COUNT(*) FROM leads WHERE customer_id = :id) AS leads",
        {"id": customer_id, "no": False},
    ).first()
    return {name: int(getattr(row, name)) for name in (
        "contacts", "follow_ups", "open_tasks", "deals", "payments", "ownership_events", "tags", "leads")}


def has_primary_contact(session: Session, customer_id: int) -> bool:
    return session.execute(
        "SELECT 1 FROM contacts WHERE customer_id = :id AND is_primary = :yes AND archived = :no LIMIT 1",
        {"id": customer_id, "yes": True, "no": False},
    ).first() is not None


def move_rows(session: Session, keep: int, other: int, *, keep_primary: bool) -> None:
    """Every contact (archived ones too), follow-up, deal (its stage changes and payments
    follow by deal), ownership event and linked lead of OTHER now belongs to KEEP; KEEP's
    primary contact stays the primary one."""
    params = {"keep": keep, "other": other, "no": False}
    primary = ", is_primary = :no" if keep_primary else ""
    session.execute(f"UPDATE contacts SET customer_id = :keep{primary} WHERE customer_id = :other", params)
    for table in ("follow_ups", "deals", "ownership_events", "leads"):
        session.execute(f"UPDATE {table} SET customer_id = :keep WHERE customer_id = :other", params)
    # Customers merged into OTHER earlier now point at where OTHER went.
    session.execute("UPDATE customers SET merged_into_id = :keep WHERE merged_into_id = :other", params)


def union_tags(session: Session, keep: int, other: int) -> None:
    """KEEP gets every tag of OTHER it lacks; OTHER keeps its own (nothing is deleted)."""
    session.execute(
        "INSERT INTO customer_tags (customer_id, tag) SELECT :keep, tag FROM customer_tags t"
        " WHERE t.customer_id = :other"
        " AND NOT EXISTS (SELECT 1 FROM customer_tags k WHERE k.customer_id = :keep AND k.tag = t.tag)",
        {"keep": keep, "other": other},
    )


def archive_merged(session: Session, other: int, keep: int, at: datetime) -> None:
    session.execute(
        "UPDATE customers SET archived = :yes, archived_at = :at, merged_into_id = :keep, updated_at = :at"
        " WHERE id = :other",
        {"yes": True, "at": at, "keep": keep, "other": other},
    )


def merged_into(session: Session, customer_id: int) -> Any | None:
    """(id, name) of the customer this one was merged into, or None."""
    return session.execute(
        "SELECT m.id, m.name FROM customers c JOIN customers m ON m.id = c.merged_into_id WHERE c.id = :id",
        {"id": customer_id},
    ).first()
