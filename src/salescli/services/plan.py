"""`plan week`: the acting rep's calls and visits for the rest of a week (docs/plan.md).

The candidates come from what the agenda already finds (open tasks, recycle warnings,
forgotten customers, the pipeline sections) plus A customers due for a visit; each
customer's reasons are merged into one scored candidate (domain/planner.py) and placed
on the week's working days within the daily capacities. `commit_week_plan` records the
plan as `plan_items` linked to tasks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from salescli.core.clock import parse_day, start_of_day, to_local
from salescli.core.errors import BadInputError
from salescli.domain import planner
from salescli.domain.metrics import PLAN_TASK_KIND
from salescli.domain.periods import PeriodError, parse_period, week_of
from salescli.domain.pipeline import from_cents, stale_before
from salescli.services.agenda import forgotten_customers
from salescli.services.context import Context
from salescli.services.pipeline import stages_in_force
from salescli.services.pool import ensure_recycled, recycle_warnings
from salescli.services.records import Record, record
from salescli.services.settings import TeamRules, team_rules
from salescli.store.engine import Session
from salescli.store.queries import agenda_pipeline as pipeline_queries
from salescli.store.queries import follow_ups as follow_up_queries
from salescli.store.queries import plan as queries

CLOSING_DAYS = 7  # deals expected to close by the plan's last day + this
CONTRACT_DAYS = 30  # contracts ending within this many days of the start
_ISO_WEEK = re.compile(r"[0-9]{4}-[Ww][0-9]{1,2}")


@record
class ScorePart(Record):
    reason: str  # domain/planner.py REASONS
    points: int
    value: Any  # days (overdue, left, past due), a day (a due task), None
    amount: Decimal | None = None  # a payment's or deal's amount (payment_due, closing_deal, stale_deal)
    currency: str | None = None  # the team's currency, with an amount


@record
class PlanItem(Record):
    day: date
    position: int
    kind: str  # call | visit
    customer_id: int
    customer: str
    city: str | None
    grade: str
    purpose: str
    score: int
    parts: list[ScorePart]
    deal_id: int | None
    task_id: int | None
    downgraded: bool  # a visit made a call: no visit slot was left in the week
    address: str | None = None


@record
class OverflowItem(Record):
    customer_id: int
    customer: str
    kind: str
    purpose: str
    score: int
    parts: list[ScorePart]
    reason: str  # no_call_slot | no_visit_slot


@record
class CommitSummary(Record):
    created_tasks: int
    linked_tasks: int
    replaced_items: int


@record
class WeekPlan(Record):
    user: str
    week: str
    start: date
    last: date
    days: list[date]
    calls_per_day: int
    visits_per_day: int
    weekends: bool
    items: list[PlanItem]
    overflow: list[OverflowItem]
    committed: CommitSummary | None


# ----------------------------------------------------------------------------- options


def check_capacity(value: int | None) -> int | None:
    """A capacity typed for this run must be positive (a team rule of 0 visits is allowed)."""
    if value is not None and value <= 0:
        raise BadInputError("plan.bad_capacity", value=value)
    return value


def _start_day(typed: str | date | None, now: datetime) -> date:
    """The day typed (an ISO week is its Monday); today when none was."""
    if typed is None:
        return now.date()
    if isinstance(typed, date):
        return typed
    text = typed.strip()
    if _ISO_WEEK.fullmatch(text):
        try:
            return parse_period(text).start
        except PeriodError:
            raise BadInputError("plan.bad_start", value=typed) from None
    return parse_day(text, base=now)


def week_days(start: date, weekends: bool) -> list[date]:
    """The plan's days: from `start` to the Sunday of its ISO week, working days only unless weekends."""
    days = [start + timedelta(days=i) for i in range(7 - start.weekday())]
    return [d for d in days if weekends or d.weekday() < 5]


def _working_start(start: date, weekends: bool) -> date:
    """A start on a day off moves to the next Monday."""
    if weekends or start.weekday() < 5:
        return start
    return start + timedelta(days=7 - start.weekday())


# ----------------------------------------------------------------------------- building


