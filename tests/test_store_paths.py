"""Where a store may be created (docs/identity-and-dedupe.md "Where a store is created", store/engine.py).

Only the default store (and the default demo) is created unasked. A store named anywhere
else (SALESCLI_DB, --db, store.url) must be in an existing folder, and a missing file is
created only by a command that writes or by `salescli db init`, which say so; a read says
there is no store there and creates nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import one_line_error

READS = [["agenda"], ["customer", "list"], ["tasks"], ["db", "info"], ["user", "list"], ["db", "upgrade"]]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_missing_folder_is_bad_input_and_is_never_created(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "store.db"
    for args in [*READS, ["customer", "add", "Acme"], ["user", "add", "bob"], ["db", "init"]]:
        run = sqlite_cli(*args, env={"SALESCLI_DB": str(target)})
        one_line_error(run, 2, str(target))
        assert "no folder" in run.stderr and run.stdout == ""
    assert not (tmp_path / "no").exists()


def test_a_read_on_a_missing_store_says_how_to_create_it_and_creates_nothing(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "typo.db"
    for args in READS:
        run = sqlite_cli(*args, env={"SALESCLI_DB": str(target)})
        one_line_error(run, 2, f"There is no store at {target}", "salescli db init", "SALESCLI_DB")
        assert run.stdout == ""
    assert not target.exists()
    assert "typo.db" not in "".join(_files(tmp_path))


def test_the_first_write_creates_the_store_and_says_so(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "team.db"
    env = {"SALESCLI_DB": str(target)}
    run = sqlite_cli.ok("customer", "add", "Acme", env=env)
    assert run.stderr == f"Note: Created a new store at {target}.\n"
    assert target.exists()
    again = sqlite_cli.ok("customer", "add", "Globex", env=env)
    assert again.stderr == ""
    assert [c["name"] for c in sqlite_cli.ok("customer", "list", "--json", env=env).json()] == ["Acme", "Globex"]
    # Other writes create it too.
    other = tmp_path / "other.db"
    assert "Created a new store" in sqlite_cli.ok("user", "add", "bob", env={"SALESCLI_DB": str(other)}).stderr
    assert other.exists()


def test_db_option_and_config_file_follow_the_same_rules(sqlite_cli, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "opt.db"
    one_line_error(sqlite_cli("--db", str(target), "agenda"), 2, f"There is no store at {target}")
    assert "Created a new store" in sqlite_cli.ok("--db", str(target), "customer", "add", "Acme").stderr
    monkeypatch.delenv("SALESCLI_DB")
    configured = tmp_path / "missing" / "configured.db"
    sqlite_cli.ok("config", "set", "store.url", str(configured))
    one_line_error(sqlite_cli("tasks"), 2, str(configured))
    assert not configured.parent.exists()


def test_db_init_creates_the_store_once(sqlite_cli, tmp_path: Path) -> None:
    from salescli.store.schema import HEAD

    target = tmp_path / "new.db"
    env = {"SALESCLI_DB": str(target)}
    first = sqlite_cli.ok("db", "init", env=env)
    assert first.stderr == f"Note: Created a new store at {target}.\n"
    assert first.stdout.strip() == f"The store {target} is at schema {HEAD}."
    second = sqlite_cli.ok("db", "init", env=env)
    assert second.stderr == ""
    assert second.stdout.strip() == f"The store {target} already exists and is at schema {HEAD}."
    assert "Nothing on the agenda" in sqlite_cli.ok("agenda", env=env).stdout


def test_db_init_on_a_store_in_use(cli) -> None:
    cli.ok("customer", "add", "Acme")
    run = cli.ok("db", "init")
    assert "already exists" in run.stdout and run.stderr == ""


def test_the_default_store_is_created_silently_by_a_read(sqlite_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SALESCLI_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    run = sqlite_cli.ok("agenda")
    assert run.stderr == ""
    assert (tmp_path / "fresh" / "salescli" / "salescli.db").exists()


@pytest.mark.parametrize("address", ["mysql://u@h/db", "mysql+pymysql://u:pw@h/db", "sqlserver://h/db"])
def test_an_unsupported_database_names_the_supported_ones(sqlite_cli, address: str) -> None:
    run = sqlite_cli("agenda", env={"SALESCLI_DB": address})
    one_line_error(run, 2, "not supported", "sqlite, postgresql, postgres, postgresql+psycopg")
    assert "driver" not in run.stderr and "pw" not in run.stderr


def test_db_info_counts_active_users(cli) -> None:
    cli.ok("user", "add", "bob")
    cli.ok("user", "add", "carol")
    assert cli.ok("db", "info", "--json").json()["users"] == 3
    cli.ok("user", "deactivate", "bob")
    assert cli.ok("db", "info", "--json").json()["users"] == 2
