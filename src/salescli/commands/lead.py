"""`salescli lead ...`: import lead lists, work leads, convert them into customers
(docs/leads.md). The group is declared here; its commands live in modules by concern
(lead_import.py, lead_work.py, export.py), which attach themselves to `app`."""

import typer

app = typer.Typer(no_args_is_help=True)
