"""Column descriptions: how a list of a service's records is shown, by the CLI and the
dashboard alike.

A screen that lists records declares its columns once; each interface formats every
`kind` its own way (Rich text in the CLI, cells in the dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One record attribute on screen; `header` is marked with N_ and translated on display.

    `kind`: text, id, day (a date), due (a date as "3 days overdue"), ago (an instant as
    "12 days ago"), days (a count of days), until (days ahead: "today", "in 3 days").
    """

    header: str
    key: str
    kind: str = "text"
