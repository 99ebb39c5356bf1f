"""Cleaning what a user typed, once, below every interface: spaces, case, codes, phone
numbers and email addresses. Each function returns the clean value or raises the typed
error that says what is wrong with it."""

from __future__ import annotations

from salescli.core.errors import BadInputError
from salescli.domain import dedupe
from salescli.domain.codes import GRADES, SIZES


def clean_text(value: str | None) -> str | None:
    """Spaces collapsed (a multi-line text only trimmed); empty means None."""
    if value is None:
        return None
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    return value or None


def parse_grade(raw: str | None) -> str | None:
    if raw is None:
        return None
    grade = raw.strip().upper()
    if grade not in GRADES:
        raise BadInputError("customer.bad_grade", value=raw, allowed=GRADES)
    return grade


def parse_size(raw: str | None) -> str | None:
    size = (raw or "").strip().lower()
    if not size:
        return None
    if size not in SIZES:
        raise BadInputError("customer.bad_size", value=raw, allowed=SIZES)
    return size


def check_phone(raw: str | None) -> str | None:
    phone = clean_text(raw)
    if phone and not dedupe.looks_like_phone(phone):
        raise BadInputError("input.bad_phone", value=raw)
    return phone


def check_email(raw: str | None) -> str | None:
    email = clean_text(raw)
    if email and not dedupe.looks_like_email(email):
        raise BadInputError("input.bad_email", value=raw)
    return email


def clean_tags(tags: list[str]) -> list[str]:
    if any(not tag.strip() for tag in tags):
        raise BadInputError("customer.empty_tag")
    return sorted({t.strip() for t in tags})


