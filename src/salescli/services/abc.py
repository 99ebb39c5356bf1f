"""`report abc`: customers classed A, B, C by the amount of their deals won in a period
(docs/reports.md, ABC). SQL sums the won amount per customer; domain/abc.py ranks and
classes them. Default period: the 365 days ending today."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from salescli.domain import abc
from salescli.domain.funnel import money
from salescli.domain.periods import Period
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.services.report_periods import any_period, period_bounds
from salescli.services.reports import Scope, report_scope
from salescli.services.settings import team_rules
from salescli.store.queries import abc as queries

DEFAULT_DAYS = 365


@record
class AbcCustomer(Record):
    rank: int  # 1 = the largest amount
    customer_id: int
    customer: str
    deals: int  # won in the period
    amount: Decimal
    share: Decimal  # of the total won, 4 places
    cumulative_share: Decimal  # including this customer
    abc_class: str  # A | B | C


@record
class AbcClass(Record):
    abc_class: str
    customers: int
    amount: Decimal
    share: Decimal


@record
class AbcReport(Record):
    period: str
    start: date
    end: date  # the last day, included
    scope: Scope
    currency: str
    customers: int  # every customer with a won deal, listed or not
    amount: Decimal
    classes: list[AbcClass]
    rows: list[AbcCustomer]  # at most `limit`, largest first


def default_period(today: date) -> Period:
    """The 365 days ending today, both included, as a day range."""
    first = today - timedelta(days=DEFAULT_DAYS - 1)
    return Period(f"{first.isoformat()}..{today.isoformat()}", first, today + timedelta(days=1))


def abc_report(ctx: Context, *, period: str | None = None, user: str | None = None, team: bool = False,
               limit: int | None = None) -> AbcReport:
    """The scope's customers by won amount over `period` (default: the last 365 days),
    classed; `limit` cuts the listing only, never the summary."""
    chosen = any_period(period) if period is not None else default_period(ctx.now().date())
    start, end = period_bounds(chosen)
    with ctx.session() as session:
        scope, owner_id = report_scope(session, ctx, user, team)
        currency = team_rules(session).get("pipeline.currency")
        found = queries.won_by_customer(session, start, end, owner_id)
    about = {int(r.customer_id): (r.name, int(r.deals)) for r in found}
    ranked = abc.classify((int(r.customer_id), int(r.cents)) for r in found)
    listed = ranked if limit is None else ranked[:limit]
    rows = [AbcCustomer(i + 1, r.key, about[r.key][0], about[r.key][1], money(r.cents), r.share, r.cumulative,
                        r.klass) for i, r in enumerate(listed)]
    classes = [AbcClass(s.klass, s.customers, money(s.cents), s.share) for s in abc.summary(ranked)]
    return AbcReport(chosen.text, chosen.start, chosen.last, scope, currency, len(ranked),
                     money(sum(r.cents for r in ranked)), classes, rows)
