"""The pool's SQL (docs/pool.md): due recycles as set-based statements, claims, locks,
and the pool listing.

An owned customer is due under a rule when every moment its countdown may count from
(the claim, the countdown floor `recycle_from`, and for `no_follow_up` the last contact)
lies before that rule's cutoff for its grade (`domain/pool.py: recycle_cutoffs`), it is
live and unlocked, and no deal exempts it. `due_where` writes that as one condition, so
the check, the preview and the sweep read the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salescli.store.engine import Session
from salescli.store.queries._text import like_pattern
from salescli.store.queries.customers import _search_condition


@dataclass(frozen=True)
class DueRule:
    """One recycle rule as the SQL needs it: its cutoff per grade, the reason written per
    grade, and what exempts a customer."""

    rule: str
    cutoffs: dict[str, datetime]
    reasons: dict[str, str]
    exempt_stages: Sequence[str]
    won_since: datetime  # a deal won at or after this keeps its customer
    counting_since: datetime | None = None  # no countdown counts from before this


def _start(moment: str, param: str) -> str:
    return f"({moment} IS NULL OR {moment} < :{param})"


def due_where(due: DueRule, params: dict[str, Any], prefix: str) -> str:
    """The condition (on alias `c`) of the customers `due` recycles; fills `params`."""
    claimed = "coalesce(c.claimed_at, c.created_at)"

    def started_before(param: str) -> str:
        parts = [f"{claimed} < :{param}", _start("c.recycle_from", param)]
        if due.rule == "no_follow_up":
            parts.append(_start("c.last_contact_at", param))
        return " AND ".join(parts)

    # A grade whose countdowns started (counting_since) after its cutoff has nothing due.
    cutoffs = {g: cut for g, cut in due.cutoffs.items() if due.counting_since is None or due.counting_since < cut}
    grades = sorted(cutoffs)
    if not grades:
        timing = "1 = 0"
    elif len(cutoffs) == len(due.cutoffs) and len(set(cutoffs.values())) == 1:
        params[f"{prefix}cut"] = due.cutoffs[grades[0]]
        timing = started_before(f"{prefix}cut")
    else:
        terms = []
        for grade in grades:
            params[f"{prefix}cut_{grade}"] = cutoffs[grade]
            terms.append(f"(c.grade = '{grade}' AND {started_before(f'{prefix}cut_{grade}')})")
        timing = "(" + " OR ".join(terms) + ")"
    params |= {f"{prefix}won_since": due.won_since,
               f"{prefix}exempt": list(due.exempt_stages) or ["\x00"]}
    exempt = (
        f"NOT EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND ("
        f"(d.status = 'open' AND d.stage IN (:{prefix}exempt))"
        f" OR (d.status = 'won' AND d.closed_at >= :{prefix}won_since)"
        + (f" OR (d.status = 'won' AND d.closed_at >= {claimed})" if due.rule == "no_deal" else "")
        + "))"
    )
    return f"{owned_live(params)} AND {timing} AND {exempt}"


def owned_live(params: dict[str, Any]) -> str:
    """Owned, live and unlocked: what recycling may touch. `owner_id > 0` rather than IS
    NOT NULL so SQLite reads ix_customers_recycling instead of scanning every customer
    (ids are positive); that index holds every column the rules read."""
    params["live"] = False
    return "c.owner_id > 0 AND c.locked_at IS NULL AND c.archived = :live"


def _reason_sql(due: DueRule, params: dict[str, Any]) -> str:
    if len(set(due.reasons.values())) == 1:
        params["reason"] = next(iter(due.reasons.values()))
        return "CAST(:reason AS VARCHAR(500))"
    cases = []
    for grade, reason in sorted(due.reasons.items()):
        params[f"reason_{grade}"] = reason
        cases.append(f"WHEN '{grade}' THEN CAST(:reason_{grade} AS VARCHAR(500))")
    return f"CASE c.grade {' '.join(cases)} END"


def any_due(session: Session, rules: Sequence[DueRule]) -> bool:
    """Whether any customer is due under any rule: the cheap check a command makes before
    it pays for a sweep. One statement per rule, each with no OR at its top: PostgreSQL
    then checks the exemptions per candidate through the deals' customer index (an
    anti-join) instead of hashing every won deal of the team."""
    for due in rules:
        params: dict[str, Any] = {}
        if session.execute(f"SELECT 1 FROM customers c WHERE {due_where(due, params, '')} LIMIT 1", params).first():
            return True
    return False


def due_rows(session: Session, due: DueRule, *, lock: bool = False) -> list[Any]:
    """The customers `due` recycles now, with their owner: the preview of a sweep. With
    `lock` (PostgreSQL), the rows stay locked until the transaction ends, so a sweep
    running at the same moment skips what this one moves."""
    params: dict[str, Any] = {}
    where = due_where(due, params, "")
    sql = (
        "SELECT c.id, c.name, c.grade, c.owner_id, u.handle AS owner, c.claimed_at, c.created_at,"
        " c.recycle_from, c.last_contact_at"
        f" FROM customers c JOIN users u ON u.id = c.owner_id WHERE {where} ORDER BY c.id"
    )
    if lock and session.dialect == "postgresql":
        sql += " FOR UPDATE OF c"
    return session.execute(sql, params).all()


def recycle(session: Session, due: DueRule, *, at: datetime) -> int:
    """Move every customer `due` recycles to the pool, with one `recycle` event each. The
    due ids are read first, locked on PostgreSQL (`FOR UPDATE`: a sweep or a claim at the
    same moment waits, then finds them moved), and the events and the move are written for
    exactly those ids."""
    params: dict[str, Any] = {}
    lock = " FOR UPDATE OF c" if session.dialect == "postgresql" else ""
    ids = [row[0] for row in session.execute(
        f"SELECT c.id FROM customers c WHERE {due_where(due, params, '')} ORDER BY c.id{lock}", params, tuples=True,
    )]
    return move_to_pool(session, due, ids, at=at)


def move_to_pool(session: Session, due: DueRule, ids: list[int], *, at: datetime) -> int:
    """Recycle the customers `ids` (read as due under `due`, and locked by the caller on
    PostgreSQL): one `recycle` event each, then the move, set-based, a chunk of ids per
    statement."""
    for start in range(0, len(ids), _CHUNK):
        moving: dict[str, Any] = {"at": at, "ids": ids[start:start + _CHUNK]}
        reason = _reason_sql(due, moving)
        session.execute(
            "INSERT INTO ownership_events (customer_id, kind, at, from_user_id, to_user_id, by_user_id, reason)"
            f" SELECT c.id, 'recycle', :at, c.owner_id, NULL, NULL, {reason} FROM customers c WHERE c.id IN (:ids)",
            moving,
        )
        session.execute(
            "UPDATE customers SET owner_id = NULL, claimed_at = NULL, locked_at = NULL, recycle_from = NULL,"
            " updated_at = :at WHERE id IN (:ids)",
            moving,
        )
    return len(ids)


_CHUNK = 1000  # ids per statement: well within both engines' limit on parameters


def capped_count(session: Session, user_id: int, *, counts_won: bool) -> int:
    """What counts toward a rep's cap: their live customers, without those with a won
    deal unless `pool.cap_counts_won`."""
    won = "" if counts_won else (
        " AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND d.status = 'won')")
    return session.execute(
        f"SELECT count(*) FROM customers c WHERE c.owner_id = :id AND c.archived = :no{won}",
        {"id": user_id, "no": False},
    ).scalar()


def claims_since(session: Session, user_id: int, since: datetime) -> int:
    """The rep's own pool claims since `since` (an assignment by a manager is not one)."""
    return session.execute(
        "SELECT count(*) FROM ownership_events WHERE to_user_id = :id AND kind = 'claim' AND at >= :since",
        {"id": user_id, "since": since},
    ).scalar()


