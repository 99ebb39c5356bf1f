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
OWNERSHIP_KINDS: tuple[str, ...] = (
    "create", "claim", "release", "recycle", "assign", "transfer", "handover",
    "merge",  # `customer merge`: on the kept customer and on the one archived into it (docs/merge.md)
)
LEAD_STATUSES: tuple[str, ...] = ("new", "working", "converted", "disqualified")
LEAD_EVENT_KINDS: tuple[str, ...] = ("take", "assign", "release", "follow_up", "update", "convert", "disqualify",
                                     "reopen", "merge", "undo")
