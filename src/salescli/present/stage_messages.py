"""The sentences of the stage errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.labels import stage_label
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "stage.unknown": N_("There is no stage {value!r}; the stages are: {names}."),
    # what is wrong with a stage list (core/stages.py StageListError problems), typed or read
    "stage.not_list": N_("A stage list is a list of stages, each with a name, a probability and a gate."),
    "stage.empty": N_("The stage list cannot be empty: a deal needs at least one open stage."),
    "stage.too_many": N_("{detail} stages are too many; at most {most} are allowed."),
    "stage.not_table": N_("Each stage must be a table with a name, a probability and a gate, not {detail!r}."),
    "stage.bad_name": N_(
        "{detail!r} cannot be a stage name: use up to {width} letters, digits, spaces or - _ . / &,"
        " starting with a letter or a digit."
    ),
    "stage.reserved": N_("{detail!r} cannot be a stage name: won and lost are the outcomes of every deal."),
    "stage.duplicate": N_("There is already a stage named {detail!r} (names and keys are unique, ignoring case)."),
    "stage.bad_probability": N_("The probability must be a whole number from 0 to 100, not {detail!r}."),
    "stage.bad_gate": N_("Unknown gate item {detail!r}; a gate lists {items} (or none)."),
    "stage.bad_key": N_("{detail!r} cannot be a stage key: a key is a lowercase name of up to {width} characters."),
    "stage.unknown_field": N_("A stage has no field {detail!r}; its fields are name, probability, gate and key."),
    # where a stage goes
    "stage.one_place": N_("Give only one place for the stage."),
    "stage.place_required": N_("Say where the stage goes: after or before another stage, or at a position."),
    "stage.bad_position": N_("There is no position {position}; use 1 to {count}."),
    "stage.beside_itself": N_("{name} cannot be placed next to itself."),
    # rules that refuse
    "stage.last": N_("{name} is the only stage left; a deal needs at least one open stage."),
    "stage.has_open_deals": N_("{deals} in {name}; move them to another stage first."),
    "stage.open_deals_left": N_(
        "The new stage list has no stage {name}, which still holds {deals}; move them to another stage first."
    ),
    # notices
    "stage.file_list_refused": N_(
        "Ignored pipeline.stages in {path}: the list has no stage {name}, which still holds {deals};"
        " removed it from the file."
    ),
}
UNKNOWN_STAGE_CLOSE = N_("There is no stage {value!r}. Did you mean: {close}?")
NO_NAME = N_("A stage needs a name.")
NO_PROBABILITY = N_("Each stage needs a probability, a whole number from 0 to 100.")
BAD_JSON = N_("The stage list is not valid JSON: give a list such as [{{\"name\": \"new\", \"probability\": 10}}].")
# What a stage list must be, in words (present/messages.py allowed_values).
ALLOWED = N_(
    "a list of stages, each with a name, a probability from 0 to 100 and a gate of note, amount, close_on, product"
)


@prepares("stage.unknown")
def _unknown_stage(template: str, p: dict[str, Any]) -> Prepared:
    if p.get("close"):
        return UNKNOWN_STAGE_CLOSE, p | {"close": ", ".join(stage_label(n, n) for n in p["close"])}
    return template, p | {"names": ", ".join(stage_label(n, n) for n in p["names"])}


LIST_PROBLEMS = ("not_list", "empty", "too_many", "not_table", "bad_name", "reserved", "duplicate",
                 "bad_probability", "bad_gate", "bad_key", "unknown_field")


@prepares(*(f"stage.{problem}" for problem in LIST_PROBLEMS))
def _list_problem(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.core.stages import GATE_ITEMS, MAX_STAGES, NAME_WIDTH

    detail = p.get("detail")
    if template == MESSAGES["stage.bad_name"] and (detail is None or (isinstance(detail, str) and not detail.strip())):
        template = NO_NAME
    elif template == MESSAGES["stage.bad_probability"] and detail is None:
        template = NO_PROBABILITY
    elif template == MESSAGES["stage.not_list"] and isinstance(detail, str):
        template = BAD_JSON
    return template, p | {"detail": detail, "most": MAX_STAGES, "width": NAME_WIDTH,
                          "items": ", ".join(GATE_ITEMS)}


def list_problem(problem: str, detail: Any) -> str:
    """The sentence (translated, no final period) for a StageListError problem, for the
    setting messages that embed it (config set, a list found in a config file)."""
    code = f"stage.{problem}"
    if code not in MESSAGES:
        return problem
    template, params = _list_problem(MESSAGES[code], {"detail": detail})
    text = _(template).format(**params).rstrip(".")
    # Read after a colon: "Bad value for pipeline.stages: there is already ..."
    return text[0].lower() + text[1:] if text[:1].isascii() and text[1:2].islower() else text


def _deals(n: int) -> str:
    return ngettext("{n} open deal", "{n} open deals", n).format(n=n)


@prepares("stage.has_open_deals")
def _has_open_deals(template: str, p: dict[str, Any]) -> Prepared:
    deals = ngettext("{n} open deal is", "{n} open deals are", p["count"]).format(n=p["count"])
    return template, p | {"deals": deals, "name": stage_label(p["key"], p["name"])}


@prepares("stage.open_deals_left", "stage.file_list_refused")
def _open_deals_left(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"deals": _deals(p["count"]), "name": stage_label(p["key"], p["name"])}


@prepares("stage.last", "stage.beside_itself")
def _named(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"name": stage_label(p.get("key") or p["name"], p["name"])}


CLI_WORDING: dict[str, str] = {
    "stage.one_place": N_("Use only one of --after, --before and --to."),
    "stage.place_required": N_("Say where the stage goes: --after STAGE, --before STAGE or --to POSITION."),
    "stage.bad_position": N_("--to must be a position from 1 to {count}, not {position}."),
    "stage.has_open_deals": N_("{deals} in {name}; move them first (salescli deal list --stage {key})."),
    "stage.open_deals_left": N_(
        "The new stage list has no stage {name}, which still holds {deals}; move them first"
        " (salescli deal list --stage {key})."
    ),
}
