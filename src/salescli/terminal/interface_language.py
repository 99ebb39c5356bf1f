"""Setting the interface language for the command line: our catalog, and for any language
but English, Typer's own help words too (terminal/typer_i18n.py, imported only then)."""

from __future__ import annotations

from salescli.core.i18n import current_language, set_language


def use_language(code: str) -> None:
    set_language(code)
    if current_language() != "en":
        from salescli.terminal.typer_i18n import install

        install()
