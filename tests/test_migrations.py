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


def test_the_default_store_is_created_in_a_missing_folder(sqlite_cli, tmp_path: Path, monkeypatch) -> None:
    # Only the default location: elsewhere a missing folder is an error (test_store_paths.py).
    monkeypatch.delenv("SALESCLI_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "deep" / "er"))
    sqlite_cli.ok("user", "list")
    assert (tmp_path / "deep" / "er" / "salescli" / "salescli.db").exists()


def test_default_store_lives_in_the_user_data_dir(sqlite_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SALESCLI_DB")
    run = sqlite_cli.ok("db", "path")
    assert run.stdout.strip() == str(tmp_path / "data" / "salescli" / "salescli.db")
    sqlite_cli.ok("customer", "add", "Acme")
    assert (tmp_path / "data" / "salescli" / "salescli.db").exists()


def test_pinyin_keys_are_backfilled_by_their_migration(backend: str) -> None:
    """0005 fills the pinyin keys of customers written before it, in chunks, on both engines."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    import salescli.store.engine as engine_module
    from salescli.store.engine import make_sqlalchemy_engine, open_store

    url = url_for(os.environ["SALESCLI_DB"])
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(engine_module.__file__).parent / "migrations"))
    # More than one chunk (5,000 rows) of the backfill.
    names = ["北京宏达科技有限公司", "Acme Trading", "重庆银行"] + [f"华东{i}号" for i in range(5100)]
    engine = make_sqlalchemy_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004_task_times")
            conn.execute(
                text("INSERT INTO customers (name, name_key, grade, created_at, archived)"
                     " VALUES (:name, :key, 'B', '2026-11-01 00:00:00', :no)"),
                [{"name": n, "key": n.lower(), "no": False} for n in names],
            )
    finally:
        engine.dispose()
    store = open_store(url)  # migrates to the head
    engine = store.sqlalchemy_engine()
    try:
        with engine.connect() as conn:
            rows = dict(
                (name, (pinyin, initials))
                for name, pinyin, initials in conn.execute(
                    text("SELECT name, name_pinyin, name_initials FROM customers")
                )
            )
    finally:
        engine.dispose()
        store.dispose()
    assert rows["北京宏达科技有限公司"] == ("beijinghongdakeji", "bjhdkj")
    assert rows["重庆银行"] == ("chongqingyinhang", "cqyh")
    assert rows["Acme Trading"] == (None, None)
    assert rows["华东11号"] == ("huadong11hao", "hd11h")
    assert rows["华东5099号"] == ("huadong5099hao", "hd5099h")
