"""Where salescli keeps its files; every location can be overridden by environment.

One function per location, so tests (and reps with unusual setups) point everything
elsewhere with `SALESCLI_CONFIG` / `SALESCLI_DB` and nothing else needs to know.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "salescli"
# The database addresses salescli speaks: SQLite files and PostgreSQL (docs/identity-and-dedupe.md).
SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgres", "postgresql+psycopg")


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    override = os.environ.get("SALESCLI_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "salescli.db"


def default_demo_path() -> Path:
    return data_dir() / "demo.db"


def unsupported_scheme(address: str) -> str | None:
    """The scheme of a database address salescli does not speak (`mysql`), or None for a
    supported address or a file path."""
    if "://" not in address:
        return None
    scheme = address.split("://", 1)[0].lower()
    return None if scheme in SUPPORTED_SCHEMES else scheme


def is_default_store(path: Path) -> bool:
    """Whether `path` is one of the stores salescli creates unasked (its own file and the
    demo's); a store anywhere else is created only on purpose (store/engine.py)."""
    try:
        target = Path(path).expanduser().resolve()
        return target in (default_db_path().resolve(), default_demo_path().resolve())
    except (OSError, RuntimeError):
        return False


def url_for(target: str) -> str:
    """A store URL from what a user typed: a file path (sqlite:///...) or a database URL."""
    target = target.strip()
    if "://" in target:
        if target.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + target.split("://", 1)[1]
        return target
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(path) if path and path != ":memory:" else None
