"""`report weekly`: a rep's week, gathered for a ready-to-send report (docs/weekly-report.md).

Every part comes from where the rest of the CLI computes it, so the report never
disagrees with the commands a manager might run to check it:

- done: deals won, stage advances, new customers, payments collected, visits, deals
  lost (store/queries/weekly.py, counted as `report activity` counts them);
- numbers: `services.activity.activity_report` for the week (with last week's total) and
  `services.targets.target_progress` (targets in force today);
- next week: `services.plan.build_week_plan` from next Monday, not committed;
- help needed: the agenda's stale deals, deals past their expected close day, recycle
  warnings and overdue tasks (`services.agenda.build_agenda`, today), plus the week's
  lost deals.

The scope is the acting rep: the plan and the agenda are always the acting rep's own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from salescli.core.stages import Stage
from salescli.domain.funnel import money
from salescli.domain.periods import Period
from salescli.domain.pipeline import from_cents
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.services.report_periods import period_bounds, period_holding
from salescli.services.settings import team_rules
from salescli.store.queries import weekly as queries

NEW_CUSTOMERS_LISTED = 10  # names listed; the rest are counted ("and 3 more")


@record
class WonDeal(Record):
    deal_id: int
    customer: str
    title: str
    amount: Decimal | None


@record
class StageAdvance(Record):
    deal_id: int
    customer: str
    title: str
    kind: str  # advance | skip
    from_stage: str | None
    from_name: str | None  # the name in force; None: not in the list
    to_stage: str
    to_name: str | None
    feedback: str | None  # the gate's note, as typed
    at: datetime


@record
class Collected(Record):
    payment_id: int
    customer: str
    title: str
    amount: Decimal
    paid_on: date


@record
class Visited(Record):
    customer_id: int
    customer: str
    visits: int


@record
class LostDeal(Record):
    deal_id: int
    customer: str
    title: str
    amount: Decimal | None
    reason: str | None


@record
class WeeklyDone(Record):
    won: list[WonDeal]
    advances: list[StageAdvance]
    new_customers: list[str]  # the first NEW_CUSTOMERS_LISTED names
    new_customers_count: int
    payments: list[Collected]
    visits: list[Visited]


@record
class WeeklyHelp(Record):
    stale_deals: list[Any]  # services/agenda_pipeline.py StaleDealItem
    past_close: list[Any]  # ClosingDealItem whose expected close day has passed
    recycle_warnings: list[Any]  # services/pool.py RecycleWarningItem
    overdue_tasks: int
    lost: list[LostDeal]

    @property
    def empty(self) -> bool:
        return not (self.stale_deals or self.past_close or self.recycle_warnings or self.overdue_tasks or self.lost)


@record
class WeeklyReport(Record):
    user: str  # handle
    name: str  # display name, or the handle
    week: str
    start: date
    last: date
    today: date
    currency: str
    done: WeeklyDone
    activity: Any  # services/activity.py ActivityReport
    targets: Any  # services/targets.py TargetReport
    next_week: Any  # services/plan.py WeekPlan (not committed)
    help: WeeklyHelp


def weekly_report(ctx: Context, *, week: str | None = None) -> WeeklyReport:
    """The acting rep's report of `week` (default: the current week)."""
    now = ctx.now()
    period = period_holding(week, "week", now)
    start, end = period_bounds(period)
    with ctx.session() as session:
        me = ctx.user_id
        rules = team_rules(session)
        currency = rules.get("pipeline.currency")
        stages: tuple[Stage, ...] = rules.get("pipeline.stages")
        handle, display = queries.display_name(session, me)
        won = queries.closed_deals(session, owner_id=me, status="won", start=start, end=end)
        lost = queries.closed_deals(session, owner_id=me, status="lost", start=start, end=end)
        advances = queries.stage_advances(session, user_id=me, start=start, end=end)
        names, count = queries.new_customers(session, user_id=me, start=start, end=end, limit=NEW_CUSTOMERS_LISTED)
        paid = queries.payments_collected(session, owner_id=me, first=period.start, after=period.end)
        visited = queries.visits(session, user_id=me, start=start, end=end)
    stage_names = {s.key: s.name for s in stages}
    done = WeeklyDone(
        won=[WonDeal(int(r.id), r.customer, r.title, from_cents(r.amount_cents)) for r in won],
        advances=[StageAdvance(int(r.deal_id), r.customer, r.title, r.kind, r.from_stage,
                               stage_names.get(r.from_stage or ""), r.to_stage, stage_names.get(r.to_stage),
                               r.feedback, r.at) for r in advances],
        new_customers=names, new_customers_count=count,
        payments=[Collected(int(r.id), r.customer, r.title, money(r.amount_cents), r.paid_on) for r in paid],
        visits=[Visited(int(r.customer_id), r.customer, int(r.visits)) for r in visited],
    )
    lost_deals = [LostDeal(int(r.id), r.customer, r.title, from_cents(r.amount_cents), r.lost_reason or None)
                  for r in lost]
    return WeeklyReport(
        user=handle or ctx.handle, name=display or handle or ctx.handle, week=period.text, start=period.start,
        last=period.last, today=now.date(), currency=currency, done=done,
        activity=_activity(ctx, period), targets=_targets(ctx), next_week=_next_week(ctx, period, now),
        help=_help(ctx, lost_deals),
    )


def _activity(ctx: Context, period: Period) -> Any:
    from salescli.services.activity import activity_report

    return activity_report(ctx, week=period.text)


def _targets(ctx: Context) -> Any:
    from salescli.services.targets import target_progress

    return target_progress(ctx)


def _next_week(ctx: Context, period: Period, now: datetime) -> Any:
    """The plan from the Monday after the reported week, or after this week when the
    reported week is past (a plan never starts in the past)."""
    from salescli.services.plan import build_week_plan

    monday = max(period.end, now.date() - timedelta(days=now.date().weekday()) + timedelta(days=7))
    return build_week_plan(ctx, start=monday)


def _help(ctx: Context, lost: list[LostDeal]) -> WeeklyHelp:
    from salescli.services.agenda import build_agenda

    sections = {s.key: s.items for s in build_agenda(ctx).sections}
    return WeeklyHelp(
        stale_deals=list(sections.get("stale_deals", [])),
        past_close=[item for item in sections.get("closing_soon", []) if getattr(item, "past", False)],
        recycle_warnings=list(sections.get("recycle_warnings", [])),
        overdue_tasks=len(sections.get("overdue_tasks", [])), lost=lost,
    )


def write_report(path: str, text: str) -> None:
    """Write the report to `path` whole or not at all (services/files.py); a path that
    cannot be written is exit 2."""
    from salescli.services.files import write_file

    write_file(path, text.encode("utf-8"), "weekly.cannot_write")
