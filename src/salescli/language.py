"""Choosing the interface language: --lang, SALESCLI_LANG, config [user] lang, locale.

The first source that names a language wins; the locale (LC_ALL, LC_MESSAGES, LANG)
comes last and anything it does not support means English. An unknown `--lang` is an
error that lists the languages (exit 2); an unknown SALESCLI_LANG or config value is
warned about once and skipped, so a typo there never locks the rep out of
`salescli config set user.lang ...`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from salescli.errors import BadInputError, ExitCode
from salescli.i18n import (
    DEFAULT_LANGUAGE,
    _,
    available_languages,
    language_from_locale,
    normalize_language,
    set_language,
    unknown_language_message,
    warn_once,
)


def _config_language() -> str:
    """`[user] lang` from the config file; read on every start, so kept cheap: the TOML
    parser is only imported when the file mentions `lang` at all."""
    from salescli.paths import config_path

    try:
        text = config_path().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # a missing file is normal; an unreadable one is reported by the command
    if "lang" not in text:
        return ""
    import tomllib

    try:
        user = tomllib.loads(text).get("user", {})
    except tomllib.TOMLDecodeError:
        return ""  # a broken config is reported by the command that loads it
    value = user.get("lang", "") if isinstance(user, dict) else ""
    return value if isinstance(value, str) else ""


def resolve_language(cli_value: str | None) -> str:
    """The language to use; an unknown `--lang` is an error listing the choices."""
    if cli_value is not None:
        code = normalize_language(cli_value)
        if code is None:
            raise BadInputError(unknown_language_message(cli_value))
        return code
    for source, raw in (("SALESCLI_LANG", os.environ.get("SALESCLI_LANG", "")), ("user.lang", _config_language())):
        if raw.strip():
            code = normalize_language(raw)
            if code is not None:
                return code
            warn_once(
                f"lang:{source}",
                _("Warning: {source} = {value!r} is not a language salescli knows ({available}); ignored.").format(
                    source=source, value=raw, available=available_languages()
                ),
            )
    return language_from_locale()


def lang_argument(argv: Sequence[str]) -> str | None:
    """The value of a root `--lang` option, looking only before the subcommand."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--db":
            index += 2
            continue
        if arg == "--" or not arg.startswith("-"):
            return None  # the subcommand (or its arguments) starts here
        index += 1
    return None


def early_language(argv: Sequence[str]) -> None:
    """Set the language before the command tree (and its help texts) is built.

    An unknown `--lang` stops here with exit 2, even with `--help`; everything else is
    decided again (identically) by the root callback for in-process runs.
    """
    cli_value = lang_argument(argv)
    try:
        code = resolve_language(cli_value)
    except BadInputError as err:
        set_language(DEFAULT_LANGUAGE)
        sys.stderr.write(_("Error: {problem}").format(problem=err.message) + "\n")
        sys.exit(int(ExitCode.USAGE))
    set_language(code)
