from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, text
from sqlmodel import Field, SQLModel

from salescli.store.models import contact as _contact  # noqa: F401 - the table its foreign keys name
from salescli.store.models import customer as _customer  # noqa: F401 - the table its foreign keys name
from salescli.store.models import user as _user  # noqa: F401 - the table its foreign keys name

_OPEN = "due_on IS NOT NULL AND closed_at IS NULL"


class FollowUp(SQLModel, table=True):
    """A logged call, visit, email ...; with `due_on` set and `closed_at` empty it is an
    open task. Open tasks are a small slice of a large history, hence partial indexes.
    `assignee_id` starts as the author and moves with the customer on a handover."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_customer_happened", "customer_id", "happened_at"),
        Index(
            "ix_follow_ups_open_by_assignee",
            "assignee_id",
            "due_on",
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
        Index(
            "ix_follow_ups_open_by_customer",
            "customer_id",
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customers.id")
    contact_id: int | None = Field(default=None, foreign_key="contacts.id")
    author_id: int = Field(foreign_key="users.id")
    assignee_id: int | None = Field(default=None, foreign_key="users.id")
    happened_at: datetime
    kind: str = Field(max_length=16)  # call | visit | email | meeting | message | note
    summary: str = Field(sa_column=Column(Text, nullable=False))
    location: str | None = Field(default=None, max_length=300)
    next_action: str | None = Field(default=None, max_length=500)
    due_on: date | None = None
    closed_at: datetime | None = None
    closed_by_id: int | None = Field(default=None, foreign_key="users.id")
    closed_by_follow_up_id: int | None = Field(default=None, foreign_key="follow_ups.id")
    closed_note: str | None = Field(default=None, max_length=500)
    created_at: datetime
