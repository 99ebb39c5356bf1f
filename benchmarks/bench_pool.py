"""The pool's reads on a 1k-customer store and on the big one, and what lazy recycling adds
to `agenda`: the figures of issue 11.

    .venv/bin/python benchmarks/bench_pool.py                       # builds the stores that are missing
    .venv/bin/python benchmarks/bench_pool.py --big /tmp/bench/big.db --runs 21
    .venv/bin/python benchmarks/bench_pool.py --build --build-small  # rebuild both stores first
    .venv/bin/python benchmarks/bench_pool.py --big /tmp/mid.db --build \\
        --generate-args '--customers 5000 --follow-ups 50000 --deals 10000 --stage-changes 50000'

The big store is benchmarks/generate.py's (50 reps, 100k customers, 1M follow-ups, 200k
deals; ~99k of the customers in the pool), the small one the same generator at 1k
customers and 6 reps (~900 in the pool), both at the generator's clock, where no owned
customer is due for recycling (store/seed/generator.py). Both have `wangfang`, the first
rep and an admin, who acts in every command.

Timed as subprocesses (output to /dev/null), in interleaved rounds after one untimed
warm-up round, the store order alternating from round to round, medians:
`pool sweep --dry-run`, `pool list`, `pool list --limit 50`, `agenda`; the table shows
big / small. Target (the issue): big <= 1.3 x small for the sweep and the listing.

Lazy recycling's share of `agenda`: in-process on each store, the median of
`services.pool.ensure_recycled(ctx)` (the check every command that reads ownership makes,
and the recycling when something is due) against `services.agenda.build_agenda(ctx)`
(which includes it) and against the whole `agenda` command. Target: it adds at most 10 %.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_pipeline import _build, _compile_package, _env, _print_build, _salescli
from timing import first_row, wall

TARGET_RATIO = 1.3  # big / small, pool sweep and pool list
TARGET_SHARE = 0.10  # what lazy recycling may add to agenda
USER = "wangfang"  # generate.py's first rep (an admin) in stores of any size
SMALL_ARGS = ["--reps", "6", "--customers", "1000", "--contacts", "3000", "--follow-ups", "10000",
              "--deals", "2000", "--stage-changes", "10000"]
COMMANDS: list[tuple[str, list[str]]] = [
    ("pool sweep --dry-run", ["pool", "sweep", "--dry-run"]),
    ("pool list", ["pool", "list"]),
    ("pool list --limit 50", ["pool", "list", "--limit", "50"]),
    ("agenda", ["agenda"]),
]
PAIRS = [("pool sweep --dry-run", True), ("pool list", True), ("pool list --limit 50", True), ("agenda", False)]


def _store_counts(db: str) -> dict[str, int]:
    """The pool's shape: the context of the figures."""
    row = first_row(db, (
        "SELECT (SELECT count(*) FROM customers) AS customers,"
        " (SELECT count(*) FROM customers WHERE owner_id IS NULL AND archived = :no) AS pool,"
        " (SELECT count(*) FROM customers WHERE owner_id IS NOT NULL) AS owned,"
        " (SELECT count(*) FROM customers WHERE locked_at IS NOT NULL) AS locked,"
        " (SELECT count(*) FROM follow_ups) AS follow_ups,"
        " (SELECT count(*) FROM ownership_events) AS events",
        {"no": False},
    ))
    assert row is not None
    return {"customers": row.customers, "pool": row.pool, "owned": row.owned, "locked": row.locked,
            "follow-ups": row.follow_ups, "ownership events": row.events}


def _due_now(env: dict[str, str]) -> int:
    """How many customers `pool sweep --dry-run` would move now. A store built by an older
    generator has thousands: the warm-up round's lazy recycling moves them, and the
    figures are those of the store afterwards."""
    proc = subprocess.run([*_salescli(), "pool", "sweep", "--dry-run", "--json"], env=env, capture_output=True,
                          text=True, check=True)
    data = json.loads(proc.stdout)
    items = data.get("items", []) if isinstance(data, dict) else data
    return len(items)


def _rounds(stores: dict[str, dict[str, str]], runs: int) -> dict[tuple[str, str], float]:
    """Median seconds of each (command, store): round 0 untimed, every command on every
    store each round, the stores' order turning round by round."""
    salescli = _salescli()
    names = list(stores)
    times: dict[tuple[str, str], list[float]] = {(c, s): [] for c, _ in COMMANDS for s in names}
    for round_ in range(runs + 1):
        order = names if round_ % 2 == 0 else names[::-1]
        for name, argv in COMMANDS:
            for store in order:
                elapsed = wall([*salescli, *argv], stores[store])
                if round_:
                    times[(name, store)].append(elapsed)
    return {key: statistics.median(values) for key, values in times.items()}


