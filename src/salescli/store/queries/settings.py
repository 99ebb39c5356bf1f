"""Queries on the team settings and the record of their changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from salescli.store.models import SettingChange, TeamSetting, User


def stored_values(session: Session) -> dict[str, str]:
    """Every team setting the store holds, as key -> JSON text: one primary-key scan of a
    table of a few dozen rows."""
    return dict(session.execute(select(TeamSetting.key, TeamSetting.value)).all())


def put(session: Session, key: str, value: str | None, *, at: datetime, by_id: int | None) -> None:
    """Store a value (JSON text), or remove the row (back to the default) when None."""
    session.execute(delete(TeamSetting).where(TeamSetting.key == key))
    if value is not None:
        session.execute(insert(TeamSetting).values(key=key, value=value, updated_at=at, updated_by_id=by_id))


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
