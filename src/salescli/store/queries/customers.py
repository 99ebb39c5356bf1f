"""Queries on customers: dedupe look-ups, name resolution, listings, tags."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import assignments, checked, like_pattern

# Columns a listing returns, in order.
LIST_FIELDS = (
    "id", "name", "grade", "city", "industry", "size", "source", "phone", "email",
    "last_contact_at", "created_at", "archived",
)
_FIELDS = (
    "name", "name_key", "name_key_rev", "name_pinyin", "name_initials", "industry", "size", "city", "address",
    "source", "grade",
    "phone", "phone_key", "email",
    "email_key", "notes", "owner_id", "claimed_at", "last_contact_at", "created_at", "created_by_id", "updated_at",
    "archived", "archived_at",
)
_OPEN_TASK = "f.due_on IS NOT NULL AND f.closed_at IS NULL"
_SORTS = {
    "name": "c.name, c.id",
    "last_contact": "c.last_contact_at IS NULL, c.last_contact_at DESC, c.id",
    "created": "c.created_at DESC, c.id DESC",
}


def exact_duplicates(
    session: Session, key: str | None, phone: str | None, email: str | None, *, exclude: int | None = None,
    limit: int = 5,
) -> list[Any]:
    """Customers matching on the name key, or a phone or email of theirs or their contacts."""
    conditions = []
    if key:
        conditions.append("c.name_key = :key")
    if phone:
        conditions.append("c.phone_key = :phone")
        conditions.append("c.id IN (SELECT customer_id FROM contacts WHERE phone_key = :phone)")
    if email:
        conditions.append("c.email_key = :email")
        conditions.append("c.id IN (SELECT customer_id FROM contacts WHERE email_key = :email)")
    if not conditions:
        return []
    excluding = " AND c.id <> :exclude" if exclude is not None else ""
    return session.execute(
        f"SELECT c.* FROM customers c WHERE ({' OR '.join(conditions)}){excluding} ORDER BY c.id LIMIT :limit",
        {"key": key, "phone": phone, "email": email, "exclude": exclude, "limit": limit},
    ).all()


def get(session: Session, customer_id: int) -> Any | None:
    return session.execute("SELECT * FROM customers WHERE id = :id", {"id": customer_id}).first()


def create(session: Session, **fields: Any) -> int:
    values = {"archived": False} | checked(fields, _FIELDS, "customers")
    return session.execute(
        f"INSERT INTO customers ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)}) RETURNING id",
        values,
    ).scalar()


def change(session: Session, customer_id: int, fields: dict[str, Any]) -> None:
    if checked(fields, _FIELDS, "customers"):
        session.execute(
            f"UPDATE customers SET {assignments(fields)} WHERE id = :row_id", fields | {"row_id": customer_id}
        )


def touch_last_contact(session: Session, customer_id: int, at: datetime) -> None:
    """Move the customer's last contact to `at` unless a later one is already recorded."""
    session.execute(
        "UPDATE customers SET last_contact_at = :at"
        " WHERE id = :id AND (last_contact_at IS NULL OR last_contact_at < :at)",
        {"id": customer_id, "at": at},
    )


def names_by_id(session: Session, ids: Sequence[int]) -> dict[int, str]:
    return dict(session.execute("SELECT id, name FROM customers WHERE id IN (:ids)", {"ids": list(ids)}).all())


def by_name_key(session: Session, key: str, *, limit: int) -> list[Any]:
    return session.execute(
        "SELECT * FROM customers WHERE name_key = :key ORDER BY id LIMIT :limit", {"key": key, "limit": limit}
    ).all()


def by_partial_name(session: Session, text: str, key: str, *, limit: int) -> list[Any]:
    """Customers whose name contains `text`, or whose name key contains `key`; live first."""
    return session.execute(
        f"SELECT * FROM customers WHERE {session.ilike('name', 'pattern')} OR name_key LIKE :key_pattern ESCAPE '\\'"
        " ORDER BY archived, id LIMIT :limit",
        {"pattern": like_pattern(text), "key_pattern": like_pattern(key) if key else like_pattern(text),
         "limit": limit},
    ).all()


def by_pinyin(session: Session, key: str, *, limit: int) -> list[Any]:
    """Customers whose full-pinyin or initials key is `key` (index look-ups)."""
    return session.execute(
        "SELECT * FROM customers WHERE id IN (SELECT id FROM customers WHERE name_pinyin = :key"
        " UNION SELECT id FROM customers WHERE name_initials = :key) ORDER BY archived, id LIMIT :limit",
        {"key": key, "limit": limit},
    ).all()


