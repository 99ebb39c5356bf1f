"""The daily commands stay fast: what they import, how they end, how long listings stream.

Timings are not asserted here (this machine is noisy; benchmarks/phases.py measures them).
What is asserted is what makes them fast and must not regress: the daily commands import
no SQLAlchemy, Pydantic, Alembic, PostgreSQL driver or TUI on a SQLite store; the process
ends with exact exit codes and nothing lost; a long JSON listing is written while it is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from test_startup import _loaded

# Never needed by a daily command on a SQLite store. Days and amounts in the common
# currencies are drawn without Babel's date and number modules (~40 ms to load).
NOT_ON_THE_DAILY_PATH = {"sqlalchemy", "sqlmodel", "alembic", "psycopg", "psycopg_binary", "pydantic",
                         "pydantic_core", "textual", "tomlkit", "rapidfuzz", "babel.dates", "babel.numbers"}

DAILY = [
    ["agenda"],
    ["agenda", "--json"],
    ["tasks"],
    ["forgotten"],
    ["customer", "list"],
    ["customer", "list", "--all", "--json"],
    ["customer", "show", "Northwind"],
    ["log", "Northwind", "Called about the order", "--next", "+3d"],
    ["deal", "add", "Northwind", "Spare parts", "--amount", "5万", "--close", "fri"],
    ["deal", "list"],
    ["deal", "show", "1"],
    ["report", "funnel"],
    ["report", "forecast"],
]


@pytest.fixture
def store_with_a_customer(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("customer", "add", "Northwind Trading", "--city", "Shanghai", "--contact", "Li Lei")
    sqlite_cli.ok("log", "Northwind", "First visit", "--kind", "visit", "--at", "-20d", "--next", "-2d")
    sqlite_cli.ok("deal", "add", "Northwind", "CNC lathes", "--amount", "36万", "--close", "+30d")


@pytest.mark.parametrize("args", DAILY, ids=lambda a: " ".join(a))
def test_daily_commands_load_only_what_they_use(store_with_a_customer, args: list[str]) -> None:  # noqa: ANN001
    loaded, out = _loaded(args)
    assert out.strip(), "the command printed nothing"
    unneeded = loaded & NOT_ON_THE_DAILY_PATH
    assert not unneeded, f"salescli {' '.join(args)} imported {sorted(unneeded)}"


def test_agenda_on_sqlite_loads_no_postgresql_dialect_or_driver(store_with_a_customer) -> None:  # noqa: ANN001
    """The full module list, not only the packages: no PostgreSQL code of any library."""
    modules, out = _loaded(["agenda"])
    assert out.strip()
    assert not [m for m in modules if "postgres" in m or "psycopg" in m]


# --------------------------------------------------------------------------- how a command ends


def _run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "salescli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=60)


def test_exit_codes_are_exact_through_the_fast_exit(store_with_a_customer) -> None:  # noqa: ANN001
    assert _run("customer", "show", "Northwind").returncode == 0
    refused = _run("customer", "add", "Northwind Trading")
    assert refused.returncode == 1 and refused.stderr.startswith("Error: ")
    assert _run("customer", "show", "Nobody at all").returncode == 2
    assert _run("no-such-command").returncode == 2
    broken = _run("tasks", "--json")
    assert broken.returncode == 0 and json.loads(broken.stdout)[0]["customer"] == "Northwind Trading"


def test_a_log_written_just_before_the_fast_exit_is_kept(store_with_a_customer) -> None:  # noqa: ANN001
    """The process ends without Python's clean-up: the commit must already be on disk."""
    assert _run("log", "Northwind", "Sent the samples", "--kind", "email").returncode == 0
    card = json.loads(_run("customer", "show", "Northwind", "--json").stdout)
    assert card["timeline"][0]["summary"] == "Sent the samples"


def test_a_reader_that_stops_early_gets_no_traceback(sqlite_cli) -> None:  # noqa: ANN001
    from datetime import datetime

    from conftest import NOW
    from salescli.core.paths import url_for
    from salescli.services.demo import seed_store

    # Far more than a pipe holds (64 KiB), so the writer does meet the closed pipe.
    seed_store(url_for(os.environ["SALESCLI_DB"]), now=datetime.fromisoformat(NOW), customers=3000, follow_ups=300,
               reps=[("alice", "Alice")])
    proc = subprocess.run(f"'{sys.executable}' -m salescli customer list --all | head -1", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert "ID" in proc.stdout and proc.stdout.count("\n") == 1, proc.stdout
    assert proc.stderr == ""
    proc = subprocess.run(f"'{sys.executable}' -m salescli customer list --all --json | head -c 10", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.startswith("[") and proc.stderr == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["agenda"], ["customer", "list", "--all", "--json"], ["tasks", "--json"]])
