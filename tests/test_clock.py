"""`salescli.core.clock`: the fixed clock and the date words a rep types (docs/agenda.md: dates).

Examples first, then properties checked by Hypothesis over many base days and inputs.
The autouse fixture puts the process in Asia/Shanghai (UTC+8, no DST).
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescli.core import clock
from salescli.core.clock import When, parse_when
from salescli.core.errors import BadInputError
from salescli.present.messages import sentence

CST = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=CST)  # the conftest clock: Monday 09:00
FRIDAY = datetime(2026, 11, 27, 16, 30, tzinfo=CST)

EN_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tuesday": 1, "wed": 2, "wednesday": 2, "thu": 3, "thursday": 3,
    "fri": 4, "friday": 4, "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6}

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
base_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=CST)


def day_of(text: str, base: datetime = MONDAY) -> date:
    return parse_when(text, base=base).day


# --- examples -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("today", date(2026, 11, 23)),
        ("TODAY", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 22)),
        ("+3d", date(2026, 11, 26)),
        ("+2w", date(2026, 12, 7)),
        ("-2d", date(2026, 11, 21)),
        ("+1m", date(2026, 12, 23)),
        ("mon", date(2026, 11, 30)),  # on a Monday, "mon" is next week's
        ("tue", date(2026, 11, 24)),
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("sun", date(2026, 11, 29)),
        ("next fri", date(2026, 12, 4)),
        ("今天", date(2026, 11, 23)),
        ("明天", date(2026, 11, 24)),
        ("后天", date(2026, 11, 25)),
        ("周五", date(2026, 11, 27)),
        ("星期五", date(2026, 11, 27)),
        ("下周一", date(2026, 11, 30)),
        ("下周五", date(2026, 12, 4)),
        ("+3天", date(2026, 11, 26)),
        ("3天后", date(2026, 11, 26)),
        ("2周后", date(2026, 12, 7)),
    ],
)
def test_date_words(text: str, expected: date) -> None:
    assert parse_when(text, base=MONDAY) == When(expected)


def test_weekday_name_on_that_weekday_means_next_week() -> None:
    assert day_of("fri", FRIDAY) == date(2026, 12, 4)
    assert day_of("周五", FRIDAY) == date(2026, 12, 4)
    assert day_of("sat", FRIDAY) == date(2026, 11, 28)


def test_month_offset_clamps_to_the_last_day_of_a_short_month() -> None:
    assert day_of("+1m", at_nine(date(2027, 1, 31))) == date(2027, 2, 28)
    assert day_of("+1m", at_nine(date(2028, 1, 31))) == date(2028, 2, 29)


def test_a_time_of_day_can_follow_the_day() -> None:
    assert parse_when("tomorrow 14:30", base=MONDAY) == When(date(2026, 11, 24), time(14, 30))
    assert parse_when("2026-12-01 08:05", base=MONDAY) == When(date(2026, 12, 1), time(8, 5))
    assert parse_when("2026-12-01T08:05", base=MONDAY) == When(date(2026, 12, 1), time(8, 5))


def test_iso_datetime_with_offset_is_shown_in_local_time() -> None:
    assert parse_when("2026-12-01T14:30:00+00:00", base=MONDAY) == When(date(2026, 12, 1), time(22, 30))
    assert parse_when("2026-12-01 20:00:00Z", base=MONDAY) == When(date(2026, 12, 2), time(4, 0))


def test_as_datetime_takes_the_reference_time_when_no_time_was_typed() -> None:
    moment = parse_when("yesterday", base=MONDAY).as_datetime(MONDAY)
    assert moment == datetime(2026, 11, 22, 9, 0, tzinfo=CST)
    moment = parse_when("yesterday 17:15", base=MONDAY).as_datetime(MONDAY)
    assert moment == datetime(2026, 11, 22, 17, 15, tzinfo=CST)


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "2026-13-40", "2026-02-29", "2026-00-10", "0000-01-01", "10000-01-01", "soon", "3m",
        "+3x", "+-3d", "tomorrow 25:00", "tomorrow 10:60", "周八", "next", "fri day", "1 2 3",
        "9999-12-31 23:59:59-01:00", "0001-01-01 00:00:00+01:00", "2026-12-01 99:00:00",
    ],
)
def test_garbage_is_a_bad_input_error_with_one_sentence(text: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_when(text, base=MONDAY)
    assert info.value.code in ("date.bad", "date.required")
    message = sentence(info.value)
    assert "\n" not in message
    assert message.endswith(".")


def test_bad_date_message_names_the_value_and_examples() -> None:
    with pytest.raises(BadInputError) as info:
        parse_when("2026-13-40", base=MONDAY)
    assert info.value.params == {"value": "2026-13-40"}
    assert re.search(r"'2026-13-40'.*\+3d", sentence(info.value))


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31 23:59"])
def test_as_datetime_at_the_ends_of_the_calendar_is_a_bad_input_error(text: str) -> None:
    when = parse_when(text, base=MONDAY)
    try:
        moment = when.as_datetime(MONDAY)
    except BadInputError:
        return
    assert moment.date() == when.day


def test_now_honours_salescli_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCLI_NOW", "2026-11-23T09:00:00+08:00")
    assert clock.now() == MONDAY
    assert clock.today() == date(2026, 11, 23)
    monkeypatch.setenv("SALESCLI_NOW", "2027-01-04T10:00:00")  # no offset: local time
    assert clock.now() == datetime(2027, 1, 4, 10, 0, tzinfo=CST)
    assert clock.now().tzinfo is not None
    assert parse_when("tomorrow") == When(date(2027, 1, 5))


def test_bad_salescli_now_is_a_bad_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCLI_NOW", "next tuesday-ish")
    with pytest.raises(BadInputError, match="clock.bad_now"):
        clock.now()


def test_without_salescli_now_the_real_clock_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SALESCLI_NOW")
    before = datetime.now(CST)
    assert abs(clock.now() - before) < timedelta(minutes=1)


# --- properties ---------------------------------------------------------------------------


@PROPERTY
@given(base=base_days, n=st.integers(min_value=0, max_value=9999))
def test_plus_n_days_is_base_plus_n(base: date, n: int) -> None:
    assert day_of(f"+{n}d", at_nine(base)) == base + timedelta(days=n)
    assert day_of(f"+{n}天", at_nine(base)) == base + timedelta(days=n)
    assert day_of(f"{n}天后", at_nine(base)) == base + timedelta(days=n)
    assert day_of(f"-{n}d", at_nine(base)) == base - timedelta(days=n)


@PROPERTY
@given(base=base_days, n=st.integers(min_value=0, max_value=999))
def test_plus_n_weeks_is_base_plus_7n_days(base: date, n: int) -> None:
    assert day_of(f"+{n}w", at_nine(base)) == base + timedelta(weeks=n)


@PROPERTY
@given(base=base_days, name=st.sampled_from(sorted(EN_WEEKDAYS)), upper=st.booleans())
def test_weekday_names_land_one_to_seven_days_ahead_on_that_weekday(base: date, name: str, upper: bool) -> None:
    result = day_of(name.upper() if upper else name, at_nine(base))
    assert result.weekday() == EN_WEEKDAYS[name]
    assert 1 <= (result - base).days <= 7


@PROPERTY
@given(base=base_days, d=st.sampled_from(sorted(ZH_WEEKDAYS)), word=st.sampled_from(["周", "星期", "礼拜"]))
def test_chinese_weekdays(base: date, d: str, word: str) -> None:
    plain = day_of(f"{word}{d}", at_nine(base))
    assert plain.weekday() == ZH_WEEKDAYS[d]
    assert 1 <= (plain - base).days <= 7
    next_week = day_of(f"下{word}{d}", at_nine(base))
    this_monday = base - timedelta(days=base.weekday())
    assert next_week.weekday() == ZH_WEEKDAYS[d]
    assert 7 <= (next_week - this_monday).days <= 13


@PROPERTY
@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), base=base_days)
def test_iso_dates_round_trip(day: date, base: date) -> None:
    assert parse_when(day.isoformat(), base=at_nine(base)) == When(day)


@PROPERTY
@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), hour=st.integers(0, 23),
       minute=st.integers(0, 59))
def test_iso_day_with_a_time_round_trips(day: date, hour: int, minute: int) -> None:
    assert parse_when(f"{day.isoformat()} {hour:02d}:{minute:02d}", base=MONDAY) == When(day, time(hour, minute))


@PROPERTY
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
    offset_minutes=st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_iso_datetimes_with_an_offset_mean_that_instant(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=offset_minutes)))
    when = parse_when(aware.isoformat(), base=MONDAY)
    local = aware.astimezone()  # the rep's zone (Shanghai had DST in the 1940s and 1986-91)
    assert when == When(local.date(), local.time().replace(tzinfo=None))


TOKENS = st.sampled_from(
    ["+", "-", "d", "w", "m", "天", "周", "下", "后", "前", "ago", "mon", "fri", "next", "today", " ", ":",
     "T", "Z", "/", ".", "0", "1", "9", "12", "31", "99", "2026", "9999", "0001", "-12-31", "+08:00",
     "23:59", "24:00", "23:59:59", "-01:00", "星期", "日", "八", "\t", "é", "\x00"]
)
garbage = st.one_of(st.text(max_size=30), st.lists(TOKENS, max_size=8).map("".join))


@PROPERTY
@given(text=garbage, base=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_garbage_never_raises_anything_but_bad_input(text: str, base: date) -> None:
    reference = datetime.combine(base, time(12, 0), tzinfo=CST)
    try:
        when = parse_when(text, base=reference)
    except BadInputError:
        return
    assert isinstance(when.day, date)
    with contextlib.suppress(BadInputError):
        when.as_datetime(reference)
