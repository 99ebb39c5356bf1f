"""What a rep types for an amount, read by domain/pipeline.parse_amount (properties)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescli.core.errors import BadInputError
from salescli.domain.pipeline import MAX_AMOUNT, from_cents, to_cents
from salescli.services.deals import deal_ref, parse_amount

cents = st.integers(min_value=0, max_value=to_cents(MAX_AMOUNT))


@given(cents)
def test_an_amount_written_plainly_or_with_thousands_reads_back_exactly(value: int) -> None:
    amount = from_cents(value)
    assert parse_amount(str(amount)) == value
    assert parse_amount(f"{amount:,}") == value


@given(st.integers(min_value=0, max_value=99_999))
def test_wan_and_k_units_multiply_exactly(n: int) -> None:
    assert parse_amount(f"{n}万") == n * 10_000 * 100
    assert parse_amount(f"{n}k") == n * 1000 * 100


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1000"), places=3))
def test_more_than_two_decimals_is_refused_not_rounded(value: Decimal) -> None:
    if value == value.quantize(Decimal("0.01")):
        return
    with pytest.raises(BadInputError) as error:
        parse_amount(str(value))
    assert error.value.params["problem"] == "too_precise"


@pytest.mark.parametrize(("typed", "problem"), [
    ("abc", "not_number"), ("", "not_number"), ("-1", "negative"), ("1e20", "not_number"),
    ("99999999999999", "too_large"), ("NaN", "not_number"),
])
def test_bad_amounts_name_their_problem(typed: str, problem: str) -> None:
    with pytest.raises(BadInputError) as error:
        parse_amount(typed)
    assert error.value.code == "deal.bad_amount" and error.value.params["problem"] == problem


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_a_deal_id_reads_with_or_without_the_hash(n: int) -> None:
    assert deal_ref(str(n)) == n == deal_ref(f"#{n}")


@pytest.mark.parametrize("typed", ["abc", "#", "#1a", "1.5", "١٢"])
def test_what_is_not_a_deal_id_is_bad_input(typed: str) -> None:
    with pytest.raises(BadInputError):
        deal_ref(typed)