def test_a_full_disk_is_one_sentence_and_exit_74(store_with_a_customer, args: list[str]) -> None:  # noqa: ANN001
    with open("/dev/full", "w") as full:
        proc = _run(*args, stdout=full)
    assert proc.returncode == 74
    assert proc.stderr.splitlines() == ["Error: Could not write the output: No space left on device."]


def test_a_full_disk_is_worded_in_chinese_too(store_with_a_customer) -> None:  # noqa: ANN001
    with open("/dev/full", "w") as full:
        proc = _run("--lang", "zh_CN", "agenda", stdout=full)
    assert proc.returncode == 74
    assert proc.stderr.strip() == "错误：无法写出结果：No space left on device。"


# --------------------------------------------------------------------------- streaming


def test_a_json_listing_is_written_while_it_is_read(sqlite_cli, monkeypatch) -> None:  # noqa: ANN001
    """The first rows reach stdout before the last ones are read from the store."""
    import io

    from salescli.services import customers as service
    from salescli.terminal import render

    for number in range(30):
        sqlite_cli.ok("customer", "add", f"Stream {number:02d}", "--force")
    out = io.StringIO()
    monkeypatch.setattr(render.sys, "stdout", out)
    written_when_read: list[int] = []
    real_rows = service._listing_rows

    def watching(ctx, filters):  # noqa: ANN001, ANN202
        for row in real_rows(ctx, filters):
            written_when_read.append(out.getvalue().count('"id"'))
            yield row

    monkeypatch.setattr(service, "_listing_rows", watching)
    from salescli.services.context import open_context

    render.print_json(service.list_customers(open_context(), service.ListFilter(scope="all")))
    assert written_when_read[0] == 0 and written_when_read[-1] == 29  # row n is read after n rows are out
    rows = json.loads(out.getvalue())
    assert [r["name"] for r in rows] == [f"Stream {n:02d}" for n in range(30)]


def test_streamed_and_shown_json_agree(cli) -> None:  # noqa: ANN001
    """A listing's rows (streamed) carry the same values as the same customers' cards."""
    cli.ok("customer", "add", "Acme Robotics", "--city", "Suzhou", "--tag", "vip", "--tag", "export")
    cli.ok("log", "Acme", "Demo", "--next", "+2d")
    row = cli.ok("customer", "list", "--json").json()[0]
    card = cli.ok("customer", "show", "Acme", "--json").json()
    for key in ("id", "name", "city", "grade", "created_at", "last_contact_at", "tags", "owner", "archived"):
        assert row[key] == card[key], key
    assert row["open_tasks"] == 1 and row["next_due_on"] == "2026-11-25"
    assert cli.ok("customer", "list", "--archived", "--json").stdout.strip() == "[]"


# --------------------------------------------------------------------------- search


@pytest.fixture
def searchable(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Northwind Trading Co., Ltd.", "--city", "Hangzhou")
    cli.ok("customer", "add", "上海宏达机械有限公司", "--city", "上海", "--note", "wants a 50% discount")
    cli.ok("customer", "add", "Bluebay Foods", "--contact", "Zhang Wei")
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Harbor_Point Logistics", env={"SALESCLI_USER": "bob"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("northwind", ["Northwind Trading Co., Ltd."]),  # any case
        ("hangzhou", ["Northwind Trading Co., Ltd."]),  # the city
        ("宏达", ["上海宏达机械有限公司"]),  # two characters: shorter than a trigram
        ("50% disc", ["上海宏达机械有限公司"]),  # the notes; % is a character, not a wildcard
        ("zhang wei", ["Bluebay Foods"]),  # a contact's name
        ("Harbor_Point", ["Harbor_Point Logistics"]),  # _ is a character too
        ("HarborXPoint", []),
        ("northwind trading co ltd", ["Northwind Trading Co., Ltd."]),  # the dedupe key
    ],
)
def test_search_finds_every_field_on_every_scope(cli, searchable, text: str, expected: list[str]) -> None:  # noqa: ANN001
    every = [r["name"] for r in cli.ok("customer", "list", "--all", "--search", text, "--json").json()]
    assert sorted(every) == sorted(expected)
    mine = [r["name"] for r in cli.ok("customer", "list", "--search", text, "--json").json()]
    assert sorted(mine) == sorted(n for n in expected if not n.startswith("Harbor"))


def test_search_follows_renames_and_new_contacts(cli, searchable) -> None:  # noqa: ANN001
    cli.ok("customer", "edit", "Northwind", "--name", "Southwind Holdings")
    assert cli.ok("customer", "list", "--all", "--search", "northwind", "--json").json() == []
    assert [r["name"] for r in cli.ok("customer", "list", "--all", "--search", "southwind", "--json").json()] == [
        "Southwind Holdings"]
    cli.ok("contact", "add", "Southwind", "Margaret Thatcher")
    found = cli.ok("customer", "list", "--all", "--search", "thatcher", "--json").json()
    assert [r["name"] for r in found] == ["Southwind Holdings"]
