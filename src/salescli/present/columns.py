"""Column descriptions: how a service's items are shown, by the CLI now and the TUI later.

A service that returns a list of items can describe their columns here once; each
interface formats every `kind` in its own way (Rich text in the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One item field on screen; `header` is marked with N_ and translated on display.

    `kind`: text, id, day (a date), due (a date as "3 days overdue"), ago (an instant as
    "12 days ago"), days (a count of days), until (days ahead: "today", "in 3 days").
    """

    header: str
    key: str
    kind: str = "text"
