"""`salescli report funnel|forecast|lost` on SQLite and PostgreSQL (docs/pipeline.md).

The funnel is checked against a history computed by hand: deals written straight into
the store (tests/pipeline_rows.py) with stage changes at fixed past instants, since the
commands run at the fixed test clock (NOW = 2026-11-23 09:00 +08:00 = 01:00 UTC).
Every instant below is 01:00 UTC, so every stay is a whole number of days.
"""

from __future__ import annotations

from datetime import date

import pytest

from checks import error_with_details, one_line_error
from pipeline_rows import at, insert_change, insert_deal
from salescli.services.context import close_all

BOB = {"SALESCLI_USER": "bob"}


def _deal(title: str, stage: str, moves: list[tuple[str, str, str]], *, status: str = "open",
          amount: int | None = None, owner: str = "alice", lost_reason: str | None = None,
          close_on: date | None = None) -> int:
    """A deal created at moves[0]'s day in moves[0]'s stage, then each (kind, to, day)."""
    kind0, first, day0 = moves[0]
    assert kind0 == "create"
    last_day = moves[-1][2]
    closed = status != "open"
    deal = insert_deal(customer_id=1, title=title, stage=stage, status=status, amount=amount, owner=owner,
                       created_at=at(f"{day0}T01:00"), stage_changed_at=at(f"{last_day}T01:00"),
                       closed_at=at(f"{last_day}T01:00") if closed else None, lost_reason=lost_reason,
                       close_on=close_on)
    previous = None
    for kind, to, day in moves:
        insert_change(deal, kind=kind, from_stage=previous, to_stage=to, at=at(f"{day}T01:00"),
                      feedback=lost_reason if kind == "lost" else None)
        previous = to
    close_all()  # each row above opened its own connection: give them back (PostgreSQL counts them)
    return deal


def _history() -> dict[str, int]:
    """Ten deals of alice's on customer #1 (Acme). Open ones and what they weigh with the
    default probabilities (new 10, contacted 20, qualified 40, proposal 60, negotiation 80);
    the stale cut-off is NOW - 42 days = 2026-10-12 01:00 UTC."""
    ids = {}
    # D1 open, negotiation, 10000 (weighted 8000): new 2 d, contacted 5, qualified 7, proposal 17.
    ids["D1"] = _deal("D1", "negotiation", [("create", "new", "2026-10-01"), ("advance", "contacted", "2026-10-03"),
                      ("advance", "qualified", "2026-10-08"), ("advance", "proposal", "2026-10-15"),
                      ("advance", "negotiation", "2026-11-01")], amount=10000)
    # D2 open, SKIPPED new -> proposal, 5000 (weighted 3000): new 4 d.
    ids["D2"] = _deal("D2", "proposal", [("create", "new", "2026-11-02"), ("skip", "proposal", "2026-11-06")],
                      amount=5000)
    # D3 open, contacted since 2026-10-05: STALE (49 days), 2000, out of the forecast: new 4 d.
    ids["D3"] = _deal("D3", "contacted", [("create", "new", "2026-10-01"), ("advance", "contacted", "2026-10-05")],
                      amount=2000)
    # D4 WON 20000 after 20 days: new 1, contacted 2, qualified 2, proposal 5, negotiation 10.
    ids["D4"] = _deal("D4", "negotiation", [("create", "new", "2026-10-01"), ("advance", "contacted", "2026-10-02"),
                      ("advance", "qualified", "2026-10-04"), ("advance", "proposal", "2026-10-06"),
                      ("advance", "negotiation", "2026-10-11"), ("won", "won", "2026-10-21")],
                      status="won", amount=20000)
    # D5 WON 8000 after 30 days, skipping qualified: new 2, contacted 2, proposal 26.
    ids["D5"] = _deal("D5", "proposal", [("create", "new", "2026-10-10"), ("advance", "contacted", "2026-10-12"),
                      ("skip", "proposal", "2026-10-14"), ("won", "won", "2026-11-09")], status="won", amount=8000)
    # D6 LOST 3000 after 18 days from qualified: new 3, contacted 5, qualified 10.
    ids["D6"] = _deal("D6", "qualified", [("create", "new", "2026-10-01"), ("advance", "contacted", "2026-10-04"),
                      ("advance", "qualified", "2026-10-09"), ("lost", "lost", "2026-10-19")],
                      status="lost", amount=3000, lost_reason="Price too high")
    # D7 open, new since 2026-11-20, amount not known yet.
    ids["D7"] = _deal("D7", "new", [("create", "new", "2026-11-20")])
    # D8 open, qualified, 4000 (weighted 1600), created in AUGUST: new 2, contacted 88 (Aug 5 -> Nov 1).
    ids["D8"] = _deal("D8", "qualified", [("create", "new", "2026-08-03"), ("advance", "contacted", "2026-08-05"),
                      ("advance", "qualified", "2026-11-01")], amount=4000)
    # D9 LOST 1000 after 2 days from new (the same reason, typed differently): new 2.
    ids["D9"] = _deal("D9", "new", [("create", "new", "2026-11-03"), ("lost", "lost", "2026-11-05")],
                      status="lost", amount=1000, lost_reason="  price too HIGH ")
    # D10 lost then REOPENED, now open in qualified, 6000 (weighted 2400): new 2, contacted 3 then 7.
    ids["D10"] = _deal("D10", "qualified", [("create", "new", "2026-10-20"), ("advance", "contacted", "2026-10-22"),
                       ("lost", "lost", "2026-10-25"), ("reopen", "contacted", "2026-10-28"),
                       ("advance", "qualified", "2026-11-04")], amount=6000)
    return ids


