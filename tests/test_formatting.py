"""Days and amounts are drawn without loading Babel (present/formatting.py), and read
exactly as Babel's CLDR patterns would draw them, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from salescli.core import i18n
from salescli.core.clock import to_local, today
from salescli.present.formatting import _SIGNS, format_day, format_moment, format_money, format_short_day

LANGUAGES = {"en": "en_US", "zh_CN": "zh_Hans_CN"}
DAY = {"en": "MMM d, yyyy", "zh_CN": "yyyy年M月d日"}
SHORT = {"en": ("EEE MMM d", "EEE MMM d, yyyy"), "zh_CN": ("M月d日 EEE", "yyyy年M月d日 EEE")}
MOMENT = {"en": ("MMM d HH:mm", "MMM d, yyyy HH:mm"), "zh_CN": ("M月d日 HH:mm", "yyyy年M月d日 HH:mm")}


@pytest.fixture(params=list(LANGUAGES))
def language(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    return request.param


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


def test_every_day_of_two_years_reads_as_babel_draws_it(language: str) -> None:
    locale = LANGUAGES[language]
    start = date(today().year - 1, 1, 1)
    for offset in range(731):
        day = start + timedelta(days=offset)
        short = SHORT[language][day.year != today().year]
        assert format_short_day(day) == format_date(day, short, locale=locale)
        assert format_day(day) == format_date(day, DAY[language], locale=locale)


@given(day=days, minutes=st.integers(0, 24 * 60 - 1))
def test_any_day_and_instant_reads_as_babel_draws_it(day: date, minutes: int) -> None:
    for language, locale in LANGUAGES.items():
        i18n.set_language(language)
        short = SHORT[language][day.year != today().year]
        assert format_short_day(day) == format_date(day, short, locale=locale)
        moment = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minutes)
        local = to_local(moment)
        pattern = MOMENT[language][local.year != today().year]
        assert format_moment(moment) == format_datetime(local, pattern, tzinfo=local.tzinfo, locale=locale)


@given(cents=st.integers(-(10**15), 10**15), currency=st.sampled_from(sorted(_SIGNS["en"])))
def test_amounts_read_as_babel_draws_them(cents: int, currency: str) -> None:
    amount = Decimal(cents) / 100
    for language, locale in LANGUAGES.items():
        i18n.set_language(language)
        expected = format_currency(amount, currency, locale=locale)
        assert format_money(amount, currency) == (expected.replace("CN¥", "¥") if currency == "CNY" else expected)


def test_other_currencies_still_go_to_babel(language: str) -> None:
    assert format_money(Decimal("1200"), "JPY") == format_currency(Decimal("1200"), "JPY",
                                                                    locale=LANGUAGES[language])
    assert format_money(Decimal("1200.00"), "CNY") == "¥1,200.00"
