"""Logging follow-ups, and the open tasks they leave (docs/agenda.md).

A follow-up with a next date is an open task until a later follow-up on the same
customer (`domain.tasks.closes`) or `done` closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from salescli.core.clock import parse_when, to_local
from salescli.core.errors import BadInputError, NotFoundError, RefusedError
from salescli.domain.codes import DEFAULT_KIND, KINDS
from salescli.services.access import require_owner
from salescli.services.context import Context
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_contact, resolve_customer, resolve_user
from salescli.services.pool import recycle_now
from salescli.services.records import Record, record
from salescli.store.engine import Session
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import follow_ups as queries


@record
class FollowUpView(Record):
    id: int
    customer_id: int
    happened_at: datetime
    kind: str
    summary: str
    author: str | None
    contact: str | None
    location: str | None
    next_action: str | None
    due_on: date | None
    due_at: datetime | None
    closed_at: datetime | None
    closed_note: str | None


@dataclass
class LogInput:
    """A follow-up as a rep describes it. `at` and `due` take a datetime/date or the date
    words a rep types (`-2d`, `fri`, `明天`), read against the operation's clock."""

    customer: str
    summary: str
    kind: str = DEFAULT_KIND
    contact: str | None = None
    at: datetime | str | None = None
    location: str | None = None
    due: date | str | None = None
    next_action: str | None = None
    keep_open: bool = False


@record
class CustomerRef(Record):
    id: int
    name: str


@record
class LogResult(Record):
    follow_up: FollowUpView
    customer: CustomerRef
    closed_tasks: list[int]

    def to_json(self) -> dict[str, Any]:
        return self.follow_up.to_json() | {"customer": self.customer.name, "closed_tasks": list(self.closed_tasks)}


@record
class TaskView(Record):
    id: int
    customer_id: int
    customer: str
    due_on: date
    due_at: datetime | None
    action: str
    from_summary: str
    kind: str
    contact: str | None
    assignee: str | None
    created_at: datetime


@record
class DoneTask(TaskView):
    closed_at: datetime
    closed_note: str | None
    follow_up_id: int  # the follow-up `done` recorded: doing the task was a contact


def follow_up_view(f: Any, author: str | None, contact: str | None) -> FollowUpView:
    return FollowUpView(f.id, f.customer_id, f.happened_at, f.kind, f.summary, author, contact, f.location,
                        f.next_action, f.due_on, f.due_at, f.closed_at, f.closed_note)


def parse_kind(raw: str | None) -> str:
    kind = (raw or DEFAULT_KIND).strip().lower()
    if kind not in KINDS:
        raise BadInputError("follow_up.bad_kind", value=raw, allowed=KINDS)
    return kind


def _instant(value: datetime | str | None, now: datetime) -> datetime:
    if value is None:
        return now
    if isinstance(value, datetime):
        return value
    return parse_when(value, base=now).as_datetime(now)


def read_due(value: date | str | None, now: datetime) -> tuple[date | None, datetime | None]:
    """The task's day and, when a time of day was typed (`fri 14:30`), its instant."""
    if value is None or isinstance(value, date):
        return value, None
    when = parse_when(value, base=now)
    return when.day, (when.as_datetime(now) if when.at is not None else None)


