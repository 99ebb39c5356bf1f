"""The dashboard on an empty store and on the big one: the figures of issue 14.

    .venv/bin/python benchmarks/bench_tui.py               # builds /tmp/salescli-big.db if missing
    .venv/bin/python benchmarks/bench_tui.py --runs 15

1. First complete paint: from starting a process to the home screen drawn with its data
   (agenda, forgotten customers, targets, funnel), headless at 160×48 (tui_probe.py
   `paint`), on a fresh store with only the acting user and on the big store (100k
   customers, 1M follow-ups), in interleaved rounds; medians and big / empty. Target: big
   <= 1.5 x empty. Both stores have the same target set, so the targets pane draws alike.
2. Search as you type on the big store: ms from a key press to its results drawn, per
   keystroke, over names typed in pinyin, in Chinese and in English (tui_probe.py `keys`):
   as the app measures it (the input's change to the results drawn), and around the
   pilot's key press (which adds the pilot's own waits).
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
from pathlib import Path

from bench_pipeline import _build, _compile_package, _env, _pick_rep, _print_build, _salescli

TARGET_RATIO = 1.5
PROBE = Path(__file__).resolve().with_name("tui_probe.py")
TYPED = ["hongda", "北京宏", "shanghai", "harbor", "cs"]
SETUP = [["target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "500000"]]


def _paint(env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(PROBE), "paint"], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or "painted" not in proc.stdout:
        raise SystemExit(f"tui_probe.py paint failed: {proc.stderr.strip()[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", default="/tmp/salescli-big.db", help="the big SQLite store (built when missing)")
    parser.add_argument("--user", help="rep to act as (default: the big store's rep with the most open deals)")
    parser.add_argument("--runs", type=int, default=11, help="timed rounds (median)")
    args = parser.parse_args(argv)
    if not Path(args.big).exists():
        _build(args.big, [])
    _print_build(args.big)
    _compile_package()
    user = args.user or _pick_rep(args.big)
    with tempfile.TemporaryDirectory(prefix="salescli-bench-") as tmp:
        config = Path(tmp) / "config.toml"
        stores = {"empty": _env(str(Path(tmp) / "empty.db"), user, config), "big": _env(args.big, user, config)}
        for step in (["db", "init"], ["agenda"]):
            subprocess.run([*_salescli(), *step], env=stores["empty"], stdout=subprocess.DEVNULL, check=True)
        for env in stores.values():
            for step in SETUP:
                subprocess.run([*_salescli(), *step], env=env, stdout=subprocess.DEVNULL, check=True)
        times: dict[str, list[float]] = {name: [] for name in stores}
        for round_ in range(args.runs + 1):  # round 0 warms the caches, untimed
            for name, env in stores.items():
                elapsed = _paint(env)
                if round_:
                    times[name].append(elapsed)
        keys = subprocess.run([sys.executable, str(PROBE), "keys", *TYPED], env=stores["big"], capture_output=True,
                              text=True, check=True)
    per_key = json.loads(keys.stdout.strip().splitlines()[-1])

    print()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.runs} interleaved rounds, medians; "
          f"acting as {user!r}")
    empty, big = statistics.median(times["empty"]), statistics.median(times["big"])
    verdict = "within" if big / empty <= TARGET_RATIO else "OVER"
    print(f"first complete paint of the home screen: empty {empty * 1000:.0f} ms, big {big * 1000:.0f} ms, "
          f"ratio {big / empty:.2f}x (target <= {TARGET_RATIO}x: {verdict})")
    print(f"search as you type on the big store, {len(per_key['app'])} keystrokes over {', '.join(TYPED)}:")
    for name, label in (("app", "keystroke to results drawn"), ("pilot", "around the pilot's key press")):
        values = per_key[name]
        ordered = sorted(values)
        p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
        print(f"  {label}: median {statistics.median(values):.0f} ms, p90 {p90:.0f} ms, max {max(values):.0f} ms")
        print("    per keystroke (ms): " + ", ".join(f"{t:.0f}" for t in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
