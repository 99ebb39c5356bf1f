"""Moving customers between reps with what goes along: open deals and open tasks
(docs/ownership.md, "Assign, transfer and handover").

Each statement is set-based: a whole book moves in a fixed number of statements however
many customers, deals and tasks it holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from salescli.store.engine import Session
from salescli.store.queries.ownership import move_all, reassign_open_tasks
from salescli.store.queries.users import OPEN_TASK


class Moved(NamedTuple):
    customers: int
    deals: int
    tasks: int


def move_customer_deals(session: Session, customer_id: int, from_id: int, to_id: int, *, at: datetime) -> int:
    """The customer's open deals that `from_id` owns go to `to_id`; closed ones keep the
    owner they were won or lost by (deal credit stays with the owner at the time)."""
    return session.execute(
        "UPDATE deals SET owner_id = :to_id, updated_at = :at"
        " WHERE customer_id = :customer AND owner_id = :from_id AND status = :open",
        {"customer": customer_id, "from_id": from_id, "to_id": to_id, "at": at, "open": "open"},
    ).rowcount


def move_customer_tasks(session: Session, customer_id: int, from_id: int, to_id: int | None) -> int:
    """The customer's open tasks assigned to `from_id` go to `to_id` (None: unassigned,
    anyone may close them)."""
    return session.execute(
        f"UPDATE follow_ups SET assignee_id = :to_id"
        f" WHERE customer_id = :customer AND assignee_id = :from_id AND {OPEN_TASK}",
        {"customer": customer_id, "from_id": from_id, "to_id": to_id},
    ).rowcount


def move_open_deals(session: Session, from_id: int, to_id: int, *, at: datetime) -> int:
    """Every open deal `from_id` owns, whoever owns its customer, goes to `to_id`."""
    return session.execute(
        "UPDATE deals SET owner_id = :to_id, updated_at = :at WHERE owner_id = :from_id AND status = :open",
        {"from_id": from_id, "to_id": to_id, "at": at, "open": "open"},
    ).rowcount


def hand_over(session: Session, from_id: int, to_id: int, *, at: datetime, by_id: int) -> Moved:
    """A whole book from one user to another: every customer `from_id` owns (archived ones
    too, one `handover` event each), their open deals and their open tasks. Used by
    `handover` and by `user deactivate --handover-to`."""
    customers = move_all(session, from_id, to_id, kind="handover", at=at, by_id=by_id)
    deals = move_open_deals(session, from_id, to_id, at=at)
    tasks = reassign_open_tasks(session, from_id, to_id)
    return Moved(customers, deals, tasks)


def book(session: Session, user_id: int) -> list[Any]:
    """(id, name, archived) of every customer the user owns, archived ones too; by name."""
    return session.execute(
        "SELECT id, name, archived FROM customers WHERE owner_id = :id ORDER BY name, id", {"id": user_id},
    ).all()


def open_deal_count(session: Session, user_id: int) -> int:
    return session.execute(
        "SELECT count(*) FROM deals WHERE owner_id = :id AND status = :open", {"id": user_id, "open": "open"},
    ).scalar()
