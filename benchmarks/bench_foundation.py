"""Foundation benchmarks: startup cost, and the daily commands on an empty vs a big store.

    .venv/bin/python benchmarks/generate.py --replace          # once: builds /tmp/salescli-big.db
    .venv/bin/python benchmarks/bench_foundation.py            # --big /tmp/salescli-big.db --runs 21

(a) `salescli --help` against `python -c "import typer"` (the floor any Typer CLI pays);
(b) `agenda`, `forgotten`, `tasks`, `customer list --mine`, each as a subprocess (output to
    /dev/null), on an EMPTY store (only the acting user) and on the BIG store, acting as one
    of its reps; the target is big <= 1.3 x empty;
(c) the same four reads in-process (service function with a Context from `open_context`),
    so the query's share of the wall time is visible.

The clock (SALESCLI_NOW), time zone, language and config are fixed, so runs compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import first_row, wall

NOW = "2026-11-23T09:00:00+08:00"
COMMANDS: list[tuple[str, list[str]]] = [
    ("agenda", ["agenda"]),
    ("forgotten", ["forgotten"]),
    ("tasks", ["tasks"]),
    ("customer list --mine", ["customer", "list", "--mine"]),
]
TARGET_RATIO = 1.3


def _salescli() -> list[str]:
    script = Path(sys.executable).with_name("salescli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "salescli"]


def _median_walls(argvs: list[tuple[list[str], dict[str, str]]], runs: int) -> list[float]:
    """Median seconds of each command; runs are interleaved (a b c a b c ...) so drift in the
    machine's load hits every column alike; one untimed warm-up round first."""
    times: list[list[float]] = [[] for _ in argvs]
    for round_ in range(runs + 1):
        for i, (argv, env) in enumerate(argvs):
            elapsed = wall(argv, env)
            if round_:
                times[i].append(elapsed)
    return [statistics.median(t) for t in times]


