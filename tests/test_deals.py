"""`salescli deal ...`: adding deals, moving them through the gated stages, won, lost,
reopen, and the customer card's deals (docs/pipeline.md).

The clock is fixed by conftest at Monday 2026-11-23 09:00 in Shanghai; every test runs on
SQLite and PostgreSQL (`cli`). A refusal is one sentence, the SPEC exit code, and nothing
written (checked with `deal show --json` afterwards).
"""

from __future__ import annotations

import pytest

from checks import one_line_error
from pipeline_rows import at, insert_deal


def deal(cli, deal_id: int = 1) -> dict:
    return cli.ok("deal", "show", str(deal_id), "--json").json()


def kinds(cli, deal_id: int = 1) -> list[str]:
    return [c["kind"] for c in deal(cli, deal_id)["changes"]]


@pytest.fixture
def acme(cli):
    cli.ok("customer", "add", "Acme", "--grade", "A")
    return cli


@pytest.fixture
def quoted(acme):
    """Deal #1 in `qualified`, with an amount and a close day: ready for a proposal."""
    acme.ok("deal", "add", "Acme", "ERP rollout", "--amount", "120,000", "--close", "2026-12-20",
            "--stage", "qualified")
    return acme


# --- add -------------------------------------------------------------------------------------


def test_add_creates_an_open_deal_in_the_first_stage_with_a_create_change(acme) -> None:
    run = acme.ok("deal", "add", "Acme", "ERP rollout", "--amount", "1.2万", "--close", "2026-12-20",
                  "--product", "ERP")
    assert "Added deal #1 ERP rollout" in run.stdout and "¥12,000.00" in run.stdout and "new" in run.stdout
    shown = deal(acme)
    assert shown["status"] == "open" and shown["stage"] == "new" and shown["owner"] == "alice"
    assert shown["amount"] == "12000.00" and shown["weighted"] == "1200.00"
    assert shown["close_on"] == "2026-12-20" and shown["product"] == "ERP"
    assert [(c["kind"], c["from_stage"], c["to_stage"]) for c in shown["changes"]] == [("create", None, "new")]


def test_add_json_and_a_later_stage_checks_its_gate_but_not_the_note(acme) -> None:
    one_line_error(acme("deal", "add", "Acme", "Quote", "--stage", "proposal"), 1,
                   "an amount and an expected close date", "--amount", "--close")
    assert acme.ok("deal", "list", "--json").json() == []
    data = acme.ok("deal", "add", "Acme", "Quote", "--stage", "Proposal", "--amount", "50k", "--close", "+2w",
                   "--json").json()
    assert data["stage"] == "proposal" and data["amount"] == "50000.00" and data["close_on"] == "2026-12-07"
    assert [c["kind"] for c in data["changes"]] == ["create"]  # entering a later stage at creation is no skip


def test_a_close_day_in_the_past_warns_but_saves(acme) -> None:
    run = acme.ok("deal", "add", "Acme", "Late", "--close", "2026-11-01")
    assert "already past" in run.stderr and "Added deal #1" in run.stdout
    assert deal(acme)["close_on"] == "2026-11-01"
    run = acme.ok("deal", "edit", "1", "--close", "2026-10-01")
    assert "already past" in run.stderr
    assert deal(acme)["close_on"] == "2026-10-01"


@pytest.mark.parametrize(("amount", "words"), [
    ("-5", "negative"), ("abc", "not an amount"), ("1.234", "more than two decimals"),
])
def test_bad_amounts_are_refused_with_one_sentence(acme, amount: str, words: str) -> None:
    one_line_error(acme("deal", "add", "Acme", "X", "--amount", amount), 2, words)
    assert acme.ok("deal", "list", "--json").json() == []


def test_an_unknown_stage_suggests_the_closest(acme) -> None:
    one_line_error(acme("deal", "add", "Acme", "X", "--stage", "proposl"), 2, "proposl", "Did you mean", "proposal")
    assert acme.ok("deal", "list", "--json").json() == []


def test_an_unknown_deal_id_is_not_found(acme) -> None:
    one_line_error(acme("deal", "show", "#42"), 2, "#42")
    one_line_error(acme("deal", "advance", "42", "--note", "x"), 2, "#42")
    one_line_error(acme("deal", "show", "abc"), 2, "'abc'")


# --- list and show ---------------------------------------------------------------------------


