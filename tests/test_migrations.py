"""The schema comes from Alembic migrations, and store/tables.py agrees with them."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from salescli.core.paths import url_for


def _script_revisions() -> list[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import salescli.store.engine as engine_module

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(engine_module.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_cheap_version_list_matches_migration_scripts() -> None:
    from salescli.store.schema import HEAD, REVISIONS

    assert list(REVISIONS) == _script_revisions()
    assert REVISIONS[-1] == HEAD


def test_models_match_migrated_schema(backend: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from salescli.store.engine import open_store
    from salescli.store.tables import ddl_options, include_name

    store = open_store(url_for(os.environ["SALESCLI_DB"]))
    engine = store.sqlalchemy_engine()
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
            diffs = compare_metadata(context, ddl_options())
    finally:
        engine.dispose()
        store.dispose()
    assert diffs == []


def test_new_sqlite_store_uses_wal(sqlite_cli, tmp_path: Path) -> None:
    sqlite_cli.ok("user", "list")
    conn = sqlite3.connect(os.environ["SALESCLI_DB"])
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == _script_revisions()[-1]
    finally:
        conn.close()


def test_store_is_created_in_a_missing_folder(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "store.db"
    sqlite_cli.ok("user", "list", env={"SALESCLI_DB": str(target)})
    assert target.exists()


def test_default_store_lives_in_the_user_data_dir(sqlite_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SALESCLI_DB")
    run = sqlite_cli.ok("db", "path")
    assert run.stdout.strip() == str(tmp_path / "data" / "salescli" / "salescli.db")
    sqlite_cli.ok("customer", "add", "Acme")
    assert (tmp_path / "data" / "salescli" / "salescli.db").exists()
