"""`salescli completion SHELL`: the scripts kept in completions/ come from here."""


from enum import Enum
from typing import Annotated

import typer

from salescli.core.i18n import _

PROG = "salescli"
COMPLETE_VAR = "_SALESCLI_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell).rstrip() + "\n"


def completion(
    shell: Annotated[Shell, typer.Argument(help=_("bash, zsh or fish."), case_sensitive=False)],
) -> None:
    typer.echo(script(shell.value), nl=False)


def register(app: typer.Typer) -> None:
    app.command(
        "completion",
        help=_("Print the completion script for bash, zsh or fish (see README)."),
    )(completion)
