"""Aggregate SQL of the pipeline reports (funnel, forecast, lost reasons).

Each statement returns a handful of grouped rows (per stage, per bucket, per reason) or
the stale list; deals are never loaded one by one. A scope narrows to one owner
(`owner_id`, served by ix_deals_owner_status_changed) or none (the team); a cohort to the
deals created in [created_from, created_to) (ix_deals_created_at). Stage keys and their
order come in as parameters, so one SQL text serves both engines.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session


def _where(owner_id: int | None, created_from: datetime | None, created_to: datetime | None,
           alias: str = "d") -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if owner_id is not None:
        where.append(f"{alias}.owner_id = :owner")
        params["owner"] = owner_id
    if created_from is not None:
        where.append(f"{alias}.created_at >= :created_from")
        params["created_from"] = created_from
    if created_to is not None:
        where.append(f"{alias}.created_at < :created_to")
        params["created_to"] = created_to
    return where, params


def _stage_index(keys: list[str], column: str, params: dict[str, Any], *, won_index: int | None) -> str:
    """CASE giving a stage key's index in the list in force (NULL for any other value)."""
    whens = []
    for i, key in enumerate(keys):
        params[f"k{i}"] = key
        whens.append(f"WHEN :k{i} THEN {i}")
    if won_index is not None:
        params["won"] = "won"
        whens.append(f"WHEN :won THEN {won_index}")
    return f"CASE {column} {' '.join(whens)} ELSE NULL END"


def open_by_stage(session: Session, *, owner_id: int | None, created_from: datetime | None,
                  created_to: datetime | None, stale_before: datetime) -> list[Any]:
    """Per stage key of the open deals: count, amount (cents) and their stale part."""
    where, params = _where(owner_id, created_from, created_to)
    params.update(open="open", stale=stale_before)
    where.insert(0, "d.status = :open")
    return session.execute(
        "SELECT d.stage AS stage, COUNT(*) AS deals, COALESCE(SUM(d.amount_cents), 0) AS amount,"
        " SUM(CASE WHEN d.stage_changed_at < :stale THEN 1 ELSE 0 END) AS stale_deals,"
        " COALESCE(SUM(CASE WHEN d.stage_changed_at < :stale THEN d.amount_cents ELSE 0 END), 0) AS stale_amount"
        f" FROM deals d WHERE {' AND '.join(where)} GROUP BY d.stage",
        params,
    ).all()


def furthest_reached(session: Session, keys: list[str], *, owner_id: int | None,
                     created_from: datetime | None, created_to: datetime | None) -> list[Any]:
    """How many deals got furthest to each stage index (len(keys) = won), over every stage
    change of each deal: a histogram, one row per index."""
    where, params = _where(owner_id, created_from, created_to)
    index = _stage_index(keys, "sc.to_stage", params, won_index=len(keys))
    return session.execute(
        "SELECT furthest, COUNT(*) AS deals FROM ("
        f"SELECT sc.deal_id, MAX({index}) AS furthest FROM {_changes_in(where)} GROUP BY sc.deal_id"
        ") f WHERE furthest IS NOT NULL GROUP BY furthest",
        params,
    ).all()


def closed(session: Session, *, owner_id: int | None, created_from: datetime | None,
           created_to: datetime | None) -> list[Any]:
    """Per closed status (won, lost): count and amount (cents)."""
    where, params = _where(owner_id, created_from, created_to)
    params["closed"] = ["won", "lost"]
    where.insert(0, "d.status IN (:closed)")
    return session.execute(
        "SELECT d.status AS status, COUNT(*) AS deals, COALESCE(SUM(d.amount_cents), 0) AS amount"
        f" FROM deals d WHERE {' AND '.join(where)} GROUP BY d.status",
        params,
    ).all()


def stays(session: Session, *, owner_id: int | None, created_from: datetime | None,
          created_to: datetime | None) -> list[Any]:
    """Per stage left (`from_stage`) and status of the deal: how many stays ended, and their
    summed seconds (each change records how long the deal had stayed where it left). The
    open deals' current stays have not ended and are not here.

    A deal's stays add up to its last change minus its creation, so the sums of the closed
    deals (every from_stage of one status) are their whole cycles: no date arithmetic."""
    where, params = _where(owner_id, created_from, created_to)
    return session.execute(
        "SELECT sc.from_stage, d.status, COUNT(sc.stay_seconds) AS stays, SUM(sc.stay_seconds) AS seconds"
        f" FROM {_changes_in(where)} GROUP BY sc.from_stage, d.status",
        params,
    ).all()


def _changes_in(where: list[str]) -> str:
    """The stage changes of the deals `where` selects, joined to their deal."""
    return "deals d JOIN stage_changes sc ON sc.deal_id = d.id" + (f" WHERE {' AND '.join(where)}" if where else "")


