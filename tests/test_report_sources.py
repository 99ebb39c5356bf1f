"""`salescli report sources`: leads, conversions, customers and won amount per lead source
(docs/leads.md), checked against numbers worked out by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checks import one_line_error
from lead_rows import add_leads, lead

BOB = {"SALESCLI_USER": "bob"}


@pytest.fixture
def sources(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """By hand:
    expo: leads #1 Acme/Zhang, #2 Acme/Li, #3 Hooli (alice), #6 Stark (bob), #7 Old Co (alice, created
          Oct 1); #1 and #2 converted into customer Acme (deals 10000 won, 5000 open) -> won 10000 once.
    web:  leads #4 Globex (converted, deal 3000 won), #5 Initech; customers Globex and Wayne (manual, web).
    none: lead #8 Umbrella (alice); customer Tyrell (manual, no source)."""
    cli.ok("user", "add", "bob")
    add_leads(
        lead("Acme", "Zhang Wei", source="expo"), lead("Acme", "Li Lei", source="expo"),
        lead("Hooli", "Gavin Belson", source="expo"), lead("Globex", "Li Na", source="web"),
        lead("Initech", "Peter Gibbons", source="web"), lead("Stark", "Tony Stark", source="expo"),
        lead("Old Co", "Old Timer", source="expo", created_at=datetime(2026, 10, 1, 2, tzinfo=UTC)),
        lead("Umbrella", "Alice W."),
    )
    cli.ok("lead", "take", "1", "2", "3", "4", "5", "7", "8")
    cli.ok("lead", "take", "6", env=BOB)
    cli.ok("lead", "convert", "1", "--deal", "Pumps", "--amount", "10000")
    cli.ok("lead", "convert", "2", "--customer", "Acme", "--deal", "Valves", "--amount", "5000")
    cli.ok("lead", "convert", "4", "--deal", "Licence", "--amount", "3000")
    cli.ok("deal", "won", "1")
    cli.ok("deal", "won", "3")
    cli.ok("customer", "add", "Wayne", "--source", "web")
    cli.ok("customer", "add", "Tyrell")
    return cli


def figures(run) -> list[tuple]:  # noqa: ANN001 - a conftest.Run
    return [(r["source"], r["leads"], r["converted"], r["conversion_rate"], r["customers"], r["won_deals"],
             r["won_amount"]) for r in run.json()["rows"]]


def test_sources_count_leads_conversions_customers_and_won_amount(sources) -> None:
    run = sources.ok("report", "sources", "--team", "--json")
    assert figures(run) == [
        ("expo", 5, 2, "0.4000", 1, 1, "10000.00"),
        ("web", 2, 1, "0.5000", 2, 1, "3000.00"),
        (None, 1, 0, "0.0000", 1, 0, "0.00"),
    ]
    assert run.json()["scope"] == {"kind": "team", "user": None} and run.json()["since"] is None
    # Yours: bob's Stark lead is not alice's.
    assert figures(sources.ok("report", "sources", "--json"))[0] == ("expo", 4, 2, "0.5000", 1, 1, "10000.00")
    # Since a day: the lead created on Oct 1 is left out.
    since = sources.ok("report", "sources", "--team", "--since", "2026-11-01", "--json").json()
    assert since["since"] == "2026-11-01"
    assert figures(sources.ok("report", "sources", "--team", "--since", "2026-11-01", "--json"))[0] == (
        "expo", 4, 2, "0.5000", 1, 1, "10000.00")


def test_sources_table_and_refusals(sources) -> None:
    out = sources.ok("report", "sources", "--team").stdout
    lines = [[cell.strip() for cell in line.split("│")] for line in out.splitlines() if "│" in line]
    assert lines == [
        ["expo", "5", "2", "40.0%", "1", "1", "¥10,000.00"],
        ["web", "2", "1", "50.0%", "2", "1", "¥3,000.00"],
        ["(no source)", "1", "0", "0.0%", "1", "0", "¥0.00"],
    ]
    assert out.splitlines()[0].strip() == "Lead sources (the whole team)"
    one_line_error(sources("report", "sources", "--team", env=BOB), 1, "Only")
    one_line_error(sources("report", "sources", "--since", "someday"), 2)


def test_no_sources_yet(cli) -> None:
    cli.ok("user", "list")
    assert cli.ok("report", "sources").stdout == "No leads or customers yet.\n"
    assert cli.ok("report", "sources", "--json").json()["rows"] == []
