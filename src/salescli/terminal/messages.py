"""How the command line words the errors whose remedy is one of its flags or commands.

`present/messages.py` words every error for any interface; the templates here replace
those whose fix, on the command line, is a flag (`--force`) or a command to run. Their
parameters are the same, so a service never needs to know which interface asked.
"""

from __future__ import annotations

from salescli.core.i18n import N_

CLI_WORDING: dict[str, str] = {
    "customer.duplicate": N_("{name!r} duplicates customer #{id} {existing} ({reason}); use --force to add it anyway."),
    "customer.edit_duplicate": N_(
        "That would duplicate customer #{id} {existing} ({reason}); use --force to save anyway."
    ),
    "edit.nothing": N_("Nothing to change: give at least one option (see --help)."),
    "listing.bad_limit": N_("--limit must be at least 1."),
    "forgotten.bad_days": N_("--days must be at least 1."),
    "follow_up.in_future": N_("--at is in the future; log what already happened (use --next for plans)."),
    "follow_up.action_needs_date": N_("--next-action needs a date: add --next WHEN."),
    "follow_up.next_before": N_("--next is before the follow-up itself; give a later date."),
    "task.not_found": N_("There is no open task #{id} (see: salescli tasks)."),
    "contact.ref_needs_customer": N_("Give the contact's id, or its name with --customer."),
    "demo.exists": N_(
        "{path} already exists; the demo will not overwrite it. Use --force to replace it, or another --path."
    ),
    "store.needs_upgrade": N_("The database {where} needs an upgrade; run: salescli db upgrade."),
    "store.missing": N_(
        "There is no store at {where}; check SALESCLI_DB, --db or store.url, or create it with: salescli db init."
    ),
    "demo.changed": N_(
        "The demo store {path} was changed after it was built (records added or edited); use --force to replace it."
    ),
    "user.unknown_acting": N_(
        "Unknown user {handle!r}; set SALESCLI_USER to a known user or ask an admin to run: salescli user add {handle}."
    ),
    "user.handover_or_release": N_("Use either --handover-to or --release, not both."),
    "user.still_owns": N_(
        "{handle} still has {customers} and {tasks}; add --handover-to USER to give them to a colleague, or"
        " --release to return the customers to the pool."
    ),
    "setting.bad_stored_value": N_(
        "The store holds {value} for {key}, which is not {allowed}; a manager or admin can fix it with:"
        " salescli config set {key} VALUE"
    ),
    "options.exclusive_scope": N_("Use only one of --mine, --all and --archived."),
    "output.write_failed": N_("Could not write the output: {problem}."),
    "internal.unexpected": N_("Unexpected error: {problem} (run again with --debug for details)."),
}


from salescli.present.messages import AREAS  # noqa: E402 - every area's wording, in the order MESSAGES merges them

for _area in AREAS:
    CLI_WORDING.update(_area.CLI_WORDING)
