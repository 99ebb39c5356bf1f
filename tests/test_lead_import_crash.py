"""A lead import killed mid-file (SIGKILL: no clean-up runs) leaves only whole committed
chunks, and running the same import again completes it: each unique row ends up in the
store exactly once (docs/import.md, "Crash safety").
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROWS = 40_000


def _write_file(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["公司名称", "联系人", "手机", "邮箱"])
        for i in range(ROWS):
            writer.writerow([f"测试公司{i}", f"联系人{i}", f"139{i:08d}", f"p{i}@example{i % 97}.com"])


def _batch(db: str, batch_id: int) -> tuple[int, int, str | None] | None:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute("SELECT imported, read_rows, finished_at FROM import_batches WHERE id = ?",
                            (batch_id,)).fetchone()


def _import(path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "salescli", "lead", "import", str(path), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())


def test_a_killed_import_leaves_whole_chunks_and_a_rerun_completes_it(sqlite_cli, tmp_path: Path) -> None:
    from salescli.services.lead_import import CHUNK_ROWS

    db = os.environ["SALESCLI_DB"]
    sqlite_cli.ok("db", "init")  # migrated here, so the child spends its time importing
    path = tmp_path / "big.csv"
    _write_file(path)

    child = _import(path)
    deadline = time.monotonic() + 30
    try:
        while True:  # until the first chunk is committed, then kill without warning
            assert child.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline, "no chunk was committed"
            row = _batch(db, 1) if Path(db).exists() else None
            if row is not None and row[0] >= CHUNK_ROWS:
                break
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        present = conn.execute("SELECT count(*), count(DISTINCT phone_key) FROM leads").fetchone()
        imported, read_rows, finished_at = conn.execute(
            "SELECT imported, read_rows, finished_at FROM import_batches WHERE id = 1").fetchone()
        lines = [line for (line,) in conn.execute("SELECT source_line FROM leads ORDER BY source_line")]
    assert finished_at is None  # the batch says it never finished
    assert present[0] == present[1] == imported == read_rows  # no duplicates; the counts match the rows
    assert imported % CHUNK_ROWS == 0 and 0 < imported < ROWS  # whole chunks only
    assert lines == list(range(2, 2 + imported))  # the file's first rows, none missing

    rerun = _import(path)
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err.decode()
    import json

    data = json.loads(out)
    assert (data["read"], data["imported"], data["duplicates"], data["rejected"]) == (
        ROWS, ROWS - imported, imported, 0)
    with sqlite3.connect(db) as conn:
        total, phones, emails = conn.execute(
            "SELECT count(*), count(DISTINCT phone_key), count(DISTINCT email_key) FROM leads").fetchone()
        finished = conn.execute("SELECT finished_at FROM import_batches WHERE id = 2").fetchone()[0]
    assert total == phones == emails == ROWS
    assert finished is not None