def test_the_funnel_matches_the_hand_computed_example(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    ids = _history()
    report = cli.ok("report", "funnel", "--json").json()
    assert report["period"] is None and report["scope"] == {"kind": "mine", "user": "alice"}
    assert report["currency"] == "CNY"
    stages = {s["key"]: s for s in report["stages"]}
    assert list(stages) == ["new", "contacted", "qualified", "proposal", "negotiation"]
    # Open deals now: new D7 (no amount); contacted D3 (stale); qualified D8 + D10; proposal D2; negotiation D1.
    assert [(s["count"], s["amount"], s["weighted"], s["stale_count"], s["stale_amount"])
            for s in report["stages"]] == [
        (1, "0.00", "0.00", 0, "0.00"),
        (1, "2000.00", "0.00", 1, "2000.00"),  # 2000 x 20% = 400 would count, but D3 is stale
        (2, "10000.00", "4000.00", 0, "0.00"),  # (4000 + 6000) x 40%
        (1, "5000.00", "3000.00", 0, "0.00"),  # 5000 x 60%
        (1, "10000.00", "8000.00", 0, "0.00"),  # 10000 x 80%
    ]
    assert [s["probability"] for s in report["stages"]] == [10, 20, 40, 60, 80]
    # Totals: open 0 + 2000 + 10000 + 5000 + 10000 = 27000; weighted 4000 + 3000 + 8000 = 15000.
    assert report["totals"] == {"count": 6, "amount": "27000.00", "weighted": "15000.00", "stale_count": 1,
                                "stale_amount": "2000.00"}
    # Furthest stage ever (won beyond the last): D7, D9 new; D3 contacted; D6, D8, D10 qualified (a loss and
    # a reopen do not advance); D2 proposal (skipped through contacted and qualified); D1 negotiation;
    # D4, D5 won (D5 skipped qualified).
    # Reached: new 10, contacted 8, qualified 7, proposal 4, negotiation 3, won 2.
    assert [s["reached"] for s in report["stages"]] == [10, 8, 7, 4, 3]
    # 8/10, 7/8, 4/7 = 0.571428.., 3/4, 2/3 = 0.666..
    assert [s["conversion_to_next"] for s in report["stages"]] == ["0.8000", "0.8750", "0.5714", "0.7500", "0.6667"]
    # Completed stays in days:
    #   new:         D1 2, D2 4, D3 4, D4 1, D5 2, D6 3, D8 2, D9 2, D10 2 = 22 / 9 = 2.44
    #   contacted:   D1 5, D4 2, D5 2, D6 5, D8 88, D10 3 and 7 = 112 / 7 = 16
    #   qualified:   D1 7, D4 2, D6 10 = 19 / 3 = 6.33
    #   proposal:    D1 17, D4 5, D5 26 = 48 / 3 = 16
    #   negotiation: D4 10 = 10 (D1 is still there: not a completed stay)
    assert [s["avg_days"] for s in report["stages"]] == ["2.4", "16.0", "6.3", "16.0", "10.0"]
    # Won D4 20000 + D5 8000; lost D6 3000 + D9 1000; win rate 2 / (2 + 2).
    assert report["won"] == {"count": 2, "amount": "28000.00"}
    assert report["lost"] == {"count": 2, "amount": "4000.00"}
    assert report["win_rate"] == "0.5000"
    # Cycle: won D4 20 d, D5 30 d -> 25; lost D6 18 d, D9 2 d -> 10.
    assert report["avg_cycle_days"] == "25.0"
    assert report["avg_lost_cycle_days"] == "10.0"
    assert report["stale"] == [{"id": ids["D3"], "customer": "Acme", "title": "D3", "stage": "contacted",
                                "stage_name": "contacted", "amount": "2000.00", "days_in_stage": 49}]
    assert stages["contacted"]["name"] == "contacted"

    table = cli.ok("report", "funnel").stdout
    assert "Every deal so far, yours" in table
    for figure in ("¥27,000.00", "¥15,000.00", "¥8,000.00", "87.5%", "57.1%", "66.7%", "50.0%", "25.0 d",
                   "D3", "49"):
        assert figure in table, (figure, table)
    bars = [line for line in table.splitlines() if "█" in line]
    assert len(bars) == 5
    # Each bar is as wide as the deals that reached its stage (10, 8, 7, 4, 3): a funnel.
    widths = [line.count("█") for line in bars]
    assert widths == [40, 32, 28, 16, 12]
    assert "8 reached · 1 open" in bars[1]


def test_a_period_selects_the_deals_created_in_it(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    _history()
    report = cli.ok("report", "funnel", "--period", "2026-Q4", "--json").json()
    assert report["period"] == "2026-Q4"
    qualified = report["stages"][2]
    # D8, created in August, is out: qualified holds D10 alone (6000 x 40%).
    assert (qualified["count"], qualified["amount"], qualified["weighted"], qualified["reached"]) == (
        1, "6000.00", "2400.00", 6)
    assert report["totals"]["amount"] == "23000.00"
    november = cli.ok("report", "funnel", "--period", "2026-11", "--json").json()
    # Created in November: D2 (open, proposal), D7 (open, new), D9 (lost).
    assert november["totals"]["count"] == 2 and november["lost"]["count"] == 1 and november["won"]["count"] == 0
    assert november["win_rate"] == "0.0000"
    days = cli.ok("report", "funnel", "--period", "2026-08-01..2026-08-31").stdout
    assert "Deals created in 2026-08-01..2026-08-31" in days
    week = cli.ok("report", "funnel", "--period", "2026-W45", "--json").json()  # Nov 2-8: D2, D9
    assert (week["totals"]["count"], week["lost"]["count"]) == (1, 1)


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "next month", "2026-11-30..2026-11-01", "2026-W54"])
def test_a_bad_period_is_one_sentence_with_examples(sqlite_cli, period: str) -> None:  # noqa: ANN001
    # The period is read before the store is opened: one engine is enough.
    sqlite_cli.ok("customer", "add", "Acme")
    one_line_error(sqlite_cli("report", "funnel", "--period", period), 2, "is not a period", "2026-Q4",
                   "2026-10-01..2026-11-30")


