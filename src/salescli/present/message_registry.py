"""How an error's parameters become words: the registry `describe()` consults.

Kept apart from present/messages.py so each area's message module (deal_messages.py,
stage_messages.py ...) can register its own without importing the whole table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Prepared = tuple[str, dict[str, Any]]
PREPARE: dict[str, Callable[[str, dict[str, Any]], Prepared]] = {}


def prepares(*codes: str) -> Callable[[Callable[[str, dict[str, Any]], Prepared]], Any]:
    """Register how the parameters of `codes` become words (and, rarely, which template)."""

    def register(fn: Callable[[str, dict[str, Any]], Prepared]) -> Any:
        for code in codes:
            PREPARE[code] = fn
        return fn

    return register
