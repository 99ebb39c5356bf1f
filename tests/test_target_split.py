"""The pure target rules of domain/targets.py (docs/targets.md): the largest-remainder
split, the parts of a period, working days and the pace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescli.domain.periods import parse_period
from salescli.domain.targets import (
    SplitError,
    pace_of,
    pace_value,
    split_parts,
    split_target,
    weeks_of,
    working_days,
)

totals = st.integers(min_value=0, max_value=10**14)
weights = st.lists(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
                   min_size=1, max_size=12).filter(lambda ws: any(w > 0 for w in ws))


@given(totals, weights)
def test_parts_sum_exactly_each_within_one_unit_of_its_share(total: int, ws: list[Decimal]) -> None:
    parts = split_parts(total, ws)
    assert sum(parts) == total
    whole = sum(ws)
    for part, weight in zip(parts, ws, strict=True):
        share = Decimal(total) * weight / whole
        assert abs(Decimal(part) - share) < 1
        if weight == 0:
            assert part == 0


@given(totals, weights)
def test_the_split_is_deterministic(total: int, ws: list[Decimal]) -> None:
    assert split_parts(total, ws) == split_parts(total, list(ws))


def test_leftover_units_go_to_the_largest_remainders_then_the_earlier_part() -> None:
    assert split_parts(10, [1, 1, 1]) == [4, 3, 3]
    assert split_parts(100, [1, 2]) == [33, 67]
    assert split_parts(7, [0, 1, 0]) == [0, 7, 0]


def test_a_year_by_four_weights_makes_quarters_and_even_months() -> None:
    parts = split_target(parse_period("2027"), 1_000_00, "1,1,1,1")
    quarters = [p for p in parts if "Q" in p.period.text]
    months = [p for p in parts if "Q" not in p.period.text]
    assert [q.value for q in quarters] == [25_000, 25_000, 25_000, 25_000]
    assert len(months) == 12 and sum(m.value for m in months) == 1_000_00
    assert [m.value for m in months[:3]] == [8334, 8333, 8333]
    assert months[0].parent.text == "2027-Q1"


def test_a_year_by_twelve_weights_makes_quarters_as_the_sums_of_their_months() -> None:
    parts = split_target(parse_period("2027"), 1200, ",".join(["1"] * 11 + ["0"]))
    by = {p.period.text: p.value for p in parts}
    assert by["2027-12"] == 0 and by["2027-Q4"] == by["2027-10"] + by["2027-11"]
    assert sum(v for k, v in by.items() if "Q" in k) == 1200


def test_iso_weeks_belong_to_the_month_holding_their_thursday() -> None:
    assert [w.text for w in weeks_of(parse_period("2026-11"))] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    # 2026-12-31 is a Thursday: W53 belongs to December.
    assert [w.text for w in weeks_of(parse_period("2026-12"))][-1] == "2026-W53"
    assert len(weeks_of(parse_period("2026-10"))) == 5


@pytest.mark.parametrize(("period", "text", "problem"), [
    ("2027-W05", "even", "not_splittable"),
    ("2027", "1,2,3", "wrong_count"),
    ("2027-Q1", "1,-1,1", "negative"),
    ("2027-Q1", "1,x,1", "not_number"),
    ("2027-03", "0,0,0,0", "all_zero"),
])
def test_bad_splits_say_why(period: str, text: str, problem: str) -> None:
    with pytest.raises(SplitError) as error:
        split_target(parse_period(period), 100, text)
    assert error.value.problem == problem


def test_working_days_and_the_pace_of_november_2026() -> None:
    november = parse_period("2026-11")
    assert working_days(november.start, november.end, weekends=False) == 21
    pace = pace_of(november, date(2026, 11, 23), weekends=False)
    assert (pace.elapsed, pace.total, pace.left) == (16, 21, 6)
    assert pace_value(21_000, pace) == 16_000
    weekends = pace_of(november, date(2026, 11, 23), weekends=True)
    assert (weekends.elapsed, weekends.total, weekends.left) == (23, 30, 8)
    assert pace_of(november, date(2026, 12, 1), weekends=False).share == 1
    assert pace_of(november, date(2026, 10, 31), weekends=False).share == 0
