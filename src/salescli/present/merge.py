"""How duplicates and merges read, for every interface (docs/merge.md): the reason codes of
`customer duplicates` and of near names on `customer add`, the columns of the listing,
the sentence a merge ends with and the line `customer show` gives a merged customer."""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.columns import Column

REASONS: dict[str, str] = {
    "same_name": N_("same name"),
    "same_phone": N_("same phone"),
    "same_email": N_("same email"),
    "same_pinyin": N_("same pinyin"),
    "sounds_same": N_("sounds the same"),
    "one_character": N_("one character differs"),
    "two_characters": N_("spelled almost the same"),
}

DUPLICATE_COLUMNS: tuple[Column, ...] = (
    Column(N_("Keep"), "id", "id"),
    Column(N_("Customer"), "name"),
    Column(N_("Owner"), "owner_words", whole=True, drop=2),
    Column(N_("Merge"), "other_id", "id"),
    Column(N_("Duplicate"), "other_name"),
    Column(N_("Owner"), "other_owner_words", whole=True, drop=3),
    Column(N_("Why"), "reason_words", drop=1),
)

NO_DUPLICATES = N_("No likely duplicates among the customers you can see.")
MERGE_HINT = N_("Merge a pair with: salescli customer merge KEEP OTHER")
MERGED_INTO = N_("Merged into customer #{id} {name}.")
MERGE_CONFIRM = N_("Merge customer #{other_id} {other_name} into #{id} {name}? It is archived afterwards.")


def reason_words(reasons: list[str]) -> str:
    return ", ".join(_(REASONS[r]) if r in REASONS else r for r in reasons)


def similar_words(item: Any) -> str:
    """`#4 Bob Co (one character differs, 89%)` for a near match (a record or its JSON)."""
    get = item.get if isinstance(item, dict) else lambda name: getattr(item, name)
    why = _(REASONS[get("reason")]) if get("reason") in REASONS else get("reason")
    return f"#{get('id')} {get('name')} ({why}, {get('score')}%)"


def duplicate_view(pair: Any) -> Any:
    """A `customer duplicates` row with the words its columns draw."""
    from types import SimpleNamespace

    pool = _("pool")
    return SimpleNamespace(**pair.json_fields(), owner_words=pair.owner or pool,
                           other_owner_words=pair.other_owner or pool, reason_words=reason_words(pair.reasons))


def moved_words(moved: dict[str, int]) -> list[str]:
    """`2 contacts`, `1 deal` ... for the counts a merge moved (none for a zero)."""
    n = moved.get
    words = [
        ngettext("{n} contact", "{n} contacts", n("contacts", 0)),
        ngettext("{n} follow-up", "{n} follow-ups", n("follow_ups", 0)),
        ngettext("{n} open task", "{n} open tasks", n("open_tasks", 0)),
        ngettext("{n} deal", "{n} deals", n("deals", 0)),
        ngettext("{n} payment", "{n} payments", n("payments", 0)),
        ngettext("{n} lead", "{n} leads", n("leads", 0)),
    ]
    keys = ("contacts", "follow_ups", "open_tasks", "deals", "payments", "leads")
    return [word.format(n=n(key)) for key, word in zip(keys, words, strict=True) if n(key)]


def merged_sentence(result: Any) -> str:
    """`Merged customer #7 Acme Toolz into #3 Acme Tools (2 contacts, 1 deal); #7 is archived.`"""
    parts = moved_words(result.moved)
    moved = _(" ({moved})").format(moved=_(", ").join(parts)) if parts else ""
    return _("Merged customer #{other_id} {other_name} into #{id} {name}{moved}; #{other_id} is archived.").format(
        other_id=result.other_id, other_name=result.other_name, id=result.id, name=result.name, moved=moved)


def merged_line(merged: dict[str, Any]) -> str:
    return _(MERGED_INTO).format(id=merged["id"], name=merged["name"])
