"""How the dashboard reads (docs/dashboard.md): the home screen's agenda, every section's
items as one kind of line, so a single list shows the day at a glance, each line keeping
what it is about (customer, task, deal) for the keys that act on it.

The agenda's sections and their order come from the service (services/agenda.py); here
they only get a short label, a "when" phrase and a "what" text. Forgotten customers have
a pane of their own, so they are not lines here. And the search box's result lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.columns import Column
from salescli.present.formatting import due_phrase, format_clock, format_money, until_phrase
from salescli.present.labels import RECYCLE_RULES, label, stage_label

# The label each agenda section's lines carry in the home screen's list.
SECTION_LABELS: dict[str, str] = {
    "overdue_tasks": N_("Overdue"),
    "due_today": N_("Today"),
    "recycle_warnings": N_("Pool"),
    "payments": N_("Payment"),
    "stale_deals": N_("Stale"),
    "closing_soon": N_("Closing"),
    "contracts_ending": N_("Contract"),
    "birthdays": N_("Birthday"),
}
OWN_PANE = frozenset({"forgotten"})  # sections the home screen shows in a pane of their own


@dataclass(frozen=True, slots=True)
class AgendaLine:
    section: str
    label: str
    when: str
    customer: str
    what: str
    urgent: bool  # past its day: drawn in red
    customer_id: int
    task_id: int | None = None
    deal_id: int | None = None


AGENDA_LINE_COLUMNS = (
    Column(N_("Kind"), "label", whole=True, drop=1),
    Column(N_("When"), "when", whole=True),
    Column(N_("Customer"), "customer"),
    Column(N_("What"), "what"),
)
FORGOTTEN_PANE_COLUMNS = (
    Column(N_("Customer"), "customer"),
    Column(N_("Grade"), "grade", whole=True, drop=2),
    Column(N_("Last contact"), "last_contact_at", "ago", drop=1),
    Column(N_("Overdue by"), "days_overdue", "days"),
)


def agenda_lines(agenda: Any) -> list[AgendaLine]:
    """The agenda's items in its order, one line each."""
    today = agenda.at.date()
    lines = []
    for section in agenda.sections:
        if section.key in OWN_PANE:
            continue
        for item in section.items:
            lines.append(_line(section.key, item, today))
    return lines


def _line(key: str, item: Any, today: date) -> AgendaLine:
    tag = _(SECTION_LABELS.get(key, key))
    if key in ("overdue_tasks", "due_today"):
        when = due_phrase(item.due_on, today) + (" " + format_clock(item.due_at) if item.due_at else "")
        return AgendaLine(key, tag, when, item.customer, item.action, item.due_on < today, item.customer_id,
                          task_id=item.id)
    if key == "recycle_warnings":
        what = _("returns to the pool: {rule}").format(rule=label(RECYCLE_RULES, item.rule))
        return AgendaLine(key, tag, until_phrase(item.days_left), item.customer, what, False, item.customer_id)
    if key == "payments":
        what = _("{amount} for deal #{deal} {title}").format(
            amount=format_money(item.amount, item.currency), deal=item.deal_id, title=item.deal_title)
        return AgendaLine(key, tag, due_phrase(item.due_on, today), item.customer, what, item.due_on < today,
                          item.customer_id, deal_id=item.deal_id)
    if key == "birthdays":
        what = _("{contact}'s birthday").format(contact=item.contact)
        return AgendaLine(key, tag, until_phrase(item.days_until), item.customer, what, False, item.customer_id)
    # The deal sections: stale, closing soon, contracts ending.
    what = f"#{item.deal_id} {item.title}"
    if key == "stale_deals":
        what += " · " + stage_label(item.stage, item.stage_name)
        when = ngettext("{n} day in stage", "{n} days in stage", item.days_in_stage).format(n=item.days_in_stage)
        return AgendaLine(key, tag, when, item.customer, what, False, item.customer_id, deal_id=item.deal_id)
    if key == "closing_soon":
        what += " · " + stage_label(item.stage, item.stage_name)
        return AgendaLine(key, tag, due_phrase(item.close_on, today), item.customer, what, item.past,
                          item.customer_id, deal_id=item.deal_id)
    return AgendaLine(key, tag, until_phrase(item.days_until), item.customer, what, False, item.customer_id,
                      deal_id=item.deal_id)



# The search box's results (services/search.py): near names are marked.
SEARCH_COLUMNS = (
    Column(N_("ID"), "id", "id", drop=3),
    Column(N_("Customer"), "name"),
    Column(N_("Grade"), "grade", whole=True, drop=2),
    Column(N_("City"), "city", drop=1),
    Column(N_("Owner"), "owner", whole=True),
    Column(N_("Last contact"), "last_contact_at", "ago", drop=4),
)
NEAR_MARK = N_("≈ {name}")


def search_rows(hits: list[Any]) -> list[Any]:
    """A hit in the pool shows "pool" as its owner; a near name (a typo's guess) is marked."""
    return [SimpleNamespace(id=h.id, name=_(NEAR_MARK).format(name=h.name) if h.match == "near" else h.name,
                            grade=h.grade, city=h.city, owner=h.owner or _("pool"), last_contact_at=h.last_contact_at)
            for h in hits]
