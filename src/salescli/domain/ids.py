"""Record ids as people type them (`12`, `#12`)."""

from __future__ import annotations

import re

# The largest id a store can hold (SQLite and PostgreSQL integers are signed 64-bit);
# a larger number must never reach a query, where it would overflow.
ID_MAX = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,40}")  # ASCII digits only: "²" and "٣" are names, not ids


def record_id(text: str) -> int | None:
    """The number `text` spells as an id, or None when it is not one (then it is a name).
    Check `storable()` before looking it up."""
    return int(text) if _DIGITS.fullmatch(text) else None


def typed_id(text: str) -> int | None:
    """A record id typed on its own, as `12` or `#12` (deals and payments have no names
    to fall back on); None when `text` is not one."""
    text = text.strip()
    return record_id(text[1:] if text.startswith("#") else text)


def looks_like_id(text: str) -> bool:
    """`#abc`, `#12a`, `#`: a `#` and one word, typed as an id but not a number. Refused rather
    than searched as a name, which would quietly act on whatever matched; a name with a
    space after the `#` word (`#1 Hardware`) is still a name."""
    return text.startswith("#") and not any(c.isspace() for c in text) and record_id(text[1:]) is None


def storable(number: int) -> bool:
    """Whether a store can hold this id: a larger one names no record and must not be queried."""
    return 0 <= number <= ID_MAX
