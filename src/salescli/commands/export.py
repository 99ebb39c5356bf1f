"""`salescli customer export`, `salescli lead export` and `salescli customer import`: every
record a user may read, as CSV, JSON or JSON lines, and a customer file read back
(docs/export.md)."""


from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _

FormatOption = Annotated[
    str, typer.Option("--format", help=_("csv (the default), json (an array) or jsonl (one object per line)."),
                      metavar="csv|json|jsonl")
]
OutOption = Annotated[
    str | None, typer.Option("--out", help=_("Write to FILE (replaced only once the export is complete);"
                                             " standard output by default."), metavar="FILE")
]
ExcelOption = Annotated[
    bool, typer.Option("--excel", help=_("CSV for Excel: UTF-8 with a BOM and CRLF line ends, so Chinese"
                                         " text opens right."))
]
MineOption = Annotated[bool, typer.Option("--mine", help=_("Only what you own (the default)."))]
AllOption = Annotated[bool, typer.Option("--all", help=_("The whole team's (managers and admins)."))]
PoolOption = Annotated[bool, typer.Option("--pool", help=_("Only what is in the pool."))]


def _scope(mine: bool, all_: bool, pool: bool) -> str:
    if mine + all_ + pool > 1:
        from salescli.core.errors import BadInputError

        raise BadInputError("export.exclusive_scope")
    return "all" if all_ else "pool" if pool else "mine"


def _run(kind: str, request: Any) -> None:
    import sys

    from salescli.services.exports import export_customers, export_leads

    ctx = open_ctx()
    sys.stdout.flush()
    run = export_leads if kind == "lead" else export_customers
    result = run(ctx, request, sys.stdout.buffer)
    if result.out is not None:  # standard output carries the data itself, and nothing else
        from salescli.present.exports import exported_sentence
        from salescli.terminal.render import message

        message(exported_sentence(result))


def customer_export(
    format_: FormatOption = "csv",
    out: OutOption = None,
    excel: ExcelOption = False,
    mine: MineOption = False,
    all_: AllOption = False,
    pool: PoolOption = False,
    archived: Annotated[bool, typer.Option("--archived", help=_("The archived customers instead of the live ones."))]
    = False,
) -> None:
    from salescli.services.exports import ExportRequest

    _run("customer", ExportRequest(format=format_, out=out, excel=excel, scope=_scope(mine, all_, pool),
                                   archived=archived))


def lead_export(
    format_: FormatOption = "csv",
    out: OutOption = None,
    excel: ExcelOption = False,
    mine: MineOption = False,
    all_: AllOption = False,
    pool: PoolOption = False,
    status: Annotated[str | None, typer.Option("--status", help=_("Only leads in this status."),
                                               metavar="new|working|converted|disqualified")] = None,
    source: Annotated[str | None, typer.Option("--source", help=_("Only leads from this source."))] = None,
) -> None:
    from salescli.services.exports import ExportRequest

    _run("lead", ExportRequest(format=format_, out=out, excel=excel, scope=_scope(mine, all_, pool),
                               status=status, source=source))


def customer_import(
    file: Annotated[str, typer.Argument(help=_("A CSV or .xlsx file; - reads standard input."), metavar="FILE|-")],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help=_("Which field a column fills: COLUMN=FIELD (COLUMN a header or its number;"
                                     " FIELD ignore drops it). Repeatable."), metavar="COLUMN=FIELD"),
    ] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help=_("The file's encoding, when the guess is"
                                                                      " wrong (utf-8, gb18030, utf-16 ...)."),
                                                 metavar="ENC")] = None,
    delimiter: Annotated[str | None, typer.Option("--delimiter", help=_("The column separator (, ; tab |);"
                                                                        " sniffed by default."),
                                                  metavar="D")] = None,
    update: Annotated[bool, typer.Option("--update", help=_("Fill the empty fields of a matching customer"
                                                            " instead of skipping the row."))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("Read and check everything; write nothing."))]
    = False,
    json: JsonOption = False,
) -> None:
    import sys

    from salescli.services.customer_import import ImportRequest, import_customers

    ctx = open_ctx()
    summary = import_customers(ctx, ImportRequest(path=file, mapping=map_ or [], encoding=encoding,
                                                  delimiter=delimiter, update=update, dry_run=dry_run),
                               stdin=sys.stdin.buffer)
    if json:
        from salescli.terminal.render import print_json

        print_json(summary)
        return
    from salescli.present.exports import import_summary_lines
    from salescli.terminal.render import message

    for line in import_summary_lines(summary):
        message(line)


def register(customer_app: typer.Typer, lead_app: typer.Typer) -> None:
    """`customer export`, `customer import` and `lead export`."""
    customer_app.command("export", help=_("Write your customers (or the pool's, or the team's) as CSV or"
                                          " JSON."))(customer_export)
    customer_app.command("import", help=_("Add customers from a CSV or .xlsx file, such as an export."))(
        customer_import)
    lead_app.command("export", help=_("Write your leads (or the pool's, or the team's) as CSV or JSON."))(
        lead_export)
