"""Finding records from what a rep typed: an id, a name, or part of a name.

A name that matches several records is refused with the candidates (exit 2), never
guessed: logging a call on the wrong customer is worse than asking.
"""

from __future__ import annotations

from typing import Any

from salescli.core.errors import AmbiguousError, BadInputError, NotFoundError
from salescli.domain.dedupe import name_key
from salescli.domain.ids import looks_like_id, record_id, storable
from salescli.domain.pinyin import query_key
from salescli.domain.users import normalize_handle
from salescli.store.engine import Session
from salescli.store.queries import contacts as contact_queries
from salescli.store.queries import customers as customer_queries
from salescli.store.queries import users as user_queries

MAX_CANDIDATES = 10


def candidate(session: Session, customer: Any) -> dict[str, Any]:
    """What tells two customers apart in a list of candidates."""
    return {
        "id": customer.id, "name": customer.name, "city": customer.city,
        "owner": user_queries.handle_of(session, customer.owner_id), "archived": customer.archived,
    }


def _pick(session: Session, ref: str, matches: list[Any]) -> Any | None:
    if len(matches) > 1:
        live = [c for c in matches if not c.archived]
        matches = live if live else matches
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousError(
            "customer.ambiguous", ref=ref, count=len(matches), more=len(matches) > MAX_CANDIDATES,
            candidates=[candidate(session, c) for c in matches[:MAX_CANDIDATES]],
        )
    return None


def resolve_customer(session: Session, ref: str) -> Any:
    """By id (`12` or `#12`), then exact normalized name, then part of the name, then by
    pinyin (`hongda`, `hd`: a whole pinyin or initials key, then part of one)."""
    ref = (ref or "").strip()
    if not ref:
        raise BadInputError("customer.ref_required")
    number = record_id(ref[1:] if ref.startswith("#") else ref)
    if number is not None:
        customer = customer_queries.get(session, number) if storable(number) else None
        if customer is not None:
            return customer
        if ref.startswith("#"):
            raise NotFoundError("customer.no_such_id", id=number)
    elif looks_like_id(ref):
        raise BadInputError("customer.bad_id", ref=ref)
    key = name_key(ref)
    exact = customer_queries.by_name_key(session, key, limit=MAX_CANDIDATES + 1)
    found = _pick(session, ref, exact)
    if found is not None:
        return found
    partial = customer_queries.by_partial_name(session, ref, key, limit=MAX_CANDIDATES + 1)
    found = _pick(session, ref, partial)
    if found is not None:
        return found
    spoken = query_key(ref)
    if spoken:
        for look_up in (customer_queries.by_pinyin, customer_queries.by_partial_pinyin):
            found = _pick(session, ref, look_up(session, spoken, limit=MAX_CANDIDATES + 1))
            if found is not None:
                return found
    raise NotFoundError("customer.no_match", ref=ref)


def resolve_contact(session: Session, customer: Any, ref: str) -> Any:
    """A contact of `customer` by id or (part of) name."""
    ref = (ref or "").strip()
    if not ref:
        raise BadInputError("contact.ref_required")
    contacts = sorted(contact_queries.live_of(session, customer.id), key=lambda c: c.id)
    number = record_id(ref.lstrip("#"))
    if number is not None:
        for contact in contacts:
            if contact.id == number:
                return contact
    elif looks_like_id(ref):
        raise BadInputError("contact.bad_id", ref=ref)
    folded = ref.casefold()
    exact = [c for c in contacts if c.name.casefold() == folded]
    matches = exact or [c for c in contacts if folded in c.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousError(
            "contact.ambiguous", ref=ref, count=len(matches), customer=customer.name,
            candidates=[{"id": c.id, "name": c.name, "title": c.title} for c in matches],
        )
    raise NotFoundError("contact.no_match", ref=ref, customer=customer.name, known=[c.name for c in contacts])


def resolve_user(session: Session, handle: str) -> Any:
    clean = normalize_handle(handle or "")
    user = user_queries.by_handle(session, clean)
    if user is None:
        raise NotFoundError("user.unknown", handle=clean)
    return user
