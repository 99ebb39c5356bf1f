"""The one translation function, and how the interface language is chosen.

Every user-facing string goes through `_()` (or `ngettext` for counts); strings defined
at import time that must be translated later are marked with `N_()` and passed to `_()`
where they are shown. English is the source language; catalogs live in
`salescli/locale/<lang>/LC_MESSAGES/salescli.mo` and are built with Babel (see README).

Kept to the standard library so that `salescli --help` stays fast.
"""

from __future__ import annotations

import gettext
import os
import sys
from pathlib import Path

DOMAIN = "salescli"
LOCALE_DIR = Path(__file__).parent / "locale"
# Code -> name shown in `--lang` errors. English is the source and needs no catalog.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_warned_broken = False


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module-level tables)."""
    return message


def current_language() -> str:
    return _language


def normalize_language(value: str) -> str | None:
    """Map `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh_Hans`, `en_US` ... to a supported code."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not code:
        return None
    lowered = code.lower()
    if lowered in ("c", "posix") or lowered.startswith("en"):
        return "en"
    if lowered in ("zh", "zh_cn", "zh_hans", "zh_sg", "zh_hans_cn", "cn", "chinese"):
        return "zh_CN"
    for known in LANGUAGES:
        if known.lower() == lowered:
            return known
    return None


def unknown_language_message(value: str) -> str:
    available = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    return _("Unknown language {value!r}; available: {available}.").format(
        value=value, available=available
    )


def language_from_locale(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The first of LC_ALL, LC_MESSAGES, LANG that is set; unsupported ones mean English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return normalize_language(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    """Install the catalog for `code`; a broken catalog falls back to English, warned once."""
    global _translation, _language, _warned_broken
    _language = code
    if code == DEFAULT_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        mo_path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with mo_path.open("rb") as handle:
                _translation = gettext.GNUTranslations(handle)
        except Exception as exc:  # noqa: BLE001 - any broken catalog means English
            _translation = gettext.NullTranslations()
            _language = DEFAULT_LANGUAGE
            if not _warned_broken:
                _warned_broken = True
                sys.stderr.write(
                    f"Warning: the {code} message catalog cannot be read ({exc.__class__.__name__}); "
                    "using English.\n"
                )
            code = DEFAULT_LANGUAGE
    # Typer and its vendored Click translate their own messages ("Usage:", "Invalid
    # value ...") through the global gettext domain; point it at our catalog so
    # their output follows the chosen language too.
    os.environ["LANGUAGE"] = code if code != DEFAULT_LANGUAGE else "en"
    if code != DEFAULT_LANGUAGE:
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)
    else:
        gettext.textdomain("messages")
