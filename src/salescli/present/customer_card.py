"""How a customer's card reads, for `customer show` and the dashboard's detail screen
alike: its facts, and the rows of its contacts, open tasks, timeline and ownership
history, each value in words once (docs/dashboard.md "Detail").

Every table has its `Column` descriptions, which both interfaces draw: the CLI wraps a
long summary over lines, the dashboard shows one line per row.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from salescli.core.clock import to_local
from salescli.core.i18n import N_, _
from salescli.present.columns import Column
from salescli.present.formatting import ago_phrase, format_clock, format_day, format_moment
from salescli.present.history import why
from salescli.present.labels import GRADES, KINDS, OWNERSHIP_KINDS, SIZES, label

CONTACT_COLUMNS = (
    Column(N_("ID"), "id", whole=True),
    Column(N_("Contact"), "name"),
    Column(N_("Job title"), "title", drop=3),
    Column(N_("Phone"), "phone", whole=True),
    Column(N_("Email"), "email", whole=True, drop=1),
    Column(N_("WeChat"), "wechat", whole=True, drop=2),
)
TASK_COLUMNS = (
    Column(N_("Task"), "id", whole=True),
    Column(N_("Due"), "due_on", "due", time_key="due_at"),
    Column(N_("Action"), "action"),
)
TIMELINE_COLUMNS = (
    Column(N_("When"), "when", whole=True),
    Column(N_("Kind"), "kind", whole=True),
    Column(N_("By"), "author", whole=True),
    Column(N_("Contact"), "contact", drop=1),
    Column(N_("Summary"), "summary", multiline=True, ratio=2),
    Column(N_("Next"), "next"),
)
OWNERSHIP_COLUMNS = (
    Column(N_("When"), "when", whole=True),
    Column(N_("Change"), "change", whole=True),
    Column(N_("From"), "from_user", whole=True),
    Column(N_("To"), "to_user", whole=True),
    Column(N_("Reason"), "reason"),
)


def card_facts(card: Any, now: datetime) -> list[tuple[str, str]]:
    """(label, value) of every field the card has a value for, in the card's order."""
    facts = [
        (_("Grade"), label(GRADES, card.grade)),
        (_("Owner"), card.owner or _("pool")),
        (_("Industry"), card.industry),
        (_("Size"), label(SIZES, card.size)),
        (_("City"), card.city),
        (_("Address"), card.address),
        (_("Source"), card.source),
        (_("Phone"), card.phone),
        (_("Email"), card.email),
        (_("Tags"), ", ".join(card.tags)),
        (_("Last contact"), ago_phrase(card.last_contact_at, now)),
        (_("Created"), format_day(to_local(card.created_at).date())),
        (_("Notes"), card.notes),
    ]
    return [(k, v) for k, v in facts if v]


def contact_rows(card: Any) -> list[Any]:
    """The primary contact is marked with a star."""
    return [SimpleNamespace(id=c.id, name=c.name + (" *" if c.primary else ""), title=c.title, phone=c.phone,
                            email=c.email, wechat=c.wechat) for c in card.contacts]


def task_rows(card: Any) -> list[Any]:
    return [SimpleNamespace(id=t.id, due_on=t.due_on, due_at=t.due_at, action=t.next_action or t.summary)
            for t in card.open_tasks]


def timeline_rows(card: Any) -> list[Any]:
    """Newest first; `next` is the step it planned: "Dec 1, 2026 14:30: send the quote"."""
    rows = []
    for f in card.timeline:
        nxt = ""
        if f.due_on:
            nxt = f"{format_day(f.due_on)}{' ' + format_clock(f.due_at) if f.due_at else ''}: {f.next_action or ''}"
            nxt = nxt.rstrip(": ")
        rows.append(SimpleNamespace(
            when=format_moment(f.happened_at), kind=label(KINDS, f.kind), author=f.author, contact=f.contact,
            summary=f.summary + (f" @ {f.location}" if f.location else ""), next=nxt))
    return rows


def ownership_rows(card: Any) -> list[Any]:
    return [SimpleNamespace(when=format_moment(e.at), change=label(OWNERSHIP_KINDS, e.kind),
                            from_user=e.from_user or "", to_user=e.to_user or _("pool"), reason=why(e.kind, e.reason))
            for e in card.ownership]
