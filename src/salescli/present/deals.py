"""How deals are shown in tables, by the CLI and the dashboard alike (present/columns.py).

Deal tables use the shared kinds `money`, `stage`, `code` (statuses, kinds of change),
`flag` (the stale marker), `moment` and `span` (present/columns.py).
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _
from salescli.present.columns import Column
from salescli.present.labels import stage_label

MONEY, STAGE = "money", "stage"

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
    Column(N_("In stage"), "days_in_stage", "span", drop=4),
    Column(N_("Stale"), "stale", "flag", labels=STALE_MARK, drop=1),
)
STATUS_COLUMN = Column(N_("Status"), "status", "code", labels="DEAL_STATUSES", drop=5)
OWNER_COLUMN = Column(N_("Owner"), "owner", whole=True, drop=2)

# The customer card's deals.
CUSTOMER_DEAL_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Title"), "title"),
    Column(N_("Stage"), "stage", STAGE, whole=True),
    Column(N_("Status"), "status", "code", labels="DEAL_STATUSES"),
    Column(N_("Amount"), "amount", MONEY, whole=True),
    Column(N_("Close"), "close_on", "day"),
)

# A deal's stage history (and the customer card's, with the deal's title).
CHANGE_COLUMNS: tuple[Column, ...] = (
    Column(N_("When"), "at", "moment"),
    Column(N_("Change"), "kind", "code", labels="STAGE_CHANGE_KINDS"),
    Column(N_("From stage"), "from_stage", STAGE, whole=True),
    Column(N_("To stage"), "to_stage", STAGE, whole=True),
    Column(N_("By"), "by", whole=True),
    Column(N_("Feedback"), "feedback", lines=3),
)
CHANGE_DEAL_COLUMN = Column(N_("Deal"), "deal_title", drop=1)


def advanced_sentence(card: Any) -> str:
    """After `deal advance` (and the dashboard's `a`): where the deal went, and how."""
    kind = card.changes[-1].kind if card.changes else ""
    template = {"skip": _("Deal #{id} {title} skipped ahead to {stage}."),
                "back": _("Deal #{id} {title} moved back to {stage}.")}.get(
        kind, _("Deal #{id} {title} advanced to {stage}."))
    return template.format(id=card.id, title=card.title, stage=stage_label(card.stage, card.stage_name))
