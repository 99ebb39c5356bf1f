"""The full-screen dashboard, `salescli tui` (docs/dashboard.md).

Nothing here is imported by `salescli --help` or by any other command: `commands/tui.py`
imports `tui.app` inside the command's body, so Textual's ~0.25 s import is paid only by
the one command that draws with it.
"""
