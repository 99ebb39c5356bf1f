"""How payments read in a table: `deal payment list`, `deal show`, the agenda's payments."""

from __future__ import annotations

from salescli.core.i18n import N_
from salescli.present.columns import Column

PAYMENT_COLUMNS = (
    Column(N_("Payment"), "id", "id"),
    Column(N_("Deal"), "deal_id", "id"),
    Column(N_("Title"), "deal_title"),
    Column(N_("Customer"), "customer", drop=2),
    Column(N_("Amount"), "amount", "money"),
    Column(N_("Due"), "due_on", "day"),
    Column(N_("When"), "open_due", "due", drop=1),  # empty once paid
    Column(N_("Paid on"), "paid_on", "day"),
)
# One deal's payments (`deal show`): the deal is known.
DEAL_PAYMENT_COLUMNS = PAYMENT_COLUMNS[:1] + PAYMENT_COLUMNS[4:]

RECEIVABLE_LINE = N_("Scheduled {scheduled}, paid {paid}, open {open}, overdue {overdue}.")
