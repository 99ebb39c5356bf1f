"""Sentences of the activity area's errors and notices (merged into present/messages.py
MESSAGES) and the command line's own wording of those whose remedy is a flag (merged into
terminal/messages.py CLI_WORDING)."""

from __future__ import annotations

from salescli.core.i18n import N_  # noqa: F401 - the area's sentences are marked with it

MESSAGES: dict[str, str] = {}

CLI_WORDING: dict[str, str] = {}
