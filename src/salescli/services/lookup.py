"""Finding records from what a rep typed: an id, a name, or part of a name.

A name that matches several records is refused with the candidates (exit 2), never
guessed: logging a call on the wrong customer is worse than asking.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlmodel import Session

from salescli.domain.dedupe import name_key
from salescli.errors import AmbiguousError, BadInputError, NotFoundError
from salescli.i18n import _
from salescli.store.models import Contact, Customer, User

MAX_CANDIDATES = 10


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _candidate_line(session: Session, customer: Customer) -> str:
    owner = session.get(User, customer.owner_id).handle if customer.owner_id else _("pool")
    parts = [f"#{customer.id}", customer.name]
    extra = ", ".join(p for p in (customer.city, owner) if p)
    if customer.archived:
        extra += ", " + _("archived")
    return "  " + " ".join(parts) + (f" ({extra})" if extra else "")


def _pick(session: Session, ref: str, matches: list[Customer]) -> Customer | None:
    if len(matches) > 1:
        live = [c for c in matches if not c.archived]
        matches = live if live else matches
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousError(
            _("{ref!r} matches {count} customers; use the id or more of the name:").format(
                ref=ref, count=len(matches) if len(matches) <= MAX_CANDIDATES else f"{MAX_CANDIDATES}+"
            ),
            details=[_candidate_line(session, c) for c in matches[:MAX_CANDIDATES]],
        )
    return None


def resolve_customer(session: Session, ref: str) -> Customer:
    """By id (`12` or `#12`), then exact normalized name, then part of the name."""
    ref = (ref or "").strip()
    if not ref:
        raise BadInputError(_("A customer name or id is required."))
    digits = ref[1:] if ref.startswith("#") else ref
    if digits.isdigit():
        customer = session.get(Customer, int(digits))
        if customer is not None:
            return customer
        if ref.startswith("#"):
            raise NotFoundError(_("There is no customer #{id}.").format(id=digits))
    key = name_key(ref)
    exact = list(
        session.execute(
            select(Customer).where(Customer.name_key == key).order_by(Customer.id).limit(MAX_CANDIDATES + 1)
        ).scalars()
    )
    found = _pick(session, ref, exact)
    if found is not None:
        return found
    pattern = f"%{_escape_like(ref)}%"
    key_pattern = f"%{_escape_like(key)}%" if key else pattern
    partial = list(
        session.execute(
            select(Customer)
            .where(or_(Customer.name.ilike(pattern, escape="\\"), Customer.name_key.like(key_pattern, escape="\\")))
            .order_by(Customer.archived, Customer.id)
            .limit(MAX_CANDIDATES + 1)
        ).scalars()
    )
    found = _pick(session, ref, partial)
    if found is not None:
        return found
    raise NotFoundError(_("No customer matches {ref!r}.").format(ref=ref))


def resolve_contact(session: Session, customer: Customer, ref: str) -> Contact:
    """A contact of `customer` by id or (part of) name."""
    ref = (ref or "").strip()
    if not ref:
        raise BadInputError(_("A contact name is required."))
    contacts = list(
        session.execute(
            select(Contact).where(Contact.customer_id == customer.id, Contact.archived.is_(False))
            .order_by(Contact.id)
        ).scalars()
    )
    digits = ref.lstrip("#")
    if digits.isdigit():
        for contact in contacts:
            if contact.id == int(digits):
                return contact
    folded = ref.casefold()
    exact = [c for c in contacts if c.name.casefold() == folded]
    matches = exact or [c for c in contacts if folded in c.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousError(
            _("{ref!r} matches {count} contacts at {customer}:").format(
                ref=ref, count=len(matches), customer=customer.name
            ),
            details=[f"  #{c.id} {c.name}" + (f" ({c.title})" if c.title else "") for c in matches],
        )
    known = ", ".join(c.name for c in contacts) or _("none yet")
    raise NotFoundError(
        _("{customer} has no contact {ref!r} (contacts: {known}).").format(
            customer=customer.name, ref=ref, known=known
        )
    )


def resolve_user(session: Session, handle: str) -> User:
    handle = (handle or "").strip().lower()
    user = session.execute(select(User).where(User.handle == handle)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(_("There is no user {handle!r}.").format(handle=handle))
    return user
