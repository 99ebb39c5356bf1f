"""`salescli customer duplicates` and `salescli customer merge KEEP OTHER`: finding and
merging two records of one company (docs/merge.md)."""


import sys
from typing import Annotated

import typer

from salescli.commands._common import JsonOption, LimitOption, complete_customer, open_ctx
from salescli.core.i18n import _

KeepArg = Annotated[
    str, typer.Argument(help=_("The customer to keep (id or name)."), metavar="KEEP", autocompletion=complete_customer)
]
OtherArg = Annotated[
    str, typer.Argument(help=_("The customer merged into it and archived (id or name)."), metavar="OTHER",
                        autocompletion=complete_customer)
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help=_("Merge without asking first."))]


def duplicates(limit: LimitOption = None, json: JsonOption = False) -> None:
    from salescli.services.duplicates import list_duplicates
    from salescli.terminal.render import message, print_json

    ctx = open_ctx()
    pairs = list_duplicates(ctx, limit=limit)
    if json:
        print_json(pairs)
        return
    from salescli.core.i18n import ngettext
    from salescli.present.merge import DUPLICATE_COLUMNS, MERGE_HINT, NO_DUPLICATES, duplicate_view
    from salescli.terminal.render import columns_table

    if not pairs:
        message(_(NO_DUPLICATES))
        return
    columns_table(DUPLICATE_COLUMNS, [duplicate_view(pair) for pair in pairs], now=ctx.now())
    message(ngettext("{n} likely duplicate pair.", "{n} likely duplicate pairs.", len(pairs)).format(n=len(pairs))
            + " " + _(MERGE_HINT))


def merge(keep: KeepArg, other: OtherArg, yes: YesOption = False, json: JsonOption = False) -> None:
    from salescli.services.merge import merge_customers, merge_preview
    from salescli.terminal.render import message, print_json

    ctx = open_ctx()
    if not yes:
        from salescli.core.errors import BadInputError
        from salescli.present.merge import MERGE_CONFIRM, moved_words

        preview = merge_preview(ctx, keep, other)  # refuses what the merge would refuse, before asking
        if not sys.stdin.isatty():
            raise BadInputError("merge.confirm_needed", id=preview.id, other_id=preview.other_id)
        words = moved_words(preview.moved)
        question = _(MERGE_CONFIRM).format(**preview.json_fields()) + (f" ({', '.join(words)})" if words else "")
        if not typer.confirm(question, default=False, err=True):
            raise typer.Exit(1)
    done = merge_customers(ctx, keep, other)
    if json:
        print_json(done)
        return
    from salescli.present.merge import merged_sentence

    message(merged_sentence(done))


def register(customer_app: typer.Typer) -> None:
    """`customer duplicates` and `customer merge`."""
    customer_app.command("duplicates", help=_("List likely duplicate customers, with the reason."))(duplicates)
    customer_app.command("merge", help=_("Merge customer OTHER into KEEP: everything moves, OTHER is archived."))(
        merge)
