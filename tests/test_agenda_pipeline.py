"""The agenda's pipeline sections: payments due, stale deals, deals closing soon,
contracts ending (services/agenda_pipeline.py).

Deals are written straight into the store (tests/pipeline_rows.py) with histories in the
past. The clock is Monday 2026-11-23 09:00 in Shanghai; the sales cycle is 42 days.
"""

from __future__ import annotations

from datetime import date

from pipeline_rows import at, insert_deal, insert_payment

PIPELINE = ["payments", "stale_deals", "closing_soon", "contracts_ending"]
RECENT = at("2026-11-20T10:00+08:00")  # a stage entered three days ago: not stale


def _deal(title: str, *, status: str = "open", owner: str = "alice", changed: str | None = None,
          close_on: date | None = None, contract_end: date | None = None, stage: str = "proposal") -> int:
    return insert_deal(customer_id=1, title=title, stage=stage, status=status, amount=1000, owner=owner,
                       created_at=at("2026-01-05T10:00+08:00"),
                       stage_changed_at=at(changed) if changed else RECENT, close_on=close_on,
                       contract_end=contract_end,
                       closed_at=at("2026-11-01T10:00+08:00") if status != "open" else None)


def _sections(cli, *args: str) -> dict[str, list]:
    data = cli.ok("agenda", "--json", *args).json()
    return {s["key"]: s["items"] for s in data["sections"]}


def _setup(cli) -> dict[str, int]:
    cli.ok("customer", "add", "Acme")
    cli.ok("user", "add", "bob")
    ids = {}
    won = ids["won"] = _deal("Won deal", status="won")
    ids["bob_won"] = _deal("Bob won", status="won", owner="bob")
    ids["p_overdue"] = insert_payment(won, amount=100, due_on=date(2026, 11, 20), created_at=RECENT)
    ids["p_long_overdue"] = insert_payment(won, amount=200, due_on=date(2026, 10, 1), created_at=RECENT)
    ids["p_today"] = insert_payment(won, amount=300, due_on=date(2026, 11, 23), created_at=RECENT)
    ids["p_in_7"] = insert_payment(won, amount=400, due_on=date(2026, 11, 30), created_at=RECENT)
    insert_payment(won, amount=50, due_on=date(2026, 12, 1), created_at=RECENT)  # in 8 days
    insert_payment(won, amount=60, due_on=date(2026, 11, 1), paid_on=date(2026, 11, 2), created_at=RECENT)
    insert_payment(ids["bob_won"], amount=70, due_on=date(2026, 11, 20), created_at=RECENT)
    # stale: the stage has not moved for more than 42 days (at the agenda's instant, 09:00)
    ids["stale_43"] = _deal("Unmoved 43 days", changed="2026-10-11T09:00+08:00")
    ids["stale_90"] = _deal("Unmoved 90 days", changed="2026-08-25T09:00+08:00")
    _deal("Unmoved 42 days", changed="2026-10-12T09:00+08:00")
    _deal("Bob unmoved", owner="bob", changed="2026-08-01T09:00+08:00")
    _deal("Lost long ago", status="lost", changed="2026-08-01T09:00+08:00")
    # closing: expected close by 7 days from today (a passed date first)
    ids["close_in_7"] = _deal("Closing in 7", close_on=date(2026, 11, 30))
    ids["close_today"] = _deal("Closing today", close_on=date(2026, 11, 23))
    ids["close_past"] = _deal("Close passed", close_on=date(2026, 11, 21))
    _deal("Closing in 8", close_on=date(2026, 12, 1))
    _deal("Won closing", status="won", close_on=date(2026, 11, 25))
    _deal("Bob closing", owner="bob", close_on=date(2026, 11, 25))
    # contracts: won deals whose contract ends within 30 days
    ids["ends_30"] = _deal("Ends in 30", status="won", contract_end=date(2026, 12, 23))
    ids["ends_today"] = _deal("Ends today", status="won", contract_end=date(2026, 11, 23))
    _deal("Ends in 31", status="won", contract_end=date(2026, 12, 24))
    _deal("Ended yesterday", status="won", contract_end=date(2026, 11, 22))
    _deal("Open with contract", contract_end=date(2026, 12, 1))
    _deal("Bob ends", status="won", owner="bob", contract_end=date(2026, 12, 1))
    return ids


