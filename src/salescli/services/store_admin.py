"""The store itself: where it is, what it holds, its schema (`db path|info|upgrade`), so
the commands never touch the store layer."""

from __future__ import annotations

from salescli.core.config import Config
from salescli.services.context import Context
from salescli.services.identity import store_url
from salescli.services.records import Record, record
from salescli.store.engine import describe, open_store
from salescli.store.queries.store_counts import counts
from salescli.store.schema import HEAD


@record
class StoreInfo(Record):
    where: str
    dialect: str
    schema: str
    users: int
    customers: int
    pool_customers: int
    contacts: int
    follow_ups: int
    open_tasks: int


@record
class StoreUpgraded(Record):
    where: str
    schema: str


def store_info(ctx: Context) -> StoreInfo:
    with ctx.session() as session:
        return StoreInfo(describe(ctx.store.url), ctx.store.dialect, HEAD, **counts(session))


def store_location(config: Config) -> str:
    return describe(store_url(config))


def upgrade_store(config: Config) -> StoreUpgraded:
    """Create or migrate the store now."""
    url = store_url(config)
    open_store(url, busy_timeout_ms=config.get("store.busy_timeout_ms")).dispose()
    return StoreUpgraded(describe(url), HEAD)
