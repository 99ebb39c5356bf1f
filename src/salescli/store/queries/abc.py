"""Won amount per customer over a range of instants (ABC analysis, docs/reports.md): one
grouped statement over the won deals closed in the range (ix_deals_status_closed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session


def won_by_customer(session: Session, start: datetime, end: datetime, owner_id: int | None) -> list[Any]:
    """Rows (customer_id, name, deals, cents) of the customers with deals won in [start, end),
    credited to the deal's owner (`owner_id` None: the team)."""
    only = " AND d.owner_id = :owner" if owner_id is not None else ""
    params: dict[str, Any] = {"start": start, "end": end, "won": "won"}
    if owner_id is not None:
        params["owner"] = owner_id
    return session.execute(
        "SELECT c.id AS customer_id, c.name AS name, w.deals AS deals, w.cents AS cents FROM ("
        " SELECT d.customer_id AS customer_id, COUNT(*) AS deals, COALESCE(SUM(d.amount_cents), 0) AS cents"
        f" FROM deals d WHERE d.status = :won AND d.closed_at >= :start AND d.closed_at < :end{only}"
        " GROUP BY d.customer_id) w JOIN customers c ON c.id = w.customer_id",
        params,
    ).all()
