"""Sentences of this area's errors (merged into present/messages.py MESSAGES) and the command
line's own wording of those whose remedy is a flag (merged into terminal/messages.py CLI_WORDING)."""

from __future__ import annotations

from salescli.core.i18n import N_

MESSAGES: dict[str, str] = {}

CLI_WORDING: dict[str, str] = {}

# exporting (customer export, lead export, customer import: docs/export.md)
from typing import Any  # noqa: E402

from salescli.core.i18n import _  # noqa: E402
from salescli.present.message_registry import Prepared, prepares  # noqa: E402

MESSAGES.update({
    "export.bad_format": N_("An export is written as {allowed}, not {value!r}."),
    "export.excel_not_csv": N_("The Excel form (UTF-8 with a BOM, CRLF line ends) is for CSV only, not {format}."),
    "export.bad_scope": N_("An export covers one of {allowed}, not {value!r}."),
    "export.exclusive_scope": N_("Export your own records, the pool's or the team's: one of them at a time."),
    "export.lead_filter": N_("Customers are not filtered by {option}; that filter is for leads."),
    "export.customer_filter": N_("Leads are not filtered by {option}; that filter is for customers."),
    "export.bad_status": N_("A lead's status is one of {allowed}, not {value!r}."),
    "export.cannot_write": N_("Cannot write the export to {path}: {problem}."),
    "export.team_only": N_(
        "Only a manager or an admin can export the whole team's customers; you can export your own and the pool's."
    ),
    "customer_import.no_name_column": N_(
        "No column of {file} gives the customer's name (columns: {columns}); name it with a column mapping."
    ),
    "customer_import.others_need_manager": N_(
        "Line {line} gives customer {name!r} to {owner}; only a manager or an admin can import customers for"
        " other reps, so nothing was imported."
    ),
})
CLI_WORDING.update({
    "export.bad_format": N_("--format is one of {allowed}, not {value!r}."),
    "export.exclusive_scope": N_("Use only one of --mine, --pool and --all."),
    "export.excel_not_csv": N_("--excel writes CSV for Excel (UTF-8 with a BOM, CRLF); it does not go with"
                               " --format {format}."),
    "export.team_only": N_(
        "Only a manager or an admin can export the whole team's customers (--all); export your own (--mine)"
        " or the pool's (--pool)."
    ),
    "customer_import.no_name_column": N_(
        "No column of {file} gives the customer's name (columns: {columns}); name it with --map COLUMN=name."
    ),
})
EXPORT_TEAM_ONLY_LEADS = N_(
    "Only a manager or an admin can export the whole team's leads; you can export your own and the pool's."
)
EXPORT_TEAM_ONLY_LEADS_CLI = N_(
    "Only a manager or an admin can export the whole team's leads (--all); export your own (--mine) or the"
    " pool's (--pool)."
)
CANNOT_WRITE_PROBLEMS = {
    "is_folder": N_("it is a folder"),
    "no_folder": N_("its folder does not exist"),
    "permission": N_("permission denied"),
}


def _export_words(template: str, p: dict[str, Any]) -> Prepared:
    """Lists joined; the leads' team sentence for a lead export; a write problem in words."""
    words: dict[str, Any] = {}
    if isinstance(p.get("allowed"), list | tuple):
        words["allowed"] = ", ".join(p["allowed"])
    if "problem" in p and p["problem"] in CANNOT_WRITE_PROBLEMS:
        words["problem"] = _(CANNOT_WRITE_PROBLEMS[p["problem"]])
    if p.get("kind") == "lead":
        cli = template == CLI_WORDING.get("export.team_only")  # the command line's wording names the flags
        template = EXPORT_TEAM_ONLY_LEADS_CLI if cli else EXPORT_TEAM_ONLY_LEADS
    if isinstance(p.get("columns"), list | tuple):
        words["columns"] = ", ".join(p["columns"])
    return template, p | words


prepares("export.bad_format", "export.bad_scope", "export.bad_status", "export.cannot_write", "export.team_only",
         "customer_import.no_name_column")(_export_words)

# importing (lead import: docs/import.md)
from salescli.present.lead_import import IMPORT_CLI_WORDING, IMPORT_MESSAGES  # noqa: E402

MESSAGES.update(IMPORT_MESSAGES)
CLI_WORDING.update(IMPORT_CLI_WORDING)

# reading files (the file itself and its header mapping: docs/import-files.md)
from salescli.present import reading_messages  # noqa: E402

MESSAGES.update(reading_messages.MESSAGES)
CLI_WORDING.update(reading_messages.CLI_WORDING)

__all__ = ["MESSAGES", "CLI_WORDING", "N_"]
