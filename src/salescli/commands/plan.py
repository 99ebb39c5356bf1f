"""`salescli plan week`: the week's calls and visits, scored, placed on days within the
capacity, grouped by city; exported to iCalendar or committed as tasks (docs/plan.md)."""

import typer

app = typer.Typer(no_args_is_help=True)
