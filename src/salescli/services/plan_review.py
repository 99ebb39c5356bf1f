"""`plan review`: a committed week plan beside what the rep did that week (docs/plan.md,
"Plan versus actual").

Every in-force item of the rep's week (`plan_items`, `replaced_at` empty) gets a status:

- `done`: the rep logged a follow-up (any kind but a plan's task) with the item's
  customer during the week, or the item's task was closed during the week. A logged
  follow-up of the planned kind is preferred, then the earliest; each follow-up serves at
  most one item. The day it was done is compared with the planned day (early, on_day,
  late); `kind_matched` says whether the contact was of the planned kind (a task closed
  without a logged contact counts as matched: the rep closed the planned item itself).
- `pending`: not done and planned for a day after today.
- `swapped`: not done, but on the planned day the rep logged a follow-up of the same kind
  with a customer outside the week's plan. Items in (day, position) order take the
  earliest such follow-up not yet taken.
- `missed`: none of these.

Rates: visits done as visits / visits planned; calls done (by any contact) / calls
planned; Decimal to 4 places, None with nothing planned. Unplanned work: the week's
follow-ups with customers outside the plan.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from salescli.core.clock import to_local
from salescli.domain.funnel import rate
from salescli.domain.metrics import PLAN_TASK_KIND
from salescli.domain.periods import Period, week_of
from salescli.domain.plan_review import DONE, MISSED, PENDING, STATUSES, SWAPPED, Contact, Planned, Verdict, judge
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.services.report_periods import period_bounds, period_holding
from salescli.services.reports import report_scope
from salescli.store.queries import plan_review as queries


@record
class ReviewItem(Record):
    day: date
    position: int
    kind: str  # call | visit: what was planned
    customer_id: int
    customer: str
    purpose: str
    deal_id: int | None
    task_id: int | None
    status: str  # done | swapped | missed | pending
    done_on: date | None  # the local day it was done
    timing: str | None  # early | on_day | late (done only)
    done_kind: str | None  # the logged follow-up's kind; None when only the task was closed
    kind_matched: bool | None  # done only
    follow_up_id: int | None  # the follow-up that did it (done) or stood in for it (swapped)
    swapped_with_id: int | None  # the customer contacted instead (swapped)
    swapped_with: str | None


@record
class ReviewSummary(Record):
    planned: int
    done: int
    swapped: int
    missed: int
    pending: int
    visits_planned: int
    visits_done: int  # planned visits done as visits
    visit_rate: Decimal | None
    calls_planned: int
    calls_done: int  # planned calls done by any contact
    call_rate: Decimal | None
    unplanned: int  # the week's follow-ups with customers outside the plan


@record
class PlanReview(Record):
    user: str
    week: str
    start: date
    last: date
    today: date
    committed: bool  # False: no plan was committed for the week (items empty)
    items: list[ReviewItem]
    summary: ReviewSummary


def summarize(items: list[Planned], verdicts: list[Verdict], unplanned: int) -> ReviewSummary:
    counts = {status: sum(v.status == status for v in verdicts) for status in STATUSES}
    visits = [v for item, v in zip(items, verdicts, strict=True) if item.kind == "visit"]
    calls = [v for item, v in zip(items, verdicts, strict=True) if item.kind == "call"]
    visits_done = sum(v.status == DONE and bool(v.kind_matched) for v in visits)
    calls_done = sum(v.status == DONE for v in calls)
    return ReviewSummary(
        planned=len(items), done=counts[DONE], swapped=counts[SWAPPED], missed=counts[MISSED],
        pending=counts[PENDING], visits_planned=len(visits), visits_done=visits_done,
        visit_rate=rate(visits_done, len(visits)), calls_planned=len(calls), calls_done=calls_done,
        call_rate=rate(calls_done, len(calls)), unplanned=unplanned,
    )


def review_week(now: datetime, week: str | None) -> Period:
    """The week reviewed: the one `week` names, by default the previous ISO week."""
    if week is None:
        return week_of(now.date() - timedelta(days=7))
    return period_holding(week, "week", now)


def plan_review(ctx: Context, *, week: str | None = None, user: str | None = None) -> PlanReview:
    """The acting rep's (or, for a manager, `user`'s) committed plan of `week` against the
    follow-ups logged that week."""
    now = ctx.now()
    today = now.date()  # ctx.now() is in the rep's zone
    period = review_week(now, week)
    start, end = period_bounds(period)
    with ctx.session() as session:
        scope, user_id = report_scope(session, ctx, user, False)
        assert user_id is not None
        rows = queries.plan_items(session, user_id=user_id, week=period.text)
        logged = queries.follow_ups(session, user_id=user_id, start=start, end=end, plan_kind=PLAN_TASK_KIND)
    contacts = [Contact(int(r.id), int(r.customer_id), r.customer, r.kind, to_local(r.happened_at).date())
                for r in logged]
    planned = [Planned(r.day, int(r.position), r.kind, int(r.customer_id), _closed_on(r.task_closed_at, start, end))
               for r in rows]
    verdicts = judge(planned, contacts, today)
    in_plan = {p.customer_id for p in planned}
    unplanned = sum(c.customer_id not in in_plan for c in contacts)
    items = [_item(r, v) for r, v in zip(rows, verdicts, strict=True)]
    return PlanReview(user=scope.user or ctx.handle, week=period.text, start=period.start, last=period.last,
                      today=today, committed=bool(rows), items=items,
                      summary=summarize(planned, verdicts, unplanned))


def _closed_on(closed_at: datetime | None, start: datetime, end: datetime) -> date | None:
    if closed_at is None or not start <= closed_at < end:
        return None
    return to_local(closed_at).date()


def _item(row: Any, v: Verdict) -> ReviewItem:
    swapped = v.status == SWAPPED and v.contact is not None
    return ReviewItem(
        day=row.day, position=int(row.position), kind=row.kind, customer_id=int(row.customer_id),
        customer=row.customer, purpose=row.purpose, deal_id=row.deal_id, task_id=row.task_id, status=v.status,
        done_on=v.done_on, timing=v.timing, done_kind=v.done_kind, kind_matched=v.kind_matched,
        follow_up_id=v.contact.id if v.contact is not None else None,
        swapped_with_id=v.contact.customer_id if swapped and v.contact else None,
        swapped_with=v.contact.customer if swapped and v.contact else None,
    )
