"""`customer export`, `lead export` and `customer import` (docs/export.md), on SQLite and
PostgreSQL.

An export is what a rep may read, in a stable form a script or Excel reads; written to a
file it is all or nothing; imported into an empty store it gives the same records.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from pathlib import Path

import pytest

from checks import one_line_error
from salescli.domain.export_fields import CUSTOMER_COLUMNS, LEAD_COLUMNS, restore_lead_extra

BOB = {"SALESCLI_USER": "bob"}
NOTES = 'Met at the fair, booth 12\nCall back "after" CNY; bring 样品, price list'


@pytest.fixture
def book(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """alice (admin) and bob (rep). alice owns 北京宏达科技有限公司 (#1: tags, a primary
    contact, notes with commas, quotes and a line break) and Acme (#2, archived later by
    some tests); bob owns Globex (#3); Initech (#4) is in the pool."""
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "北京宏达科技有限公司", "--grade", "A", "--city", "北京", "--industry", "制造",
           "--size", "medium", "--source", "展会", "--tag", "vip", "--tag", "华东", "--note", NOTES,
           "--address", "海淀区 1 号")
    cli.ok("contact", "add", "1", "李华", "--title", "采购经理", "--phone", "13812345678",
           "--email", "li@hongda.cn", "--wechat", "lihua88", "--primary")
    cli.ok("customer", "add", "Acme, Inc.", "--email", "sales@acme.example", "--phone", "+1 415 555 0100")
    cli.ok("customer", "add", "Globex", "--city", "Shanghai", env=BOB)
    cli.ok("customer", "add", "Initech", env=BOB)
    cli.ok("pool", "release", "Initech", "--reason", "No budget", env=BOB)
    return cli


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def without_store_columns(rows: list[dict], columns: tuple[str, ...] = ("id", "created_at", "last_contact_at")):
    """Rows without what a new store decides itself (see docs/export.md, "Round trip")."""
    return [{k: v for k, v in row.items() if k not in columns} for row in rows]


# --------------------------------------------------------------------------- customers


def test_customer_export_csv_has_a_stable_header_and_every_field(book) -> None:
    run = book.ok("customer", "export")
    assert run.stdout.splitlines()[0] == ",".join(CUSTOMER_COLUMNS)
    assert "\r\n" not in run.stdout.replace(NOTES.replace("\n", "\r\n"), "")  # LF line ends
    rows = csv_rows(run.stdout)
    assert [r["name"] for r in rows] == ["北京宏达科技有限公司", "Acme, Inc."]  # alice's own, by id
    hongda = rows[0]
    assert hongda["notes"] == NOTES  # commas, quotes and the line break survive
    assert hongda["tags"] == "vip;华东" or hongda["tags"] == "华东;vip"
    assert (hongda["grade"], hongda["size"], hongda["owner"], hongda["archived"]) == ("A", "medium", "alice", "false")
    assert (hongda["contact_name"], hongda["contact_title"], hongda["contact_phone"], hongda["contact_email"],
            hongda["contact_wechat"]) == ("李华", "采购经理", "13812345678", "li@hongda.cn", "lihua88")
    assert hongda["created_at"].startswith("2026-11-23T09:00:00") and hongda["created_at"].endswith("+08:00")


