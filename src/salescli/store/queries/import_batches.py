"""The `import_batches` row every import of a file starts with (docs/import.md): who read
which file how, and what became of its rows. Each import keeps its counters its own way
(store/queries/lead_import.py, customer_import.py)."""

from __future__ import annotations

from typing import Any

from salescli.store.engine import Session


def create_batch(session: Session, **values: Any) -> int:
    return session.execute(
        f"INSERT INTO import_batches ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)}) RETURNING id",
        values,
    ).scalar()
