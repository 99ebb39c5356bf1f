"""Options and helpers shared by the command modules."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from salescli.i18n import _

if TYPE_CHECKING:
    from salescli.services.context import Context

JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."))]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help=_("Show at most N rows."), metavar="N")
]


class Grade(str, Enum):
    A = "A"
    B = "B"
    C = "C"


class Size(str, Enum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


class Kind(str, Enum):
    call = "call"
    visit = "visit"
    email = "email"
    meeting = "meeting"
    message = "message"
    note = "note"


class Role(str, Enum):
    rep = "rep"
    manager = "manager"
    admin = "admin"


def open_ctx() -> Context:
    from salescli.services.context import open_context

    return open_context()


def parse_day(value: str | None) -> date | None:
    """A date word from an option, checked before the store is opened."""
    if value is None:
        return None
    from salescli.clock import parse_when

    return parse_when(value).day


def parse_moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    from salescli.clock import now, parse_when

    reference = now()
    return parse_when(value, base=reference).as_datetime(reference)


def value(option: Enum | None) -> str | None:
    return option.value if option is not None else None
