"""Shared fixtures: every test gets its own config, store, user and clock.

`cli` runs a salescli command in-process through the real root group (so errors map to
exit codes exactly as in a shell). Tests that take `cli` run twice: on a temporary
SQLite file and, when PostgreSQL answers at 127.0.0.1:5432, on a fresh schema of the
`test` database; without a server the PostgreSQL run is skipped with the reason.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("SALESCLI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
# CI sets this: a PostgreSQL server that does not answer is then a failure, not a skip.
REQUIRE_PG = os.environ.get("SALESCLI_TEST_REQUIRE_PG", "") not in ("", "0")
NOW = "2026-11-23T09:00:00+08:00"  # a Monday morning in Shanghai


def _pg_unavailable_reason() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"PostgreSQL at {PG_ADMIN_URL} did not answer: {str(exc).strip().splitlines()[0]}"
    return None


_PG_REASON: str | None | bool = False


def pg_reason() -> str | None:
    global _PG_REASON
    if _PG_REASON is False:
        _PG_REASON = _pg_unavailable_reason()
    return _PG_REASON  # type: ignore[return-value]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that runs on PostgreSQL carries the `postgres` marker, so
    `-m postgres` selects the PostgreSQL suite and `-m "not postgres"` leaves it out."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True, scope="session")
def replayed_migrations() -> Iterator[None]:
    """New empty stores get the recorded migration instead of Alembic's walk (fast_stores.py)."""
    from fast_stores import fast_migrate
    from salescli.store import engine

    if os.environ.get("SALESCLI_TEST_REAL_MIGRATIONS"):  # every store the long way, to compare
        yield
        return
    real = engine.migrate
    engine.migrate = fast_migrate(real)
    yield
    engine.migrate = real


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own config, store, locale and clock out of every test."""
    from salescli.core import i18n, runtime

    monkeypatch.setenv("SALESCLI_CONFIG", str(tmp_path / "config.toml"))
    # The test's store is the default file (XDG_DATA_HOME below), which salescli creates on
    # first use; a store named anywhere else must exist or be made by a write (db init).
    (tmp_path / "data" / "salescli").mkdir(parents=True)
    monkeypatch.setenv("SALESCLI_DB", str(tmp_path / "data" / "salescli" / "salescli.db"))
    monkeypatch.setenv("SALESCLI_USER", "alice")
    monkeypatch.setenv("SALESCLI_NOW", NOW)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for var in ("SALESCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    time.tzset()
    runtime.reset()
    i18n.set_language("en")
    yield
    runtime.reset()
    i18n.set_language("en")
    time.tzset()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point SALESCLI_DB at a fresh store on each backend; yields the store URL/path."""
    if request.param == "sqlite":
        yield os.environ["SALESCLI_DB"]
        return
    reason = pg_reason()
    if reason:
        if REQUIRE_PG:
            pytest.fail(f"{reason} (SALESCLI_TEST_REQUIRE_PG is set)", pytrace=False)
        pytest.skip(reason)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN_URL.split("://", 1)[1]
    url = f"postgresql+psycopg://{base}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("SALESCLI_DB", url)
    connections = _track_connections(monkeypatch)
    try:
        yield url
    finally:
        for conn in connections:
            conn.close()  # so the schema can be dropped
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _track_connections(monkeypatch: pytest.MonkeyPatch) -> list:
    """Record every database connection salescli opens during the test."""
    from salescli.store import engine as engine_module

    made: list = []
    original = engine_module.connect

    def tracking(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        conn = original(*args, **kwargs)
        made.append(conn)
        return conn

    monkeypatch.setattr(engine_module, "connect", tracking)
    return made


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):  # noqa: ANN201 - whatever the command printed
        import json

        return json.loads(self.stdout)


_COMMAND = None


def _command():  # noqa: ANN202 - the root Click group, built once (the tree never changes)
    global _COMMAND
    if _COMMAND is None:
        from typer.main import get_command

        from salescli.cli import app

        _COMMAND = get_command(app)
    return _COMMAND


class Cli:
    """Runs `salescli ARGS...` in-process and returns exit code, stdout and stderr."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def __call__(self, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Run:
        import typer.testing
        from typer.testing import CliRunner

        from salescli.cli import app

        runner = CliRunner()
        # CliRunner rebuilds the Click tree from the Typer app on every call (most of a
        # call's cost); hand it the one built tree instead, as one real process has.
        original = typer.testing._get_command
        typer.testing._get_command = lambda _app: _command()
        try:
            result = runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
        finally:
            typer.testing._get_command = original
        return Run(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, **kwargs) -> Run:  # noqa: ANN003
        run = self(*args, **kwargs)
        assert run.exit_code == 0, f"salescli {' '.join(args)} -> {run.exit_code}\n{run.stdout}\n{run.stderr}"
        return run


@pytest.fixture
def cli(backend: str) -> Cli:
    return Cli(backend)


@pytest.fixture
def sqlite_cli() -> Cli:
    """For tests about SQLite files themselves (locks, permissions, corruption)."""
    return Cli(os.environ["SALESCLI_DB"])
