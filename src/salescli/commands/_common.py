"""Options and helpers shared by the command modules."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from salescli.core.i18n import _

if TYPE_CHECKING:
    from salescli.services.context import Context

JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."))]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help=_("Show at most N rows."), metavar="N")
]


GRADE_CODES = ("A", "B", "C")
SIZE_CODES = ("micro", "small", "medium", "large")
KIND_CODES = ("call", "visit", "email", "meeting", "message", "note")
ROLE_CODES = ("rep", "manager", "admin")


def choices(codes: tuple[str, ...]):  # noqa: ANN201 - a Typer autocompletion callback
    """Shell completion for a coded option; the service checks the value and says what is allowed."""

    def complete(incomplete: str) -> list[str]:
        return [c for c in codes if c.lower().startswith(incomplete.lower())]

    return complete


def _for_shell(names: list[str]) -> list[str]:
    """bash inserts a completion as typed text: escape spaces and shell characters there
    ("Acme\\ Co.,\\ Ltd."); zsh and fish quote by themselves."""
    import os
    import re

    if "bash" not in os.environ.get("_SALESCLI_COMPLETE", ""):
        return names
    return [re.sub(r"([\s'\"\\()&;|<>$`!*?#~{}\[\]])", r"\\\1", name) for name in names]


def complete_customer(incomplete: str) -> list[str]:
    """Tab completion for a CUSTOMER: names of live customers, yours first."""
    from salescli.services.completion import customers

    return _for_shell(customers(incomplete))


def complete_archived_customer(incomplete: str) -> list[str]:
    from salescli.services.completion import customers

    return _for_shell(customers(incomplete, archived=True))


def open_ctx() -> Context:
    from salescli.services.context import open_context

    return open_context()


def parse_day(value: str | None) -> date | None:
    """A date word from an option, checked before the store is opened."""
    if value is None:
        return None
    from salescli.core.clock import parse_day as parse

    return parse(value)


def parse_moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    from salescli.core.clock import now, parse_when

    reference = now()
    return parse_when(value, base=reference).as_datetime(reference)
