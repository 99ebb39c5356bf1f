"""Logging follow-ups, and the open tasks they leave (SPEC §Data model, Follow-up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from salescli.core.errors import BadInputError, NotFoundError, RefusedError
from salescli.core.i18n import _
from salescli.domain.codes import KINDS
from salescli.services.context import Context
from salescli.services.customers import follow_up_view
from salescli.services.lookup import resolve_contact, resolve_customer, resolve_user
from salescli.store.engine import Session
from salescli.store.models import Contact, Customer, FollowUp, User
from salescli.store.queries import follow_ups as queries


@dataclass
class LogInput:
    customer: str
    summary: str
    kind: str = "call"
    contact: str | None = None
    at: datetime | None = None
    location: str | None = None
    due_on: date | None = None
    next_action: str | None = None
    keep_open: bool = False


@dataclass
class LogResult:
    follow_up: dict[str, Any]
    customer: dict[str, Any]
    closed_tasks: list[int]


def log_follow_up(ctx: Context, data: LogInput) -> LogResult:
    summary = (data.summary or "").strip()
    if not summary:
        raise BadInputError(_("The summary cannot be empty: say what happened."))
    if data.kind not in KINDS:
        raise BadInputError(
            _("Kind must be one of {allowed}, not {value!r}.").format(allowed=", ".join(KINDS), value=data.kind)
        )
    happened_at = data.at or ctx.now
    if happened_at > ctx.now:
        raise BadInputError(_("--at is in the future; log what already happened (use --next for plans)."))
    next_action = (data.next_action or "").strip() or None
    if next_action and data.due_on is None:
        raise BadInputError(_("--next-action needs a date: add --next WHEN."))
    if data.due_on is not None and data.due_on < happened_at.astimezone().date():
        raise BadInputError(_("--next is before the follow-up itself; give a later date."))
    with ctx.store.session(write=True) as session:
        customer = resolve_customer(session, data.customer)
        if customer.archived:
            raise RefusedError(
                _("Customer #{id} {name} is archived; restore it first.").format(id=customer.id, name=customer.name)
            )
        contact = resolve_contact(session, customer, data.contact) if data.contact else None
        follow_up = FollowUp(
            customer_id=customer.id, contact_id=contact.id if contact else None,
            author_id=ctx.user_id, assignee_id=ctx.user_id if data.due_on else None,
            happened_at=happened_at, kind=data.kind, summary=summary,
            location=(data.location or "").strip() or None, next_action=next_action,
            due_on=data.due_on, created_at=ctx.now,
        )
        session.add(follow_up)
        session.flush()
        closed: list[int] = []
        if not data.keep_open:
            closed = queries.open_task_ids(session, customer.id, up_to=happened_at, exclude_id=follow_up.id)
            if closed:
                queries.close_tasks(session, closed, at=ctx.now, by_id=ctx.user_id, follow_up_id=follow_up.id)
        if customer.last_contact_at is None or happened_at > customer.last_contact_at:
            customer.last_contact_at = happened_at
        session.flush()
        view = follow_up_view(follow_up, ctx.handle, contact.name if contact else None)
        return LogResult(
            follow_up=view, customer={"id": customer.id, "name": customer.name}, closed_tasks=sorted(closed)
        )


def open_tasks(
    ctx: Context, *, before: date | None = None, on: date | None = None, user: str | None = None,
    everyone: bool = False,
) -> list[dict[str, Any]]:
    """Open tasks, soonest first; `before` (overdue as of a day) and `on` narrow the dates."""
    with ctx.store.session() as session:
        return query_open_tasks(session, ctx, before=before, on=on, user=user, everyone=everyone)


def query_open_tasks(
    session: Session, ctx: Context, *, before: date | None = None, on: date | None = None,
    user: str | None = None, everyone: bool = False,
) -> list[dict[str, Any]]:
    assignee_id = None if everyone else resolve_user(session, user).id if user else ctx.user_id
    rows = queries.open_tasks(session, assignee_id=assignee_id, before=before, on=on)
    return [task_view(f, customer_name, contact_name, handle) for f, customer_name, contact_name, handle in rows]


def task_view(f: FollowUp, customer_name: str, contact_name: str | None, assignee: str | None) -> dict[str, Any]:
    return {
        "id": f.id, "customer_id": f.customer_id, "customer": customer_name, "due_on": f.due_on,
        "action": f.next_action or f.summary, "from_summary": f.summary, "kind": f.kind,
        "contact": contact_name, "assignee": assignee, "created_at": f.happened_at,
    }


def complete_task(ctx: Context, task_id: int, note: str | None) -> dict[str, Any]:
    with ctx.store.session(write=True) as session:
        task = session.get(FollowUp, task_id)
        if task is None or task.due_on is None:
            raise NotFoundError(_("There is no open task #{id} (see: salescli tasks).").format(id=task_id))
        if task.closed_at is not None:
            raise RefusedError(_("Task #{id} is already done.").format(id=task_id))
        task.closed_at = ctx.now
        task.closed_by_id = ctx.user_id
        task.closed_note = (note or "").strip() or None
        session.flush()
        customer = session.get(Customer, task.customer_id)
        contact = session.get(Contact, task.contact_id) if task.contact_id else None
        assignee = session.get(User, task.assignee_id) if task.assignee_id else None
        view = task_view(task, customer.name, contact.name if contact else None, assignee.handle if assignee else None)
        return view | {"closed_at": task.closed_at, "closed_note": task.closed_note}

