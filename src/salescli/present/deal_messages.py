"""The sentences of the deal errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.labels import DEAL_STATUSES, label, stage_label
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "deal.bad_amount": N_("{value!r} is not an amount."),
    "deal.bad_id": N_("{ref!r} is not a deal number (type it as 12 or #12)."),
    "deal.not_found": N_("There is no deal #{id}."),
    "deal.title_empty": N_("A deal needs a title."),
    "deal.add_gate": N_("A deal entering {stage} needs {missing}."),
    "deal.gate": N_("Deal #{id} cannot enter {stage} yet: it needs {missing}."),
    "deal.close_in_past": N_("The expected close day {close_on} is already past; saved anyway."),
    "deal.bad_status": N_("{value!r} is not a deal status; use one of: {allowed}."),
    "deal.bad_days": N_("The number of days must be 0 or more."),
    "deal.closed_edit": N_("Deal #{id} is {status}; reopen it before changing it."),
    "deal.changed": N_("Deal #{id} was changed by someone else a moment ago; look at it again and retry."),
    "deal.closed": N_("Deal #{id} is {status}; reopen it first to move it."),
    "deal.last_stage": N_("Deal #{id} is at the last stage, {stage}; close it as won or lost instead."),
    "deal.same_stage": N_("Deal #{id} is already in {stage}."),
    "deal.skip_needs_force": N_("Moving deal #{id} to {stage} skips {skipped}; that needs to be forced."),
    "deal.won_needs_amount": N_("Deal #{id} has no amount; a won deal needs one."),
    "deal.reason_required": N_("A lost deal needs a reason."),
    "deal.not_closed": N_("Deal #{id} is open; only a won or lost deal can be reopened."),
    "deal.exclusive_scope": N_("Choose only one of: your deals, every deal, or one rep's deals."),
}

CLI_WORDING: dict[str, str] = {
    "deal.bad_id": N_("{ref!r} is not a deal number (type it as 12 or #12; see salescli deal list)."),
    "deal.not_found": N_("There is no deal #{id} (see: salescli deal list --all --status all)."),
    "deal.add_gate": N_("A deal entering {stage} needs {missing}: give {flags}."),
    "deal.gate": N_("Deal #{id} cannot enter {stage} yet: it needs {missing}; {how}."),
    "deal.closed_edit": N_("Deal #{id} is {status}; reopen it first: salescli deal reopen {id}."),
    "deal.closed": N_("Deal #{id} is {status}; reopen it first: salescli deal reopen {id}."),
    "deal.last_stage": N_(
        "Deal #{id} is at the last stage, {stage}; close it with salescli deal won {id} or "
        "salescli deal lost {id} --reason TEXT."
    ),
    "deal.skip_needs_force": N_("Moving deal #{id} to {stage} skips {skipped}; add --force to skip them."),
    "deal.won_needs_amount": N_("Deal #{id} has no amount; give it with --amount N."),
    "deal.reason_required": N_("A lost deal needs a reason: give --reason TEXT."),
    "deal.bad_days": N_("--closing-within must be 0 or more."),
    "deal.exclusive_scope": N_("Use only one of --mine, --all and --user."),
}

AMOUNT_PROBLEMS = {
    "not_number": N_("{value!r} is not an amount; type a number such as 12000, 12,000.50, 1.2万 or 50k."),
    "negative": N_("The amount {value} is negative; an amount is 0 or more."),
    "zero": N_("The amount cannot be 0."),
    "too_large": N_("The amount {value} is too large."),
    "too_precise": N_("The amount {value} has more than two decimals; amounts are kept to the cent."),
}
GATE_ITEMS = {
    "note": N_("a feedback note"), "amount": N_("an amount"), "close_on": N_("an expected close date"),
    "product": N_("a product"),
}
GATE_FLAGS = {"note": "--note TEXT", "amount": "--amount N", "close_on": "--close WHEN", "product": "--product TEXT"}
ITEMS_AND = N_("{items} and {last}")
GIVE_NOTE = N_("give --note TEXT")
SET_FIELDS = N_("set them first with: salescli deal edit {id} {flags}")
BOTH = N_("{first}, and {second}")


def words_list(words: list[str]) -> str:
    """`a`, `a and b`, `a, b and c` in the interface language."""
    if len(words) < 2:
        return "".join(words)
    return _(ITEMS_AND).format(items=", ".join(words[:-1]), last=words[-1])


def _stage(p: dict[str, Any]) -> str:
    return stage_label(p["stage"], p.get("stage_name"))


@prepares("deal.bad_amount")
def _bad_amount(template: str, p: dict[str, Any]) -> Prepared:
    return AMOUNT_PROBLEMS.get(p.get("problem"), template), p


@prepares("deal.add_gate", "deal.gate")
def _gate(template: str, p: dict[str, Any]) -> Prepared:
    missing = p["missing"]
    words = {"stage": _stage(p), "missing": words_list([_(GATE_ITEMS[m]) if m in GATE_ITEMS else m for m in missing]),
             "flags": " ".join(GATE_FLAGS.get(m, m) for m in missing)}
    fields = " ".join(GATE_FLAGS.get(m, m) for m in missing if m != "note")
    parts = ([_(GIVE_NOTE)] if "note" in missing else []) + (
        [_(SET_FIELDS).format(id=p.get("id"), flags=fields)] if fields else [])
    words["how"] = _(BOTH).format(first=parts[0], second=parts[1]) if len(parts) == 2 else "".join(parts)
    return template, p | words


@prepares("deal.last_stage", "deal.same_stage")
def _stage_words(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"stage": _stage(p)}


@prepares("deal.skip_needs_force")
def _skip(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"stage": _stage(p), "skipped": words_list([stage_label(n, n) for n in p["skipped"]])}


@prepares("deal.closed", "deal.closed_edit")
def _closed(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"status": label(DEAL_STATUSES, p["status"])}


@prepares("deal.bad_status")
def _bad_status(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"allowed": ", ".join(p["allowed"])}


@prepares("deal.close_in_past")
def _close_in_past(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.formatting import format_day

    return template, p | {"close_on": format_day(p["close_on"])}
