"""salescli: a terminal-first CRM for sales reps and small teams.

This module must stay import-light: `salescli --help` and shell completion import it,
and anything heavy here (SQLAlchemy, Textual) would put a floor under every keystroke.
"""

__version__ = "0.1.0"
