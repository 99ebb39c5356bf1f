"""Text helpers shared by the queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in the text escaped (the queries use ESCAPE '\\\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def checked(fields: dict[str, Any], allowed: Iterable[str], table: str) -> dict[str, Any]:
    """`fields` as given, after checking every name is a column of `table` that code may
    write: a misspelt field is a bug to stop at, never a value silently dropped."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not writable columns of {table}: {sorted(unknown)}")
    return fields


def assignments(names: Iterable[str]) -> str:
    """`a = :a, b = :b` for an UPDATE's SET; the names are column names chosen by the
    caller's code (checked against its list of columns), never typed by a user."""
    return ", ".join(f"{name} = :{name}" for name in names)
