"""Follow-up tasks (docs/agenda.md): a follow-up with a next date is an open task until
a later follow-up on the same customer, or `done`, closes it."""

from __future__ import annotations

from datetime import datetime


def closes(task_happened_at: datetime, follow_up_happened_at: datetime) -> bool:
    """Whether logging a follow-up that happened at `follow_up_happened_at` closes a task
    left by a follow-up that happened at `task_happened_at`: it does when it is not older.
    (A call logged late, for last week, leaves this week's plans open.)"""
    return task_happened_at <= follow_up_happened_at
