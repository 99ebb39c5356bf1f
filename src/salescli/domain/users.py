"""Rules for user handles."""

from __future__ import annotations

import re

HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def normalize_handle(raw: str) -> str:
    return raw.strip().lower()


def valid_handle(handle: str) -> bool:
    return bool(HANDLE.match(handle))