def test_customer_export_json_and_jsonl_carry_the_same_keys(book) -> None:
    data = book.ok("customer", "export", "--format", "json").json()
    assert [list(item) for item in data] == [list(CUSTOMER_COLUMNS)] * 2
    assert data[0]["tags"] == ["vip", "华东"] and data[0]["archived"] is False and isinstance(data[0]["id"], int)
    assert data[0]["notes"] == NOTES
    lines = book.ok("customer", "export", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == data


def test_who_exports_what(book) -> None:
    def names(*args: str, env: dict | None = None) -> list[str]:
        return [r["name"] for r in csv_rows(book.ok("customer", "export", *args, env=env).stdout)]

    assert names(env=BOB) == ["Globex"]
    assert names("--pool", env=BOB) == ["Initech"]
    assert names("--all") == ["北京宏达科技有限公司", "Acme, Inc.", "Globex", "Initech"]
    one_line_error(book("customer", "export", "--all", env=BOB), 1, "manager or an admin", "--pool")
    one_line_error(book("customer", "export", "--all", "--pool"), 2, "--mine, --pool and --all")
    book.ok("customer", "archive", "Acme, Inc.")
    assert names("--archived") == ["Acme, Inc."]
    assert names() == ["北京宏达科技有限公司"]


def test_excel_form_has_a_bom_and_crlf(book, tmp_path: Path) -> None:
    out = tmp_path / "book.csv"
    run = book.ok("customer", "export", "--excel", "--out", str(out))
    assert run.stdout.strip() == f"Wrote 2 customers to {out}."
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"id,name,")
    assert raw.count(b"\r\n") == 3  # the header and two rows; the note's own line break stays as it was
    assert "北京宏达科技有限公司" in raw.decode("utf-8-sig")
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not a private temp file
    one_line_error(book("customer", "export", "--excel", "--format", "json"), 2, "--excel", "json")
    one_line_error(book("customer", "export", "--format", "xml"), 2, "csv, json, jsonl")


def test_an_unwritable_out_is_refused_before_anything_and_leaves_nothing(book, tmp_path: Path) -> None:
    one_line_error(book("customer", "export", "--out", str(tmp_path / "no" / "such" / "x.csv")), 2,
                   "folder does not exist")
    one_line_error(book("customer", "export", "--out", str(tmp_path)), 2, "is a folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # root may write anywhere
            one_line_error(book("customer", "export", "--out", str(locked / "x.csv")), 2, "permission denied")
    finally:
        locked.chmod(0o700)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config.toml") == ["data", "locked"]


def test_a_failed_export_leaves_the_old_file_whole(book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "book.csv"
    out.write_text("yesterday's export\n")
    from salescli.services import exports

    real = exports._customer_values
    seen = []

    def failing(row: tuple) -> dict:
        seen.append(row)
        if len(seen) == 2:
            raise OSError(28, "No space left on device")
        return real(row)

    monkeypatch.setattr(exports, "_customer_values", failing)
    run = book("customer", "export", "--out", str(out))
    assert run.exit_code != 0
    assert out.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".book")] == []


# --------------------------------------------------------------------------- leads


def add_leads(rows: list[dict]) -> None:
    """Leads written straight into the store: this file tests exporting them, not importing."""
    from datetime import datetime

    from salescli.services.context import open_context

    ctx = open_context()
    at = datetime.fromisoformat("2026-11-20T10:00:00+08:00")
    try:
        with ctx.session(write=True) as session:
            for row in rows:
                values = {"status": "new", "created_at": at, "archived": False, "contact_key": ""} | row
                session.execute(f"INSERT INTO leads ({', '.join(values)}) VALUES"
                                f" ({', '.join(':' + k for k in values)})", values)
    finally:
        ctx.close()


@pytest.fixture
def leads(book):  # noqa: ANN001, ANN201
    """alice's lead from a fair (extra data: 展位号), bob's working lead, a pool lead, and an
    archived (undone) one."""
    add_leads([
        {"company": "宏达科技", "contact": "王五", "phone": "ask at the desk", "email": "w@hongda.cn",
         "source": "展会", "note": "Wants a demo, next week\nafter 3pm", "owner_id": 1,
         "extra": json.dumps({"展位号": "A12", "扫描时间": "2026-11-19 14:02"}, ensure_ascii=False),
         "flags": "bad_phone"},
        {"company": "Globex", "contact": "Ann Lee", "email": "ann@globex.example", "source": "web",
         "status": "working", "owner_id": 2},
        {"company": "Initech", "contact": "Bill", "phone": "13700000000", "source": "web"},
        {"company": "Gone Ltd", "contact": "Zed", "phone": "13600000000", "archived": True, "owner_id": 1},
    ])
    return book


