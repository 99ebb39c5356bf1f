"""The store itself: where it is, what it holds, its schema (`db path|init|info|upgrade`),
so the commands never touch the store layer."""

from __future__ import annotations

from salescli.core.config import Config
from salescli.core.errors import NotFoundError
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


@record
class StoreInitialized(Record):
    where: str
    schema: str
    created: bool


def store_info(ctx: Context) -> StoreInfo:
    with ctx.session() as session:
        return StoreInfo(describe(ctx.store.url), ctx.store.dialect, HEAD, **counts(session))


def store_location(config: Config) -> str:
    return describe(store_url(config))


def init_store(config: Config) -> StoreInitialized:
    """Create the store now, wherever it is named (its folder must exist, except at the
    default location); an existing one is brought up to date and left as it is."""
    url = store_url(config)
    store = open_store(url, busy_timeout_ms=config.get("store.busy_timeout_ms"), create=True)
    store.dispose()
    return StoreInitialized(describe(url), HEAD, store.created)


def upgrade_store(config: Config) -> StoreUpgraded:
    """Migrate the store now (a missing one away from the default location: see init_store)."""
    url = store_url(config)
    store = open_store(url, busy_timeout_ms=config.get("store.busy_timeout_ms"), create=False)
    store.dispose()
    if not store.exists:
        raise NotFoundError("store.missing", where=describe(url))
    return StoreUpgraded(describe(url), HEAD)
