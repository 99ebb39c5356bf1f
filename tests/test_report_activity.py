"""`salescli report activity` (docs/reports.md, activity) on SQLite and PostgreSQL.

A small history written through the commands at fixed instants: the test clock is
Monday 2026-11-23 09:00 +08:00 (week 2026-W48); a few things are done the Wednesday
before (2026-W47) by setting SALESCLI_NOW for that command.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from checks import one_line_error
from pipeline_rows import _session, user_id
from salescli.services.context import close_all

BOB = {"SALESCLI_USER": "bob"}
LAST_WEEK = {"SALESCLI_NOW": "2026-11-18T10:00:00+08:00"}
KINDS = ("call", "visit", "email", "meeting", "message", "note")


def _plan_task(customer_id: int, at: datetime) -> None:
    """A committed plan's task (kind `plan`): planned work, never counted as a contact."""
    uid = user_id()
    with _session() as s:
        s.execute(
            "INSERT INTO follow_ups (customer_id, author_id, assignee_id, happened_at, kind, summary, due_on,"
            " created_at) VALUES (:c, :u, :u, :h, 'plan', 'Planned', :due, :h)",
            {"c": customer_id, "u": uid, "h": at, "due": at.date()},
        )
    close_all()


def _seed(cli) -> None:  # noqa: ANN001 - a conftest.Cli
    """Last week (W47): alice adds Acme and Globex and calls Acme. This week (W48): alice
    adds Initech, a contact at Acme, a deal at Acme which she advances and wins (10000),
    a payment of 4000 paid today, a call to Acme, visits to Acme and Globex; bob adds
    Bobco and visits it; a plan task of alice's at Initech."""
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme", env=LAST_WEEK)
    cli.ok("customer", "add", "Globex", env=LAST_WEEK)
    cli.ok("log", "Acme", "Intro call", env=LAST_WEEK)
    initech = cli.ok("customer", "add", "Initech", "--json").json()["id"]
    cli.ok("contact", "add", "Acme", "王芳")
    deal = cli.ok("deal", "add", "Acme", "Lathes", "--amount", "10000", "--json").json()["id"]
    cli.ok("deal", "advance", str(deal), "--note", "Needs confirmed")
    cli.ok("log", "Acme", "Call about the lathes")
    cli.ok("log", "Acme", "Visit at the plant", "--kind", "visit")
    cli.ok("log", "Globex", "Visit", "--kind", "visit")
    cli.ok("deal", "won", str(deal))
    cli.ok("deal", "payment", "add", str(deal), "--amount", "4000", "--due", "+5d")
    cli.ok("deal", "payment", "paid", "#1", "--on", "today")
    cli.ok("customer", "add", "Bobco", env=BOB)
    cli.ok("log", "Bobco", "Visit", "--kind", "visit", env=BOB)
    _plan_task(initech, datetime.fromisoformat("2026-11-23T10:00:00+08:00"))


def _figures(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "new_customers": 0, "new_contacts": 0, "new_deals": 0, "stage_advances": 0, "follow_ups": 0,
        "visits": 0, "customers_visited": 0, "payments_collected": 0, "collected_amount": "0.00", "won_deals": 0,
        "won_amount": "0.00",
    }
    by_kind = {kind: 0 for kind in KINDS} | dict(values.pop("by_kind", {}))  # type: ignore[call-overload]
    return base | values | {"follow_ups_by_kind": by_kind}


ALICE_W48 = dict(user="alice", new_customers=1, new_contacts=1, new_deals=1, stage_advances=1, follow_ups=3,
                 by_kind={"call": 1, "visit": 2}, visits=2, customers_visited=2, payments_collected=1,
                 collected_amount="4000.00", won_deals=1, won_amount="10000.00")


def test_a_reps_week_against_the_one_before(cli) -> None:  # noqa: ANN001
    _seed(cli)
    report = cli.ok("report", "activity", "--json").json()
    assert report["period"] == "2026-W48" and report["kind"] == "week"
    assert (report["start"], report["end"]) == ("2026-11-23", "2026-11-29")
    assert report["scope"] == {"kind": "mine", "user": "alice"} and report["currency"] == "CNY"
    assert report["rows"] == [_figures(**ALICE_W48)]  # the plan task is not a follow-up
    assert report["total"] == _figures(**(ALICE_W48 | {"user": None}))
    assert report["previous"] == _figures(user=None, new_customers=2, follow_ups=1, by_kind={"call": 1})
    assert report["trend"] is None  # never computed for JSON
    # The same week named by a date in it, or by its own spelling.
    for when in ("2026-W48", "2026-11-25", "today"):
        assert cli.ok("report", "activity", "--week", when, "--json").json()["total"] == report["total"]


