"""Suggestions for shell completion; imports nothing heavy (see store/completion.py)."""

from __future__ import annotations

from salescli.core.config import load
from salescli.core.errors import SalescliError
from salescli.core.paths import sqlite_path
from salescli.services.identity import acting_handle, store_url
from salescli.store.completion import customer_names, deal_ids, stage_names


def customers(incomplete: str, *, archived: bool = False) -> list[str]:
    """Customer names for a CUSTOMER argument; none for a PostgreSQL store or a bad setup."""
    try:
        config = load()
        path = sqlite_path(store_url(config))
        handle = acting_handle(config)
    except SalescliError:
        return []
    if path is None:
        return []
    return customer_names(path, incomplete, handle, archived=archived)


def deals(incomplete: str) -> list[str]:
    """Deal ids (open deals of the acting rep first) for a DEAL argument; none for a
    PostgreSQL store or a bad setup."""
    try:
        config = load()
        path = sqlite_path(store_url(config))
        handle = acting_handle(config)
    except SalescliError:
        return []
    if path is None:
        return []
    return deal_ids(path, incomplete.lstrip("#"), handle)


def stages(incomplete: str) -> list[str]:
    """Stage names in force for a STAGE argument or option (the default stages when the
    store cannot be read: a PostgreSQL store, none yet)."""
    try:
        path = sqlite_path(store_url(load()))
    except SalescliError:
        path = None
    return stage_names(path, incomplete)
