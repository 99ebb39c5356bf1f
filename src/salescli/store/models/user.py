from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    """A rep, manager or admin; the handle is what people type (`alice`)."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(max_length=64, unique=True)
    display_name: str = Field(default="", max_length=200)
    role: str = Field(default="rep", max_length=16)  # rep | manager | admin
    active: bool = Field(default=True)
    created_at: datetime