def test_the_team_one_row_per_user_and_a_total(cli) -> None:  # noqa: ANN001
    _seed(cli)
    report = cli.ok("report", "activity", "--team", "--json").json()
    assert report["scope"] == {"kind": "team", "user": None}
    bob = _figures(user="bob", new_customers=1, follow_ups=1, by_kind={"visit": 1}, visits=1, customers_visited=1)
    assert report["rows"] == [_figures(**ALICE_W48), bob]
    total = report["total"]
    assert (total["new_customers"], total["follow_ups"], total["visits"], total["won_amount"]) == (2, 4, 3, "10000.00")
    assert total["follow_ups_by_kind"]["visit"] == 3
    table = cli.ok("report", "activity", "--team").stdout
    assert "alice" in table and "bob" in table and "Total" in table and "▲ 3" in table


def test_a_rep_asking_for_the_team_or_another_rep_is_refused(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("user", "add", "bob")
    one_line_error(sqlite_cli("report", "activity", "--team", env=BOB), 1, "see other reps' reports")
    one_line_error(sqlite_cli("report", "activity", "--user", "alice", env=BOB), 1, "see other reps' reports")
    assert sqlite_cli.ok("report", "activity", "--user", "bob", "--json").json()["rows"][0]["user"] == "bob"


def test_a_day_and_a_month(sqlite_cli) -> None:  # noqa: ANN001
    _seed(sqlite_cli)
    wednesday = sqlite_cli.ok("report", "activity", "--day", "2026-11-18", "--json").json()
    assert wednesday["kind"] == "day" and wednesday["start"] == wednesday["end"] == "2026-11-18"
    assert wednesday["total"] == _figures(user=None, new_customers=2, follow_ups=1, by_kind={"call": 1})
    assert wednesday["previous"] == _figures(user=None)  # Tuesday
    month = sqlite_cli.ok("report", "activity", "--month", "2026-11", "--json").json()
    assert (month["kind"], month["start"], month["end"]) == ("month", "2026-11-01", "2026-11-30")
    assert month["total"]["new_customers"] == 3 and month["total"]["follow_ups"] == 4
    assert month["previous"] == _figures(user=None)  # October
    same = sqlite_cli.ok("report", "activity", "--month", "2026-11-07", "--json").json()
    assert same["total"] == month["total"]


def test_the_table_compares_with_the_previous_period(sqlite_cli) -> None:  # noqa: ANN001
    _seed(sqlite_cli)
    out = sqlite_cli.ok("report", "activity").stdout
    assert "2026-W48" in out and "your work" in out
    lines = {line.split("│")[0].strip(): [c.strip() for c in line.split("│")[1:]] for line in out.splitlines()
             if "│" in line}
    assert lines["New customers"] == ["1", "2", "▼ 1"]
    assert lines["Follow-ups"] == ["3", "1", "▲ 2"]
    assert lines["visit"] == ["2", "0", "▲ 2"]
    assert lines["Won amount"] == ["¥10,000.00", "¥0.00", "▲ ¥10,000.00"]
    assert lines["New contacts"] == ["1", "0", "▲ 1"]
    assert "Last 8 weeks" not in out  # not a terminal: no chart


def test_the_trend_is_drawn_on_a_terminal(cli, monkeypatch) -> None:  # noqa: ANN001
    """On a terminal: 8 weeks, oldest first, with bars; the week of the plan task counts no plan."""
    _seed(cli)
    from salescli.services.activity import activity_report
    from salescli.services.context import open_context

    ctx = open_context()
    try:
        report = activity_report(ctx, trend=True)
    finally:
        ctx.close()
    assert [w.week for w in report.trend] == [f"2026-W{n}" for n in range(41, 49)]
    assert [(w.follow_ups, w.visits) for w in report.trend[-2:]] == [(1, 0), (3, 2)]
    assert report.trend[-1].won_amount == Decimal("10000.00") and report.trend[0].follow_ups == 0
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    out = cli.ok("report", "activity", "--team").stdout
    assert "Last 8 weeks" in out and "█" in out and "2026-W41" in out


@pytest.mark.parametrize("args", [("--week", "someday"), ("--day", "2026-02-30"), ("--month", "2026-13")])
def test_a_bad_when_is_exit_2(sqlite_cli, args: tuple[str, ...]) -> None:  # noqa: ANN001
    one_line_error(sqlite_cli("report", "activity", *args), 2, repr(args[1]))


def test_two_periods_are_exit_2(sqlite_cli) -> None:  # noqa: ANN001
    one_line_error(sqlite_cli("report", "activity", "--day", "today", "--week", "2026-W48"), 2,
                   "--day, --week and --month")
    one_line_error(sqlite_cli("report", "activity", "--user", "alice", "--team"), 2, "--user or --team")


def test_an_option_read_as_a_period_value_is_exit_2(sqlite_cli) -> None:  # noqa: ANN001
    """`--week --team`: the parser hands `--team` to --week; say so instead of guessing."""
    one_line_error(sqlite_cli("report", "activity", "--week", "--team"), 2, "--week needs a value", "--team")
    assert sqlite_cli.ok("report", "activity", "--week", "-1w", "--json").json()["period"] == "2026-W47"
