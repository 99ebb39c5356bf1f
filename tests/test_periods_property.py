"""domain/periods.py checked against an independent calendar (pendulum, a test-only
dependency): random years, quarters, months and ISO weeks start and end where pendulum
says, their canonical text parses back to the same period, `shifted` steps to the
neighbouring period of the same kind, and malformed texts raise PeriodError only."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain.periods import (
    Period,
    PeriodError,
    day_of,
    kind_of,
    month_of,
    parse_period,
    quarter_of,
    shifted,
    week_of,
    year_of,
)

YEARS = st.integers(min_value=1, max_value=9998)
DAYS = st.dates(min_value=date(2, 1, 1), max_value=date(9997, 12, 31))


def _span(start: pendulum.Date, unit: str) -> tuple[date, date]:
    """pendulum's [first day, day after the last) of the `unit` holding `start`."""
    first = start.start_of(unit)
    return date(first.year, first.month, first.day), _plain(start.end_of(unit)) + timedelta(days=1)


def _plain(day: pendulum.Date) -> date:
    return date(day.year, day.month, day.day)


@settings(max_examples=200, deadline=None)
@given(YEARS)
def test_a_year_is_pendulums_year(year: int) -> None:
    period = parse_period(f"{year:04d}")
    assert (period.start, period.end) == _span(pendulum.date(year, 6, 15), "year")
    assert kind_of(period) == "year"


@settings(max_examples=200, deadline=None)
@given(YEARS, st.integers(min_value=1, max_value=4))
def test_a_quarter_is_three_of_pendulums_months(year: int, quarter: int) -> None:
    period = parse_period(f"{year:04d}-Q{quarter}")
    first_month = pendulum.date(year, 3 * quarter - 2, 1)
    last_month = first_month.add(months=2)
    assert period.start == _span(first_month, "month")[0]
    assert period.end == _span(last_month, "month")[1]
    assert kind_of(period) == "quarter" and period.text == f"{year:04d}-Q{quarter}"


@settings(max_examples=300, deadline=None)
@given(YEARS, st.integers(min_value=1, max_value=12))
def test_a_month_is_pendulums_month(year: int, month: int) -> None:
    period = parse_period(f"{year:04d}-{month}")
    assert (period.start, period.end) == _span(pendulum.date(year, month, 1), "month")
    assert period.text == f"{year:04d}-{month:02d}"


@settings(max_examples=300, deadline=None)
@given(DAYS)
def test_the_iso_week_of_a_day_is_pendulums_week(day: date) -> None:
    """Pendulum weeks run Monday to Sunday, as ISO weeks do."""
    period = week_of(day)
    assert (period.start, period.end) == _span(pendulum.date(day.year, day.month, day.day), "week")
    year, week, _ = day.isocalendar()
    assert parse_period(f"{year:04d}-W{week}") == period


@settings(max_examples=300, deadline=None)
@given(DAYS, st.sampled_from([year_of, quarter_of, month_of, week_of, day_of]))
def test_text_round_trips_and_holds_the_day(day: date, of: object) -> None:
    period: Period = of(day)  # type: ignore[operator]
    assert day in period
    assert parse_period(period.text) == period


@settings(max_examples=300, deadline=None)
@given(DAYS, st.sampled_from([year_of, quarter_of, month_of, week_of, day_of]),
       st.integers(min_value=0, max_value=40))
def test_shifting_steps_to_the_neighbour_of_the_same_kind(day: date, of: object, length: int) -> None:
    period: Period = of(day)  # type: ignore[operator]
    ranged = Period(f"{day.isoformat()}..{(day + timedelta(days=length)).isoformat()}", day,
                    day + timedelta(days=length + 1))
    for p in (period, ranged):
        after, before = shifted(p, 1), shifted(p, -1)
        assert after.start == p.end and before.end == p.start
        assert kind_of(after) == kind_of(p) == kind_of(before) or length == 0
        assert shifted(after, -1) == p


@pytest.mark.parametrize("text", ["2026-W53", "2020-W53", "2015-W53"])
def test_years_with_53_weeks_have_a_week_53(text: str) -> None:
    period = parse_period(text)
    assert period.end - period.start == timedelta(days=7) and kind_of(period) == "week"


@pytest.mark.parametrize("text", ["2027-Q5", "2027-Q0", "2027-W60", "2027-W53", "2027-W00", "2027-13", "2027-00",
                                  "2027-02-30..2027-03-01", "2027-03-02..2027-03-01", "0000", "", "  ", "Q4",
                                  "2027-Q", "2027/11", "week", "２０２６", "2026-W4８"])
def test_malformed_texts_are_period_errors(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=30),
                 st.from_regex(r"[0-9]{1,5}-(Q|W|q|w)?[0-9]{1,3}(\.\.[0-9-]{0,12})?", fullmatch=True)))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    """Never another exception: the CLI turns PeriodError into one sentence (exit 2)."""
    try:
        period = parse_period(text)
    except PeriodError:
        return
    assert period.start < period.end
    assert parse_period(period.text) == period
