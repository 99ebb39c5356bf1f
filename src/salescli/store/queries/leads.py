"""Queries on leads and their events (docs/leads.md): the bulk insert imports and tests
share, the listing, the card's reads, the conditional updates that keep two reps from
both taking one lead, and the set-based moves of a conversion and a merge."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import assignments, checked, like_pattern

# Every column a lead is written with, in the order `insert_many` writes them.
COLUMNS = (
    "company", "company_key", "contact", "contact_key", "title", "phone", "phone_key", "email", "email_key",
    "wechat", "city", "address", "industry", "source", "website", "note", "extra", "flags", "status", "owner_id",
    "claimed_at", "customer_id", "deal_id", "batch_id", "source_line", "disqualify_reason", "last_contact_at",
    "converted_at", "created_at", "created_by_id", "updated_at", "archived", "merged_into_id",
)
_EVENT_COLUMNS = ("lead_id", "kind", "by_user_id", "at", "from_user_id", "to_user_id", "follow_up_kind", "summary",
                  "customer_id", "deal_id", "other_lead_id")
# Rows per INSERT: 100 rows of 33 columns stay well under SQLite's 32766 parameters.
_CHUNK = 100
# Columns of a `lead list` row, in order.
LIST_FIELDS = ("id", "company", "contact", "phone", "email", "city", "source", "status", "owner", "customer_id",
               "flags", "last_contact_at", "created_at")
_WITH_OWNER = "SELECT l.*, u.handle AS owner FROM leads l LEFT JOIN users u ON u.id = l.owner_id"


def insert_many(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert leads set-based, a multi-row INSERT per chunk; their ids, in order. A row
    gives any of COLUMNS (`created_at` at least); the rest are NULL, `new`, not archived."""
    ids: list[int] = []
    defaults = dict.fromkeys(COLUMNS) | {"status": "new", "archived": False, "contact_key": ""}
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        params: dict[str, Any] = {}
        values = []
        for i, row in enumerate(chunk):
            full = defaults | checked(row, COLUMNS, "leads")
            params.update({f"r{i}_{name}": full[name] for name in COLUMNS})
            values.append("(" + ", ".join(f":r{i}_{name}" for name in COLUMNS) + ")")
        found = session.execute(
            f"INSERT INTO leads ({', '.join(COLUMNS)}) VALUES {', '.join(values)} RETURNING id", params,
        ).scalars()
        ids.extend(sorted(found))  # ids rise in insert order; RETURNING's order is not promised
    return ids


def get(session: Session, lead_id: int) -> Any | None:
    """A lead with its owner's handle (`owner`)."""
    return session.execute(f"{_WITH_OWNER} WHERE l.id = :id", {"id": lead_id}).first()


def listing(
    session: Session, *, statuses: Sequence[str], source: str | None, owner_id: int | None, pool: bool,
    search: str | None, limit: int | None,
) -> Iterator[tuple[Any, ...]]:
    """Live leads, newest first, as tuples in LIST_FIELDS order, streamed. `owner_id`
    narrows to one rep's, `pool` to those nobody owns; neither: everyone's."""
    where = ["l.archived = :no", "l.status IN (:statuses)"]
    params: dict[str, Any] = {"no": False, "statuses": list(statuses)}
    if pool:
        where.append("l.owner_id IS NULL")
    elif owner_id is not None:
        where.append("l.owner_id = :owner")
        params["owner"] = owner_id
    if source is not None:
        where.append("l.source = :source")
        params["source"] = source
    if search:
        params["pattern"] = like_pattern(search)
        where.append("(" + " OR ".join(session.ilike(f"l.{column}", "pattern") for column in
                                       ("company", "contact", "phone", "email", "city", "note")) + ")")
    sql = (
        "SELECT l.id, l.company, l.contact, l.phone, l.email, l.city, l.source, l.status, u.handle,"
        " l.customer_id, l.flags, l.last_contact_at, l.created_at"
        f" FROM leads l LEFT JOIN users u ON u.id = l.owner_id WHERE {' AND '.join(where)} ORDER BY l.id DESC"
    )
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return iter(session.execute(sql, params, stream=True, tuples=True))


