"""Finding records from what a rep typed: an id, a name, or part of a name.

A name that matches several records is refused with the candidates (exit 2), never
guessed: logging a call on the wrong customer is worse than asking.
"""

from __future__ import annotations

from salescli.core.errors import AmbiguousError, BadInputError, NotFoundError
from salescli.core.i18n import _
from salescli.domain.dedupe import name_key
from salescli.store.engine import Session
from salescli.store.models import Contact, Customer, User
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import users as user_queries

MAX_CANDIDATES = 10


def _candidate_line(session: Session, customer: Customer) -> str:
    owner = user_queries.handle_of(session, customer.owner_id) or _("pool")
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
    exact = customer_queries.by_name_key(session, key, limit=MAX_CANDIDATES + 1)
    found = _pick(session, ref, exact)
    if found is not None:
        return found
    partial = customer_queries.by_partial_name(session, ref, key, limit=MAX_CANDIDATES + 1)
    found = _pick(session, ref, partial)
    if found is not None:
        return found
    raise NotFoundError(_("No customer matches {ref!r}.").format(ref=ref))


def resolve_contact(session: Session, customer: Customer, ref: str) -> Contact:
    """A contact of `customer` by id or (part of) name."""
    ref = (ref or "").strip()
    if not ref:
        raise BadInputError(_("A contact name is required."))
    contacts = sorted(contact_queries.live_of(session, customer.id), key=lambda c: c.id)
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
    user = user_queries.by_handle(session, handle)
    if user is None:
        raise NotFoundError(_("There is no user {handle!r}.").format(handle=handle))
    return user
