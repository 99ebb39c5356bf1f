"""The week plan's rules (docs/plan.md): what each reason to contact a customer is worth,
what the contact is for, whether it is a call or a visit, and how the week's candidates
are placed on days within the daily capacities, visits of one city kept together.

Pure: the service gathers the facts (tasks, warnings, deals, payments) and the clock's
days; nothing here reads the store or the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

# What a planned contact is for, in the order one wins over the next (`purpose_of`).
PURPOSES: tuple[str, ...] = ("collect_payment", "advance_deal", "take_order", "handle_problem", "service",
                             "develop", "gather_info")
REASONS: tuple[str, ...] = ("overdue_task", "due_task", "recycle_warning", "payment_due", "closing_deal",
                            "stale_deal", "contract_ending", "a_visit_due", "forgotten", "a_grade")
# no_before_pool: no slot of either kind before the day the customer returns to the pool (a
# contact after it is of no use: the rep may not reclaim it for the cool-down).
OVERFLOW_REASONS: tuple[str, ...] = ("no_call_slot", "no_visit_slot", "no_slot_before_pool")

PROBLEM_DAYS = 7  # a task overdue by more than this is a problem to handle
VISIT_PAYMENT = Decimal(50_000)  # an overdue payment at least this large is collected in person
A_GRADE_BONUS = 10


@dataclass(frozen=True, slots=True)
class Part:
    """One reason's share of a score: `value` is what it is counted from (days, an amount,
    a stage key), shown next to the points."""

    reason: str
    points: int
    value: Any = None
    amount: Decimal | None = None  # the deal's or payment's amount, for money reasons


@dataclass(frozen=True, slots=True)
class Reason:
    """One fact about a customer that asks for a contact, with what the plan needs of it."""

    part: Part
    visit: bool = False  # the reason asks for a visit
    day: date | None = None  # a task due on this day within the plan
    deal_id: int | None = None
    task_id: int | None = None
    overdue_days: int = 0  # an overdue task's days overdue
    deadline: date | None = None  # the last day a contact helps (the customer returns to the pool after it)


@dataclass(frozen=True, slots=True)
class Candidate:
    customer_id: int
    score: int
    kind: str  # call | visit
    purpose: str
    parts: tuple[Part, ...]
    city: str | None = None
    day: date | None = None  # a fixed day: goes there when it has room
    deal_id: int | None = None
    task_id: int | None = None
    deadline: date | None = None  # placed on or before this day, or not at all


@dataclass(frozen=True, slots=True)
class Placed:
    candidate: Candidate
    day: date
    position: int
    kind: str
    downgraded: bool = False


@dataclass(frozen=True, slots=True)
class Unplaced:
    candidate: Candidate
    reason: str  # OVERFLOW_REASONS


# ----------------------------------------------------------------------------- points


def amount_points(amount: Decimal | None) -> int:
    """A larger deal or payment weighs more, by its order of magnitude (capped at 20)."""
    if amount is None or amount <= 0:
        return 0
    for floor, points in ((1_000_000, 20), (100_000, 15), (10_000, 10), (1_000, 5)):
        if amount >= floor:
            return points
    return 0


def overdue_task(days: int) -> int:
    return 40 + min(3 * max(days, 0), 30)


def due_task() -> int:
    return 30


def recycle_warning(days_left: int) -> int:
    """Nearer the day the customer returns to the pool, more urgent (up to +20)."""
    return 45 + 2 * max(0, 10 - max(days_left, 0))


def payment_due(days_overdue: int, amount: Decimal | None) -> int:
    return 35 + min(2 * max(days_overdue, 0), 30) + amount_points(amount)


def closing_deal(probability: int, amount: Decimal | None) -> int:
    return 25 + max(probability, 0) // 5 + amount_points(amount)


def stale_deal(amount: Decimal | None) -> int:
    return 20 + amount_points(amount)


def contract_ending() -> int:
    return 15


def a_visit_due(days_past: int | None) -> int:
    """`days_past`: days beyond the visit frequency; None: never visited (counted as the cap)."""
    return 25 + (20 if days_past is None else min(max(days_past, 0), 20))


def forgotten(grade: str, days_overdue: int) -> int:
    return 10 + {"A": 10, "B": 5}.get(grade, 0) + min(max(days_overdue, 0), 20)


# ----------------------------------------------------------------------------- candidates


def purpose_of(reasons: Iterable[str], *, overdue_days: int = 0, has_deal: bool = True) -> str:
    """What the contact is for, from its reasons by priority (docs/plan.md)."""
    found = set(reasons)
    if "payment_due" in found:
        return "collect_payment"
    if found & {"closing_deal", "stale_deal"}:
        return "advance_deal"
    if "contract_ending" in found:
        return "take_order"
    if "overdue_task" in found and overdue_days > PROBLEM_DAYS:
        return "handle_problem"
    if "a_visit_due" in found:
        return "service"
    if "recycle_warning" in found or not has_deal:
        return "develop"
    return "gather_info"


_DEAL_ORDER = ("payment_due", "closing_deal", "stale_deal", "contract_ending")


def candidate(customer_id: int, reasons: Sequence[Reason], *, grade: str, city: str | None,
              has_deal: bool = True) -> Candidate:
    """One customer's reasons merged: the parts summed (plus the A-grade bonus), the purpose,
    the kind, the fixed day (the earliest due task's) and the deal and task it is about."""
    parts = [r.part for r in reasons]
    if grade == "A":
        parts.append(Part("a_grade", A_GRADE_BONUS))
    names = [p.reason for p in parts]
    overdue = max((r.overdue_days for r in reasons if r.part.reason == "overdue_task"), default=0)
    days = [r.day for r in reasons if r.day is not None]
    deal_id = next((r.deal_id for name in _DEAL_ORDER for r in reasons
                    if r.part.reason == name and r.deal_id is not None), None)
    task_id = next((r.task_id for r in reasons if r.task_id is not None), None)
    deadlines = [r.deadline for r in reasons if r.deadline is not None]
    return Candidate(
        customer_id=customer_id, score=sum(p.points for p in parts),
        kind="visit" if any(r.visit for r in reasons) else "call",
        purpose=purpose_of(names, overdue_days=overdue, has_deal=has_deal), parts=tuple(parts), city=city,
        day=min(days) if days else None, deal_id=deal_id, task_id=task_id,
        deadline=min(deadlines) if deadlines else None,
    )


# ----------------------------------------------------------------------------- placing


@dataclass(slots=True)
class _Day:
    visits: list[Candidate] = field(default_factory=list)
    calls: list[tuple[Candidate, bool]] = field(default_factory=list)  # (candidate, downgraded)


def plan(candidates: Iterable[Candidate], days: Sequence[date], calls_per_day: int,
         visits_per_day: int) -> tuple[list[Placed], list[Unplaced]]:
    """Place candidates on `days` (one candidate per customer). Those with a deadline in the
    week (a customer about to return to the pool) go first, soonest deadline first, on a day
    no later than it; then the rest, highest score first (ties: customer id). A fixed day
    when it has room, visits with their city's, a visit with no slot left made a call; the
    rest unplaced with why. Deterministic whatever the input order."""
    week = sorted(days)
    last = week[-1] if week else None
    urgent = [c for c in candidates if c.deadline is not None and last is not None and c.deadline <= last]
    urgent_ids = {c.customer_id for c in urgent}
    order = sorted(urgent, key=lambda c: (c.deadline, -c.score, c.customer_id)) + sorted(
        (c for c in candidates if c.customer_id not in urgent_ids), key=lambda c: (-c.score, c.customer_id))
    slots = {day: _Day() for day in week}
    unplaced: list[Unplaced] = []

    def call_day(c: Candidate) -> date | None:
        usable = [d for d in week if c.deadline is None or d <= c.deadline]
        if c.day in usable and len(slots[c.day].calls) < calls_per_day:
            return c.day
        return next((d for d in usable if len(slots[d].calls) < calls_per_day), None)

    def visit_day(c: Candidate) -> date | None:
        room = [d for d in week if len(slots[d].visits) < visits_per_day and (c.deadline is None or d <= c.deadline)]
        if not room:
            return None
        if c.day is not None:  # a task's day: then as soon as there is room, before grouping by city
            return c.day if c.day in room else room[0]
        if c.city is not None:
            same = [d for d in room if any(v.city == c.city for v in slots[d].visits)]
            if same:
                return same[0]
        empty = [d for d in room if not slots[d].visits]
        return empty[0] if empty else room[0]

    for c in order:
        if c.kind == "visit":
            day = visit_day(c)
            if day is not None:
                slots[day].visits.append(c)
                continue
            day = call_day(c)
            if day is not None:
                slots[day].calls.append((c, True))
                continue
            unplaced.append(Unplaced(c, "no_slot_before_pool" if c.customer_id in urgent_ids else "no_visit_slot"))
            continue
        day = call_day(c)
        if day is None:
            unplaced.append(Unplaced(c, "no_slot_before_pool" if c.customer_id in urgent_ids else "no_call_slot"))
        else:
            slots[day].calls.append((c, False))

    placed: list[Placed] = []
    for day in week:
        position = 0
        for visit in route(slots[day].visits):
            position += 1
            placed.append(Placed(visit, day, position, "visit"))
        for call, downgraded in sorted(slots[day].calls, key=lambda cd: (-cd[0].score, cd[0].customer_id)):
            position += 1
            placed.append(Placed(call, day, position, "call", downgraded))
    return placed, unplaced


def route(visits: Sequence[Candidate]) -> list[Candidate]:
    """A day's visits grouped by city, cities in the order their first visit was placed."""
    cities: list[str | None] = []
    for v in visits:
        if v.city not in cities:
            cities.append(v.city)
    return [v for city in cities for v in visits if v.city == city]

