"""The sentences of assign, transfer and handover (merged into present/messages.py
MESSAGES), the command line's own wording of those whose remedy is another command
(merged into terminal/messages.py CLI_WORDING), and the columns of a handover listing.
"""

from __future__ import annotations

from salescli.core.i18n import N_
from salescli.present.columns import Column

MESSAGES: dict[str, str] = {
    "transfer.use_transfer": N_("Customer #{id} {name} belongs to {owner}; transfer it instead of assigning it."),
    "transfer.use_assign": N_("Customer #{id} {name} is in the pool; assign it instead of transferring it."),
    "transfer.same_owner": N_("Customer #{id} {name} already belongs to {handle}."),
    "transfer.target_inactive": N_("{handle} is deactivated; choose an active user."),
}

CLI_WORDING: dict[str, str] = {
    "transfer.use_transfer": N_(
        "Customer #{id} {name} belongs to {owner}; move it with: salescli customer transfer {id} --to {to}"
    ),
    "transfer.use_assign": N_(
        "Customer #{id} {name} is in the pool; give it with: salescli customer assign {id} --to {to}"
    ),
}

# `handover --dry-run` (and the real run): the customers that move.
HANDOVER_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Customer"), "name"),
    Column(N_("Archived"), "archived", "flag", labels=N_("archived")),
)
