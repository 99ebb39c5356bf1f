"""Counts for `db info` (users: the active ones)."""

from __future__ import annotations

from salescli.store.engine import Session


def counts(session: Session) -> dict[str, int]:
    row = session.execute(
        "SELECT (SELECT count(*) FROM users WHERE active = :yes) AS users,"
        " (SELECT count(*) FROM customers WHERE archived = :no) AS customers,"
        " (SELECT count(*) FROM customers WHERE owner_id IS NULL AND archived = :no) AS pool_customers,"
        " (SELECT count(*) FROM contacts) AS contacts,"
        " (SELECT count(*) FROM follow_ups) AS follow_ups,"
        " (SELECT count(*) FROM follow_ups WHERE due_on IS NOT NULL AND closed_at IS NULL) AS open_tasks",
        {"no": False, "yes": True},
    ).first()
    return dict(row._asdict())
