"""`l`: log a follow-up with the selected customer, as `salescli log` does: the kind, what
happened, and the next step's day in the same date words (`fri`, `+3d`, `明天 14:30`,
`2026-12-01`), which the form reads back as a day while they are typed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from salescli.core.errors import SalescliError
from salescli.core.i18n import N_, _
from salescli.domain.codes import DEFAULT_KIND, KINDS
from salescli.present.labels import KINDS as KIND_LABELS
from salescli.present.labels import label
from salescli.terminal.render import safe
from salescli.tui.screens.form import FormScreen, text_or_none


class LogForm(FormScreen):
    TITLE_TEXT = N_("Log a follow-up")

    def __init__(self, customer_id: int, customer: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer = customer

    def fields(self) -> ComposeResult:
        yield Static(safe(f"#{self.customer_id} {self.customer}", newlines=False), classes="form-subject")
        yield self.label(_("Kind"))
        yield Select([(label(KIND_LABELS, k), k) for k in KINDS], value=DEFAULT_KIND, allow_blank=False, id="kind",
                     compact=True)
        yield self.label(_("What happened"))
        yield Input(id="summary", placeholder=_("What was said or done"), compact=True)
        yield self.label(_("Next follow-up (fri, +3d, 明天, 2026-12-01)"))
        yield Input(id="due", placeholder=_("Leave empty for none"), compact=True)
        yield Static(id="due-hint", classes="form-hint")
        yield self.label(_("Next action"))
        yield Input(id="next-action", placeholder=_("What to do next time"), compact=True)

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self.query_one("#due-hint", Static).update(due_hint(self.sales, event.value))

    def save(self) -> None:
        from salescli.present.follow_ups import logged_lines
        from salescli.services.follow_ups import LogInput, log_follow_up

        data = LogInput(
            customer=f"#{self.customer_id}", summary=self.value("#summary"), kind=str(self.query_one("#kind").value),
            due=text_or_none(self.value("#due")), next_action=text_or_none(self.value("#next-action")),
        )
        ctx = self.sales.backend.ctx
        self.sales.run_service(log_follow_up, data, done=lambda result: self.saved(logged_lines(result, ctx.now())),
                               failed=self.refused)


def due_hint(app: Any, typed: str) -> str:
    """The day typed date words mean, or why they mean none, as the rep types them."""
    from salescli.present.formatting import due_phrase, format_due
    from salescli.present.messages import sentence
    from salescli.services.follow_ups import read_due

    if not typed.strip():
        return ""
    now = app.backend.ctx.now()
    try:
        day, moment = read_due(typed, now)
    except SalescliError as err:
        return sentence(err)
    return f"→ {format_due(day, moment)} ({due_phrase(day, now.date())})"
