"""`salescli lead import` as a script feeding it messy lead lists would use it
(docs/import.md), on SQLite and PostgreSQL: what was imported, linked, flagged, rejected
and skipped, each problem with its line and what it matched; a second run imports
nothing; `--update`, `--dry-run`, `--reject-file`, owners, `--undo`, standard input; and
a property test of the counts and the dedupe keys at the service level.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import one_line_error

BOB = {"SALESCLI_USER": "bob"}
HEADER = "Company,Contact,Phone,Email,City,Source,Booth No\n"

# Line 1 is the header. Line 3 repeats line 2's phone in another format; line 4 holds a
# quoted company with a comma and a bad phone; line 5 has nothing to identify; line 6 is a
# bare name; line 7 a company already a customer, with a bad e-mail; line 8 the lead
# imported before, by phone; line 9 line 2's company and contact again, spaced and cased
# differently; line 10 another person at line 2's company; line 11 a company name too long.
MESSY = HEADER + (
    "宏达科技有限公司,李华,138 0013 8000,lihua@hongda.cn,上海,expo,A12\n"
    "宏达科技,李华,+86 138-0013-8000,,上海,,A12\n"
    '"Acme, Inc.",John Smith,call me,john@acme.example,NYC,web,\n'
    ",,,,Beijing,,\n"
    ",王五,,,,,\n"
    "Globex Ltd,Ann Lee,021-5555 0000,ann@globex,Shanghai,,B7\n"
    "Initech,Peter Gibbons,+86 139 0013 9000,,Austin,,\n"
    " 宏达科技 , 李 华 ,,,,,\n"
    "宏达科技,张伟,,zhangwei@hongda.cn,,,\n"
    + "X" * 201 + ",Somebody,13700137000,,,,\n"
)


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return str(path)


def imported(cli, *args: str, **kwargs) -> dict:  # noqa: ANN001, ANN003 - a conftest.Cli
    return cli.ok("lead", "import", *args, "--json", **kwargs).json()


def problems(data: dict) -> dict[int, tuple[str, str, str | None]]:
    return {p["line"]: (p["kind"], p["reason"], p["matched"]) for p in data["problems"]}


def live_leads() -> list:
    from salescli.services.context import open_context

    ctx = open_context()
    try:
        with ctx.session() as session:
            return session.execute(
                "SELECT id, company, contact, phone, email, city, source, extra, flags, owner_id, customer_id,"
                " batch_id, source_line, phone_key, email_key, company_key, contact_key FROM leads"
                " WHERE archived = :no ORDER BY id", {"no": False},
            ).all()
    finally:
        ctx.close()


def sql(statement: str, params: dict | None = None) -> None:
    from salescli.services.context import open_context

    ctx = open_context()
    try:
        with ctx.session(write=True) as session:
            session.execute(statement, params or {})
    finally:
        ctx.close()


@pytest.fixture
def messy(cli, tmp_path: Path) -> str:  # noqa: ANN001
    """A store with Globex as a customer and Peter Gibbons (Initech) as lead #1; the messy file."""
    cli.ok("customer", "add", "Globex Corporation")
    first = write(tmp_path, "first.csv", HEADER + "Initech,Peter Gibbons,139-0013-9000,,Austin,,\n")
    assert imported(cli, first)["imported"] == 1
    return write(tmp_path, "leads.csv", MESSY)


