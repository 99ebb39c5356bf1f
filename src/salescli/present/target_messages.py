"""Sentences of the target area's errors and notices (merged into present/messages.py
MESSAGES) and the command line's own wording of those whose remedy is a flag (merged into
terminal/messages.py CLI_WORDING). See docs/targets.md."""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "target.bad_period": N_("{value!r} is not a target period; give a year, quarter, month or ISO week, such as"
                            " {examples}."),
    "target.bad_metric": N_("{value!r} is not a target metric; choose one of {metrics}."),
    "target.bad_value": N_("{value!r} is not a target value; give a positive whole number."),
    "target.scope_conflict": N_("Choose one rep, the team or everyone, not several."),
    "target.role_required": N_("Only managers and admins can set another rep's or the team's targets"
                               " (your role: {role})."),
    "target.split_not_splittable": N_("A week's target cannot be split; split a year, a quarter or a month."),
    "target.split_too_long": N_("The split is too long; give even or one weight per part."),
    "target.split_not_number": N_("{weight!r} in the split {value!r} is not a number; give even or weights such"
                                  " as 3,3,2,2."),
    "target.split_negative": N_("The weight {weight} in the split {value!r} is negative; weights are 0 or more."),
    "target.split_all_zero": N_("The split {value!r} has no positive weight; give at least one above 0."),
    "target.split_wrong_count": N_("The split {value!r} has {given} weights; this period takes {expected}."),
}

CLI_WORDING: dict[str, str] = {
    "target.scope_conflict": N_("Use one of --user, --team and --all."),
}

VALUE_PROBLEMS = {
    "not_positive": N_("A target must be above 0, not {value}."),
    "too_large": N_("The target {value} is too large."),
    "not_number": N_("{value!r} is not an amount."),
    "negative": N_("A target must be above 0, not {value}."),
    "too_precise": N_("The amount {value} has more than two decimals; amounts are kept to the cent."),
}
ROLE_REQUIRED_ASK = N_("Only managers and admins can set another rep's or the team's targets (your role: {role});"
                       " ask {ask}.")
OR = N_("{first} or {last}")


@prepares("target.bad_period")
def _bad_period(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"examples": ", ".join(p["examples"])}


@prepares("target.bad_metric")
def _bad_metric(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"metrics": ", ".join(p["metrics"])}


@prepares("target.bad_value")
def _bad_value(template: str, p: dict[str, Any]) -> Prepared:
    return VALUE_PROBLEMS.get(p.get("problem"), template), p


@prepares("target.role_required")
def _role_required(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.labels import ROLES, label

    ask = p.get("ask") or []
    return (ROLE_REQUIRED_ASK if ask else template), p | {"role": label(ROLES, p["role"]), "ask": ", ".join(ask)}


@prepares("target.split_wrong_count")
def _wrong_count(template: str, p: dict[str, Any]) -> Prepared:
    expected = [str(n) for n in p["expected"]]
    words = expected[0] if len(expected) == 1 else _(OR).format(first=", ".join(expected[:-1]), last=expected[-1])
    return template, p | {"expected": words}