def log_follow_up(ctx: Context, data: LogInput) -> LogResult:
    summary = clean_text(data.summary, "summary")
    if not summary:
        raise BadInputError("follow_up.summary_empty")
    kind = parse_kind(data.kind)
    now = ctx.now()
    happened_at = _instant(data.at, now)
    due_on, due_at = read_due(data.due, now)
    if happened_at > now:
        raise BadInputError("follow_up.in_future", at=happened_at)
    next_action = clean_text(data.next_action, "next_action")
    if next_action and due_on is None:
        raise BadInputError("follow_up.action_needs_date")
    if due_on is not None and due_on < to_local(happened_at).date():
        raise BadInputError("follow_up.next_before", due_on=due_on, at=happened_at)
    location = clean_text(data.location, "location")
    with ctx.session(write=True) as session:
        recycle_now(session, ctx.now())  # a customer already due is lost before the log, not saved by it
        customer = resolve_customer(session, data.customer)
        if customer.archived:
            raise RefusedError("customer.archived", id=customer.id, name=customer.name)
        who = require_owner(session, ctx, customer.owner_id, action="log", record="customer",
                            record_id=customer.id, record_name=customer.name)
        contact = resolve_contact(session, customer, data.contact) if data.contact else None
        follow_up_id = queries.create(
            session, customer_id=customer.id, contact_id=contact.id if contact else None,
            author_id=who.id, assignee_id=who.id if due_on else None,
            happened_at=happened_at, kind=kind, summary=summary, location=location, next_action=next_action,
            due_on=due_on, due_at=due_at, created_at=now,
        )
        closed: list[int] = []
        if not data.keep_open:
            closed = queries.open_task_ids(session, customer.id, up_to=happened_at, exclude_id=follow_up_id)
            if closed:
                queries.close_tasks(session, closed, at=now, by_id=who.id, follow_up_id=follow_up_id)
        customer_queries.touch_last_contact(session, customer.id, happened_at)
        follow_up = queries.get(session, follow_up_id)
        view = follow_up_view(follow_up, ctx.handle, contact.name if contact else None)
        return LogResult(follow_up=view, customer=CustomerRef(customer.id, customer.name), closed_tasks=sorted(closed))


def open_tasks(
    ctx: Context, *, overdue: bool = False, user: str | None = None, everyone: bool = False,
) -> list[TaskView]:
    """Open tasks, soonest first: the acting rep's, another rep's, or everyone's;
    `overdue` keeps those whose day has passed."""
    now = ctx.now()
    with ctx.session() as session:
        return query_open_tasks(session, ctx, before=now.date() if overdue else None, user=user, everyone=everyone)


def query_open_tasks(
    session: Session, ctx: Context, *, before: date | None = None, on: date | None = None,
    user: str | None = None, everyone: bool = False,
) -> list[TaskView]:
    assignee_id = None if everyone else resolve_user(session, user).id if user else ctx.user_id
    return [task_view(row) for row in queries.open_tasks(session, assignee_id=assignee_id, before=before, on=on)]


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def task_order(task: Any) -> tuple[Any, ...]:
    """Soonest first; within a day timed tasks by time, then untimed (as the SQL orders)."""
    return task.due_on, task.due_at is None, task.due_at or _EARLIEST, task.id


def task_view(f: Any) -> TaskView:
    """A task from a follow-up row with its names (store/queries/follow_ups.py `task()`)."""
    return TaskView(f.id, f.customer_id, f.customer_name, f.due_on, f.due_at, f.next_action or f.summary, f.summary,
                    f.kind, f.contact_name, f.assignee_handle, f.created_at)


def complete_task(ctx: Context, task_id: int, note: str | None = None, kind: str | None = None) -> DoneTask:
    """Close an open task; the assignee's own, or any with a manager's role.

    Doing a task is a contact with the customer, so `done` also records a follow-up
    (`kind`, about the note or else the task's action): it shows in the timeline, and
    the customer's last contact moves, so it leaves the forgotten list (docs/agenda.md)."""
    note = clean_text(note, "done_note")
    kind = parse_kind(kind)
    now = ctx.now()
    with ctx.session(write=True) as session:
        task = queries.task(session, task_id)
        if task is None or task.due_on is None:
            raise NotFoundError("task.not_found", id=task_id)
        if task.closed_at is not None:
            raise RefusedError("task.already_done", id=task_id)
        who = require_owner(session, ctx, task.assignee_id, action="close", record="task", record_id=task.id,
                            record_name=task.customer_name)
        follow_up_id = queries.create(
            session, customer_id=task.customer_id, contact_id=task.contact_id, author_id=who.id, assignee_id=None,
            happened_at=now, kind=kind, summary=note or task.next_action or task.summary, location=None,
            next_action=None, due_on=None, due_at=None, created_at=now,
        )
        if not queries.close_tasks(session, [task.id], at=now, by_id=who.id, follow_up_id=follow_up_id, note=note):
            raise RefusedError("task.already_done", id=task_id)  # closed by someone else a moment ago
        customer_queries.touch_last_contact(session, task.customer_id, now)
        task = queries.task(session, task_id)
        return DoneTask(*(getattr(task_view(task), name) for name in TaskView.__dataclass_fields__), task.closed_at,
                        task.closed_note, follow_up_id)
