"""The sentences of the stage errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_
from salescli.present.labels import stage_label
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    "stage.unknown": N_("There is no stage {value!r}; the stages are: {names}."),
}
UNKNOWN_STAGE_CLOSE = N_("There is no stage {value!r}. Did you mean: {close}?")


@prepares("stage.unknown")
def _unknown_stage(template: str, p: dict[str, Any]) -> Prepared:
    if p.get("close"):
        return UNKNOWN_STAGE_CLOSE, p | {"close": ", ".join(stage_label(n, n) for n in p["close"])}
    return template, p | {"names": ", ".join(stage_label(n, n) for n in p["names"])}

CLI_WORDING: dict[str, str] = {
}
