"""Queries on the record of team-rule changes (`config history`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.store.models import SettingChange, User


def record_change(
    session: Session, *, key: str, old: str | None, new: str | None, at: datetime, by_id: int | None, origin: str
) -> None:
    session.execute(
        insert(SettingChange).values(key=key, old_value=old, new_value=new, at=at, by_user_id=by_id, origin=origin)
    )


def changes(session: Session, key: str | None = None) -> list[Any]:
    """(SettingChange, handle of who made it), oldest first."""
    by = aliased(User)
    query = select(SettingChange, by.handle).outerjoin(by, by.id == SettingChange.by_user_id)
    if key is not None:
        query = query.where(SettingChange.key == key)
    return list(session.execute(query.order_by(SettingChange.at, SettingChange.id)).all())
