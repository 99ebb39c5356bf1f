from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from salescli.store.models import customer as _customer  # noqa: F401 - the table its foreign keys name


class Contact(SQLModel, table=True):
    """A person at a customer. Birthdays keep month-day apart (`birthday_md` = MMDD) so
    "birthdays this week" is an indexed IN query, and the year only when known."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_customer", "customer_id"),
        Index("ix_contacts_phone_key", "phone_key"),
        Index("ix_contacts_email_key", "email_key"),
        Index("ix_contacts_birthday_md", "birthday_md"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customers.id")
    name: str = Field(max_length=200)
    title: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=64)
    phone_key: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=200)
    email_key: str | None = Field(default=None, max_length=200)
    wechat: str | None = Field(default=None, max_length=100)
    birthday_md: int | None = None
    birthday_year: int | None = None
    is_primary: bool = Field(default=False)
    created_at: datetime
    archived: bool = Field(default=False)