def by_partial_pinyin(session: Session, key: str, *, limit: int) -> list[Any]:
    """Customers whose full-pinyin or initials key contains `key` (ASCII letters and digits,
    so no LIKE wildcard to escape)."""
    return session.execute(
        f"SELECT * FROM customers WHERE id IN ({_pinyin_matches(session, key)}) ORDER BY archived, id LIMIT :limit",
        {"pinyin_pattern": f"%{key}%", "limit": limit},
    ).all()


def _pinyin_matches(session: Session, key: str) -> str:
    """Ids of customers whose pinyin keys contain `key` (docs/search.md): on SQLite from the
    trigram table of migration 0005 when the key has the 3 characters a trigram needs (on
    PostgreSQL the trigram indexes serve the same LIKE); otherwise each side reads only its
    narrow B-tree index (a covering scan), never the table."""
    if session.trigram_tables and len(key) >= 3:
        return (
            "SELECT rowid FROM customer_pinyin_search WHERE name_pinyin LIKE :pinyin_pattern"
            " UNION SELECT rowid FROM customer_pinyin_search WHERE name_initials LIKE :pinyin_pattern"
        )
    return (
        "SELECT id FROM customers WHERE name_pinyin LIKE :pinyin_pattern"
        " UNION SELECT id FROM customers WHERE name_initials LIKE :pinyin_pattern"
    )


def tags_of(session: Session, customer_id: int) -> list[str]:
    return session.execute(
        "SELECT tag FROM customer_tags WHERE customer_id = :id ORDER BY tag", {"id": customer_id}
    ).scalars()


def add_tags(session: Session, customer_id: int, tags: Iterable[str]) -> None:
    for tag in sorted(set(tags) - set(tags_of(session, customer_id))):
        session.execute(
            "INSERT INTO customer_tags (customer_id, tag) VALUES (:id, :tag)", {"id": customer_id, "tag": tag}
        )


def remove_tags(session: Session, customer_id: int, tags: Iterable[str]) -> None:
    gone = sorted(set(tags))
    if gone:
        session.execute(
            "DELETE FROM customer_tags WHERE customer_id = :id AND tag IN (:tags)", {"id": customer_id, "tags": gone}
        )


def listing(
    session: Session,
    *,
    owner_id: int | None,
    archived: bool,
    grade: str | None = None,
    city: str | None = None,
    industry: str | None = None,
    tags: Sequence[str] = (),
    search: str | None = None,
    search_key: str | None = None,
    pinyin_key: str | None = None,
    sort: str = "name",
    limit: int | None = None,
) -> Iterator[Any]:
    """One statement: the filters, plus per row the owner, the next open task's date, the
    number of open tasks and the tags (correlated look-ups on the partial index of open
    tasks and the tags' key).

    Rows are `LIST_FIELDS` followed by `owner`, `next_due`, `open_tasks` and `tags`
    (joined with \\x1f). They stream (a server-side cursor on PostgreSQL), so a 100k-row
    listing never sits in memory whole.

    A search looks in the name (and its dedupe key), the city, the notes and the names of
    the customer's contacts; the contacts are checked per listed customer (a correlated
    EXISTS on the contacts' customer index), never by scanning every contact.
    """
    where = ["c.archived = :archived"]
    params: dict[str, Any] = {"archived": archived, "yes": True}
    if owner_id is not None:
        where.append("c.owner_id = :owner")
        params["owner"] = owner_id
    if grade:
        where.append("c.grade = :grade")
        params["grade"] = grade
    if city:
        where.append("lower(c.city) = lower(:city)")
        params["city"] = city
    if industry:
        where.append("lower(c.industry) = lower(:industry)")
        params["industry"] = industry
    for index, tag in enumerate(tags):
        where.append(f"c.id IN (SELECT customer_id FROM customer_tags WHERE tag = :tag{index})")
        params[f"tag{index}"] = tag
    if search:
        params["pattern"] = like_pattern(search)
        params["key_pattern"] = like_pattern(search_key or search)
        if pinyin_key:
            params["pinyin_pattern"] = f"%{pinyin_key}%"
        where.append(_search_condition(
            session, search, search_key or search, by_customer=owner_id is not None, pinyin=pinyin_key,
        ))
    columns = ", ".join(f"c.{name}" for name in LIST_FIELDS)
    if owner_id is not None:
        # A rep's few customers: look their open tasks up one by one (partial index).
        tasks_from = ""
        next_due = f"(SELECT min(f.due_on) FROM follow_ups f WHERE f.customer_id = c.id AND {_OPEN_TASK})"
        open_count = f"(SELECT count(*) FROM follow_ups f WHERE f.customer_id = c.id AND {_OPEN_TASK})"
    else:
        # Every customer: group the open tasks once (a small slice of the history) and join.
        tasks_from = (
            " LEFT JOIN (SELECT f.customer_id, min(f.due_on) AS next_due, count(*) AS open_count"
            f" FROM follow_ups f WHERE {_OPEN_TASK} GROUP BY f.customer_id) o ON o.customer_id = c.id"
        )
        next_due, open_count = "o.next_due", "coalesce(o.open_count, 0)"
    sql = (
        f"SELECT {columns}, u.handle AS owner, {next_due} AS {session.typed('next_due', 'DATE')},"
        f" {open_count} AS open_tasks,"
        f" (SELECT {session.joined('t.tag', 31)} FROM customer_tags t WHERE t.customer_id = c.id) AS tags"
        f" FROM customers c LEFT JOIN users u ON u.id = c.owner_id{tasks_from}"
        f" WHERE {' AND '.join(where)} ORDER BY {_SORTS[sort]}"
    )
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return iter(session.execute(sql, params, stream=True, tuples=True))