def test_list_orders_by_close_day_and_filters(acme) -> None:
    acme.ok("customer", "add", "Bolt")
    acme.ok("deal", "add", "Acme", "Later", "--close", "2027-01-20", "--amount", "100")
    acme.ok("deal", "add", "Bolt", "Sooner", "--close", "2026-11-25", "--amount", "200")
    acme.ok("deal", "add", "Acme", "Undated")
    assert [d["title"] for d in acme.ok("deal", "list", "--json").json()] == ["Sooner", "Later", "Undated"]
    soon = acme.ok("deal", "list", "--closing-within", "7", "--json").json()
    assert [d["title"] for d in soon] == ["Sooner"]
    assert [d["title"] for d in acme.ok("deal", "list", "--customer", "Bolt", "--json").json()] == ["Sooner"]
    assert [d["id"] for d in acme.ok("deal", "list", "--limit", "1", "--json").json()] == [2]
    table = acme.ok("deal", "list").stdout
    assert "Sooner" in table and "¥200.00" in table and "3 deals" in table
    assert acme.ok("deal", "list", "--stage", "contacted", "--json").json() == []
    one_line_error(acme("deal", "list", "--status", "closed"), 2, "'closed'")
    one_line_error(acme("deal", "list", "--mine", "--all"), 2, "--all")


def test_stale_deals_are_marked_and_listed_with_stale(acme) -> None:
    insert_deal(customer_id=1, title="Stuck", stage="contacted", amount=1000, created_at=at("2026-08-01"))
    acme.ok("deal", "add", "Acme", "Fresh", "--amount", "500")
    listed = {d["title"]: d for d in acme.ok("deal", "list", "--json").json()}
    assert listed["Stuck"]["stale"] is True and listed["Stuck"]["weighted"] is None
    assert listed["Fresh"]["stale"] is False and listed["Fresh"]["weighted"] == "50.00"
    assert [d["title"] for d in acme.ok("deal", "list", "--stale", "--json").json()] == ["Stuck"]
    assert "stale" in acme.ok("deal", "list", "--stale").stdout
    shown = deal(acme, 1)
    assert shown["stale"] is True and shown["days_in_stage"] > 42


def test_show_prints_the_fields_history_and_feedback(quoted) -> None:
    quoted.ok("deal", "advance", "1", "--note", "Sent the quote")
    out = quoted.ok("deal", "show", "#1").stdout
    for text in ("ERP rollout", "Acme", "proposal (60%)", "¥120,000.00", "¥72,000.00", "Sent the quote",
                 "Stage history", "alice"):
        assert text in out, text


# --- advance ---------------------------------------------------------------------------------


def test_advance_to_the_next_stage_needs_the_note(quoted) -> None:
    one_line_error(quoted("deal", "advance", "1"), 1, "a feedback note", "--note")
    assert kinds(quoted) == ["create"]
    data = quoted.ok("deal", "advance", "1", "--note", "Quote sent", "--json").json()
    assert data["stage"] == "proposal"
    last = data["changes"][-1]
    assert (last["kind"], last["from_stage"], last["to_stage"], last["feedback"], last["by"]) == (
        "advance", "qualified", "proposal", "Quote sent", "alice")


def test_a_gate_lists_everything_missing_in_one_sentence(acme) -> None:
    acme.ok("deal", "add", "Acme", "Bare", "--stage", "qualified")
    run = acme("deal", "advance", "1")
    one_line_error(run, 1, "a feedback note", "an amount", "an expected close date", "--note",
                   "salescli deal edit 1 --amount N --close WHEN")
    assert deal(acme)["stage"] == "qualified" and kinds(acme) == ["create"]


def test_skipping_needs_force_and_is_recorded_as_a_skip(acme) -> None:
    acme.ok("deal", "add", "Acme", "Fast", "--amount", "900", "--close", "2026-12-31")
    one_line_error(acme("deal", "advance", "1", "--to", "proposal", "--note", "x"), 1,
                   "contacted and qualified", "--force")
    assert kinds(acme) == ["create"]
    run = acme.ok("deal", "advance", "1", "--to", "proposal", "--note", "Straight to a quote", "--force")
    assert "skipped ahead to proposal" in run.stdout
    assert kinds(acme) == ["create", "skip"] and deal(acme)["stage"] == "proposal"


