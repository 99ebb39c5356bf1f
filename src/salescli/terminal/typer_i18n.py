"""Typer's own messages (help page words, usage errors) in the interface language.

Typer 0.29 vendors Click as `typer._click`, and most of what that prints is plain English
with no gettext call: "Usage:", the help option's "Show this message and exit.", and
usage errors such as "Missing argument 'CUSTOMER'." or "No such option: --x"; value
errors come from Pydantic ("Input should be a valid integer ..."). Only typer/core.py
asks `gettext` (for "Options", "Commands", "default: {default}" ...).

`install()` (called by `i18n.set_language` for any language but English) routes all of
these through `salescli.core.i18n._`, so our catalog translates them like any other string:
typer/core.py's `_` becomes ours, the help formatter translates its words and wraps
Chinese by display cells, and usage errors are matched against the English templates
below and rebuilt from their translation. Whatever is not recognised stays English.

The msgids are marked with N_ here so that `scripts/i18n.py extract` keeps them in the
catalog. If a Typer upgrade changes a wording, add the new one here and translate it.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any

from salescli.core.i18n import N_, _, current_language

# Asked for by typer/core.py through `gettext` (same msgids, so the same catalog entries).
TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

USAGE = N_("Usage:")
HELP_OPTION = N_("Show this message and exit.")
# Words in the usage line Click builds (`salescli [OPTIONS] COMMAND [ARGS]...`).
USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))

# Whole messages that Click, Typer and Pydantic compose in English. A `{message}` part is
# itself looked up again, so "Invalid value for '--limit': Input should be ..." is
# translated in both halves. Placeholders capture the text as printed (quotes included).
TEMPLATES = (
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument {param_hint}. {message}"),
    N_("Missing argument {param_hint}."),
    N_("Missing option {param_hint}. {message}"),
    N_("Missing option {param_hint}."),
    N_("Missing parameter {param_hint}."),
    N_("Missing parameter: {name}"),
    N_("No such option: {name} (Possible options: {possibilities})"),
    N_("No such option: {name}"),
    N_("{message}. Did you mean {suggestions}?"),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Option {name} does not take a value."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Argument {name} takes {count} values."),
    N_("{value} is not one of {choices}."),
    N_("Value {value} is not a valid {type}."),
    N_("Value must be an iterable."),
    N_("Value error, {message}"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid boolean, unable to interpret input"),
    N_("Input should be greater than or equal to {limit}"),
    N_("Input should be greater than {limit}"),
    N_("Input should be less than or equal to {limit}"),
    N_("Input should be less than {limit}"),
)

_compiled: list[tuple[re.Pattern[str], str]] | None = None
_installed = False


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("^" + "".join(parts) + "$")


def _templates() -> list[tuple[re.Pattern[str], str]]:
    global _compiled
    if _compiled is None:
        # The longest fixed start first ("Value error, {message}" before "{value} is not
        # one of ..."), then the most fixed text ("No such option: {name} (Possible ...)"
        # before "No such option: {name}").
        ordered = sorted(TEMPLATES, key=lambda t: (-len(t.split("{", 1)[0]), -len(re.sub(r"\{[^}]*\}", "", t))))
        _compiled = [(_pattern(t), t) for t in ordered]
    return _compiled


def translate(text: str) -> str:
    """A message Typer or Click composed in English, in the interface language."""
    if current_language() == "en" or not text or "\n" in text:
        return text
    direct = _(text)
    if direct is not text:
        return direct
    for pattern, template in _templates():
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            if "message" in parts:
                parts["message"] = translate(parts["message"])
            try:
                return _(template).format(**parts)
            except (KeyError, IndexError, ValueError):
                return text
    return text


# -- Display width: CJK characters take two terminal cells ------------------------------

def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def cell_len(text: str) -> int:
    return sum(2 if _is_wide(c) else 1 for c in text)


def _has_wide(text: str) -> bool:
    return any(_is_wide(c) for c in text)


_NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)]%")


def _tokens(text: str) -> list[str]:
    """Spaces, single wide characters, and runs of other characters (Latin words)."""
    tokens: list[str] = []
    for char in text:
        if char.isspace() or _is_wide(char):
            tokens.append(char)
        elif tokens and not tokens[-1].isspace() and not _is_wide(tokens[-1][-1]):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def wrap_cells(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """Greedy wrapping by display cells; a CJK character may break anywhere, a Latin word
    stays whole, and closing punctuation never starts a line."""
    lines: list[str] = []
    line, used, space = initial_indent, cell_len(initial_indent), False
    start = True
    for token in _tokens(" ".join(text.split())):
        if token.isspace():
            space = True
            continue
        size = cell_len(token)
        gap = 1 if space and not start else 0
        if not start and used + gap + size > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used, gap = subsequent_indent, cell_len(subsequent_indent), 0
        line += " " * gap + token
        used += gap + size
        space, start = False, False
    lines.append(line.rstrip())
    return lines


def _wrap_text(original: Any) -> Any:
    def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
                  preserve_paragraphs: bool = False) -> str:
        if current_language() == "en" or not _has_wide(text) or "\b" in text:
            return original(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
        paragraphs = re.split(r"\n\s*\n", text) if preserve_paragraphs else [text]
        return "\n\n".join(
            "\n".join(wrap_cells(p, width, initial_indent, subsequent_indent)) for p in paragraphs if p.strip()
        )

    wrap_text.__wrapped__ = original  # type: ignore[attr-defined]
    return wrap_text


def _short_help(original: Any) -> Any:
    def make_default_short_help(help: str, max_length: int = 45) -> str:
        if current_language() == "en" or not _has_wide(help):
            return original(help, max_length)
        first = " ".join(help.split("\n\n", 1)[0].split())
        if "。" in first:
            first = first[: first.index("。") + 1]
        if cell_len(first) <= max_length:
            return first
        out, used = "", 0
        for char in first:
            if used + cell_len(char) > max_length - 3:
                break
            out, used = out + char, used + cell_len(char)
        return out.rstrip("，、 ") + "..."

    make_default_short_help.__wrapped__ = original  # type: ignore[attr-defined]
    return make_default_short_help


# -- Installing -------------------------------------------------------------------------

def _typer_gettext(message: str) -> str:
    return _(message)


def install() -> None:
    """Route Typer's and Click's help words through `_` (idempotent); a patch that no longer
    fits this Typer is reported once and skipped."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        _patch()
    except Exception as exc:  # noqa: BLE001 - a Typer upgrade may move things: stay usable
        from salescli.core.i18n import warn_once

        warn_once(
            "typer-help",
            f"Warning: salescli could not translate Typer's own help words ({exc.__class__.__name__}: {exc}); "
            "some help text stays in English.",
        )


def _patch() -> None:
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    typer.core._ = _typer_gettext  # type: ignore[attr-defined]

    formatter = formatting.HelpFormatter
    write_usage, write_dl = formatter.write_usage, formatter.write_dl

    def translated_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and current_language() != "en":
            word = _(USAGE)
            prefix = word if word.endswith("：") else word + " "  # a full-width colon brings its own space
            for word in USAGE_WORDS:
                args = args.replace(word, _(word))
        write_usage(self, prog, args, prefix)

    def translated_dl(self: Any, rows: Any, *args: Any, **kwargs: Any) -> None:
        rows = [
            (row[0], _(HELP_OPTION) + row[1][len(HELP_OPTION):]) + tuple(row[2:])
            if len(row) > 1 and isinstance(row[1], str) and row[1].startswith(HELP_OPTION) else row
            for row in rows
        ]
        write_dl(self, rows, *args, **kwargs)

    formatter.write_usage = translated_usage  # type: ignore[method-assign]
    formatter.write_dl = translated_dl  # type: ignore[method-assign]
    formatting.wrap_text = _wrap_text(formatting.wrap_text)
    click_core.make_default_short_help = _short_help(click_core.make_default_short_help)
