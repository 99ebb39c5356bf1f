"""The pipeline reports: funnel, forecast and lost reasons (docs/pipeline.md, reports).

Scope: the acting rep's deals (`deals.owner_id`) by default; `user` another rep's and
`team` everyone's, which in a team store needs a manager or admin (the `act_for_others`
permission of domain/users.py: seeing another rep's book is acting beyond your own).

Period: a report period (domain/periods.py) selects the *cohort of deals created in it*
(`created_at` from the rep's midnight starting the period's first day to the one after
its last); every figure of the funnel and of the lost report is about that cohort. No
period: every deal. The forecast has no period: it looks ahead from this month.

Numbers: amounts are Decimal currency units (JSON: strings such as "12000.00"); rates
are Decimal fractions to 4 places (JSON: strings such as "0.6667" for 66.67%), days are
Decimal to 1 place (JSON: "12.5"); a rate or mean with nothing to divide by is null.
Everything is computed by aggregate SQL (store/queries/reports.py); only per-stage rows,
buckets, reasons and the stale list come back.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from salescli.core.clock import parse_day, start_of_day
from salescli.core.errors import BadInputError
from salescli.core.stages import Stage
from salescli.domain import funnel
from salescli.domain.periods import Period
from salescli.domain.pipeline import stale_before
from salescli.services.access import require
from salescli.services.context import Context
from salescli.services.lookup import resolve_user
from salescli.services.records import Record, record
from salescli.services.report_periods import any_period, period_bounds
from salescli.services.settings import team_rules
from salescli.store.engine import Session
from salescli.store.queries import reports as queries

MIN_MONTHS, MAX_MONTHS = 1, 24
STALE_LIMIT = 50  # stale deals listed by default (a team's list can run to thousands)


@record
class Scope(Record):
    kind: str  # mine | user | team
    user: str | None  # the rep's handle; None for the team


@record
class FunnelStage(Record):
    key: str
    name: str | None  # None: a stage key no longer in the list (weighs 0)
    probability: int
    count: int  # open deals now in the stage
    amount: Decimal
    weighted: Decimal  # of the non-stale open deals
    stale_count: int
    stale_amount: Decimal
    reached: int  # cohort deals whose furthest stage ever is this one or beyond
    conversion_to_next: Decimal | None  # reached next / reached this (the last stage: won)
    avg_days: Decimal | None  # mean completed stay in the stage


@record
class Outcome(Record):
    count: int
    amount: Decimal


@record
class FunnelTotals(Record):
    count: int
    amount: Decimal  # every open deal
    weighted: Decimal  # the forecast: stale deals left out
    stale_count: int
    stale_amount: Decimal


@record
class StaleDeal(Record):
    id: int
    customer: str
    title: str
    stage: str
    stage_name: str | None
    amount: Decimal | None
    days_in_stage: int


@record
class FunnelReport(Record):
    period: str | None
    scope: Scope
    currency: str
    stages: list[FunnelStage]
    won: Outcome
    lost: Outcome
    win_rate: Decimal | None
    avg_cycle_days: Decimal | None  # created -> won, over the cohort's won deals
    avg_lost_cycle_days: Decimal | None  # created -> lost
    totals: FunnelTotals
    stale: list[StaleDeal]
    sales_cycle_days: int


@record
class ForecastRow(Record):
    bucket: str  # overdue | YYYY-MM | later | no_date
    month: date | None  # the month's first day (a month row)
    deals: int
    amount: Decimal
    weighted: Decimal


@record
class ForecastReport(Record):
    scope: Scope
    currency: str
    months: int
    rows: list[ForecastRow]
    totals: ForecastRow


@record
class LostReason(Record):
    reason: str | None  # None: no reason recorded
    deals: int
    amount: Decimal
    share: Decimal | None  # of the lost deals


@record
class LostReport(Record):
    period: str | None
    scope: Scope
    currency: str
    deals: int
    amount: Decimal
    reasons: list[LostReason]


def period_of(text: str | None) -> Period | None:
    """The period typed (None: no period); exit 2 with examples when it is none."""
    return None if text is None else any_period(text)


def report_scope(session: Session, ctx: Context, user: str | None, team: bool) -> tuple[Scope, int | None]:
    """The scope and the owner id to filter on (None: the team)."""
    if user and team:
        raise BadInputError("report.scope_conflict")
    if team:
        require(session, ctx, "act_for_others", action="see_others_reports")
        return Scope("team", None), None
    if user:
        found = resolve_user(session, user)
        if found.id != ctx.user_id:
            require(session, ctx, "act_for_others", action="see_others_reports")
            return Scope("user", found.handle), found.id
    return Scope("mine", ctx.handle), ctx.user_id


def optional_bounds(period: Period | None) -> tuple[datetime | None, datetime | None]:
    """A period's instants (services/report_periods.py); no period: no bounds."""
    return (None, None) if period is None else period_bounds(period)


