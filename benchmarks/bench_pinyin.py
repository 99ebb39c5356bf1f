"""What the pinyin keys cost: `customer add` and the generator with and without them, and
`customer list --search hd` on the big store against an empty one.

    .venv/bin/python benchmarks/bench_pinyin.py --big /tmp/salescli-big.db --runs 15
    .venv/bin/python benchmarks/bench_pinyin.py --big /tmp/bench/20k.db --gen-customers 20000

Three parts, each interleaved round by round so the machine's drift hits both columns:

1. `customer add NAME` (a new Chinese name each run) as a process, with the keys and
   without them, on a fresh store (the cap raised). "Without" runs the same command
   with `salescli.domain.pinyin.pinyin_keys` replaced by a function returning no keys, so
   the difference is loading the pinyin table and computing the keys. Both variants
   start through the same `python -c` launcher.
2. The seeded generator (`seed_store`, what `salescli demo` and benchmarks/generate.py
   run) on a fresh SQLite file, `--gen-customers` customers (contacts and follow-ups in
   the big store's proportions), with the keys and without them.
3. `customer list --search hd` (the rep's own customers, the default scope),
   `customer list --all --search hd --limit 20` and `customer list --all --search hongda
   --limit 20` on the big store and on an empty one, acting as `--user`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_speed import NOW, _compile_package, _salescli, _timed  # noqa: E402

_LAUNCH = (
    "import sys\n"
    "import salescli.domain.pinyin as p\n"
    "{patch}"
    "from salescli.__main__ import main\n"
    "sys.argv[0] = 'salescli'\n"
    "sys.exit(main())\n"
)
_WITHOUT = "p.pinyin_keys = lambda name: (None, None)\n"


def _env(db: str, user: str | None, home: Path) -> dict[str, str]:
    env = os.environ | {"SALESCLI_DB": db, "SALESCLI_NOW": NOW, "TZ": "Asia/Shanghai", "NO_COLOR": "1",
                        "SALESCLI_LANG": "en", "XDG_CONFIG_HOME": str(home / "config"),
                        "XDG_DATA_HOME": str(home / "data")}
    if user:
        env["SALESCLI_USER"] = user
    else:
        env.pop("SALESCLI_USER", None)
    return env


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench_add(runs: int, tmp: Path) -> None:
    db = str(tmp / "add.db")
    env = _env(db, None, tmp)
    subprocess.run([*_salescli(), "db", "init"], env=env, capture_output=True)
    subprocess.run([*_salescli(), "customer", "add", "Bench Seed"], env=env, check=True, capture_output=True)
    subprocess.run([*_salescli(), "config", "set", "pool.max_owned", "100000"], env=env, check=True,
                   capture_output=True)
    chars = "宏达华东鸿运金鼎恒信瑞丰嘉禾永泰天成中兴东方新源博远"
    token = secrets.token_hex(2)
    times: dict[str, list[float]] = {"with keys": [], "without keys": []}
    for round_ in range(runs + 1):
        for variant, patch in (("with keys", ""), ("without keys", _WITHOUT)):
            pair = chars[round_ % len(chars)] + chars[(round_ * 7 + 3) % len(chars)]
            name = f"{pair}{token}{len(variant)}{round_}科技"
            argv = [sys.executable, "-c", _LAUNCH.format(patch=patch), "customer", "add", name]
            elapsed, _ = _timed(argv, env)
            if round_:
                times[variant].append(elapsed)
    with_ms, without_ms = _median_ms(times["with keys"]), _median_ms(times["without keys"])
    print(f"customer add, fresh store, {runs} rounds: with keys {with_ms:.0f} ms, without {without_ms:.0f} ms,"
          f" with/without = {with_ms / without_ms:.3f}x")


def bench_generator(customers: int, runs: int, tmp: Path) -> None:
    """Wall time and this process's CPU time (less moved by other work on the machine) of
    whole generator runs, and the time spent computing the keys inside the runs with keys."""
    from salescli.core.paths import url_for
    from salescli.services.demo import seed_store
    from salescli.store.seed import generator

    real = generator.keys_of_name_key
    spent = [0.0]

    def timed_keys(key: str) -> tuple[str | None, str | None]:
        started = time.perf_counter()
        try:
            return real(key)
        finally:
            spent[0] += time.perf_counter() - started

    now = datetime.fromisoformat(NOW)
    wall: dict[str, list[float]] = {"with keys": [], "without keys": []}
    cpu: dict[str, list[float]] = {"with keys": [], "without keys": []}
    keys: list[float] = []
    writing: dict[str, list[float]] = {"with keys": [], "without keys": []}
    marks: list[tuple[float, str]] = []
    for round_ in range(runs + 1):  # round 0: a small warm-up (imports, Alembic, page cache), not counted
        variants = ("with keys", "without keys") if round_ % 2 else ("without keys", "with keys")
        for variant in variants:
            generator.keys_of_name_key = timed_keys if variant == "with keys" else (lambda key: (None, None))
            path = tmp / f"gen-{round_}-{len(variant)}.db"
            size = customers if round_ else 500
            spent[0] = 0.0
            marks.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            seed_store(url_for(str(path)), now=now, seed=2026, reps=50, customers=size,
                       contacts_per_customer=3.0, follow_ups=size * 10, chunk_size=10_000, bulk_pragmas=True,
                       log=lambda message: marks.append((time.perf_counter(), message)))
            if round_:
                # The phase the keys are in: building and inserting the customer rows.
                at = {message.split(":")[0]: t for t, message in marks}
                writing[variant].append(at["customers and tags written"] - at["customers"])
                wall[variant].append(time.perf_counter() - started)
                cpu[variant].append(time.process_time() - started_cpu)
                if variant == "with keys":
                    keys.append(spent[0])
                print(f"  generator round {round_}, {variant}: {wall[variant][-1]:.1f} s wall,"
                      f" {cpu[variant][-1]:.1f} s CPU", flush=True)
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    generator.keys_of_name_key = real
    print(f"generator, {customers:,} customers, {customers * 10:,} follow-ups, {runs} rounds (medians):")
    for label, figures in (("wall", wall), ("CPU", cpu)):
        with_s, without_s = statistics.median(figures["with keys"]), statistics.median(figures["without keys"])
        print(f"  {label}: with keys {with_s:.1f} s, without {without_s:.1f} s,"
              f" with/without = {with_s / without_s:.3f}x")
    with_s, without_s = statistics.median(writing["with keys"]), statistics.median(writing["without keys"])
    print(f"  writing the customer rows (keys computed and indexed): with keys {with_s:.2f} s, without"
          f" {without_s:.2f} s: +{with_s - without_s:.2f} s"
          f" ({(with_s - without_s) / statistics.median(wall['without keys']):.1%} of a run without)")
    print(f"  computing the keys: {statistics.median(keys):.2f} s of each run with keys"
          f" ({statistics.median(keys) / statistics.median(wall['without keys']):.1%} of a run without)")


def bench_search(big: str, user: str, runs: int, tmp: Path) -> None:
    """Each command on the empty store, on the big one, and on the big one with the pinyin
    match switched off (`query_key` returning None): big/empty is the target, and
    big - big without pinyin what the pinyin match adds. All through the same launcher."""
    empty = str(tmp / "empty.db")
    subprocess.run([*_salescli(), "customer", "add", "Bench Seed"], env=_env(empty, user, tmp), check=True,
                   capture_output=True)
    runs_on = {
        "empty": (_env(empty, user, tmp), ""),
        "big": (_env(big, user, tmp), ""),
        "big, no pinyin": (_env(big, user, tmp), "p.query_key = lambda text: None\n"),
    }
    commands = {
        "customer list --search hd": ["customer", "list", "--search", "hd"],
        "--all --search hd --limit 20": ["customer", "list", "--all", "--search", "hd", "--limit", "20"],
        "--all --search hongda --limit 20": ["customer", "list", "--all", "--search", "hongda", "--limit", "20"],
    }
    times: dict[tuple[str, str], list[float]] = {(c, s): [] for c in commands for s in runs_on}
    for round_ in range(runs + 1):
        for command, argv in commands.items():
            for store, (env, patch) in runs_on.items():
                elapsed, _ = _timed([sys.executable, "-c", _LAUNCH.format(patch=patch), *argv], env)
                if round_:
                    times[(command, store)].append(elapsed)
    print(f"search, acting as {user}, {runs} rounds (medians):")
    for command in commands:
        empty_ms, big_ms, plain_ms = (_median_ms(times[(command, s)]) for s in runs_on)
        print(f"  {command:<34} empty {empty_ms:5.0f} ms  big {big_ms:5.0f} ms  big/empty = {big_ms / empty_ms:.2f}x"
              f"  (big without pinyin {plain_ms:5.0f} ms, {plain_ms / empty_ms:.2f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", default="/tmp/salescli-big.db", help="the big SQLite store (benchmarks/generate.py)")
    parser.add_argument("--user", default="wangfang", help="a rep of the big store")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--gen-customers", type=int, default=20_000)
    parser.add_argument("--gen-runs", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], choices=["add", "generator", "search"])
    args = parser.parse_args()
    _compile_package()
    with tempfile.TemporaryDirectory(prefix="salescli-pinyin-") as name:
        tmp = Path(name)
        if "add" not in args.skip:
            bench_add(args.runs, tmp)
        if "search" not in args.skip:
            bench_search(args.big, args.user, args.runs, tmp)
        if "generator" not in args.skip:
            bench_generator(args.gen_customers, args.gen_runs, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
