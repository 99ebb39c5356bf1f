from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from salescli.store.models import customer as _customer  # noqa: F401 - the table its foreign keys name
from salescli.store.models import user as _user  # noqa: F401 - the table its foreign keys name


class OwnershipEvent(SQLModel, table=True):
    """Every change of a customer's owner (create, claim, release, recycle, assign,
    transfer, handover), never deleted: the audit trail the pool rules read back."""

    __tablename__ = "ownership_events"
    __table_args__ = (Index("ix_ownership_events_customer_at", "customer_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customers.id")
    kind: str = Field(max_length=16)
    from_user_id: int | None = Field(default=None, foreign_key="users.id")
    to_user_id: int | None = Field(default=None, foreign_key="users.id")
    by_user_id: int | None = Field(default=None, foreign_key="users.id")
    at: datetime
    reason: str | None = Field(default=None, max_length=500)
