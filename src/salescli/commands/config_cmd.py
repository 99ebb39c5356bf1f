"""`salescli config show|get|set|path`."""

from __future__ import annotations

from typing import Annotated

import typer

from salescli.commands._common import JsonOption
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

KeyArg = Annotated[str, typer.Argument(help=_("AREA.KEY, e.g. pool.max_owned."), metavar="KEY")]


@app.command("show", help=_("Every setting with its value and whether it is the default."))
def show(json: JsonOption = False) -> None:
    from salescli.core.config import SETTINGS, display, load
    from salescli.terminal.render import print_json, table

    config = load()
    if json:
        print_json({key: config.get(key) for key in SETTINGS})
        return
    table(
        [_("Setting"), _("Value"), _("Source"), _("Meaning")],
        [
            (key, display(config.get(key)), _("file") if config.is_set(key) else _("default"), _(setting.help))
            for key, setting in SETTINGS.items()
        ],
        title=str(config.path),
    )


@app.command("get", help=_("Print one setting's value."))
def get(key: KeyArg) -> None:
    from salescli.core.config import display, load

    typer.echo(display(load().get(key)))


@app.command("set", help=_("Change one setting in the config file."))
def set_(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help=_("The new value."), metavar="VALUE")],
) -> None:
    from salescli.core.config import config_path, display, set_value
    from salescli.terminal.render import message

    stored = set_value(key, value)
    message(_("{key} = {value} (in {path})").format(key=key, value=display(stored), path=config_path()))


@app.command("path", help=_("Print the config file's path."))
def path() -> None:
    from salescli.core.paths import config_path

    typer.echo(str(config_path()))