def events(session: Session, lead_id: int) -> list[Any]:
    """A lead's events, oldest first, with the handles of the users named
    (`by_handle`, `from_handle`, `to_handle`)."""
    return session.execute(
        "SELECT e.*, bu.handle AS by_handle, fu.handle AS from_handle, tu.handle AS to_handle"
        " FROM lead_events e LEFT JOIN users bu ON bu.id = e.by_user_id"
        " LEFT JOIN users fu ON fu.id = e.from_user_id LEFT JOIN users tu ON tu.id = e.to_user_id"
        " WHERE e.lead_id = :id ORDER BY e.at, e.id",
        {"id": lead_id},
    ).all()


def batch(session: Session, batch_id: int) -> Any | None:
    return session.execute(
        "SELECT id, file_name, started_at FROM import_batches WHERE id = :id", {"id": batch_id}
    ).first()


def customer_name(session: Session, customer_id: int) -> str | None:
    return session.execute("SELECT name FROM customers WHERE id = :id", {"id": customer_id}).scalar()


def add_event(session: Session, **fields: Any) -> None:
    values = checked(fields, _EVENT_COLUMNS, "lead_events")
    session.execute(
        f"INSERT INTO lead_events ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)})", values,
    )


def takes_since(session: Session, user_id: int, since: datetime) -> int:
    """Leads `user_id` took from the pool since `since` (ix_lead_events_to_kind_at)."""
    return session.execute(
        "SELECT COUNT(*) FROM lead_events WHERE to_user_id = :user AND kind = :take AND at >= :since",
        {"user": user_id, "take": "take", "since": since},
    ).scalar()


def last_release_by(session: Session, lead_id: int, user_id: int) -> datetime | None:
    """When `user_id` last let this lead go to the pool (their own release), if ever."""
    return session.execute(
        "SELECT at FROM lead_events WHERE lead_id = :id AND kind = :release AND from_user_id = :user"
        " ORDER BY at DESC LIMIT 1",
        {"id": lead_id, "release": "release", "user": user_id},
    ).scalar()


def set_owner(session: Session, lead_id: int, to_id: int | None, *, at: datetime,
              only_from: int | None | str = "any") -> bool:
    """Give a live, open lead to `to_id` (None: the pool). With `only_from` (an owner id,
    or None for "in the pool") only if it is still there, so two reps racing for one lead
    cannot both win; False when it was not."""
    params = {"id": lead_id, "to_id": to_id, "claimed": at if to_id else None, "at": at, "from_id": only_from,
              "no": False, "open": ["new", "working"]}
    where = "id = :id AND archived = :no AND status IN (:open)"
    if only_from is None:
        where += " AND owner_id IS NULL"
    elif only_from != "any":
        where += " AND owner_id = :from_id"
    return session.execute(
        f"UPDATE leads SET owner_id = :to_id, claimed_at = :claimed, updated_at = :at WHERE {where}", params,
    ).rowcount == 1


def change(session: Session, lead_id: int, fields: dict[str, Any], *, only_status: Sequence[str] | None = None) -> bool:
    """Write `fields` on a live lead; with `only_status`, only while its status is one of
    them (what a concurrent change would have moved). Whether it was written."""
    checked(fields, COLUMNS, "leads")
    where = "id = :row_id AND archived = :row_live"
    params = fields | {"row_id": lead_id, "row_live": False}
    if only_status is not None:
        where += " AND status IN (:row_status)"
        params["row_status"] = list(only_status)
    return session.execute(f"UPDATE leads SET {assignments(fields)} WHERE {where}", params).rowcount == 1


def copy_follow_ups(session: Session, lead_id: int, customer_id: int, *, at: datetime) -> int:
    """The lead's follow-ups, as follow-ups of the customer it became: one INSERT ... SELECT."""
    return session.execute(
        "INSERT INTO follow_ups (customer_id, author_id, happened_at, kind, summary, created_at)"
        " SELECT :customer, e.by_user_id, e.at, e.follow_up_kind, e.summary, :at FROM lead_events e"
        " WHERE e.lead_id = :lead AND e.kind = :follow_up ORDER BY e.at, e.id",
        {"customer": customer_id, "at": at, "lead": lead_id, "follow_up": "follow_up"},
    ).rowcount


def move_events(session: Session, from_id: int, to_id: int) -> int:
    """Every event of one lead becomes the other's (a merge)."""
    return session.execute(
        "UPDATE lead_events SET lead_id = :to_id WHERE lead_id = :from_id", {"from_id": from_id, "to_id": to_id},
    ).rowcount
