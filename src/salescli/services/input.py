"""Cleaning what a user typed, once, below every interface: spaces, case, codes, phone
numbers and email addresses. Each function returns the clean value or raises the typed
error that says what is wrong with it."""

from __future__ import annotations

from salescli.core.errors import BadInputError
from salescli.domain import dedupe, text
from salescli.domain.codes import GRADES, SIZES


def clean_text(value: str | None, field: str) -> str | None:
    """A typed free-text value checked against its field's rules (domain/text.py):
    no control, direction or invisible characters (a newline and a tab only where the
    field spans lines), no longer than its limit; spaces collapsed (a multi-line text only
    trimmed). Empty means None."""
    if value is None:
        return None
    rules = text.FIELDS[field]
    value = value.replace("\r\n", "\n").strip() if rules.multiline else value.strip()
    char = text.bad_character(value, multiline=rules.multiline)
    if char is not None:
        raise BadInputError("input.bad_characters", field=field, char=text.code_point(char),
                            kind=text.character_kind(char))
    value = text.tidy(value, multiline=rules.multiline)
    if text.length(value) > rules.limit:
        raise BadInputError("input.too_long", field=field, limit=rules.limit, length=text.length(value))
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
    phone = clean_text(raw, "phone")
    if phone and not dedupe.looks_like_phone(phone):
        raise BadInputError("input.bad_phone", value=raw)
    return phone


def check_email(raw: str | None) -> str | None:
    email = clean_text(raw, "email")
    if email and not dedupe.looks_like_email(email):
        raise BadInputError("input.bad_email", value=raw)
    return email


def clean_tags(tags: list[str]) -> list[str]:
    if any(not tag.strip() for tag in tags):
        raise BadInputError("customer.empty_tag")
    return sorted({clean_text(t, "tag") for t in tags})  # type: ignore[type-var] - none is empty


