"""Placeholder: filled in by its owner."""

from typing import Any


def register(*apps: Any) -> None:
    """Attach this module's commands to the groups given."""
