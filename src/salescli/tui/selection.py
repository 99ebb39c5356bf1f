"""What the keys act on: each screen says what is selected on it (docs/dashboard.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Selection:
    customer_id: int | None = None
    customer: str | None = None
    task_id: int | None = None
    deal_id: int | None = None
