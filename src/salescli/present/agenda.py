"""How the agenda's sections read: their titles and the columns of their items.

Every section a service registers (services/agenda.py) has a title and columns here; a
test checks that none is missing.
"""

from __future__ import annotations

from salescli.core.i18n import N_
from salescli.present.columns import Column

TITLES: dict[str, str] = {
    "overdue_tasks": N_("Overdue tasks"),
    "due_today": N_("Due today"),
    "recycle_warnings": N_("About to return to the pool"),
    "payments": N_("Payments due"),
    "stale_deals": N_("Stale deals"),
    "closing_soon": N_("Deals closing within 7 days"),
    "contracts_ending": N_("Contracts ending within 30 days"),
    "birthdays": N_("Birthdays this week"),
    "forgotten": N_("Forgotten customers"),
}

# The agenda is read at a glance: "3 days overdue" says enough; `tasks` adds the day.
AGENDA_TASK_COLUMNS = (
    Column(N_("Task"), "id", "id"),
    Column(N_("When"), "due_on", "due", time_key="due_at"),
    Column(N_("Customer"), "customer"),
    Column(N_("Action"), "action", lines=3),
    Column(N_("Contact"), "contact", drop=2),
)
# On a narrow terminal `tasks` leaves out the contact, then "in 3 days" (the day stays).
TASK_COLUMNS = (AGENDA_TASK_COLUMNS[:1] + (Column(N_("Due"), "due_on", "day", time_key="due_at"),)
                + (Column(N_("When"), "due_on", "due", drop=1),) + AGENDA_TASK_COLUMNS[2:])
ASSIGNEE_COLUMN = Column(N_("Rep"), "assignee", whole=True)
BIRTHDAY_COLUMNS = (
    Column(N_("Contact"), "contact"),
    Column(N_("Customer"), "customer"),
    Column(N_("Birthday"), "on", "day"),
    Column(N_("When"), "days_until", "until"),
    Column(N_("Turns"), "turns", whole=True),
)
FORGOTTEN_COLUMNS = (
    Column(N_("ID"), "customer_id", "id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Grade"), "grade", whole=True),
    Column(N_("City"), "city"),
    Column(N_("Last contact"), "last_contact_at", "ago"),
    Column(N_("Overdue by"), "days_overdue", "days"),
)

# The pipeline's sections (services/agenda_pipeline.py).
PAYMENT_DUE_COLUMNS = (
    Column(N_("Payment"), "payment_id", "id"),
    Column(N_("When"), "due_on", "due"),
    Column(N_("Amount"), "amount", "money"),
    Column(N_("Deal"), "deal_id", "id"),
    Column(N_("Title"), "deal_title"),
    Column(N_("Customer"), "customer", drop=1),
)
# Every deal section starts with the deal and its customer.
_DEAL_HEAD = (
    Column(N_("Deal"), "deal_id", "id"),
    Column(N_("Title"), "title"),
    Column(N_("Customer"), "customer", drop=1),
)
STALE_DEAL_COLUMNS = (
    *_DEAL_HEAD,
    Column(N_("Stage"), "stage", "stage"),
    Column(N_("In stage since"), "stage_changed_at", "ago"),
    Column(N_("Amount"), "amount", "money", drop=2),
)
CLOSING_DEAL_COLUMNS = (
    *_DEAL_HEAD,
    Column(N_("Stage"), "stage", "stage"),
    Column(N_("Expected close"), "close_on", "due"),
    Column(N_("Amount"), "amount", "money", drop=2),
)
CONTRACT_ENDING_COLUMNS = (
    *_DEAL_HEAD,
    Column(N_("Contract ends"), "contract_end", "day"),
    Column(N_("When"), "days_until", "until"),
    Column(N_("Amount"), "amount", "money", drop=2),
)
# The pool's section (services/agenda_pool.py): which rule takes the customer, and when.
RECYCLE_WARNING_COLUMNS = (
    Column(N_("ID"), "customer_id", "id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Grade"), "grade", whole=True),
    Column(N_("Rule"), "rule", "code", labels="RECYCLE_RULES"),
    Column(N_("Days"), "days", whole=True, drop=2),
    Column(N_("Returns"), "days_left", "until"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "overdue_tasks": AGENDA_TASK_COLUMNS,
    "due_today": AGENDA_TASK_COLUMNS,
    "recycle_warnings": RECYCLE_WARNING_COLUMNS,
    "payments": PAYMENT_DUE_COLUMNS,
    "stale_deals": STALE_DEAL_COLUMNS,
    "closing_soon": CLOSING_DEAL_COLUMNS,
    "contracts_ending": CONTRACT_ENDING_COLUMNS,
    "birthdays": BIRTHDAY_COLUMNS,
    "forgotten": FORGOTTEN_COLUMNS,
}
