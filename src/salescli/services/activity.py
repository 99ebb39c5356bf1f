"""`report activity`: the work logged in a day, week or month (docs/reports.md, activity).

Every figure is counted by aggregate SQL over the period's instants (the rep's local
midnights, services/report_periods.period_bounds), one statement per table grouped by
user; the target metrics' own counts (store/queries/metrics.per_user) serve won deals,
won amount and new customers. The previous period of the same kind is counted the same
way for the comparison. The 8-week trend is one bucketed statement, computed only when
asked (`trend=True`: the CLI asks only when it will draw it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from salescli.domain.codes import KINDS
from salescli.domain.funnel import money
from salescli.domain.periods import Period, kind_of, shifted, week_of
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.services.report_periods import one_period, period_bounds
from salescli.services.reports import Scope, report_scope
from salescli.services.settings import team_rules
from salescli.store.engine import Session
from salescli.store.queries import activity as queries
from salescli.store.queries.metrics import per_user

TREND_WEEKS = 8


@record
class ActivityFigures(Record):
    user: str | None  # the rep's handle; None: a total
    new_customers: int
    new_contacts: int
    new_deals: int
    stage_advances: int
    follow_ups: int
    follow_ups_by_kind: dict[str, int]
    visits: int
    customers_visited: int
    payments_collected: int
    collected_amount: Decimal
    won_deals: int
    won_amount: Decimal


@record
class TrendWeek(Record):
    week: str  # 2026-W48
    start: date  # its Monday
    follow_ups: int
    visits: int
    won_amount: Decimal


@record
class ActivityReport(Record):
    period: str  # canonical text: 2026-W48, 2026-11, 2026-11-23..2026-11-23
    kind: str  # day | week | month
    start: date  # the first day
    end: date  # the last day (included)
    scope: Scope
    currency: str
    rows: list[ActivityFigures]  # one (the rep's) or, for the team, one per user
    total: ActivityFigures
    previous: ActivityFigures  # the scope's total over the previous period of the same kind
    trend: list[TrendWeek] | None  # oldest first, ending with the period's week; None unless asked


def _figures(session: Session, period: Period, user_ids: list[int] | None) -> dict[int, dict[str, Any]]:
    """Per user id with anything: the figures' raw values (counts, cents)."""
    start, end = period_bounds(period)
    found: dict[int, dict[str, Any]] = {}

    def put(user: int, key: str, value: Any) -> None:
        found.setdefault(user, {})[key] = value

    for metric in ("new_customers", "won_deals", "won_amount"):
        for user, value in per_user(session, metric, start, end, user_ids).items():
            put(user, metric, value)
    for key, counted in (("new_contacts", queries.new_contacts), ("new_deals", queries.new_deals),
                         ("stage_advances", queries.stage_advances)):
        for user, value in counted(session, start, end, user_ids).items():
            put(user, key, value)
    for user, kind, count, customers in queries.follow_ups_by_kind(session, start, end, user_ids):
        entry = found.setdefault(user, {})
        entry.setdefault("by_kind", {})[kind] = count
        if kind == "visit":
            entry["customers_visited"] = customers
    for user, (count, cents) in queries.payments_collected(session, period.start, period.end, user_ids).items():
        put(user, "payments", count)
        put(user, "collected", cents)
    return found


def _made(handle: str | None, raw: dict[str, Any]) -> ActivityFigures:
    by_kind = raw.get("by_kind", {})
    listed = {kind: int(by_kind.get(kind, 0)) for kind in KINDS}
    listed.update({kind: int(n) for kind, n in sorted(by_kind.items()) if kind not in listed})  # a retired kind
    return ActivityFigures(
        user=handle, new_customers=int(raw.get("new_customers", 0)), new_contacts=int(raw.get("new_contacts", 0)),
        new_deals=int(raw.get("new_deals", 0)), stage_advances=int(raw.get("stage_advances", 0)),
        follow_ups=sum(listed.values()), follow_ups_by_kind=listed, visits=listed.get("visit", 0),
        customers_visited=int(raw.get("customers_visited", 0)), payments_collected=int(raw.get("payments", 0)),
        collected_amount=money(raw.get("collected", 0)), won_deals=int(raw.get("won_deals", 0)),
        won_amount=money(raw.get("won_amount", 0)),
    )


def _summed(raws: list[dict[str, Any]]) -> dict[str, Any]:
    """Several users' raw figures added up (distinct customers visited add up too: two reps
    visiting one customer are two visits' worth of work)."""
    total: dict[str, Any] = {"by_kind": {}}
    for raw in raws:
        for key, value in raw.items():
            if key == "by_kind":
                for kind, n in value.items():
                    total["by_kind"][kind] = total["by_kind"].get(kind, 0) + n
            else:
                total[key] = total.get(key, 0) + value
    return total


def trend_weeks(period: Period, today: date) -> list[Period]:
    """The TREND_WEEKS ISO weeks ending with the week holding the period's last day, or
    today's week when the period runs past today."""
    last = week_of(min(period.last, today))
    return [shifted(last, -i) for i in range(TREND_WEEKS - 1, -1, -1)]


def activity_report(ctx: Context, *, day: str | None = None, week: str | None = None, month: str | None = None,
                    user: str | None = None, team: bool = False, trend: bool = False) -> ActivityReport:
    """The scope's activity over the chosen day, week (the default) or month, with the
    previous period's total, and, when `trend`, the 8-week trend."""
    now = ctx.now()
    period = one_period(now, day=day, week=week, month=month, default="week")
    previous_period = shifted(period, -1)
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        currency = team_rules(session).get("pipeline.currency")
        user_ids = None if owner_id is None else [owner_id]
        current = _figures(session, period, user_ids)
        previous = _figures(session, previous_period, user_ids)
        people = queries.users(session)
        weeks: list[TrendWeek] | None = None
        if trend:
            spans = trend_weeks(period, now.date())
            bounds = [period_bounds(w)[0] for w in spans] + [period_bounds(spans[-1])[1]]
            counts = queries.trend(session, bounds, user_ids)
            won = queries.won_trend(session, bounds, user_ids)
            weeks = [TrendWeek(w.text, w.start, *counts.get(i, (0, 0)), money(won.get(i, 0)))
                     for i, w in enumerate(spans)]
    handles = {int(p.id): p.handle for p in people}
    if owner_id is None:
        shown = [int(p.id) for p in people if p.active or int(p.id) in current]
        shown += sorted(set(current) - set(shown))
        rows = [_made(handles.get(uid, str(uid)), current.get(uid, {})) for uid in shown]
    else:
        rows = [_made(handles.get(owner_id), current.get(owner_id, {}))]
    total = _made(None, _summed(list(current.values())))
    return ActivityReport(
        period=period.text, kind=kind_of(period), start=period.start, end=period.last, scope=scope,
        currency=currency, rows=rows, total=total, previous=_made(None, _summed(list(previous.values()))),
        trend=weeks,
    )