def _search_condition(
    session: Session, search: str, key: str, *, by_customer: bool, pinyin: str | None = None,
) -> str:
    """Where the search text may be: name (or its dedupe key or, with `pinyin`, its pinyin
    keys: docs/search.md), city, notes, a contact's name.

    `by_customer` (one rep's customers): check each listed customer, its contacts through
    their customer index. Otherwise (every customer) start from the matches: on SQLite
    the FTS5 trigram tables when the text has the 3 characters a trigram needs, on
    PostgreSQL the same ILIKE served by trigram indexes (migration 0003).
    """
    if by_customer:
        pinyin_terms = ["c.name_pinyin LIKE :pinyin_pattern", "c.name_initials LIKE :pinyin_pattern"] if pinyin else []
        return "(" + " OR ".join([
            session.ilike("c.name", "pattern"), "c.name_key LIKE :key_pattern ESCAPE '\\'", *pinyin_terms,
            session.ilike("c.city", "pattern"), session.ilike("c.notes", "pattern"),
            f"EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND {session.ilike('k.name', 'pattern')})",
        ]) + ")"
    if session.trigram_tables and len(search) >= 3 and not any(ch in search + key for ch in "%_\\"):
        # FTS5's LIKE takes no ESCAPE clause, hence plain text only; it folds case like ILIKE.
        matches = [
            "SELECT rowid FROM customer_search WHERE name LIKE :pattern",
            "SELECT rowid FROM customer_search WHERE name_key LIKE :key_pattern",
            "SELECT rowid FROM customer_search WHERE city LIKE :pattern",
            "SELECT rowid FROM customer_search WHERE notes LIKE :pattern",
            "SELECT customer_id FROM contacts WHERE id IN"
            " (SELECT rowid FROM contact_search WHERE name LIKE :pattern)",
        ]
    else:
        matches = [
            f"SELECT id FROM customers WHERE {session.ilike('name', 'pattern')}",
            "SELECT id FROM customers WHERE name_key LIKE :key_pattern ESCAPE '\\'",
            f"SELECT id FROM customers WHERE {session.ilike('city', 'pattern')}",
            f"SELECT id FROM customers WHERE {session.ilike('notes', 'pattern')}",
            f"SELECT customer_id FROM contacts WHERE {session.ilike('name', 'pattern')}",
        ]
    if pinyin:
        matches += [_pinyin_matches(session, pinyin)]
    return "c.id IN (" + " UNION ".join(matches) + ")"


