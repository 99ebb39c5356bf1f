"""Text matching shared by the queries."""

from __future__ import annotations


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in the text escaped (use with escape="\\\\")."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
