"""Targets, the week plan and the activity report on an empty store and on the big one:
the figures of issue 13.

    .venv/bin/python benchmarks/bench_plans.py                  # builds /tmp/salescli-big.db if missing
    .venv/bin/python benchmarks/bench_plans.py --big /tmp/bench/big.db --runs 21
    .venv/bin/python benchmarks/bench_plans.py --pg URL --pg-empty URL

The same harness as bench_pipeline.py (interleaved rounds, medians, big / empty; target:
big <= 1.3 x empty), acting as the big store's rep with the most open deals. Before timing,
every store gets the same targets (a year's won amount split into quarters and months, a
month's follow-ups), so `target show` has rows to compute on both. `report activity --team`
needs a manager: on the empty store the acting user is its first user (an admin); on the
big store pass `--user wangfang` (the generator's admin) to time the team view as a manager.
"""

from __future__ import annotations

from bench_pipeline import main as bench

COMMANDS: list[tuple[str, list[str]]] = [
    ("plan week", ["plan", "week"]),
    ("target show", ["target", "show"]),
    ("report activity --week --team", ["report", "activity", "--week", "today", "--team"]),
]
SETUP: list[list[str]] = [
    ["target", "set", "--period", "2026", "--metric", "won_amount", "--value", "6000000", "--split", "even"],
    ["target", "set", "--period", "2026-11", "--metric", "follow_ups", "--value", "300"],
    ["target", "set", "--period", "2026-11", "--metric", "visits", "--value", "40"],
]

if __name__ == "__main__":
    raise SystemExit(bench(commands=COMMANDS, setup=SETUP, doc=__doc__))
