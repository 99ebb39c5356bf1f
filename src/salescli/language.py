"""Choosing the interface language: --lang, SALESCLI_LANG, config [user] lang, locale."""

from __future__ import annotations

import os
from collections.abc import Sequence

from salescli.errors import BadInputError
from salescli.i18n import (
    DEFAULT_LANGUAGE,
    language_from_locale,
    normalize_language,
    set_language,
    unknown_language_message,
)


def _config_language() -> str:
    from salescli.config import read_raw
    from salescli.paths import config_path

    try:
        user = read_raw(config_path()).get("user", {})
    except BadInputError:
        return ""  # a broken config is reported by the command that loads it
    value = user.get("lang", "") if isinstance(user, dict) else ""
    return value if isinstance(value, str) else ""


def resolve_language(cli_value: str | None) -> str:
    """The language to use; an explicit unknown value is an error listing the choices."""
    for raw in (cli_value, os.environ.get("SALESCLI_LANG"), _config_language()):
        if raw and raw.strip():
            code = normalize_language(raw)
            if code is None:
                raise BadInputError(unknown_language_message(raw))
            return code
    return language_from_locale()


def early_language(argv: Sequence[str]) -> None:
    """Set the language before the command tree (and its help texts) is built."""
    cli_value = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            cli_value = argv[index + 1]
        elif arg.startswith("--lang="):
            cli_value = arg.split("=", 1)[1]
    try:
        set_language(resolve_language(cli_value))
    except BadInputError:
        set_language(DEFAULT_LANGUAGE)  # the root callback reports it with exit 2
