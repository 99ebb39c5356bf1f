"""Which store and which user a command acts on; light, so completion can use it too."""

from __future__ import annotations

import getpass
import os

from salescli.core import runtime
from salescli.core.config import Config
from salescli.core.errors import BadInputError
from salescli.core.i18n import _
from salescli.core.paths import default_db_path, url_for
from salescli.domain.users import normalize_handle, valid_handle


def store_url(config: Config) -> str:
    """--db, then SALESCLI_DB, then config store.url, then the default file."""
    target = (
        runtime.db_override
        or os.environ.get("SALESCLI_DB", "").strip()
        or config.get("store.url")
        or str(default_db_path())
    )
    return url_for(target)


def acting_handle(config: Config) -> str:
    raw = os.environ.get("SALESCLI_USER", "").strip() or config.get("user.handle")
    if not raw:
        try:
            raw = getpass.getuser()
        except Exception:  # noqa: BLE001 - no passwd entry in some containers
            raw = "me"
    handle = normalize_handle(raw)
    if not valid_handle(handle):
        raise BadInputError(
            _("The acting user {handle!r} is not a valid handle (lowercase letters, digits, . _ -).")
            .format(handle=raw)
        )
    return handle
