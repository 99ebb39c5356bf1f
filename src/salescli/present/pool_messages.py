"""The sentences of the pool's errors (merged into present/messages.py MESSAGES), the
command line's own wording of those whose remedy is a flag or a command (merged into
terminal/messages.py CLI_WORDING), and the cap sentence for each way of taking one more
customer (docs/pool.md).

A refusal says why and, when the rule is a matter of time (the day's claims, the reclaim
cool-down), from when it will be allowed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.i18n import N_, ngettext
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "pool.already_owned": N_("Customer #{id} {name} is already owned by {owner}; only pool customers can be claimed."),
    "pool.claim_archived": N_("Customer #{id} {name} is archived; restore it before claiming it."),
    "pool.daily_limit": N_(
        "You have already claimed {customers} today, the most allowed (pool.claims_per_day = {limit});"
        " you can claim again from {allowed_at}."
    ),
    "pool.cooldown": N_("You released customer #{id} {name} on {at}; you can claim it again from {allowed_at}."),
    "pool.reason_required": N_("A release needs a reason, for the next rep to read."),
    "pool.already_in_pool": N_("Customer #{id} {name} is already in the pool."),
    "ownership.changed": N_("Customer #{id} {name} changed hands a moment ago; look at it again and retry."),
    "pool.lock_pool_customer": N_(
        "Customer #{id} {name} is in the pool; only a customer someone owns is locked against recycling."
    ),
    "pool.already_locked": N_("Customer #{id} {name} is already locked against recycling."),
    "pool.not_locked": N_("Customer #{id} {name} is not locked."),
    "pool.lock_cap": N_(
        "You already have {customers} locked, the most allowed (pool.max_locked = {cap}); unlock one first."
    ),
}

CLI_WORDING: dict[str, str] = {
    "pool.reason_required": N_("A release needs a reason for the next rep to read: give --reason TEXT."),
    "pool.lock_cap": N_(
        "You already have {customers} locked, the most allowed (pool.max_locked = {cap}); unlock one first"
        " with: salescli customer unlock CUSTOMER"
    ),
    "pool.claim_archived": N_(
        "Customer #{id} {name} is archived; restore it before claiming it: salescli customer restore {id}"
    ),
}

ALREADY_YOURS = N_("You already own customer #{id} {name}.")
DAILY_LIMIT_BATCH = N_(
    "Claiming {wanted} customers would pass today's limit: you have claimed {claimed} of {limit}"
    " (pool.claims_per_day); claim at most {left} now, or the rest from {allowed_at}."
)
CLAIMS_OFF = N_("Claiming from the pool is switched off (pool.claims_per_day = 0).")
COOLDOWN_RECYCLED = N_(
    "Customer #{id} {name} was recycled from you on {at}; you can claim it again from {allowed_at}."
)
LOCKS_OFF = N_("Locking customers against recycling is switched off (pool.max_locked = 0).")
LOCK_CAP_OTHER = N_(
    "{owner} already has {customers} locked, the most allowed (pool.max_locked = {cap}); they must unlock"
    " one first."
)

# pool.cap_reached, by what would take one more customer (`taking`) and whether the
# acting rep is the one over the cap (`own`). Restoring for someone else keeps the
# sentence of present/messages.py CAP_REACHED_OTHER, given by the caller.
CAP_CREATE = N_(
    "Adding a customer counts toward your cap: you already own {customers}, the most allowed"
    " (pool.max_owned = {cap}); release one first."
)
CAP_CLAIM = N_(
    "You already own {customers}, the most allowed (pool.max_owned = {cap}); release one before claiming"
    " another."
)
CAP_CLAIM_BATCH = N_(
    "Claiming {wanted} customers would take you past your cap: you own {owned} of {cap} (pool.max_owned);"
    " claim at most {room}."
)
CAP_CLAIM_BATCH_FULL = N_(
    "Claiming {wanted} customers would take you past your cap: you already own {customers}, the most"
    " allowed (pool.max_owned = {cap}); release some first."
)
CAP_RESTORE = N_(
    "You already own {owned} customers, the most allowed (pool.max_owned = {cap}); release one before restoring"
    " this one."
)
CAP_TAKE = N_(
    "You already own {owned} customers, the most allowed (pool.max_owned = {cap}); release one before taking"
    " this one."
)
CAP_TAKE_OTHER = N_(
    "{handle} already owns {owned} customers, the most allowed (pool.max_owned = {cap}); they must release one"
    " before taking this one."
)


def cap_reached(template: str, other: str, p: dict[str, Any]) -> Prepared:
    """The cap sentence that fits `taking` (create, claim, restore, assign, transfer) and
    `own`; `other` is the general sentence about another rep, `template` the one for any
    other way of taking a customer."""
    taking, own = p.get("taking", "create"), p.get("own", True)
    p = p | {"customers": _customers(p["owned"])}
    if not own:
        return (CAP_TAKE_OTHER if taking in ("assign", "transfer") else other), p
    if taking == "create":
        return CAP_CREATE, p
    if taking == "claim":
        wanted = p.get("wanted") or 1
        if wanted > 1:
            room = max(0, p["cap"] - p["owned"])
            return (CAP_CLAIM_BATCH if room else CAP_CLAIM_BATCH_FULL), p | {"room": room}
        return CAP_CLAIM, p
    if taking == "restore":
        return CAP_RESTORE, p
    if taking in ("assign", "transfer"):
        return CAP_TAKE, p
    return template, p


def _customers(n: int) -> str:
    return ngettext("{n} customer", "{n} customers", n).format(n=n)


def moment_words(moment: datetime) -> str:
    """When something becomes allowed, as the tables draw a day: `Mon Nov 30 09:00`, or
    `Tue Nov 24` for the start of a day."""
    from salescli.core.clock import to_local
    from salescli.present.formatting import format_due

    local = to_local(moment)
    at_midnight = (local.hour, local.minute) == (0, 0)
    return format_due(local.date(), None if at_midnight else moment)


@prepares("pool.already_owned")
def _already_owned(template: str, p: dict[str, Any]) -> Prepared:
    return (ALREADY_YOURS if p.get("own") else template), p


@prepares("pool.daily_limit")
def _daily_limit(template: str, p: dict[str, Any]) -> Prepared:
    words = {"allowed_at": moment_words(p["allowed_at"]), "customers": _customers(p["claimed"])}
    if not p["limit"]:
        return CLAIMS_OFF, p | words
    left = max(0, p["limit"] - p["claimed"])
    if left:  # a batch larger than what is left today
        return DAILY_LIMIT_BATCH, p | words | {"left": left}
    return template, p | words


@prepares("pool.cooldown")
def _cooldown(template: str, p: dict[str, Any]) -> Prepared:
    words = {"at": moment_words(p["at"]), "allowed_at": moment_words(p["allowed_at"])}
    return (COOLDOWN_RECYCLED if p.get("left") == "recycle" else template), p | words


@prepares("pool.lock_cap")
def _lock_cap(template: str, p: dict[str, Any]) -> Prepared:
    if not p["cap"]:
        return LOCKS_OFF, p
    return (template if p.get("own", True) else LOCK_CAP_OTHER), p | {"customers": _customers(p["locked"])}
