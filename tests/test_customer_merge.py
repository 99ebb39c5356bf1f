"""`salescli customer merge KEEP OTHER` and `customer duplicates` (docs/merge.md), on SQLite
and PostgreSQL: everything of OTHER moves to KEEP in one transaction, nothing is deleted,
OTHER is archived and says where it went; the refusals are one sentence with their exit
code; the listing names each likely pair with its reason.
"""

from __future__ import annotations

from datetime import date

import pytest

from checks import one_line_error
from pipeline_rows import at, insert_deal, insert_payment

BOB = {"SALESCLI_USER": "bob"}
TABLES = ("customers", "contacts", "follow_ups", "deals", "stage_changes", "payments", "ownership_events",
          "customer_tags")


def _rows(sql: str, **params: object) -> list[tuple]:
    from salescli.services.context import open_context

    with open_context().session() as s:
        return [tuple(r) for r in s.execute(sql, params).all()]


def _counts() -> dict[str, int]:
    return {table: _rows(f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES}


def _of(customer_id: int) -> dict[str, int]:
    """What belongs to one customer, table by table."""
    one = {"id": customer_id}
    return {
        "contacts": _rows("SELECT COUNT(*) FROM contacts WHERE customer_id = :id", **one)[0][0],
        "follow_ups": _rows("SELECT COUNT(*) FROM follow_ups WHERE customer_id = :id", **one)[0][0],
        "open_tasks": _rows("SELECT COUNT(*) FROM follow_ups WHERE customer_id = :id AND due_on IS NOT NULL"
                            " AND closed_at IS NULL", **one)[0][0],
        "deals": _rows("SELECT COUNT(*) FROM deals WHERE customer_id = :id", **one)[0][0],
        "payments": _rows("SELECT COUNT(*) FROM payments p JOIN deals d ON d.id = p.deal_id"
                          " WHERE d.customer_id = :id", **one)[0][0],
    }


@pytest.fixture
def pair(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """alice (admin) and bob (rep). #1 Acme Tools (alice) and #2 Acme Toolz (alice, the
    duplicate): each with a contact, a follow-up, tags; #2 also an open task, notes, a city,
    and a won deal with two payments."""
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme Tools", "--tag", "vip", "--note", "Main account", "--phone", "021-5555 0001")
    cli.ok("customer", "add", "Acme Toolz", "--tag", "vip", "--tag", "east", "--city", "Shanghai",
           "--email", "buy@acme.example.com", "--note", "Typed by the trade-show team")
    cli.ok("contact", "add", "Acme Tools", "王芳")
    cli.ok("contact", "add", "Acme Toolz", "李雷", "--primary")
    cli.ok("log", "1", "Intro call")
    cli.ok("log", "2", "Visited the plant", "--next", "2026-11-30", "--next-action", "Send the quote")
    deal = insert_deal(customer_id=2, title="Lathes", stage="negotiation", status="won", amount=5000,
                       created_at=at("2026-10-01"), closed_at=at("2026-11-01"))
    insert_payment(deal, amount=2000, due_on=date(2026, 12, 1), created_at=at("2026-11-01"))
    insert_payment(deal, amount=3000, due_on=date(2027, 1, 1), created_at=at("2026-11-01"))
    from salescli.services.context import open_context

    with open_context().session(write=True) as s:  # a lead whose company matched #2 on import
        s.execute("INSERT INTO leads (company, company_key, contact_key, status, customer_id, created_at, archived)"
                  " VALUES ('Acme Toolz', 'acmetoolz', '', 'new', 2, :at, :no)", {"at": at("2026-11-02"), "no": False})
    return cli


def test_merge_moves_everything_and_loses_nothing(pair) -> None:  # noqa: ANN001
    cli = pair
    before, keep, other = _counts(), _of(1), _of(2)
    run = cli.ok("customer", "merge", "1", "2", "--yes")
    assert run.stdout.strip() == ("Merged customer #2 Acme Toolz into #1 Acme Tools (1 contact, 1 follow-up,"
                                  " 1 open task, 1 deal, 2 payments, 1 lead); #2 is archived.")
    after = _counts()
    # Nothing deleted: every table has what it had, plus the two merge events and the new tag.
    assert after == before | {"ownership_events": before["ownership_events"] + 2,
                              "customer_tags": before["customer_tags"] + 1}
    assert _of(1) == {k: keep[k] + other[k] for k in keep}
    assert _of(2) == {k: 0 for k in other}
    assert _rows("SELECT customer_id FROM leads") == [(1,)]
    # The other's ownership history moved with it: two creations on the kept one, then the merge.
    events = _rows("SELECT customer_id, kind FROM ownership_events ORDER BY id")
    assert events == [(1, "create"), (1, "create"), (1, "merge"), (2, "merge")]
    card = cli.ok("customer", "show", "1", "--json").json()
    assert sorted(c["name"] for c in card["contacts"]) == ["李雷", "王芳"]
    assert [c["name"] for c in card["contacts"] if c["primary"]] == ["王芳"]  # the kept one's primary stays
    assert sorted(card["tags"]) == ["east", "vip"]
    # Empty fields filled from the other; notes appended, not lost; the phone kept.
    assert (card["city"], card["email"], card["phone"]) == ("Shanghai", "buy@acme.example.com", "021-5555 0001")
    assert card["notes"] == "Main account\n\n[#2 Acme Toolz]\nTyped by the trade-show team"
    assert [t["next_action"] for t in card["open_tasks"]] == ["Send the quote"]
    assert [d["title"] for d in card["deals"]] == ["Lathes"]
    merge = [e for e in card["ownership"] if e["kind"] == "merge"]
    assert [(e["reason"], e["by"]) for e in merge] == [("merged #2 Acme Toolz", "alice")]
    # The other is archived, not deleted, and says where it went.
    gone = cli.ok("customer", "show", "2", "--json").json()
    assert gone["archived"] is True and gone["merged_into"] == {"id": 1, "name": "Acme Tools"}
    assert [e["reason"] for e in gone["ownership"] if e["kind"] == "merge"] == ["merged into #1 Acme Tools"]
    assert "Merged into customer #1 Acme Tools." in cli.ok("customer", "show", "2").stdout
    assert _rows("SELECT merged_into_id, archived_at IS NOT NULL FROM customers WHERE id = 2") == [(1, True)]
    assert "Acme Toolz" not in cli.ok("customer", "list", "--all").stdout


def test_merge_refusals_change_nothing(pair) -> None:  # noqa: ANN001
    cli = pair
    cli.ok("customer", "add", "Initech", env=BOB)
    cli.ok("customer", "add", "Globex")
    cli.ok("customer", "add", "Hooli", env=BOB)
    cli.ok("pool", "release", "Hooli", "--reason", "No budget", env=BOB)
    cli.ok("customer", "archive", "Globex")
    before = _counts()
    one_line_error(cli("customer", "merge", "1", "#1", "--yes"), 2, "cannot be merged into itself")
    one_line_error(cli("customer", "merge", "1", "Globex", "--yes"), 1, "#4 Globex (the one to merge) is archived")
    one_line_error(cli("customer", "merge", "Globex", "1", "--yes"), 1, "#4 Globex (the one to keep) is archived")
    # A rep merges only into a customer they own, and only their own or pool customers.
    one_line_error(cli("customer", "merge", "Initech", "1", "--yes", env=BOB), 1, "#1 Acme Tools belongs to alice")
    one_line_error(cli("customer", "merge", "1", "Initech", "--yes", env=BOB), 1, "#1 Acme Tools belongs to alice")
    one_line_error(cli("customer", "merge", "Hooli", "Initech", "--yes", env=BOB), 1, "belongs to the pool")
    # Without --yes and no terminal to ask on, nothing is merged.
    one_line_error(cli("customer", "merge", "1", "2"), 2, "give --yes")
    one_line_error(cli("customer", "merge", "1", "nosuch", "--yes"), 2, "No customer matches 'nosuch'")
    assert _counts() == before
    # A pool customer may be merged into one the rep owns.
    assert cli.ok("customer", "merge", "Initech", "Hooli", "--yes", "--json", env=BOB).json()["other_id"] == 5


def test_duplicates_lists_pairs_with_their_reasons(cli) -> None:  # noqa: ANN001
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "北京宏达科技有限公司", "--phone", "010-8888 8888")  # 1
    cli.ok("customer", "add", "北京宏大科技", "--phone", "+86 10 8888 8888", "--force")  # 2: typo and same phone
    cli.ok("customer", "add", "Acme Tools")  # 3
    cli.ok("customer", "add", "ACME Tools Inc.", "--force")  # 4: same name
    cli.ok("customer", "add", "Acme Toolz")  # 5: one letter off
    for name in ("Acme", "Acne", "Acre", "IBM", "IBN", "Sony", "Sonu"):  # short names: no flood
        cli.ok("customer", "add", name)
    cli.ok("customer", "add", "Initech", "--email", "hi@initech.example.com", env=BOB)  # 13
    cli.ok("customer", "add", "Initech Systems", "--email", "HI@initech.example.com", "--force", env=BOB)  # 14
    pairs = cli.ok("customer", "duplicates", "--json").json()
    found = {(p["id"], p["other_id"]): p["reasons"] for p in pairs}
    assert found == {
        (3, 4): ["same_name"], (1, 2): ["same_phone", "same_pinyin"], (13, 14): ["same_email"],
        (3, 5): ["one_character"], (4, 5): ["one_character"],
    }
    assert set(pairs[0]) == {"id", "name", "owner", "other_id", "other_name", "other_owner", "reasons"}
    table = cli.ok("customer", "duplicates").stdout
    assert "one character differs" in table and "same phone, same pinyin" in table
    assert "5 likely duplicate pairs." in table
    assert len(cli.ok("customer", "duplicates", "--json", "--limit", "2").json()) == 2
    # A rep sees the pairs among their own customers and the pool's, not alice's.
    assert [(p["id"], p["other_id"]) for p in cli.ok("customer", "duplicates", "--json", env=BOB).json()] == [
        (13, 14)]
    cli.ok("customer", "merge", "13", "14", "--yes", env=BOB)
    assert cli.ok("customer", "duplicates", env=BOB).stdout.strip() == (
        "No likely duplicates among the customers you can see.")
