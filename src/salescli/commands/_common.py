"""Options and helpers shared by the command modules."""


from typing import TYPE_CHECKING, Annotated

import typer

from salescli.core.i18n import _
from salescli.domain.codes import GRADES, KINDS, ROLES, SIZES

if TYPE_CHECKING:
    from salescli.services.context import Context

JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."))]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, max=1_000_000, help=_("Show at most N rows."), metavar="N")
]


GRADE_CODES = GRADES
SIZE_CODES = SIZES
KIND_CODES = KINDS
ROLE_CODES = ROLES


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

    from salescli.domain.text import visible

    # A name stored before text was checked may hold escapes: the shell draws candidates.
    names = [visible(name, newlines=False) for name in names]
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


def complete_deal(incomplete: str) -> list[str]:
    """Tab completion for a DEAL: deal ids."""
    from salescli.services.completion import deals

    return deals(incomplete)


def complete_stage(incomplete: str) -> list[str]:
    """Tab completion for a stage: the names in force."""
    from salescli.services.completion import stages

    return _for_shell(stages(incomplete))


def open_ctx() -> "Context":
    """The context a command runs in; its notices go to stderr as they happen."""
    from salescli.services.context import open_context
    from salescli.terminal.render import notice

    return open_context(on_notice=notice)


def coded(vocabulary: str):  # noqa: ANN201 - a Typer parameter callback
    """An option callback that turns the words a rep types for a code (`邮件`, `重点`,
    `经理`) into the code (present/labels.py `code_for`); the service checks the result."""

    def convert(value: object) -> object:
        from salescli.present import labels

        table = getattr(labels, vocabulary)
        if isinstance(value, str):
            return labels.code_for(table, value)
        if isinstance(value, list | tuple):
            return [labels.code_for(table, v) if isinstance(v, str) else v for v in value]
        return value

    return convert


# Customer arguments and filters several command groups take (customer, pool, history,
# ownership), declared once so their help and completion read the same everywhere.
CustomerRef = Annotated[
    str, typer.Argument(help=_("Customer id or name."), metavar="CUSTOMER", autocompletion=complete_customer)
]
IndustryOption = Annotated[str | None, typer.Option("--industry", help=_("Industry."))]
SizeOption = Annotated[
    str | None,
    typer.Option("--size", help=_("Company size."), metavar="micro|small|medium|large",
                 autocompletion=choices(SIZE_CODES), callback=coded("SIZES")),
]
CityOption = Annotated[str | None, typer.Option("--city", help=_("City."))]
SearchOption = Annotated[
    str | None, typer.Option("--search", help=_("Text in the name, city, notes or a contact's name."))
]
GradeOption = Annotated[
    str | None,
    typer.Option("--grade", help=_("A key, B general, C potential."), metavar="A|B|C",
                 autocompletion=choices(GRADE_CODES), callback=coded("GRADES")),
]
