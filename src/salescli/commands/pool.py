"""`salescli pool ...` (rules, list, claim, release, sweep) and `salescli customer
lock|unlock`: the public pool (公海), docs/pool.md."""


from typing import Annotated

import typer

from salescli.commands._common import (
    CityOption,
    CustomerRef,
    GradeOption,
    IndustryOption,
    JsonOption,
    LimitOption,
    SearchOption,
    SizeOption,
    complete_customer,
    open_ctx,
)
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

RefArg = CustomerRef
RefsArg = Annotated[
    list[str],
    typer.Argument(help=_("Customer ids or names; all are claimed, or none."), metavar="CUSTOMER...",
                   autocompletion=complete_customer),
]


@app.command("rules", help=_("The pool rules: whether they are in force, and their values."))
def rules(json: JsonOption = False) -> None:
    from salescli.services.pool import pool_rules
    from salescli.terminal.render import message, print_json, table

    view = pool_rules(open_ctx())
    if json:
        print_json(view)
        return
    from salescli.present.pool import RULE_COLUMNS, rule_rows, rules_state

    message(rules_state(view))
    table([(_(header), options) for header, options in RULE_COLUMNS], rule_rows(view))


@app.command("list", help=_("List the customers in the pool, by name."))
def list_(
    industry: IndustryOption = None,
    size: SizeOption = None,
    city: CityOption = None,
    grade: GradeOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.pool import PoolFilter, list_pool

    ctx = open_ctx()
    rows = list_pool(ctx, PoolFilter(industry=industry, size=size, city=city, grade=grade, search=search,
                                     limit=limit))
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)  # streams: written row by row
        return
    from salescli.core.i18n import ngettext
    from salescli.present.pool import POOL_COLUMNS, pool_row_view
    from salescli.terminal.render import columns_table, message

    shown = [pool_row_view(row) for row in rows]
    if not shown:
        message(_("No customers in the pool match."))
        return
    columns_table(POOL_COLUMNS, shown, now=ctx.now())
    if limit is not None and len(shown) == limit:  # the pool may hold more: say these are the first
        message(ngettext("The first {n} customer in the pool (--limit).", "The first {n} customers in the pool"
                         " (--limit).", len(shown)).format(n=len(shown)))
    else:
        message(ngettext("{n} customer in the pool", "{n} customers in the pool", len(shown)).format(n=len(shown)))


@app.command("claim", help=_("Take customers from the pool, within your cap."))
def claim(refs: RefsArg, json: JsonOption = False) -> None:
    from salescli.present.pool import claimed_sentence
    from salescli.services.pool import claim as claim_customers
    from salescli.terminal.render import message, print_json

    done = claim_customers(open_ctx(), refs)
    if json:
        print_json(done)
        return
    message(claimed_sentence(done))


@app.command("release", help=_("Return a customer you own to the pool, with a reason."))
def release(
    ref: RefArg,
    reason: Annotated[
        str | None, typer.Option("--reason", help=_("Why you let it go (required)."), metavar="TEXT")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.pool import release as release_customer
    from salescli.terminal.render import message, print_json

    done = release_customer(open_ctx(), ref, reason)
    if json:
        print_json(done)
        return
    message(_("Released #{id} {name} to the pool.").format(id=done.id, name=done.name))


@app.command("sweep", help=_("Recycle every customer due back to the pool now (see pool rules)."))
def sweep(
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("Only list what would move; change nothing."))]
    = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.pool import sweep as sweep_pool
    from salescli.terminal.render import message, print_json

    ctx = open_ctx()
    done = sweep_pool(ctx, dry_run=dry_run)
    if json:
        print_json(done)
        return
    from salescli.core.i18n import ngettext
    from salescli.present.pool import NOT_IN_FORCE_SWEEP, SWEEP_COLUMNS, sweep_item_view
    from salescli.terminal.render import columns_table

    if not done.in_force:
        message(_(NOT_IN_FORCE_SWEEP))
        return
    if not done.items:
        message(_("Nothing to recycle."))
        return
    columns_table(SWEEP_COLUMNS, [sweep_item_view(item) for item in done.items], now=ctx.now())
    n = len(done.items)
    if dry_run:
        message(ngettext("Would recycle {n} customer (dry run: nothing changed).",
                         "Would recycle {n} customers (dry run: nothing changed).", n).format(n=n))
    else:
        message(ngettext("Recycled {n} customer.", "Recycled {n} customers.", n).format(n=n))


def lock(ref: RefArg, json: JsonOption = False) -> None:
    _lock(ref, True, json)


def unlock(ref: RefArg, json: JsonOption = False) -> None:
    _lock(ref, False, json)


def _lock(ref: str, locked: bool, json: bool) -> None:
    from salescli.services.pool import set_locked
    from salescli.terminal.render import message, print_json

    done = set_locked(open_ctx(), ref, locked)
    if json:
        print_json(done)
        return
    words = {"id": done.id, "name": done.name, "used": done.locked_count, "cap": done.max_locked}
    if not locked:
        message(_("Unlocked #{id} {name}; its recycle countdown starts again now.").format(**words))
    elif done.max_locked is None:  # the pool rules are not in force: no lock cap
        message(_("Locked #{id} {name} against recycling.").format(**words))
    else:
        message(_("Locked #{id} {name} against recycling ({used} of {cap} locks used).").format(**words))


def register(customer_app: typer.Typer) -> None:
    """`customer lock` and `customer unlock`."""
    customer_app.command("lock", help=_("Protect a customer you own from recycling (up to pool.max_locked)."))(lock)
    customer_app.command("unlock", help=_("Remove a customer's lock; its recycle countdown starts again."))(unlock)