def last_left(session: Session, customer_id: int, user_id: int) -> Any | None:
    """The latest release or recycle that took the customer from `user_id`."""
    return session.execute(
        "SELECT kind, at FROM ownership_events WHERE customer_id = :customer AND from_user_id = :id"
        " AND kind IN ('release', 'recycle') ORDER BY at DESC, id DESC LIMIT 1",
        {"customer": customer_id, "id": user_id},
    ).first()


def locked_count(session: Session, user_id: int) -> int:
    return session.execute(
        "SELECT count(*) FROM customers WHERE owner_id = :id AND locked_at IS NOT NULL", {"id": user_id}
    ).scalar()


def set_lock(session: Session, customer_id: int, *, at: datetime | None, restart: datetime | None = None) -> None:
    """Lock (at a moment) or unlock (None) a customer; unlocking restarts its countdowns."""
    session.execute(
        "UPDATE customers SET locked_at = :at, recycle_from = coalesce(:restart, recycle_from) WHERE id = :id",
        {"id": customer_id, "at": at, "restart": restart},
    )


def owned_for_warnings(session: Session, owner_id: int, exempt_stages: Sequence[str], won_since: datetime) -> list[Any]:
    """The owner's live, unlocked customers no deal exempts, with what their countdowns
    count from; whether a deal was won since the claim too (the no_deal rule)."""
    return session.execute(
        "SELECT c.id, c.name, c.grade, c.claimed_at, c.created_at, c.recycle_from, c.last_contact_at,"
        " EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND d.status = 'won'"
        "  AND d.closed_at >= coalesce(c.claimed_at, c.created_at)) AS won_since_claim"
        " FROM customers c WHERE c.owner_id = :owner AND c.archived = :no AND c.locked_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND ("
        "  (d.status = 'open' AND d.stage IN (:exempt)) OR (d.status = 'won' AND d.closed_at >= :won_since)))",
        {"owner": owner_id, "no": False, "exempt": list(exempt_stages) or ["\x00"], "won_since": won_since},
    ).all()


