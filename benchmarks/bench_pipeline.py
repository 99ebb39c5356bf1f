"""The pipeline's reads on an empty store and on the big one: the figures of issue 10.

    .venv/bin/python benchmarks/bench_pipeline.py                  # builds /tmp/salescli-big.db if missing
    .venv/bin/python benchmarks/bench_pipeline.py --big /tmp/bench/big.db --runs 21
    .venv/bin/python benchmarks/bench_pipeline.py --build          # rebuild the big store first
    .venv/bin/python benchmarks/bench_pipeline.py \\
        --pg 'postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench' \\
        --pg-empty 'postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench_empty'

The big store is benchmarks/generate.py's (50 reps, 100k customers, 300k contacts, 1M
follow-ups, 200k deals, ~1M stage changes); the empty one a fresh store with only the
acting user. `report funnel`, `report forecast`, `deal list --mine` and `agenda` run as
subprocesses (output to /dev/null), acting as the big store's rep with the most open deals,
in interleaved rounds (every command on every store in turn, after one untimed warm-up
round) so the machine's drift hits every column alike; the table shows medians and
big / empty. Target (the issue): big <= 1.3 x empty.

A build's time is kept next to the store (`<store>.generate.log`, generate.py's output) and
printed when the store is reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import first_row, wall

NOW = "2026-11-23T09:00:00+08:00"
TARGET_RATIO = 1.3
COMMANDS: list[tuple[str, list[str]]] = [
    ("report funnel", ["report", "funnel"]),
    ("report forecast", ["report", "forecast"]),
    ("deal list --mine", ["deal", "list", "--mine"]),
    ("agenda", ["agenda"]),
]
HERE = Path(__file__).resolve().parent


def _salescli() -> list[str]:
    script = Path(sys.executable).with_name("salescli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "salescli"]


def _env(db: str, user: str, config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SALESCLI_DB": db, "SALESCLI_USER": user, "SALESCLI_NOW": NOW, "SALESCLI_CONFIG": str(config),
        "TZ": "Asia/Shanghai", "NO_COLOR": "1", "COLUMNS": "120", "LANG": "C.UTF-8",
    })
    for var in ("SALESCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(var, None)
    return env


def _build(target: str, extra: list[str]) -> None:
    """Run generate.py (niced: the machine is shared), keeping its output next to the store."""
    log = Path(target + ".generate.log")
    print(f"Building {target} (benchmarks/generate.py {' '.join(extra)}) ...", flush=True)
    started = time.perf_counter()
    with log.open("w") as out:
        subprocess.run(["nice", "-n", "10", sys.executable, str(HERE / "generate.py"), "--target", target, "--replace",
                        *extra], check=True, stdout=out, stderr=subprocess.STDOUT)
    print(f"  built in {time.perf_counter() - started:.1f} s")


def _print_build(target: str) -> None:
    log = Path(target + ".generate.log")
    if not log.exists():
        print(f"Big store {target}: reused (no generate.py log next to it)")
        return
    print(f"Big store {target}: generate.py's report")
    for line in log.read_text().splitlines():
        if any(word in line for word in ("Built", "deals", "stage changes", "stage_changes", "payments",
                                         "follow-ups written", "ownership events", "customers:", "file size")):
            print("  " + line.strip())


def _counts(db: str, user: str) -> dict[str, int]:
    """How much the acting rep sees: the context of the figures."""
    mine = "SELECT count(*) FROM deals d JOIN users u ON u.id = d.owner_id WHERE u.handle = :h"
    one = first_row(db, (
        "SELECT (SELECT count(*) FROM deals) AS deals, (SELECT count(*) FROM stage_changes) AS changes,"
        f" (SELECT count(*) FROM payments) AS payments, ({mine} AND d.status = 'open') AS mine_open,"
        f" ({mine}) AS mine",
        {"h": user},
    ))
    return {"deals": one.deals, "stage changes": one.changes, "payments": one.payments,
            f"{user}'s deals": one.mine, f"{user}'s open deals": one.mine_open}


def _pick_rep(db: str) -> str:
    """The rep with the most open deals: the heaviest `deal list --mine` and agenda."""
    row = first_row(db, (
        "SELECT u.handle, count(d.id) AS n FROM users u JOIN deals d ON d.owner_id = u.id"
        " WHERE d.status = 'open' GROUP BY u.handle ORDER BY n DESC, u.handle LIMIT 1", {},
    ))
    if row is None:
        raise SystemExit(f"{db} has no open deals; build it with benchmarks/generate.py")
    return row.handle


def _rounds(stores: dict[str, dict[str, str]], runs: int,
            commands: list[tuple[str, list[str]]]) -> dict[tuple[str, str], float]:
    """Median seconds of each (command, store); interleaved rounds, round 0 untimed."""
    salescli = _salescli()
    times: dict[tuple[str, str], list[float]] = {(c, s): [] for c, _ in commands for s in stores}
    for round_ in range(runs + 1):
        for name, argv in commands:
            for store, env in stores.items():
                elapsed = wall([*salescli, *argv], env)
                if round_:
                    times[(name, store)].append(elapsed)
    return {key: statistics.median(values) for key, values in times.items()}


def _compile_package() -> None:
    """Write salescli's bytecode once, as installing a wheel does (see bench_speed.py)."""
    import compileall

    import salescli

    compileall.compile_dir(Path(salescli.__file__).parent, quiet=1)


