"""`salescli stage list|add|rename|move|remove|set-probability|set-gate|export`: the
pipeline's stages, a team rule kept in the store (docs/settings.md)."""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, coded, complete_stage, open_ctx
from salescli.core.i18n import N_, _

app = typer.Typer(no_args_is_help=True)

StageArg = Annotated[
    str, typer.Argument(help=_("Stage name."), metavar="STAGE", autocompletion=complete_stage,
                        callback=coded("STAGES"))
]
After = Annotated[
    str | None, typer.Option("--after", help=_("Place it after this stage."), metavar="STAGE",
                             autocompletion=complete_stage, callback=coded("STAGES"))
]
Before = Annotated[
    str | None, typer.Option("--before", help=_("Place it before this stage."), metavar="STAGE",
                             autocompletion=complete_stage, callback=coded("STAGES"))
]
GATE_HELP = _("What entering the stage needs: note, amount, close_on, product (comma-separated), or none.")

# The gate items in words (core/stages.py GATE_ITEMS).
GATE_WORDS = {"note": N_("feedback note"), "amount": N_("amount"), "close_on": N_("expected close date"),
              "product": N_("product")}


def _gate(items: list[str]) -> str:
    return ", ".join(_(GATE_WORDS.get(item, item)) for item in items) or "-"


@app.command("list", help=_("The stages in order, with probability, gate and the open deals in each."))
def list_(json: JsonOption = False) -> None:
    from salescli.services.stages import list_stages
    from salescli.terminal.render import print_json

    listing = list_stages(open_ctx())
    if json:
        print_json(listing.rows())
        return
    _render(listing.stages, listing.currency, listing.not_in_list)


def _render(stages: list[Any], currency: str, outside: list[Any] = ()) -> None:  # type: ignore[assignment]
    from salescli.core.i18n import ngettext
    from salescli.present.formatting import format_money
    from salescli.present.labels import stage_label
    from salescli.terminal.render import message, table

    short = {"no_wrap": True}
    table(
        [(_("#"), {"justify": "right", **short}), (_("Stage"), {"ratio": 2}),
         (_("Probability"), {"justify": "right", **short}), (_("Gate"), {"ratio": 3}),
         (_("Open deals"), {"justify": "right", **short}), (_("Amount"), {"justify": "right", "drop": 1, **short})],
        [(s.position, stage_label(s.key, s.name), f"{s.probability}%", _gate(s.gate), s.open_deals,
          format_money(s.open_amount, currency)) for s in stages],
    )
    message(_("Closed outcomes (not stages): {won} 100%, {lost} 0%.").format(
        won=stage_label("won"), lost=stage_label("lost")))
    for o in outside:
        message(_("(not in the list) {key}: {deals}, {amount}").format(
            key=o.key, deals=ngettext("{n} open deal", "{n} open deals", o.open_deals).format(n=o.open_deals),
            amount=format_money(o.open_amount, currency)))


def _done(result: Any, text: str, json: bool) -> None:
    """What a stage change did: its JSON, or `text` about the stage and whether anything changed."""
    from salescli.present.labels import stage_label
    from salescli.terminal.render import message, print_json

    if json:
        print_json(result)
        return
    stage = result.stage
    message(text.format(name=stage_label(stage.key, stage.name), old=result.old_name or "",
                        probability=stage.probability, gate=_gate(stage.gate), position=stage.position))
    if not result.changed:
        message(_("The stage list already was so; nothing changed."))


Probability = Annotated[
    str, typer.Option("--probability", help=_("The chance (0-100) that a deal in this stage is won."),
                      metavar="0-100")
]


@app.command("add", help=_("Add a stage (at the end unless --after or --before says where)."))
def add(
    name: Annotated[str, typer.Argument(help=_("The new stage's name."), metavar="NAME")],
    probability: Probability,
    gate: Annotated[str | None, typer.Option("--gate", help=GATE_HELP, metavar="ITEMS")] = None,
    after: After = None,
    before: Before = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.stages import add_stage

    _done(add_stage(open_ctx(), name, probability, gate, after=after, before=before),
          _("Added stage {name} at position {position} ({probability}%, gate: {gate})."), json)


@app.command("rename", help=_("Rename a stage; deals and their history keep it."))
def rename(
    stage: StageArg,
    new_name: Annotated[str, typer.Argument(help=_("Its new name."), metavar="NEW_NAME")],
    json: JsonOption = False,
) -> None:
    from salescli.services.stages import rename_stage

    _done(rename_stage(open_ctx(), stage, new_name), _("Renamed stage {old} to {name}."), json)


@app.command("move", help=_("Move a stage: --after STAGE, --before STAGE or --to POSITION."))
def move(
    stage: StageArg,
    after: After = None,
    before: Before = None,
    to: Annotated[int | None, typer.Option("--to", min=1, max=1000, help=_("Its new position (1 = first)."),
                                           metavar="POSITION")] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.stages import move_stage

    _done(move_stage(open_ctx(), stage, after=after, before=before, to=to),
          _("Moved stage {name} to position {position}."), json)


@app.command("remove", help=_("Remove a stage that holds no open deals."))
def remove(stage: StageArg, json: JsonOption = False) -> None:
    from salescli.services.stages import remove_stage

    _done(remove_stage(open_ctx(), stage), _("Removed stage {name}."), json)


@app.command("set-probability", help=_("Set a stage's win probability (0-100)."))
def set_probability(
    stage: StageArg,
    probability: Annotated[str, typer.Argument(help=_("The chance (0-100) that a deal in this stage is won."),
                                               metavar="P")],
    json: JsonOption = False,
) -> None:
    from salescli.services.stages import set_probability as set_chance

    _done(set_chance(open_ctx(), stage, probability), _("Stage {name} now has probability {probability}%."), json)


@app.command("set-gate", help=_("Set what entering a stage needs."))
def set_gate(
    stage: StageArg,
    items: Annotated[str, typer.Argument(help=GATE_HELP, metavar="ITEMS")],
    json: JsonOption = False,
) -> None:
    from salescli.services.stages import set_gate as set_items

    _done(set_items(open_ctx(), stage, items), _("Stage {name} now needs: {gate}."), json)


@app.command("export", help=_("Print the stages as [[pipeline.stages]] tables for a config file."))
def export() -> None:
    import sys

    import tomlkit

    from salescli.core.stages import dump_stages
    from salescli.services.stages import stages_for_export

    document = tomlkit.document()
    stages = tomlkit.aot()
    for fields in dump_stages(stages_for_export(open_ctx())):
        stages.append(tomlkit.item(fields))
    document.append("pipeline", tomlkit.table(is_super_table=True))
    document["pipeline"].append("stages", stages)  # type: ignore[union-attr]
    sys.stdout.write(tomlkit.dumps(document))
