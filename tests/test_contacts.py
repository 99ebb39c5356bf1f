"""`salescli contact add|list|edit`, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from checks import error_with_details as assert_error

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
def contacts(cli, *args: str, **kwargs) -> list[dict]:  # noqa: ANN003 - passed on to cli.ok
    return cli.ok("contact", "list", *args, "--json", **kwargs).json()


def primaries(rows: list[dict]) -> list[str]:
    return [row["name"] for row in rows if row["primary"]]


@pytest.fixture
def shop(cli):
    cli.ok("customer", "add", "Acme Tools", "--city", "Berlin")
    cli.ok("customer", "add", "Acme Foods", "--city", "Munich")
    cli.ok("customer", "add", "华为技术有限公司", "--contact", "张伟", "--phone", "13800138000")
    return cli


def test_the_first_contact_is_primary_and_primary_moves(shop) -> None:
    run = shop.ok("contact", "add", "Acme Tools", "Li Wei")
    assert run.stdout.strip() == "Added contact #2 Li Wei at Acme Tools."
    assert shop.ok("contact", "add", "Acme Tools", "Bob Schmidt", "--json").json()["primary"] is False
    assert primaries(contacts(shop, "Acme Tools")) == ["Li Wei"]
    assert shop.ok("contact", "add", "1", "Carl Meyer", "--primary", "--json").json()["primary"] is True
    rows = contacts(shop, "Acme Tools")
    assert primaries(rows) == ["Carl Meyer"]
    assert [r["name"] for r in rows] == ["Carl Meyer", "Bob Schmidt", "Li Wei"]  # primary first
    # Another customer's primary contact is not touched.
    assert primaries(contacts(shop, "华为")) == ["张伟"]
    card = shop.ok("customer", "show", "Acme Tools", "--json").json()
    assert [(c["name"], c["primary"]) for c in card["contacts"]][0] == ("Carl Meyer", True)
    assert "Carl Meyer *" in shop.ok("customer", "show", "Acme Tools").stdout


def test_add_with_every_field(shop) -> None:
    added = shop.ok(
        "contact", "add", "Acme Foods", "Anna Weber", "--title", "Head of Purchasing", "--phone",
        "+49 89 1234 5678", "--email", " Anna.Weber@Acme-Foods.example.com ", "--wechat", "anna_w",
        "--birthday", "1985-03-14", "--json",
    ).json()
    expected = {
        "id": 2, "customer_id": 2, "customer": "Acme Foods", "name": "Anna Weber", "title": "Head of Purchasing",
        "phone": "+49 89 1234 5678", "email": "Anna.Weber@Acme-Foods.example.com", "wechat": "anna_w",
        "birthday": "1985-03-14", "primary": True,
    }
    assert {k: added[k] for k in expected} == expected
    assert all(SNAKE.match(k) for k in added)
    assert contacts(shop, "Acme Foods")[0] | {"customer": "Acme Foods"} == added


def test_birthday_with_or_without_the_year(shop) -> None:
    for typed, shown in [("1985-03-14", "1985-03-14"), ("03-14", "03-14"), ("3/14", "03-14"), ("02-29", "02-29"),
                         ("2000-02-29", "2000-02-29")]:
        added = shop.ok("contact", "add", "1", f"Born {typed}", "--birthday", typed, "--json").json()
        assert added["birthday"] == shown, typed


def test_list_one_customer_or_all_of_mine(shop) -> None:
    shop.ok("contact", "add", "Acme Tools", "Li Wei", "--phone", "139 0000 0002")
    shop.ok("contact", "add", "Acme Foods", "Anna Weber")
    shop.ok("user", "add", "bob")
    shop.ok("customer", "add", "Globex", "--contact", "Hank Scorpio", env={"SALESCLI_USER": "bob"})
    assert [(r["customer"], r["name"]) for r in contacts(shop, "Acme Tools")] == [("Acme Tools", "Li Wei")]
    mine = contacts(shop)
    assert sorted(r["name"] for r in mine) == ["Anna Weber", "Li Wei", "张伟"]
    assert all(isinstance(r["id"], int) and r["customer_id"] for r in mine)
    assert [r["name"] for r in contacts(shop, env={"SALESCLI_USER": "bob"})] == ["Hank Scorpio"]
    assert [r["name"] for r in contacts(shop, "Globex")] == ["Hank Scorpio"]  # named: anyone's
    text = shop.ok("contact", "list").stdout
    assert "Li Wei *" in text and "139 0000 0002" in text and "Hank Scorpio" not in text
    # An archived customer's people leave the default list, and come back with it.
    shop.ok("customer", "archive", "Acme Foods")
    assert sorted(r["name"] for r in contacts(shop)) == ["Li Wei", "张伟"]
    shop.ok("customer", "restore", "Acme Foods")
    assert sorted(r["name"] for r in contacts(shop)) == ["Anna Weber", "Li Wei", "张伟"]


def test_list_with_no_contacts(cli) -> None:
    cli.ok("customer", "add", "Acme Tools")
    assert contacts(cli, "Acme Tools") == []
    assert contacts(cli) == []
    assert "No contacts yet." in cli.ok("contact", "list", "Acme Tools").stdout


def test_edit_by_id_or_by_name_at_a_customer(shop) -> None:
    shop.ok("contact", "add", "Acme Tools", "Li Wei", "--title", "Buyer", "--birthday", "1985-03-14",
            "--phone", "139 0000 0002", "--email", "li@acme.example.com", "--wechat", "liwei")
    shop.ok("contact", "add", "Acme Tools", "Bob Schmidt")
    run = shop.ok("contact", "edit", "3", "--title", "CTO", "--phone", "+49 30 1234567")
    assert run.stdout.strip() == "Updated contact #3 Bob Schmidt at Acme Tools."
    edited = shop.ok("contact", "edit", "bob", "--customer", "Acme Tools", "--name", "Robert Schmidt",
                     "--email", "robert@acme.example.com", "--primary", "--json").json()
    assert (edited["name"], edited["title"], edited["phone"], edited["email"], edited["primary"]) == (
        "Robert Schmidt", "CTO", "+49 30 1234567", "robert@acme.example.com", True,
    )
    assert primaries(contacts(shop, "Acme Tools")) == ["Robert Schmidt"]
    # An empty value clears a field; the name and the rest stay.
    cleared = shop.ok("contact", "edit", "#2", "--title", "", "--birthday", "", "--phone", "", "--email", "",
                      "--wechat", "", "--json").json()
    assert (cleared["name"], cleared["title"], cleared["birthday"], cleared["phone"], cleared["email"],
            cleared["wechat"]) == ("Li Wei", None, None, None, None, None)
    shop.ok("contact", "edit", "Robert", "--customer", "1", "--not-primary")
    assert primaries(contacts(shop, "Acme Tools")) == []
    shop.ok("contact", "edit", "Li", "--customer", "Acme Tools", "--primary")
    assert primaries(contacts(shop, "Acme Tools")) == ["Li Wei"]


BAD = [
    (("contact", "add", "Nosuch", "Li"), "No customer matches 'Nosuch'"),
    (("contact", "add", "#99", "Li"), "no customer #99"),
    (("contact", "add", "Acme", "Li"), "'Acme' matches 2 customers"),
    (("contact", "add", "Acme Tools", ""), "contact name cannot be empty"),
    (("contact", "add", "Acme Tools", "  "), "contact name cannot be empty"),
    (("contact", "add", "Acme Tools", "Li", "--email", "li(at)acme"), "Not an email address"),
    (("contact", "add", "Acme Tools", "Li", "--phone", "abc"), "Not a phone number"),
    (("contact", "add", "Acme Tools", "Li", "--phone", "12"), "Not a phone number"),
    (("contact", "add", "Acme Tools", "Li", "--birthday", "1985-02-30"), "Not a birthday"),
    (("contact", "add", "Acme Tools", "Li", "--birthday", "13-01"), "Not a birthday"),
    (("contact", "add", "Acme Tools", "Li", "--birthday", "someday"), "Not a birthday"),
    (("contact", "add", "Acme Tools", "Li", "--bogus"), "No such option"),
    (("contact", "list", "Nosuch"), "No customer matches 'Nosuch'"),
    (("contact", "list", "Acme"), "'Acme' matches 2 customers"),
    (("contact", "edit", "99", "--title", "x"), "no contact #99"),
    (("contact", "edit", "99999999999999999999", "--title", "x"), "no contact #99999999999999999999"),
    (("contact", "edit", "²", "--title", "x"), "Give the contact's id, or its name with --customer"),
    (("contact", "add", "#99999999999999999999", "Li"), "no customer #99999999999999999999"),
    (("contact", "list", "99999999999999999999"), "No customer matches '99999999999999999999'"),
    (("contact", "edit", "Li", "--title", "x"), "Give the contact's id, or its name with --customer"),
    (("contact", "edit", "Li", "--customer", "Nosuch", "--title", "x"), "No customer matches 'Nosuch'"),
    (("contact", "edit", "Li", "--customer", "Acme", "--title", "x"), "'Acme' matches 2 customers"),
    (("contact", "edit", "Zed", "--customer", "Acme Tools", "--title", "x"), "Acme Tools has no contact 'Zed'"),
    (("contact", "edit", "2", "--customer", "Acme Foods", "--title", "x"), "Acme Foods has no contact '2'"),
    (("contact", "edit", "Li", "--customer", "Acme Tools", "--title", "x"), "'Li' matches 2 contacts"),
    (("contact", "edit", "2"), "Nothing to change"),
    (("contact", "edit", "2", "--name", ""), "contact name cannot be empty"),
    (("contact", "edit", "2", "--email", "nope"), "Not an email address"),
    (("contact", "edit", "2", "--phone", "138abc"), "Not a phone number"),
    (("contact", "edit", "2", "--birthday", "02-30"), "Not a birthday"),
]


def test_bad_input_is_one_clear_error_and_changes_nothing(shop) -> None:
    shop.ok("contact", "add", "Acme Tools", "Li Wei", "--title", "Buyer")
    shop.ok("contact", "add", "Acme Tools", "Li Na")
    before = contacts(shop)
    customers = shop.ok("customer", "list", "--json").stdout
    for args, fragment in BAD:
        run = shop(*args)
        assert_error(run, 2, fragment)
        assert contacts(shop) == before, args
    assert shop.ok("customer", "list", "--json").stdout == customers


def test_ambiguous_names_list_the_candidates(shop) -> None:
    shop.ok("contact", "add", "Acme Tools", "Li Wei", "--title", "Buyer")
    shop.ok("contact", "add", "Acme Tools", "Li Na")
    run = shop("contact", "add", "Acme", "Li")
    assert_error(run, 2, "#1 Acme Tools (Berlin, alice)", "#2 Acme Foods (Munich, alice)")
    run = shop("contact", "edit", "Li", "--customer", "Acme Tools", "--title", "x")
    assert_error(run, 2, "#2 Li Wei (Buyer)", "#3 Li Na")


def test_contact_table_keeps_alignment_and_every_number_at_80_columns(shop) -> None:
    shop.ok("contact", "add", "华为技术有限公司", "欧阳娜娜", "--title", "采购总监", "--phone", "+86 138 0013 8001",
            "--email", "ouyang.nana@huawei-technologies.example.com", "--wechat", "ouyang_nana_2020",
            "--birthday", "1990-12-01")
    shop.ok("contact", "add", "Acme Tools", "Maximilian Müller-Lüdenscheidt", "--phone", "+49 30 1234 5678 ext 99")
    out = shop.ok("contact", "list", env={"COLUMNS": "80"}).stdout
    lines = out.rstrip("\n").split("\n")
    widths = {cell_len(line) for line in lines}
    assert len(widths) == 1 and widths.pop() <= 80, [(cell_len(line), line) for line in lines]
    assert "…" not in out  # nothing a rep needs is cut off
    # Long values wrap inside their column: put each record's pieces back together.
    body = lines[next(i for i, line in enumerate(lines) if line.startswith("━")) + 1:]
    records: dict[str, list[str]] = {}
    current = ""
    for line in body:
        cells = line.split("│")
        current = cells[0].strip() or current
        joined = records.setdefault(current, [""] * len(cells))
        records[current] = [a + "".join(b.split()) for a, b in zip(joined, cells, strict=True)]
    # Phone numbers stay whole on one line; at 80 columns the title, email, WeChat and
    # birthday give way (docs/text.md), and come back on a wider terminal.
    assert records["2"][1:4] == ["华为技术有限公司", "欧阳娜娜", "+8613800138001"]
    assert records["3"][2] == "MaximilianMüller-Lüdenscheidt*"
    assert records["3"][3] == "+493012345678ext99"
    assert any("+86 138 0013 8001" in line for line in lines) and any("+49 30 1234 5678 ext 99" in line
                                                                       for line in lines)
    wide = shop.ok("contact", "list", env={"COLUMNS": "200"}).stdout
    for value in ("采购总监", "+86 138 0013 8001", "ouyang.nana@huawei-technologies.example.com", "ouyang_nana_2020",
                  "1990-12-01"):
        assert value in wide