def main(argv: list[str] | None = None, *, commands: list[tuple[str, list[str]]] = COMMANDS,
         setup: list[list[str]] | None = None, doc: str | None = None) -> int:
    """Time `commands` on an empty and the big store; `setup` commands run first on every
    store (untimed), e.g. to set the targets a command reads."""
    parser = argparse.ArgumentParser(description=(doc or __doc__).splitlines()[0])
    parser.add_argument("--big", default="/tmp/salescli-big.db", help="the big SQLite store (built when missing)")
    parser.add_argument("--build", action="store_true", help="rebuild the big SQLite store first")
    parser.add_argument("--generate-args", default="", help="extra generate.py options for a build, e.g. "
                        "'--customers 10000 --follow-ups 100000 --deals 20000 --stage-changes 100000'")
    parser.add_argument("--empty", help="an empty store (default: a fresh temporary SQLite file)")
    parser.add_argument("--pg", help="the big store on PostgreSQL (a postgresql+psycopg:// URL built by generate.py)")
    parser.add_argument("--pg-empty", help="an empty PostgreSQL store (URL of an empty schema), with --pg")
    parser.add_argument("--user", help="rep to act as (default: the big store's rep with the most open deals)")
    parser.add_argument("--runs", type=int, default=15, help="timed rounds (median)")
    args = parser.parse_args(argv)
    if bool(args.pg) != bool(args.pg_empty):
        parser.error("--pg and --pg-empty go together (the ratio needs both)")

    big = args.big
    if args.build or not Path(big).exists():
        _build(big, args.generate_args.split())
    _print_build(big)
    _compile_package()
    user = args.user or _pick_rep(big)
    with tempfile.TemporaryDirectory(prefix="salescli-bench-") as tmp:
        config = Path(tmp) / "config.toml"
        empty = args.empty or str(Path(tmp) / "empty.db")
        stores = {"empty": _env(empty, user, config), "big": _env(big, user, config)}
        if args.pg:
            stores |= {"pg empty": _env(args.pg_empty, user, config), "pg big": _env(args.pg, user, config)}
        for name in ("empty", "pg empty"):
            if name in stores:  # the schema, then the acting user (a solo store)
                for step in (["db", "init"], ["agenda"]):
                    subprocess.run([*_salescli(), *step], env=stores[name], stdout=subprocess.DEVNULL, check=True)
        for env in stores.values():
            for step in setup or []:
                subprocess.run([*_salescli(), *step], env=env, stdout=subprocess.DEVNULL, check=True)
        print()
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.runs} interleaved rounds, medians; "
              f"acting as {user!r}")
        for key, value in _counts(big, user).items():
            print(f"  {key:>24}: {value:,}")
        medians = _rounds(stores, args.runs, commands)

    print()
    pairs = [("empty", "big")] + ([("pg empty", "pg big")] if args.pg else [])
    width = max(20, *(len(name) + 2 for name, _ in commands))
    header = f"{'command':<{width}}" + "".join(f"{e + ' ms':>14}{b + ' ms':>12}{'ratio':>8}" for e, b in pairs)
    print(header)
    over = []
    for name, _ in commands:
        line = f"{name:<{width}}"
        for e, b in pairs:
            ratio = medians[(name, b)] / medians[(name, e)]
            line += f"{medians[(name, e)] * 1000:14.0f}{medians[(name, b)] * 1000:12.0f}{ratio:7.2f}x"
            if ratio > TARGET_RATIO:
                over.append(f"{name} ({b})")
        print(line)
    print()
    print(f"target: big <= {TARGET_RATIO}x empty; " + (f"over: {', '.join(over)}" if over else "all within"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