def test_lead_export_csv_and_json(leads) -> None:
    run = leads.ok("lead", "export")
    assert run.stdout.splitlines()[0] == ",".join(LEAD_COLUMNS)
    [row] = csv_rows(run.stdout)
    assert (row["company"], row["contact"], row["owner"], row["status"], row["flags"]) == (
        "宏达科技", "王五", "alice", "new", "bad_phone")
    assert row["note"] == "Wants a demo, next week\nafter 3pm"
    assert json.loads(row["extra"]) == {"展位号": "A12", "扫描时间": "2026-11-19 14:02"}
    data = leads.ok("lead", "export", "--all", "--format", "json").json()
    assert [d["company"] for d in data] == ["宏达科技", "Globex", "Initech"]  # the archived lead is not there
    assert data[0]["extra"] == {"展位号": "A12", "扫描时间": "2026-11-19 14:02"}
    assert data[0]["flags"] == ["bad_phone"] and data[1]["flags"] == [] and data[1]["extra"] == {}
    assert [list(d) for d in data] == [list(LEAD_COLUMNS)] * 3


def test_lead_export_filters_and_scopes(leads) -> None:
    def companies(*args: str, env: dict | None = None) -> list[str]:
        return [d["company"] for d in leads.ok("lead", "export", "--format", "json", *args, env=env).json()]

    assert companies("--all", "--source", "WEB") == ["Globex", "Initech"]
    assert companies("--all", "--status", "working") == ["Globex"]
    assert companies("--pool", env=BOB) == ["Initech"]
    assert companies(env=BOB) == ["Globex"]
    one_line_error(leads("lead", "export", "--all", env=BOB), 1, "team's leads")
    one_line_error(leads("lead", "export", "--status", "hot"), 2, "new, working, converted, disqualified")


def test_restoring_a_lead_exports_extra_data() -> None:
    """What `lead import` applies to a lead export's rows (domain/export_fields.py)."""
    exported = {"id": "7", "status": "working", "owner": "bob", "batch_id": "3", "source_line": "9",
                "flags": "bad_phone", "created_at": "2026-11-20T10:00:00+08:00",
                "extra": json.dumps({"展位号": "A12", "rank": 3}, ensure_ascii=False), "备注2": "kept"}
    assert restore_lead_extra(exported) == {"展位号": "A12", "rank": "3", "备注2": "kept"}
    assert restore_lead_extra({"extra": "not json"}) == {"extra": "not json"}  # never lost


# --------------------------------------------------------------------------- round trip


@pytest.fixture
def empty_store(backend: str, tmp_path: Path):  # noqa: ANN201
    """The address of a second, empty store on the same engine (for PostgreSQL a schema of
    its own, dropped afterwards)."""
    if not backend.startswith("postgresql"):
        yield {"SALESCLI_DB": str(tmp_path / "data" / "salescli" / "other.db")}
        return
    import psycopg

    from conftest import PG_ADMIN_URL

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN_URL.split("://", 1)[1]
    try:
        yield {"SALESCLI_DB": f"postgresql+psycopg://{base}?options=-csearch_path%3D{schema}"}
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_customers_round_trip_through_an_empty_store(book, empty_store: dict, tmp_path: Path) -> None:
    """Export everything, import it into an empty store, export again: the same customers
    in every field a user typed. Ids and created_at differ (a new store numbers its records
    and records when they entered it); last_contact_at comes from follow-ups, which an
    export does not carry."""
    book.ok("customer", "archive", "Acme, Inc.")
    out = tmp_path / "book.csv"
    book.ok("customer", "export", "--all", "--out", str(out))
    book.ok("customer", "export", "--all", "--archived", "--out", str(tmp_path / "archived.csv"))
    first = csv_rows(out.read_text()) + csv_rows((tmp_path / "archived.csv").read_text())
    book.ok("user", "add", "bob", env=empty_store)  # alice, the first user, becomes the admin
    summary = book.ok("customer", "import", str(out), "--json", env=empty_store).json()
    assert (summary["read"], summary["imported"], summary["duplicates"], summary["rejected"]) == (3, 3, 0, 0)
    assert summary["ignored_columns"] == ["id", "created_at", "last_contact_at"]
    book.ok("customer", "import", str(tmp_path / "archived.csv"), env=empty_store)
    again = book.ok("customer", "export", "--all", env=empty_store).stdout
    archived = book.ok("customer", "export", "--all", "--archived", env=empty_store).stdout
    assert without_store_columns(csv_rows(again) + csv_rows(archived)) == without_store_columns(first)
    card = book.ok("customer", "show", "北京宏达科技有限公司", "--json", env=empty_store).json()
    assert card["ownership"][0]["kind"] == "create" and card["contacts"][0]["name"] == "李华"
    # Importing the same file again adds nothing.
    twice = book.ok("customer", "import", str(out), "--json", env=empty_store).json()
    assert (twice["imported"], twice["duplicates"]) == (0, 3)
    assert {p["reason"] for p in twice["problems"]} == {"duplicate"}