def test_pipeline_sections_hold_exactly_the_right_items_in_order(cli) -> None:
    ids = _setup(cli)
    data = cli.ok("agenda", "--json").json()
    keys = [s["key"] for s in data["sections"]]
    assert [k for k in keys if k in PIPELINE] == PIPELINE
    assert keys.index("due_today") < keys.index("payments") < keys.index("contracts_ending") < keys.index("forgotten")
    got = {s["key"]: s["items"] for s in data["sections"]}

    payments = got["payments"]
    assert [p["payment_id"] for p in payments] == [ids[k] for k in ("p_long_overdue", "p_overdue", "p_today",
                                                                    "p_in_7")]
    assert [p["days_overdue"] for p in payments] == [53, 3, 0, -7]
    first = payments[0]
    assert first["amount"] == "200.00" and first["currency"] == "CNY" and first["deal_title"] == "Won deal"
    assert first["customer"] == "Acme" and first["due_on"] == "2026-10-01"

    stale = got["stale_deals"]
    assert [d["deal_id"] for d in stale] == [ids["stale_90"], ids["stale_43"]]
    assert [d["days_in_stage"] for d in stale] == [90, 43]
    assert stale[0]["stage"] == "proposal" and stale[0]["amount"] == "1000.00"

    closing = got["closing_soon"]
    assert [d["deal_id"] for d in closing] == [ids["close_past"], ids["close_today"], ids["close_in_7"]]
    assert [(d["days_until"], d["past"]) for d in closing] == [(-2, True), (0, False), (7, False)]

    ending = got["contracts_ending"]
    assert [d["deal_id"] for d in ending] == [ids["ends_today"], ids["ends_30"]]
    assert [d["days_until"] for d in ending] == [0, 30]
    assert ending[1]["contract_end"] == "2026-12-23"


def test_pipeline_sections_in_the_table(cli) -> None:
    _setup(cli)
    out = cli.ok("agenda").stdout
    titles = ["Payments due (4)", "Stale deals (2)", "Deals closing within 7 days (3)",
              "Contracts ending within 30 days (2)"]
    places = [out.index(t) for t in titles]
    assert places == sorted(places)
    payments, stale, closing, ending = (out[a:b] for a, b in zip(places, places[1:] + [len(out)], strict=True))
    assert payments.index("53 days overdue") < payments.index("3 days overdue") < payments.index("due today")
    assert "in 7 days" in payments and "¥200.00" in payments and "in 8 days" not in payments
    assert stale.index("Unmoved 90 days") < stale.index("Unmoved 43 days") and "90 days ago" in stale
    assert "Unmoved 42 days" not in out and "Bob" not in out
    assert "Proposal" in stale or "proposal" in stale
    assert closing.index("2 days overdue") < closing.index("due today") < closing.index("│ in 7 days")
    assert "Closing in 8" not in out and "Won closing" not in out
    assert ending.index("Ends today") < ending.index("Ends in 30") and "in 30 days" in ending
    assert "Ends in 31" not in out and "Ended yesterday" not in out and "Open with contract" not in out


def test_another_day_and_another_rep(cli) -> None:
    ids = _setup(cli)
    # a week on: the 90-day deal is still stale, the 42-day one too; the payment of Dec 1 is due
    later = _sections(cli, "--date", "2026-11-30")
    assert [p["due_on"] for p in later["payments"]][-1] == "2026-12-01"
    assert len(later["stale_deals"]) == 3
    assert ids["ends_today"] not in [d["deal_id"] for d in later["contracts_ending"]]
    run = cli.ok("agenda", "--json", env={"SALESCLI_USER": "bob"}).json()
    bobs = {s["key"]: s["items"] for s in run["sections"]}
    assert [p["amount"] for p in bobs["payments"]] == ["70.00"]
    assert [d["title"] for d in bobs["stale_deals"]] == ["Bob unmoved"]
    assert [d["title"] for d in bobs["closing_soon"]] == ["Bob closing"]
    assert [d["title"] for d in bobs["contracts_ending"]] == ["Bob ends"]


def test_empty_pipeline_sections(cli) -> None:
    cli.ok("customer", "add", "Acme")
    got = _sections(cli)
    assert all(got[key] == [] for key in PIPELINE)
    assert "Payments due" not in cli.ok("agenda").stdout
