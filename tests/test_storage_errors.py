"""Storage errors and `salescli db path|upgrade|info` (docs/exit-codes.md: exit 3).

A store that is locked, unreachable, read-only, corrupt, foreign or too new is exit 3
with one sentence on stderr, no traceback, and the store left as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from checks import one_line_error

WRITES = [["log", "Acme", "Call"], ["user", "add", "bob"], ["done", "1"]]
UNREACHABLE = "postgresql+psycopg://rep:s3cret@127.0.0.1:1/salescli?connect_timeout=3"


def assert_storage_error(run, *needles: str) -> None:
    one_line_error(run, 3, *needles)


def db_file() -> Path:
    return Path(os.environ["SALESCLI_DB"])


def seed(cli) -> dict:
    """A store with a customer and an open task; returns its counts."""
    cli.ok("customer", "add", "Acme")
    cli.ok("log", "Acme", "Call", "--next", "fri")
    return cli.ok("db", "info", "--json").json()


def sql(backend: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    from salescli.core.paths import url_for

    engine = create_engine(url_for(backend))
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


# --- locked ---------------------------------------------------------------------------------


def test_a_locked_store_is_exit_3_and_unchanged(sqlite_cli) -> None:
    before = seed(sqlite_cli)
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "100")
    holder = sqlite3.connect(db_file(), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        for args in WRITES:
            assert_storage_error(sqlite_cli(*args), "locked", str(db_file()))
        # Readers are not blocked by a writer (WAL).
        assert len(sqlite_cli.ok("tasks", "--json").json()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sqlite_cli.ok("db", "info", "--json").json() == before
    sqlite_cli.ok("log", "Acme", "Call again")


def test_a_new_store_locked_while_being_created_is_exit_3(sqlite_cli) -> None:
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "100")
    holder = sqlite3.connect(db_file(), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert_storage_error(sqlite_cli("tasks"), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sqlite_cli.ok("tasks", "--json").json() == []


# --- permissions ------------------------------------------------------------------------------


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def _unprivileged(cli, args: list[str], env: dict[str, str] | None = None):  # noqa: ANN202 - a run result
    """Run salescli where file permissions apply: in-process normally; as root, in a child
    process without CAP_DAC_OVERRIDE (root ignores file modes otherwise)."""
    env = env or {}
    if os.geteuid() != 0:
        return cli(*args, env=env)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested here")
    drop = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    probe_file = db_file().parent / "probe.txt"
    probe_file.write_text("x")
    probe_file.chmod(0o444)
    probe = subprocess.run([*drop, "sh", "-c", f"echo y > '{probe_file}'"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE: file permissions do not apply")
    proc = subprocess.run(
        [*drop, sys.executable, "-m", "salescli", *args], capture_output=True, text=True, timeout=60,
        env=os.environ | env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def test_a_read_only_database_file_is_exit_3_and_unchanged(sqlite_cli) -> None:
    before = seed(sqlite_cli)
    db = db_file()
    db.chmod(0o444)
    try:
        assert_storage_error(_unprivileged(sqlite_cli, ["log", "Acme", "Call"]), "read-only", str(db))
    finally:
        db.chmod(0o644)
    assert sqlite_cli.ok("db", "info", "--json").json() == before


def test_a_folder_without_write_permission_is_exit_3(sqlite_cli, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    target = locked / "store.db"
    try:
        # A write would create the store there, and cannot.
        assert_storage_error(_unprivileged(sqlite_cli, ["customer", "add", "Acme"], {"SALESCLI_DB": str(target)}),
                             str(target))
        # A read creates nothing (no store there), nor does anything in a missing folder: exit 2.
        one_line_error(_unprivileged(sqlite_cli, ["tasks"], {"SALESCLI_DB": str(target)}), 2, str(target))
        deeper = locked / "sub" / "store.db"
        one_line_error(_unprivileged(sqlite_cli, ["customer", "add", "Acme"], {"SALESCLI_DB": str(deeper)}), 2,
                       str(deeper))
        assert not target.exists() and not deeper.parent.exists()
    finally:
        locked.chmod(0o755)


def test_a_path_under_a_regular_file_is_exit_3(sqlite_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n")
    target = blocker / "store.db"
    assert_storage_error(sqlite_cli("tasks", env={"SALESCLI_DB": str(target)}), str(target))
    assert blocker.read_text() == "not a folder\n"


def test_a_folder_as_the_database_path_is_exit_3(sqlite_cli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert_storage_error(sqlite_cli("tasks", env={"SALESCLI_DB": str(folder)}), str(folder), "folder")


# --- not ours / damaged / too new ---------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_exit_3_and_untouched(sqlite_cli) -> None:
    junk = os.urandom(8192)
    db_file().write_bytes(junk)
    for args in (["tasks"], ["customer", "add", "Acme"], ["db", "info"], ["db", "upgrade"]):
        assert_storage_error(sqlite_cli(*args), str(db_file()), "not a usable salescli database")
    assert db_file().read_bytes() == junk


def test_a_sqlite_file_with_unrelated_tables_is_exit_3_and_untouched(sqlite_cli) -> None:
    with sqlite3.connect(db_file()) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (9.5)")
    conn.close()
    for args in (["tasks"], ["customer", "add", "Acme"], ["db", "upgrade"]):
        assert_storage_error(sqlite_cli(*args), "not a salescli database", str(db_file()))
    assert tables(db_file()) == ["invoices"]


def test_a_store_with_unrelated_tables_is_refused_on_both_backends(cli, backend: str) -> None:
    sql(backend, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    assert_storage_error(cli("customer", "add", "Acme"), "not a salescli database")
    assert_storage_error(cli("db", "upgrade"), "not a salescli database")


def test_a_store_from_a_newer_salescli_is_exit_3_and_unchanged(cli, backend: str) -> None:
    seed(cli)
    sql(backend, "UPDATE alembic_version SET version_num = '9999_future'")
    for args in (["tasks"], ["log", "Acme", "Call"], ["db", "info"], ["db", "upgrade"]):
        assert_storage_error(cli(*args), "newer salescli", "9999_future")
    # Put the version back: nothing else was touched by the refused commands.
    from salescli.store.schema import HEAD

    sql(backend, f"UPDATE alembic_version SET version_num = '{HEAD}'")
    info = cli.ok("db", "info", "--json").json()
    assert (info["customers"], info["follow_ups"], info["open_tasks"], info["users"]) == (1, 1, 1, 1)


# --- unreachable PostgreSQL ---------------------------------------------------------------------


def test_an_unreachable_postgresql_server_is_exit_3_without_the_password(sqlite_cli) -> None:
    for args in (["tasks"], ["agenda", "--json"], ["customer", "add", "Acme"], ["db", "info"], ["db", "upgrade"]):
        run = sqlite_cli(*args, env={"SALESCLI_DB": UNREACHABLE})
        assert_storage_error(run, "127.0.0.1")
        assert "s3cret" not in run.stdout + run.stderr
        assert run.stdout == ""
    run = sqlite_cli("tasks", env={"SALESCLI_DB": "postgresql://rep:s3cret@127.0.0.1:1/salescli"})
    assert_storage_error(run)
    assert "s3cret" not in run.stderr


def test_an_unsupported_kind_of_database_is_exit_2_without_the_password(sqlite_cli) -> None:
    for address in ("nosuchdb://rep:s3cret@host/x", "mysql://rep:s3cret@host/db"):
        for args in (["tasks"], ["customer", "add", "Acme"], ["db", "init"], ["db", "info"]):
            run = sqlite_cli(*args, env={"SALESCLI_DB": address})
            one_line_error(run, 2, "not supported", "sqlite, postgresql, postgres, postgresql+psycopg")
            assert "s3cret" not in run.stderr and "driver" not in run.stderr


def test_a_malformed_database_address_is_exit_3(sqlite_cli) -> None:
    assert_storage_error(sqlite_cli("tasks", env={"SALESCLI_DB": "sqlite://"}), "not valid")


# --- db path / upgrade / info ----------------------------------------------------------------


def test_db_path_follows_db_option_then_env_then_config_then_default(
    sqlite_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sqlite_cli.ok("db", "path").stdout.strip() == str(db_file())
    other = tmp_path / "other.db"
    assert sqlite_cli.ok("--db", str(other), "db", "path").stdout.strip() == str(other)
    monkeypatch.delenv("SALESCLI_DB")
    assert sqlite_cli.ok("db", "path").stdout.strip() == str(tmp_path / "data" / "salescli" / "salescli.db")
    configured = tmp_path / "configured.db"
    sqlite_cli.ok("config", "set", "store.url", str(configured))
    assert sqlite_cli.ok("db", "path").stdout.strip() == str(configured)
    assert sqlite_cli.ok("db", "path", env={"SALESCLI_DB": UNREACHABLE}).stdout.strip() == (
        "postgresql+psycopg://rep:***@127.0.0.1:1/salescli?connect_timeout=3"
    )
    assert not configured.exists() and not other.exists()  # `db path` opens nothing


def test_db_option_points_every_command_at_another_store(sqlite_cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite_cli.ok("--db", str(other), "customer", "add", "Acme")
    assert [c["name"] for c in sqlite_cli.ok("--db", str(other), "customer", "list", "--json").json()] == ["Acme"]
    assert sqlite_cli.ok("customer", "list", "--json").json() == []


def test_db_upgrade_and_info(cli, backend: str) -> None:
    from salescli.store.schema import HEAD

    first = cli.ok("db", "upgrade")
    assert HEAD in first.stdout
    assert cli.ok("db", "upgrade").stdout == first.stdout  # idempotent

    seed(cli)
    cli.ok("contact", "add", "Acme", "王芳")
    info = cli.ok("db", "info", "--json").json()
    assert info["dialect"] == ("postgresql" if backend.startswith("postgresql") else "sqlite")
    assert info["schema"] == HEAD
    assert (info["users"], info["customers"], info["contacts"], info["follow_ups"], info["open_tasks"]) == (
        1, 1, 1, 1, 1,
    )
    assert info["pool_customers"] == 0
    if info["dialect"] == "sqlite":
        assert info["where"] == str(db_file())
    table = cli.ok("db", "info").stdout
    assert "Customers" in table and "Open tasks" in table


def test_an_unexpected_error_has_its_own_exit_code_and_points_to_debug(sqlite_cli, monkeypatch) -> None:  # noqa: ANN001
    """A bug is not a rule: exit 70 (not 1, which means a rule refused), one sentence."""
    import salescli.services.follow_ups as follow_ups

    def broken(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(follow_ups, "open_tasks", broken)
    run = sqlite_cli("tasks")
    assert run.exit_code == 70
    assert run.stderr == "Error: Unexpected error: RuntimeError: boom (run again with --debug for details).\n"
    assert run.stdout == ""
    with pytest.raises(RuntimeError, match="boom"):
        sqlite_cli("--debug", "tasks")
