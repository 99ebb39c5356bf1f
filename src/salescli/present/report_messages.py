"""The sentences of the report errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "report.bad_period": N_("{value!r} is not a period; give a year, quarter, month, week or day range,"
                            " such as {examples}."),
    "report.scope_conflict": N_("Choose one rep or the whole team, not both."),
    "report.bad_when": N_("{value!r} is not a {kind}; give a date such as 2026-11-23, today or mon, or the {kind} "
                          "itself, such as 2026-W48 or 2026-11."),
    "report.period_conflict": N_("Choose one period, not several."),
    "report.bad_months": N_("The number of months must be from {low} to {high}, not {value}."),
}

CLI_WORDING: dict[str, str] = {
    "report.scope_conflict": N_("Use --user or --team, not both."),
    "report.period_conflict": N_("Use one of --day, --week and --month."),
}


@prepares("report.bad_period")
def _bad_period(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"examples": ", ".join(p["examples"])}


PERIOD_KINDS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


@prepares("report.bad_when", "activity.when_missing")
def _period_kind(template: str, p: dict[str, Any]) -> Prepared:
    """The kind of period in the interface's words (the code passes day, week or month)."""
    kind = p.get("kind")
    return template, p | ({"kind": _(PERIOD_KINDS[kind])} if kind in PERIOD_KINDS else {})
