"""Entry point for `salescli` and `python -m salescli`."""

from __future__ import annotations

import sys


def main() -> None:
    from salescli.language import early_language

    early_language(sys.argv[1:])
    from salescli.cli import app

    app(prog_name="salescli")


if __name__ == "__main__":
    main()
