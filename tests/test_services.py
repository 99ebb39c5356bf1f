"""Services any interface can call (docs/architecture.md): called directly, as the
dashboard will, they take text as a user typed it, raise typed errors with the facts
(never a sentence or a flag), return typed records with one JSON form, and read the
clock per operation.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from salescli.core.errors import BadInputError, RefusedError
from salescli.present.messages import MESSAGES, describe
from salescli.services.agenda import build_agenda
from salescli.services.context import open_context
from salescli.services.customers import AddResult, CustomerInput, add_customer
from salescli.services.follow_ups import LogInput, log_follow_up
from salescli.services.settings import set_setting
from salescli.services.users import add_user


@pytest.fixture
def ctx(backend: str):  # noqa: ANN201 - a Context on each backend
    context = open_context()
    yield context
    context.close()


def test_a_context_left_open_reads_the_clock_for_each_operation(ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dashboard open past midnight shows the new day's agenda."""
    add_customer(ctx, CustomerInput(name="Acme"))
    log_follow_up(ctx, LogInput(customer="Acme", summary="Call", due="tomorrow"))
    first = build_agenda(ctx)
    assert first.date == date(2026, 11, 23)
    assert [s.key for s in first.sections if s.items] == []
    monkeypatch.setenv("SALESCLI_NOW", "2026-11-24T00:05:00+08:00")
    second = build_agenda(ctx)
    assert second.date == date(2026, 11, 24)
    assert [(s.key, [t.customer for t in s.items]) for s in second.sections if s.items] == [("due_today", ["Acme"])]


def test_errors_carry_a_code_and_the_facts_not_a_sentence(ctx) -> None:
    add_customer(ctx, CustomerInput(name="Hongda Machinery Co., Ltd.", phone="13812345678", city="Shanghai"))
    with pytest.raises(RefusedError) as info:
        add_customer(ctx, CustomerInput(name="HONGDA machinery"))
    err = info.value
    assert err.code == "customer.duplicate"
    assert (err.params["id"], err.params["existing"], err.params["reason"]) == (1, "Hongda Machinery Co., Ltd.", "name")
    assert err.params["matches"][0]["city"] == "Shanghai"
    # The dashboard words it with the shared table: the facts, no flag.
    sentence, details = describe(err)
    assert sentence == "'HONGDA machinery' duplicates customer #1 Hongda Machinery Co., Ltd. (same name)."
    assert details[0] == "  #1 Hongda Machinery Co., Ltd."

    add_user(ctx, "bob")
    set_setting("pool.max_owned", "1", lambda: ctx)
    with pytest.raises(RefusedError) as info:
        add_customer(ctx, CustomerInput(name="Globex"))
    assert info.value.code == "pool.cap_reached"
    assert (info.value.params["owned"], info.value.params["cap"]) == (1, 1)


def test_input_is_cleaned_below_the_interfaces(ctx) -> None:
    added = add_customer(ctx, CustomerInput(name="  Acme   Tools ", grade=" a ", size="LARGE", tags=[" vip ", "vip"]))
    assert isinstance(added, AddResult)
    assert (added.customer.name, added.customer.grade, added.customer.size, added.customer.tags) == (
        "Acme Tools", "A", "large", ["vip"])
    logged = log_follow_up(ctx, LogInput(customer="acme", summary=" Visit ", kind=" VISIT ", at="-1d", due="fri"))
    assert (logged.follow_up.kind, logged.follow_up.summary, logged.follow_up.due_on) == ("visit", "Visit",
                                                                                        date(2026, 11, 27))
    with pytest.raises(BadInputError) as info:
        log_follow_up(ctx, LogInput(customer="acme", summary="x", kind="fax"))
    assert (info.value.code, info.value.params["value"]) == ("follow_up.bad_kind", "fax")


def test_records_have_one_json_form(ctx) -> None:
    added = add_customer(ctx, CustomerInput(name="Acme", phone="13812345678"))
    data = added.to_json()
    assert data["id"] == added.customer.id and data["similar"] == [] and data["phone"] == "13812345678"
    agenda = build_agenda(ctx).to_json()
    assert set(agenda) == {"date", "user", "at", "sections"}
    assert all(set(section) == {"key", "items"} for section in agenda["sections"])


def test_the_shared_sentences_name_no_flag() -> None:
    """Flags belong to the CLI's own wording (terminal/messages.py)."""
    flagged = {code: text for code, text in MESSAGES.items() if re.search(r"(^|\s)--[a-z]", text)}
    assert not flagged, flagged
