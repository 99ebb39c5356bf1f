"""A customer's whole story: `customer history` and the pool block of its card
(docs/ownership.md "Where the history is shown").

Both read what is kept per customer (ownership events, follow-ups) with the indexed
per-customer queries and merge in Python: a customer has a few dozen rows, not thousands.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from salescli.services.context import Context
from salescli.services.lookup import resolve_customer
from salescli.services.pool import days_in_pool, ensure_recycled
from salescli.services.records import Record, record
from salescli.store.engine import Session
from salescli.store.queries import follow_ups as follow_up_queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import users as user_queries

LEAVING_KINDS = ("release", "recycle")  # the ways an owned customer returns to the pool


@record
class OwnershipEntry(Record):
    """A change of owner; `from_user`/`to_user` None mean nobody or the pool."""

    id: int
    at: datetime
    kind: str
    from_user: str | None
    to_user: str | None
    by_user: str | None
    reason: str | None

    type = "ownership"

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "at": self.at, "kind": self.kind, "from": self.from_user,
                "to": self.to_user, "by": self.by_user, "reason": self.reason}


@record
class FollowUpEntry(Record):
    id: int
    at: datetime
    kind: str
    author: str | None
    contact: str | None
    summary: str
    next_action: str | None
    due_on: date | None

    type = "follow_up"

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "at": self.at, "kind": self.kind, "author": self.author,
                "contact": self.contact, "summary": self.summary, "next_action": self.next_action,
                "due_on": self.due_on}


@record
class CustomerHistory(Record):
    id: int
    name: str
    owner: str | None
    entries: list[OwnershipEntry | FollowUpEntry]


@record
class PoolStanding(Record):
    """Where a pool customer stands: since when it is in the pool, who had it last, how
    and why it left (`left` is the event's kind, `reason` as stored: free text for a
    release, `rule:days` for a recycle), and how many follow-ups it had by then."""

    since: datetime | None
    days: int
    last_owner: str | None
    left: str | None
    reason: str | None
    follow_ups: int


def _order(entry: OwnershipEntry | FollowUpEntry) -> tuple[Any, ...]:
    # Oldest first, then by id. At one instant (a fixed clock, one transaction) the
    # creation comes first: nothing can happen to a customer before it exists.
    created = isinstance(entry, OwnershipEntry) and entry.kind == "create"
    return entry.at, not created, entry.id, entry.type


def merge(events: Sequence[Any], follow_ups: Sequence[Any]) -> list[OwnershipEntry | FollowUpEntry]:
    """Event rows (store/queries/ownership.py `history`) and follow-up rows
    (store/queries/follow_ups.py `timeline`) as one list, oldest first."""
    entries: list[OwnershipEntry | FollowUpEntry] = [
        OwnershipEntry(e.id, e.at, e.kind, e.from_handle, e.to_handle, e.by_handle, e.reason) for e in events
    ]
    entries += [
        FollowUpEntry(f.id, f.happened_at, f.kind, f.author_handle, f.contact_name, f.summary, f.next_action,
                      f.due_on)
        for f in follow_ups
    ]
    return sorted(entries, key=_order)


def customer_history(ctx: Context, ref: str) -> CustomerHistory:
    """Ownership events and follow-ups of one customer, interleaved, oldest first."""
    ensure_recycled(ctx)  # a recycle that is due belongs in the history it shows
    with ctx.session() as session:
        customer = resolve_customer(session, ref)
        entries = merge(ownership_queries.history(session, customer.id),
                        follow_up_queries.timeline(session, customer.id))
        owner = user_queries.handle_of(session, customer.owner_id)
    return CustomerHistory(customer.id, customer.name, owner, entries)


def pool_standing(session: Session, customer: Any, happened: Sequence[datetime], now: datetime) -> PoolStanding | None:
    """None for an owned customer. Otherwise it has been in the pool since the last event
    that left it without an owner, or, without one, since it was created (imported
    straight into the pool); `happened` are the instants of its follow-ups, of which
    those up to that moment count as the ones it had before."""
    if customer.owner_id is not None:
        return None
    departure = ownership_queries.last_departure(session, customer.id)
    since = departure.at if departure is not None else customer.created_at
    days = days_in_pool(since, now) if since is not None else 0
    before = sum(1 for at in happened if since is None or at <= since)
    if departure is None:
        return PoolStanding(since, days, None, None, None, before)
    # A customer created in the pool (an import) has no owner who left it, but may have a reason.
    left = departure.kind if departure.kind in LEAVING_KINDS else None
    return PoolStanding(since, days, departure.from_handle, left, departure.reason, before)