def test_leads_round_trip_their_user_fields(leads, empty_store: dict, tmp_path: Path) -> None:
    out = tmp_path / "leads.csv"
    leads.ok("lead", "export", "--all", "--out", str(out))
    leads.ok("user", "add", "bob", env=empty_store)
    leads.ok("lead", "import", str(out), "--json", env=empty_store)
    fields = ("company", "contact", "title", "phone", "email", "wechat", "city", "address", "industry", "source",
              "website", "note", "flags")
    before = leads.ok("lead", "export", "--all", "--format", "json").json()
    after = leads.ok("lead", "export", "--all", "--format", "json", env=empty_store).json()
    assert [{k: d[k] for k in fields} for d in after] == [{k: d[k] for k in fields} for d in before]


def test_leads_round_trip_their_extra_data(leads, empty_store: dict, tmp_path: Path) -> None:
    out = tmp_path / "leads.csv"
    leads.ok("lead", "export", "--all", "--out", str(out))
    leads.ok("lead", "import", str(out), env=empty_store)
    before = leads.ok("lead", "export", "--all", "--format", "json").json()
    after = leads.ok("lead", "export", "--all", "--format", "json", env=empty_store).json()
    assert [d["extra"] for d in after] == [d["extra"] for d in before]


# --------------------------------------------------------------------------- customer import


def write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_text(text, encoding=encoding, newline="")
    return str(path)


def test_customer_import_of_a_foreign_file(book, tmp_path: Path) -> None:
    """Chinese headers, GB18030 as Excel in China writes it; a duplicate of an existing
    customer by phone, one within the file, a row without a name, a bad grade, an owner
    who is not a user (imported into the pool, flagged), a bad e-mail (kept, flagged)."""
    path = write(tmp_path / "客户.csv", (
        "客户名称,联系人,手机,邮箱,等级,负责人,标签,备注\r\n"
        "上海新星贸易有限公司,张三,021-5555 0000,zhang@xinxing.cn,B,bob,新客户;华东,\"第一行\r\n第二行\"\r\n"
        "宏达电子,,138 1234 5678,,A,alice,,\r\n"  # the phone of 北京宏达科技's contact
        ",王五,13900000000,,,,,\r\n"
        "坏等级公司,,,,Z,,,\r\n"
        "无主公司,,,not-an-email,C,carol,,\r\n"
        "上海新星贸易,,,,,,,\r\n"  # the first row again, by name
    ), encoding="gb18030")
    summary = book.ok("customer", "import", path, "--json").json()
    assert summary["encoding"] == "gb18030"
    assert {k: summary[k] for k in ("read", "imported", "duplicates", "rejected", "flagged")} == {
        "read": 6, "imported": 2, "duplicates": 2, "rejected": 2, "flagged": 1}
    problems = {(p["line"], p["kind"], p["reason"]) for p in summary["problems"]}
    # Lines as the file has them: the first row's note spans lines 2 and 3.
    assert problems == {(4, "duplicate", "duplicate"), (5, "rejected", "no_name"), (6, "rejected", "bad_grade"),
                        (7, "flagged", "bad_email"), (7, "flagged", "unknown_owner"),
                        (8, "duplicate", "duplicate_in_file")}
    [dup] = [p for p in summary["problems"] if p["line"] == 4]
    assert (dup["id"], dup["by"]) == (1, "phone")
    customers = {c["name"]: c for c in book.ok("customer", "export", "--all", "--format", "json").json()}
    xinxing = customers["上海新星贸易有限公司"]
    assert (xinxing["owner"], xinxing["tags"], xinxing["notes"], xinxing["contact_name"]) == (
        "bob", ["华东", "新客户"], "第一行\n第二行", "张三")
    assert customers["无主公司"]["owner"] is None and customers["无主公司"]["email"] == "not-an-email"
    text = book.ok("customer", "import", path).stdout  # again, in words: nothing new
    assert "imported 0, duplicates 4, rejected 2" in text
    assert "Line 4: duplicate, matches customer #1 北京宏达科技有限公司 by phone." in text
    assert "Line 6: rejected, grade 'Z' is not A, B or C." in text


