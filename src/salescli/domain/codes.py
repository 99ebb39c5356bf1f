"""The stable codes stored in the database and printed by `--json`.

They never change with the interface language; `present/labels.py` holds what people
read for each of them.
"""

from __future__ import annotations

GRADES: tuple[str, ...] = ("A", "B", "C")  # A key, B general, C potential
DEFAULT_GRADE = "B"
SIZES: tuple[str, ...] = ("micro", "small", "medium", "large")
KINDS: tuple[str, ...] = ("call", "visit", "email", "meeting", "message", "note")
DEFAULT_KIND = "call"
ROLES: tuple[str, ...] = ("rep", "manager", "admin")
OWNERSHIP_KINDS: tuple[str, ...] = ("create", "claim", "release", "recycle", "assign", "transfer", "handover")
