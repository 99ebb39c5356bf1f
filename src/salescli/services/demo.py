"""The demo store behind `salescli demo`: a team of reps with months of history.

Built with the seeded generator, so two builds with the same clock are identical, and with
the acting user as the first rep, so `SALESCLI_DB=<demo> salescli agenda` shows their day.
"""

from __future__ import annotations

from pathlib import Path

from salescli.core.errors import BadInputError, RefusedError
from salescli.core.i18n import _

DEMO_REPS: list[tuple[str, str]] = [
    ("wangfang", "王芳"), ("lilei", "李雷"), ("alice", "Alice Chen"), ("zhangwei", "张伟"), ("bob", "Bob Tan"),
    ("liuyang", "刘洋"), ("carol", "Carol Wong"),
]
DEMO_SIZE = {"reps": 6, "customers": 300, "contacts_per_customer": 2.0, "follow_ups": 3000}


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
            raise RefusedError(
                _("Cannot replace {path}: {problem}.").format(path=candidate, problem=exc.strerror)
            ) from None


def build_demo(path: Path, *, replace: bool, handle: str | None = None, seed: int = 2026) -> dict[str, int]:
    """Build a SQLite demo store at `path`; an existing file is replaced only when `replace`."""
    from salescli.core import clock
    from salescli.core.config import forgotten_days, load
    from salescli.core.paths import url_for
    from salescli.services.context import acting_handle
    from salescli.store.engine import open_store
    from salescli.store.seed import generator as seeding

    path = Path(path).expanduser()
    if path.is_dir():
        raise BadInputError(_("{path} is a folder; give a file name for the demo store.").format(path=path))
    if path.exists() and not replace:
        raise RefusedError(
            _("{path} already exists; the demo will not overwrite it. Use --force to replace it, or another --path.")
            .format(path=path)
        )
    config = load()
    handle = handle or acting_handle(config)
    now = clock.now()
    if path.exists() or replace:
        _remove_store_files(path)
    store = open_store(url_for(str(path)))
    try:
        summary = seeding.generate(
            store, now=now, seed=seed, reps=demo_reps(handle),
            customers=DEMO_SIZE["customers"], contacts_per_customer=DEMO_SIZE["contacts_per_customer"],
            follow_ups=DEMO_SIZE["follow_ups"], owned_per_rep=config.get("pool.max_owned"),
            forgotten_days=forgotten_days(config),
            region=config.get("import.default_region") or "CN",
        )
    finally:
        store.dispose()
    return summary