def funnel_report(ctx: Context, *, period: str | None = None, user: str | None = None,
                  team: bool = False, limit: int | None = STALE_LIMIT) -> FunnelReport:
    """Count, amount and weighted amount per stage, conversion, win rate, days per stage
    and cycle, and the stale deals (the `limit` longest unmoved; None: all; how many
    there are is `totals.stale_count`), for the cohort of deals created in `period`.

    A stay in a stage runs from the change into it to the deal's next change (whose
    `from_stage` is that stage, and which records the stay's length); the stays still
    running (the open deals' current stages) do not count."""
    chosen = period_of(period)
    now = ctx.now()
    created_from, created_to = optional_bounds(chosen)
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        rules = team_rules(session)
        stages: tuple[Stage, ...] = rules.get("pipeline.stages")
        currency = rules.get("pipeline.currency")
        cycle_days = rules.get("pipeline.sales_cycle_days")
        cutoff = stale_before(now, cycle_days)
        keys = [stage.key for stage in stages]
        cohort = {"owner_id": owner_id, "created_from": created_from, "created_to": created_to}
        open_rows = {row.stage: row for row in queries.open_by_stage(session, stale_before=cutoff, **cohort)}
        closed = {row.status: (int(row.deals), int(row.amount)) for row in queries.closed(session, **cohort)}
        furthest = {int(row.furthest): int(row.deals) for row in queries.furthest_reached(session, keys, **cohort)}
        stays: dict[str, list[int]] = {}  # stage key -> [ended stays, their seconds]
        cycles: dict[str, int] = {}  # won / lost -> the seconds of those deals' whole lives
        for row in queries.stays(session, **cohort):
            entry = stays.setdefault(row.from_stage, [0, 0])
            entry[0] += int(row.stays)
            entry[1] += int(row.seconds or 0)
            cycles[row.status] = cycles.get(row.status, 0) + int(row.seconds or 0)
        stale_rows = queries.stale_deals(session, stale_before=cutoff, limit=limit, **cohort)

    reached = funnel.reached(furthest, len(stages))
    conversion = funnel.conversions(reached)
    rows: list[FunnelStage] = []
    listed = [(s.key, s.name, s.probability) for s in stages]
    listed += [(key, None, 0) for key in sorted(set(open_rows) - set(keys))]
    for i, (key, name, probability) in enumerate(listed):
        row = open_rows.get(key)
        amount_cents = int(row.amount) if row else 0
        stale_cents = int(row.stale_amount) if row else 0
        stay = stays.get(key)
        rows.append(FunnelStage(
            key=key, name=name, probability=probability, count=int(row.deals) if row else 0,
            amount=funnel.money(amount_cents),
            weighted=funnel.weighted(amount_cents - stale_cents, probability),
            stale_count=int(row.stale_deals) if row else 0, stale_amount=funnel.money(stale_cents),
            reached=reached[i] if i < len(stages) else 0,
            conversion_to_next=conversion[i] if i < len(stages) else None,
            avg_days=funnel.mean_days(stay[1], stay[0]) if stay else None,
        ))
    (won_count, won_cents), (lost_count, lost_cents) = closed.get("won", (0, 0)), closed.get("lost", (0, 0))
    names = {s.key: s.name for s in stages}
    return FunnelReport(
        period=chosen.text if chosen else None, scope=scope, currency=currency, stages=rows,
        won=Outcome(won_count, funnel.money(won_cents)),
        lost=Outcome(lost_count, funnel.money(lost_cents)),
        win_rate=funnel.win_rate(won_count, lost_count),
        avg_cycle_days=funnel.mean_days(cycles.get("won"), won_count),
        avg_lost_cycle_days=funnel.mean_days(cycles.get("lost"), lost_count),
        totals=FunnelTotals(
            count=sum(r.count for r in rows), amount=sum((r.amount for r in rows), Decimal("0.00")),
            weighted=sum((r.weighted for r in rows), Decimal("0.00")), stale_count=sum(r.stale_count for r in rows),
            stale_amount=sum((r.stale_amount for r in rows), Decimal("0.00")),
        ),
        stale=[StaleDeal(r.id, r.customer, r.title, r.stage, names.get(r.stage),
                         None if r.amount_cents is None else funnel.money(r.amount_cents),
                         (now - r.stage_changed_at).days) for r in stale_rows],
        sales_cycle_days=cycle_days,
    )


