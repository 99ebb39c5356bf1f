"""The dashboard's keys, described once: the footer, the `?` help screen and the command
palette all read this table, so they cannot disagree (docs/dashboard.md "Keys").

Descriptions are marked with N_ and translated when a screen is made: a screen's
bindings are copied per instance by Textual, and `translate_bindings` rewrites the copy
in the interface language chosen for this run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from salescli.core.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Key:
    key: str  # Textual's key name
    shown: str  # how the help screen writes it
    action: str  # the app's action
    description: str  # N_
    help: str  # N_: the longer text of the help screen and the command palette


KEYS: tuple[Key, ...] = (
    Key("slash", "/", "search", N_("Search"), N_("Find a customer as you type: name, pinyin, city, contact.")),
    Key("enter", "enter", "open", N_("Open"), N_("Open the selected customer: card, contacts, timeline, deals.")),
    Key("l", "l", "log", N_("Log"), N_("Log a follow-up with the selected customer, and the next step.")),
    Key("d", "d", "done", N_("Done"), N_("Mark the selected task done.")),
    Key("a", "a", "advance", N_("Advance"), N_("Advance the selected deal to its next stage.")),
    Key("c", "c", "pool", N_("Pool"), N_("The public pool: find and claim customers.")),
    Key("p", "p", "plan", N_("Plan"), N_("This week's plan of calls and visits.")),
    Key("r", "r", "refresh", N_("Refresh"), N_("Read everything again from the store.")),
    Key("question_mark", "?", "help", N_("Help"), N_("These keys.")),
    Key("q", "q", "quit", N_("Quit"), N_("Leave the dashboard.")),
)
# Keys the app binds for every screen; `open` is each list's own enter.
APP_KEYS = tuple(k for k in KEYS if k.action != "open")


def translate_bindings(node: Any) -> None:
    """Put this run's language into a screen's or the app's own copy of its bindings."""
    bindings = node._bindings.key_to_bindings
    for key, found in bindings.items():
        bindings[key] = [replace(b, description=_(b.description)) if b.description else b for b in found]
