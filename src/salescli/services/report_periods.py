"""The period a report or a plan is about, as a rep types it (docs/reports.md, periods).

`--day WHEN`, `--week WHEN`, `--month WHEN` take either the period's own spelling
(`2026-W48`, `2026-11`) or any date word the CLI knows (`today`, `mon`, `-1w`, `2026-11-20`,
`上周一`), meaning the day, ISO week or month holding that day. `--period P` takes any
period (domain/periods.py). Instants are the rep's local midnights.
"""

from __future__ import annotations

from datetime import date, datetime

from salescli.core.clock import parse_day, start_of_day
from salescli.core.errors import BadInputError, SalescliError
from salescli.domain.periods import EXAMPLES, OF_KIND, Period, PeriodError, kind_of, parse_period


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The instants [start, end) of a period: the rep's midnights starting its first day and
    following its last."""
    return start_of_day(period.start), start_of_day(period.end)


def any_period(text: str) -> Period:
    """`--period P`: any period; exit 2 with examples when the text names none."""
    try:
        return parse_period(text)
    except PeriodError:
        raise BadInputError("report.bad_period", value=text, examples=list(EXAMPLES)) from None


def period_holding(text: str | None, kind: str, now: datetime) -> Period:
    """The day, week or month (`kind`) named by `text`: its own spelling or a date word for
    a day inside it; None: the one holding today. Exit 2 when it is neither."""
    if text is None:
        return OF_KIND[kind](now.date())
    try:
        period = parse_period(text)
    except PeriodError:
        period = None
    if period is not None and kind_of(period) == kind:
        return period
    try:
        day: date = parse_day(text, base=now)
    except SalescliError:
        raise BadInputError("report.bad_when", value=text, kind=kind) from None
    return OF_KIND[kind](day)


def one_period(now: datetime, *, day: str | None = None, week: str | None = None, month: str | None = None,
               default: str = "week") -> Period:
    """The period chosen by at most one of `--day`, `--week`, `--month` (exit 2 for more),
    or the `default` kind holding today."""
    given = [(kind, text) for kind, text in (("day", day), ("week", week), ("month", month)) if text is not None]
    if len(given) > 1:
        raise BadInputError("report.period_conflict")
    kind, text = given[0] if given else (default, None)
    return period_holding(text, kind, now)