def test_customer_import_update_fills_only_empty_fields(book, tmp_path: Path) -> None:
    path = write(tmp_path / "more.csv", "name,city,industry,tags,contact_name\n"
                                        "Acme Inc,San Francisco,Software,key,Wile E.\n"
                                        "Globex,Beijing,Energy,,\n")
    dry = book.ok("customer", "import", path, "--update", "--dry-run", "--json").json()
    assert (dry["updated"], dry["batch"], dry["dry_run"]) == (2, None, True)
    summary = book.ok("customer", "import", path, "--update", "--json").json()
    assert (summary["imported"], summary["duplicates"], summary["updated"]) == (0, 2, 2)
    customers = {c["name"]: c for c in book.ok("customer", "export", "--all", "--format", "json").json()}
    acme, globex = customers["Acme, Inc."], customers["Globex"]
    assert (acme["city"], acme["industry"], acme["tags"], acme["contact_name"]) == (
        "San Francisco", "Software", ["key"], "Wile E.")
    assert (globex["city"], globex["industry"]) == ("Shanghai", "Energy")  # Shanghai was there: kept


def test_customer_import_refusals_write_nothing(book, tmp_path: Path) -> None:
    theirs = write(tmp_path / "theirs.csv", "name,owner\nBob's New Co,bob\nAlice's New Co,alice\n")
    one_line_error(book("customer", "import", theirs, env=BOB), 1, "Line 3", "alice", "manager or an admin",
                   "nothing was imported")
    assert "Bob's New Co" not in book.ok("customer", "export", "--all").stdout  # line 2 went too
    nameless = write(tmp_path / "nameless.csv", "city,phone\nBeijing,13800000000\n")
    one_line_error(book("customer", "import", nameless), 2, "customer's name", "--map COLUMN=name")
    one_line_error(book("customer", "import", theirs, "--map", "owner=salary"), 2)
    one_line_error(book("customer", "import", str(tmp_path / "missing.csv")), 2)
    # --map names the column: a file without the usual headers imports as told.
    summary = book.ok("customer", "import", nameless, "--map", "city=name", "--json").json()
    assert (summary["imported"], summary["columns"]["city"]) == (1, "name")


def test_customer_import_reads_standard_input_and_says_why_a_value_is_refused(book) -> None:
    text = "name,city,notes\n" + "N" * 250 + ",Bern,\nOK Co,\"Zug\nZG\",fine\nBell Co,Bern,ring\x07\n"
    run = book.ok("customer", "import", "-", input=text)
    assert "Read 3: imported 1, duplicates 0, rejected 2" in run.stdout
    assert "Line 2: rejected, The customer name is 250 characters long; at most 200 are allowed." in run.stdout
    assert "Line 5: rejected, The notes cannot contain a control character (U+0007)." in run.stdout
    [ok] = [c for c in book.ok("customer", "export", "--format", "json").json() if c["name"] == "OK Co"]
    assert ok["city"] == "Zug ZG"  # a line break in a one-line field is a space