def test_moving_back_is_recorded_and_the_target_gate_applies(quoted) -> None:
    quoted.ok("deal", "advance", "1", "--note", "Quote sent")
    one_line_error(quoted("deal", "advance", "1", "--to", "contacted"), 1, "a feedback note")
    run = quoted.ok("deal", "advance", "1", "--to", "contacted", "--note", "Budget frozen")
    assert "moved back to contacted" in run.stdout
    assert kinds(quoted)[-1] == "back" and deal(quoted)["stage"] == "contacted"
    one_line_error(quoted("deal", "advance", "1", "--to", "contacted", "--note", "x"), 1, "already in")


def test_the_last_stage_points_to_won_or_lost(quoted) -> None:
    quoted.ok("deal", "advance", "1", "--to", "negotiation", "--note", "x", "--force")
    one_line_error(quoted("deal", "advance", "1", "--note", "x"), 1, "salescli deal won 1", "salescli deal lost 1")
    assert kinds(quoted) == ["create", "skip"]


# --- won, lost, reopen -----------------------------------------------------------------------


def test_won_needs_an_amount_and_closes_from_any_stage(acme) -> None:
    acme.ok("deal", "add", "Acme", "Quick win")
    acme.ok("deal", "add", "Acme", "Another win", "--amount", "700")
    assert "Deal #2 Another win won (¥700.00)" in acme.ok("deal", "won", "2").stdout
    one_line_error(acme("deal", "won", "1"), 1, "no amount", "--amount")
    assert deal(acme)["status"] == "open"
    data = acme.ok("deal", "won", "1", "--amount", "8000", "--contract-end", "2027-12-31", "--note", "Signed",
                   "--json").json()
    assert data["status"] == "won" and data["stage"] == "new" and data["amount"] == "8000.00"
    assert data["contract_end"] == "2027-12-31" and data["closed_at"] is not None
    assert [(c["kind"], c["to_stage"], c["feedback"]) for c in data["changes"]][-1] == ("won", "won", "Signed")


def test_lost_needs_a_reason(acme) -> None:
    acme.ok("deal", "add", "Acme", "Hopeless")
    one_line_error(acme("deal", "lost", "1"), 2, "reason", "--reason")
    one_line_error(acme("deal", "lost", "1", "--reason", "  "), 2, "reason")
    assert deal(acme)["status"] == "open"
    run = acme.ok("deal", "lost", "1", "--reason", "Price too high")
    assert "lost: Price too high" in run.stdout
    data = deal(acme)
    assert data["status"] == "lost" and data["lost_reason"] == "Price too high"
    assert data["changes"][-1]["kind"] == "lost" and data["changes"][-1]["feedback"] == "Price too high"


def test_a_closed_deal_changes_only_through_reopen(acme) -> None:
    acme.ok("deal", "add", "Acme", "Done deal", "--amount", "100")
    acme.ok("deal", "won", "1")
    one_line_error(acme("deal", "advance", "1", "--note", "x"), 1, "won", "salescli deal reopen 1")
    one_line_error(acme("deal", "lost", "1", "--reason", "x"), 1, "reopen")
    one_line_error(acme("deal", "edit", "1", "--amount", "5"), 1, "reopen")
    acme.ok("deal", "edit", "1", "--contract-end", "2027-06-30")  # a won deal's contract end may change
    assert deal(acme)["amount"] == "100.00" and deal(acme)["contract_end"] == "2027-06-30"
    assert kinds(acme) == ["create", "won"]
    run = acme.ok("deal", "reopen", "1", "--note", "Customer backed out")
    assert "reopened in new" in run.stdout
    data = deal(acme)
    assert data["status"] == "open" and data["closed_at"] is None
    last = data["changes"][-1]
    assert (last["kind"], last["from_stage"], last["to_stage"]) == ("reopen", "won", "new")
    one_line_error(acme("deal", "reopen", "1"), 1, "is open")


# --- edit ------------------------------------------------------------------------------------


def test_edit_changes_the_fields_given(acme) -> None:
    acme.ok("deal", "add", "Acme", "Draft")
    data = acme.ok("deal", "edit", "#1", "--title", "Final", "--amount", "2,500.50", "--close", "2026-12-01",
                   "--product", "Support", "--json").json()
    assert (data["title"], data["amount"], data["close_on"], data["product"]) == (
        "Final", "2500.50", "2026-12-01", "Support")
    assert "Final" in acme.ok("deal", "list").stdout
    assert "Saved deal #1 Renamed" in acme.ok("deal", "edit", "1", "--title", "Renamed").stdout
    one_line_error(acme("deal", "edit", "1"), 2, "Nothing to change")
    one_line_error(acme("deal", "edit", "1", "--amount", "abc"), 2, "not an amount")
    assert deal(acme)["amount"] == "2500.50"