def month_bounds(today: date, months: int) -> list[date]:
    """The first days of this month and the `months` following: months + 1 bounds."""
    bounds = []
    year, month = today.year, today.month
    for _ in range(months + 1):
        bounds.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bounds


def forecast_report(ctx: Context, *, months: int = 3, user: str | None = None, team: bool = False) -> ForecastReport:
    """The open, non-stale deals' weighted amount by expected close month, from this month
    for `months` months; before this month is overdue, after them later, none no date."""
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise BadInputError("report.bad_months", value=months, low=MIN_MONTHS, high=MAX_MONTHS)
    now = ctx.now()
    bounds = month_bounds(now.date(), months)
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        rules = team_rules(session)
        stages: tuple[Stage, ...] = rules.get("pipeline.stages")
        currency = rules.get("pipeline.currency")
        cutoff = stale_before(now, rules.get("pipeline.sales_cycle_days"))
        groups = queries.forecast(session, bounds, owner_id=owner_id, stale_before=cutoff)
    probability = {s.key: s.probability for s in stages}
    sums: dict[int, list[Any]] = {}
    for row in groups:
        entry = sums.setdefault(int(row.bucket), [0, 0, Decimal(0)])
        entry[0] += int(row.deals)
        entry[1] += int(row.amount)
        entry[2] += funnel.weighted(int(row.amount), probability.get(row.stage, 0))

    def made(bucket: int, name: str, month: date | None) -> ForecastRow:
        deals, cents, weighted = sums.get(bucket, (0, 0, Decimal(0)))
        return ForecastRow(name, month, deals, funnel.money(cents), Decimal(weighted).quantize(funnel.CENTS))

    rows = [made(-1, "overdue", None)]
    rows += [made(i, f"{bounds[i]:%Y-%m}", bounds[i]) for i in range(months)]
    rows += [made(months, "later", None), made(-2, "no_date", None)]
    totals = ForecastRow("total", None, sum(r.deals for r in rows), sum((r.amount for r in rows), Decimal("0.00")),
                         sum((r.weighted for r in rows), Decimal("0.00")))
    return ForecastReport(scope, currency, months, rows, totals)


def lost_report(ctx: Context, *, period: str | None = None, user: str | None = None,
                team: bool = False) -> LostReport:
    """Lost reasons of the cohort of deals created in `period`, ranked by deals then amount;
    reasons that differ only in case or surrounding spaces are one."""
    chosen = period_of(period)
    created_from, created_to = optional_bounds(chosen)
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        currency = team_rules(session).get("pipeline.currency")
        rows = queries.lost_reasons(session, owner_id=owner_id, created_from=created_from, created_to=created_to)
    total = sum(int(r.deals) for r in rows)
    reasons = [LostReason(r.reason or None, int(r.deals), funnel.money(r.amount), funnel.rate(int(r.deals), total))
               for r in rows]
    return LostReport(chosen.text if chosen else None, scope, currency, total,
                      sum((r.amount for r in reasons), Decimal("0.00")), reasons)


@record
class SourceRow(Record):
    source: str | None  # None: leads and customers with no source
    leads: int
    converted: int
    conversion_rate: Decimal | None  # converted / leads; None without leads
    customers: int  # live customers whose source this is
    won_deals: int  # won deals of the customers these leads were converted into
    won_amount: Decimal


@record
class SourcesReport(Record):
    since: date | None
    scope: Scope
    currency: str
    rows: list[SourceRow]


def sources_report(ctx: Context, *, since: str | None = None, user: str | None = None,
                   team: bool = False) -> SourcesReport:
    """Per source: leads, converted, conversion rate, customers with that source, and the
    won amount of the deals of the customers its leads were converted into (docs/leads.md).
    `since` keeps leads and customers created from that day on; one aggregate statement."""
    now = ctx.now()
    day = parse_day(since, base=now) if since is not None else None
    created_from = start_of_day(day) if day is not None else None
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        currency = team_rules(session).get("pipeline.currency")
        found = queries.sources(session, owner_id=owner_id, created_from=created_from)
    rows = [SourceRow(r.source or None, int(r.leads), int(r.converted), funnel.rate(int(r.converted), int(r.leads)),
                      int(r.customers), int(r.won_deals), funnel.money(int(r.won_amount))) for r in found]
    return SourcesReport(day, scope, currency, rows)
