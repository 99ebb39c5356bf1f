"""`salescli deal payment add|paid|list` and the receivables (docs/pipeline.md).

Deals are written straight into the test's store (tests/pipeline_rows.py): these tests
are about payments, not about how a deal is won. The clock is Monday 2026-11-23 09:00
in Shanghai.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from checks import one_line_error
from pipeline_rows import at, insert_deal, insert_payment

CREATED = at("2026-10-01T10:00")


def _won(cli, amount: int | None = 10000, owner: str = "alice", customer_id: int = 1, title: str = "Big order") -> int:
    return insert_deal(customer_id=customer_id, title=title, stage="negotiation", status="won", amount=amount,
                       owner=owner, created_at=CREATED, closed_at=at("2026-11-01"))


def _store(cli) -> None:
    cli.ok("customer", "add", "Acme")


def _payments_rows() -> list[tuple]:
    from salescli.services.context import open_context

    with open_context().session() as s:
        return [tuple(r) for r in s.execute("SELECT deal_id, amount_cents, due_on, paid_on FROM payments"
                                            " ORDER BY id").all()]


def _receivable(**scope: int):  # noqa: ANN202
    from salescli.services.context import open_context
    from salescli.services.payments import receivable

    with open_context().session() as s:
        return receivable(s, **scope)


def test_add_payments_up_to_the_deal_amount(cli) -> None:
    _store(cli)
    deal = _won(cli)
    run = cli.ok("deal", "payment", "add", str(deal), "--amount", "4,000", "--due", "2026-12-31", "--note", "first")
    assert "Scheduled payment #1" in run.stdout and "¥4,000.00" in run.stdout and "¥6,000.00 left" in run.stdout
    data = cli.ok("deal", "payment", "add", f"#{deal}", "--amount", "0.5万", "--due", "+30d", "--json").json()
    assert data["amount"] == "5000.00" and data["due_on"] == "2026-12-23" and data["paid_on"] is None
    assert data["deal_id"] == deal and data["customer"] == "Acme" and data["currency"] == "CNY"
    assert data["scheduled"] == "9000.00" and data["still_to_schedule"] == "1000.00"

    over = cli("deal", "payment", "add", str(deal), "--amount", "1000.01", "--due", "+60d")
    one_line_error(over, 1, "larger than what is still open", "¥1,000.00 left to schedule", "¥10,000.00")
    assert len(_payments_rows()) == 2
    cli.ok("deal", "payment", "add", str(deal), "--amount", "1000", "--due", "+60d")  # exactly what is open
    one_line_error(cli("deal", "payment", "add", str(deal), "--amount", "1", "--due", "+60d"), 1,
                   "¥0.00 left to schedule")
    assert [r[1] for r in _payments_rows()] == [400000, 500000, 100000]


def test_payments_only_on_won_deals(cli) -> None:
    _store(cli)
    for status in ("open", "lost"):
        deal = insert_deal(customer_id=1, title=f"A {status} deal", stage="proposal", status=status, amount=500,
                           created_at=CREATED)
        run = cli("deal", "payment", "add", str(deal), "--amount", "100", "--due", "+7d")
        one_line_error(run, 1, f"is {status}", "payments are scheduled on won deals")
    one_line_error(cli("deal", "payment", "add", "99", "--amount", "100", "--due", "+7d"), 2, "no deal #99")
    one_line_error(cli("deal", "payment", "add", "#x", "--amount", "100", "--due", "+7d"), 2, "not a deal number")
    assert _payments_rows() == []


def test_bad_amounts_and_dates_are_refused_with_nothing_written(cli) -> None:
    _store(cli)
    deal = _won(cli)
    for amount, words in (("-5", "is negative"), ("0", "cannot be 0"), ("abc", "not an amount"),
                          ("1.234", "two decimals")):
        one_line_error(cli("deal", "payment", "add", str(deal), "--amount", amount, "--due", "+7d"), 2, words)
    one_line_error(cli("deal", "payment", "add", str(deal), "--amount", "5", "--due", "someday"), 2, "someday")
    assert _payments_rows() == []


def test_a_due_day_in_the_past_is_allowed_with_a_notice(cli) -> None:
    _store(cli)
    deal = _won(cli)
    run = cli.ok("deal", "payment", "add", str(deal), "--amount", "100", "--due", "2026-11-20")
    assert "overdue already" in run.stderr
    listed = cli.ok("deal", "payment", "list").stdout
    assert "3 days overdue" in listed


def test_mark_paid_once(cli) -> None:
    _store(cli)
    deal = _won(cli)
    pid = insert_payment(deal, amount=3000, due_on=date(2026, 11, 30), created_at=CREATED)
    one_line_error(cli("deal", "payment", "paid", str(pid), "--on", "tomorrow"), 2, "2026-11-24", "after today")
    assert _payments_rows()[0][3] is None
    run = cli.ok("deal", "payment", "paid", f"#{pid}", "--on", "2026-11-21")
    assert f"Payment #{pid}" in run.stdout and "paid on Nov 21, 2026" in run.stdout
    again = cli("deal", "payment", "paid", str(pid))
    one_line_error(again, 1, "already paid", "2026-11-21")
    assert _payments_rows()[0][3] == date(2026, 11, 21)
    other = insert_payment(deal, amount=1000, due_on=date(2026, 12, 30), created_at=CREATED)
    data = cli.ok("deal", "payment", "paid", str(other), "--json").json()
    assert data["paid_on"] == "2026-11-23" and data["id"] == other
    one_line_error(cli("deal", "payment", "paid", "404"), 2, "no payment #404")


def test_another_reps_deal_is_refused_for_a_rep(cli) -> None:
    _store(cli)
    cli.ok("user", "add", "bob")
    deal = _won(cli)
    pid = insert_payment(deal, amount=3000, due_on=date(2026, 11, 30), created_at=CREATED)
    bob = {"SALESCLI_USER": "bob"}
    one_line_error(cli("deal", "payment", "add", str(deal), "--amount", "100", "--due", "+7d", env=bob), 1,
                   "belongs to alice", "schedule its payments")
    one_line_error(cli("deal", "payment", "paid", str(pid), env=bob), 1, "belongs to alice")
    assert len(_payments_rows()) == 1 and _payments_rows()[0][3] is None
    # bob's own list is empty; alice (an admin) may act on bob's deals
    assert cli.ok("deal", "payment", "list", "--json", env=bob).json() == []
    assert "No payments." in cli.ok("deal", "payment", "list", env=bob).stdout
    bobs = _won(cli, owner="bob", title="Bob's deal")
    cli.ok("deal", "payment", "add", str(bobs), "--amount", "100", "--due", "+7d")


def test_list_with_the_receivable(cli) -> None:
    _store(cli)
    cli.ok("customer", "add", "Globex")
    cli.ok("user", "add", "bob")
    big, small = _won(cli), _won(cli, amount=2000, customer_id=2, title="Small order")
    bobs = _won(cli, owner="bob", title="Bob's deal")
    insert_payment(big, amount=4000, due_on=date(2026, 11, 20), created_at=CREATED)  # 3 days overdue
    insert_payment(big, amount=3000, due_on=date(2026, 11, 27), created_at=CREATED)  # in 4 days
    insert_payment(big, amount=3000, due_on=date(2026, 11, 1), paid_on=date(2026, 11, 2), created_at=CREATED)
    insert_payment(small, amount=2000, due_on=date(2026, 12, 23), created_at=CREATED)
    insert_payment(bobs, amount=100, due_on=date(2026, 11, 1), created_at=CREATED)

    run = cli.ok("deal", "payment", "list")
    for words in ("3 days overdue", "in 4 days", "Big order", "Small order", "Acme", "Globex", "¥4,000.00"):
        assert words in run.stdout, words
    assert "Bob's deal" not in run.stdout
    assert "Scheduled ¥12,000.00, paid ¥3,000.00, open ¥9,000.00, overdue ¥4,000.00." in run.stdout

    data = cli.ok("deal", "payment", "list", "--json").json()  # a listing: an array, of what is to collect
    assert [p["due_on"] for p in data] == ["2026-11-20", "2026-11-27", "2026-12-23"]
    assert [p["overdue"] for p in data] == [True, False, False]
    with_paid = cli.ok("deal", "payment", "list", "--paid", "--json").json()
    assert [p["due_on"] for p in with_paid] == ["2026-11-20", "2026-11-27", "2026-12-23", "2026-11-01"]

    one = cli.ok("deal", "payment", "list", str(small), "--json").json()
    assert [p["deal_id"] for p in one] == [small]
    assert cli.ok("deal", "show", str(small), "--json").json()["receivable"]["open"] == "2000.00"
    by_customer = cli.ok("deal", "payment", "list", "--customer", "Acme", "--json").json()
    assert {p["deal_id"] for p in by_customer} == {big}
    overdue = cli.ok("deal", "payment", "list", "--overdue", "--json").json()
    assert [p["amount"] for p in overdue] == ["4000.00"]
    assert "overdue ¥4,000.00." in cli.ok("deal", "payment", "list", "--overdue").stdout
    everyone = cli.ok("deal", "payment", "list", "--all", "--json").json()
    assert len(everyone) == 4 and len(cli.ok("deal", "payment", "list", "--all", "--paid", "--json").json()) == 5
    assert "overdue ¥4,100.00." in cli.ok("deal", "payment", "list", "--all").stdout


def test_receivable_per_deal_and_customer(cli) -> None:
    from salescli.services.context import open_context
    from salescli.services.payments import deal_payments

    _store(cli)
    cli.ok("customer", "add", "Globex")
    big, other = _won(cli), _won(cli, amount=5000, title="Second")
    elsewhere = _won(cli, customer_id=2, title="Elsewhere")
    insert_payment(big, amount=4000, due_on=date(2026, 11, 20), created_at=CREATED)
    insert_payment(big, amount=3000, due_on=date(2026, 11, 1), paid_on=date(2026, 11, 2), created_at=CREATED)
    insert_payment(other, amount=1000, due_on=date(2026, 12, 1), created_at=CREATED)
    insert_payment(elsewhere, amount=700, due_on=date(2026, 11, 22), created_at=CREATED)

    deal = _receivable(deal_id=big)
    assert (deal.scheduled, deal.paid, deal.open, deal.overdue) == (
        Decimal("7000.00"), Decimal("3000.00"), Decimal("4000.00"), Decimal("4000.00"))
    customer = _receivable(customer_id=1)
    assert (customer.scheduled, customer.paid, customer.open, customer.overdue) == (
        Decimal("8000.00"), Decimal("3000.00"), Decimal("5000.00"), Decimal("4000.00"))
    nothing = _receivable(deal_id=9999)
    assert (nothing.scheduled, nothing.open) == (Decimal("0.00"), Decimal("0.00"))
    with open_context().session() as s:
        views = deal_payments(s, big)
    assert [(v.amount, v.paid_on is None, v.overdue) for v in views] == [
        (Decimal("4000.00"), True, True), (Decimal("3000.00"), False, False)]


def test_two_reps_marking_the_same_payment_paid(cli, monkeypatch) -> None:
    """The second of two reps who both read the payment as open is refused, naming the day
    the first one recorded: the UPDATE re-checks that it is still open."""
    from salescli.services import payments
    from salescli.services.context import open_context

    _store(cli)
    deal = _won(cli)
    pid = insert_payment(deal, amount=3000, due_on=date(2026, 11, 30), created_at=CREATED)
    payments.mark_paid(open_context(), pid, "2026-11-22")
    real_get, reads = payments.queries.get, []

    def read_before_the_other_rep_wrote(session, payment_id):  # noqa: ANN001, ANN202
        row = real_get(session, payment_id)
        reads.append(payment_id)
        if len(reads) == 1:  # the first read still saw it open
            return type("Row", (), {**row._asdict(), "paid_on": None})
        return row

    monkeypatch.setattr(payments.queries, "get", read_before_the_other_rep_wrote)
    try:
        payments.mark_paid(open_context(), pid, "2026-11-23")
    except payments.RefusedError as refused:
        assert refused.code == "payment.already_paid"
        assert refused.params["paid_on"] == date(2026, 11, 22)
    else:
        raise AssertionError("marked paid twice")
    assert _payments_rows()[0][3] == date(2026, 11, 22)


def test_with_the_deal_commands(cli) -> None:
    """A deal added and won with the deal commands takes payments, shown on `deal show`."""
    _store(cli)
    cli.ok("deal", "add", "Acme", "Servers", "--amount", "50k", "--close", "+5d")
    one_line_error(cli("deal", "payment", "add", "1", "--amount", "1000", "--due", "+5d"), 1, "won deals")
    cli.ok("deal", "won", "1", "--note", "signed")
    cli.ok("deal", "payment", "add", "1", "--amount", "20000", "--due", "+5d")
    shown = cli.ok("deal", "show", "1", "--json").json()
    assert [p["amount"] for p in shown["payments"]] == ["20000.00"]
    assert shown["receivable"]["open"] == "20000.00"