# --- who may act -----------------------------------------------------------------------------


def test_another_reps_deal_is_refused(acme) -> None:
    acme.ok("user", "add", "bob")
    acme.ok("deal", "add", "Acme", "Alice's", "--amount", "100")
    bob = {"SALESCLI_USER": "bob"}
    one_line_error(acme("deal", "advance", "1", "--note", "mine now", env=bob), 1, "Deal #1", "alice")
    one_line_error(acme("deal", "won", "1", env=bob), 1, "alice")
    one_line_error(acme("deal", "add", "Acme", "Bob's", env=bob), 1, "alice")
    assert kinds(acme) == ["create"] and deal(acme)["status"] == "open"
    assert acme.ok("deal", "list", "--json", env=bob).json() == []
    assert [d["id"] for d in acme.ok("deal", "list", "--user", "alice", "--json", env=bob).json()] == [1]


# --- the customer card -----------------------------------------------------------------------


def test_the_customer_card_shows_the_deals_and_their_stage_changes(quoted) -> None:
    quoted.ok("deal", "advance", "1", "--note", "Quote sent")
    quoted.ok("deal", "add", "Acme", "Side deal")
    quoted.ok("deal", "lost", "2", "--reason", "No budget")
    card = quoted.ok("customer", "show", "Acme", "--json").json()
    assert [(d["id"], d["stage"], d["status"]) for d in card["deals"]] == [(1, "proposal", "open"), (2, "new", "lost")]
    assert card["deals"][0]["amount"] == "120000.00" and card["deals"][0]["close_on"] == "2026-12-20"
    assert [(c["deal_id"], c["kind"]) for c in card["stage_changes"]] == [
        (2, "lost"), (2, "create"), (1, "advance"), (1, "create")]
    assert card["receivable"]["open"] == "0.00"
    out = quoted.ok("customer", "show", "Acme").stdout
    for text in ("Deals", "ERP rollout", "proposal", "¥120,000.00", "Stage changes", "Quote sent", "No budget"):
        assert text in out, text


def test_show_lists_the_payments_and_the_receivable(acme) -> None:
    from pipeline_rows import insert_payment

    acme.ok("deal", "add", "Acme", "Paid in parts", "--amount", "3000")
    acme.ok("deal", "won", "1")
    insert_payment(1, amount=1000, due_on=at("2026-11-01").date(), paid_on=at("2026-11-02").date(),
                   created_at=at("2026-10-01"))
    insert_payment(1, amount=2000, due_on=at("2026-11-20").date(), created_at=at("2026-10-01"))
    data = deal(acme)
    assert [p["amount"] for p in data["payments"]] == ["2000.00", "1000.00"]
    assert (data["receivable"]["open"], data["receivable"]["overdue"], data["receivable"]["paid"]) == (
        "2000.00", "2000.00", "1000.00")
    out = acme.ok("deal", "show", "1").stdout
    assert "Payments" in out and "¥2,000.00" in out and "Receivable" in out
    card = acme.ok("customer", "show", "Acme", "--json").json()
    assert card["receivable"]["open"] == "2000.00"
    assert "Receivable" in acme.ok("customer", "show", "Acme").stdout


def test_a_move_raced_by_another_rep_is_refused_and_writes_nothing(quoted) -> None:
    """The UPDATE re-checks the stage it read: a deal moved meanwhile is not moved twice."""
    from salescli.services import deals as service

    seen = service.queries.get
    stale_rows: list = []

    def as_read_before(session, deal_id):  # noqa: ANN001, ANN202 - the row another rep's move made old
        return stale_rows[0] if stale_rows else seen(session, deal_id)

    from salescli.services.context import open_context

    with open_context().session() as session:
        stale_rows.append(seen(session, 1))
    quoted.ok("deal", "advance", "1", "--note", "First rep")
    service.queries.get = as_read_before
    try:
        run = quoted("deal", "advance", "1", "--note", "Second rep")
    finally:
        service.queries.get = seen
    one_line_error(run, 1, "someone else")
    assert kinds(quoted) == ["create", "advance"] and deal(quoted)["changes"][-1]["feedback"] == "First rep"
