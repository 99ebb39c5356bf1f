"""Targets: `target set|list|show` and `report ranking` (docs/targets.md).

A target is a value of one metric (domain/metrics.py) for a rep or the team (user NULL)
over a year, quarter, month or ISO week. Setting one again replaces the row in force and
the parts split from it; the old rows are kept with `replaced_at`.

Numbers (as services/reports.py): money is Decimal currency units (JSON "12000.00"),
counts are ints, fractions Decimal to 4 places (JSON "0.6667"); a figure with no history
to divide by is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.domain import targets as rules
from salescli.domain.funnel import money
from salescli.domain.metrics import METRICS, MONEY_METRICS
from salescli.domain.periods import OF_KIND, Period, PeriodError, kind_of, month_of, shifted
from salescli.domain.users import allowed_roles, may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.lookup import resolve_user
from salescli.services.records import Record, record
from salescli.services.report_periods import period_bounds
from salescli.services.reports import Scope, report_scope
from salescli.services.settings import team_rules
from salescli.store.engine import Session
from salescli.store.locks import hold
from salescli.store.queries import metrics as metric_queries
from salescli.store.queries import targets as queries
from salescli.store.queries import users as user_queries

HISTORY_DAYS = 365  # win rate, average deal size, opportunity rate: the last year
ACTIVE_DAYS = 90  # an active customer has a follow-up in the last 90 days


@record
class TargetPart(Record):
    id: int
    period: str
    starts_on: date
    ends_on: date  # the day after the last
    value: Decimal | int
    parent: str  # the period it was split from


@record
class TargetFields(Record):
    """What every view of a target in force carries."""

    id: int
    user: str | None  # None: the team
    metric: str
    period: str
    starts_on: date
    ends_on: date
    value: Decimal | int
    currency: str
    split: str | None


@record
class TargetSet(TargetFields):
    replaced: int  # rows in force before that this replaced (the old target and its parts)
    parts: list[TargetPart]


@record
class TargetRow(TargetFields):
    parent: str | None  # the period it was split from


@record
class PlanningAids(Record):
    baseline: Decimal | None  # avg monthly won over the 3 months before × 70%, scaled to the period
    baseline_months: str  # the months it was averaged over: 2026-08..2026-10
    increment: Decimal | None  # target - baseline
    active_customers: int
    average_order: Decimal | None  # mean won deal amount, last 365 days
    expected: Decimal | None  # active customers × average order
    win_rate: Decimal | None  # won / (won + lost), closed in the last 365 days
    average_deal: Decimal | None  # the same as average_order: the deal size the funnel math uses
    deals_needed: int | None
    opportunity_rate: Decimal | None  # deals created / distinct customers contacted, last 365 days
    opportunities_needed: int | None
    contacts_needed: int | None


@record
class TargetProgress(Record):
    target_id: int
    user: str | None
    metric: str
    period: str
    starts_on: date
    ends_on: date
    target: Decimal | int  # Decimal currency units for won_amount
    actual: Decimal | int
    done: Decimal | None  # actual / target
    pace: Decimal | int  # where the rep should be by today
    pace_share: Decimal  # the elapsed share of the period's working days
    gap: Decimal | int  # max(target - actual, 0)
    ahead: Decimal | int  # actual - pace; negative: behind
    working_days_left: int  # today included
    aids: PlanningAids | None


@record
class TargetReport(Record):
    scope: Scope
    today: date
    currency: str
    rows: list[TargetProgress]


@record
class RankingRow(Record):
    rank: int | None  # None: no target for it
    user: str
    target: Decimal | int | None
    actual: Decimal | int
    done: Decimal | None


@record
class RankingReport(Record):
    period: str
    metric: str
    currency: str
    rows: list[RankingRow]


# --------------------------------------------------------------------------- input


def parse_target_period(text: str) -> Period:
    try:
        return rules.target_period(text)
    except PeriodError:
        raise BadInputError("target.bad_period", value=text, examples=list(rules.EXAMPLES)) from None


def check_metric(metric: str) -> str:
    clean = (metric or "").strip().lower()
    if clean not in METRICS:
        raise BadInputError("target.bad_metric", value=metric, metrics=list(METRICS))
    return clean


def parse_value(metric: str, text: str) -> int:
    """Cents for won_amount (typed as `deal add --amount` takes it), a whole count
    otherwise; zero or negative: exit 2."""
    if metric in MONEY_METRICS:
        from salescli.domain import pipeline

        try:
            cents = pipeline.to_cents(pipeline.parse_amount(text))
        except pipeline.AmountError as error:
            raise BadInputError("target.bad_value", value=text, problem=error.problem) from None
        if cents <= 0:
            raise BadInputError("target.bad_value", value=text, problem="not_positive")
        return cents
    raw = (text or "").strip()
    sign = raw[:1] in "+-" and raw[:1] != ""
    if not (raw[sign:].isascii() and raw[sign:].isdigit()):
        raise BadInputError("target.bad_value", value=text, problem="not_whole")
    count = int(raw)
    if count <= 0:
        raise BadInputError("target.bad_value", value=text, problem="not_positive")
    if count > 2**62:
        raise BadInputError("target.bad_value", value=text, problem="too_large")
    return count


def shown(metric: str, value: int) -> Decimal | int:
    """A stored value as shown: currency units for money, the count otherwise."""
    return money(value) if metric in MONEY_METRICS else int(value)


# SplitError's problem -> the error code (domain/targets.py says what each means)
_SPLIT_CODES = {
    "not_splittable": "target.split_not_splittable", "too_long": "target.split_too_long",
    "not_number": "target.split_not_number", "negative": "target.split_negative",
    "all_zero": "target.split_all_zero", "wrong_count": "target.split_wrong_count",
}


def _split(period: Period, total: int, text: str) -> list[rules.Part]:
    try:
        return rules.split_target(period, total, text)
    except rules.SplitError as error:
        raise BadInputError(_SPLIT_CODES[error.problem], value=text, **error.params) from None


# --------------------------------------------------------------------------- set


def _whom(session: Session, ctx: Context, user: str | None, team: bool) -> tuple[int | None, str | None]:
    """(user id, handle) whose target is set; None for the team. Another rep's or the
    team's target needs a manager or an admin."""
    if user and team:
        raise BadInputError("report.scope_conflict")
    if team:
        _may_set_for_others(session, ctx)
        return None, None
    if user:
        found = resolve_user(session, user)
        if found.id != ctx.user_id:
            _may_set_for_others(session, ctx)
        return int(found.id), found.handle
    return ctx.user_id, ctx.handle


