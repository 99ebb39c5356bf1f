"""`salescli config show|get|set|path|history`: personal settings in your file, team rules
in the store (docs/settings.md)."""


from typing import Annotated

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import N_, _

app = typer.Typer(no_args_is_help=True)

KeyArg = Annotated[str, typer.Argument(help=_("AREA.KEY, e.g. pool.max_owned."), metavar="KEY")]

SOURCES = {
    "default": N_("default"), "file": N_("file"), "store": N_("store"), "option": N_("--db"),
    "invalid": N_("store (invalid)"),
}


def _source(key: str, source: str) -> str:
    if source == "env":
        from salescli.services.settings import ENVIRONMENT

        return ENVIRONMENT[key]  # the variable's name says it all
    return _(SOURCES[source])
ORIGINS = {"set": N_("config set"), "file": N_("moved from a config file"), "stage": N_("salescli stage")}


@app.command("show", help=_("Every setting with its value and where it comes from."))
def show(json: JsonOption = False) -> None:
    from salescli.core.settings import SETTINGS
    from salescli.present.messages import display_value
    from salescli.services.settings import show_settings
    from salescli.terminal.render import print_json, table

    ctx = open_ctx()
    rows = show_settings(ctx)
    if json:
        print_json(rows)
        return
    table(
        [_("Setting"), _("Value"), _("Source"), _("Meaning")],
        [(r.key, display_value(r.value), _source(r.key, r.source), _(SETTINGS[r.key].help)) for r in rows],
        title=_("Personal settings: {path}; team rules: the store").format(path=ctx.config.path),
    )


@app.command("get", help=_("Print one setting's value."))
def get(key: KeyArg) -> None:
    from salescli.present.messages import display_value
    from salescli.services.settings import get_setting
    from salescli.terminal.render import safe

    typer.echo(safe(display_value(get_setting(open_ctx(), key).value)))


# A VALUE may start with "-" (`config set forgotten.a_days -5` reaches the check of the
# value, which names the range, rather than Click's "No such option: -5").
@app.command("set", help=_("Change one setting: personal ones in your file, team rules in the store."),
             context_settings={"ignore_unknown_options": True})
def set_(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help=_("The new value ('' for the default)."), metavar="VALUE")],
) -> None:
    from salescli.present.messages import display_value
    from salescli.services.settings import set_setting
    from salescli.terminal.render import message

    saved = set_setting(key, value, open_ctx)
    where = _("in {path}") if saved.scope == "personal" else _("in the store {path}")
    message(_("{key} = {value} ({where})").format(key=saved.key, value=display_value(saved.value),
                                                  where=where.format(path=saved.where)))


@app.command("history", help=_("Who changed the team rules, when, from what to what."))
def history(
    key: Annotated[str | None, typer.Argument(help=_("Only this rule."), metavar="[KEY]")] = None,
    json: JsonOption = False,
) -> None:
    from salescli.core.settings import SETTINGS
    from salescli.present.formatting import format_moment
    from salescli.present.messages import display_value
    from salescli.services.settings import setting_history
    from salescli.terminal.render import message, print_json, table

    rows = setting_history(open_ctx(), key)
    if json:
        print_json(rows)
        return
    if not rows:
        message(_("No team rule has been changed yet."))
        return

    def shown(key: str, value: object) -> str:
        if value is None:  # no value in the store: the default
            return _("default ({value})").format(value=display_value(SETTINGS[key].default))
        return display_value(value)

    table(
        [_("When"), _("Setting"), _("From"), _("To"), _("By"), _("How")],
        [(format_moment(r.at), r.key, shown(r.key, r.old_value), shown(r.key, r.new_value), r.by or "",
          _(ORIGINS.get(r.origin, r.origin))) for r in rows],
    )


@app.command("path", help=_("Print the config file's path."))
def path() -> None:
    from salescli.core.paths import config_path
    from salescli.terminal.render import safe

    typer.echo(safe(config_path()))
