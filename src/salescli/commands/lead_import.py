"""`salescli lead import FILE|-` and `lead import --undo BATCH`: lead lists read as they
come, deduped, written in committed chunks, undone as a whole (docs/import.md)."""

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, open_ctx
from salescli.core.i18n import _

FileArg = Annotated[
    str | None,
    typer.Argument(help=_("The file to import (CSV, TSV or .xlsx), or - for standard input."), metavar="FILE|-"),
]


def register(lead_app: Any) -> None:
    """Attach `lead import` to the `lead` group."""
    lead_app.command("import", help=_("Import a lead list: deduped, linked to customers, reported line by line."))(
        import_leads
    )


def import_leads(
    file: FileArg = None,
    source: Annotated[
        str | None, typer.Option("--source", help=_("The source of rows that name none."), metavar="NAME")
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", help=_("Which field a column fills (repeatable); wins over guessing."),
                     metavar="COLUMN=FIELD"),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help=_("The file's encoding, when the guess is wrong."), metavar="ENC")
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help=_("The column separator, when the guess is wrong."), metavar="D")
    ] = None,
    assign: Annotated[
        str | None, typer.Option("--assign", help=_("Give the leads to this user (default: you)."), metavar="USER")
    ] = None,
    pool: Annotated[bool, typer.Option("--pool", help=_("Put the leads in the pool, owned by nobody."))] = False,
    update: Annotated[
        bool, typer.Option("--update", help=_("Fill a matched lead's empty fields instead of skipping the row."))
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("Read and check everything; write nothing."))] = False,
    reject_file: Annotated[
        str | None,
        typer.Option("--reject-file", help=_("Write rejected and duplicate rows to this CSV, to fix and re-import."),
                     metavar="FILE"),
    ] = None,
    undo: Annotated[
        str | None, typer.Option("--undo", help=_("Remove a batch's leads nobody has worked yet."), metavar="BATCH")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.terminal.render import print_json

    if undo is not None:
        from salescli.services.lead_import import undo_import

        done = undo_import(open_ctx(), undo)
        if json:
            print_json(done)
            return
        from salescli.present.lead_import import undo_lines

        _write_lines(undo_lines(done))
        return
    if file is None:
        from salescli.core.errors import BadInputError

        raise BadInputError("import.no_file")
    import sys

    from salescli.present.lead_import import problem_words
    from salescli.services.lead_import import ImportRequest
    from salescli.services.lead_import import import_leads as run_import

    request = ImportRequest(
        path=file, source=source, maps=list(maps or []), encoding=encoding, delimiter=delimiter, assign=assign,
        pool=pool, update=update, dry_run=dry_run, reject_file=reject_file,
        stdin=sys.stdin.buffer if file == "-" else None,
    )
    with _progress() as progress:
        summary = run_import(open_ctx(), request, words=problem_words, progress=progress)
    if json:
        from salescli.present.lead_import import summary_json

        print_json(summary_json(summary))
        return
    from salescli.present.lead_import import summary_lines

    _write_lines(summary_lines(summary))


def _write_lines(lines: list[str]) -> None:
    import sys

    from salescli.terminal.render import safe

    sys.stdout.write("".join(safe(line) + "\n" for line in lines))
    sys.stdout.flush()


class _progress:  # noqa: N801 - used as a context manager, named like one
    """A Rich progress bar by bytes read, on stderr, only when stderr is a terminal: a
    script reading stderr gets nothing but errors."""

    def __enter__(self) -> Any:
        import sys

        self._bar: Any = None
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn(_("Importing")), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                             console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("import", total=None)
        return self._update

    def _update(self, position: int, size: int | None) -> None:
        self._bar.update(self._task, completed=position, total=size)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