def _may_set_for_others(session: Session, ctx: Context) -> None:
    who = actor(session, ctx)
    if not may(who.role, "act_for_others", active_users=who.active_users):
        ask = [handle for handle, _role in user_queries.with_roles(session, allowed_roles("act_for_others"))]
        raise RefusedError("target.role_required", role=who.role, ask=ask)


def set_target(ctx: Context, *, period: str, metric: str, value: str, split: str | None = None,
               user: str | None = None, team: bool = False) -> TargetSet:
    """Set a target (and its parts when `split`), replacing the one in force for the same
    who, period and metric together with the parts split from it; one write transaction."""
    chosen = parse_target_period(period)
    metric = check_metric(metric)
    cents = parse_value(metric, value)
    parts = _split(chosen, cents, split) if split is not None else []
    split_text = split.strip() if split is not None else None
    now = ctx.now()
    with ctx.session(write=True) as session:
        user_id, handle = _whom(session, ctx, user, team)
        currency = team_rules(session).get("pipeline.currency")
        # Two managers setting the same rep's metric at once must not both find nothing in
        # force (PostgreSQL; SQLite writes one at a time anyway): docs/concurrency.md.
        hold(session, ("targets", f"{'team' if user_id is None else user_id} {metric}"))
        # The target in force for this period and for each part about to be written, and,
        # recursively, the parts split from those.
        seeds = [queries.in_force_id(session, user_id=user_id, period=p.text, metric=metric)
                 for p in [chosen, *(part.period for part in parts)]]
        replaced: set[int] = set()
        frontier = [int(i) for i in seeds if i is not None]
        while frontier:
            replaced.update(frontier)
            frontier = [i for i in queries.in_force_parts(session, frontier) if i not in replaced]
        queries.replace(session, sorted(replaced), now)
        target_id = queries.insert(session, user_id=user_id, period=chosen.text, starts_on=chosen.start,
                                   ends_on=chosen.end, metric=metric, value=cents, split=split_text, parent_id=None,
                                   set_by_id=ctx.user_id, set_at=now)
        ids = {chosen.text: target_id}
        made: list[TargetPart] = []
        for part in parts:
            child_split = _part_split(part, parts, split_text)
            part_id = queries.insert(session, user_id=user_id, period=part.period.text, starts_on=part.period.start,
                                     ends_on=part.period.end, metric=metric, value=part.value, split=child_split,
                                     parent_id=ids[part.parent.text], set_by_id=ctx.user_id, set_at=now)
            ids[part.period.text] = part_id
            made.append(TargetPart(part_id, part.period.text, part.period.start, part.period.end,
                                   shown(metric, part.value), part.parent.text))
    return TargetSet(target_id, handle, metric, chosen.text, chosen.start, chosen.end, shown(metric, cents), currency,
                     split_text, len(replaced), made)