def stale_deals(session: Session, *, owner_id: int | None, created_from: datetime | None,
                created_to: datetime | None, stale_before: datetime, limit: int | None) -> list[Any]:
    """The stale open deals with their customer's name, longest unmoved first (at most
    `limit`; how many there are in all comes from `open_by_stage`)."""
    where, params = _where(owner_id, created_from, created_to)
    params.update(open="open", stale=stale_before)
    where[:0] = ["d.status = :open", "d.stage_changed_at < :stale"]
    return session.execute(
        "SELECT d.id, c.name AS customer, d.title, d.stage, d.amount_cents, d.stage_changed_at, d.owner_id"
        f" FROM deals d JOIN customers c ON c.id = d.customer_id WHERE {' AND '.join(where)}"
        " ORDER BY d.stage_changed_at, d.id" + (" LIMIT :limit" if limit is not None else ""),
        params | ({"limit": limit} if limit is not None else {}),
    ).all()


def forecast(session: Session, bounds: list[date], *, owner_id: int | None, stale_before: datetime) -> list[Any]:
    """The open, non-stale deals grouped by stage and close bucket: -2 no date, -1 before
    bounds[0] (overdue), i for [bounds[i], bounds[i+1]), len(bounds)-1 on or after the last
    bound (later). Count and amount (cents) per group."""
    where, params = _where(owner_id, None, None)
    params.update(open="open", stale=stale_before)
    where[:0] = ["d.status = :open", "d.stage_changed_at >= :stale"]
    whens = ["WHEN d.close_on IS NULL THEN -2", "WHEN d.close_on < :b0 THEN -1"]
    params["b0"] = bounds[0]
    for i in range(1, len(bounds)):
        params[f"b{i}"] = bounds[i]
        whens.append(f"WHEN d.close_on < :b{i} THEN {i - 1}")
    bucket = f"CASE {' '.join(whens)} ELSE {len(bounds) - 1} END"
    return session.execute(
        f"SELECT b.bucket, b.stage, COUNT(*) AS deals, COALESCE(SUM(b.amount_cents), 0) AS amount FROM ("
        f"SELECT {bucket} AS bucket, d.stage, d.amount_cents FROM deals d WHERE {' AND '.join(where)}"
        ") b GROUP BY b.bucket, b.stage",
        params,
    ).all()


def lost_reasons(session: Session, *, owner_id: int | None, created_from: datetime | None,
                 created_to: datetime | None) -> list[Any]:
    """Lost deals per reason, grouped ignoring case and surrounding spaces; most deals
    first, then most amount. `reason` is one spelling of the group (NULL: none given)."""
    where, params = _where(owner_id, created_from, created_to)
    params["lost"] = "lost"
    where.insert(0, "d.status = :lost")
    return session.execute(
        "SELECT MIN(TRIM(d.lost_reason)) AS reason, COUNT(*) AS deals, COALESCE(SUM(d.amount_cents), 0) AS amount"
        f" FROM deals d WHERE {' AND '.join(where)} GROUP BY LOWER(TRIM(d.lost_reason))"
        " ORDER BY COUNT(*) DESC, COALESCE(SUM(d.amount_cents), 0) DESC, LOWER(TRIM(d.lost_reason))",
        params,
    ).all()


def sources(session: Session, *, owner_id: int | None, created_from: datetime | None) -> list[Any]:
    """Per lead or customer source ('' for none), one statement: live leads, how many were
    converted, live customers with that source, and the won deals (count, cents) of the
    customers those leads were converted into (each customer counted once per source)."""
    params: dict[str, Any] = {"no": False, "converted": "converted", "won": "won"}
    narrow = ""
    if owner_id is not None:
        narrow += " AND owner_id = :owner"
        params["owner"] = owner_id
    if created_from is not None:
        narrow += " AND created_at >= :created_from"
        params["created_from"] = created_from
    return session.execute(
        "WITH l AS (SELECT COALESCE(source, '') AS source, status, customer_id FROM leads"
        f"  WHERE archived = :no{narrow}),"
        " lead_counts AS (SELECT source, COUNT(*) AS leads,"
        "  SUM(CASE WHEN status = :converted THEN 1 ELSE 0 END) AS converted FROM l GROUP BY source),"
        " won AS (SELECT c.source, COUNT(d.id) AS won_deals, SUM(d.amount_cents) AS won_amount"
        "  FROM (SELECT DISTINCT source, customer_id FROM l WHERE status = :converted AND customer_id IS NOT NULL) c"
        "  JOIN deals d ON d.customer_id = c.customer_id AND d.status = :won GROUP BY c.source),"
        " cust AS (SELECT COALESCE(source, '') AS source, COUNT(*) AS customers FROM customers"
        f"  WHERE archived = :no{narrow} GROUP BY COALESCE(source, '')),"
        " named AS (SELECT source FROM lead_counts UNION SELECT source FROM cust)"
        " SELECT n.source, COALESCE(lc.leads, 0) AS leads, COALESCE(lc.converted, 0) AS converted,"
        " COALESCE(cu.customers, 0) AS customers, COALESCE(w.won_deals, 0) AS won_deals,"
        " COALESCE(w.won_amount, 0) AS won_amount"
        " FROM named n LEFT JOIN lead_counts lc ON lc.source = n.source LEFT JOIN cust cu ON cu.source = n.source"
        " LEFT JOIN won w ON w.source = n.source"
        " ORDER BY COALESCE(lc.leads, 0) DESC, COALESCE(cu.customers, 0) DESC, n.source",
        params,
    ).all()
