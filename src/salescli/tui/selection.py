"""What the keys act on: each screen says what is selected on it (docs/dashboard.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Selection:
    customer_id: int | None = None
    customer: str | None = None
    task_id: int | None = None
    deal_id: int | None = None

    @classmethod
    def of(cls, row: Any) -> Selection:
        """A list's line: its customer, and the task and deal it is about, if any."""
        return cls(row.customer_id, row.customer, getattr(row, "task_id", None), getattr(row, "deal_id", None))
