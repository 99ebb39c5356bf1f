"""`customer merge KEEP OTHER`: two records of one company become one (docs/merge.md).

Everything of OTHER moves to KEEP in one transaction, by set-based UPDATEs: contacts,
follow-ups (open tasks with them), deals (their stage changes and payments follow by
deal), ownership events, linked leads; KEEP gains OTHER's tags and fills its empty fields
from OTHER's (notes are appended, not lost). Both get an ownership event `merge`, and
OTHER is archived with `merged_into_id`, never deleted, so `customer show OTHER` says
where it went and its history can still be read.
"""

from __future__ import annotations

from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.domain.users import allowed_roles, may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.lookup import resolve_customer
from salescli.services.records import Record, record
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import merge as queries
from salescli.store.queries import ownership as ownership_queries
from salescli.store.queries import users as user_queries

# KEEP's fields an empty value of which OTHER's fills; a key column comes with its field.
FILLED = ("industry", "size", "city", "address", "source", "phone", "email")
KEYS_OF = {"phone": "phone_key", "email": "email_key"}


@record
class MergeResult(Record):
    """What a merge moved, counted before it ran (`moved`), and the kept customer."""

    id: int
    name: str
    other_id: int
    other_name: str
    moved: dict[str, int]
    filled: list[str]


def merge_preview(ctx: Context, keep_ref: str, other_ref: str) -> MergeResult:
    """What `merge_customers` would move, with the same refusals, changing nothing: what
    the command shows before asking to go on."""
    with ctx.session() as session:
        keep, other = _pair(session, ctx, keep_ref, other_ref)
        moved = queries.counts(session, other.id)
    return MergeResult(keep.id, keep.name, other.id, other.name, moved, [])


def _pair(session: Session, ctx: Context, keep_ref: str, other_ref: str) -> tuple[Any, Any]:
    keep = resolve_customer(session, keep_ref)
    other = resolve_customer(session, other_ref)
    if keep.id == other.id:
        raise BadInputError("merge.same_customer", id=keep.id, name=keep.name)
    for which, customer in (("keep", keep), ("other", other)):
        if customer.archived:
            raise RefusedError("merge.archived", which=which, id=customer.id, name=customer.name)
    _check_access(session, ctx, keep, other)
    return keep, other


def merge_customers(ctx: Context, keep_ref: str, other_ref: str) -> MergeResult:
    """Move everything of OTHER to KEEP and archive OTHER, in one transaction under the
    name locks of both (two merges of one pair at once: the second finds OTHER archived)."""
    now = ctx.now()
    with ctx.session(write=True) as session:
        keep, other = _pair(session, ctx, keep_ref, other_ref)
        locks.hold(session, locks.name_key(keep.name_key), locks.name_key(other.name_key))
        # Read again under the locks: a merge running at the same moment may have archived one.
        keep, other = _pair(session, ctx, f"#{keep.id}", f"#{other.id}")
        moved = queries.counts(session, other.id)
        filled = _fill(session, keep, other, now)
        queries.move_rows(session, keep.id, other.id, keep_primary=queries.has_primary_contact(session, keep.id))
        queries.union_tags(session, keep.id, other.id)
        me = ctx.user_id
        ownership_queries.record_event(
            session, customer_id=keep.id, kind="merge", at=now, from_user_id=other.owner_id,
            to_user_id=keep.owner_id, by_user_id=me, reason=f"merged #{other.id} {other.name}",
        )
        ownership_queries.record_event(
            session, customer_id=other.id, kind="merge", at=now, from_user_id=other.owner_id,
            to_user_id=keep.owner_id, by_user_id=me, reason=f"merged into #{keep.id} {keep.name}",
        )
        queries.archive_merged(session, other.id, keep.id, now)
    return MergeResult(keep.id, keep.name, other.id, other.name, moved, filled)


def _check_access(session: Session, ctx: Context, keep: Any, other: Any) -> None:
    """A manager or admin merges any two; a rep merges into a customer they own one they
    own or one from the pool (docs/merge.md)."""
    who = actor(session, ctx)
    if may(who.role, "act_for_others", active_users=who.active_users):
        return
    for customer, allowed in ((keep, keep.owner_id == who.id), (other, other.owner_id in (None, who.id))):
        if not allowed:
            raise RefusedError(
                "merge.not_owner", id=customer.id, name=customer.name,
                owner=user_queries.handle_of(session, customer.owner_id),
                ask=user_queries.with_roles(session, allowed_roles("act_for_others")),
            )


def _fill(session: Session, keep: Any, other: Any, now: Any) -> list[str]:
    """KEEP's empty fields take OTHER's values; OTHER's notes are appended under a line
    naming where they came from; the later last contact wins. The names filled."""
    changes: dict[str, Any] = {}
    for name in FILLED:
        if not getattr(keep, name) and getattr(other, name):
            changes[name] = getattr(other, name)
            if name in KEYS_OF:
                changes[KEYS_OF[name]] = getattr(other, KEYS_OF[name])
    if other.notes:
        changes["notes"] = (keep.notes + "\n\n" if keep.notes else "") + f"[#{other.id} {other.name}]\n{other.notes}"
    if other.last_contact_at and (keep.last_contact_at is None or other.last_contact_at > keep.last_contact_at):
        changes["last_contact_at"] = other.last_contact_at
    filled = [name for name in (*FILLED, "notes") if name in changes]
    if changes:
        customer_queries.change(session, keep.id, changes | {"updated_at": now})
    return filled


def merged_into(session: Session, customer_id: int) -> dict[str, Any] | None:
    """{id, name} of the customer a merged one went into (for `customer show`), or None."""
    found = queries.merged_into(session, customer_id)
    return {"id": found.id, "name": found.name} if found else None
