"""What the stage commands read from the deals: open deals counted per stage key."""

from __future__ import annotations

from salescli.store.engine import Session


def open_deals_by_stage(session: Session) -> dict[str, tuple[int, int]]:
    """stage key -> (open deals in it, their known amounts in cents); stages with no open
    deal are absent. One pass over the (status, stage) index."""
    rows = session.execute(
        "SELECT stage, COUNT(*) AS deals, COALESCE(SUM(amount_cents), 0) AS cents"
        " FROM deals WHERE status = 'open' GROUP BY stage"
    ).all()
    return {row.stage: (int(row.deals), int(row.cents)) for row in rows}


def open_deals_in(session: Session, keys: list[str]) -> dict[str, int]:
    """stage key -> open deals in it, for the keys given that hold any."""
    if not keys:
        return {}
    rows = session.execute(
        "SELECT stage, COUNT(*) AS deals FROM deals WHERE status = 'open' AND stage IN (:keys) GROUP BY stage",
        {"keys": keys},
    ).all()
    return {row.stage: int(row.deals) for row in rows}