def test_forecast_buckets_by_expected_close_month(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    recent = [("create", "new", "2026-11-20")]
    _deal("A", "proposal", recent, amount=5000, close_on=date(2026, 11, 30))  # this month: 3000
    _deal("B", "negotiation", recent, amount=10000, close_on=date(2026, 12, 15))  # December: 8000
    _deal("B2", "new", recent, amount=500, close_on=date(2026, 12, 1))  # December: 50
    _deal("C", "new", recent, amount=1000, close_on=date(2026, 10, 20))  # overdue: 100
    _deal("D", "contacted", recent, amount=2000)  # no date: 400
    _deal("E", "qualified", [("create", "new", "2026-09-01")], amount=4000, close_on=date(2026, 12, 1))  # stale
    _deal("F", "proposal", [("create", "new", "2026-11-01"), ("won", "won", "2026-11-10")], status="won",
          amount=7000, close_on=date(2026, 12, 10))  # closed
    _deal("G", "qualified", recent, amount=3000, close_on=date(2027, 3, 1))  # after 3 months: later, 1200
    report = cli.ok("report", "forecast", "--json").json()
    assert report["months"] == 3
    assert [(r["bucket"], r["deals"], r["amount"], r["weighted"]) for r in report["rows"]] == [
        ("overdue", 1, "1000.00", "100.00"),
        ("2026-11", 1, "5000.00", "3000.00"),
        ("2026-12", 2, "10500.00", "8050.00"),
        ("2027-01", 0, "0.00", "0.00"),
        ("later", 1, "3000.00", "1200.00"),
        ("no_date", 1, "2000.00", "400.00"),
    ]
    assert report["totals"]["weighted"] == "12750.00" and report["totals"]["deals"] == 6
    longer = cli.ok("report", "forecast", "--months", "4", "--json").json()
    assert [r["bucket"] for r in longer["rows"]][1:6] == ["2026-11", "2026-12", "2027-01", "2027-02", "later"]
    table = cli.ok("report", "forecast").stdout
    for figure in ("overdue", "no date", "¥8,050.00", "¥12,750.00"):
        assert figure in table, (figure, table)


@pytest.mark.parametrize("months", ["0", "25"])
def test_forecast_months_out_of_range(sqlite_cli, months: str) -> None:  # noqa: ANN001
    error_with_details(sqlite_cli("report", "forecast", "--months", months), 2,
                       "--months must be a whole number from 1 to 24")


def test_lost_reasons_ranked(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    _history()  # D6 "Price too high" 3000, D9 "  price too HIGH " 1000
    _deal("T", "proposal", [("create", "new", "2026-09-01"), ("lost", "lost", "2026-09-20")], status="lost",
          amount=9000, lost_reason="Timing")
    _deal("U", "new", [("create", "new", "2026-10-01"), ("lost", "lost", "2026-10-02")], status="lost",
          amount=500, lost_reason="Budget")
    report = cli.ok("report", "lost", "--json").json()
    assert [(r["reason"].lower(), r["deals"], r["amount"], r["share"]) for r in report["reasons"]] == [
        ("price too high", 2, "4000.00", "0.5000"),
        ("timing", 1, "9000.00", "0.2500"),  # same count as Budget: more amount first
        ("budget", 1, "500.00", "0.2500"),
    ]
    assert (report["deals"], report["amount"]) == (4, "13500.00")
    in_q4 = cli.ok("report", "lost", "--period", "2026-Q4", "--json").json()
    assert [r["deals"] for r in in_q4["reasons"]] == [2, 1]  # Timing was created in September
    table = cli.ok("report", "lost").stdout
    assert "50.0%" in table and "Timing" in table


def test_scope_user_team_and_a_rep_refused(cli) -> None:  # noqa: ANN001
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme")
    recent = [("create", "new", "2026-11-20")]
    _deal("alice's", "proposal", recent, amount=1000)
    _deal("bob's", "proposal", recent, amount=3000, owner="bob")
    mine = cli.ok("report", "funnel", "--json").json()
    assert mine["totals"]["amount"] == "1000.00"
    bobs = cli.ok("report", "funnel", "--user", "bob", "--json").json()
    assert bobs["scope"] == {"kind": "user", "user": "bob"} and bobs["totals"]["amount"] == "3000.00"
    team = cli.ok("report", "funnel", "--team", "--json").json()
    assert team["scope"] == {"kind": "team", "user": None} and team["totals"]["amount"] == "4000.00"
    assert cli.ok("report", "forecast", "--team", "--json").json()["totals"]["amount"] == "4000.00"
    assert cli.ok("report", "funnel", "--json", env=BOB).json()["totals"]["amount"] == "3000.00"
    assert cli.ok("report", "funnel", "--user", "bob", "--json", env=BOB).json()["totals"]["amount"] == "3000.00"
    for args in (("funnel", "--user", "alice"), ("funnel", "--team"), ("forecast", "--team"),
                 ("lost", "--user", "alice")):
        one_line_error(cli("report", *args, env=BOB), 1, "see other reps' reports")
    one_line_error(cli("report", "funnel", "--user", "zed"), 2, "zed")
    one_line_error(cli("report", "funnel", "--user", "bob", "--team"), 2, "--user or --team")


def test_empty_store_reports(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    report = cli.ok("report", "funnel", "--json").json()
    assert report["win_rate"] is None and report["totals"]["count"] == 0 and report["stale"] == []
    assert all(s["conversion_to_next"] is None for s in report["stages"])
    assert "No stale deals." in cli.ok("report", "funnel").stdout
    assert "No lost deals." in cli.ok("report", "lost").stdout


def test_a_stage_no_longer_listed_and_the_stale_limit(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    _deal("Old", "demo", [("create", "demo", "2026-11-20")], amount=7000)  # a stage the team removed
    for n in range(3):
        _deal(f"S{n}", "new", [("create", "new", f"2026-09-0{n + 1}")], amount=100)  # stale: 83, 82, 81 days
    report = cli.ok("report", "funnel", "--limit", "2", "--json").json()
    demo = report["stages"][-1]
    assert (demo["key"], demo["name"], demo["probability"], demo["count"], demo["amount"], demo["weighted"]) == (
        "demo", None, 0, 1, "7000.00", "0.00")
    assert [d["title"] for d in report["stale"]] == ["S0", "S1"]  # the longest unmoved first
    assert report["totals"]["stale_count"] == 3 and report["totals"]["weighted"] == "0.00"
    table = cli.ok("report", "funnel", "--limit", "2").stdout
    assert "demo" in table and "and 1 more stale deal " in table
