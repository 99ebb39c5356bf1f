"""The pipeline's pure rules: amounts as reps type them, the stage list's checks, moves,
gates and staleness (docs/pipeline.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescli.core.settings import SETTINGS
from salescli.core.stages import DEFAULT_STAGES, Stage, StageListError, dump_stages, key_for, parse_stages
from salescli.domain.pipeline import (
    ADVANCE,
    BACK,
    MAX_AMOUNT,
    SKIP,
    AmountError,
    DealFacts,
    closest_names,
    find_stage,
    from_cents,
    is_stale,
    missing,
    move_kind,
    next_stage,
    parse_amount,
    to_cents,
)


@pytest.mark.parametrize(("typed", "amount"), [
    ("12000", "12000.00"), ("12,000.50", "12000.50"), ("1.2万", "12000.00"), ("50k", "50000.00"),
    ("¥8,000", "8000.00"), ("0.5", "0.50"), ("3亿", "300000000.00"), ("2.5W", "25000.00"), (" 7 ", "7.00"),
    ("１２，０００", "12000.00"),
])
def test_amounts_read_as_reps_type_them(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(("typed", "problem"), [
    ("-5", "negative"), ("abc", "not_number"), ("1.234", "too_precise"), ("1e5", "not_number"), ("", "not_number"),
    ("NaN", "not_number"), ("Infinity", "not_number"), ("99999999999999", "too_large"), ("١٢", "not_number"),
    ("1.2.3", "not_number"),
])
def test_bad_amounts_say_what_is_wrong(typed: str, problem: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert caught.value.problem == problem


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False))
def test_every_amount_survives_cents_exactly(amount: Decimal) -> None:
    assert parse_amount(str(amount)) == amount
    assert from_cents(to_cents(parse_amount(f"{amount:,}"))) == amount


def test_default_stages_follow_the_spec() -> None:
    assert [(s.key, s.probability) for s in DEFAULT_STAGES] == [
        ("new", 10), ("contacted", 20), ("qualified", 40), ("proposal", 60), ("negotiation", 80)]
    # Entering any stage after new needs a note; proposal and later also an amount and a close date.
    assert DEFAULT_STAGES[0].gate == ()
    assert all("note" in s.gate for s in DEFAULT_STAGES[1:])
    assert all({"amount", "close_on"} <= set(s.gate) for s in DEFAULT_STAGES[3:])


def test_the_stage_list_round_trips_through_its_stored_form() -> None:
    declared = SETTINGS["pipeline.stages"]
    renamed = (*DEFAULT_STAGES[:3], Stage("proposal", "Quote", 55, ("note", "amount")), DEFAULT_STAGES[4])
    for stages in (DEFAULT_STAGES, renamed):
        assert declared.load(declared.dump(stages)) == stages
        assert parse_stages(dump_stages(stages)) == stages


@pytest.mark.parametrize(("raw", "problem"), [
    ([], "empty"),
    ("nonsense", "not_list"),
    ([{"name": "new", "probability": 10}, {"name": "New", "probability": 20}], "duplicate"),
    ([{"name": "a", "probability": 101}], "bad_probability"),
    ([{"name": "a", "probability": -1}], "bad_probability"),
    ([{"name": "a", "probability": True}], "bad_probability"),
    ([{"name": "a"}], "bad_probability"),
    ([{"name": "won", "probability": 10}], "reserved"),
    ([{"name": "a", "probability": 10, "gate": ["signature"]}], "bad_gate"),
    ([{"name": "", "probability": 10}], "bad_name"),
    ([{"name": "a", "probability": 10, "colour": "red"}], "unknown_field"),
    ([{"key": "x", "name": "a", "probability": 1}, {"name": "x", "probability": 2}], "duplicate"),
    (["new"], "not_table"),
])
def test_a_bad_stage_list_is_refused_with_its_problem(raw: object, problem: str) -> None:
    with pytest.raises(StageListError) as caught:
        parse_stages(raw)
    assert caught.value.problem == problem


def test_a_new_stage_key_never_takes_a_used_one() -> None:
    assert key_for("Demo", ["new"]) == "demo"
    assert key_for("Proposal", ["proposal"]) == "proposal-2"
    assert key_for("Won", []) == "won-2"


def test_stages_are_found_by_name_or_key_and_close_names_suggested() -> None:
    stages = (*DEFAULT_STAGES[:3], Stage("proposal", "Quote", 60), DEFAULT_STAGES[4])
    assert find_stage(stages, " QUOTE ").key == "proposal"
    assert find_stage(stages, "proposal").key == "proposal"
    assert find_stage(stages, "propsal") is None
    assert closest_names(stages, "qualifed") == ["qualified"]
    assert next_stage(stages, "new").key == "contacted"
    assert next_stage(stages, "negotiation") is None


def test_moves_are_advances_skips_or_steps_back() -> None:
    assert move_kind(DEFAULT_STAGES, "new", "contacted") == ADVANCE
    assert move_kind(DEFAULT_STAGES, "new", "proposal") == SKIP
    assert move_kind(DEFAULT_STAGES, "proposal", "contacted") == BACK
    assert move_kind(DEFAULT_STAGES, "gone", "proposal") == ADVANCE  # a stage that left the list


def test_a_gate_lists_everything_missing_at_once() -> None:
    bare = DealFacts(note=" ", amount_cents=None, close_on=None, product=None)
    assert missing(DEFAULT_STAGES[3].gate, bare) == ["note", "amount", "close_on"]
    ready = DealFacts(note="sent the quote", amount_cents=1, close_on=date(2026, 12, 1), product=None)
    assert missing(DEFAULT_STAGES[3].gate, ready) == []
    assert missing(("amount",), DealFacts(note=None, amount_cents=0, close_on=None, product=None)) == ["amount"]


def test_stale_is_longer_than_the_sales_cycle() -> None:
    now = datetime(2026, 11, 23, 1, tzinfo=UTC)
    assert not is_stale(now - timedelta(days=42), now, 42)
    assert is_stale(now - timedelta(days=42, seconds=1), now, 42)
