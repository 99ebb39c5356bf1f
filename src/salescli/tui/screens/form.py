"""What the dashboard's forms share: a modal box with a title, the fields, a line where a
refusal's sentence shows (the same sentence the CLI prints; the form stays open and
nothing is written), Save and Cancel buttons, ctrl+s to save and escape to cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from salescli.core.i18n import N_, _
from salescli.terminal.render import safe
from salescli.tui.screens.base import OfTheApp

if TYPE_CHECKING:
    pass


class FormScreen(OfTheApp, ModalScreen[bool]):
    """Dismissed with True once the service wrote, False when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]
    TITLE_TEXT = ""  # N_

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(_(self.TITLE_TEXT), style="bold"), classes="form-title")
            yield from self.fields()
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.show_error("")
        self.save()

    def save(self) -> None:
        """Call the service with `self.sales.run_service(..., done=self.saved, failed=self.refused)`."""

    def saved(self, lines: list[str]) -> None:
        self.busy = False
        self.sales.notify("\n".join(lines))
        self.dismiss(True)

    def refused(self, sentence: str) -> None:
        self.busy = False
        self.show_error(sentence)

    def show_error(self, sentence: str) -> None:
        self.query_one("#form-error", Static).update(Text(safe(sentence), style="bold red"))

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def label(self, text: str) -> Static:
        return Static(text, classes="form-label")


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None
