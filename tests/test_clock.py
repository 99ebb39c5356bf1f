"""`salescli.core.clock`: the fixed clock and the date words a rep types (docs/dates.md).

Examples first, then properties checked by Hypothesis over many base days and inputs.
The autouse fixture puts the process in Asia/Shanghai (UTC+8, no DST).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescli.core import clock, i18n
from salescli.core.clock import When, parse_when
from salescli.core.errors import BadInputError
from salescli.present.formatting import format_day, format_short_day
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


# --- month and day, phrases (docs/dates.md) -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月1日", date(2026, 12, 1)),
        ("12月1号", date(2026, 12, 1)),
        ("12-01", date(2026, 12, 1)),
        ("12/01", date(2026, 12, 1)),
        ("12/1", date(2026, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("dec 1", date(2026, 12, 1)),
        ("DECEMBER 1", date(2026, 12, 1)),
        ("1 Dec", date(2026, 12, 1)),
        ("1 December", date(2026, 12, 1)),
        ("Dec 1st", date(2026, 12, 1)),
        ("Dec. 2nd", date(2026, 12, 2)),
        ("1st of December", date(2026, 12, 1)),
        ("Sept 3", date(2026, 9, 3)),  # nearest: 81 days back, not 284 ahead
        ("1月5日", date(2027, 1, 5)),  # in late November, next January
        ("11月20日", date(2026, 11, 20)),  # three days ago
        ("May 1", date(2027, 5, 1)),
        ("Dec 1, 2026", date(2026, 12, 1)),
        ("Dec 1 2026", date(2026, 12, 1)),
        ("1 Dec 2026", date(2026, 12, 1)),
        ("1 Dec, 2025", date(2025, 12, 1)),
        ("2026年12月1日", date(2026, 12, 1)),
        ("2025 年 12 月 1 日", date(2025, 12, 1)),
        ("Nov 23, 2026", date(2026, 11, 23)),  # format_day
        ("2026年11月23日", date(2026, 11, 23)),
        ("Fri Nov 27", date(2026, 11, 27)),  # format_short_day
        ("Friday, November 27", date(2026, 11, 27)),
        ("11月27日 周五", date(2026, 11, 27)),
        ("11月27日星期五", date(2026, 11, 27)),
        ("11月27日（周五）", date(2026, 11, 27)),
        ("11月27日 (礼拜五)", date(2026, 11, 27)),
        ("Thu Apr 9, 2054", date(2054, 4, 9)),
        ("2054年4月9日 周四", date(2054, 4, 9)),
        ("１２月１日", date(2026, 12, 1)),  # full-width digits, as a Chinese IME may type them
        ("this fri", date(2026, 11, 27)),
        ("This Friday", date(2026, 11, 27)),
        ("this mon", date(2026, 11, 23)),
        ("next week", date(2026, 11, 30)),
        ("下周", date(2026, 11, 30)),
        ("下星期", date(2026, 11, 30)),
        ("next month", date(2026, 12, 1)),
        ("下个月", date(2026, 12, 1)),
        ("下月", date(2026, 12, 1)),
        ("end of month", date(2026, 11, 30)),
        ("End of the month", date(2026, 11, 30)),
        ("EOM", date(2026, 11, 30)),
        ("月底", date(2026, 11, 30)),
        ("本月底", date(2026, 11, 30)),
        ("月末", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("下月底", date(2026, 12, 31)),
        ("下个月底", date(2026, 12, 31)),
        ("end of week", date(2026, 11, 27)),  # the working week: Friday
        ("eow", date(2026, 11, 27)),
        ("周末", date(2026, 11, 28)),  # the weekend: its Saturday
        ("本周末", date(2026, 11, 28)),
        ("下周末", date(2026, 12, 5)),
    ],
)
def test_written_days_and_phrases(text: str, expected: date) -> None:
    assert parse_when(text, base=MONDAY) == When(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月1日 14:30", When(date(2026, 12, 1), time(14, 30))),
        ("12月1日 14：30", When(date(2026, 12, 1), time(14, 30))),
        ("Dec 1 9:05", When(date(2026, 12, 1), time(9, 5))),
        ("Dec 1, 2026 9:05", When(date(2026, 12, 1), time(9, 5))),
        ("Fri Nov 27 17:00", When(date(2026, 11, 27), time(17, 0))),
        ("11月27日 周五 08:00", When(date(2026, 11, 27), time(8, 0))),
        ("end of month 18:00", When(date(2026, 11, 30), time(18, 0))),
        ("下周 10:00", When(date(2026, 11, 30), time(10, 0))),
    ],
)
def test_written_days_take_a_time(text: str, expected: When) -> None:
    assert parse_when(text, base=MONDAY) == expected


def test_month_phrases_at_the_ends_of_months_and_years() -> None:
    jan31 = at_nine(date(2027, 1, 31))
    assert day_of("next month", jan31) == date(2027, 2, 1)
    assert day_of("end of next month", jan31) == date(2027, 2, 28)
    assert day_of("月底", at_nine(date(2028, 2, 3))) == date(2028, 2, 29)
    assert day_of("下月底", at_nine(date(2026, 12, 31))) == date(2027, 1, 31)
    assert day_of("next week", at_nine(date(2026, 12, 31))) == date(2027, 1, 4)


def test_this_week_words_can_be_in_the_past() -> None:
    sunday = at_nine(date(2026, 11, 29))
    assert day_of("this fri", sunday) == date(2026, 11, 27)
    assert day_of("本周五", sunday) == date(2026, 11, 27)
    assert day_of("end of week", sunday) == date(2026, 11, 27)
    assert day_of("周末", sunday) == date(2026, 11, 28)


def test_a_day_without_a_year_is_the_nearest_one() -> None:
    new_years_eve = at_nine(date(2026, 12, 30))
    assert day_of("Jan 2", new_years_eve) == date(2027, 1, 2)
    assert day_of("12月1日", new_years_eve) == date(2026, 12, 1)
    assert day_of("6月30日", new_years_eve) == date(2027, 6, 30)  # 182 days ahead, 183 back
    # Sep 1 2027 and Sep 1 2028 are both 183 days from Mar 2 2028: the later one wins.
    assert day_of("Sep 1", at_nine(date(2028, 3, 2))) == date(2028, 9, 1)
    # 29 February: the nearest one, even years away.
    assert day_of("2月29日") == date(2028, 2, 29)
    assert day_of("Feb 29", at_nine(date(2025, 1, 10))) == date(2024, 2, 29)


def test_a_weekday_picks_between_this_years_day_and_the_nearest() -> None:
    new_years_eve = at_nine(date(2026, 12, 30))
    assert day_of("Fri Jan 2", new_years_eve) == date(2026, 1, 2)  # as format_short_day prints it
    assert day_of("Sat Jan 2", new_years_eve) == date(2027, 1, 2)
    assert day_of("1月2日 周五", new_years_eve) == date(2026, 1, 2)
    with pytest.raises(BadInputError):
        day_of("Thu Jan 2", new_years_eve)


def test_calendar_ends() -> None:
    last = at_nine(date(9999, 12, 20))
    assert day_of("eom", last) == date(9999, 12, 31)
    assert day_of("Jan 5", last) == date(9999, 1, 5)  # there is no year 10000
    assert day_of("Dec 31", at_nine(date(1, 1, 1))) == date(1, 12, 31)
    for text in ("next month", "end of next month", "下周", "next week"):
        with pytest.raises(BadInputError):
            day_of(text, at_nine(date(9999, 12, 31)))


@pytest.mark.parametrize(
    "text",
    [
        "2月30日", "Feb 30", "13-01", "00-10", "12-00", "12-32", "2月0日", "13月1日", "Feb 29, 2026", "2026年2月29日",
        "Dec 1, 10000", "0000年1月1日", "Thu Nov 27", "Fri Nov 27, 2027", "11月27日 周四", "11月27日（周五",
        "Fri, Dec 1, 2026", "Friday Dec 1", "Decembre 1", "Dec", "12月", "1日1月", "Dec 1 2", "Dec 123",
        "Dec 1, 26", "12-01-2026", "this", "this week", "next", "end of", "月底底", "周末五", "fri 12月1日",
    ],
)
def test_bad_written_days_are_refused(text: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_when(text, base=MONDAY)
    assert info.value.code == "date.bad"


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
    clock.forget_zone()  # as a new invocation would
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
    local = aware.astimezone(clock.local_zone())  # the rep's zone: here SALESCLI_NOW's +08:00
    assert when == When(local.date(), local.time().replace(tzinfo=None))


TOKENS = st.sampled_from(
    ["+", "-", "d", "w", "m", "天", "周", "下", "后", "前", "ago", "mon", "fri", "next", "today", " ", ":",
     "T", "Z", "/", ".", "0", "1", "9", "12", "31", "99", "2026", "9999", "0001", "-12-31", "+08:00",
     "23:59", "24:00", "23:59:59", "-01:00", "星期", "日", "八", "\t", "é", "\x00", "月", "号", "年", "底", "末",
     "周末", "下个月", "dec", "december", "feb", "29", "30", "st", "of", "this", "end of", "month", "week", "eom",
     ",", "（", "）", "周五", "１", "١"]
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


# --- written days: round trip through the formatter, and fuzzing ----------------------------

LANGUAGES = ("en", "zh_CN")
BASE = date(2026, 11, 23)  # the conftest clock's day
near_base = st.dates(min_value=BASE.replace(year=BASE.year - 5), max_value=BASE.replace(year=BASE.year + 5))
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EN_DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ZH_DAY_NAMES = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


@contextlib.contextmanager
def today_is(day: date) -> Iterator[None]:
    """`core.clock.today()` (which the formatter asks) is `day` for the block."""
    saved = os.environ["SALESCLI_NOW"]
    os.environ["SALESCLI_NOW"] = at_nine(day).isoformat()
    try:
        yield
    finally:
        os.environ["SALESCLI_NOW"] = saved


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    i18n.set_language(code)
    try:
        yield
    finally:
        i18n.set_language("en")


def test_the_formatter_shows_the_year_only_outside_this_year() -> None:
    assert format_short_day(date(2026, 11, 27)) == "Fri Nov 27"
    assert format_short_day(date(2054, 4, 9)) == "Thu Apr 9, 2054"
    assert format_short_day(date(2025, 12, 31)) == "Wed Dec 31, 2025"
    assert format_day(date(2026, 11, 23)) == "Nov 23, 2026"
    with language("zh_CN"):
        assert format_short_day(date(2026, 11, 27)) == "11月27日 周五"
        assert format_short_day(date(2054, 4, 9)) == "2054年4月9日 周四"
        assert format_day(date(2026, 11, 23)) == "2026年11月23日"


@PROPERTY
@given(day=near_base, lang=st.sampled_from(LANGUAGES))
def test_every_day_the_formatter_prints_reads_back_as_that_day(day: date, lang: str) -> None:
    with language(lang):
        short, full = format_short_day(day), format_day(day)
    assert (str(day.year) in short) == (day.year != BASE.year)
    for text in (short, full):
        assert parse_when(text, base=MONDAY) == When(day), text
        assert parse_when(f"{text} 14:30", base=MONDAY) == When(day, time(14, 30)), text


@PROPERTY
@given(
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    today=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    lang=st.sampled_from(LANGUAGES),
)
def test_the_round_trip_holds_on_any_day_for_any_day(day: date, today: date, lang: str) -> None:
    """Wherever today is (New Year's Eve included), and however far the day."""
    with today_is(today), language(lang):
        short, full = format_short_day(day), format_day(day)
        assert parse_when(short, base=at_nine(today)).day == day, short
        assert parse_when(full, base=at_nine(today)).day == day, full


@PROPERTY
@given(today=base_days, offset=st.integers(min_value=-400, max_value=400), lang=st.sampled_from(LANGUAGES))
def test_round_trip_around_new_year(today: date, offset: int, lang: str) -> None:
    """Days within a year or so of today, where a year-less day could mean two years."""
    day = today + timedelta(days=offset)
    with today_is(today), language(lang):
        assert parse_when(format_short_day(day), base=at_nine(today)).day == day


@PROPERTY
@given(day=near_base, weekday=st.integers(0, 6), with_year=st.booleans())
def test_a_weekday_is_never_overruled(day: date, weekday: int, with_year: bool) -> None:
    """A written weekday names a day that falls on it: with a year, that day; without, the
    nearest such month-day or this year's. When neither falls on it, the word is refused."""
    year = f", {day.year}" if with_year else ""
    zh_year = f"{day.year}年" if with_year else ""
    plain = f"{EN_MONTHS[day.month - 1]} {day.day}{year}"
    candidates = {day_of(plain)}
    if not with_year:
        with contextlib.suppress(ValueError):
            candidates.add(day.replace(year=BASE.year))
    fitting = [c for c in candidates if c.weekday() == weekday]
    for text in (f"{EN_DAY_NAMES[weekday]} {plain}", f"{zh_year}{day.month}月{day.day}日 {ZH_DAY_NAMES[weekday]}"):
        if not fitting:
            with pytest.raises(BadInputError):
                day_of(text)
        else:
            assert [day_of(text)] == fitting


@PROPERTY
@given(base=base_days, month=st.integers(1, 12), d=st.integers(1, 31))
def test_a_day_without_a_year_is_within_half_a_year(base: date, month: int, d: int) -> None:
    spellings = [f"{month}月{d}日", f"{month}月{d}号", f"{month:02d}-{d:02d}", f"{month}/{d}",
                 f"{EN_MONTHS[month - 1]} {d}", f"{d} {EN_MONTHS[month - 1].upper()}"]
    try:
        date(2028, month, d)  # a leap year: every month-day that exists at all
    except ValueError:
        for text in spellings:
            with pytest.raises(BadInputError):
                day_of(text, at_nine(base))
        return
    results = {day_of(text, at_nine(base)) for text in spellings}
    assert len(results) == 1
    (result,) = results
    assert (result.month, result.day) == (month, d)
    if (month, d) != (2, 29):
        assert abs((result - base).days) <= 183


@PROPERTY
@given(base=base_days)
def test_phrases(base: date) -> None:
    reference = at_nine(base)
    monday = base - timedelta(days=base.weekday())
    assert day_of("next week", reference) == day_of("下周", reference) == monday + timedelta(days=7)
    assert day_of("this fri", reference) == day_of("本周五", reference) == monday + timedelta(days=4)
    assert day_of("周末", reference) == monday + timedelta(days=5)
    first_next = day_of("next month", reference)
    assert first_next == day_of("下个月", reference) == day_of("下月", reference)
    assert first_next.day == 1 and (first_next - timedelta(days=1)).month == base.month
    assert day_of("end of month", reference) == day_of("月底", reference) == first_next - timedelta(days=1)
    end_next = day_of("end of next month", reference)
    assert end_next == day_of("下月底", reference)
    assert (end_next.year, end_next.month) == (first_next.year, first_next.month)
    assert (end_next + timedelta(days=1)).day == 1


ACCEPTED = st.sampled_from(
    ["12月1日", "12月1号", "12-01", "12/01", "Dec 1", "December 1", "1 Dec", "1 December", "Dec 1st", "Feb 29",
     "2月29日", "Dec 1, 2026", "1 Dec 2026", "2026年12月1日", "Fri Nov 27", "11月27日 周五", "Thu Apr 9, 2054",
     "2054年4月9日 周四", "this fri", "next week", "下周", "next month", "下个月", "下月", "end of month", "eom",
     "月底", "本月底", "end of next month", "下月底", "end of week", "周末", "下周末", "Jan 1", "Dec 31", "12月31日"]
)
words = st.one_of(
    ACCEPTED,
    st.tuples(ACCEPTED, st.sampled_from(["", " ", " 14:30", " 9:05", "x", ",", " 2026", "日", " 周五"])).map("".join),
    st.tuples(st.text(max_size=4), ACCEPTED, st.text(max_size=4)).map("".join),
    st.lists(st.sampled_from(["1", "12", "31", "0", "99", "2026", " ", "月", "日", "号", "年", "dec", "fri", ",",
                              "st", "of", "周五", "（", "）", "-", "/", "end of", "month", "下"]),
             max_size=7).map("".join),
)


@PROPERTY
@given(text=words, base=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_written_days_never_raise_anything_but_bad_input(text: str, base: date) -> None:
    try:
        when = parse_when(text, base=at_nine(base))
    except BadInputError as error:
        assert error.code in ("date.bad", "date.required")
        return
    assert isinstance(when.day, date)
