"""What the near-duplicate name check costs, before and after blocking, and what
`customer duplicates` costs (docs/identity-and-dedupe.md, docs/merge.md).

    .venv/bin/python benchmarks/bench_near_names.py --store 1k=/tmp/bench/1k.db --store 100k=/tmp/salescli-big.db

Build the stores with benchmarks/generate.py first, e.g.
`generate.py --target /tmp/bench/100k.db --customers 100000 --contacts 100000 --follow-ups 10000 --deals 0`.
For each store, in process (the store's own statements, no process start-up):

1. the check `customer add` runs, for `--names` names (half a stored name with one
   character changed, half a stored name's words shuffled into a new one): *before*, every
   live name key read and scored with rapidfuzz WRatio (what `_similar` did);
   *after*, the three bounded index probes of `store/queries/near_names.py` and
   `domain/dedupe.near_duplicate`. Median milliseconds per check, and the candidates read.
2. `customer duplicates` as a manager sees it: the exact pairs in SQL and the near pairs by
   blocking (`services/duplicates.py`); seconds and pairs found, best of `--runs`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))


def _sample(session: Any, count: int, rng: random.Random) -> list[tuple[str, str | None]]:
    from salescli.domain import dedupe
    from salescli.domain.pinyin import keys_of_name_key

    rows = session.execute("SELECT name_key FROM customers WHERE archived = :no", {"no": False}).scalars()
    keys = []
    for n, key in enumerate(rng.sample(rows, count)):
        if n % 2 == 0 and len(key) > 3:  # a typo of a stored name
            i = rng.randrange(len(key))
            key = key[:i] + rng.choice("xq宏鸿") + key[i + 1:]
        else:  # a name nobody has: another name's characters in another order
            key = "".join(rng.sample(key, len(key)))
        keys.append((dedupe.name_key(key), keys_of_name_key(key)[0]))
    return keys


def _before(session: Any, key: str) -> int:
    """The check as it was before issue 12: every live name key scored with WRatio."""
    from rapidfuzz import fuzz, process

    everything = session.execute("SELECT id, name_key FROM customers WHERE archived = :no", {"no": False}).all()
    keys = [k for _, k in everything]
    return len(process.extract(key, keys, scorer=fuzz.WRatio, score_cutoff=85.0, limit=5))


def _after(session: Any, key: str, spoken: str | None) -> tuple[int, int]:
    from salescli.services.duplicates import _candidates, near_customers

    return len(_candidates(session, key, spoken)), len(near_customers(session, key, spoken, set()))


def _check(db: str, names: int, seed: int) -> dict[str, float]:
    from salescli.core.paths import url_for
    from salescli.store.engine import open_store

    store = open_store(url_for(db))
    rng = random.Random(seed)
    with store.session() as session:
        count = session.execute("SELECT COUNT(*) FROM customers WHERE archived = :no", {"no": False}).scalar()
        sample = _sample(session, names, rng)
        before, after, read, found_before, found_after = [], [], [], 0, 0
        for key, spoken in sample:
            started = time.perf_counter()
            found_before += bool(_before(session, key))
            before.append(time.perf_counter() - started)
            started = time.perf_counter()
            candidates, found = _after(session, key, spoken)
            after.append(time.perf_counter() - started)
            read.append(candidates)
            found_after += bool(found)
    store.dispose()
    return {"customers": count, "before_ms": statistics.median(before) * 1000,
            "after_ms": statistics.median(after) * 1000, "read": statistics.median(read), "read_max": max(read),
            "warned_before": found_before, "warned_after": found_after}


def _duplicates(db: str, runs: int) -> tuple[float, int, int]:
    from salescli.core.paths import url_for
    from salescli.services.duplicates import near_pairs
    from salescli.store.engine import open_store
    from salescli.store.queries import merge as merge_queries
    from salescli.store.queries import near_names

    store = open_store(url_for(db))
    best, exact, near = float("inf"), 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        with store.session() as session:
            exact = sum(len(merge_queries.exact_pairs(session, column, None, 10_000_000))
                        for column in merge_queries.EXACT_KEYS.values())
            near = len(near_pairs(list(near_names.live_keys(session, None))))
        best = min(best, time.perf_counter() - started)
    store.dispose()
    return best, exact, near


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", action="append", required=True, metavar="LABEL=PATH",
                        help="a store to measure (repeatable), e.g. 100k=/tmp/salescli-big.db")
    parser.add_argument("--names", type=int, default=40, help="names checked per store")
    parser.add_argument("--runs", type=int, default=3, help="runs of `customer duplicates` (the best counts)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    print("check on add (median per name)      before (scan+WRatio)   after (probes)   candidates read (median/max)"
          "   warned before/after")
    results = []
    for item in args.store:
        label, _, db = item.partition("=")
        got = _check(db, args.names, args.seed)
        print(f"  {label:>6} ({got['customers']:>7} live)       {got['before_ms']:>10.1f} ms"
              f"   {got['after_ms']:>10.2f} ms   {got['read']:>8.0f} / {got['read_max']:<6}"
              f"        {got['warned_before']:>3} / {got['warned_after']}")
        results.append((label, db))
    print("customer duplicates (manager: every live customer), best of", args.runs)
    for label, db in results:
        seconds, exact, near = _duplicates(db, args.runs)
        print(f"  {label:>6}   {seconds:>7.2f} s   exact pairs {exact:>8}   near pairs {near:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
