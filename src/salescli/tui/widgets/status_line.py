"""The line at the top of every screen: the screen, who acts, the day and time (the clock
honours SALESCLI_NOW), the interface language and which store. A store path too long
for the line keeps its end (the file's name), cut at the left with "…"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from salescli.core.i18n import LANGUAGES, current_language
from salescli.present.formatting import format_clock, format_short_day
from salescli.terminal.render import safe


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { dock: top; height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    facts: tuple[str, datetime, str, str] | None = None

    def show(self, handle: str, now: datetime, store: str, title: str) -> None:
        self.facts = (handle, now, store, title)
        line = Text()
        line.append("salescli", style="bold")
        line.append(f"  {safe(title, newlines=False)}  ", style="bold")
        line.append(safe(handle, newlines=False), style="bold")
        line.append(f" · {format_short_day(now.date())} {format_clock(now)}")
        line.append(f" · {LANGUAGES.get(current_language(), current_language())} · ")
        where = safe(_home_as_tilde(store), newlines=False)
        room = (self.content_region.width or 200) - line.cell_len
        if cell_len(where) > room > 1:
            where = "…" + where[len(where) - room + 1:]
        line.append(where)
        self.update(line)

    def on_resize(self) -> None:
        if self.facts is not None:
            self.show(*self.facts)


def _home_as_tilde(store: str) -> str:
    home = str(Path.home())
    return "~" + store[len(home):] if store.startswith(home + "/") else store
