"""The rows of `customer export` and `lead export`: one statement each, streamed (a
server-side cursor on PostgreSQL), so a 100k-row export never sits in memory whole
(docs/export.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from salescli.store.engine import Session

CUSTOMER_FIELDS = (
    "id", "name", "grade", "industry", "size", "city", "address", "source", "phone", "email", "notes",
    "created_at", "last_contact_at", "archived",
)
"""The customer's own columns, in the order a row starts with; then `owner`, `tags` (joined
with \\x1f), and the primary contact's name, title, phone, email and wechat."""

LEAD_FIELDS = (
    "id", "company", "contact", "title", "phone", "email", "wechat", "city", "address", "industry", "source",
    "website", "note", "status", "customer_id", "batch_id", "source_line", "flags", "created_at", "extra",
)
"""The lead's own columns, in the order a row starts with; then `owner`."""


def customer_rows(session: Session, *, owner_id: int | None, pool: bool, archived: bool) -> Iterator[tuple]:
    """Customers by id: every one (`owner_id` None, not `pool`), one owner's, or the pool's.

    The tags and the primary contact are correlated look-ups on their customer indexes
    (customer_tags' key, ix_contacts_customer), so the statement reads each table once."""
    where = ["c.archived = :archived"]
    params: dict[str, Any] = {"archived": archived, "no": False}
    if pool:
        where.append("c.owner_id IS NULL")
    elif owner_id is not None:
        where.append("c.owner_id = :owner")
        params["owner"] = owner_id
    columns = ", ".join(f"c.{name}" for name in CUSTOMER_FIELDS)
    sql = (
        f"SELECT {columns}, u.handle AS owner,"
        f" (SELECT {session.joined('t.tag', 31)} FROM customer_tags t WHERE t.customer_id = c.id) AS tags,"
        " k.name AS contact_name, k.title AS contact_title, k.phone AS contact_phone, k.email AS contact_email,"
        " k.wechat AS contact_wechat"
        " FROM customers c LEFT JOIN users u ON u.id = c.owner_id"
        " LEFT JOIN contacts k ON k.id = (SELECT p.id FROM contacts p WHERE p.customer_id = c.id"
        " AND p.archived = :no ORDER BY p.is_primary DESC, p.id LIMIT 1)"
        f" WHERE {' AND '.join(where)} ORDER BY c.id"
    )
    return iter(session.execute(sql, params, stream=True, tuples=True))


def lead_rows(
    session: Session, *, owner_id: int | None, pool: bool, status: str | None, source: str | None,
) -> Iterator[tuple]:
    """Live leads by id (an undone import's or a merged-away lead is archived and left
    out): every one, one owner's, or the pool's; by status and source when given."""
    where = ["l.archived = :no"]
    params: dict[str, Any] = {"no": False}
    if pool:
        where.append("l.owner_id IS NULL")
    elif owner_id is not None:
        where.append("l.owner_id = :owner")
        params["owner"] = owner_id
    if status:
        where.append("l.status = :status")
        params["status"] = status
    if source:
        where.append("lower(l.source) = lower(:source)")
        params["source"] = source
    columns = ", ".join(f"l.{name}" for name in LEAD_FIELDS)
    sql = (
        f"SELECT {columns}, u.handle AS owner FROM leads l LEFT JOIN users u ON u.id = l.owner_id"
        f" WHERE {' AND '.join(where)} ORDER BY l.id"
    )
    return iter(session.execute(sql, params, stream=True, tuples=True))