def _part_split(part: rules.Part, parts: list[rules.Part], split_text: str | None) -> str | None:
    """How a quarter made by a year split was itself split: even after 4 weights, its
    three month weights after 12."""
    if kind_of(part.period) != "quarter" or split_text is None:
        return None
    weights = [w.strip() for w in split_text.split(",")]
    if len(weights) != 12:
        return "even"
    q = int(part.period.text[-1])
    return ",".join(weights[3 * q - 3:3 * q])


# --------------------------------------------------------------------------- list


def list_targets(ctx: Context, *, user: str | None = None, team: bool = False, everyone: bool = False,
                 metric: str | None = None) -> list[TargetRow]:
    """Targets in force: the acting rep's by default, another rep's, the team's or all."""
    if sum(bool(x) for x in (user, team, everyone)) > 1:
        raise BadInputError("target.scope_conflict")
    chosen_metric = check_metric(metric) if metric is not None else None
    with ctx.session() as session:
        currency = team_rules(session).get("pipeline.currency")
        user_id = None
        if user:
            user_id = int(resolve_user(session, user).id)
        elif not team and not everyone:
            user_id = ctx.user_id
        rows = queries.listing(session, user_id=user_id, team=team, metric=chosen_metric)
    # Longest period first among those starting the same day: the SQL sorts by the end, descending.
    return [TargetRow(int(r.id), r.handle, r.metric, r.period, r.starts_on, r.ends_on, shown(r.metric, r.value),
                      currency, r.split, r.parent_period) for r in rows]


# --------------------------------------------------------------------------- show


def target_progress(ctx: Context, *, period: str | None = None, user: str | None = None,
                    team: bool = False) -> TargetReport:
    """Every in-force target of the scope for the periods holding today (its year, quarter,
    month and week), or for exactly `period`: actual, done, pace, gap and, for money and
    won deals, the planning aids."""
    chosen = parse_target_period(period) if period is not None else None
    now = ctx.now()
    today = now.date()
    periods = [chosen.text] if chosen else [OF_KIND[k](today).text for k in ("year", "quarter", "month", "week")]
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        settings = team_rules(session)
        currency = settings.get("pipeline.currency")
        weekends = bool(settings.get("plan.weekends"))
        found = queries.listing(session, user_id=owner_id, team=owner_id is None, periods=periods)
        history = _History(session, owner_id, now) if found else None
        rows = []
        for row in found:
            target_period = rules.target_period(row.period)
            start, end = period_bounds(target_period)
            ids = [owner_id] if owner_id is not None else None
            actual = sum(metric_queries.per_user(session, row.metric, start, end, ids).values())
            rows.append(_progress(row, target_period, int(row.value), actual, today, weekends, history))
    return TargetReport(scope, today, currency, rows)


