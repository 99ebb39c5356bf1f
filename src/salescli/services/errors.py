"""Errors that escaped a service's own handling, made into the typed errors users read."""

from __future__ import annotations

from salescli.core.errors import SalescliError, StorageError


def as_storage_error(err: BaseException) -> StorageError | None:
    """A database driver error raised outside a store session (a lock taken mid-command, a
    lost server), classified like the ones the store catches itself; None for anything
    else."""
    from salescli.store.engine import is_driver_error, storage_error

    if not is_driver_error(err):
        return None
    from salescli.core.config import load
    from salescli.services.identity import store_url

    try:
        url = store_url(load())
    except SalescliError:
        url = "?"
    return storage_error(err, url)
