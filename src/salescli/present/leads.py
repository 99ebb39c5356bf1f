"""How leads read, for every interface (docs/leads.md): their statuses and event kinds in
words, the columns of `lead list`, the blocks of the lead card (fields, extra data,
origin, timeline) and the sentences that confirm a change.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.domain.leads import display_name
from salescli.present.columns import Column
from salescli.present.labels import KINDS, label

LEAD_STATUSES: dict[str, str] = {
    "new": N_("new"), "working": N_("working"), "converted": N_("converted"), "disqualified": N_("disqualified"),
}
LEAD_EVENT_KINDS: dict[str, str] = {
    "take": N_("taken"), "assign": N_("assigned"), "release": N_("released"), "follow_up": N_("follow-up"),
    "update": N_("updated"), "convert": N_("converted"), "disqualify": N_("disqualified"), "reopen": N_("reopened"),
    "merge": N_("merged"), "undo": N_("import undone"),
}
FLAGS: dict[str, str] = {"bad_phone": N_("phone looks wrong"), "bad_email": N_("e-mail looks wrong")}

# `lead list`: newest first, a lead named by its company and person; on a narrow terminal the e-mail, the
# city and the source give way first.
LIST_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Lead"), "name"),
    Column(N_("Phone"), "phone", whole=True, drop=1),
    Column(N_("Email"), "email", whole=True, drop=4),
    Column(N_("City"), "city", drop=2),
    Column(N_("Source"), "source", drop=3),
    Column(N_("Status"), "status_words", whole=True),
    Column(N_("Owner"), "owner_words", whole=True, drop=5),
    Column(N_("Last contact"), "last_contact_at", "ago", drop=7),
)
# (header, layout options) of the card's blocks: its fields, its timeline.
FIELD_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = ((N_("Field"), {"whole": True}),
                                                         (N_("Value"), {"multiline": True}))
TIMELINE_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    (N_("When"), {"whole": True}), (N_("What"), {"whole": True}), (N_("Who"), {"whole": True}),
    (N_("Details"), {"multiline": True, "ratio": 2}),
)
EXTRA_TITLE = N_("Other columns of the file")
TIMELINE_TITLE = N_("Timeline")
NO_LEADS = N_("No leads match.")
POOL = N_("pool")
ARROW = "→"


def status_label(status: str) -> str:
    return label(LEAD_STATUSES, status)


def row_view(row: Any) -> Any:
    """A `lead list` row with the words its columns draw."""
    return SimpleNamespace(**row.json_fields(), name=display_name(row.company, row.contact),
                           owner_words=row.owner or _(POOL), status_words=status_label(row.status))


def count_line(n: int, limit: int | None) -> str:
    if limit is not None and n == limit:
        return ngettext("The first {n} lead (--limit).", "The first {n} leads (--limit).", n).format(n=n)
    return ngettext("{n} lead", "{n} leads", n).format(n=n)


def card_title(card: Any) -> str:
    title = f"#{card.id} {card.name}  [{status_label(card.status)}]"
    if card.archived:
        title += "  [" + (_("merged into #{id}").format(id=card.merged_into_id) if card.merged_into_id
                          else _("archived")) + "]"
    return title


def card_facts(card: Any, when: Any) -> list[tuple[str, str]]:
    """The card's (field, value) lines, empty ones left out; `when` draws an instant."""
    origin = None
    if card.origin is not None:
        origin = _("batch #{batch}, {file}, line {line}").format(
            batch=card.origin.batch_id, file=card.origin.file_name or "-", line=card.origin.line or "-")
    customer = f"#{card.customer.id} {card.customer.name or ''}".strip() if card.customer else None
    facts = [
        (_("Company"), card.company), (_("Contact"), card.contact), (_("Job title"), card.title),
        (_("Phone"), card.phone), (_("Email"), card.email), (_("WeChat"), card.wechat), (_("City"), card.city),
        (_("Address"), card.address), (_("Industry"), card.industry), (_("Source"), card.source),
        (_("Website"), card.website), (_("Status"), status_label(card.status)),
        (_("Disqualified because"), card.disqualify_reason),
        (_("Owner"), card.owner or _(POOL)),
        (_("Flags"), ", ".join(label(FLAGS, flag) for flag in card.flags)),
        (_("Customer"), customer), (_("Deal"), f"#{card.deal_id}" if card.deal_id else None),
        (_("Imported from"), origin),
        (_("Last contact"), when(card.last_contact_at) if card.last_contact_at else None),
        (_("Converted"), when(card.converted_at) if card.converted_at else None),
        (_("Created"), when(card.created_at)),
        (_("Note"), card.note),
    ]
    return [(name, str(value)) for name, value in facts if value]


