"""Sentences of this area's errors (merged into present/messages.py MESSAGES) and the command
line's own wording of those whose remedy is a flag (merged into terminal/messages.py CLI_WORDING):
`customer merge`, and the notice of near names on `customer edit` (docs/merge.md)."""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "merge.same_customer": N_("Customer #{id} {name} cannot be merged into itself; name two different customers."),
    "merge.archived": N_(
        "Customer #{id} {name} (the one to keep) is archived; restore it first, or keep another one."
    ),
    "merge.not_owner": N_(
        "Customer #{id} {name} belongs to {owner}; a rep merges only into a customer they own, and only their own"
        " or pool customers; ask {ask}."
    ),
    "merge.confirm_needed": N_("Merging #{other_id} into #{id} needs a confirmation, and there is no terminal to ask."),
    "customer.near_names": N_("The new name of customer #{id} {name} is close to: {similar}. Check before going on."),
}

MERGE_ARCHIVED_OTHER = N_(
    "Customer #{id} {name} (the one to merge) is archived already; only live customers are merged."
)

CLI_WORDING: dict[str, str] = {
    "merge.confirm_needed": N_(
        "Merging #{other_id} into #{id} needs a confirmation; give --yes to merge without asking."
    ),
}


@prepares("merge.archived")
def _archived(template: str, p: dict[str, Any]) -> Prepared:
    return (MERGE_ARCHIVED_OTHER if p.get("which") == "other" else template), p


@prepares("merge.not_owner")
def _not_owner(template: str, p: dict[str, Any]) -> Prepared:
    ask = ", ".join(handle for handle, _role in p.get("ask") or []) or _("a manager")
    return template, p | {"owner": p.get("owner") or _("the pool"), "ask": ask}


@prepares("customer.near_names")
def _near_names(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.merge import similar_words

    return template, p | {"similar": "; ".join(similar_words(s) for s in p["similar"])}


__all__ = ["MESSAGES", "CLI_WORDING", "N_"]
