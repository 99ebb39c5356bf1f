"""The morning agenda and forgotten customers (SPEC §Agenda and forgotten customers).

Each agenda section is a provider registered under its key in `domain.agenda.SECTIONS`,
together with the columns its items are shown in; `build_agenda` asks every registered
provider in SPEC order, and the CLI (and later the TUI) render any section from its
columns. So a feature that adds a section (pool warnings, payments, deals) writes one
provider with `@section("key", columns=...)` in its service module, imported at the end
of this one, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from salescli.core.config import forgotten_days
from salescli.core.errors import BadInputError
from salescli.core.i18n import N_, _
from salescli.domain.agenda import SECTIONS, birthday_window, days_overdue, forgotten_cutoffs
from salescli.present.columns import Column
from salescli.services.context import Context
from salescli.services.follow_ups import query_open_tasks
from salescli.store.engine import Session
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as customer_queries


@dataclass(frozen=True)
class AgendaQuery:
    ctx: Context
    day: date
    at: datetime  # the instant the agenda is computed for


Provider = Callable[[Session, AgendaQuery], list[dict[str, Any]]]
_PROVIDERS: dict[str, tuple[Provider, tuple[Column, ...]]] = {}

# The agenda is read at a glance: "3 days overdue" says enough; `tasks` adds the day.
AGENDA_TASK_COLUMNS = (
    Column(N_("Task"), "id", "id"),
    Column(N_("When"), "due_on", "due"),
    Column(N_("Customer"), "customer"),
    Column(N_("Action"), "action"),
    Column(N_("Contact"), "contact"),
)
TASK_COLUMNS = AGENDA_TASK_COLUMNS[:1] + (Column(N_("Due"), "due_on", "day"),) + AGENDA_TASK_COLUMNS[1:]


def section(key: str, *, columns: tuple[Column, ...]) -> Callable[[Provider], Provider]:
    if key not in SECTIONS:
        raise KeyError(f"unknown agenda section {key!r}; add it to domain.agenda.SECTIONS")

    def register(provider: Provider) -> Provider:
        _PROVIDERS[key] = (provider, columns)
        return provider

    return register


def section_columns(key: str) -> tuple[Column, ...]:
    return _PROVIDERS[key][1]


@section("overdue_tasks", columns=AGENDA_TASK_COLUMNS)
def _overdue(session: Session, q: AgendaQuery) -> list[dict[str, Any]]:
    return query_open_tasks(session, q.ctx, before=q.day)


@section("due_today", columns=AGENDA_TASK_COLUMNS)
def _due_today(session: Session, q: AgendaQuery) -> list[dict[str, Any]]:
    return query_open_tasks(session, q.ctx, on=q.day)


@section(
    "birthdays",
    columns=(
        Column(N_("Contact"), "contact"),
        Column(N_("Customer"), "customer"),
        Column(N_("Birthday"), "on", "day"),
        Column(N_("When"), "days_until", "until"),
        Column(N_("Turns"), "turns"),
    ),
)
def _birthdays(session: Session, q: AgendaQuery) -> list[dict[str, Any]]:
    window = birthday_window(q.day)
    day_of = {}
    for md, day in window:
        day_of.setdefault(md, day)
    rows = contact_queries.birthdays(session, q.ctx.user_id, list(day_of))
    items = []
    for contact, customer_name in rows:
        on = day_of[contact.birthday_md]
        items.append({
            "contact_id": contact.id, "contact": contact.name, "customer_id": contact.customer_id,
            "customer": customer_name, "on": on, "days_until": (on - q.day).days,
            "turns": on.year - contact.birthday_year if contact.birthday_year else None,
        })
    return sorted(items, key=lambda i: (i["on"], i["contact"]))


FORGOTTEN_COLUMNS = (
    Column(N_("ID"), "customer_id", "id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Grade"), "grade"),
    Column(N_("City"), "city"),
    Column(N_("Last contact"), "last_contact_at", "ago"),
    Column(N_("Overdue by"), "days_overdue", "days"),
)


@section("forgotten", columns=FORGOTTEN_COLUMNS)
def _forgotten(session: Session, q: AgendaQuery) -> list[dict[str, Any]]:
    return forgotten_customers(session, q.ctx, at=q.at)


def thresholds(ctx: Context, days: int | None = None) -> dict[str, int]:
    if days is not None:
        if days < 1:
            raise BadInputError(_("--days must be at least 1."))
        return {"A": days, "B": days, "C": days}
    return forgotten_days(ctx.config)


def forgotten_customers(
    session: Session, ctx: Context, *, at: datetime, days: int | None = None
) -> list[dict[str, Any]]:
    """Owned customers untouched for longer than their grade allows, most overdue first.

    The filter runs in SQL on the (owner, archived, last_contact) index; only the rep's
    forgotten customers come back to be ordered.
    """
    limits = thresholds(ctx, days)
    cutoffs = forgotten_cutoffs(at, limits)
    rows = customer_queries.forgotten(session, ctx.user_id, cutoffs)
    items = []
    for cid, name, grade, city, last_contact, created in rows:
        since = last_contact or created
        threshold = limits.get(grade, limits["C"])
        items.append({
            "customer_id": cid, "customer": name, "grade": grade, "city": city,
            "last_contact_at": last_contact, "days_since": (at - since).days,
            "threshold_days": threshold, "days_overdue": days_overdue(since, threshold, at),
        })
    return sorted(items, key=lambda i: (-i["days_overdue"], i["customer_id"]))


def agenda_instant(ctx: Context, day: date) -> datetime:
    """The instant an agenda for `day` is computed at (and its phrases counted from):
    now for today, the day's last minute for any other day."""
    return ctx.now if day == ctx.now.date() else datetime.combine(day, time(23, 59)).astimezone()


def build_agenda(ctx: Context, day: date | None = None) -> dict[str, Any]:
    day = day or ctx.now.date()
    if not 1900 <= day.year <= 2199:
        raise BadInputError(_("The agenda date must be between 1900 and 2199, not {day}.").format(day=day))
    query = AgendaQuery(ctx=ctx, day=day, at=agenda_instant(ctx, day))
    sections = []
    with ctx.store.session() as session:
        for key in SECTIONS:
            if key in _PROVIDERS:
                sections.append({"key": key, "items": _PROVIDERS[key][0](session, query)})
    return {"date": day, "user": ctx.handle, "sections": sections}


def forgotten(ctx: Context, days: int | None = None) -> list[dict[str, Any]]:
    with ctx.store.session() as session:
        return forgotten_customers(session, ctx, at=ctx.now, days=days)