def test_a_messy_file_is_imported_reported_line_by_line_and_linked(cli, messy: str, tmp_path: Path) -> None:
    data = imported(cli, messy, "--source", "fair-2026")
    counts = {k: data[k] for k in ("read", "imported", "duplicates", "rejected", "flagged", "updated", "linked")}
    assert counts == {"read": 10, "imported": 4, "duplicates": 3, "rejected": 3, "flagged": 2, "updated": 0,
                      "linked": 1}
    assert data["read"] == data["imported"] + data["duplicates"] + data["rejected"]
    assert data["batch"] == 2 and data["dry_run"] is False
    assert data["columns"] == {"Company": "company", "Contact": "contact", "Phone": "phone", "Email": "email",
                               "City": "city", "Source": "source"}
    assert data["extra_columns"] == ["Booth No"]
    found = problems(data)
    assert found[3] == ("duplicate", "duplicate", "line 2 of this file, by phone")
    assert found[4] == ("flagged", "bad_phone", None)
    assert found[5] == ("rejected", "no_identity", None)
    assert found[6] == ("rejected", "contact_only", None)
    assert found[7] == ("flagged", "bad_email", None)
    assert found[8] == ("duplicate", "duplicate", "lead #1 Peter Gibbons @ Initech, by phone")
    assert found[9] == ("duplicate", "duplicate", "line 2 of this file, by company and contact")
    assert found[11][:2] == ("rejected", "too_long")
    assert 10 not in found  # another person at the same company is another lead
    assert {p["line"]: p["message"] for p in data["problems"]}[11] == "the company is longer than 200 characters"

    leads = {(lead.company, lead.contact): lead for lead in live_leads()}
    assert set(leads) == {("Initech", "Peter Gibbons"), ("宏达科技有限公司", "李华"), ("Acme, Inc.", "John Smith"),
                          ("Globex Ltd", "Ann Lee"), ("宏达科技", "张伟")}
    hongda = leads[("宏达科技有限公司", "李华")]
    assert (hongda.source, hongda.source_line, hongda.extra) == ("expo", 2, '{"Booth No": "A12"}')
    assert leads[("宏达科技", "张伟")].source == "fair-2026"  # --source fills rows without one
    assert leads[("Globex Ltd", "Ann Lee")].customer_id == 1 and leads[("Globex Ltd", "Ann Lee")].flags == "bad_email"
    assert leads[("Acme, Inc.", "John Smith")].flags == "bad_phone"
    assert all(lead.customer_id is None for key, lead in leads.items() if key[0] != "Globex Ltd")

    text = cli.ok("lead", "import", messy).stdout
    assert text.splitlines()[0] == "Imported 0 of 10 rows from " + messy + " (batch #3)."
    assert "  duplicates: 7 (skipped)" in text and "Read as " in text
    assert "line 2, duplicate: same as lead #2 李华 @ 宏达科技有限公司, by phone" in text
    assert "Extra columns kept on each lead: Booth No" in text


