"""What free text a user types may contain, how long each field may be, and how text
that came from anywhere is made safe to draw in a terminal (docs/text.md).

Pure rules on strings; `services/input.py` applies them to what a user typed and raises
the errors, `terminal/render.py` and `present/messages.py` draw everything through
`visible()`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Bidirectional controls: embeddings, overrides and their end (U+202A-U+202E), isolates
# (U+2066-U+2069), and the invisible direction marks (LRM, RLM, ALM). They reorder how
# the rest of a line is drawn, so a name can read as something else.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Characters that end a line in some terminals and editors besides the newline.
LINE_BREAKS = frozenset("\u2028\u2029\x85")


@dataclass(frozen=True)
class Field:
    """A text field a user types: its limit in characters (the store column's size) and
    whether it may span lines (a newline and a tab allowed)."""

    limit: int
    multiline: bool = False


# Every free-text field, by the name used in the `input.*` errors; limits match the
# column sizes in store/tables.py (a longer value must never reach the store). Text
# columns (notes, summary) get a limit of their own.
FIELDS: dict[str, Field] = {
    "customer_name": Field(200),
    "industry": Field(100),
    "city": Field(100),
    "address": Field(300),
    "source": Field(100),
    "phone": Field(64),
    "email": Field(200),
    "notes": Field(10_000, multiline=True),
    "tag": Field(64),
    "contact_name": Field(200),
    "title": Field(100),
    "wechat": Field(100),
    "summary": Field(10_000, multiline=True),
    "location": Field(300),
    "next_action": Field(500),
    "done_note": Field(500, multiline=True),
    "user_name": Field(200),
    "search": Field(200),
    "deal_title": Field(200),
    "product": Field(100),
    "stage_note": Field(2000, multiline=True),
    "lost_reason": Field(500),
    "ownership_reason": Field(500),  # why a customer was released, assigned or transferred
}


def bad_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character `value` may not hold, or None when it is clean.

    Refused everywhere: control characters (C0, DEL, C1) except a newline and a tab in a
    multi-line field, bidirectional controls, line and paragraph separators, lone
    surrogates (undecodable bytes in a command line), and, because they make two names
    look the same, invisible format characters (zero-width spaces and joiners, the word
    joiner, the byte order mark, soft hyphens, tag characters: Unicode category Cf).
    Multi-line text keeps the zero-width joiners (U+200C, U+200D): emoji sequences and
    some scripts need them, and notes are not identities.
    """
    for char in value:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            if multiline and char in "\n\t":
                continue
            return char
        if code < 0xA0:
            continue
        if char in BIDI or char in LINE_BREAKS:
            return char
        category = unicodedata.category(char)
        if category == "Cs":
            return char
        if category == "Cf" and not (multiline and char in "\u200c\u200d"):
            return char
    return None


def tidy(value: str, *, multiline: bool = False) -> str:
    """A single-line value with its runs of spaces collapsed to one; a multi-line one
    keeps its lines (Windows line ends made plain) and is only trimmed."""
    if multiline:
        return value.replace("\r\n", "\n").strip()
    return " ".join(value.split())


def code_point(char: str) -> str:
    """`U+001B`: how an error names a character that cannot be shown as itself."""
    return f"U+{ord(char):04X}"


def length(value: str) -> int:
    """A value's length as limits count it: characters (code points), as the store's
    VARCHAR columns do on both engines."""
    return len(value)


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def unsafe(char: str, *, newlines: bool) -> bool:
    """Whether `char` must not reach a terminal as itself."""
    code = ord(char)
    if code < 0x20:
        return not (newlines and char == "\n")
    if code < 0x7F:
        return False
    if code <= 0x9F:  # DEL and C1
        return True
    if char in BIDI or char in LINE_BREAKS:
        return True
    return unicodedata.category(char) == "Cs"


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` safe to draw: every control character, bidirectional control, line
    separator and lone surrogate replaced by its escape as Python writes it (`\\x1b`,
    `\\u202e`), so it is seen rather than obeyed, reads the same as in an error's quoted
    value, and can be copied. A tab becomes a space; a newline stays one when `newlines`,
    else it is shown as `\\n`. Other text (CJK, emoji, joiners) is unchanged."""
    if text.isprintable() and "\t" not in text:
        return text  # the common case, decided in C
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif unsafe(char, newlines=newlines):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def character_kind(char: str) -> str:
    """What a refused character is, for the sentence that names it: line_break, control,
    direction, undecodable (a lone surrogate) or invisible."""
    if char in "\n\r\x0b\x0c" or char in LINE_BREAKS:
        return "line_break"
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control"
    if char in BIDI:
        return "direction"
    if unicodedata.category(char) == "Cs":
        return "undecodable"
    return "invisible"
