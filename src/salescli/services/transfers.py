"""A manager moving customers between reps: assign, transfer, handover (docs/ownership.md).

`assign` gives a pool customer to a rep, `transfer` moves an owned one (with its open deals
and open tasks that were the old owner's) to another rep; both are held to the
recipient's ownership cap. `handover` moves a whole book, set-based, and is not held to
the cap: it is a manager's decision about a rep who leaves or changes territory.

Each runs in one write transaction. The locks of the owners involved are taken in one
`hold()` call before anything they guard is read (store/locks.py), and the change of
owner is conditional on the owner read, so two managers moving the same customer at the
same moment cannot both succeed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.domain.users import normalize_handle
from salescli.services.access import require
from salescli.services.context import Context
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_customer, resolve_user
from salescli.services.ownership import check_cap
from salescli.services.pool import recycle_now
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import transfers as queries
from salescli.store.queries import users as user_queries


@record
class Transferred(Record):
    """One customer that changed hands by `assign` or `transfer`."""

    id: int
    name: str
    kind: str  # assign | transfer
    from_user: str | None
    to_user: str
    by_user: str
    at: datetime
    reason: str | None
    deals_moved: int
    tasks_moved: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "from": self.from_user, "to": self.to_user,
                "by": self.by_user, "at": self.at, "reason": self.reason, "deals_moved": self.deals_moved,
                "tasks_moved": self.tasks_moved}


@record
class BookItem(Record):
    id: int
    name: str
    archived: bool


@record
class Handover(Record):
    """What a handover moved (or, with `dry_run`, would move)."""

    from_user: str
    to_user: str
    by_user: str
    at: datetime
    dry_run: bool
    customers: list[BookItem]
    customers_moved: int
    deals_moved: int
    tasks_moved: int

    @property
    def nothing(self) -> bool:
        return not (self.customers_moved or self.deals_moved or self.tasks_moved)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_user, "to": self.to_user, "by": self.by_user, "at": self.at,
                "dry_run": self.dry_run, "customers_moved": self.customers_moved, "deals_moved": self.deals_moved,
                "tasks_moved": self.tasks_moved, "customers": [c.to_json() for c in self.customers]}


def clean_reason(value: str | None) -> str | None:
    """A typed reason, checked like every free-text field (docs/text.md)."""
    return clean_text(value, "ownership_reason")


def assign_customer(ctx: Context, ref: str, to: str, *, reason: str | None = None) -> Transferred:
    """A pool customer to a rep (manager or admin)."""
    return _move(ctx, ref, to, clean_reason(reason), kind="assign")


def transfer_customer(ctx: Context, ref: str, to: str, *, reason: str | None = None) -> Transferred:
    """An owned customer, with the old owner's open deals and tasks on it, to another rep."""
    return _move(ctx, ref, to, clean_reason(reason), kind="transfer")


def _move(ctx: Context, ref: str, to: str, reason: str | None, *, kind: str) -> Transferred:
    now = ctx.now()
    with ctx.session(write=True) as session:
        rules = team_rules(session)
        who = require(session, ctx, "move_customers", action=f"{kind}_customer")
        found = resolve_customer(session, ref)
        target = resolve_user(session, to)
        locks.hold(session, locks.owner(found.owner_id) if found.owner_id is not None else None,
                   locks.owner(target.id))
        # Recycling after the owner locks, as a claim does: the other order deadlocks with a
        # claim on PostgreSQL (each would hold what the other waits for; docs/concurrency.md).
        recycle_now(session, now, rules)
        customer = customer_queries.get(session, found.id)  # as it is now that the owners are held
        owner_id = customer.owner_id
        _check(session, customer, target, kind)
        check_cap(session, target.id, rules, taking=kind, acting_id=who.id)
        if not ownership_queries.set_owner(session, customer.id, target.id, at=now, only_from=owner_id):
            raise RefusedError("ownership.changed", id=customer.id, name=customer.name)
        ownership_queries.record_event(
            session, customer_id=customer.id, kind=kind, at=now, from_user_id=owner_id, to_user_id=target.id,
            by_user_id=who.id, reason=reason,
        )
        deals = tasks = 0
        if owner_id is not None:
            deals = queries.move_customer_deals(session, customer.id, owner_id, target.id, at=now)
            tasks = queries.move_customer_tasks(session, customer.id, owner_id, target.id)
        return Transferred(customer.id, customer.name, kind, user_queries.handle_of(session, owner_id),
                           target.handle, who.handle, now, reason, deals, tasks)


def _check(session: Session, customer: Any, target: Any, kind: str) -> None:
    """The refusals of assign and transfer, most specific first."""
    if customer.archived:
        raise RefusedError("customer.archived", id=customer.id, name=customer.name)
    if not target.active:
        raise RefusedError("transfer.target_inactive", handle=target.handle)
    if customer.owner_id == target.id:
        raise RefusedError("transfer.same_owner", id=customer.id, name=customer.name, handle=target.handle)
    if kind == "assign" and customer.owner_id is not None:
        raise RefusedError("transfer.use_transfer", id=customer.id, name=customer.name, to=target.handle,
                           owner=user_queries.handle_of(session, customer.owner_id))
    if kind == "transfer" and customer.owner_id is None:
        raise RefusedError("transfer.use_assign", id=customer.id, name=customer.name, to=target.handle)


def handover(ctx: Context, from_handle: str, to_handle: str, *, dry_run: bool = False) -> Handover:
    """Every customer `from_handle` owns (archived ones too), their open deals and their
    open tasks, to `to_handle`; with `dry_run` only what would move, nothing written."""
    if normalize_handle(from_handle or "") == normalize_handle(to_handle or ""):
        raise BadInputError("user.handover_to_self", handle=normalize_handle(from_handle or ""))
    now = ctx.now()
    with ctx.session(write=not dry_run) as session:
        who = require(session, ctx, "move_customers", action="handover")
        giver = resolve_user(session, from_handle)
        heir = resolve_user(session, to_handle)
        if not heir.active:
            raise RefusedError("transfer.target_inactive", handle=heir.handle)
        if not dry_run:
            locks.hold(session, locks.owner(giver.id), locks.owner(heir.id))
            recycle_now(session, now)  # after the owner locks, as in _move
        book = [BookItem(row.id, row.name, bool(row.archived)) for row in queries.book(session, giver.id)]
        deals = queries.open_deal_count(session, giver.id)
        tasks = user_queries.open_task_count(session, giver.id)
        if not dry_run and (book or deals or tasks):
            moved = queries.hand_over(session, giver.id, heir.id, at=now, by_id=who.id)
            deals, tasks = moved.deals, moved.tasks
        return Handover(giver.handle, heir.handle, who.handle, now, dry_run, book, len(book), deals, tasks)
