from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel


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


class SettingChange(SQLModel, table=True):
    """Who changed a team rule, when, from what to what; never deleted.

    `old_value` / `new_value` hold JSON, NULL meaning "the default"; `origin` says how the
    change came: `set` (salescli config set) or `file` (moved from a rep's config file)."""

    __tablename__ = "setting_changes"
    __table_args__ = (Index("ix_setting_changes_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)
    old_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    new_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    by_user_id: int | None = Field(default=None, foreign_key="users.id")
    at: datetime
    origin: str = Field(default="set", max_length=16)
