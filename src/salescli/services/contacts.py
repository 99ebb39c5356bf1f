"""Contact use cases: add, list, edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salescli.core.errors import BadInputError, NotFoundError
from salescli.core.i18n import _
from salescli.domain import dedupe
from salescli.domain.agenda import parse_birthday
from salescli.services.context import Context
from salescli.services.customers import contact_view
from salescli.services.lookup import resolve_contact, resolve_customer
from salescli.store.models import Contact, Customer
from salescli.store.queries import contacts as queries


@dataclass
class ContactInput:
    name: str | None = None
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    wechat: str | None = None
    birthday: str | None = None
    primary: bool | None = None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value is not None else None


def _fields(data: ContactInput, region: str) -> dict[str, Any]:
    """Checked column values for the options that were given ("" clears a field)."""
    out: dict[str, Any] = {}
    if data.name is not None:
        if not _clean(data.name):
            raise BadInputError(_("The contact name cannot be empty."))
        out["name"] = _clean(data.name)
    if data.title is not None:
        out["title"] = _clean(data.title)
    if data.wechat is not None:
        out["wechat"] = _clean(data.wechat)
    if data.phone is not None:
        phone = _clean(data.phone)
        if phone and not (dedupe.looks_like_phone(phone) and dedupe.phone_key(phone, region)):
            raise BadInputError(_("Not a phone number: {value!r}.").format(value=data.phone))
        out["phone"], out["phone_key"] = phone, dedupe.phone_key(phone, region)
    if data.email is not None:
        email = _clean(data.email)
        if email and not dedupe.looks_like_email(email):
            raise BadInputError(_("Not an email address: {value!r}.").format(value=data.email))
        out["email"], out["email_key"] = email, dedupe.email_key(email)
    if data.birthday is not None:
        if not data.birthday.strip():
            out["birthday_md"], out["birthday_year"] = None, None
        else:
            try:
                out["birthday_md"], out["birthday_year"] = parse_birthday(data.birthday)
            except ValueError:
                raise BadInputError(
                    _("Not a birthday: {value!r} (use 1985-03-14 or 03-14).").format(value=data.birthday)
                ) from None
    if data.primary is not None:
        out["is_primary"] = data.primary
    return out


def add_contact(ctx: Context, customer_ref: str, data: ContactInput) -> dict[str, Any]:
    if data.name is None or not _clean(data.name):
        raise BadInputError(_("The contact name cannot be empty."))
    fields = _fields(data, ctx.setting("import.default_region"))
    with ctx.store.session(write=True) as session:
        customer = resolve_customer(session, customer_ref)
        # The first contact of a customer is its primary one unless said otherwise.
        fields.setdefault("is_primary", not queries.has_live(session, customer.id))
        contact = Contact(customer_id=customer.id, created_at=ctx.now, **fields)
        session.add(contact)
        session.flush()
        if contact.is_primary:
            queries.clear_other_primaries(session, customer.id, contact.id)
        view = contact_view(contact)
        view["customer"] = customer.name
        return view


def list_contacts(ctx: Context, customer_ref: str | None) -> list[dict[str, Any]]:
    """One customer's contacts, or every contact of the acting user's customers."""
    with ctx.store.session() as session:
        if customer_ref:
            customer = resolve_customer(session, customer_ref)
            rows = queries.with_customer_names(session, customer_id=customer.id)
        else:
            rows = queries.with_customer_names(session, owner_id=ctx.user_id)
    out = []
    for contact, customer_name in rows:
        view = contact_view(contact)
        view["customer"] = customer_name
        out.append(view)
    return out


def edit_contact(
    ctx: Context, ref: str, data: ContactInput, *, customer_ref: str | None = None
) -> dict[str, Any]:
    """REF is a contact id, or a name among `customer_ref`'s contacts."""
    fields = _fields(data, ctx.setting("import.default_region"))
    if not fields:
        raise BadInputError(_("Nothing to change: give at least one option (see --help)."))
    with ctx.store.session(write=True) as session:
        if customer_ref:
            contact = resolve_contact(session, resolve_customer(session, customer_ref), ref)
        else:
            digits = ref.strip().lstrip("#")
            if not digits.isdigit():
                raise BadInputError(
                    _("Give the contact's id, or its name with --customer.")
                )
            contact = session.get(Contact, int(digits))
            if contact is None or contact.archived:
                raise NotFoundError(_("There is no contact #{id}.").format(id=digits))
        for name, value in fields.items():
            setattr(contact, name, value)
        session.flush()
        if contact.is_primary:
            queries.clear_other_primaries(session, contact.customer_id, contact.id)
        view = contact_view(contact)
        view["customer"] = session.get(Customer, contact.customer_id).name
        return view
