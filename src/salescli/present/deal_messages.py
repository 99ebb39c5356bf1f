"""The sentences of the deal errors and notices (merged into present/messages.py MESSAGES).

`CLI_WORDING` holds the command line's own wording of some of them (merged into
terminal/messages.py), for errors whose remedy is a flag or a command.
"""

from __future__ import annotations

from salescli.core.i18n import N_

MESSAGES: dict[str, str] = {
}

CLI_WORDING: dict[str, str] = {
}
