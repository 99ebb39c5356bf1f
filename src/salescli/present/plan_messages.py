"""Sentences of the plan area's errors and notices (merged into present/messages.py
MESSAGES) and the command line's own wording of those whose remedy is a flag (merged into
terminal/messages.py CLI_WORDING)."""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.import_messages import CANNOT_WRITE_PROBLEMS
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "plan.bad_capacity": N_("A capacity of {value} is not possible; plan at least 1 a day."),
    "plan.bad_start": N_("{value!r} is not a day or a week; give a date such as 2026-11-30, mon or +1w, or an ISO "
                         "week such as 2026-W49."),
    "plan.start_past": N_("A plan cannot start on {start}, before today ({today}); start today or later."),
    "plan.ics_cannot_write": N_("Cannot write the calendar file {path}: {problem}."),
    "weekly.cannot_write": N_("Cannot write the weekly report to {path}: {problem}."),
}

CLI_WORDING: dict[str, str] = {}


def _write_problem(template: str, p: dict[str, Any]) -> Prepared:
    """A file's write problem in words (the codes services/files.py gives)."""
    if p.get("problem") in CANNOT_WRITE_PROBLEMS:
        return template, p | {"problem": _(CANNOT_WRITE_PROBLEMS[p["problem"]])}
    return template, p


prepares("plan.ics_cannot_write", "weekly.cannot_write")(_write_problem)
