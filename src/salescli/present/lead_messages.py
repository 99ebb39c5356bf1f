"""Sentences of the lead work's errors (merged into present/messages.py MESSAGES) and the
command line's own wording of those whose remedy is a flag or a command (merged into
terminal/messages.py CLI_WORDING), docs/leads.md.

A refusal names the lead (`#12 Acme (Zhang Wei)`) and, when a person or a record stands in
the way, who or which: the owner, the customer it was converted into, the duplicate.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "lead.bad_id": N_("{ref!r} is not a lead id; give its number, like 12 or #12."),
    "lead.not_found": N_("There is no lead #{id}."),
    "lead.ref_required": N_("Give at least one lead id."),
    "lead.bad_list_status": N_("Status must be one of {allowed}, not {value!r}."),
    "lead.scope_conflict": N_("Choose one of {scopes}: they select different leads."),
    "lead.archived": N_("Lead #{id} {name} is archived; nothing more can be done with it."),
    "lead.already_converted": N_("Lead #{id} {name} is already converted, into customer #{customer_id} {customer}."),
    "lead.bad_status": N_("Lead #{id} {name} is {status}; it cannot be {step} now."),
    "lead.not_owner": N_("Lead #{id} {name} belongs to {owner}; only they or a manager can {action}."),
    "lead.role_required": N_("Only managers and admins can {action} (your role: {role})."),
    "lead.take_first": N_("Lead #{id} {name} is in the pool; take it first, then {action}."),
    "lead.already_owned": N_("Lead #{id} {name} is already owned by {owner}; only pool leads can be taken."),
    "lead.daily_limit": N_(
        "You have already taken {leads} today, the most allowed (pool.claims_per_day = {limit});"
        " you can take more from {allowed_at}."
    ),
    "lead.cooldown": N_("You released lead #{id} {name} on {at}; you can take it again from {allowed_at}."),
    "lead.release_reason_required": N_("A release needs a reason, for the next rep to read."),
    "lead.already_in_pool": N_("Lead #{id} {name} is already in the pool."),
    "lead.changed": N_("Lead #{id} {name} changed a moment ago; look at it again and retry."),
    "lead.assign_inactive": N_("{handle} is deactivated; leads go to active users only."),
    "lead.disqualify_reason_required": N_("Disqualifying a lead needs a reason, so the team knows why."),
    "lead.amount_needs_deal": N_("An amount belongs to a deal: give the deal's title too."),
    "lead.convert_duplicate": N_(
        "Lead #{id} {name} would duplicate customer #{customer_id} {customer} ({reason}, {owner});"
        " convert it into that customer instead."
    ),
    "lead.merge_self": N_("Lead #{id} cannot be merged with itself."),
    "lead.merge_converted": N_(
        "Lead #{id} {name} was converted into customer #{customer_id} {customer}, and lead #{keep} was not;"
        " merge them the other way round."
    ),
}

CLI_WORDING: dict[str, str] = {
    "lead.release_reason_required": N_("A release needs a reason for the next rep to read: give --reason TEXT."),
    "lead.disqualify_reason_required": N_("Disqualifying a lead needs a reason: give --reason TEXT."),
    "lead.amount_needs_deal": N_("--amount belongs to a deal: give --deal TITLE too."),
    "lead.take_first": N_("Lead #{id} {name} is in the pool; take it first: salescli lead take {id}"),
    "lead.convert_duplicate": N_(
        "Lead #{id} {name} would duplicate customer #{customer_id} {customer} ({reason}, {owner});"
        " convert it into that customer with --customer {customer_id}."
    ),
    "lead.merge_converted": N_(
        "Lead #{id} {name} was converted into customer #{customer_id} {customer}, and lead #{keep} was not;"
        " merge them the other way round: salescli lead merge {id} {keep}"
    ),
}

ACTIONS: dict[str, str] = {
    "take": N_("take it"), "release": N_("release it"), "assign": N_("assign leads"), "log": N_("log on it"),
    "convert": N_("convert it"), "disqualify": N_("disqualify it"), "reopen": N_("reopen it"),
    "merge": N_("merge it"), "list_all": N_("list other reps' leads"),
}
STEPS: dict[str, str] = {
    "take": N_("taken"), "release": N_("released"), "assign": N_("assigned"), "log": N_("logged on"),
    "convert": N_("converted"), "disqualify": N_("disqualified"), "reopen": N_("reopened"),
}
REASONS: dict[str, str] = {"name": N_("same name"), "phone_or_email": N_("same phone or e-mail")}
ALREADY_YOURS = N_("You already own lead #{id} {name}.")
NOT_OWNER_ASK = N_("Lead #{id} {name} belongs to {owner}; only they or a manager can {action} (ask {ask}).")
ROLE_REQUIRED_ASK = N_("Only managers and admins can {action} (your role: {role}); ask {ask}.")
MERGED_AWAY = N_("Lead #{id} {name} was merged into lead #{merged_into}; work that one instead.")
TAKES_OFF = N_("Taking leads from the pool is switched off (pool.claims_per_day = 0).")
DAILY_LIMIT_BATCH = N_(
    "Taking {wanted} leads would pass today's limit: you have taken {taken} of {limit} (pool.claims_per_day);"
    " take at most {left} now, or the rest from {allowed_at}."
)


def _word(table: dict[str, str], code: str) -> str:
    return _(table[code]) if code in table else code


@prepares("lead.not_owner")
def _not_owner(template: str, p: dict[str, Any]) -> Prepared:
    ask = [handle for handle in p.get("ask") or [] if handle != p.get("owner")]
    words = {"owner": p.get("owner") or _("nobody"), "action": _word(ACTIONS, p["action"]), "ask": ", ".join(ask)}
    return (NOT_OWNER_ASK if ask else template), p | words


@prepares("lead.role_required")
def _role_required(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.labels import ROLES, label

    ask = p.get("ask") or []
    words = {"action": _word(ACTIONS, p["action"]), "role": label(ROLES, p["role"]), "ask": ", ".join(ask)}
    return (ROLE_REQUIRED_ASK if ask else template), p | words


@prepares("lead.take_first")
def _take_first(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"action": _word(ACTIONS, p["action"])}


@prepares("lead.bad_status")
def _bad_status(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.leads import status_label

    return template, p | {"status": status_label(p["status"]), "step": _word(STEPS, p["step"])}


@prepares("lead.archived")
def _archived(template: str, p: dict[str, Any]) -> Prepared:
    return (MERGED_AWAY if p.get("merged_into") else template), p


@prepares("lead.already_owned")
def _already_owned(template: str, p: dict[str, Any]) -> Prepared:
    return (ALREADY_YOURS if p.get("own") else template), p


@prepares("lead.convert_duplicate")
def _duplicate(template: str, p: dict[str, Any]) -> Prepared:
    owner = _("owned by {owner}").format(owner=p["owner"]) if p.get("owner") else _("in the pool")
    return template, p | {"reason": _word(REASONS, p["reason"]), "owner": owner}


@prepares("lead.bad_list_status", "lead.scope_conflict")
def _choices(template: str, p: dict[str, Any]) -> Prepared:
    if "scopes" in p:
        return template, p | {"scopes": ", ".join(f"--{scope}" for scope in p["scopes"])}
    return template, p | {"allowed": ", ".join(p["allowed"])}


@prepares("lead.daily_limit", "lead.cooldown")
def _moments(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.pool_messages import moment_words

    words = {name: moment_words(p[name]) for name in ("at", "allowed_at") if name in p}
    if "taken" not in p:
        return template, p | words
    if not p["limit"]:
        return TAKES_OFF, p
    leads = ngettext("{n} lead", "{n} leads", p["taken"]).format(n=p["taken"])
    left = max(0, p["limit"] - p["taken"])
    return (DAILY_LIMIT_BATCH if left else template), p | words | {"leads": leads, "left": left}


__all__ = ["MESSAGES", "CLI_WORDING", "N_"]
