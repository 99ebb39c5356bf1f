"""Two builds of salescli side by side: did a change make the daily commands slower?

    # a worktree of the old commit with its own venv, and a big store built by each build
    git worktree add /tmp/base <old-commit> && python3.11 -m venv /tmp/base/.venv \\
        && /tmp/base/.venv/bin/pip install -e /tmp/base
    /tmp/base/.venv/bin/python /tmp/base/benchmarks/generate.py --target /tmp/bench/base-big.db --replace
    .venv/bin/python benchmarks/generate.py --target /tmp/bench/new-big.db --replace
    .venv/bin/python benchmarks/bench_versions.py \\
        --before /tmp/base/.venv/bin/salescli --before-big /tmp/bench/base-big.db \\
        --after .venv/bin/salescli --after-big /tmp/bench/new-big.db --runs 15

Each build runs on its own copy of the stores (a newer schema cannot be opened by an older
build). For every command the runs are interleaved (before-empty, after-empty, before-big,
after-big, then again), so drift in the machine's load hits every column alike, and
`python -c "import typer"` is measured in the same rounds as the floor. The commands:
`--help`, `agenda`, `tasks`, `customer add` (a new name each run) and `log` (on one of the
acting rep's customers), as the busiest rep of the big store; the ownership cap is raised
for both builds so `customer add` is never refused.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

from timing import wall

NOW = "2026-11-23T09:00:00+08:00"
USER = "liangxiuying"  # the big store's rep with the most open tasks
RAISED_CAP = 100_000


def _env(db: str, config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SALESCLI_DB": db, "SALESCLI_USER": USER, "SALESCLI_NOW": NOW, "SALESCLI_CONFIG": str(config),
        "TZ": "Asia/Shanghai", "NO_COLOR": "1", "COLUMNS": "120", "LANG": "C.UTF-8",
    })
    return env


def _json(argv: list[str], env: dict[str, str]) -> object:
    return json.loads(subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout)


class Build:
    def __init__(self, name: str, salescli: str, big: str, tmp: Path) -> None:
        self.name = name
        self.exe = [salescli]
        self.config = tmp / f"{name}.toml"
        self.empty = str(tmp / f"{name}-empty.db")
        self.big = big
        self.envs = {"empty": _env(self.empty, self.config), "big": _env(big, self.config)}

    def prepare(self, admin: str) -> None:
        """Create the empty store, raise the cap (in the file for an old build, in the store
        for a new one) and pick a customer of the acting rep for `log`."""
        # A build that keeps team rules in the store moves the file's cap there (acting as an
        # admin) and takes it out of the file: so write the file again for each store.
        self.config.write_text(f"[pool]\nmax_owned = {RAISED_CAP}\n", encoding="utf-8")
        big_admin = self.envs["big"] | {"SALESCLI_USER": admin}
        subprocess.run([*self.exe, "tasks"], env=big_admin, check=True, capture_output=True)
        self.config.write_text(f"[pool]\nmax_owned = {RAISED_CAP}\n", encoding="utf-8")
        empty = self.envs["empty"]
        subprocess.run([*self.exe, "customer", "add", "Bench Seed Ltd"], env=empty, check=True, capture_output=True)
        self.log_target = {
            where: str(_json([*self.exe, "customer", "list", "--json", "--sort", "created"], env)[0]["id"])
            for where, env in self.envs.items()
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the old build's salescli executable")
    parser.add_argument("--before-big", required=True, help="a big store built by the old build")
    parser.add_argument("--after", required=True, help="the new build's salescli executable")
    parser.add_argument("--after-big", required=True, help="a big store built by the new build")
    parser.add_argument("--admin", default="wangfang", help="an admin of the big stores")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    names = count()
    token = secrets.token_hex(3)  # names new to the stores, however often this runs
    with tempfile.TemporaryDirectory(prefix="salescli-versions-") as tmp_name:
        tmp = Path(tmp_name)
        builds = [Build("before", args.before, args.before_big, tmp), Build("after", args.after, args.after_big, tmp)]
        for build in builds:
            build.prepare(args.admin)
        commands = {
            "--help": lambda b, where: ["--help"],
            "agenda": lambda b, where: ["agenda"],
            "tasks": lambda b, where: ["tasks"],
            "customer add": lambda b, where: ["customer", "add", f"Bench Company {token} {next(names)} Ltd"],
            "log": lambda b, where: ["log", b.log_target[where], "Bench call"],
        }
        floor: list[float] = []
        results: dict[str, dict[tuple[str, str], list[float]]] = {}
        for _round in range(args.runs + 1):
            floor_time = wall([sys.executable, "-c", "import typer"], builds[0].envs["empty"])
            if _round:
                floor.append(floor_time)
            for name, make in commands.items():
                for where in ("empty", "big"):
                    for build in builds:
                        elapsed = wall([*build.exe, *make(build, where)], build.envs[where])
                        if _round:  # the first round warms the page cache
                            results.setdefault(name, {}).setdefault((build.name, where), []).append(elapsed)
        typer_ms = statistics.median(floor) * 1000
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; medians of {args.runs} interleaved runs; "
              f"acting as {USER!r}")
        print(f'python -c "import typer": {typer_ms:.0f} ms')
        print()
        header = f"{'command':<14} {'before empty':>13} {'after empty':>12} {'before big':>11} {'after big':>10}"
        print(header + f" {'after/before':>13} {'after/before':>13}")
        print(" " * 63 + f" {'(empty)':>13} {'(big)':>13}")
        for name, cells in results.items():
            ms = {key: statistics.median(times) * 1000 for key, times in cells.items()}
            empty_ratio = ms["after", "empty"] / ms["before", "empty"]
            big_ratio = ms["after", "big"] / ms["before", "big"]
            print(f"{name:<14} {ms['before', 'empty']:11.0f}ms {ms['after', 'empty']:10.0f}ms "
                  f"{ms['before', 'big']:9.0f}ms {ms['after', 'big']:8.0f}ms {empty_ratio:12.2f}x {big_ratio:12.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
