"""`plan review` in a terminal: the week's items with their status, then the summary
(present/plan_review.py has the words)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from salescli.present import plan_review as words
from salescli.terminal.render import columns_table, message


def render_review(review: Any, now: datetime) -> None:
    if not review.committed:
        message(words.no_plan(review.week))
        return
    rows = [
        SimpleNamespace(day=item.day, kind=words.kind_label(item.kind), customer=item.customer,
                        purpose=words.purpose_label(item.purpose), status=words.status_label(item.status),
                        detail=words.detail(item))
        for item in review.items
    ]
    columns_table(words.COLUMNS, rows, now=now, title=words.title(review))
    for line in words.summary_lines(review.summary):
        message(line)
