"""Queries on the record of team-rule changes (`config history`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from salescli.store.engine import Session
from salescli.store.tables import setting_changes, users

Change = setting_changes.c


def record_change(
    session: Session, *, key: str, old: str | None, new: str | None, at: datetime, by_id: int | None, origin: str
) -> None:
    session.execute(
        insert(setting_changes).values(key=key, old_value=old, new_value=new, at=at, by_user_id=by_id, origin=origin)
    )


def changes(session: Session, key: str | None = None) -> list[Any]:
    """Change rows plus `by_handle`, who made each; oldest first."""
    by = users.alias()
    query = select(setting_changes, by.c.handle.label("by_handle")).outerjoin(by, by.c.id == Change.by_user_id)
    if key is not None:
        query = query.where(Change.key == key)
    return list(session.execute(query.order_by(Change.at, Change.id)).all())