def _median_call(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()  # warm-up: statement compilation, page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _env(base: dict[str, str], db: str, user: str, config: Path) -> dict[str, str]:
    env = dict(base)
    env.update({
        "SALESCLI_DB": db, "SALESCLI_USER": user, "SALESCLI_NOW": NOW, "SALESCLI_CONFIG": str(config),
        "TZ": "Asia/Shanghai", "NO_COLOR": "1", "COLUMNS": "120", "LANG": "C.UTF-8",
    })
    for var in ("SALESCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(var, None)
    return env


def _pick_rep(db: str) -> str:
    """The rep with the most open tasks in the big store: the heaviest realistic agenda."""
    row = first_row(
        db,
        ("SELECT u.handle, count(f.id) AS n FROM users u JOIN follow_ups f ON f.assignee_id = u.id"
         " WHERE f.due_on IS NOT NULL AND f.closed_at IS NULL GROUP BY u.handle ORDER BY n DESC, u.handle"
         " LIMIT 1", {}),
        ("SELECT handle FROM users ORDER BY id LIMIT 1", {}),
    )
    if row is None:
        raise SystemExit(f"{db} has no users; build it with benchmarks/generate.py")
    return row[0]


def _build_small(path: Path, user: str) -> None:
    """A demo-sized store (6 reps, 300 customers, 3,000 follow-ups) where `user` is a rep: its
    agenda has about as many rows as the big store's, so big/small isolates the data volume."""
    from datetime import datetime

    from salescli.core.paths import url_for
    from salescli.services.demo import demo_reps, seed_store

    seed_store(url_for(str(path)), now=datetime.fromisoformat(NOW), seed=2026, reps=demo_reps(user), customers=300,
               contacts_per_customer=2.0, follow_ups=3000)


def _opened(ctx: Any) -> Any:
    """A context with its store open and its user identified, as every command needs."""
    ctx.user_id  # noqa: B018
    return ctx


def _in_process(db: str, user: str, runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds of each service call, and how many rows it returned."""
    from salescli.core import runtime
    from salescli.services.agenda import build_agenda, forgotten
    from salescli.services.context import open_context
    from salescli.services.customers import ListFilter, list_customers
    from salescli.services.follow_ups import open_tasks

    os.environ.update({"SALESCLI_DB": db, "SALESCLI_USER": user, "SALESCLI_NOW": NOW, "TZ": "Asia/Shanghai"})
    time.tzset()
    runtime.reset()
    ctx = open_context()
    calls: dict[str, Callable[[], Any]] = {
        "agenda": lambda: build_agenda(ctx),
        "forgotten": lambda: forgotten(ctx),
        "tasks": lambda: open_tasks(ctx),
        "customer list --mine": lambda: list(list_customers(ctx, ListFilter(scope="mine"))),
    }
    out = {}
    try:
        for name, fn in calls.items():
            seconds, result = _median_call(fn, runs)
            rows = sum(len(s.items) for s in result.sections) if hasattr(result, "sections") else len(result)
            out[name] = (seconds, rows)
        seconds, _ = _median_call(lambda: _opened(open_context()).close(), runs)
        out["open_context"] = (seconds, 0)
    finally:
        ctx.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", default="/tmp/salescli-big.db", help="the big store (path or URL)")
    parser.add_argument("--empty", help="an empty store (default: a fresh temporary SQLite file)")
    parser.add_argument("--user", help="rep to act as (default: the big store's rep with the most open tasks)")
    parser.add_argument("--runs", type=int, default=21, help="timed runs per measurement (median)")
    args = parser.parse_args(argv)

    from salescli.core.paths import sqlite_path, url_for

    big_path = sqlite_path(url_for(args.big))
    if big_path is not None and not big_path.exists():
        print(f"{args.big} does not exist; build it first: python benchmarks/generate.py", file=sys.stderr)
        return 1
    user = args.user or _pick_rep(args.big)
    salescli = _salescli()
    with tempfile.TemporaryDirectory(prefix="salescli-bench-") as tmp:
        config = Path(tmp) / "config.toml"
        empty = args.empty or str(Path(tmp) / "empty.db")
        base = dict(os.environ)
        big_env = _env(base, args.big, user, config)
        empty_env = _env(base, empty, user, config)
        small = str(Path(tmp) / "small.db")
        _build_small(Path(small), user)
        small_env = _env(base, small, user, config)
        subprocess.run([*salescli, "agenda"], env=empty_env, stdout=subprocess.DEVNULL, check=True)  # creates it

        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; median of {args.runs} runs; "
              f"acting as {user!r}; big store: {args.big}")
        print()
        print("(a) startup")
        label = 'python -c "import typer"'
        python_floor, typer_floor, helps = _median_walls(
            [([sys.executable, "-c", "pass"], empty_env), ([sys.executable, "-c", "import typer"], empty_env),
             ([*salescli, "--help"], empty_env)],
            args.runs,
        )
        print(f"  {'python -c pass':<28} {python_floor * 1000:8.1f} ms")
        print(f"  {label:<28} {typer_floor * 1000:8.1f} ms")
        print(f"  {'salescli --help':<28} {helps * 1000:8.1f} ms   ({helps / typer_floor:.2f}x import typer)")
        print()
        print(f"(b) subprocess wall time (target: big <= {TARGET_RATIO}x empty); small = demo-sized store with")
        print("    about as many agenda rows as big, so big/small shows what the data volume alone costs")
        print(f"  {'command':<22} {'empty':>9} {'small':>9} {'big':>9} {'big/empty':>10} {'big/small':>10}")
        walls = {}
        for name, cmd in COMMANDS:
            e, sm, b = _median_walls(
                [([*salescli, *cmd], empty_env), ([*salescli, *cmd], small_env), ([*salescli, *cmd], big_env)],
                args.runs,
            )
            walls[name] = (e, b)
            flag = "" if b <= TARGET_RATIO * e else "  over target"
            print(f"  {name:<22} {e * 1000:7.0f}ms {sm * 1000:7.0f}ms {b * 1000:7.0f}ms {b / e:9.2f}x "
                  f"{b / sm:9.2f}x{flag}")
        print()
        print("(c) in-process: the service call alone (query + building the rows), median")
        empty_q = _in_process(empty, user, args.runs)
        big_q = _in_process(args.big, user, args.runs)
        print(f"  {'call':<24} {'empty':>10} {'big':>10} {'rows(big)':>10} {'share of big wall':>18}")
        for name in [*walls, "open_context"]:
            (e, _), (b, rows) = empty_q[name], big_q[name]
            share = f"{b / walls[name][1] * 100:5.1f}%" if name in walls else ""
            print(f"  {name:<24} {e * 1000:8.2f}ms {b * 1000:8.2f}ms {rows:>10} {share:>18}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
