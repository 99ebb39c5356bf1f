"""The root command: global options, the command groups, and error -> exit code mapping.

Command modules are imported here, and they import only Typer and light modules at the
top; services (and with them the store and its drivers) are imported inside each
command's body.
"""


import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from salescli import __version__
from salescli.core import runtime
from salescli.core.errors import ExitCode, SalescliError
from salescli.core.i18n import _
from salescli.terminal import typer_params
from salescli.terminal.ending import output_failed, silence_stdout, write_failed

typer_params.install()  # option values checked without importing Pydantic


class SalescliGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from typer import exceptions as typer_exc
        from typer._click import exceptions as click_exc

        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        if "_SALESCLI_COMPLETE" in os.environ:
            from typer._completion_classes import completion_init

            completion_init()  # Typer's bash/zsh/fish completers; cheap, no database
        try:
            result = super().main(
                args=argv, prog_name=prog_name or "salescli", complete_var=complete_var,
                standalone_mode=False, **extra,
            )
        except SalescliError as err:
            if debug:
                raise
            _fail_with(err)
        except click_exc.NoArgsIsHelpError as err:
            sys.stdout.write(err.format_message() + "\n")
            sys.exit(0)
        except click_exc.UsageError as err:
            from salescli.terminal.typer_i18n import translate

            hint = ""
            if err.ctx is not None:
                hint = _("Try '{command} --help' for help.").format(command=err.ctx.command_path)
            _fail(_("Error: {problem}").format(problem=translate(err.format_message())), [hint] if hint else [],
                  ExitCode.USAGE, prefix=False)
        except typer_exc.Abort:
            _fail(_("Aborted."), [], ExitCode.INTERRUPTED)
        except click_exc.ClickException as err:
            from salescli.terminal.typer_i18n import translate

            _fail(translate(err.format_message()), [], err.exit_code)
        except KeyboardInterrupt:
            _fail(_("Interrupted."), [], ExitCode.INTERRUPTED)
        except OSError as err:
            if not output_failed(err):
                _unexpected(err, debug)
            if isinstance(err, BrokenPipeError):
                # The reader stopped (`salescli customer list --all | head -1`): nothing to say.
                silence_stdout()
                sys.exit(1)
            silence_stdout()
            _fail(write_failed(err), [], ExitCode.OUTPUT, prefix=False)
        except Exception as err:
            _unexpected(err, debug)
        # With standalone_mode off, Click returns an Exit's code (e.g. from --version).
        sys.exit(result if isinstance(result, int) else 0)


def _unexpected(err: Exception, debug: bool) -> None:
    storage = _as_storage_error(err)
    if storage is not None and not debug:
        _fail_with(storage)
    if debug:
        raise err
    _fail_with(SalescliError("internal.unexpected", problem=f"{err.__class__.__name__}: {err}"), ExitCode.INTERNAL)


def _as_storage_error(err: Exception) -> SalescliError | None:
    """Driver errors that escaped a service (a lock taken mid-command, a lost server)."""
    if "salescli.store.db" not in sys.modules:
        return None  # no database was touched
    from salescli.services.errors import as_storage_error

    return as_storage_error(err)


def _fail_with(err: SalescliError, code: int | None = None) -> None:
    from salescli.present.messages import describe
    from salescli.terminal.messages import CLI_WORDING

    text, details = describe(err, CLI_WORDING)
    _fail(text, details, err.exit_code if code is None else code)


def _fail(message: str, details: list[str], code: int, *, prefix: bool = True) -> None:
    from salescli.domain.text import visible  # what a user typed is drawn, never obeyed (docs/text.md)

    text = _("Error: {problem}").format(problem=message) if prefix else message
    sys.stderr.write(visible(text) + "\n")
    for line in details:
        sys.stderr.write(visible(line) + "\n")
    sys.stderr.flush()
    sys.exit(int(code))


app = typer.Typer(
    name="salescli",
    cls=SalescliGroup,
    help=_("A terminal-first CRM: customers, follow-ups, today's agenda."),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"salescli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    lang: Annotated[
        str | None, typer.Option("--lang", help=_("Interface language: en or zh_CN."), metavar="LANG")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help=_("Database file or postgresql+psycopg:// URL (overrides SALESCLI_DB)."),
                     metavar="PATH|URL"),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_("Show tracebacks for errors."))] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version."))
    ] = False,
) -> None:
    from salescli.core.i18n import resolve_language
    from salescli.terminal.interface_language import use_language

    runtime.reset()  # also forgets the zone: the config file may have changed since the last run
    runtime.db_override = db
    use_language(resolve_language(lang))


def _register() -> None:
    from salescli.commands import (
        agenda,
        completion,
        config_cmd,
        contact,
        customer,
        db,
        deal,
        demo,
        export,
        follow_up,
        lead,
        lead_import,
        lead_work,
        merge,
        ownership,
        plan,
        plan_review,
        pool,
        report,
        report_activity,
        report_ranking,
        report_weekly,
        stage,
        target,
        tui,
        user,
    )

    app.add_typer(customer.app, name="customer", help=_("Add, find, show and edit customers."))
    app.add_typer(contact.app, name="contact", help=_("People at your customers."))
    app.add_typer(deal.app, name="deal", help=_("Deals: add, advance through the stages, win or lose, payments."))
    app.add_typer(stage.app, name="stage", help=_("The pipeline's stages: order, probability and gates."))
    app.add_typer(report.app, name="report",
                  help=_("Reports from logged work: activity, funnel, forecast, ABC, ranking, weekly."))
    app.add_typer(user.app, name="user", help=_("Reps, managers and admins of this store."))
    app.add_typer(config_cmd.app, name="config", help=_("Show and change settings."))
    app.add_typer(db.app, name="db", help=_("Where the store is, and its schema."))
    app.add_typer(pool.app, name="pool", help=_("The public pool (公海): list, claim, release, sweep."))
    app.add_typer(lead.app, name="lead", help=_("Leads (线索): import lists, work, convert, export."))
    app.add_typer(target.app, name="target", help=_("Targets per rep and period: set, split, progress and pace."))
    app.add_typer(plan.app, name="plan",
                  help=_("Plan the week's calls and visits; compare the plan with what was done."))
    follow_up.register(app)
    agenda.register(app)
    demo.register(app)
    completion.register(app)
    ownership.register(customer.app, app)  # customer assign|transfer, handover
    pool.register(customer.app)  # customer lock|unlock
    lead_import.register(lead.app)  # lead import
    lead_work.register(lead.app, report.app)  # lead list|show|take|log|convert|disqualify|merge, report sources
    merge.register(customer.app)  # customer duplicates|merge
    export.register(customer.app, lead.app)  # customer export|import, lead export
    plan_review.register(plan.app)  # plan review
    report_activity.register(report.app)  # report activity|abc
    report_ranking.register(report.app)  # report ranking
    report_weekly.register(report.app)  # report weekly
    tui.register(app)


_register()