class _History:
    """The planning aids' figures for one scope, each read once, when first needed."""

    def __init__(self, session: Session, owner_id: int | None, now: datetime) -> None:
        self.session, self.owner_id, self.now = session, owner_id, now
        self.since = now - timedelta(days=HISTORY_DAYS)
        self._cache: dict[str, Any] = {}

    def _once(self, key: str, read: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = read()
        return self._cache[key]

    def closed(self) -> dict[str, Any]:
        return self._once("closed", lambda: queries.closed_deals(self.session, owner_id=self.owner_id,
                                                                  start=self.since, end=self.now))

    def created(self) -> int:
        return self._once("created", lambda: queries.deals_created(self.session, owner_id=self.owner_id,
                                                                    start=self.since, end=self.now))

    def contacted(self) -> int:
        return self._once("contacted", lambda: queries.customers_contacted(self.session, owner_id=self.owner_id,
                                                                            since=self.since))

    def active(self) -> int:
        return self._once("active", lambda: queries.active_customers(
            self.session, owner_id=self.owner_id, since=self.now - timedelta(days=ACTIVE_DAYS)))

    def won_between(self, start: datetime, end: datetime) -> int:
        ids = [self.owner_id] if self.owner_id is not None else None
        return self._once(f"won {start} {end}", lambda: sum(
            metric_queries.per_user(self.session, "won_amount", start, end, ids).values()))


@dataclass(slots=True)
class _Sizes:
    win_rate: Decimal | None
    average_cents: Decimal | None


def _sizes(history: _History) -> _Sizes:
    closed = history.closed()
    won, lost = closed.get("won"), closed.get("lost")
    won_n, lost_n = (int(won.deals) if won else 0), (int(lost.deals) if lost else 0)
    win_rate = Decimal(won_n) / Decimal(won_n + lost_n) if won_n + lost_n else None
    priced = int(won.priced) if won else 0
    average = Decimal(int(won.cents)) / Decimal(priced) if priced else None
    return _Sizes(win_rate, average)


def _aids(metric: str, period: Period, target: int, gap: int, history: _History) -> PlanningAids:
    first = month_of(period.start)
    before = shifted(first, -rules.BASELINE_MONTHS)
    start, _ = period_bounds(before)
    end, _ = period_bounds(first)
    baseline = increment = None
    if metric in MONEY_METRICS:
        won = history.won_between(start, end)
        base = rules.baseline_cents(won, rules.months_in(period))
        baseline, increment = money(base), money(target - base)
    sizes = _sizes(history)
    active = history.active()
    average = money(int(sizes.average_cents.to_integral_value())) if sizes.average_cents is not None else None
    expected = money(int((sizes.average_cents * active).to_integral_value())) if sizes.average_cents is not None \
        else None
    deals = rules.deals_needed(metric, gap, sizes.average_cents)
    contacted = history.contacted()
    opportunity_rate = Decimal(history.created()) / Decimal(contacted) if contacted else None
    opportunities = rules.chained(deals, sizes.win_rate)
    contacts = rules.chained(opportunities, opportunity_rate)
    last = shifted(first, -1)
    return PlanningAids(
        baseline=baseline, baseline_months=f"{before.text}..{last.text}", increment=increment,
        active_customers=active, average_order=average, expected=expected,
        win_rate=sizes.win_rate.quantize(rules.FRACTION) if sizes.win_rate is not None else None,
        average_deal=average, deals_needed=deals,
        opportunity_rate=opportunity_rate.quantize(rules.FRACTION) if opportunity_rate is not None else None,
        opportunities_needed=opportunities, contacts_needed=contacts,
    )


def _progress(row: Any, period: Period, target: int, actual: int, today: date, weekends: bool,
              history: _History | None) -> TargetProgress:
    pace = rules.pace_of(period, today, weekends=weekends)
    pace_units = rules.pace_value(target, pace)
    gap = max(target - actual, 0)
    metric = row.metric
    aids = None
    if history is not None and metric in ("won_amount", "won_deals"):
        aids = _aids(metric, period, target, gap, history)
    return TargetProgress(
        target_id=int(row.id), user=row.handle, metric=metric, period=period.text, starts_on=period.start,
        ends_on=period.end, target=shown(metric, target), actual=shown(metric, actual),
        done=rules.done_share(actual, target), pace=shown(metric, pace_units), pace_share=pace.share,
        gap=shown(metric, gap), ahead=shown(metric, actual - pace_units), working_days_left=pace.left, aids=aids,
    )


# --------------------------------------------------------------------------- ranking


def ranking(ctx: Context, *, period: str | None = None, metric: str | None = None) -> RankingReport:
    """Active reps against their targets for the period (default: this month): by done,
    then actual (both descending), then handle; reps without a target after, by actual.
    Everyone may see it: aggregated numbers only."""
    chosen = parse_target_period(period) if period is not None else month_of(ctx.now().date())
    chosen_metric = check_metric(metric) if metric is not None else "won_amount"
    start, end = period_bounds(chosen)
    with ctx.session() as session:
        currency = team_rules(session).get("pipeline.currency")
        reps = queries.active_reps(session)
        targets = queries.rep_targets(session, period=chosen.text, metric=chosen_metric)
        actuals = metric_queries.per_user(session, chosen_metric, start, end, None)
    with_target, without = [], []
    for rep in reps:
        actual = actuals.get(int(rep.id), 0)
        target = targets.get(int(rep.id))
        if target is None:
            without.append((rep.handle, actual))
        else:
            with_target.append((rep.handle, target, actual, rules.done_share(actual, target)))
    with_target.sort(key=lambda r: (-(r[3] or 0), -r[2], r[0]))
    without.sort(key=lambda r: (-r[1], r[0]))
    rows = [RankingRow(i, handle, shown(chosen_metric, target), shown(chosen_metric, actual), done)
            for i, (handle, target, actual, done) in enumerate(with_target, start=1)]
    rows += [RankingRow(None, handle, None, shown(chosen_metric, actual), None) for handle, actual in without]
    return RankingReport(chosen.text, chosen_metric, currency, rows)
