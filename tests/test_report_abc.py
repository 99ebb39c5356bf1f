"""ABC analysis (docs/reports.md, ABC): the pure classification (domain/abc.py) checked
with hypothesis, and `salescli report abc` on a known set of won deals on SQLite and
PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import one_line_error
from pipeline_rows import at, insert_deal
from salescli.domain.abc import CLASSES, classify, summary
from salescli.services.context import close_all

AMOUNTS = st.lists(st.tuples(st.integers(min_value=1, max_value=10_000), st.integers(min_value=0, max_value=10**9)),
                   max_size=60, unique_by=lambda pair: pair[0])


@settings(max_examples=300, deadline=None)
@given(AMOUNTS)
def test_classes_follow_the_sorted_amounts(pairs: list[tuple[int, int]]) -> None:
    ranked = classify(pairs)
    assert [(r.key, r.cents) for r in ranked] == sorted(pairs, key=lambda p: (-p[1], p[0]))
    order = [CLASSES.index(r.klass) for r in ranked]
    assert order == sorted(order)  # A..., then B..., then C...
    total = sum(c for _, c in pairs)
    if total == 0:
        assert all(r.klass == "C" for r in ranked)
        return
    a_cents = sum(r.cents for r in ranked if r.klass == "A")
    assert a_cents * 100 >= 80 * total  # A holds at least 80% ...
    a_and_b = sum(r.cents for r in ranked if r.klass in "AB")
    assert a_and_b * 100 >= 95 * total  # ... and A and B at least 95%
    assert abs(sum(r.share for r in ranked) - 1) <= Decimal("0.00005") * len(ranked)
    assert ranked[-1].cumulative == Decimal("1.0000")
    assert classify(list(reversed(pairs))) == ranked  # deterministic, whatever the order given


@settings(max_examples=200, deadline=None)
@given(AMOUNTS)
def test_the_summary_counts_every_customer(pairs: list[tuple[int, int]]) -> None:
    ranked = classify(pairs)
    sums = summary(ranked)
    assert [s.klass for s in sums] == list(CLASSES)
    assert sum(s.customers for s in sums) == len(pairs) and sum(s.cents for s in sums) == sum(c for _, c in pairs)


def test_the_customer_crossing_80_percent_is_still_a() -> None:
    ranked = classify([(1, 70), (2, 20), (3, 5), (4, 5)])
    assert [r.klass for r in ranked] == ["A", "A", "B", "C"]  # before #2: 70% (A); before #3: 90% (B); #4: 95% (C)
    assert classify([]) == [] and [s.customers for s in summary([])] == [0, 0, 0]


def _won(cli, customers: dict[str, int]) -> None:  # noqa: ANN001 - a conftest.Cli
    """Won deals (closed in October 2026 unless said): Big 50000, Mid 30000 (two deals of
    15000), Ten 10000, Six 6000, Three 3000, One 1000: total 100000. Not counted: a lost
    deal at Big, an open one at Six, a win at Ten in 2025-01 (before the last 365 days);
    bob's win at Other counts for the team only."""
    ids = {name: cli.ok("customer", "add", name, "--json").json()["id"] for name in customers}
    cli.ok("user", "add", "bob")
    other = cli.ok("customer", "add", "Other", "--json", env={"SALESCLI_USER": "bob"}).json()["id"]
    october = at("2026-10-05T01:00")
    for name, amount in customers.items():
        parts = [amount // 2, amount - amount // 2] if name == "Mid" else [amount]
        for part in parts:
            insert_deal(customer_id=ids[name], title=f"{name} deal", stage="negotiation", status="won", amount=part,
                        created_at=at("2026-09-01T01:00"), closed_at=october)
    insert_deal(customer_id=ids["Big"], title="lost", stage="new", status="lost", amount=99999,
                created_at=october, closed_at=october)
    insert_deal(customer_id=ids["Six"], title="open", stage="new", amount=99999, created_at=october)
    insert_deal(customer_id=ids["Ten"], title="old", stage="new", status="won", amount=99999,
                created_at=at("2025-01-01T01:00"), closed_at=at("2025-01-05T01:00"))
    insert_deal(customer_id=other, title="bob's", stage="new", status="won", amount=500, owner="bob",
                created_at=october, closed_at=october)
    close_all()


SET = {"Big": 50000, "Mid": 30000, "Ten": 10000, "Six": 6000, "Three": 3000, "One": 1000}


def test_customers_classed_by_won_amount(cli) -> None:  # noqa: ANN001
    _won(cli, SET)
    report = cli.ok("report", "abc", "--json").json()
    assert (report["period"], report["start"], report["end"]) == ("2025-11-24..2026-11-23", "2025-11-24", "2026-11-23")
    assert report["scope"] == {"kind": "mine", "user": "alice"}
    assert report["customers"] == 6 and report["amount"] == "100000.00"
    rows = [(r["rank"], r["customer"], r["deals"], r["amount"], r["share"], r["cumulative_share"], r["abc_class"])
            for r in report["rows"]]
    assert rows == [
        (1, "Big", 1, "50000.00", "0.5000", "0.5000", "A"),
        (2, "Mid", 2, "30000.00", "0.3000", "0.8000", "A"),
        (3, "Ten", 1, "10000.00", "0.1000", "0.9000", "B"),
        (4, "Six", 1, "6000.00", "0.0600", "0.9600", "B"),
        (5, "Three", 1, "3000.00", "0.0300", "0.9900", "C"),
        (6, "One", 1, "1000.00", "0.0100", "1.0000", "C"),
    ]
    assert report["classes"] == [
        {"abc_class": "A", "customers": 2, "amount": "80000.00", "share": "0.8000"},
        {"abc_class": "B", "customers": 2, "amount": "16000.00", "share": "0.1600"},
        {"abc_class": "C", "customers": 2, "amount": "4000.00", "share": "0.0400"},
    ]
    team = cli.ok("report", "abc", "--team", "--json").json()
    assert team["customers"] == 7 and team["rows"][-1]["customer"] == "Other"
    # A period holding the 2025 win instead: only Ten's old deal.
    old = cli.ok("report", "abc", "--period", "2025-Q1", "--json").json()
    assert [(r["customer"], r["amount"], r["abc_class"]) for r in old["rows"]] == [("Ten", "99999.00", "A")]


def test_limit_lists_fewer_but_the_summary_counts_all(sqlite_cli) -> None:  # noqa: ANN001
    _won(sqlite_cli, SET)
    report = sqlite_cli.ok("report", "abc", "--limit", "2", "--json").json()
    assert [r["customer"] for r in report["rows"]] == ["Big", "Mid"]
    assert report["customers"] == 6 and sum(c["customers"] for c in report["classes"]) == 6
    out = sqlite_cli.ok("report", "abc", "--limit", "2").stdout
    assert "Big" in out and "Ten" not in out and "4 more customers" in out and "¥80,000.00" in out


def test_no_won_deals_is_one_line(sqlite_cli) -> None:  # noqa: ANN001
    run = sqlite_cli.ok("report", "abc", "--period", "2026-11")
    assert run.stdout.strip() == "No deals won in 2026-11 (Nov 1, 2026 – Nov 30, 2026)."
    assert sqlite_cli.ok("report", "abc", "--json").json()["rows"] == []


def test_a_bad_period_is_exit_2(sqlite_cli) -> None:  # noqa: ANN001
    one_line_error(sqlite_cli("report", "abc", "--period", "2026-Q5"), 2, "'2026-Q5' is not a period")
    one_line_error(sqlite_cli("report", "abc", "--user", "alice", "--team"), 2, "--user or --team")
