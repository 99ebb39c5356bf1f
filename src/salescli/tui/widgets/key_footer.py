"""The footer of keys every screen shows: compact, so all of them fit in 80 columns; the
command palette (ctrl+p) is listed by the `?` help screen instead."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, show_command_palette=False, **kwargs)
