"""The pure parts of the reports: report periods (domain/periods.py) and the funnel
arithmetic (domain/funnel.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescli.domain.funnel import bar_width, conversions, mean_days, rate, reached, weighted, win_rate
from salescli.domain.periods import PeriodError, parse_period

DAYS = st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 1))


@pytest.mark.parametrize(("text", "canonical", "start", "last"), [
    ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-Q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("2026-q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("2026-11", "2026-11", date(2026, 11, 1), date(2026, 11, 30)),
    ("2024-2", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026-W47", "2026-W47", date(2026, 11, 16), date(2026, 11, 22)),
    ("2026-w1", "2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
    (" 2026-10-01..2026-11-30 ", "2026-10-01..2026-11-30", date(2026, 10, 1), date(2026, 11, 30)),
    ("2026-11-23..2026-11-23", "2026-11-23..2026-11-23", date(2026, 11, 23), date(2026, 11, 23)),
])
def test_periods_as_typed(text: str, canonical: str, start: date, last: date) -> None:
    period = parse_period(text)
    assert (period.text, period.start, period.last) == (canonical, start, last)


@pytest.mark.parametrize("text", ["", "26", "2026-Q0", "2026-Q5", "2026-13", "2026-0", "2026-W00", "2026-W54",
                                  "2025-W53", "2026-11-31..2026-12-01", "2026-12-01..2026-11-30", "2026-11-01..",
                                  "last month", "2026/11", "２０２６"])
def test_not_periods(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


@given(DAYS, st.integers(min_value=0, max_value=800))
def test_a_day_range_holds_exactly_its_days(first: date, length: int) -> None:
    last = first + timedelta(days=length)
    period = parse_period(f"{first}..{last}")
    assert (period.end - period.start).days == length + 1
    assert first in period and last in period
    assert first - timedelta(days=1) not in period and last + timedelta(days=1) not in period
    assert parse_period(period.text) == period


@given(DAYS)
def test_every_day_lies_in_its_year_quarter_month_and_week(day: date) -> None:
    iso = day.isocalendar()
    texts = [f"{day.year}", f"{day.year}-Q{(day.month - 1) // 3 + 1}", f"{day:%Y-%m}", f"{iso.year}-W{iso.week}"]
    for text in texts:
        period = parse_period(text)
        assert day in period, (text, day)
        assert parse_period(period.text) == period
    # the months of a quarter, and the quarters of a year, tile it without gaps
    quarter = parse_period(texts[1])
    months = [parse_period(f"{quarter.start.year}-{quarter.start.month + i}") for i in range(3)]
    assert months[0].start == quarter.start and months[-1].end == quarter.end
    assert all(a.end == b.start for a, b in zip(months, months[1:], strict=False))
    assert (parse_period(texts[3]).end - parse_period(texts[3]).start).days == 7


@given(st.dictionaries(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=1000)))
def test_reached_never_grows_along_the_funnel(furthest: dict[int, int]) -> None:
    counts = reached(furthest, 6)
    assert len(counts) == 7
    assert counts[0] == sum(furthest.values())
    assert all(a >= b for a, b in zip(counts, counts[1:], strict=False))
    assert counts[6] == furthest.get(6, 0)
    for conversion in conversions(counts):
        assert conversion is None or Decimal(0) <= conversion <= Decimal(1)


def test_a_skip_counts_as_passing_the_skipped_stages() -> None:
    # one deal went new -> proposal (index 3), one stayed in new, one was won (index 5)
    assert reached({3: 1, 0: 1, 5: 1}, 5) == [3, 2, 2, 2, 1, 1]
    assert conversions([3, 2, 2, 2, 1, 1]) == [Decimal("0.6667"), Decimal("1.0000"), Decimal("1.0000"),
                                               Decimal("0.5000"), Decimal("1.0000")]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_win_rate_is_won_among_the_closed(won: int, lost: int) -> None:
    value = win_rate(won, lost)
    if won + lost == 0:
        assert value is None
    else:
        assert abs(value - Decimal(won) / Decimal(won + lost)) <= Decimal("0.00005")
        assert value.as_tuple().exponent == -4


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=100))
def test_weighted_is_exact_in_cents(cents: int, probability: int) -> None:
    value = weighted(cents, probability)
    assert abs(value - Decimal(cents * probability) / 10_000) <= Decimal("0.005")
    assert value.as_tuple().exponent == -2


def test_means_rates_and_bars() -> None:
    assert mean_days(22 * 86_400, 9) == Decimal("2.4")
    assert mean_days(Decimal("1728000.000000"), 1) == Decimal("20.0")
    assert mean_days(None, 0) is None and mean_days(100, 0) is None
    assert rate(2, 3) == Decimal("0.6667") and rate(1, 0) is None
    assert bar_width(0, 5, 40) == 0 and bar_width(1, 1000, 40) == 1 and bar_width(5, 5, 40) == 40
