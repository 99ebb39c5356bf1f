"""How deals are shown in tables, by the CLI and the dashboard alike (present/columns.py).

Besides the shared kinds, deal tables use `money` (a Decimal in the record's `currency`),
`stage` (the record's stage key read with its name in force: `stage_label`), `status`
(a deal status label) and `flag` (a marker shown when true, e.g. "stale").
"""

from __future__ import annotations

from salescli.core.i18n import N_
from salescli.present.columns import Column

MONEY, STAGE, STATUS, FLAG = "money", "stage", "status", "flag"

STALE_MARK = N_("stale")

# `deal list`: the owner column is added when the listing is not the rep's own.
DEAL_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Customer"), "customer", drop=3),
    Column(N_("Title"), "title"),
    Column(N_("Stage"), "stage", STAGE, whole=True),
    Column(N_("Amount"), "amount", MONEY, whole=True),
    Column(N_("Weighted"), "weighted", MONEY, whole=True, drop=2),
    Column(N_("Close"), "close_on", "day"),
    Column(N_("In stage"), "days_in_stage", "days", drop=4),
    Column(N_("Stale"), "stale", FLAG, whole=True, drop=1),
)
STATUS_COLUMN = Column(N_("Status"), "status", STATUS, whole=True, drop=5)
OWNER_COLUMN = Column(N_("Owner"), "owner", whole=True, drop=2)

# The customer card's deals.
CUSTOMER_DEAL_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Title"), "title"),
    Column(N_("Stage"), "stage", STAGE, whole=True),
    Column(N_("Status"), "status", STATUS, whole=True),
    Column(N_("Amount"), "amount", MONEY, whole=True),
    Column(N_("Close"), "close_on", "day"),
)

# A deal's stage history (and the customer card's, with the deal's title).
CHANGE_COLUMNS: tuple[Column, ...] = (
    Column(N_("When"), "at", "moment", whole=True),
    Column(N_("Change"), "kind", "change", whole=True),
    Column(N_("From stage"), "from_stage", STAGE, whole=True),
    Column(N_("To stage"), "to_stage", STAGE, whole=True),
    Column(N_("By"), "by", whole=True),
    Column(N_("Feedback"), "feedback", lines=3),
)
CHANGE_DEAL_COLUMN = Column(N_("Deal"), "deal_title", drop=1)