def test_a_file_prepared_in_the_worker_process_imports_exactly_as_one_prepared_here(
    cli, messy: str, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    """Large files are read and prepared in a forked worker (services/lead_import.py
    `_prepared`); the result must not depend on where the rows were prepared."""
    from salescli.services import lead_import

    here = imported(cli, messy, "--dry-run")
    monkeypatch.setattr(lead_import, "WORKER_MIN_BYTES", 0)
    there = imported(cli, messy, "--dry-run")
    assert there == here
    data = imported(cli, messy)
    assert (data["imported"], data["duplicates"], data["rejected"]) == (here["imported"], here["duplicates"],
                                                                        here["rejected"])
    assert len(live_leads()) == 1 + here["imported"]


def test_importing_the_same_file_twice_imports_nothing_the_second_time(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "leads.csv", MESSY)
    first = imported(cli, path)
    again = imported(cli, path)
    assert first["imported"] == 5
    assert (again["imported"], again["duplicates"], again["rejected"]) == (0, first["imported"] + first["duplicates"],
                                                                          first["rejected"])
    assert len(live_leads()) == 5


def test_update_fills_only_empty_fields(cli, tmp_path: Path) -> None:
    imported(cli, write(tmp_path, "a.csv", HEADER + "宏达科技,李华,13800138000,,上海,expo,\n"))
    later = HEADER + "宏达科技,李华,,lihua@hongda.cn,北京,web,A12\nNew Co,Bo,,bo@new.co,,,\n"
    data = imported(cli, write(tmp_path, "b.csv", later), "--update")
    assert (data["imported"], data["duplicates"], data["updated"]) == (1, 1, 1)
    assert problems(data)[2] == ("duplicate", "duplicate", "lead #1 李华 @ 宏达科技, by company and contact")
    lead = live_leads()[0]
    assert (lead.phone, lead.email, lead.city, lead.source, lead.extra) == (
        "13800138000", "lihua@hongda.cn", "上海", "expo", '{"Booth No": "A12"}')
    assert lead.email_key == "lihua@hongda.cn"  # the key travels with the field: the next match finds it
    by_email = imported(cli, write(tmp_path, "c.csv", HEADER + "Other,Someone,,LIHUA@hongda.cn,,,\n"))
    assert problems(by_email)[2][2] == "lead #1 李华 @ 宏达科技, by e-mail"
    text = cli.ok("lead", "import", write(tmp_path, "b.csv", later), "--update").stdout
    assert "duplicates: 2 (0 updated with empty fields filled)" in text  # nothing left to fill


def test_dry_run_writes_nothing_but_counts_like_the_real_run(cli, messy: str) -> None:
    before = live_leads()
    dry = imported(cli, messy, "--dry-run")
    assert dry["dry_run"] is True and dry["batch"] is None
    assert live_leads() == before
    real = imported(cli, messy)
    assert {k: real[k] for k in ("imported", "duplicates", "rejected", "flagged", "linked")} == {
        k: dry[k] for k in ("imported", "duplicates", "rejected", "flagged", "linked")}
    assert real["batch"] == 2  # the dry run used no batch number
    text = cli.ok("lead", "import", messy, "--dry-run").stdout
    assert text.startswith("Dry run: would import 0 of 10 rows")


def test_reject_file_round_trip(cli, messy: str, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    data = imported(cli, messy, "--reject-file", str(rejects))
    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, so Excel reads it
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Company", "Contact", "Phone", "Email", "City", "Source", "Booth No", "reject_line",
                       "reject_reason", "reject_matched"]
    assert [int(r[7]) for r in rows[1:]] == [3, 5, 6, 8, 9, 11]
    assert len(rows) - 1 == data["duplicates"] + data["rejected"]
    by_line = {r[7]: r for r in rows[1:]}
    assert by_line["6"][:7] == ["", "王五", "", "", "", "", ""]
    assert by_line["8"][9] == "lead #1 Peter Gibbons @ Initech, by phone"
    assert by_line["5"][8] == "no company and no contact name"
    # Fix the rejected rows in the file and import it again: they come in, the duplicates stay out.
    by_line["5"][0] = "北京某某公司"
    by_line["6"][2] = "13600136000"
    by_line["11"][0] = "Short Name Co"
    fixed = io.StringIO()
    csv.writer(fixed).writerows([rows[0], *by_line.values()])
    again = imported(cli, write(tmp_path, "fixed.csv", fixed.getvalue(), "utf-8-sig"))
    assert (again["imported"], again["duplicates"], again["rejected"]) == (3, 3, 0)
    assert "reject_line" not in again["columns"] and "reject_line" not in again["extra_columns"]


def test_a_reject_file_that_cannot_be_written_stops_before_anything_is_imported(cli, messy: str,
                                                                                tmp_path: Path) -> None:
    run = cli("lead", "import", messy, "--reject-file", str(tmp_path / "missing" / "r.csv"))
    one_line_error(run, 2, "reject file")
    assert len(live_leads()) == 1


def test_owners_assign_pool_and_both(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", HEADER + "Acme,Ann,13800138000,,,,\n")
    cli.ok("user", "add", "bob")
    assert imported(cli, path, "--pool")["owner"] is None
    sql("UPDATE leads SET archived = :yes", {"yes": True})
    assert imported(cli, path, "--assign", "bob")["owner"] == "bob"  # alice is an admin
    assert {lead.owner_id for lead in live_leads()} == {2}
    one_line_error(cli("lead", "import", path, "--assign", "bob", "--pool"), 2, "--assign", "--pool")
    rejects = tmp_path / "rejects.csv"
    one_line_error(cli("lead", "import", path, "--assign", "alice", "--reject-file", str(rejects), env=BOB), 1,
                   "alice", "rep")
    assert not rejects.exists()  # refused before a row was read: no file left behind
    one_line_error(cli("lead", "import", path, "--assign", "nobody"), 2, "nobody")
    cli.ok("user", "add", "carol")
    cli.ok("user", "deactivate", "carol")
    one_line_error(cli("lead", "import", path, "--assign", "carol"), 1, "carol")
    assert len(live_leads()) == 1


def test_map_to_an_unknown_field_is_refused_before_anything_is_written(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Firma,Name\nAcme,Ann\n")
    run = cli("lead", "import", path, "--map", "Firma=compnay")
    assert run.exit_code == 2 and "compnay" in run.stderr and "Traceback" not in run.stderr
    assert live_leads() == []
    data = imported(cli, path, "--map", "Firma=company", "--map", "Name=contact")
    assert (data["imported"], data["batch"]) == (1, 1)  # nothing, not even a batch, was written before


def test_json_keys(cli, messy: str) -> None:
    data = imported(cli, messy)
    assert {"read", "imported", "duplicates", "rejected", "flagged", "updated", "linked", "batch", "encoding",
            "encoding_guessed", "delimiter", "columns", "extra_columns", "dry_run", "problems",
            "problems_truncated"} <= set(data)
    assert set(data["problems"][0]) >= {"line", "kind", "reason", "matched"}
    assert data["problems_truncated"] is False


def test_undo_removes_unworked_leads_and_keeps_worked_ones(cli, messy: str) -> None:
    batch = imported(cli, messy)["batch"]
    worked = next(lead.id for lead in live_leads() if lead.contact == "John Smith")
    sql("INSERT INTO lead_events (lead_id, kind, by_user_id, at) VALUES (:id, 'follow_up', 1, :at)",
        {"id": worked, "at": datetime(2026, 11, 23, 1, tzinfo=UTC)})
    done = cli.ok("lead", "import", "--undo", str(batch), "--json").json()
    assert (done["batch"], done["removed"], done["kept"]) == (batch, 3, 1)
    assert sorted(lead.contact for lead in live_leads()) == ["John Smith", "Peter Gibbons"]
    one_line_error(cli("lead", "import", "--undo", str(batch)), 1, f"#{batch}", "already undone")
    one_line_error(cli("lead", "import", "--undo", "99"), 2, "#99")
    one_line_error(cli("lead", "import", "--undo", "abc"), 2, "abc")
    cli.ok("user", "add", "bob")
    one_line_error(cli("lead", "import", "--undo", "1", env=BOB), 1, "#1")
    # Dedupe looks at live leads only: the undone file comes back in.
    assert imported(cli, messy)["imported"] == 3
    text = cli.ok("lead", "import", "--undo", "#3").stdout
    assert text == "Removed 3 leads of batch #3.\n"


def test_standard_input_and_nothing_on_stderr_when_it_is_not_a_terminal(cli) -> None:
    rows = "Acme,Ann,13800138000,,,,\nAcme,Ann,,,,,\nBell\x07 Labs,Bo,13900139000,,,,\nZeta\u200b Co,Cy,,,,,\n"
    run = cli.ok("lead", "import", "-", "--json", input=HEADER + rows)
    assert run.stderr == ""  # no progress bar, no notes: a script reads only errors there
    data = run.json()
    assert (data["read"], data["imported"], data["duplicates"], data["rejected"], data["file"]) == (4, 2, 1, 1, "-")
    assert {p["line"]: p["message"] for p in data["problems"]}[4] == (
        "the company holds a character that cannot be stored (U+0007)")
    assert [lead.company for lead in live_leads()] == ["Acme", "Zeta Co"]  # an invisible space is dropped


def test_a_file_is_needed_without_undo(cli) -> None:
    one_line_error(cli("lead", "import"), 2, "file")


# --- the counts and keys hold for any rows --------------------------------------------------------

COMPANIES = ["宏达科技", "宏达科技有限公司", "Acme", "ACME Inc.", "Globex", ""]
CONTACTS = ["李华", "Li Hua", "li  hua", "Ann", ""]
PHONES = ["13800138000", "+86 138 0013 8000", "010-8888 8888", "abc", ""]
EMAILS = ["a@x.cn", "A@X.CN ", "b@y.com", "bad@", ""]
row_strategy = st.tuples(*(st.sampled_from(values) for values in (COMPANIES, CONTACTS, PHONES, EMAILS)))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(row_strategy, min_size=1, max_size=25), st.integers(min_value=1, max_value=7))
def test_any_rows_keep_the_counts_and_leave_no_two_live_leads_sharing_a_key(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, ...]], chunk: int,
) -> None:
    from salescli.present.lead_import import problem_words
    from salescli.services import lead_import
    from salescli.services.context import open_context

    counted = [row for row in rows if any(row)]  # a blank line is no row (services/table_reader.py)
    if not counted:
        return  # a file with no rows is refused before anything is imported
    folder = tmp_path_factory.mktemp("prop")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Company", "Contact", "Phone", "Email"], *rows])
    path = folder / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    ctx = open_context(url=f"sqlite:///{folder / 'store.db'}")
    old = lead_import.CHUNK_ROWS
    lead_import.CHUNK_ROWS = chunk  # small chunks: matches across chunks are found in the store
    try:
        for update in (False, True):
            done = lead_import.import_leads(ctx, lead_import.ImportRequest(str(path), update=update),
                                            words=problem_words)
            assert done.read == len(counted) == done.imported + done.duplicates + done.rejected
        with ctx.session() as session:
            leads = session.execute(
                "SELECT phone_key, email_key, company_key, contact_key FROM leads WHERE archived = :no",
                {"no": False}).all()
    finally:
        lead_import.CHUNK_ROWS = old
        ctx.close()
    for column in ("phone_key", "email_key"):
        keys = [getattr(lead, column) for lead in leads if getattr(lead, column)]
        assert len(keys) == len(set(keys)), column
    pairs = [(lead.company_key, lead.contact_key) for lead in leads if lead.company_key]
    assert len(pairs) == len(set(pairs))


def test_a_terminal_sees_a_progress_bar_on_stderr_and_stdout_stays_the_summary(sqlite_cli, tmp_path: Path) -> None:
    """The progress bar is drawn only where a person watches: stderr as a terminal."""
    import os
    import pty
    import subprocess
    import sys

    sqlite_cli.ok("db", "init")
    path = write(tmp_path, "leads.csv", HEADER + "".join(f"Firm {i},Person {i},1380013{i:04d},,,,\n"
                                                         for i in range(3000)))
    master, slave = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "salescli", "lead", "import", path], stdout=subprocess.PIPE,
                             stderr=slave, env=os.environ | {"COLUMNS": "100"}, timeout=60)
        os.close(slave)
        drawn = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(master)
    assert run.returncode == 0
    assert run.stdout.decode().startswith("Imported 3000 of 3000 rows")
    assert b"Importing" in drawn
