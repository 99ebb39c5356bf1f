"""Text helpers shared by the queries."""

from __future__ import annotations

from collections.abc import Iterable


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in the text escaped (the queries use ESCAPE '\\\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def assignments(names: Iterable[str]) -> str:
    """`a = :a, b = :b` for an UPDATE's SET; the names are column names chosen by the
    caller's code (checked against its list of columns), never typed by a user."""
    return ", ".join(f"{name} = :{name}" for name in names)
