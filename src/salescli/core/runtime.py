"""Per-invocation overrides from global options (`--db`), set by the root callback.

Kept apart from `os.environ` so in-process test runs never leak one test's choice into
the next: the callback resets them on every invocation.
"""

from __future__ import annotations

db_override: str | None = None


def reset() -> None:
    global db_override
    db_override = None
