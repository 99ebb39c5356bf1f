"""The demo store behind `salescli demo`, and seeding any store for tests and benchmarks.

Both go through `seed_store`, which reads the target store's team rules and hands them to
the seeded generator, so a demo always follows the rules as the product applies them.
The demo is built with the acting user as its first rep, so `SALESCLI_DB=<demo> salescli
agenda` shows their day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from salescli.core.errors import BadInputError, RefusedError
from salescli.services.records import Record, record

DEMO_REPS: list[tuple[str, str]] = [
    ("wangfang", "王芳"), ("lilei", "李雷"), ("alice", "Alice Chen"), ("zhangwei", "张伟"), ("bob", "Bob Tan"),
    ("liuyang", "刘洋"), ("carol", "Carol Wong"),
]
DEMO_SIZE = {"reps": 6, "customers": 160, "contacts_per_customer": 2.0, "follow_ups": 3000}


@record
class SeedSummary(Record):
    """What a seeding wrote."""

    users: int
    new_users: int
    customers: int
    owned: int
    pool: int
    contacts: int
    follow_ups: int
    open_tasks: int
    ownership_events: int
    tags: int
    deals: int = 0
    stage_changes: int = 0
    payments: int = 0


def demo_reps(handle: str, count: int = DEMO_SIZE["reps"]) -> list[tuple[str, str]]:
    """The acting user first (so the agenda is theirs), then a mix of Chinese and English names."""
    names = dict(DEMO_REPS)
    others = [(h, n) for h, n in DEMO_REPS if h != handle]
    return [(handle, names.get(handle, handle))] + others[: count - 1]


def _remove_store_files(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink(missing_ok=True)
        except OSError as exc:
            raise RefusedError("demo.cannot_replace", path=str(candidate), problem=exc.strerror) from None


def seed_store(
    url: str, *, now: datetime, seed: int = 2026, reps: Sequence[tuple[str, str]] | int = 6, customers: int = 300,
    contacts_per_customer: float = 2.0, follow_ups: int = 3000, owned_per_rep: int | None = None,
    deals: int | None = None, changes_per_deal: float | None = None, chunk_size: int = 10_000,
    bulk_pragmas: bool = False, log: Callable[[str], None] | None = None,
) -> SeedSummary:
    """Fill the store at `url` (created or upgraded first) with a realistic, deterministic
    history that follows the store's team rules. `deals`: how many deals in all (None: a
    realistic number for the customers: a few per owned customer, some on the pool's);
    `changes_per_deal`: the average stage changes a deal has (None: as the paths come)."""
    from salescli.services.settings import team_rules
    from salescli.store.engine import open_store
    from salescli.store.seed.generator import SeedRules, generate

    store = open_store(url)
    try:
        with store.session() as session:
            rules = team_rules(session)
            seed_rules = SeedRules(
                max_owned=rules.get("pool.max_owned"), forgotten_days=rules.forgotten_days(),
                recycle=rules.recycle_rules(), max_locked=rules.get("pool.max_locked"),
                warn_days=rules.get("pool.warn_days"),
                region=rules.get("import.default_region"),
                stages=tuple(rules.get("pipeline.stages")), sales_cycle_days=rules.get("pipeline.sales_cycle_days"),
            )
        return SeedSummary(**generate(
            store, now=now, seed=seed, reps=reps, customers=customers, contacts_per_customer=contacts_per_customer,
            follow_ups=follow_ups, deals=deals, changes_per_deal=changes_per_deal, rules=seed_rules,
            owned_per_rep=owned_per_rep, chunk_size=chunk_size,
            bulk_pragmas=bulk_pragmas, log=log,
        ))
    finally:
        store.dispose()


def build_demo(
    path: Path, *, replace: bool, handle: str | None = None, seed: int = 2026, rebuild: bool = False,
) -> SeedSummary:
    """Build a SQLite demo store at `path`; an existing file is replaced when `replace`,
    or, with `rebuild` (the default demo path), when it is a demo nobody has written to
    since it was built (its fingerprint, store/queries/fingerprint.py, still matches)."""
    from salescli.core import clock
    from salescli.core.config import load
    from salescli.core.paths import url_for
    from salescli.services.identity import acting_handle
    from salescli.store.queries import fingerprint

    path = Path(path).expanduser()
    if path.is_dir():
        raise BadInputError("demo.is_folder", path=str(path))
    if path.exists() and not replace:
        if not rebuild:
            raise RefusedError("demo.exists", path=str(path))
        if not fingerprint.unchanged(path):
            raise RefusedError("demo.changed", path=str(path))
    handle = handle or acting_handle(load())
    now = clock.now()
    if path.exists() or replace:
        _remove_store_files(path)
    summary = seed_store(
        url_for(str(path)), now=now, seed=seed, reps=demo_reps(handle), customers=DEMO_SIZE["customers"],
        contacts_per_customer=DEMO_SIZE["contacts_per_customer"], follow_ups=DEMO_SIZE["follow_ups"],
    )
    fingerprint.mark(path)
    return summary
