"""Timing a command as a user waits for it: a whole process, wall clock, exit code checked.
Shared by the benchmark scripts in this folder."""

from __future__ import annotations

import subprocess
import time
from typing import Any


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `argv` to its exit; a failing command stops the benchmark."""
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.strip()}")
    return elapsed


def first_row(db: str, *queries: tuple[str, dict[str, Any]]) -> Any | None:
    """The first row of the first of `queries` (SQL, parameters) that returns one, read from
    the store at `db` (a path or URL) in one transaction; None when none does."""
    from salescli.core.paths import url_for
    from salescli.store.engine import open_store

    store = open_store(url_for(db))
    try:
        with store.session() as session:
            for sql, params in queries:
                row = session.execute(sql, params).first()
                if row is not None:
                    return row
            return None
    finally:
        store.dispose()
