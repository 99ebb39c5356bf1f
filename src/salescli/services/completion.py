"""Suggestions for shell completion; imports nothing heavy (see store/completion.py)."""

from __future__ import annotations

from pathlib import Path

from salescli.core.config import load
from salescli.core.errors import SalescliError
from salescli.core.paths import sqlite_path
from salescli.services.identity import acting_handle, store_url
from salescli.store.completion import customer_names, deal_ids, stage_names


def _sqlite_store() -> tuple[Path, str] | None:
    """The SQLite store and the acting handle; None for a PostgreSQL store or a bad setup
    (completion then offers nothing rather than an error)."""
    try:
        config = load()
        path = sqlite_path(store_url(config))
        handle = acting_handle(config)
    except SalescliError:
        return None
    return None if path is None else (path, handle)


def customers(incomplete: str, *, archived: bool = False) -> list[str]:
    """Customer names for a CUSTOMER argument, the rep's own first."""
    found = _sqlite_store()
    return customer_names(found[0], incomplete, found[1], archived=archived) if found else []


def deals(incomplete: str) -> list[str]:
    """Deal ids for a DEAL argument, the rep's open deals first."""
    found = _sqlite_store()
    return deal_ids(found[0], incomplete.lstrip("#"), found[1]) if found else []


def stages(incomplete: str) -> list[str]:
    """Stage names in force for a STAGE argument or option (the default stages when the
    store cannot be read: a PostgreSQL store, none yet)."""
    try:
        path = sqlite_path(store_url(load()))
    except SalescliError:
        path = None
    return stage_names(path, incomplete)