def _median_call(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up: statement compilation, page cache, and any recycling that is due
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _in_process(env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds of ensure_recycled and of build_agenda, in this process."""
    from salescli.core import runtime
    from salescli.services.agenda import build_agenda
    from salescli.services.context import close_all, open_context
    from salescli.services.pool import ensure_recycled

    os.environ.update({k: env[k] for k in ("SALESCLI_DB", "SALESCLI_USER", "SALESCLI_NOW", "SALESCLI_CONFIG", "TZ")})
    time.tzset()
    runtime.reset()
    ctx = open_context()
    try:
        ctx.user_id  # noqa: B018 - open the store and identify the user before timing
        recycle = _median_call(lambda: ensure_recycled(ctx), runs)
        agenda = _median_call(lambda: build_agenda(ctx), runs)
    finally:
        ctx.close()
        close_all()
    return recycle, agenda


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", default="/tmp/salescli-big.db",
                        help="the big store: a SQLite path (built when missing) or a PostgreSQL address")
    parser.add_argument("--small", default="/tmp/salescli-1k.db",
                        help="the 1k-customer store: a SQLite path (built when missing) or a PostgreSQL address")
    parser.add_argument("--build", action="store_true", help="rebuild the big store first")
    parser.add_argument("--build-small", action="store_true", help="rebuild the small store first")
    parser.add_argument("--generate-args", default="", help="extra generate.py options for the big store's build")
    parser.add_argument("--user", default=USER, help="rep to act as (in both stores)")
    parser.add_argument("--runs", type=int, default=15, help="timed rounds (median)")
    parser.add_argument("--calls", type=int, default=51, help="in-process calls per measure (median)")
    args = parser.parse_args(argv)

    # A PostgreSQL address (built beforehand with generate.py --target, then VACUUM ANALYZE)
    # is used as it is; a SQLite path is built when missing.
    if "://" not in args.small and (args.build_small or not Path(args.small).exists()):
        _build(args.small, SMALL_ARGS)
    if "://" not in args.big:
        if args.build or not Path(args.big).exists():
            _build(args.big, args.generate_args.split())
        _print_build(args.big)
    _compile_package()
    with tempfile.TemporaryDirectory(prefix="salescli-bench-") as tmp:
        config = Path(tmp) / "config.toml"
        stores = {"small": _env(args.small, args.user, config), "big": _env(args.big, args.user, config)}
        print()
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.runs} interleaved rounds, medians; "
              f"acting as {args.user!r}")
        for name, env in stores.items():
            counts = ", ".join(f"{value:,} {key}" for key, value in _store_counts(env["SALESCLI_DB"]).items())
            due = _due_now(env)
            print(f"  {name:>5}: {counts}; due for recycling now: {due:,}")
            if due:
                print(f"         (built by an older generator? the warm-up round recycles those {due:,})")
        medians = _rounds(stores, args.runs)
        in_process = {name: _in_process(env, args.calls) for name, env in stores.items()}

    print()
    print(f"{'command':<22}{'small ms':>10}{'big ms':>10}{'big/small':>11}")
    over = []
    for name, targeted in PAIRS:
        small, big = medians[(name, "small")], medians[(name, "big")]
        ratio = big / small
        flag = "" if not targeted else "  over" if ratio > TARGET_RATIO else "  ok"
        if targeted and ratio > TARGET_RATIO:
            over.append(name)
        print(f"{name:<22}{small * 1000:10.0f}{big * 1000:10.0f}{ratio:10.2f}x{flag}")
    print(f"target: big <= {TARGET_RATIO}x small for the pool commands; "
          + (f"over: {', '.join(over)}" if over else "all within"))

    print()
    print("lazy recycling in agenda (in-process medians, ms)")
    print(f"{'store':<7}{'ensure_recycled':>17}{'build_agenda':>14}{'share':>8}{'agenda cmd':>12}{'adds':>8}")
    big_adds = 0.0
    for name in stores:
        recycle, agenda = in_process[name]
        command = medians[("agenda", name)]
        adds = recycle / max(command - recycle, 1e-9)  # what the agenda command would take without it
        if name == "big":
            big_adds = adds
        print(f"{name:<7}{recycle * 1000:17.2f}{agenda * 1000:14.2f}{recycle / agenda:7.1%}{command * 1000:12.0f}"
              f"{adds:7.1%}")
    print(f"share: ensure_recycled / build_agenda (which includes it); adds: ensure_recycled / (agenda command - it); "
          f"target: adds <= {TARGET_SHARE:.0%} on the big store: {'met' if big_adds <= TARGET_SHARE else 'over'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
