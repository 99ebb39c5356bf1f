"""What a rep is told after logging a follow-up or closing a task, in the CLI's lines and
the dashboard's notifications alike."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.core.i18n import _, ngettext
from salescli.present.formatting import due_phrase, format_due
from salescli.present.labels import KINDS, label


def logged_lines(result: Any, now: datetime) -> list[str]:
    """`log`: what was logged, the tasks it closed, and the next step it planned."""
    follow_up = result.follow_up
    lines = [_("Logged {kind} with {customer} (#{id}).").format(
        kind=label(KINDS, follow_up.kind), customer=result.customer.name, id=result.customer.id)]
    if result.closed_tasks:
        ids = ", ".join(f"#{i}" for i in result.closed_tasks)
        lines.append(ngettext("Closed {n} open task ({ids}).", "Closed {n} open tasks ({ids}).",
                              len(result.closed_tasks)).format(n=len(result.closed_tasks), ids=ids))
    if follow_up.due_on:
        due = follow_up.due_on
        lines.append(_("Next: {action}, {when} ({relative}); task #{id}.").format(
            # the same action `tasks` shows: what was typed, else what the follow-up was about
            action=follow_up.next_action or follow_up.summary, when=format_due(due, follow_up.due_at),
            relative=due_phrase(due, now.date()), id=follow_up.id))
    return lines


def done_lines(view: Any, kind: str) -> list[str]:
    """`done`: the task closed and the follow-up that recorded it."""
    # The customer's name may end in a period ("Co., Ltd."): the sentence then ends there.
    return [
        _("Done: task #{id} for {customer}: {action}").format(id=view.id, customer=view.customer, action=view.action),
        _("Logged {kind}: {summary}").format(kind=label(KINDS, kind), summary=view.closed_note or view.action),
    ]
