"""Per-invocation state: overrides from global options (`--db`), set by the root
callback, and what is resolved once per invocation (the rep's time zone, core/clock.py).

Kept apart from `os.environ` so in-process test runs never leak one test's choice into
the next: the callback resets them on every invocation.
"""

from __future__ import annotations

db_override: str | None = None


def reset() -> None:
    global db_override
    from salescli.core.clock import forget_zone

    db_override = None
    forget_zone()