def extra_lines(card: Any) -> list[tuple[str, str]]:
    """The file's unmapped columns, as they were: (column, value)."""
    return [(str(key), "" if value is None else str(value)) for key, value in card.extra.items()]


def event_cells(event: Any) -> tuple[str, str, str]:
    """(what, who, details) of one timeline entry."""
    what = label(LEAD_EVENT_KINDS, event.kind)
    details: list[str] = []
    if event.kind == "follow_up":
        what = label(KINDS, event.follow_up_kind) or what
        details.append(event.summary or "")
    elif event.kind in ("take", "assign", "release"):
        details.append(f"{event.from_user or _(POOL)} {ARROW} {event.to_user or _(POOL)}")
        if event.summary:
            details.append(event.summary)
    elif event.kind == "convert":
        details.append(_("customer #{id}").format(id=event.customer_id))
        if event.deal_id:
            details.append(_("deal #{id}").format(id=event.deal_id))
    elif event.kind == "merge":
        details.append(_("lead #{id} merged in").format(id=event.other_lead_id)
                       + (f": {event.summary}" if event.summary else ""))
    elif event.summary:
        details.append(event.summary)
    return what, event.by or "", "; ".join(part for part in details if part)


# --------------------------------------------------------------------------- confirmations


def taken_sentence(done: Any) -> str:
    leads = ", ".join(f"#{lead.id} {lead.name}" for lead in done.taken)
    if done.takes_per_day is None:  # the pool rules are not in force: no daily limit
        return _("Took {leads}.").format(leads=leads)
    left = max(0, done.takes_per_day - done.takes_today)
    return ngettext("Took {leads}; {left} of {limit} take left today.",
                    "Took {leads}; {left} of {limit} takes left today.", done.takes_per_day).format(
        leads=leads, left=left, limit=done.takes_per_day)


CHANGED: dict[str, str] = {
    "release": N_("Released lead #{id} {name} to the pool."),
    "assign": N_("Assigned lead #{id} {name} to {owner}."),
    "follow_up": N_("Logged a follow-up on lead #{id} {name} ({status})."),
    "disqualify": N_("Disqualified lead #{id} {name}: {summary}"),
    "reopen": N_("Reopened lead #{id} {name}; it is being worked again."),
}


def changed_sentence(done: Any) -> str:
    return _(CHANGED[done.kind]).format(id=done.id, name=done.name, owner=done.owner, summary=done.summary,
                                        status=status_label(done.status))


def converted_sentence(done: Any) -> str:
    if done.customer_created:
        text = _("Converted lead #{id} {name} into new customer #{customer_id} {customer}, owned by {owner}.")
    else:
        text = _("Converted lead #{id} {name} into customer #{customer_id} {customer}.")
    parts = [text.format(id=done.id, name=done.name, customer_id=done.customer_id, customer=done.customer,
                         owner=done.owner)]
    if done.contact_id:
        parts.append(_("Contact #{id} added.").format(id=done.contact_id))
    if done.deal_id:
        parts.append(_("Deal #{id} opened.").format(id=done.deal_id))
    if done.follow_ups_copied:
        parts.append(ngettext("{n} follow-up copied to the customer.", "{n} follow-ups copied to the customer.",
                              done.follow_ups_copied).format(n=done.follow_ups_copied))
    return " ".join(parts)


def merged_sentence(done: Any) -> str:
    text = _("Merged lead #{other} into #{id} {name}; #{other} is archived.").format(
        other=done.other_id, id=done.id, name=done.name)
    if done.filled:
        text += " " + _("Filled from it: {fields}.").format(fields=", ".join(done.filled))
    return text
