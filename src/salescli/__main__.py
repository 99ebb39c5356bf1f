"""Entry point for `salescli` and `python -m salescli`.

The interface language is chosen here, before the command tree is imported, because the
help texts are translated when the command modules are built.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def lang_argument(argv: Sequence[str]) -> str | None:
    """The value of a root `--lang` option, looking only before the subcommand."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--db":
            index += 2
            continue
        if arg == "--" or not arg.startswith("-"):
            return None  # the subcommand (or its arguments) starts here
        index += 1
    return None


def early_language(argv: Sequence[str]) -> None:
    """Set the language before the command tree (and its help texts) is built.

    An unknown `--lang` stops here with exit 2, even with `--help`; everything else is
    decided again (identically) by the root callback for in-process runs.
    """
    from salescli.core.errors import BadInputError, ExitCode
    from salescli.core.i18n import DEFAULT_LANGUAGE, _, resolve_language, set_language

    cli_value = lang_argument(argv)
    try:
        code = resolve_language(cli_value)
    except BadInputError as err:
        from salescli.present.messages import sentence

        set_language(DEFAULT_LANGUAGE)
        sys.stderr.write(_("Error: {problem}").format(problem=sentence(err)) + "\n")
        sys.exit(int(ExitCode.USAGE))
    from salescli.terminal.interface_language import use_language

    use_language(code)


def main() -> None:
    from salescli.terminal.ending import exit_status, finish

    try:
        early_language(sys.argv[1:])
        from salescli.cli import app

        app(prog_name="salescli")
        code = 0
    except SystemExit as stop:
        code = exit_status(stop.code)
    finish(code)


if __name__ == "__main__":
    main()
