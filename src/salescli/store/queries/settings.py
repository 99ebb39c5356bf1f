"""Queries on the team settings (read by nearly every command, so nothing else here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from salescli.store.engine import Session
from salescli.store.tables import settings


def stored_values(session: Session) -> dict[str, str]:
    """Every team setting the store holds, as key -> JSON text: one primary-key scan of a
    table of a few dozen rows."""
    return dict(session.execute(select(settings.c.key, settings.c.value)).all())


def put(session: Session, key: str, value: str | None, *, at: datetime, by_id: int | None) -> None:
    """Store a value (JSON text), or remove the row (back to the default) when None."""
    session.execute(delete(settings).where(settings.c.key == key))
    if value is not None:
        session.execute(insert(settings).values(key=key, value=value, updated_at=at, updated_by_id=by_id))
