"""`salescli target set|list|show` and `report ranking` (docs/targets.md).

The clock is NOW = 2026-11-23 09:00 +08:00, a Monday: November 2026 has 21 working days
(Mon-Fri), 16 of them elapsed counting today, 6 left counting today. Won deals are
written straight into the store at fixed past instants (tests/pipeline_rows.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import one_line_error
from pipeline_rows import _session, at, insert_deal
from salescli.services.context import close_all

BOB = {"SALESCLI_USER": "bob"}


def _won(amount: int, day: str, owner: str = "alice", status: str = "won") -> int:
    deal = insert_deal(customer_id=1, title=f"{status} {amount} {day}", stage="proposal", status=status,
                       amount=amount, owner=owner, created_at=at(f"{day}T01:00"), closed_at=at(f"{day}T01:00"))
    close_all()
    return deal


def _rows_stored() -> int:
    with _session() as s:
        count = s.execute("SELECT COUNT(*) FROM targets").scalar()
    close_all()
    return int(count)


def _sum(values: list[str]) -> Decimal:
    return sum((Decimal(v) for v in values), Decimal(0))


def test_a_year_splits_evenly_and_by_weights_and_setting_again_replaces(cli) -> None:  # noqa: ANN001
    made = cli.ok("target", "set", "--period", "2027", "--metric", "won_amount", "--value", "1000000.01",
                  "--split", "even", "--json").json()
    assert made["value"] == "1000000.01" and made["user"] == "alice" and made["replaced"] == 0
    quarters = [p for p in made["parts"] if "Q" in p["period"]]
    months = [p for p in made["parts"] if "Q" not in p["period"]]
    assert len(quarters) == 4 and len(months) == 12
    assert _sum([q["value"] for q in quarters]) == _sum([m["value"] for m in months]) == Decimal("1000000.01")
    assert months[0]["parent"] == "2027-Q1" and quarters[0]["parent"] == "2027"
    assert len(cli.ok("target", "list", "--json").json()) == 17

    # By four weights: the quarters by weight, each quarter's months even.
    again = cli.ok("target", "set", "--period", "2027", "--metric", "won_amount", "--value", "120万",
                   "--split", "1,2,3,4", "--json").json()
    assert again["replaced"] == 17
    by = {p["period"]: p["value"] for p in again["parts"]}
    assert [by[f"2027-Q{q}"] for q in range(1, 5)] == ["120000.00", "240000.00", "360000.00", "480000.00"]
    assert by["2027-04"] == "80000.00"
    listed = cli.ok("target", "list", "--json").json()
    assert len(listed) == 17 and listed[0]["period"] == "2027" and listed[0]["split"] == "1,2,3,4"
    assert _rows_stored() == 34  # the replaced rows are kept

    # By twelve weights: the months by weight, each quarter the sum of its months.
    twelve = cli.ok("target", "set", "--period", "2027", "--metric", "won_amount", "--value", "100",
                    "--split", "1,1,1,1,1,1,1,1,1,1,1,0", "--json").json()
    by = {p["period"]: Decimal(p["value"]) for p in twelve["parts"]}
    assert by["2027-12"] == 0 and by["2027-01"] == Decimal("9.10")  # 100 / 11 = 9.0909...: leftover cents first
    assert by["2027-Q4"] == by["2027-10"] + by["2027-11"]
    assert sum(by[f"2027-Q{q}"] for q in range(1, 5)) == Decimal(100)

    # Setting a part directly replaces only that month's row.
    year_id = cli.ok("target", "list", "--json").json()[0]["id"]
    cli.ok("target", "set", "--period", "2027-03", "--metric", "won_amount", "--value", "50")
    listed = cli.ok("target", "list", "--json").json()
    assert len(listed) == 17 and listed[0]["id"] == year_id
    march = next(t for t in listed if t["period"] == "2027-03")
    assert march["value"] == "50.00" and march["parent"] is None
    table = cli.ok("target", "list").stdout
    assert "2027-Q4" in table and "¥50.00" in table


def test_a_month_splits_into_its_iso_weeks(cli) -> None:  # noqa: ANN001
    run = cli.ok("target", "set", "--period", "2026-11", "--metric", "visits", "--value", "10", "--split", "even")
    assert "Target set: visits 10 for alice in 2026-11." in run.stdout
    weeks = [t for t in cli.ok("target", "list", "--json").json() if "W" in t["period"]]
    assert [(w["period"], w["value"]) for w in weeks] == [("2026-W45", 3), ("2026-W46", 3), ("2026-W47", 2),
                                                         ("2026-W48", 2)]


@pytest.mark.parametrize(("args", "needle"), [
    (["--period", "2027-Q5"], "2027-Q1"),
    (["--period", "2027-W60"], "2027-W05"),
    (["--period", "2027-13"], "not a target period"),
    (["--period", "2026-10-01..2026-11-30"], "not a target period"),
    (["--metric", "calls"], "won_amount"),
    (["--value", "0"], "above 0"),
    (["--value", "-5"], "above 0"),
    (["--value", "abc"], "not an amount"),
    (["--metric", "visits", "--value", "1.5"], "whole number"),
    (["--metric", "visits", "--value", "0"], "above 0"),
    (["--period", "2027-W05", "--split", "even"], "cannot be split"),
    (["--split", "1,2,3"], "takes 4 or 12"),
    (["--period", "2027-Q1", "--split", "1,1"], "takes 3"),
    (["--split", "1,-1,1,1"], "negative"),
    (["--split", "1,x,1,1"], "not a number"),
    (["--split", "0,0,0,0"], "no positive weight"),
    (["--user", "alice", "--team"], "--user or --team"),
    (["--user", "nobody"], "nobody"),
])
def test_bad_input_is_one_sentence_and_writes_nothing(sqlite_cli, args: list[str], needle: str) -> None:  # noqa: ANN001
    cli = sqlite_cli
    cli.ok("target", "set", "--period", "2027", "--metric", "won_amount", "--value", "100")
    before = cli.ok("target", "list", "--all", "--json").json()
    base = {"--period": "2027", "--metric": "won_amount", "--value": "1000"}
    options: list[str] = []
    for flag, value in base.items():
        if flag not in args:
            options += [flag, value]
    one_line_error(cli("target", "set", *options, *args), 2, needle)
    assert cli.ok("target", "list", "--all", "--json").json() == before


def test_a_rep_may_not_set_another_reps_or_the_teams_target(cli) -> None:  # noqa: ANN001
    cli.ok("user", "add", "bob")
    one_line_error(cli("target", "set", "--user", "alice", "--period", "2027", "--metric", "visits", "--value", "5",
                       env=BOB), 1, "managers and admins", "alice")
    one_line_error(cli("target", "set", "--team", "--period", "2027", "--metric", "visits", "--value", "5", env=BOB),
                   1, "managers and admins")
    cli.ok("target", "set", "--period", "2027", "--metric", "visits", "--value", "5", env=BOB)
    cli.ok("target", "set", "--user", "bob", "--period", "2027", "--metric", "visits", "--value", "7")
    cli.ok("target", "set", "--team", "--period", "2027", "--metric", "visits", "--value", "50")
    everyone = cli.ok("target", "list", "--all", "--json").json()
    assert [(t["user"], t["value"]) for t in everyone] == [("bob", 7), (None, 50)]
    assert "team" in cli.ok("target", "list", "--team").stdout


def test_progress_pace_gap_and_aids_at_the_fixed_clock(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    _won(3000, "2026-11-10")
    _won(5000, "2026-11-20")
    _won(9000, "2026-10-15")  # before the month: in the baseline's months (Aug-Oct)
    _won(2000, "2026-11-05", status="lost")
    for day in ("2026-11-02", "2026-11-16"):
        cli.ok("log", "Acme", "Called", "--at", day)
    cli.ok("log", "Acme", "Went there", "--kind", "visit", "--at", "2026-11-20")
    cli.ok("target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "21000")
    cli.ok("target", "set", "--period", "2026-11", "--metric", "follow_ups", "--value", "42")
    cli.ok("target", "set", "--period", "2025-11", "--metric", "follow_ups", "--value", "1")  # not now: not shown
    report = cli.ok("target", "show", "--json").json()
    assert report["today"] == "2026-11-23" and report["scope"] == {"kind": "mine", "user": "alice"}
    rows = {r["metric"]: r for r in report["rows"]}
    assert set(rows) == {"won_amount", "follow_ups"}
    money = rows["won_amount"]
    # Pace: 21000 x 16 / 21 = 16000; actual 3000 + 5000.
    assert (money["target"], money["actual"], money["done"], money["pace"], money["pace_share"], money["gap"],
            money["ahead"], money["working_days_left"]) == (
        "21000.00", "8000.00", "0.3810", "16000.00", "0.7619", "13000.00", "-8000.00", 6)
    aids = money["aids"]
    # Baseline: 9000 over Aug-Oct / 3 x 70% = 2100; increment 21000 - 2100.
    assert (aids["baseline"], aids["baseline_months"], aids["increment"]) == ("2100.00", "2026-08..2026-10",
                                                                              "18900.00")
    # Last 365 days: won 3 (17000), lost 1 -> 75%; average deal 5666.67; 4 deals created, 1 customer contacted.
    assert (aids["win_rate"], aids["average_order"], aids["active_customers"], aids["expected"]) == (
        "0.7500", "5666.67", 1, "5666.67")
    # Needed: ceil(13000 / 5666.67) = 3 deals, ceil(3 / 0.75) = 4 opportunities, ceil(4 / 4) = 1 contact.
    assert (aids["deals_needed"], aids["opportunities_needed"], aids["opportunity_rate"],
            aids["contacts_needed"]) == (3, 4, "4.0000", 1)
    counts = rows["follow_ups"]
    assert (counts["target"], counts["actual"], counts["pace"], counts["gap"], counts["ahead"]) == (42, 3, 32, 39, -29)
    assert counts["aids"] is None
    table = cli.ok("target", "show").stdout
    assert "¥8,000.00 / ¥21,000.00" in table and "38.1%" in table and "█" not in table  # piped: no bar
    assert "still needed: deals 3, opportunities 4, contacts 1" in table


def test_aids_without_history_say_so_and_no_targets_says_how_to_set_one(sqlite_cli) -> None:  # noqa: ANN001
    cli = sqlite_cli
    run = cli.ok("target", "show")
    assert "salescli target set" in run.stdout
    assert cli.ok("target", "show", "--json").json()["rows"] == []
    cli.ok("target", "set", "--team", "--period", "2026-Q4", "--metric", "won_amount", "--value", "5000")
    row = cli.ok("target", "show", "--team", "--json").json()["rows"][0]
    assert row["user"] is None and row["actual"] == "0.00" and row["gap"] == "5000.00"
    aids = row["aids"]
    assert aids["baseline"] == "0.00" and aids["win_rate"] is None and aids["deals_needed"] is None
    assert aids["contacts_needed"] is None and aids["expected"] is None
    assert "no history" in cli.ok("target", "show", "--team").stdout
    assert cli.ok("target", "show", "--period", "2026-11", "--json").json()["rows"] == []


def test_ranking_orders_by_done_then_actual_and_lists_reps_without_a_target_after(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme")
    for handle in ("bob", "carol", "dave"):
        cli.ok("user", "add", handle)
    _won(5000, "2026-11-10", owner="alice")
    _won(5000, "2026-11-11", owner="bob")
    _won(2000, "2026-11-12", owner="carol")
    _won(9000, "2026-10-12", owner="dave")  # last month
    cli.ok("target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "10000")
    cli.ok("target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "5000", env=BOB)
    board = cli.ok("report", "ranking", "--json", env=BOB).json()  # a rep sees the team board
    assert board["period"] == "2026-11" and board["metric"] == "won_amount"
    assert [(r["rank"], r["user"], r["actual"], r["target"], r["done"]) for r in board["rows"]] == [
        (1, "bob", "5000.00", "5000.00", "1.0000"),
        (2, "alice", "5000.00", "10000.00", "0.5000"),
        (None, "carol", "2000.00", None, None),
        (None, "dave", "0.00", None, None),
    ]
    october = cli.ok("report", "ranking", "--period", "2026-10", "--json").json()
    assert october["rows"][0]["user"] == "dave"
    assert "bob" in cli.ok("report", "ranking").stdout
    one_line_error(cli("report", "ranking", "--period", "2026-Q9"), 2, "not a target period")


def test_the_bar_fills_to_done_and_marks_the_pace() -> None:
    from salescli.terminal.targets import BAR_CELLS, MARKER, progress_bar

    bar = progress_bar(Decimal("0.5"), Decimal("0.75"), ahead=False)
    text = bar.plain
    assert len(text) == BAR_CELLS and text.index(MARKER) == 17
    assert text[:12] == "█" * 12 and text[12:17] == "░" * 5
    assert all(span.style == "red" for span in bar.spans if span.start < 12)
    over = progress_bar(Decimal("1.8"), Decimal("1"), ahead=True).plain
    assert over.count("█") == BAR_CELLS - 1 and over.endswith(MARKER)  # capped at the width
