"""Sentences of this area's errors (merged into present/messages.py MESSAGES) and the command
line's own wording of those whose remedy is a flag (merged into terminal/messages.py CLI_WORDING)."""

from __future__ import annotations

from salescli.core.i18n import N_

MESSAGES: dict[str, str] = {}

CLI_WORDING: dict[str, str] = {}

__all__ = ["MESSAGES", "CLI_WORDING", "N_"]