def forgotten(session: Session, owner_id: int, cutoffs: dict[str, datetime]) -> list[Any]:
    """An owner's live customers whose last contact (or creation) is before their grade's cutoff.

    Uses the (owner, archived, last_contact) index; returns (id, name, grade, city,
    last_contact_at, created_at).
    """
    by_grade = []
    params: dict[str, Any] = {"owner": owner_id, "no": False}
    for index, (grade, cutoff) in enumerate(cutoffs.items()):
        by_grade.append(f"(grade = :grade{index} AND coalesce(last_contact_at, created_at) < :cutoff{index})")
        params[f"grade{index}"] = grade
        params[f"cutoff{index}"] = cutoff
    return session.execute(
        "SELECT id, name, grade, city, last_contact_at, created_at FROM customers"
        f" WHERE owner_id = :owner AND archived = :no AND ({' OR '.join(by_grade)})",
        params,
    ).all()


SEARCH_FIELDS = ("id", "name", "grade", "city", "industry", "last_contact_at")
SHORT_SEARCH = 3  # characters: a trigram index needs this many


def search(session: Session, *, search: str, search_key: str, pinyin_key: str | None, me: int,
           limit: int) -> list[Any]:
    """Live customers matching `search` as a listing's search does (`_search_condition`;
    a text shorter than `SHORT_SEARCH` only in names and pinyin), best first (docs/search.md
    "As you type"): the name key equal to the typed key, then starting with it, then a
    pinyin key starting with the typed pinyin, then the name containing the text, then the
    rest (city, notes, a contact); the rep's own before others' within each, then by name.
    Rows are `SEARCH_FIELDS`, `owner` and `rank`."""
    params: dict[str, Any] = {
        "archived": False, "me": me, "limit": limit, "pattern": like_pattern(search),
        "key_pattern": like_pattern(search_key), "key": search_key,
        "key_prefix": like_pattern(search_key)[1:],
    }
    pinyin_rank = ""
    if pinyin_key:
        params["pinyin_pattern"] = f"%{pinyin_key}%"
        params["pinyin_prefix"] = f"{pinyin_key}%"
        pinyin_rank = " WHEN c.name_pinyin LIKE :pinyin_prefix OR c.name_initials LIKE :pinyin_prefix THEN 2"
    rank = (
        "CASE WHEN c.name_key = :key THEN 0 WHEN c.name_key LIKE :key_prefix ESCAPE '\\' THEN 1"
        f"{pinyin_rank} WHEN c.name_key LIKE :key_pattern ESCAPE '\\' OR {session.ilike('c.name', 'pattern')}"
        " THEN 3 ELSE 4 END"
    )
    if len(search) < SHORT_SEARCH:
        # One or two characters: names and their pinyin only, one pass over the customers.
        # Cities, notes and contacts wait for a third character, when the trigram indexes
        # serve them; scanning them for "h" costs 4 times as much and finds noise.
        pinyin_terms = " OR c.name_pinyin LIKE :pinyin_pattern OR c.name_initials LIKE :pinyin_pattern" \
            if pinyin_key else ""
        condition = (f"({session.ilike('c.name', 'pattern')} OR c.name_key LIKE :key_pattern ESCAPE '\\'"
                     f"{pinyin_terms})")
    else:
        condition = _search_condition(session, search, search_key, by_customer=False, pinyin=pinyin_key)
    columns = ", ".join(f"c.{name}" for name in SEARCH_FIELDS)
    shown = ", ".join(f"h.{name}" for name in SEARCH_FIELDS)
    # The matches are gathered first (MATERIALIZED), by one pass over the customers: left to
    # itself SQLite walks an owner index for the ORDER BY and reads every row through it,
    # five times slower.
    return session.execute(
        f"WITH hits AS MATERIALIZED (SELECT {columns}, c.owner_id, {rank} AS rank FROM customers c"
        f" WHERE c.archived = :archived AND {condition})"
        f" SELECT {shown}, u.handle AS owner, h.rank FROM hits h LEFT JOIN users u ON u.id = h.owner_id"
        " ORDER BY h.rank, CASE WHEN h.owner_id = :me THEN 0 ELSE 1 END, h.name, h.id LIMIT :limit",
        params,
    )


def summaries(session: Session, ids: Sequence[int]) -> list[Any]:
    """`SEARCH_FIELDS` and `owner` of the given customers (any order)."""
    if not ids:
        return []
    columns = ", ".join(f"c.{name}" for name in SEARCH_FIELDS)
    return session.execute(
        f"SELECT {columns}, u.handle AS owner FROM customers c LEFT JOIN users u ON u.id = c.owner_id"
        " WHERE c.id IN (:ids)", {"ids": list(ids)},
    )
