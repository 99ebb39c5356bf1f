from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from salescli.store.models import user as _user  # noqa: F401 - the table its foreign keys name


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
