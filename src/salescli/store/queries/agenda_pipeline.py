"""The agenda's pipeline sections: one query each, over the acting rep's own deals.

Each reads an index that leads with the owner (ix_deals_owner_status_changed,
ix_deals_owner_status_close_on, ix_deals_owner_status_contract_end), so its cost follows
the matching rows of the rep, not the team's deals. Payments are found from the open,
due side (ix_payments_open_due: few rows) and kept when their deal is the rep's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salescli.store.engine import Session

_DEAL = ("SELECT d.id, d.title, d.customer_id, c.name AS customer_name, d.stage, d.amount_cents, d.close_on,"
         " d.contract_end, d.stage_changed_at FROM deals d JOIN customers c ON c.id = d.customer_id")


def payments_due(session: Session, owner_id: int, *, until: date) -> list[Any]:
    """Open payments of the rep's deals due on or before `until`, most overdue first."""
    return session.execute(
        "SELECT p.id, p.deal_id, d.title AS deal_title, d.customer_id, c.name AS customer_name,"
        " p.amount_cents, p.due_on FROM payments p JOIN deals d ON d.id = p.deal_id"
        " JOIN customers c ON c.id = d.customer_id"
        " WHERE p.paid_on IS NULL AND p.due_on <= :until AND d.owner_id = :owner ORDER BY p.due_on, p.id",
        {"owner": owner_id, "until": until},
    ).all()


def stale_deals(session: Session, owner_id: int, *, before: datetime) -> list[Any]:
    """The rep's open deals whose stage has not moved since `before`, longest first."""
    return session.execute(
        f"{_DEAL} WHERE d.owner_id = :owner AND d.status = 'open' AND d.stage_changed_at < :before"
        " ORDER BY d.stage_changed_at, d.id",
        {"owner": owner_id, "before": before},
    ).all()


def closing_by(session: Session, owner_id: int, *, until: date) -> list[Any]:
    """The rep's open deals expected to close on or before `until` (passed ones included), soonest first."""
    return session.execute(
        f"{_DEAL} WHERE d.owner_id = :owner AND d.status = 'open' AND d.close_on <= :until"
        " ORDER BY d.close_on, d.id",
        {"owner": owner_id, "until": until},
    ).all()


def contracts_ending(session: Session, owner_id: int, *, first: date, last: date) -> list[Any]:
    """The rep's won deals whose contract ends from `first` to `last`, soonest first."""
    return session.execute(
        f"{_DEAL} WHERE d.owner_id = :owner AND d.status = 'won' AND d.contract_end >= :first"
        " AND d.contract_end <= :last ORDER BY d.contract_end, d.id",
        {"owner": owner_id, "first": first, "last": last},
    ).all()
