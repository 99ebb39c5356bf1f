"""Queries on the team settings (read by nearly every command, so nothing else here)."""

from __future__ import annotations

from datetime import datetime

from salescli.store.engine import Session


def stored_values(session: Session) -> dict[str, str]:
    """Every team setting the store holds, as key -> JSON text: one primary-key scan of a
    table of a few dozen rows."""
    return dict(session.execute("SELECT key, value FROM settings").all())


def put(session: Session, key: str, value: str | None, *, at: datetime, by_id: int | None) -> None:
    """Store a value (JSON text), or remove the row (back to the default) when None."""
    session.execute("DELETE FROM settings WHERE key = :key", {"key": key})
    if value is not None:
        session.execute(
            "INSERT INTO settings (key, value, updated_at, updated_by_id) VALUES (:key, :value, :at, :by)",
            {"key": key, "value": value, "at": at, "by": by_id},
        )
