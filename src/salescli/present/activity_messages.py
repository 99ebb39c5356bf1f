"""Sentences of the activity area's errors and notices (merged into present/messages.py
MESSAGES) and the command line's own wording of those whose remedy is a flag (merged into
terminal/messages.py CLI_WORDING)."""

from __future__ import annotations

from salescli.core.i18n import N_

MESSAGES: dict[str, str] = {
    "activity.when_missing": N_("The {kind} was not given: {value!r} is not a day, week or month."),
}

CLI_WORDING: dict[str, str] = {
    # `--week --team`: the option parser reads the next option as --week's value.
    "activity.when_missing": N_("{option} needs a value, such as {option} today; {value} was read as its value."),
}