def build_week_plan(ctx: Context, *, start: str | date | None = None, calls_per_day: int | None = None,
                    visits_per_day: int | None = None, weekends: bool | None = None) -> WeekPlan:
    check_capacity(calls_per_day)
    check_capacity(visits_per_day)
    now = ctx.now()
    today = now.date()
    first = _start_day(start, now)
    if first < today:
        raise BadInputError("plan.start_past", start=first, today=today)
    ensure_recycled(ctx)
    with ctx.session() as session:
        rules = team_rules(session)
        weekends = rules.get("plan.weekends") if weekends is None else weekends
        calls = calls_per_day if calls_per_day is not None else rules.get("plan.calls_per_day")
        visits = visits_per_day if visits_per_day is not None else rules.get("plan.visits_per_day")
        currency = rules.get("pipeline.currency")
        first = _working_start(first, weekends)
        days = week_days(first, weekends)
        last = days[-1]
        found, facts = _candidates(session, ctx, rules, first, last, now)
    placed, unplaced = planner.plan(found, days, calls, visits)
    items = [_item(p, facts[p.candidate.customer_id], currency) for p in placed]
    overflow = [OverflowItem(u.candidate.customer_id, facts[u.candidate.customer_id].name, u.candidate.kind,
                             u.candidate.purpose, u.candidate.score, _parts(u.candidate, currency), u.reason)
                for u in unplaced]
    return WeekPlan(ctx.handle, week_of(first).text, first, last, days, calls, visits, bool(weekends), items,
                    overflow, None)


def _parts(c: planner.Candidate, currency: str) -> list[ScorePart]:
    return [ScorePart(p.reason, p.points, p.value, p.amount, currency if p.amount is not None else None)
            for p in c.parts]


def _item(p: planner.Placed, fact: Any, currency: str) -> PlanItem:
    c = p.candidate
    return PlanItem(p.day, p.position, p.kind, c.customer_id, fact.name, fact.city, fact.grade, c.purpose, c.score,
                    _parts(c, currency), c.deal_id, c.task_id, p.downgraded, fact.address)


def _keep(reasons: dict[int, dict[str, planner.Reason]], customer_id: int, reason: planner.Reason) -> None:
    """One part per reason and customer: the strongest (two payments due count once)."""
    mine = reasons.setdefault(customer_id, {})
    held = mine.get(reason.part.reason)
    if held is None or reason.part.points > held.part.points:
        mine[reason.part.reason] = reason


def _candidates(session: Session, ctx: Context, rules: TeamRules, first: date, last: date,
                now: datetime) -> tuple[list[planner.Candidate], dict[int, Any]]:
    me = ctx.user_id
    reasons: dict[int, dict[str, planner.Reason]] = {}
    at_start = now if first == now.date() else start_of_day(first)

    for task in follow_up_queries.open_tasks(session, assignee_id=me, before=last + timedelta(days=1)):
        if task.kind == PLAN_TASK_KIND:  # an earlier plan's task: linked on commit, not a reason of its own
            continue
        visit = task.kind == "visit"
        if task.due_on < first:
            days = (first - task.due_on).days
            _keep(reasons, task.customer_id, planner.Reason(
                planner.Part("overdue_task", planner.overdue_task(days), days), visit=visit, task_id=task.id,
                overdue_days=days))
        else:
            _keep(reasons, task.customer_id, planner.Reason(
                planner.Part("due_task", planner.due_task(), task.due_on), visit=visit, day=task.due_on,
                task_id=task.id))

    end = start_of_day(last + timedelta(days=1))
    warn_at = end - timedelta(days=rules.get("pool.warn_days"))
    for w in recycle_warnings(session, me, rules, warn_at):
        lost_on = to_local(w.due_at).date()
        left = max(0, (lost_on - first).days)
        # A contact helps on the days before the one it is lost on (on the first day at the latest).
        part = planner.Part("recycle_warning", planner.recycle_warning(left), left)
        _keep(reasons, w.customer_id, planner.Reason(part, deadline=max(first, lost_on - timedelta(days=1))))

    for f in forgotten_customers(session, ctx, at=at_start, limits=rules.forgotten_days()):
        _keep(reasons, f.customer_id, planner.Reason(
            planner.Part("forgotten", planner.forgotten(f.grade, f.days_overdue), f.days_overdue)))

    stages = stages_in_force(session)
    probability = {s.key: s.probability for s in stages}
    last_stage = stages[-1].key if stages else None
    for d in pipeline_queries.closing_by(session, me, until=last + timedelta(days=CLOSING_DAYS)):
        amount = from_cents(d.amount_cents)
        days = (d.close_on - first).days
        _keep(reasons, d.customer_id, planner.Reason(
            planner.Part("closing_deal", planner.closing_deal(probability.get(d.stage, 0), amount), days, amount),
            visit=d.stage == last_stage, deal_id=d.id))
    before = stale_before(now, rules.get("pipeline.sales_cycle_days"))
    for d in pipeline_queries.stale_deals(session, me, before=before):
        days = (first - to_local(d.stage_changed_at).date()).days
        amount = from_cents(d.amount_cents)
        _keep(reasons, d.customer_id, planner.Reason(
            planner.Part("stale_deal", planner.stale_deal(amount), days, amount), deal_id=d.id))
    for p in pipeline_queries.payments_due(session, me, until=last):
        amount = from_cents(p.amount_cents)
        days = (first - p.due_on).days
        _keep(reasons, p.customer_id, planner.Reason(
            planner.Part("payment_due", planner.payment_due(days, amount), days, amount),
            visit=days > 0 and amount is not None and amount >= planner.VISIT_PAYMENT, deal_id=p.deal_id))
    for d in pipeline_queries.contracts_ending(session, me, first=first, last=first + timedelta(days=CONTRACT_DAYS)):
        days = (d.contract_end - first).days
        _keep(reasons, d.customer_id, planner.Reason(planner.Part("contract_ending", planner.contract_ending(), days),
                                                     deal_id=d.id))

    every = rules.get("plan.a_visit_days")
    for row in queries.a_visits_due(session, me, before=start_of_day(first - timedelta(days=every))):
        past = None if row.last_visit_at is None else (first - to_local(row.last_visit_at).date()).days - every
        _keep(reasons, row.id, planner.Reason(planner.Part("a_visit_due", planner.a_visit_due(past), past),
                                              visit=True))

    facts = {row.id: row for row in queries.customers(session, sorted(reasons))}
    found = [
        planner.candidate(cid, list(by_reason.values()), grade=facts[cid].grade, city=facts[cid].city,
                          has_deal=bool(facts[cid].has_deal))
        for cid, by_reason in sorted(reasons.items()) if cid in facts
    ]
    return found, facts


