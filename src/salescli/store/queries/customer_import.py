"""The SQL of `customer import` (docs/export.md): the batch row, the look-ups that find a
chunk's duplicates among existing customers (by name key, phone or e-mail, theirs or their
contacts', as `customer add` does), and each chunk written as a few executemany statements:
customers (with ids handed out first, so tags, contacts and ownership events can name
them), tags, primary contacts, ownership events; `--update`'s fills likewise.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from salescli.store.engine import Session

CUSTOMER_COLUMNS = (
    "id", "name", "name_key", "name_key_rev", "name_pinyin", "name_initials", "industry", "size", "city", "address",
    "source", "grade", "phone", "phone_key", "email", "email_key", "notes", "owner_id", "claimed_at", "created_at",
    "created_by_id", "updated_at", "archived", "archived_at",
)
CONTACT_COLUMNS = ("customer_id", "name", "title", "phone", "phone_key", "email", "email_key", "wechat",
                   "is_primary", "created_at", "archived")
# What `--update` fills when the matched customer has none (a key travels with its field).
FILLED = ("industry", "size", "city", "address", "source", "phone", "email", "notes")
_KEYED = {"phone": "phone_key", "email": "email_key"}

# Two customer imports at once on PostgreSQL take turns (store/locks.py hold()).
IMPORT_LOCK = ("customer-import", "")


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"


# --------------------------------------------------------------------------- the batch


def finish_batch(session: Session, batch_id: int, counts: dict[str, Any]) -> None:
    session.execute(
        f"UPDATE import_batches SET {', '.join(f'{n} = :{n}' for n in counts)} WHERE id = :batch_id",
        counts | {"batch_id": batch_id},
    )


def active_users(session: Session) -> dict[str, int]:
    """Handle -> id of every active user: an owner column is read against these."""
    return dict(session.execute("SELECT handle, id FROM users WHERE active = :yes", {"yes": True}).all())


# --------------------------------------------------------------------------- dedupe


def matches(session: Session, *, name_keys: Sequence[str], phone_keys: Sequence[str],
            email_keys: Sequence[str]) -> list[Any]:
    """Customers (archived ones too, as `customer add` checks) whose name key, phone key or
    e-mail key, or a contact's phone or e-mail key, is among those given. Each look-up reads
    its own index; rows are (id, name, owner_id, name_key, phone_key, email_key) plus the
    matching contact's phone_key and email_key (None for a customer's own match)."""
    found: list[Any] = []
    base = "SELECT c.id, c.name, c.owner_id, c.name_key, c.phone_key, c.email_key"
    keys_in = session.json_strings("keys")
    for column, keys in (("name_key", name_keys), ("phone_key", phone_keys), ("email_key", email_keys)):
        if keys:
            found += session.execute(
                f"{base}, NULL AS contact_phone_key, NULL AS contact_email_key FROM customers c"
                f" WHERE c.{column} IN ({keys_in})", {"keys": _json(keys)},
            ).all()
    for column, keys in (("phone_key", phone_keys), ("email_key", email_keys)):
        if keys:
            found += session.execute(
                f"{base}, k.phone_key AS contact_phone_key, k.email_key AS contact_email_key"
                f" FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE k.{column} IN ({keys_in})",
                {"keys": _json(keys)},
            ).all()
    return found


def _json(keys: Sequence[str]) -> str:
    return json.dumps(sorted(set(keys)), ensure_ascii=False)


# --------------------------------------------------------------------------- writing


def new_ids(session: Session, count: int) -> list[int]:
    """`count` customer ids nobody else will take. SQLite: past the largest, inside this
    write transaction (BEGIN IMMEDIATE: the only writer). PostgreSQL: from the id sequence,
    as an INSERT without an id would take them."""
    if count <= 0:
        return []
    if session.dialect == "sqlite":
        start = (session.execute("SELECT max(id) FROM customers").scalar() or 0) + 1
        return list(range(start, start + count))
    return session.execute(
        "SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, :n)", {"n": count},
    ).scalars()


def insert_customers(session: Session, rows: list[dict[str, Any]]) -> None:
    session.executemany(_insert("customers", CUSTOMER_COLUMNS), rows)


def insert_tags(session: Session, rows: list[dict[str, Any]]) -> None:
    """(customer_id, tag) rows; a tag the customer has already is left as it is."""
    session.executemany(
        # Typed, so PostgreSQL deduces one type for a parameter used twice.
        "INSERT INTO customer_tags (customer_id, tag) SELECT CAST(:customer_id AS INTEGER), CAST(:tag AS VARCHAR(64))"
        " WHERE NOT EXISTS (SELECT 1 FROM customer_tags WHERE customer_id = CAST(:customer_id AS INTEGER)"
        " AND tag = CAST(:tag AS VARCHAR(64)))",
        rows,
    )


def insert_contacts(session: Session, rows: list[dict[str, Any]]) -> None:
    session.executemany(_insert("contacts", CONTACT_COLUMNS), rows)


def insert_contacts_if_none(session: Session, rows: list[dict[str, Any]]) -> None:
    """`--update`: a contact for each customer that has no live contact yet."""
    columns = ", ".join(CONTACT_COLUMNS)
    typed = {"customer_id": "INTEGER", "archived": "BOOLEAN", "is_primary": "BOOLEAN"}
    values = ", ".join(f"CAST(:{c} AS {typed[c]})" if c in typed else ":" + c for c in CONTACT_COLUMNS)
    session.executemany(
        f"INSERT INTO contacts ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM contacts"
        " WHERE customer_id = CAST(:customer_id AS INTEGER) AND archived = CAST(:archived AS BOOLEAN))",
        rows,
    )


def insert_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Ownership events (kind `create`), one per customer imported."""
    session.executemany(_insert("ownership_events", ("customer_id", "kind", "at", "from_user_id", "to_user_id",
                                                       "by_user_id", "reason")), rows)


def fill_customers(session: Session, rows: list[dict[str, Any]]) -> None:
    """`--update`: each FILLED field set where the customer has none (never overwritten);
    a phone or e-mail brings its key. Every row has `id`, `updated_at` and every FILLED
    field and key (None: nothing to fill)."""
    sets = []
    for name in FILLED:
        key = _KEYED.get(name)
        if key:  # the key first: it must read the field before this statement fills it
            sets.append(f"{key} = CASE WHEN {name} IS NULL OR {name} = '' THEN :{key} ELSE {key} END")
        sets.append(f"{name} = COALESCE(NULLIF({name}, ''), :{name})")
    sets.append("updated_at = :updated_at")
    session.executemany(f"UPDATE customers SET {', '.join(sets)} WHERE id = :id", rows)