LIST_FIELDS = ("id", "name", "grade", "industry", "size", "city", "last_contact_at", "created_at")


def listing(
    session: Session, *, grade: str | None = None, city: str | None = None, industry: str | None = None,
    size: str | None = None, search: str | None = None, search_key: str | None = None,
    pinyin_key: str | None = None, limit: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Every live pool customer in name order, streamed, each with the event that put it
    in the pool (kind, when, from whom, why) and its number of follow-ups: `LIST_FIELDS`,
    then `left_kind`, `left_at`, `last_owner`, `reason`, `follow_ups`. The event is the
    latest one per customer (its (customer, at) index); the count reads the follow-ups'
    customer index."""
    where = ["c.owner_id IS NULL", "c.archived = :no"]
    params: dict[str, Any] = {"no": False, "yes": True}
    for column, value in (("grade", grade), ("size", size)):
        if value:
            where.append(f"c.{column} = :{column}")
            params[column] = value
    for column, value in (("city", city), ("industry", industry)):
        if value:
            where.append(f"lower(c.{column}) = lower(:{column})")
            params[column] = value
    if search:
        params["pattern"] = like_pattern(search)
        params["key_pattern"] = like_pattern(search_key or search)
        if pinyin_key:
            params["pinyin_pattern"] = f"%{pinyin_key}%"
        where.append(_search_condition(session, search, search_key or search, by_customer=False, pinyin=pinyin_key))
    columns = ", ".join(f"c.{name}" for name in LIST_FIELDS)
    sql = (
        f"SELECT {columns}, e.kind AS left_kind, e.at AS left_at, u.handle AS last_owner, e.reason,"
        " (SELECT count(*) FROM follow_ups f WHERE f.customer_id = c.id) AS follow_ups"
        " FROM customers c"
        " LEFT JOIN ownership_events e ON e.id = (SELECT x.id FROM ownership_events x WHERE x.customer_id = c.id"
        "  AND x.to_user_id IS NULL AND x.from_user_id IS NOT NULL ORDER BY x.at DESC, x.id DESC LIMIT 1)"
        " LEFT JOIN users u ON u.id = e.from_user_id"
        f" WHERE {' AND '.join(where)} ORDER BY c.name, c.id"
    )
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return iter(session.execute(sql, params, stream=True, tuples=True))
