from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from salescli.store.models import user as _user  # noqa: F401 - the table its foreign keys name


class TeamSetting(SQLModel, table=True):
    """One team rule (`pool.max_owned`, `forgotten.a_days`, ...) as the team set it.

    Kept in the store, not in each rep's file, so the rules are the same for everyone
    (docs/settings.md). `value` is the JSON of the checked value; a key with no row has
    its default."""

    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime
    updated_by_id: int | None = Field(default=None, foreign_key="users.id")
