"""Deals, stage changes and payments written straight into a test's store.

For tests of what reads the pipeline (reports, agenda sections) that need exact histories
in the past (a deal created 90 days ago, skipped ahead, stale) which the commands, run at
the fixed test clock, cannot make. Commands are still how tests of the deal commands
themselves write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

_open: list[Any] = []  # the one context rows are written through, for the test's store


@contextmanager
def _session() -> Iterator[Any]:
    """One write transaction on the test's store. The context is kept while the store stays
    the same (one connection for a test's many rows) and closed when a test names another."""
    import os

    from salescli.services.context import open_context

    if _open and _open[0][0] != os.environ["SALESCLI_DB"]:
        _open.pop()[1].close()
    if not _open:
        _open.append((os.environ["SALESCLI_DB"], open_context()))
    with _open[0][1].session(write=True) as session:
        yield session


def user_id(handle: str = "alice") -> int:
    with _session() as s:
        return s.execute("SELECT id FROM users WHERE handle = :h", {"h": handle}).scalar()


def insert_deal(
    *, customer_id: int, title: str, stage: str, owner: str = "alice", status: str = "open",
    amount: int | None = None, close_on: date | None = None, created_at: datetime,
    stage_changed_at: datetime | None = None, closed_at: datetime | None = None, lost_reason: str | None = None,
    contract_end: date | None = None, product: str | None = None,
) -> int:
    """A deal row; `amount` in whole currency units (stored as cents)."""
    uid = user_id(owner)
    with _session() as s:
        return s.execute(
            "INSERT INTO deals (customer_id, title, amount_cents, stage, status, close_on, owner_id, product,"
            " lost_reason, contract_end, created_at, created_by_id, stage_changed_at, closed_at)"
            " VALUES (:customer_id, :title, :amount_cents, :stage, :status, :close_on, :owner_id, :product,"
            " :lost_reason, :contract_end, :created_at, :owner_id, :stage_changed_at, :closed_at) RETURNING id",
            {"customer_id": customer_id, "title": title, "amount_cents": None if amount is None else amount * 100,
             "stage": stage, "status": status, "close_on": close_on, "owner_id": uid, "product": product,
             "lost_reason": lost_reason, "contract_end": contract_end, "created_at": created_at,
             "stage_changed_at": stage_changed_at or created_at, "closed_at": closed_at},
        ).scalar()


def insert_change(deal_id: int, *, kind: str, from_stage: str | None, to_stage: str, at: datetime,
                  by: str = "alice", feedback: str | None = None) -> int:
    """A change; its stay is counted from the deal's latest change before it, as the
    services write it (insert a deal's changes in time order)."""
    uid = user_id(by)
    with _session() as s:
        before = s.execute("SELECT at FROM stage_changes WHERE deal_id = :d AND at <= :at ORDER BY at DESC LIMIT 1",
                           {"d": deal_id, "at": at}).scalar()
        return s.execute(
            "INSERT INTO stage_changes (deal_id, kind, from_stage, to_stage, at, by_user_id, feedback, stay_seconds)"
            " VALUES (:deal_id, :kind, :from_stage, :to_stage, :at, :by, :feedback, :stay) RETURNING id",
            {"deal_id": deal_id, "kind": kind, "from_stage": from_stage, "to_stage": to_stage, "at": at,
             "by": uid, "feedback": feedback,
             "stay": None if before is None else int((at - before).total_seconds())},
        ).scalar()


def insert_payment(deal_id: int, *, amount: int, due_on: date, paid_on: date | None = None,
                   created_at: datetime) -> int:
    with _session() as s:
        return s.execute(
            "INSERT INTO payments (deal_id, amount_cents, due_on, paid_on, created_at)"
            " VALUES (:deal_id, :amount_cents, :due_on, :paid_on, :created_at) RETURNING id",
            {"deal_id": deal_id, "amount_cents": amount * 100, "due_on": due_on, "paid_on": paid_on,
             "created_at": created_at},
        ).scalar()


def at(text: str) -> datetime:
    """`2026-10-01` or `2026-10-01T10:00` as an instant in UTC."""
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