# ----------------------------------------------------------------------------- committing


def default_task_text(item: PlanItem, week: str) -> str:
    """The task's words when the interface gives none (the CLI passes translated ones)."""
    return f"{item.kind}: {item.purpose.replace('_', ' ')} (plan {week})"


def commit_week_plan(ctx: Context, plan: WeekPlan,
                     describe: Callable[[PlanItem, str], str] = default_task_text) -> CommitSummary:
    """Record the plan: the rep's earlier items of the week are replaced; each item is
    linked to the open task it came from, else an open task of its customer due within
    the week (a first commit's plan task included), else a new task of kind `plan`.
    `describe(item, week)` gives a new task's summary in the interface language."""
    now = ctx.now()
    with ctx.session(write=True) as session:
        me = ctx.user_id
        replaced = queries.replace_items(session, me, plan.week, at=now)
        within: dict[int, int] = {}
        for task_id, customer_id in queries.open_tasks_within(
                session, me, sorted({i.customer_id for i in plan.items}), first=plan.start, last=plan.last):
            within.setdefault(customer_id, task_id)
        created = linked = 0
        rows = []
        for item in plan.items:
            task_id = item.task_id or within.get(item.customer_id)
            if task_id is None:
                text = describe(item, plan.week)
                task_id = follow_up_queries.create(
                    session, customer_id=item.customer_id, author_id=me, assignee_id=me, happened_at=now,
                    kind=PLAN_TASK_KIND, summary=text, next_action=text, due_on=item.day, created_at=now)
                within[item.customer_id] = task_id
                created += 1
            else:
                linked += 1
            item.task_id = task_id
            rows.append({"user_id": me, "week": plan.week, "day": item.day, "position": item.position,
                         "customer_id": item.customer_id, "deal_id": item.deal_id, "kind": item.kind,
                         "purpose": item.purpose, "score": item.score,
                         "parts": json.dumps([_part_json(p) for p in item.parts], ensure_ascii=False),
                         "task_id": task_id, "committed_at": now})
        queries.insert_items(session, rows)
    plan.committed = CommitSummary(created, linked, replaced)
    return plan.committed


def _part_json(part: ScorePart) -> dict[str, Any]:
    value = part.value.isoformat() if isinstance(part.value, date) else part.value
    amount = None if part.amount is None else str(part.amount)
    return {"reason": part.reason, "points": part.points, "value": value, "amount": amount,
            "currency": part.currency}
