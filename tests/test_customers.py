"""`salescli customer add|list|show|edit|archive|restore`, on SQLite and PostgreSQL.

What a rep sees: exit codes, the lines on stdout and stderr, and the `--json` content.
Every refused or bad command must leave the store exactly as it was.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from rich.cells import cell_len

from checks import error_with_details as assert_error

NOW = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def snapshot(cli) -> tuple[str, str, str]:
    """Everything a refused command could have touched, as the rep would list it."""
    return (
        cli.ok("customer", "list", "--all", "--json").stdout,
        cli.ok("customer", "list", "--archived", "--json").stdout,
        cli.ok("contact", "list", "--json").stdout,
    )


def names(rows: list[dict]) -> list[str]:
    return [row["name"] for row in rows]


def listed(cli, *args: str, **kwargs) -> list[dict]:  # noqa: ANN003 - passed on to cli.ok
    return cli.ok("customer", "list", "--json", *args, **kwargs).json()


# --- add -------------------------------------------------------------------------------------


def test_add_with_every_option_is_owned_by_the_acting_user(cli) -> None:
    run = cli.ok(
        "customer", "add", "华为技术有限公司", "--industry", "通信设备", "--size", "large", "--city", "深圳",
        "--address", "坂田华为基地", "--source", "展会", "--grade", "a", "--tag", "重点", "--tag", "5G",
        "--phone", "+86 755 2878 0808", "--email", " Info@Huawei.example.com ", "--note", "总部在深圳", "--json",
    )
    assert run.stderr == ""
    added = run.json()
    assert added["id"] == 1
    assert added["owner"] == "alice"
    assert added["grade"] == "A"
    assert added["tags"] == ["5G", "重点"]
    assert added["similar"] == []
    assert datetime.fromisoformat(added["created_at"]) == NOW
    card = cli.ok("customer", "show", "1", "--json").json()
    expected = {
        "name": "华为技术有限公司", "industry": "通信设备", "size": "large", "city": "深圳",
        "address": "坂田华为基地", "source": "展会", "grade": "A", "phone": "+86 755 2878 0808",
        "email": "Info@Huawei.example.com", "notes": "总部在深圳", "owner": "alice", "archived": False,
    }
    assert {k: card[k] for k in expected} == expected
    assert datetime.fromisoformat(card["claimed_at"]) == NOW
    # The plain form: one line saying what was added, grade B unless told otherwise.
    run = cli.ok("customer", "add", "Acme Tools")
    assert run.stdout.strip() == "Added customer #2 Acme Tools (grade B, owner alice)."
    assert run.stderr == ""
    # Another rep owns what they add.
    cli.ok("user", "add", "bob")
    assert cli.ok("customer", "add", "Globex", "--json", env={"SALESCLI_USER": "bob"}).json()["owner"] == "bob"
    assert names(listed(cli)) == ["Acme Tools", "华为技术有限公司"]
    assert names(listed(cli, env={"SALESCLI_USER": "bob"})) == ["Globex"]


DUPLICATES = [
    ("华为技术",),  # the name without its legal suffix
    ("华为技术股份有限公司",),  # another legal suffix
    ("  华为技术 有限公司 ",),  # spaces
    ("ＡＣＭＥ　ＴＯＯＬＳ",),  # full-width, upper case
    ("ACME TOOLS, Inc.",),  # Latin legal suffix, punctuation, case
    ("Other name", "--phone", "0086 138 1234 5678"),
    ("Other name", "--phone", "13812345678"),
    ("Other name", "--email", " INFO@huawei.example.com "),
    ("Other name", "--phone", "+86 139-0000-0002"),  # the phone of Acme's contact
    ("Other name", "--email", "li@acme.example.com", "--contact", "Li"),  # the email of Acme's contact
]


def test_an_exact_duplicate_is_refused_with_the_existing_record(cli) -> None:
    cli.ok("customer", "add", "华为技术有限公司", "--city", "深圳", "--phone", "+86 138-1234-5678",
           "--email", "info@huawei.example.com")
    cli.ok("customer", "add", "Acme Tools GmbH", "--contact", "Li Wei", "--phone", "139 0000 0002",
           "--email", "Li@Acme.example.com")
    before = snapshot(cli)
    customers = listed(cli)
    for args in DUPLICATES:
        run = cli("customer", "add", *args)
        assert_error(run, 1, "duplicates customer", "--force")
        assert re.search(r"^\s+#[12] (华为技术有限公司|Acme Tools GmbH)$", run.stderr, re.M), (args, run.stderr)
        assert listed(cli) == customers, args
    assert snapshot(cli) == before
    # The record shown says whose it is and how to reach it.
    run = cli("customer", "add", "华为技术")
    assert_error(run, 1, "#1 华为技术有限公司", "owner: alice", "city: 深圳", "phone: +86 138-1234-5678",
                 "email: info@huawei.example.com")


def test_near_matches_are_warned_about_and_force_adds_a_duplicate(cli) -> None:
    cli.ok("customer", "add", "Acme Tools")
    run = cli.ok("customer", "add", "Acme Toolz", "--json")
    assert "Possible duplicates" in run.stderr
    assert "#1 Acme Tools" in run.stderr
    assert [s["id"] for s in run.json()["similar"]] == [1]
    assert 85 <= run.json()["similar"][0]["score"] < 100
    plain = cli.ok("customer", "add", "Acme Toolx")
    assert "Possible duplicates" in plain.stderr and "Added customer #3 Acme Toolx" in plain.stdout
    assert cli.ok("customer", "add", "腾讯科技").stderr == ""  # nothing like it: no warning
    run = cli.ok("customer", "add", "ACME Tools Inc.", "--force")
    assert "Added customer #5 ACME Tools Inc." in run.stdout
    assert sorted(names(listed(cli))) == sorted(["Acme Tools", "Acme Toolz", "Acme Toolx", "腾讯科技",
                                                 "ACME Tools Inc."])


def test_contact_option_creates_the_primary_contact_with_phone_and_email(cli) -> None:
    cli.ok("customer", "add", "Acme Tools", "--contact", "Li Wei", "--phone", "139 0000 0002",
           "--email", "li@acme.example.com")
    contacts = cli.ok("contact", "list", "Acme", "--json").json()
    assert [(c["name"], c["phone"], c["email"], c["primary"]) for c in contacts] == [
        ("Li Wei", "139 0000 0002", "li@acme.example.com", True)
    ]
    card = cli.ok("customer", "show", "Acme", "--json").json()
    assert card["contacts"][0]["name"] == "Li Wei"
    # ... and the numbers the rep typed stay the customer's main ones too
    assert (card["phone"], card["email"]) == ("139 0000 0002", "li@acme.example.com")


# --- pool cap --------------------------------------------------------------------------------


def test_the_pool_cap_refuses_the_third_customer_with_two_reps(cli) -> None:
    cli.ok("config", "set", "pool.max_owned", "2")
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme")
    cli.ok("customer", "add", "Globex")
    before = snapshot(cli)
    run = cli("customer", "add", "Initech")
    assert_error(run, 1, "pool.max_owned")
    assert snapshot(cli) == before
    # The cap is per rep: bob still has room.
    cli.ok("customer", "add", "Initech", env={"SALESCLI_USER": "bob"})
    # Archived customers do not count, but bringing one back over the cap is refused too.
    cli.ok("customer", "archive", "Acme")
    cli.ok("customer", "add", "Umbrella")
    run = cli("customer", "restore", "Acme")
    assert_error(run, 1, "pool.max_owned")
    assert names(listed(cli, "--archived")) == ["Acme"]
    assert names(listed(cli)) == ["Globex", "Umbrella"]


def test_the_cap_applies_only_while_pool_rules_are_in_force(cli) -> None:
    cli.ok("config", "set", "pool.max_owned", "2")
    for name in ("Acme", "Globex", "Initech"):  # a solo rep has no one to share with
        cli.ok("customer", "add", name)
    cli.ok("config", "set", "pool.enabled", "false")
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Umbrella")  # switched off by hand, even with two reps
    assert len(listed(cli)) == 4
    cli.ok("config", "set", "pool.enabled", "true")
    assert_error(cli("customer", "add", "Hooli"), 1, "pool.max_owned")
    assert len(listed(cli)) == 4


# --- list ------------------------------------------------------------------------------------


@pytest.fixture
def book(cli):
    """Three of alice's customers and one of bob's, with a follow-up history.

    Created less than `pool.recycle_no_follow_up_days` ago, so no pool rule takes them away.
    """
    cli.ok("customer", "add", "Acme Tools", "--city", "Berlin", "--industry", "Tools", "--grade", "A",
           "--tag", "vip", "--tag", "export", "--note", "Met at the Hannover fair",
           env={"SALESCLI_NOW": "2026-11-12T09:00:00+08:00"})
    cli.ok("customer", "add", "Beta Foods", "--city", "berlin", "--industry", "Food", "--contact", "Zhang Wei",
           env={"SALESCLI_NOW": "2026-11-18T09:00:00+08:00"})
    cli.ok("customer", "add", "华为技术有限公司", "--city", "深圳", "--grade", "C", "--tag", "vip",
           env={"SALESCLI_NOW": "2026-11-15T09:00:00+08:00"})
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Globex", "--city", "Berlin", env={"SALESCLI_USER": "bob"})
    cli.ok("log", "Beta", "tasting", "--at", "2026-11-20T10:00")
    cli.ok("log", "华为", "call", "--at", "2026-11-21T10:00", "--next", "2026-11-25", "--next-action", "quote")
    return cli


def test_list_defaults_to_mine(book) -> None:
    assert names(listed(book)) == ["Acme Tools", "Beta Foods", "华为技术有限公司"]
    assert names(listed(book, "--mine")) == ["Acme Tools", "Beta Foods", "华为技术有限公司"]
    everyone = listed(book, "--all")
    assert [(r["name"], r["owner"]) for r in everyone] == [
        ("Acme Tools", "alice"), ("Beta Foods", "alice"), ("Globex", "bob"), ("华为技术有限公司", "alice"),
    ]
    text = book.ok("customer", "list").stdout
    assert "Globex" not in text and "Acme Tools" in text and "3 customers" in text
    text_all = book.ok("customer", "list", "--all").stdout
    assert "Globex" in text_all and "bob" in text_all and "4 customers" in text_all


def test_list_json_has_stable_snake_case_keys_ids_and_iso_dates(book) -> None:
    rows = listed(book, "--all")
    keys = set(rows[0])
    assert {"id", "name", "grade", "city", "industry", "tags", "owner", "last_contact_at", "created_at",
            "archived"} <= keys
    for row in rows:
        assert set(row) == keys
        assert all(SNAKE.match(k) for k in row)
        assert isinstance(row["id"], int)
        assert datetime.fromisoformat(row["created_at"]).tzinfo is not None
    by_name = {r["name"]: r for r in rows}
    assert datetime.fromisoformat(by_name["Beta Foods"]["last_contact_at"]) == datetime.fromisoformat(
        "2026-11-20T10:00:00+08:00"
    )
    assert by_name["Acme Tools"]["last_contact_at"] is None
    assert by_name["华为技术有限公司"]["next_due_on"] == "2026-11-25"
    assert by_name["Acme Tools"]["tags"] == ["export", "vip"]
    assert datetime.fromisoformat(by_name["Acme Tools"]["created_at"]) == datetime.fromisoformat(
        "2026-11-12T09:00:00+08:00"
    )


LIST_CASES = [
    (("--grade", "A"), ["Acme Tools"]),
    (("--grade", "c"), ["华为技术有限公司"]),
    (("--city", "BERLIN"), ["Acme Tools", "Beta Foods"]),
    (("--industry", "food"), ["Beta Foods"]),
    (("--tag", "vip"), ["Acme Tools", "华为技术有限公司"]),
    (("--tag", "vip", "--tag", "export"), ["Acme Tools"]),
    (("--search", "hannover"), ["Acme Tools"]),  # notes
    (("--search", "zhang"), ["Beta Foods"]),  # a contact's name
    (("--search", "华为"), ["华为技术有限公司"]),
    (("--search", "深圳"), ["华为技术有限公司"]),  # city
    (("--search", "Acme Tools GmbH"), ["Acme Tools"]),  # by the normalized name
    (("--search", "100%"), []),
    (("--city", "Berlin", "--all"), ["Acme Tools", "Beta Foods", "Globex"]),
    (("--sort", "last_contact"), ["华为技术有限公司", "Beta Foods", "Acme Tools"]),
    (("--sort", "created"), ["Beta Foods", "华为技术有限公司", "Acme Tools"]),
    (("--sort", "name"), ["Acme Tools", "Beta Foods", "华为技术有限公司"]),
    (("--sort", "created", "--limit", "2"), ["Beta Foods", "华为技术有限公司"]),
]


def test_list_filters_sorts_and_limits(book) -> None:
    for args, expected in LIST_CASES:
        assert names(listed(book, *args)) == expected, args
    assert listed(book, "--search", "nothing like it") == []
    assert "No customers match." in book.ok("customer", "list", "--search", "nothing like it").stdout


def test_a_long_list_is_never_truncated_unless_limited(cli) -> None:
    for i in range(1, 22):
        cli.ok("customer", "add", f"Customer {i:02d} Trading", "--force")
    rows = listed(cli)
    assert names(rows) == [f"Customer {i:02d} Trading" for i in range(1, 22)]
    text = cli.ok("customer", "list").stdout
    assert all(f"Customer {i:02d}" in text for i in range(1, 22))
    assert "21 customers" in text
    assert len(listed(cli, "--limit", "5")) == 5


def test_mixed_cjk_and_latin_table_stays_aligned_at_80_columns(cli) -> None:
    customers = [
        ("华为技术有限公司", "深圳", "通信设备", ["重点", "5G"]),
        ("Acme Precision Tools GmbH", "München", "Machine tools", ["export"]),
        ("上海 Shanghai 混合 Mixed Trading Co., Ltd.", "上海", "贸易 trade", ["新客户"]),
        ("北京字节跳动科技有限公司北京字节跳动科技有限公司", "北京", "互联网", []),
        ("Ａｃｍｅ　全角 Ｔｒａｄｉｎｇ", "广州", "", ["ｆｕｌｌ"]),
    ]
    for name, city, industry, tags in customers:
        args = ["customer", "add", name, "--city", city, "--grade", "A", "--force"]
        args += ["--industry", industry] if industry else []
        for tag in tags:
            args += ["--tag", tag]
        cli.ok(*args)
    cli.ok("log", "1", "call", "--next", "+2d")
    cli.ok("user", "add", "bob")
    for scope in ("--mine", "--all"):
        out = cli.ok("customer", "list", scope, env={"COLUMNS": "80"}).stdout
        lines = out.rstrip("\n").split("\n")
        assert lines[-1] == f"{len(customers)} customers"
        table = lines[:-1]
        widths = {cell_len(line) for line in table}
        assert len(widths) == 1, [(cell_len(line), line) for line in table]
        assert widths.pop() <= 80
        # Every name can be read in full: long names wrap inside their column, they are not cut off.
        body = table[next(i for i, line in enumerate(table) if line.startswith("━")) + 1:]
        shown: dict[str, str] = {}
        current = ""
        for line in body:
            cells = line.split("│")
            if cells[0].strip():
                current = cells[0].strip()
            shown[current] = shown.get(current, "") + "".join(cells[1].split())
        for number, (name, *_rest) in enumerate(customers, start=1):
            assert shown[str(number)] == "".join(name.split()), out


# --- show ------------------------------------------------------------------------------------


@pytest.fixture
def acme(cli):
    cli.ok("customer", "add", "Acme", "--city", "Berlin", "--grade", "A", "--tag", "vip", "--industry", "Tools",
           "--contact", "Li Wei", "--phone", "13900000002")
    cli.ok("customer", "add", "Acme Tools International", "--city", "Hamburg")
    cli.ok("contact", "add", "1", "Bob Schmidt", "--title", "CTO")
    cli.ok("log", "1", "first call with Li", "--at", "2026-11-20T10:00")
    cli.ok("log", "1", "visited the plant", "--kind", "visit", "--location", "Werk 2", "--at", "2026-11-21T15:00",
           "--next", "2026-11-26", "--next-action", "send the quote")
    return cli


def test_show_finds_a_customer_by_id_exact_name_or_part_of_the_name(acme) -> None:
    refs = [
        ("1", 1), ("#1", 1), ("2", 2), ("#2", 2),  # by id
        ("Acme", 1), ("acme", 1), ("ACME GmbH", 1), (" Acme ", 1),  # exact name, though #2 contains it
        ("Tools Intern", 2), ("international", 2), ("Acme T", 2),  # part of a name
    ]
    for ref, expected in refs:
        assert acme.ok("customer", "show", ref, "--json").json()["id"] == expected, ref


def test_show_is_the_whole_card(acme) -> None:
    card = acme.ok("customer", "show", "Acme", "--json").json()
    assert card["name"] == "Acme" and card["owner"] == "alice" and card["tags"] == ["vip"]
    assert [(c["name"], c["primary"]) for c in card["contacts"]] == [("Li Wei", True), ("Bob Schmidt", False)]
    assert [f["summary"] for f in card["timeline"]] == ["visited the plant", "first call with Li"]
    assert card["timeline"][0]["location"] == "Werk 2"
    assert [(t["summary"], t["due_on"], t["next_action"]) for t in card["open_tasks"]] == [
        ("visited the plant", "2026-11-26", "send the quote")
    ]
    assert [(e["kind"], e["from"], e["to"], e["by"]) for e in card["ownership"]] == [
        ("create", None, "alice", "alice")
    ]
    assert datetime.fromisoformat(card["ownership"][0]["at"]) == NOW
    assert datetime.fromisoformat(card["last_contact_at"]) == datetime.fromisoformat("2026-11-21T15:00:00+08:00")

    def all_keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from all_keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from all_keys(inner)

    assert all(SNAKE.match(k) for k in all_keys(card))
    assert all("id" in item for part in ("contacts", "timeline", "open_tasks", "ownership") for item in card[part])
    # The same card as text, the timeline newest first.
    out = acme.ok("customer", "show", "Acme").stdout
    assert out.startswith("#1 Acme\n")
    for text in ("A key", "alice", "Berlin", "Tools", "vip", "Li Wei *", "Bob Schmidt", "CTO", "13900000002",
                 "Open tasks", "send the quote", "in 3 days", "Timeline", "visited the plant @ Werk 2"):
        assert text in out, text
    assert out.index("visited the plant") < out.index("first call with Li")
    # A customer without follow-ups says how to log the first one.
    out = acme.ok("customer", "show", "2").stdout
    assert "#2 Acme Tools International" in out
    assert 'salescli log 2 "..."' in out


def test_a_name_matching_several_customers_lists_the_candidates(acme) -> None:
    acme.ok("customer", "add", "Acme Foods", "--city", "Munich")
    assert acme.ok("customer", "show", "acme f", "--json").json()["name"] == "Acme Foods"
    before = snapshot(acme)
    for args in (("show", "Ac"), ("edit", "Ac", "--city", "X"), ("archive", "Ac")):
        run = acme("customer", *args)
        assert_error(run, 2, "'Ac' matches 3 customers; use the id or more of the name:",
                     "#1 Acme (Berlin, alice)", "#2 Acme Tools International (Hamburg, alice)",
                     "#3 Acme Foods (Munich, alice)")
    assert snapshot(acme) == before


# --- edit ------------------------------------------------------------------------------------


def test_edit_changes_only_what_was_given_and_empty_clears(acme) -> None:
    run = acme.ok("customer", "edit", "Acme", "--grade", "b", "--size", "Medium", "--address", "Hauptstr. 1",
                  "--source", "referral", "--tag", "export", "--untag", "vip", "--note", "Prefers email",
                  "--email", "Sales@Acme.example.com", "--json")
    card = run.json()
    assert card["grade"] == "B" and card["size"] == "medium" and card["address"] == "Hauptstr. 1"
    assert card["tags"] == ["export"] and card["notes"] == "Prefers email"
    assert card["city"] == "Berlin" and card["industry"] == "Tools" and card["name"] == "Acme"
    text = acme.ok("customer", "edit", "1", "--city", "Potsdam")
    assert text.stdout.strip() == "Updated customer #1 Acme."
    assert listed(acme, "--city", "potsdam")[0]["id"] == 1
    # An empty value clears an optional field.
    acme.ok("customer", "edit", "1", "--phone", "010 8888 8888", "--address", "Hauptstr. 1")
    card = acme.ok("customer", "edit", "1", "--city", "", "--industry", "", "--phone", "", "--address", "",
                   "--size", "", "--note", "", "--json").json()
    assert (card["city"], card["industry"], card["phone"], card["address"], card["size"], card["notes"]) == (
        None, None, None, None, None, None,
    )
    assert card["name"] == "Acme" and card["grade"] == "B" and card["tags"] == ["export"]
    # The cleared phone no longer blocks a new customer with that number.
    acme.ok("customer", "add", "Initech", "--phone", "010-88888888")


def test_renaming_into_a_duplicate_is_refused_unless_forced(acme) -> None:
    before = snapshot(acme)
    run = acme("customer", "edit", "2", "--name", "ACME Co., Ltd.")
    assert_error(run, 1, "duplicate customer #1 Acme (same name)", "--force", "#1 Acme")
    assert snapshot(acme) == before
    run = acme("customer", "edit", "2", "--phone", "+86 139 0000 0002")  # Acme's contact's phone
    assert_error(run, 1, "duplicate customer #1 Acme (same phone")
    assert snapshot(acme) == before
    # A customer does not duplicate itself.
    acme.ok("customer", "edit", "1", "--name", "Acme GmbH", "--phone", "13900000002")
    acme.ok("customer", "edit", "2", "--name", "ACME Co., Ltd.", "--force")
    assert sorted(names(listed(acme))) == sorted(["ACME Co., Ltd.", "Acme GmbH"])
    assert acme.ok("customer", "show", "1", "--json").json()["name"] == "Acme GmbH"


# --- archive / restore -----------------------------------------------------------------------


def test_archive_hides_and_restore_brings_back_without_losing_anything(acme) -> None:
    run = acme.ok("customer", "archive", "Acme")
    assert "Archived customer #1 Acme" in run.stdout and "salescli customer restore 1" in run.stdout
    assert names(listed(acme)) == ["Acme Tools International"]
    assert names(listed(acme, "--all")) == ["Acme Tools International"]
    archived = listed(acme, "--archived")
    assert names(archived) == ["Acme"] and archived[0]["archived"] is True
    assert "Acme" in acme.ok("customer", "list", "--archived").stdout
    # Still there to read, marked as archived.
    assert "[archived]" in acme.ok("customer", "show", "1").stdout
    assert acme.ok("customer", "show", "1", "--json").json()["archived"] is True
    run = acme("customer", "archive", "1")
    assert_error(run, 1, "already archived")
    # An archived customer still counts as a duplicate.
    run = acme("customer", "add", "Acme Co., Ltd.")
    assert_error(run, 1, "#1 Acme", "archived")
    assert names(listed(acme, "--archived")) == ["Acme"]
    run = acme.ok("customer", "restore", "1")
    assert "Restored customer #1 Acme." in run.stdout
    assert names(listed(acme)) == ["Acme", "Acme Tools International"]
    assert listed(acme, "--archived") == []
    card = acme.ok("customer", "show", "1", "--json").json()
    assert len(card["contacts"]) == 2 and len(card["timeline"]) == 2 and len(card["open_tasks"]) == 1
    run = acme("customer", "restore", "1")
    assert_error(run, 1, "not archived")


# --- bad input -------------------------------------------------------------------------------


BAD = [
    # (args, exit code, a fragment of the message)
    (("customer", "show", "Nosuch"), 2, "No customer matches 'Nosuch'"),
    (("customer", "show", "#99"), 2, "no customer #99"),
    (("customer", "show", "99"), 2, "99"),
    (("customer", "show", "#99999999999999999999"), 2, "no customer #99999999999999999999"),
    (("customer", "show", "99999999999999999999"), 2, "No customer matches '99999999999999999999'"),
    (("customer", "show", "²"), 2, "No customer matches '²'"),
    (("customer", "edit", "#9223372036854775808", "--city", "X"), 2, "no customer #9223372036854775808"),
    (("customer", "show", ""), 2, "customer name or id is required"),
    (("customer", "show", "Acm"), 2, "matches 2 customers"),
    (("customer", "edit", "Nosuch", "--city", "X"), 2, "No customer matches"),
    (("customer", "edit", "Acm", "--city", "X"), 2, "matches 2 customers"),
    (("customer", "archive", "Nosuch"), 2, "No customer matches"),
    (("customer", "archive", "Acm"), 2, "matches 2 customers"),
    (("customer", "restore", "Nosuch"), 2, "No customer matches"),
    (("customer", "add", ""), 2, "name cannot be empty"),
    (("customer", "add", "   "), 2, "name cannot be empty"),
    (("customer", "add", "Initech", "--grade", "D"), 2, "Grade must be A, B or C"),
    (("customer", "add", "Initech", "--size", "huge"), 2, "Size must be one of micro, small, medium, large"),
    (("customer", "add", "Initech", "--email", "not-an-email"), 2, "Not an email address"),
    (("customer", "add", "Initech", "--email", "a@b"), 2, "Not an email address"),
    (("customer", "add", "Initech", "--phone", "abc"), 2, "Not a phone number"),
    (("customer", "add", "Initech", "--phone", "138abc"), 2, "Not a phone number"),
    (("customer", "add", "Initech", "--phone", "12"), 2, "Not a phone number"),
    (("customer", "add", "Initech", "--tag", " "), 2, "tag cannot be empty"),
    (("customer", "add", "Initech", "--contact", "Li", "--phone", "x"), 2, "Not a phone number"),
    (("customer", "edit", "1", "--name", ""), 2, "name cannot be empty"),
    (("customer", "edit", "1", "--grade", "D"), 2, "Grade must be A, B or C"),
    (("customer", "edit", "1", "--grade", ""), 2, "Grade must be A, B or C"),
    (("customer", "edit", "1", "--size", "huge"), 2, "Size must be one of"),
    (("customer", "edit", "1", "--email", "nope"), 2, "Not an email address"),
    (("customer", "edit", "1", "--phone", "call me"), 2, "Not a phone number"),
    (("customer", "edit", "1"), 2, "Nothing to change"),
    (("customer", "list", "--limit", "0"), 2, "--limit"),
    (("customer", "list", "--limit", "-3"), 2, "--limit"),
    (("customer", "list", "--limit", "99999999999999999999"), 2, "--limit must be a whole number from 1 to"),
    (("customer", "list", "--limit", "1e3"), 2, "--limit must be a whole number from 1 to"),
    (("forgotten", "--days", "99999999999999999999"), 2, "--days must be a whole number from 1 to 3650"),
    (("forgotten", "--days", "0"), 2, "--days must be a whole number from 1 to 3650"),
    (("done", "99999999999999999999"), 2, "TASK_ID must be a whole number from 1 to"),
    (("log", "#99999999999999999999", "Call"), 2, "no customer #99999999999999999999"),
    (("config", "set", "forgotten.a_days", "99999999999999999999"), 2, "from 1 to 3650"),
    (("config", "set", "forgotten.a_days", "-5"), 2, "from 1 to 3650"),
    (("config", "set", "user.handle", "Bad Handle!"), 2, "user.handle"),
    (("config", "set", "store.url", "mysql://x@y/z"), 2, "postgresql://"),
    (("config", "set", "pipeline.currency", "dollars"), 2, "ISO 4217"),
    (("config", "set", "import.default_region", "XX"), 2, "two-letter region"),
    (("config", "set", "user.lang", "fr"), 2, "user.lang"),
    (("customer", "list", "--mine", "--all"), 2, "only one of --mine, --all and --archived"),
    (("customer", "list", "--all", "--archived"), 2, "only one of --mine, --all and --archived"),
    (("customer", "list", "--grade", "D"), 2, "Grade must be A, B or C"),
    (("customer", "list", "--sort", "revenue"), 2, "Sort must be one of name, last_contact, created"),
    (("customer", "add", "Initech", "--bogus"), 2, "No such option"),
]


def test_bad_input_is_one_clear_error_and_changes_nothing(acme) -> None:
    before = snapshot(acme)
    customers = listed(acme, "--all")
    for args, code, fragment in BAD:
        run = acme(*args)
        assert_error(run, code, fragment)
        assert listed(acme, "--all") == customers, args
    assert snapshot(acme) == before
