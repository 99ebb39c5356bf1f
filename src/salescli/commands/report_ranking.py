"""Skeleton: filled in by its issue-13 module."""

from typing import Any


def register(app: Any) -> None:
    """Attach this module's commands to its group."""
