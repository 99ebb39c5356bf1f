"""How a customer's history and a pool customer's standing read, for every interface
(docs/ownership.md "Where the history is shown").

Ownership changes and follow-ups share one table (When, What, Who, Details), so the cells
are drawn here per kind of entry rather than by `present/columns.py` descriptions.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.formatting import days_phrase, format_day, format_moment
from salescli.present.labels import KINDS, OWNERSHIP_KINDS, label
from salescli.present.pool_reasons import why_left

# (header, layout options) of `customer history`.
HISTORY_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    (N_("When"), {"whole": True}),
    (N_("What"), {"whole": True}),
    (N_("Who"), {"whole": True}),
    (N_("Details"), {"multiline": True, "ratio": 2}),
)
ARROW = "→"


def why(kind: str | None, reason: str | None) -> str:
    """A release's typed reason, a recycle's rule in words, anything else as stored."""
    return why_left(kind, reason) if kind in ("release", "recycle") else reason or ""


def _ownership_cells(entry: Any) -> tuple[str, str, str]:
    pool = _("pool")
    if entry.kind == "create":
        who = entry.to_user or pool
    else:
        who = f"{entry.from_user or pool} {ARROW} {entry.to_user or pool}"
    details = [text for text in (why(entry.kind, entry.reason),) if text]
    if entry.by_user and entry.by_user not in (entry.from_user, entry.to_user):
        details.append(_("by {user}").format(user=entry.by_user))
    return label(OWNERSHIP_KINDS, entry.kind), who, "; ".join(details)


def _follow_up_cells(entry: Any) -> tuple[str, str, str]:
    details = entry.summary
    if entry.contact:
        details = _("with {contact}: {summary}").format(contact=entry.contact, summary=details)
    if entry.next_action or entry.due_on:
        nxt = ", ".join(part for part in (entry.next_action, format_day(entry.due_on)) if part)
        details += "\n" + _("Next: {next}").format(next=nxt)
    return label(KINDS, entry.kind), entry.author or "", details


def history_rows(entries: list[Any]) -> list[tuple[str, str, str, str]]:
    """The cells of `customer history`, one row per entry, in the entries' order."""
    rows = []
    for entry in entries:
        cells = _ownership_cells(entry) if entry.type == "ownership" else _follow_up_cells(entry)
        rows.append((format_moment(entry.at), *cells))
    return rows


def pool_facts(pool: Any) -> list[tuple[str, str]]:
    """The card's Pool block of a customer nobody owns: since when, who had it, how and
    why it left, how much work it had by then; so the next rep learns why it failed."""
    since = _("{day} ({days})").format(day=format_moment(pool.since), days=days_phrase(pool.days)) \
        if pool.since is not None else ""
    reason = why(pool.left, pool.reason)
    if pool.left is not None:
        how = (_("How it left"), label(OWNERSHIP_KINDS, pool.left) + ": " + (reason or _("no reason given")))
    else:  # created in the pool (an import): nobody let it go
        how = (_("How it got here"), _("created in the pool") + (": " + reason if reason else ""))
    return [
        (_("In the pool since"), since),
        (_("Last owner"), pool.last_owner or _("none")),
        how,
        (_("Follow-ups before"), str(pool.follow_ups)),
    ]
