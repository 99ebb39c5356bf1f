"""The one translation function, and how the interface language is installed.

How to add a translated string (see `salescli/locale/README.md`):

    from salescli.core.i18n import _, ngettext, N_

    message(_("Claimed {customer}.").format(customer=name))       # any shown text
    ngettext("{n} customer", "{n} customers", n).format(n=n)       # counts
    HEADERS = {"due": N_("Due")}  ...  _(HEADERS["due"])            # module-level tables

then run `python scripts/i18n.py all` and translate the new entries in
`locale/zh_CN/LC_MESSAGES/salescli.po`. Always `.format()` *after* `_()`, with named
placeholders, so translators can move them; never build a sentence from pieces.

English is the source language and needs no catalog; the others are compiled gettext
catalogs in `salescli/locale/<lang>/LC_MESSAGES/salescli.mo`, shipped in the wheel.
Kept to the standard library so that `salescli --help` stays fast.
"""

from __future__ import annotations

import gettext
import os
import string
import sys
from pathlib import Path

from salescli.core.errors import BadInputError

DOMAIN = "salescli"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# Code -> name shown in `--lang` errors. English is the source and needs no catalog.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_loaded: dict[Path, gettext.NullTranslations] = {}  # catalogs already read, by path
_warned: set[str] = set()  # one warning per kind of catalog problem per process
_fits: dict[tuple[str, str], bool] = {}  # (source, translation) -> placeholders agree


def _(message: str) -> str:
    """The translation of `message` in the interface language (itself in English)."""
    text = _translation.gettext(message)
    if text is not message and "{" in text and not _placeholders_fit(text, message):
        return message
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, translated; format with `n=` afterwards."""
    text = _translation.ngettext(singular, plural, n)
    if text is not singular and text is not plural and "{" in text and not _placeholders_fit(
        text, singular + plural
    ):
        return singular if n == 1 else plural
    return text


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
    if lowered in ("c", "posix") or lowered == "en" or lowered.startswith("en_"):
        return "en"
    if lowered in ("zh", "zh_cn", "zh_hans", "zh_sg", "zh_hans_cn", "zh_hans_sg", "cn", "chinese"):
        return "zh_CN"
    for known in LANGUAGES:
        if known.lower() == lowered:
            return known
    return None


def available_languages() -> str:
    return ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())


def language_from_locale(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The first of LC_ALL, LC_MESSAGES, LANG that is set; unsupported ones mean English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return normalize_language(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def warn_once(key: str, text: str) -> None:
    """One line on stderr, at most once per process for each `key`."""
    if key in _warned:
        return
    _warned.add(key)
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _load(code: str) -> gettext.NullTranslations | None:
    path = catalog_path(code)
    if path in _loaded:
        return _loaded[path]
    try:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
    except Exception as exc:  # noqa: BLE001 - any broken catalog means English, never a crash
        warn_once(
            "catalog",
            f"Warning: the {code} message catalog cannot be read ({exc.__class__.__name__}: {path}); "
            "using English.",
        )
        return None
    _loaded[path] = catalog
    return catalog


def translate_in(code: str, message: str) -> str:
    """`message` in language `code`, whatever the interface language (English when the
    catalog lacks it): for reading words a rep may type in any language."""
    catalog = _load(code) if code != DEFAULT_LANGUAGE else None
    return catalog.gettext(message) if catalog is not None else message


def set_language(code: str) -> None:
    """Install the catalog for `code`; a broken catalog falls back to English, warned once."""
    global _translation, _language
    catalog = None if code == DEFAULT_LANGUAGE else _load(code)
    if catalog is None:
        _translation, _language = gettext.NullTranslations(), DEFAULT_LANGUAGE
        return
    _translation, _language = catalog, code


def _fields(text: str) -> set[tuple[str, str | None]]:
    return {(name, conversion) for _lit, name, _spec, conversion in string.Formatter().parse(text) if name is not None}


def _placeholders_fit(translation: str, source: str) -> bool:
    """A translation may only use the `{placeholders}` of its source (else `.format` would fail)."""
    key = (source, translation)
    fits = _fits.get(key)
    if fits is None:
        try:
            fits = _fields(translation) <= _fields(source)
        except ValueError:  # unbalanced braces
            fits = False
        _fits[key] = fits
        if not fits:
            warn_once(
                "placeholder",
                f"Warning: the {_language} message catalog has a bad translation of {source!r}; "
                "using English for it.",
            )
    return fits


# -- Which language: --lang, SALESCLI_LANG, config [user] lang, the locale ------------------

def _config_language() -> str:
    """`[user] lang` from the config file; read on every start, so kept cheap: the TOML
    parser is only imported when the file mentions `lang` at all."""
    from salescli.core.config import peek

    value = peek("user.lang")
    return value if isinstance(value, str) else ""


def resolve_language(cli_value: str | None) -> str:
    """The language to use; an unknown `--lang` is an error listing the choices."""
    if cli_value is not None:
        code = normalize_language(cli_value)
        if code is None:
            raise BadInputError("language.unknown", value=cli_value, available=available_languages())
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
