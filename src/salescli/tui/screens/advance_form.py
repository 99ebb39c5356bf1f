"""`a`: advance the selected deal one stage, as `salescli deal advance` does. The form says
where the deal goes and what that stage's gate asks for, ticking what the deal already
has, and takes the feedback note the move is recorded with; a gate that is not met is
refused with the CLI's sentence, in the form, and nothing moves."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from salescli.core.i18n import N_, _
from salescli.present.deal_messages import GATE_ITEMS
from salescli.present.labels import stage_label
from salescli.terminal.render import safe
from salescli.tui.screens.form import FormScreen, text_or_none


class AdvanceForm(FormScreen):
    TITLE_TEXT = N_("Advance a deal")

    def __init__(self, deal_id: int) -> None:
        super().__init__()
        self.deal_id = deal_id

    def fields(self) -> ComposeResult:
        yield Static(f"#{self.deal_id}", id="deal", classes="form-subject")
        yield Static(id="gate", classes="form-hint")
        yield self.label(_("Feedback note"))
        yield Input(id="note", placeholder=_("What the customer said; the gate may require it"), compact=True)

    def on_mount(self) -> None:
        from salescli.services.deals import advance_preview

        self.query_one("#note", Input).focus()
        self.sales.run_service(advance_preview, self.deal_id, done=self.show_preview, failed=self.refused)

    def show_preview(self, preview: Any) -> None:
        deal = preview.deal
        self.query_one("#deal", Static).update(Text(safe(
            f"#{deal.id} {deal.title} · {deal.customer}", newlines=False), style="bold"))
        move = Text(_("{source} → {target}").format(source=stage_label(deal.stage, deal.stage_name),
                                                   target=stage_label(preview.to_stage, preview.to_name)))
        if preview.gate:
            move.append("\n" + _("The gate asks for:"))
            for item in preview.gate:
                met = item not in preview.missing
                typed_here = item == "note"
                mark = "✎" if typed_here else "✓" if met else "✗"
                move.append(f"\n  {mark} {_(GATE_ITEMS.get(item, item))}",
                            style="" if typed_here else "green" if met else "red")
        else:
            move.append("\n" + _("The gate asks for nothing."))
        self.query_one("#gate", Static).update(move)

    def save(self) -> None:
        from salescli.present.deals import advanced_sentence
        from salescli.services.deals import advance_deal

        self.sales.run_service(advance_deal, self.deal_id, note=text_or_none(self.value("#note")),
                               done=lambda card: self.saved([advanced_sentence(card)]), failed=self.refused)
