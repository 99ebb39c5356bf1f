from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from salescli.store.models import user as _user  # noqa: F401 - the table its foreign keys name


class Customer(SQLModel, table=True):
    """A company or person who buys. `owner_id` None means the customer is in the pool.

    `name_key`, `phone_key` and `email_key` hold the normalized dedupe keys
    (docs/identity-and-dedupe.md) so duplicate checks are index look-ups; `last_contact_at` is kept in
    step with follow-ups so agenda and forgotten queries never scan history.
    """

    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_owner_last_contact", "owner_id", "archived", "last_contact_at"),
        Index("ix_customers_name_key", "name_key"),
        Index("ix_customers_phone_key", "phone_key"),
        Index("ix_customers_email_key", "email_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=16)  # micro | small | medium | large
    city: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    source: str | None = Field(default=None, max_length=100)
    grade: str = Field(default="B", max_length=1)  # A key | B general | C potential
    phone: str | None = Field(default=None, max_length=64)
    phone_key: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=200)
    email_key: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    owner_id: int | None = Field(default=None, foreign_key="users.id")
    claimed_at: datetime | None = None
    last_contact_at: datetime | None = None
    created_at: datetime
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    updated_at: datetime | None = None
    archived: bool = Field(default=False)
    archived_at: datetime | None = None


class CustomerTag(SQLModel, table=True):
    """One tag on one customer; a table rather than a text column so `--tag` is indexed."""

    __tablename__ = "customer_tags"
    __table_args__ = (Index("ix_customer_tags_tag", "tag"),)

    customer_id: int = Field(foreign_key="customers.id", primary_key=True)
    tag: str = Field(max_length=64, primary_key=True)
