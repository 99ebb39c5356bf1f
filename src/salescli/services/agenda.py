"""The morning agenda and forgotten customers (docs/agenda.md).

Each agenda section is a provider registered under its key in `domain.agenda.SECTIONS`;
`build_agenda` asks every registered provider in that order. A feature that adds a
section (pool warnings, payments, deals) writes one provider with `@section("key")` and
imports its module at the end of this one; each interface then says how the section's
items are drawn (present/agenda.py for the columns the CLI and the dashboard share).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from salescli.core.clock import localize, parse_when, start_of_day, to_local
from salescli.core.errors import BadInputError
from salescli.domain.agenda import SECTIONS, birthday_window, days_overdue, forgotten_cutoffs
from salescli.services.context import Context
from salescli.services.follow_ups import query_open_tasks
from salescli.services.pool import ensure_recycled
from salescli.services.records import Record, record
from salescli.services.settings import TeamRules, team_rules
from salescli.store.engine import Session
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as customer_queries

AGENDA_YEARS = (1900, 2199)


@dataclass(slots=True, eq=False)
class AgendaQuery:
    ctx: Context
    day: date
    at: datetime  # the instant the agenda is computed for
    rules: TeamRules  # read once per agenda, in its transaction

    @property
    def forgotten_days(self) -> dict[str, int]:
        return self.rules.forgotten_days()


@record
class AgendaSection(Record):
    key: str
    items: list[Any]


@record
class Agenda(Record):
    date: date
    user: str
    at: datetime  # what phrases such as "3 days overdue" count from
    sections: list[AgendaSection]


@record
class BirthdayItem(Record):
    contact_id: int
    contact: str
    customer_id: int
    customer: str
    on: date
    days_until: int
    turns: int | None


@record
class ForgottenItem(Record):
    customer_id: int
    customer: str
    grade: str
    city: str | None
    last_contact_at: datetime | None
    days_since: int
    threshold_days: int
    days_overdue: int


Provider = Callable[[Session, AgendaQuery], list[Any]]
_PROVIDERS: dict[str, Provider] = {}


def section(key: str) -> Callable[[Provider], Provider]:
    if key not in SECTIONS:
        raise KeyError(f"unknown agenda section {key!r}; add it to domain.agenda.SECTIONS")

    def register(provider: Provider) -> Provider:
        _PROVIDERS[key] = provider
        return provider

    return register


def registered_sections() -> tuple[str, ...]:
    return tuple(key for key in SECTIONS if key in _PROVIDERS)


@section("overdue_tasks")
def _overdue(session: Session, q: AgendaQuery) -> list[Any]:
    return query_open_tasks(session, q.ctx, before=q.day)


@section("due_today")
def _due_today(session: Session, q: AgendaQuery) -> list[Any]:
    return query_open_tasks(session, q.ctx, on=q.day)


@section("birthdays")
def _birthdays(session: Session, q: AgendaQuery) -> list[BirthdayItem]:
    day_of: dict[int, date] = {}
    for md, day in birthday_window(q.day):
        day_of.setdefault(md, day)
    rows = contact_queries.birthdays(session, q.ctx.user_id, list(day_of))
    items = []
    for contact in rows:
        on = day_of[contact.birthday_md]
        items.append(BirthdayItem(
            contact.id, contact.name, contact.customer_id, contact.customer_name, on, (on - q.day).days,
            on.year - contact.birthday_year if contact.birthday_year else None,
        ))
    return sorted(items, key=lambda i: (i.on, i.contact))


@section("forgotten")
def _forgotten(session: Session, q: AgendaQuery) -> list[ForgottenItem]:
    return forgotten_customers(session, q.ctx, at=q.at, limits=q.forgotten_days)


def forgotten_customers(
    session: Session, ctx: Context, *, at: datetime, limits: dict[str, int]
) -> list[ForgottenItem]:
    """Owned customers untouched for longer than their grade allows, most overdue first.

    The filter runs in SQL on the (owner, archived, last_contact) index; only the rep's
    forgotten customers come back to be ordered.
    """
    today = to_local(at).date()
    cutoffs = {grade: start_of_day(first_day)
               for grade, first_day in forgotten_cutoffs(today, limits).items()}
    rows = customer_queries.forgotten(session, ctx.user_id, cutoffs)
    items = []
    for cid, name, grade, city, last_contact, created in rows:
        since = (today - to_local(last_contact or created).date()).days
        threshold = limits.get(grade, limits["C"])
        items.append(ForgottenItem(cid, name, grade, city, last_contact, since, threshold,
                                   days_overdue(since, threshold)))
    return sorted(items, key=lambda i: (-i.days_overdue, i.customer_id))


def agenda_instant(now: datetime, day: date) -> datetime:
    """The instant an agenda for `day` is computed at (and its phrases counted from):
    now for today, the day's last minute for any other day."""
    return now if day == now.date() else localize(datetime.combine(day, time(23, 59)))


def build_agenda(ctx: Context, day: date | str | None = None) -> Agenda:
    now = ctx.now()
    if isinstance(day, str):
        day = parse_when(day, base=now).day
    day = day or now.date()
    if not AGENDA_YEARS[0] <= day.year <= AGENDA_YEARS[1]:
        raise BadInputError("agenda.date_out_of_range", day=day, first=AGENDA_YEARS[0], last=AGENDA_YEARS[1])
    at = agenda_instant(now, day)
    sections = []
    ensure_recycled(ctx)
    with ctx.session() as session:
        query = AgendaQuery(ctx=ctx, day=day, at=at, rules=team_rules(session))
        for key in registered_sections():
            sections.append(AgendaSection(key, _PROVIDERS[key](session, query)))
    return Agenda(day, ctx.handle, at, sections)


def forgotten(ctx: Context, days: int | None = None) -> list[ForgottenItem]:
    """The rep's forgotten customers; `days` replaces every grade's threshold."""
    if days is not None and days < 1:
        raise BadInputError("forgotten.bad_days", value=days)
    now = ctx.now()
    with ctx.session() as session:
        limits = {"A": days, "B": days, "C": days} if days is not None else team_rules(session).forgotten_days()
        return forgotten_customers(session, ctx, at=now, limits=limits)


# Sections of other features, registered by importing their providers (see the docstring).
from salescli.services import agenda_pipeline, agenda_pool  # noqa: E402, F401
