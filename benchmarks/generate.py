"""Build the big benchmark store: 50 reps, 100k customers, 300k contacts, 1M follow-ups, 200k deals.

    .venv/bin/python benchmarks/generate.py                       # SQLite at /tmp/salescli-big.db
    .venv/bin/python benchmarks/generate.py --target big.db --replace
    .venv/bin/python benchmarks/generate.py --target postgresql+psycopg://user@host/db   # an empty database
    .venv/bin/python benchmarks/generate.py --customers 10000 --follow-ups 100000          # smaller
    .venv/bin/python benchmarks/generate.py --deals 0                                      # no pipeline

The pipeline: 200k deals with ~1M stage changes (`--deals`, `--stage-changes`): each rep's
own customers carry its open deals in every stage (a few stale, closing soon, with payments
due), and the rest are the closed deals (won with paid schedules, lost with reasons) of the
reps who worked the pool's customers before.

The store is created through `open_store`, so it has the real (Alembic) schema; the data
comes from `salescli.services.demo.seed_store` (the seeded generator, following the store's
team rules) with a fixed seed and clock, so two builds are identical. On SQLite the load
runs with synchronous=OFF and a large page cache (bulk load only; the file is a normal WAL
store afterwards).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

DEFAULT_TARGET = "/tmp/salescli-big.db"
DEFAULT_NOW = "2026-11-23T09:00:00+08:00"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default=DEFAULT_TARGET, help="SQLite path or postgresql+psycopg:// URL")
    parser.add_argument("--replace", action="store_true", help="delete an existing SQLite file first")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=300_000, help="total contacts")
    parser.add_argument("--follow-ups", type=int, default=1_000_000)
    parser.add_argument("--deals", type=int, default=200_000, help="total deals (0: no pipeline)")
    parser.add_argument("--stage-changes", type=int, default=1_000_000,
                        help="about this many stage changes in all (an average per deal)")
    parser.add_argument("--owned-per-rep", type=int, default=None,
                        help="customers per rep (default and at most: the store's pool.max_owned)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--now", default=os.environ.get("SALESCLI_NOW") or DEFAULT_NOW,
                        help="the generator's clock (ISO datetime with offset)")
    parser.add_argument("--chunk", type=int, default=10_000, help="rows per INSERT batch")
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE afterwards (salescli itself does not)")
    args = parser.parse_args(argv)

    from salescli.core.paths import sqlite_path, url_for
    from salescli.services.demo import seed_store
    from salescli.store.engine import open_store

    url = url_for(args.target)
    path = sqlite_path(url)
    if path is not None and path.exists():
        if not args.replace:
            print(f"{path} exists; pass --replace to rebuild it", file=sys.stderr)
            return 1
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    now = datetime.fromisoformat(args.now)
    if now.tzinfo is None:
        now = now.astimezone()

    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"  {time.perf_counter() - started:7.1f}s  {message}", flush=True)

    summary = seed_store(
        url, now=now, seed=args.seed, reps=args.reps, customers=args.customers,
        contacts_per_customer=args.contacts / max(1, args.customers), follow_ups=args.follow_ups,
        deals=args.deals, changes_per_deal=args.stage_changes / args.deals if args.deals else None,
        owned_per_rep=args.owned_per_rep, chunk_size=args.chunk, bulk_pragmas=True, log=log,
    ).to_json()
    loaded = time.perf_counter() - started
    store = open_store(url)
    try:
        if path is not None:
            store.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if args.analyze:
                store.raw.execute("ANALYZE")
        elif args.analyze:
            store.raw.execute("ANALYZE")
            store.raw.commit()
    finally:
        store.dispose()
    total = time.perf_counter() - started
    print(f"Built {args.target} in {total:.1f}s (load {loaded:.1f}s)")
    for key, value in summary.items():
        print(f"  {key:>18}: {value:,}")
    if path is not None:
        print(f"  {'file size':>18}: {path.stat().st_size / 1e6:,.0f} MB")
    handles = _sample_handles(url)
    print(f"Reps to act as (SALESCLI_USER): {', '.join(handles)}")
    return 0


def _sample_handles(url: str) -> list[str]:
    from salescli.store.engine import open_store
    store = open_store(url)
    try:
        with store.session() as session:
            return session.execute("SELECT handle FROM users ORDER BY id LIMIT 5").scalars()
    finally:
        store.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
