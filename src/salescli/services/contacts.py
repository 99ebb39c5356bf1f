"""Contact use cases: add, list, edit. Changing a customer's contacts is acting on the
customer: its owner or a manager (docs/roles.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from salescli.core.errors import BadInputError, NotFoundError
from salescli.domain import dedupe
from salescli.domain.agenda import OLDEST_AGE, BirthdayRangeError, parse_birthday
from salescli.domain.ids import record_id, storable
from salescli.services.access import require_owner
from salescli.services.context import Context
from salescli.services.input import check_email, check_phone, clean_text
from salescli.services.lookup import resolve_contact, resolve_customer
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store.queries import contacts as queries
from salescli.store.queries import customers as customer_queries


@record
class ContactView(Record):
    id: int
    customer_id: int
    customer: str | None
    name: str
    title: str | None
    phone: str | None
    email: str | None
    wechat: str | None
    birthday: str | None  # YYYY-MM-DD, or MM-DD when the year is unknown
    primary: bool


@dataclass
class ContactInput:
    """What a rep typed; None means "not given", "" clears a field on edit."""

    name: str | None = None
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    wechat: str | None = None
    birthday: str | None = None
    primary: bool | None = None


def contact_view(c: Any, customer_name: str | None) -> ContactView:
    birthday = None
    if c.birthday_md:
        month, day = divmod(c.birthday_md, 100)
        birthday = f"{c.birthday_year:04d}-{month:02d}-{day:02d}" if c.birthday_year else f"{month:02d}-{day:02d}"
    return ContactView(c.id, c.customer_id, customer_name, c.name, c.title, c.phone, c.email, c.wechat, birthday,
                       c.is_primary)


def _fields(data: ContactInput, today: date) -> dict[str, Any]:
    """Checked column values for what was given (phone and email keys come later, with
    the store's region)."""
    out: dict[str, Any] = {}
    if data.name is not None:
        out["name"] = clean_text(data.name, "contact_name")
        if not out["name"]:
            raise BadInputError("contact.name_empty")
    if data.title is not None:
        out["title"] = clean_text(data.title, "title")
    if data.wechat is not None:
        out["wechat"] = clean_text(data.wechat, "wechat")
    if data.phone is not None:
        out["phone"] = check_phone(data.phone)
    if data.email is not None:
        out["email"] = check_email(data.email)
    if data.birthday is not None:
        if not data.birthday.strip():
            out["birthday_md"], out["birthday_year"] = None, None
        else:
            try:
                out["birthday_md"], out["birthday_year"] = parse_birthday(data.birthday, today)
            except BirthdayRangeError:
                raise BadInputError("contact.birthday_out_of_range", value=data.birthday,
                                    earliest=today.year - OLDEST_AGE) from None
            except ValueError:
                raise BadInputError("contact.bad_birthday", value=data.birthday) from None
    if data.primary is not None:
        out["is_primary"] = data.primary
    return out


def _with_keys(fields: dict[str, Any], region: str) -> dict[str, Any]:
    if "phone" in fields:
        phone_key = dedupe.phone_key(fields["phone"], region)
        if fields["phone"] and not phone_key:
            raise BadInputError("input.bad_phone", value=fields["phone"])
        fields["phone_key"] = phone_key
    if "email" in fields:
        fields["email_key"] = dedupe.email_key(fields["email"])
    return fields


def _may_change(session: Any, ctx: Context, customer: Any, action: str) -> None:
    require_owner(session, ctx, customer.owner_id, action=action, record="customer", record_id=customer.id,
                  record_name=customer.name)


def add_contact(ctx: Context, customer_ref: str, data: ContactInput) -> ContactView:
    if data.name is None or not clean_text(data.name, "contact_name"):
        raise BadInputError("contact.name_empty")
    now = ctx.now()
    fields = _fields(data, now.date())
    with ctx.session(write=True) as session:
        fields = _with_keys(fields, team_rules(session).get("import.default_region"))
        customer = resolve_customer(session, customer_ref)
        _may_change(session, ctx, customer, "add_contact")
        # The first contact of a customer is its primary one unless said otherwise.
        fields.setdefault("is_primary", not queries.has_live(session, customer.id))
        contact = queries.get(session, queries.create(session, customer_id=customer.id, at=now, **fields))
        if contact.is_primary:
            queries.clear_other_primaries(session, customer.id, contact.id)
        return contact_view(contact, customer.name)


def list_contacts(ctx: Context, customer_ref: str | None = None) -> list[ContactView]:
    """One customer's contacts, or every contact of the acting user's customers."""
    with ctx.session() as session:
        if customer_ref:
            customer = resolve_customer(session, customer_ref)
            rows = queries.with_customer_names(session, customer_id=customer.id)
        else:
            rows = queries.with_customer_names(session, owner_id=ctx.user_id)
    return [contact_view(row, row.customer_name) for row in rows]


def edit_contact(ctx: Context, ref: str, data: ContactInput, *, customer_ref: str | None = None) -> ContactView:
    """REF is a contact id, or a name among `customer_ref`'s contacts."""
    fields = _fields(data, ctx.now().date())
    if not fields:
        raise BadInputError("edit.nothing")
    with ctx.session(write=True) as session:
        fields = _with_keys(fields, team_rules(session).get("import.default_region"))
        if customer_ref:
            contact = resolve_contact(session, resolve_customer(session, customer_ref), ref)
        else:
            number = record_id((ref or "").strip().lstrip("#"))
            if number is None:
                raise BadInputError("contact.ref_needs_customer", ref=ref)
            contact = queries.get(session, number) if storable(number) else None
            if contact is None or contact.archived:
                raise NotFoundError("contact.no_such_id", id=number)
        customer = customer_queries.get(session, contact.customer_id)
        _may_change(session, ctx, customer, "edit_contact")
        queries.change(session, contact.id, fields)
        contact = queries.get(session, contact.id)
        if contact.is_primary:
            queries.clear_other_primaries(session, contact.customer_id, contact.id)
        return contact_view(contact, customer.name)
