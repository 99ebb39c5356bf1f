"""Column descriptions: how a list of a service's records is shown, by the CLI and the
dashboard alike.

A screen that lists records declares its columns once; each interface formats every
`kind` its own way (Rich text in the CLI, cells in the dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Kinds whose values are one piece (an id, a date, "3 days overdue", a count): they are
# never wrapped or cut on a narrow screen (docs/text.md).
WHOLE_KINDS = frozenset({"id", "day", "due", "ago", "days", "span", "until", "moment", "money", "stage", "code",
                         "flag"})
# A stage column names the attribute holding the stage's name in force (present/labels.py
# `stage_label`): `stage` -> `stage_name`, `from_stage` -> `from_name`.
STAGE_NAMES = {"stage": "stage_name", "from_stage": "from_name", "to_stage": "to_name"}


@dataclass(frozen=True)
class Column:
    """One record attribute on screen; `header` is marked with N_ and translated on display.

    `kind`: text, id, day (a date), due (a date as "3 days overdue"), ago (an instant as
    "12 days ago"), days (a count of days overdue, in red), span (a count of days), until
    (days ahead: "today", "in 3 days"), moment (an instant: "Nov 23 09:00"), money (a
    Decimal in the currency the record carries as `currency`), stage (a stage key read with
    its name in force, `STAGE_NAMES`), code (a stored code read through the present/labels.py
    vocabulary named by `labels`), flag (the marker `labels` when the value is true).

    On a narrow screen: `whole` values (by default every kind but text) keep their width;
    text wraps between words and gives way first; a column with `drop` is left out,
    highest first, when the table would not fit; `lines` cuts a long text to that many
    lines ending in "…". `time_key` names an optional instant (a task's `due_at`) whose
    local time of day is drawn after the day: "Fri Dec 4 14:30", "due today 14:30".
    """

    header: str
    key: str
    kind: str = "text"
    whole: bool | None = None
    drop: int | None = None
    lines: int | None = None
    time_key: str | None = None  # a day or due column: the instant whose time of day follows it
    labels: str | None = None  # a code column: the vocabulary's name; a flag column: its marker (N_)
    multiline: bool = False  # a text keeps its line breaks where the interface can (a follow-up's summary)
    ratio: int | None = None  # a text column's share of the room left (default 1)

    @property
    def is_whole(self) -> bool:
        return self.kind in WHOLE_KINDS if self.whole is None else self.whole

    def options(self) -> dict[str, Any]:
        """The layout options an interface needs (terminal/render.py `table`)."""
        options: dict[str, Any] = {"whole": self.is_whole}
        if self.kind in ("id", "money"):
            options["justify"] = "right"
        if self.drop is not None:
            options["drop"] = self.drop
        if self.lines is not None:
            options["lines"] = self.lines
        if self.multiline:
            options["multiline"] = True
        if self.ratio is not None:
            options["ratio"] = self.ratio
        return options
