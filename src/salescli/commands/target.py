"""`salescli target set|list|show`: targets per rep (or the team) and period, split from a
year down to quarters, months and weeks, with progress, pace and planning aids
(docs/targets.md)."""

import typer

app = typer.Typer(no_args_is_help=True)
