"""How a week plan reads (docs/plan.md): purposes, score parts and overflow reasons in
words, the day headings, the table columns, and the words of the tasks and calendar
events a plan writes. Shared by the CLI and (later) the weekly report.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.columns import Column

PURPOSES: dict[str, str] = {
    "collect_payment": N_("collect payment"), "advance_deal": N_("advance deal"), "take_order": N_("take order"),
    "handle_problem": N_("handle problem"), "service": N_("service"), "develop": N_("develop"),
    "gather_info": N_("gather information"),
}
KINDS: dict[str, str] = {"call": N_("Call"), "visit": N_("Visit")}
OVERFLOW_REASONS: dict[str, str] = {
    "no_call_slot": N_("no call slot left this week"), "no_visit_slot": N_("no visit or call slot left this week"),
    "no_slot_before_pool": N_("no slot left before it returns to the pool"),
}

COLUMNS = (
    Column(N_("#"), "position", "id"),
    Column(N_("Kind"), "kind_words", whole=True),
    Column(N_("Customer"), "customer"),
    Column(N_("City"), "city", drop=2),
    Column(N_("Purpose"), "purpose_words"),
    Column(N_("Score"), "score", "id"),
    Column(N_("Why"), "why", lines=3, drop=1),
)
OVERFLOW_COLUMNS = (
    Column(N_("Customer"), "customer"),
    Column(N_("Kind"), "kind_words", whole=True),
    Column(N_("Purpose"), "purpose_words"),
    Column(N_("Score"), "score", "id"),
    Column(N_("Reason"), "reason_words"),
    Column(N_("Why"), "why", lines=3, drop=1),
)


def purpose_words(purpose: str) -> str:
    return _(PURPOSES[purpose]) if purpose in PURPOSES else purpose


def kind_words(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def overflow_words(reason: str) -> str:
    return _(OVERFLOW_REASONS[reason]) if reason in OVERFLOW_REASONS else reason


def _value(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:  # a day, as JSON or the plan item table gives it
        value = date.fromisoformat(value)
    return value


def _reason_words(reason: str, value: Any) -> str:
    """One reason with what it counts from, as a phrase: "overdue task (3 d)"."""
    from salescli.present.formatting import format_short_day

    if reason == "overdue_task":
        return _("overdue task ({days} d)").format(days=value)
    if reason == "due_task":
        return _("task due {day}").format(day=format_short_day(value)) if isinstance(value, date) else _("task due")
    if reason == "recycle_warning":
        return _("returns to the pool in {days} d").format(days=value)
    if reason == "payment_due":
        if value is not None and value > 0:
            return _("payment overdue ({days} d)").format(days=value)
        if not value:
            return _("payment due today")
        return _("payment due in {days} d").format(days=-value)
    if reason == "closing_deal":
        if value is not None and value < 0:
            return _("deal past its close date ({days} d)").format(days=-value)
        if not value:
            return _("deal closing today")
        return _("deal closing in {days} d").format(days=value)
    if reason == "stale_deal":
        return _("deal unmoved for {days} d").format(days=value)
    if reason == "contract_ending":
        return _("contract ends in {days} d").format(days=value)
    if reason == "a_visit_due":
        return _("A visit due, never visited") if value is None else _("A visit due ({days} d late)").format(days=value)
    if reason == "forgotten":
        return _("forgotten ({days} d overdue)").format(days=value)
    if reason == "a_grade":
        return _("A grade")
    return reason


def part_words(part: Any) -> str:
    """A score part in words with its points: "overdue task (3 d) +49", "payment overdue
    (7 d) ¥100,000.00 +79" (a part or its JSON, as plan_items keeps it)."""
    get = part.get if isinstance(part, dict) else lambda name: getattr(part, name, None)
    reason = _reason_words(get("reason"), _value(get("value")))
    amount, currency = get("amount"), get("currency")
    if amount is not None:
        from decimal import Decimal

        from salescli.present.formatting import format_money

        reason = _("{reason} {amount}").format(reason=reason, amount=format_money(Decimal(amount), currency or "CNY"))
    return _("{reason} +{points}").format(reason=reason, points=get("points"))


def why(parts: list[Any]) -> str:
    return " · ".join(part_words(p) for p in parts)


def day_heading(day: date, visits: int, calls: int) -> str:
    from salescli.present.formatting import format_short_day

    return _("{day} · {visits}, {calls}").format(
        day=format_short_day(day),
        visits=ngettext("{n} visit", "{n} visits", visits).format(n=visits),
        calls=ngettext("{n} call", "{n} calls", calls).format(n=calls))


def totals(plan: Any) -> str:
    visits = sum(1 for i in plan.items if i.kind == "visit")
    calls = len(plan.items) - visits
    return _("Week {week}: {visits} and {calls} planned over {days}, {overflow} not planned.").format(
        week=plan.week, visits=ngettext("{n} visit", "{n} visits", visits).format(n=visits),
        calls=ngettext("{n} call", "{n} calls", calls).format(n=calls),
        days=ngettext("{n} day", "{n} days", len(plan.days)).format(n=len(plan.days)), overflow=len(plan.overflow))


def committed_words(summary: Any) -> str:
    return _("Plan recorded: {created} new tasks, {linked} linked to open tasks, {replaced} earlier items "
             "replaced.").format(created=summary.created_tasks, linked=summary.linked_tasks,
                                 replaced=summary.replaced_items)


def task_text(item: Any, week: str) -> str:
    """A plan task's summary: "Visit: collect payment (plan 2026-W48)"."""
    return _("{kind}: {purpose} (plan {week})").format(kind=kind_words(item.kind), purpose=purpose_words(item.purpose),
                                                       week=week)


def event_summary(item: Any) -> str:
    """A calendar event's title: "Visit 宏达科技: collect payment"."""
    return _("{kind} {customer}: {purpose}").format(kind=kind_words(item.kind), customer=item.customer,
                                                    purpose=purpose_words(item.purpose))


def event_description(item: Any) -> str:
    return _("Score {score}: {why}").format(score=item.score, why=why(item.parts))


def plan_row(item: Any, **extra: Any) -> SimpleNamespace:
    """A plan item (or one not planned) with the words its columns draw; it keeps what it
    is about (customer, task, deal) for the dashboard's keys."""
    kind = kind_words(item.kind)
    if getattr(item, "downgraded", False):
        kind = _("{kind} (was a visit)").format(kind=kind)
    return SimpleNamespace(position=getattr(item, "position", None), day=getattr(item, "day", None),
                           kind_words=kind, customer=item.customer, customer_id=item.customer_id,
                           task_id=getattr(item, "task_id", None), deal_id=getattr(item, "deal_id", None),
                           city=getattr(item, "city", None), purpose_words=purpose_words(item.purpose),
                           score=item.score, why=why(item.parts), **extra)
