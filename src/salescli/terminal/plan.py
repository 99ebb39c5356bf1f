"""`plan week` drawn in a terminal (docs/plan.md): a table per day under its heading, the
items not planned with why, and a closing line with the totals and what to do next."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.i18n import _
from salescli.present import plan as words
from salescli.terminal.render import columns_table, message


def render_week_plan(plan: Any, now: datetime, *, ics: str | None = None) -> None:
    for day in plan.days:
        items = [i for i in plan.items if i.day == day]
        visits = sum(1 for i in items if i.kind == "visit")
        title = words.day_heading(day, visits, len(items) - visits)
        if items:
            columns_table(words.COLUMNS, [words.plan_row(i) for i in items], now=now, title=title)
        else:
            message(_("{heading}: nothing planned.").format(heading=title))
    if plan.overflow:
        rows = [words.plan_row(o, reason_words=words.overflow_words(o.reason)) for o in plan.overflow]
        columns_table(words.OVERFLOW_COLUMNS, rows, now=now, title=_("Not planned"))
    message(words.totals(plan))
    if plan.committed is not None:
        message(words.committed_words(plan.committed))
    if ics:
        message(_("Calendar written to {path}.").format(path=ics))
    if plan.committed is None and ics:
        message(_("Nothing was recorded: add --commit to make these tasks."))
    elif plan.committed is None:
        message(_("Nothing was recorded: add --commit to make these tasks, or --ics FILE for your calendar."))
