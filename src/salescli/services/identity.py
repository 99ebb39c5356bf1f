"""Which store and which user a command acts on; light (no ORM), so Tab completion can
use it too."""

from __future__ import annotations

import getpass
import os

from salescli.core import runtime
from salescli.core.config import Config
from salescli.core.errors import BadInputError
from salescli.core.paths import default_db_path, url_for
from salescli.domain.users import normalize_handle, valid_handle


def store_source(config: Config) -> tuple[str, str]:
    """(what names the store, where that came from): `--db` (option), `SALESCLI_DB` (env),
    `store.url` (file), else the default file (default)."""
    if runtime.db_override:
        return runtime.db_override, "option"
    env = os.environ.get("SALESCLI_DB", "").strip()
    if env:
        return env, "env"
    if config.get("store.url"):
        return config.get("store.url"), "file"
    return str(default_db_path()), "default"


def store_url(config: Config) -> str:
    """--db, then SALESCLI_DB, then config store.url, then the default file."""
    return url_for(store_source(config)[0])


def acting_handle(config: Config) -> str:
    raw = os.environ.get("SALESCLI_USER", "").strip() or config.get("user.handle")
    if not raw:
        try:
            raw = getpass.getuser()
        except Exception:  # noqa: BLE001 - no passwd entry in some containers
            raw = "me"
    handle = normalize_handle(raw)
    if not valid_handle(handle):
        raise BadInputError("identity.bad_handle", handle=raw)
    return handle
