"""Queries on the record of team-rule changes (`config history`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salescli.store.engine import Session


def record_change(
    session: Session, *, key: str, old: str | None, new: str | None, at: datetime, by_id: int | None, origin: str
) -> None:
    session.execute(
        "INSERT INTO setting_changes (key, old_value, new_value, at, by_user_id, origin)"
        " VALUES (:key, :old, :new, :at, :by, :origin)",
        {"key": key, "old": old, "new": new, "at": at, "by": by_id, "origin": origin},
    )


def changes(session: Session, key: str | None = None) -> list[Any]:
    """Change rows plus `by_handle`, who made each; oldest first."""
    where = " WHERE s.key = :key" if key is not None else ""
    return session.execute(
        f"SELECT s.*, u.handle AS by_handle FROM setting_changes s LEFT JOIN users u ON u.id = s.by_user_id{where}"
        " ORDER BY s.at, s.id",
        {"key": key},
    ).all()
