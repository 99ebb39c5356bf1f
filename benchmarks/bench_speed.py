"""The daily commands against `python -c "import typer"`, on SQLite and PostgreSQL, and the
big JSON listing against `sqlite3 -json`: the figures of the speed issue.

    .venv/bin/python benchmarks/bench_speed.py                       # SQLite only
    .venv/bin/python benchmarks/bench_speed.py --runs 21 \\
        --pg 'postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench'

Both stores are the generator's big store (benchmarks/generate.py: 50 reps, 100k customers,
300k contacts, 1M follow-ups), acting as one rep. Every round runs every command once on
every store, and the floor, in turn (interleaved), so the machine's drift hits all columns
alike; the table shows medians and each command's ratio to the floor measured in the same
rounds. `log` writes a note on one of the rep's customers each run (the stores grow by a
few rows). Output goes to /dev/null.

The listing part runs `customer list --all --json` and `sqlite3 -json` on the same file,
with the peak memory (max RSS) of each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

NOW = "2026-11-23T09:00:00+08:00"


def _salescli() -> list[str]:
    script = Path(sys.executable).with_name("salescli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "salescli"]


def _env(db: str, user: str) -> dict[str, str]:
    return os.environ | {"SALESCLI_DB": db, "SALESCLI_USER": user, "SALESCLI_NOW": NOW, "TZ": "Asia/Shanghai",
                         "NO_COLOR": "1", "SALESCLI_LANG": "en"}


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, max RSS in KiB) of one process; a failure stops the benchmark."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {proc.stderr.read().decode().strip()}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss


def _a_customer(env: dict[str, str]) -> str:
    out = subprocess.run([*_salescli(), "customer", "list", "--json", "--sort", "last_contact"], env=env,
                         check=True, capture_output=True, text=True).stdout
    return str(json.loads(out)[0]["id"])


def _compile_package() -> None:
    """Write salescli's bytecode once, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE (as on CI machines) would otherwise compile every module on
    every run, a cost no installed copy pays."""
    import compileall

    import salescli

    compileall.compile_dir(Path(salescli.__file__).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/bench/big.db", help="the big SQLite store")
    parser.add_argument("--pg", help="the big store on PostgreSQL (a postgresql+psycopg:// URL)")
    parser.add_argument("--user", default="wangfang")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--listing-runs", type=int, default=3)
    args = parser.parse_args()

    _compile_package()
    stores = {"sqlite": args.db} | ({"postgresql": args.pg} if args.pg else {})
    envs = {name: _env(db, args.user) for name, db in stores.items()}
    ids = {name: _a_customer(env) for name, env in envs.items()}
    commands = {
        "agenda": lambda s: ["agenda"],
        "tasks": lambda s: ["tasks"],
        "forgotten": lambda s: ["forgotten"],
        "customer list --mine": lambda s: ["customer", "list", "--mine"],
        "customer show": lambda s: ["customer", "show", ids[s]],
        "log": lambda s: ["log", ids[s], "Benchmark note", "--kind", "note"],
    }
    floor_argv = [sys.executable, "-c", "import typer"]
    floor: list[float] = []
    times: dict[tuple[str, str], list[float]] = {(c, s): [] for c in commands for s in stores}
    for round_ in range(args.runs + 1):  # round 0 warms the page cache and .pyc files
        elapsed, _ = _timed(floor_argv, os.environ.copy())
        if round_:
            floor.append(elapsed)
        for command, argv_of in commands.items():
            for store in stores:
                elapsed, _ = _timed([*_salescli(), *argv_of(store)], envs[store])
                if round_:
                    times[(command, store)].append(elapsed)

    typer_ms = statistics.median(floor) * 1000
    print(f"{args.runs} interleaved rounds, medians; acting as {args.user}")
    print(f"python -c 'import typer': {typer_ms:.0f} ms")
    header = f"{'command':<22}" + "".join(f"{s + ' ms':>16}{'x typer':>9}" for s in stores)
    print(header + (f"{'pg/sqlite':>11}" if len(stores) > 1 else ""))
    for command in commands:
        line = f"{command:<22}"
        medians = {}
        for store in stores:
            medians[store] = statistics.median(times[(command, store)]) * 1000
            line += f"{medians[store]:16.0f}{medians[store] / typer_ms:9.1f}"
        if len(stores) > 1:
            line += f"{medians['postgresql'] / medians['sqlite']:11.2f}"
        print(line)

    print()
    print("customer list --all --json on the SQLite store (every customer, streamed)")
    sqlite3 = shutil.which("sqlite3")
    ours, theirs = [], []
    for _ in range(args.listing_runs):
        ours.append(_timed([*_salescli(), "customer", "list", "--all", "--json"], envs["sqlite"]))
        if sqlite3:
            theirs.append(_timed([sqlite3, "-json", args.db, "SELECT * FROM customers"], os.environ.copy()))
    our_s, our_mib = statistics.median(t for t, _ in ours), max(m for _, m in ours) / 1024
    print(f"  salescli: {our_s:.2f} s, peak {our_mib:.0f} MiB")
    if theirs:
        their_s, their_mib = statistics.median(t for t, _ in theirs), max(m for _, m in theirs) / 1024
        print(f"  sqlite3 -json: {their_s:.2f} s, peak {their_mib:.0f} MiB;"
              f" salescli / sqlite3 = {our_s / their_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
