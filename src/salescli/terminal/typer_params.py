"""Typer's checks of option values, without Pydantic.

Typer 0.29 checks every parameter value with a Pydantic TypeAdapter: importing Pydantic
and building adapters costs ~70 ms on every command and every Tab press, a third of a
daily command (docs/architecture.md, "Speed"). Our options take text, whole numbers
(some with bounds), flags and lists of text; `install()` gives exactly those the same
checks and the same messages Typer gives through Pydantic ("Input should be a valid
integer, unable to parse string as an integer", "Input should be greater than or equal
to 1"), which the Chinese catalog translates (terminal/typer_i18n.py). Anything else
(a choice, a path, a date, a custom parser) still goes to Typer's own builder.

One deliberate difference in what users read: every whole-number parameter has a range,
the `min=`/`max=` it declares, else what a store can hold (SQLite and PostgreSQL integers
are signed 64-bit), so no number typed on the command line can overflow a query; a value
outside it, or not a whole number, is refused with one sentence of ours naming the
parameter and its whole range ("--days must be a whole number from 1 to 3650.", exit 2)
instead of Pydantic's half ("Input should be greater than or equal to 1").
`whole_number()` itself keeps Pydantic's sentences, so the oracle tests still compare.

This leans on Typer internals (`typer.core.build_runtime_param`, `typer._coercion`), like
typer_i18n.py; Typer is pinned below 0.30 and tests/test_typer_params.py compares the
results with Typer's own for generated input, so an upgrade that changes them fails loudly.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from typer import core as typer_core
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor

from salescli.core.i18n import N_, _

_typer_builder = typer_core.build_runtime_param

# A whole number written as text, as Pydantic reads it: an optional sign, ASCII digits
# with single underscores between them, optionally a fractional part of zeros ("5.0").
# Pydantic also takes a few odd spellings after leading zeros ("0__1" is 1, "0-5" is -5);
# those are refused here, with the same sentence as any other non-number.
_WHOLE = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?")
# What Pydantic trims around it: Unicode White_Space (Rust's `char::is_whitespace`), which
# is not quite Python's `str.isspace` (that one also counts \x1c-\x1f).
_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u2028\u2029\u202f\u205f\u3000"

NOT_WHOLE = "Input should be a valid integer, unable to parse string as an integer"

# What any whole number given on the command line must fit: a signed 64-bit integer, the
# widest column SQLite and PostgreSQL have (SQLite overflows at 2**63).
STORE_MIN, STORE_MAX = -(2**63), 2**63 - 1
OUT_OF_RANGE = N_("{option} must be a whole number from {minimum} to {maximum}.")


def _text(value: Any) -> str:
    """As Typer's `_parse_cli_str`: bytes decoded the way the command line was."""
    if isinstance(value, bytes):
        from typer._click import _compat

        for encoding in (_compat._get_argv_encoding(), sys.getfilesystemencoding()):
            try:
                return value.decode(encoding)
            except UnicodeError:
                continue
        return value.decode("utf-8", "replace")
    return str(value)


def whole_number(value: Any, minimum: float | None = None, maximum: float | None = None) -> int:
    """A whole number from what was typed, or ValueError with Pydantic's sentence."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(NOT_WHOLE)
    if isinstance(value, str):
        text = value.strip(_SPACE)
        if not _WHOLE.fullmatch(text):
            raise ValueError(NOT_WHOLE)
        number = int(text.split(".", 1)[0].replace("_", ""))
    else:
        number = value
    if minimum is not None and number < minimum:
        raise ValueError(f"Input should be greater than or equal to {_bound(minimum)}")
    if maximum is not None and number > maximum:
        raise ValueError(f"Input should be less than or equal to {_bound(maximum)}")
    return number


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no", ""}
NOT_A_FLAG = "Input should be a valid boolean, unable to interpret input"


def flag(value: Any) -> bool:
    """A yes/no value (a flag given as text, as from an environment variable)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value in (0, 1):
            return bool(value)
        raise ValueError(NOT_A_FLAG)
    if isinstance(value, str):
        # Typer strips the text first (so "" and " " are False), then Pydantic folds case.
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ValueError(NOT_A_FLAG)


def _bound(limit: float) -> str:
    return str(int(limit)) if float(limit).is_integer() else str(limit)


class OutOfRange(BadParameter):
    """A whole number that is not one, or outside its parameter's range: the whole message
    is one sentence naming the parameter ("--days must be a whole number from 1 to 3650.")."""

    def format_message(self) -> str:
        return self.message


def parameter_name(param: Any) -> str:
    """How a sentence names a parameter: its longest option name, else its metavar."""
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if opts:
        return max(opts, key=len)
    return getattr(param, "metavar", None) or (param.name or "").upper()


def range_sentence(name: str, minimum: int, maximum: int) -> str:
    return _(OUT_OF_RANGE).format(option=name, minimum=minimum, maximum=maximum)


@dataclass(frozen=True)
class _Lean(RuntimeParam):
    """One value (or each of a list's values) checked by `convert`; `bounds` for a whole
    number, whose refusal names the parameter and its range."""

    convert: Any = None
    many: bool = False
    bounds: tuple[int, int] | None = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if self.many:
                items = value if isinstance(value, list | tuple) else [value]
                return [self.convert(item) for item in items]
            return self.convert(value)
        except ValueError as err:
            if self.bounds is not None:
                raise OutOfRange(range_sentence(parameter_name(param), *self.bounds), ctx=ctx,
                                 param=param) from None
            raise BadParameter(str(err), ctx=ctx, param=param) from None


def lean_runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
    """Typer's runtime check for one parameter: ours for the plain kinds, Typer's otherwise."""
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    plain = descriptor.file_annotation is None and info.parser is None and not info.clamp and not getattr(
        info, "click_type", None)
    many = get_origin(annotation) is list
    leaf = get_args(annotation)[0] if many and len(get_args(annotation)) == 1 else annotation
    convert = None
    bounds = None
    if plain and leaf is str:
        convert = _text
    elif plain and leaf is int:
        minimum = STORE_MIN if info.min is None else max(STORE_MIN, int(info.min))
        maximum = STORE_MAX if info.max is None else min(STORE_MAX, int(info.max))
        bounds = (minimum, maximum)

        def convert(value: Any) -> int:
            return whole_number(value, minimum, maximum)
    elif plain and leaf is bool and not many:
        convert = flag
    if convert is None:
        return _typer_builder(descriptor)
    return _Lean(parameter_info=info, annotation=annotation, convert=convert, many=many, bounds=bounds)


def install() -> None:
    """Use the lean checks for every parameter Typer builds from now on (idempotent)."""
    typer_core.build_runtime_param = lean_runtime_param
