"""Store facts for `db info`: where it is, its schema, and how much it holds; and the
explicit `db path` / `db upgrade`, so the commands never touch the store layer."""

from __future__ import annotations

from typing import Any

from salescli.core.config import Config
from salescli.core.i18n import N_
from salescli.services.context import Context, store_url
from salescli.store.engine import describe, open_store
from salescli.store.queries.store_counts import counts
from salescli.store.schema import HEAD

INFO_LABELS = {
    "where": N_("Location"), "dialect": N_("Database"), "schema": N_("Schema"), "users": N_("Users"),
    "customers": N_("Customers"), "pool_customers": N_("In the pool"), "contacts": N_("Contacts"),
    "follow_ups": N_("Follow-ups"), "open_tasks": N_("Open tasks"),
}


def store_info(ctx: Context) -> dict[str, Any]:
    with ctx.store.session() as session:
        return {"where": describe(ctx.store.url), "dialect": ctx.store.dialect, "schema": HEAD} | counts(session)


def store_location(config: Config) -> str:
    return describe(store_url(config))


def upgrade_store(config: Config) -> tuple[str, str]:
    """Create or migrate the store now; returns (where, schema revision)."""
    url = store_url(config)
    open_store(url, busy_timeout_ms=config.get("store.busy_timeout_ms")).dispose()
    return describe(url), HEAD
