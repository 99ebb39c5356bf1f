"""A lead's life as pure rules (docs/leads.md): its statuses, which step each allows, and
how a merge combines two leads' fields. No I/O; the services read and write.

new -> working (the first follow-up) -> converted (into a customer) or disqualified (with
a reason); a disqualified lead can be reopened (back to working); a converted one is done.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from salescli.domain.codes import LEAD_STATUSES

NEW, WORKING, CONVERTED, DISQUALIFIED = LEAD_STATUSES
OPEN: tuple[str, ...] = (NEW, WORKING)  # still being worked: what `lead list` shows by default

# Fields a merge fills on the kept lead when it has none; a key travels with its field.
MERGED_FIELDS: tuple[tuple[str, ...], ...] = (
    ("company", "company_key"), ("contact", "contact_key"), ("title",), ("phone", "phone_key"),
    ("email", "email_key"), ("wechat",), ("city",), ("address",), ("industry",), ("source",), ("website",),
    ("note",), ("customer_id",),
)


def is_open(status: str) -> bool:
    return status in OPEN


def after_follow_up(status: str) -> str:
    """A follow-up on a new lead means someone is working it."""
    return WORKING if status == NEW else status


def blocked(status: str, step: str) -> str | None:
    """Why `step` (take, log, convert, disqualify, reopen, release, assign) cannot happen to
    a lead in `status`: the status that blocks it, or None when it may."""
    if step == "reopen":
        return None if status == DISQUALIFIED else status
    return None if status in OPEN else status


def merged_status(keep: str, other: str) -> str:
    """A new lead merged with one being worked is being worked."""
    return WORKING if keep == NEW and other == WORKING else keep


def filled_fields(keep: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the kept lead lacks and the other has, with their keys."""
    changes: dict[str, Any] = {}
    for group in MERGED_FIELDS:
        if _empty(keep.get(group[0])) and not _empty(other.get(group[0])):
            changes.update({name: other.get(name) for name in group})
    return changes


def merged_flags(keep: str | None, other: str | None) -> str | None:
    """Both leads' flags (bad_phone, bad_email), each once, in a stable order."""
    flags = sorted({f for text in (keep, other) if text for f in text.split(",") if f})
    return ",".join(flags) or None


def merged_extra(keep: str | None, other: str | None) -> str | None:
    """The unmapped columns of both leads; where both hold a column, the kept lead's value."""
    combined = _extra(other) | _extra(keep)
    return json.dumps(combined, ensure_ascii=False) if combined else None


def extra_of(text: str | None) -> dict[str, Any]:
    """A lead's extra data as a mapping (an unreadable value reads as none)."""
    return _extra(text)


def _extra(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _empty(value: Any) -> bool:
    return value is None or value == ""


def display_name(company: str | None, contact: str | None) -> str:
    """How a lead is named in sentences and tables: its company, with the person when
    there is one (`Acme (Zhang Wei)`); a lead without a company by its contact."""
    if company and contact:
        return f"{company} ({contact})"
    return company or contact or ""
