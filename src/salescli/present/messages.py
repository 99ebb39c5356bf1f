"""The sentence for every error and notice, in the interface language (docs/exit-codes.md).

Services raise `SalescliError(code, **params)`; `describe()` turns one into a sentence
and, for some, detail lines (the candidates of an ambiguous name, the record a duplicate
matched). The templates here name no flag and no widget, so the dashboard can show them
as they are; an interface that wants its own words for a code (the CLI names `--force`)
passes a `wording` table of its own templates, which `describe()` prefers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from salescli.core.errors import Notice, SalescliError
from salescli.core.i18n import N_, _, ngettext
from salescli.domain.text import visible
from salescli.present.labels import ROLES, label
from salescli.present.message_registry import PREPARE as _PREPARE
from salescli.present.message_registry import Prepared, prepares

MESSAGES: dict[str, str] = {
    # dates, clock, language
    "date.bad": N_("Not a date: {value!r} (try 2026-12-01, today, tomorrow, +3d, +2w or fri)."),
    "date.required": N_("A date is required (for example today, +3d, fri or 2026-12-01)."),
    "clock.bad_now": N_("SALESCLI_NOW is not an ISO date or datetime: {value!r}."),
    "language.unknown": N_("Unknown language {value!r}; available: {available}."),
    "tui.no_terminal": N_("The dashboard needs a terminal: run salescli tui in one, not through a pipe."),
    # settings and the config file
    "setting.unknown": N_("Unknown setting {key!r}."),
    "setting.bad_value": N_("Bad value {value!r} for {key}: expected {allowed}."),
    "setting.bad_stored_value": N_(
        "The store holds {value} for {key}, which is not {allowed}; a manager or admin must set it again."
    ),
    "setting.not_team": N_("{key} is a personal setting; only team rules are kept in the store with a history."),
    "config.not_a_table": N_("In {path}: {problem}"),
    "config.bad_value_in_file": N_("In {path}: {problem}"),
    "config.bad_toml": N_("The config file {path} is not valid TOML: {problem}."),
    "config.unreadable": N_("Cannot read the config file {path}: {problem}."),
    "config.unwritable": N_("Cannot write the config file {path}: {problem}."),
    "config.not_text": N_("Cannot read the config file {path}: it is not UTF-8 text; fix it or remove it."),
    "config.unknown_key": N_("Unknown setting {key!r} in {path}; ignored."),
    "settings.file_value_unusable": N_(
        "Ignored {key} in {path}: the store holds {store_value} for it, which a manager or admin must set again;"
        " removed it from the file."
    ),
    "identity.bad_handle": N_(
        "The acting user {handle!r} is not a valid handle (lowercase letters, digits, . _ -)."
    ),
    # the store
    "store.is_folder": N_("The database path {where} is a folder, not a file."),
    "store.cannot_create_folder": N_("Cannot create the folder for the database {where}: {problem}."),
    "store.bad_address": N_("The database address {where} is not valid: {problem}."),
    "store.no_driver": N_("The driver for {where} is not installed ({module}); install salescli[postgres]."),
    "store.foreign": N_("{where} is not a salescli database (it has other tables)."),
    "store.too_new": N_(
        "The database {where} was created by a newer salescli (schema {revision}); upgrade salescli to use it."
    ),
    "store.needs_upgrade": N_("The database {where} needs an upgrade."),
    "store.locked": N_("The database {where} is locked by another program; try again in a moment."),
    "store.damaged": N_("{where} is not a usable salescli database (the file is damaged or not SQLite)."),
    "store.read_only": N_("The database {where} is read-only; check the file's permissions."),
    "store.cannot_open": N_("Cannot open the database {where}; check that the folder exists and is writable."),
    "store.unreachable": N_("Cannot reach the database {where}: {problem}."),
    "store.failed": N_("The database {where} failed: {problem}."),
    "store.no_folder": N_("There is no folder {folder}, so no store at {where}; check the path."),
    "store.missing": N_("There is no store at {where}; create one there, or check the store's address."),
    "store.unsupported_scheme": N_(
        "{scheme}:// databases are not supported ({where}); use a file path or one of: {supported}."
    ),
    "store.created": N_("Created a new store at {where}."),
    # users and roles
    "user.bad_handle": N_("{handle!r} is not a valid handle: use lowercase letters, digits, '.', '_' or '-'."),
    "user.bad_role": N_("Role must be one of {allowed}, not {value!r}."),
    "user.exists": N_("User {handle!r} already exists."),
    "user.unknown": N_("There is no user {handle!r}."),
    "user.unknown_acting": N_("Unknown user {handle!r}; ask an admin to add you."),
    "user.deactivated": N_("User {handle!r} is deactivated."),
    "user.last_admin": N_("{handle} is the last active admin; make another user an admin first."),
    "user.role_unchanged": N_("{handle} is already {role}."),
    "user.already_inactive": N_("{handle} is already deactivated."),
    "user.already_active": N_("{handle} is already active."),
    "user.handover_or_release": N_("Hand the customers over to a colleague or release them to the pool, not both."),
    "user.handover_to_self": N_("{handle} cannot hand over to themselves."),
    "user.heir_inactive": N_("{handle} is deactivated; hand over to an active user."),
    "user.still_owns": N_(
        "{handle} still has {customers} and {tasks}; hand them over to a colleague or release the customers to"
        " the pool first."
    ),
    "access.role_required": N_("Only {roles} can {action} (your role: {role}); ask {ask}."),
    "access.not_owner": N_("{record} belongs to {owner}; only they or a manager can {action}."),
    # customers, contacts, lookups
    "customer.ref_required": N_("A customer name or id is required."),
    "customer.no_such_id": N_("There is no customer #{id}."),
    "customer.no_match": N_("No customer matches {ref!r}."),
    "customer.ambiguous": N_("{ref!r} matches {count} customers; use the id or more of the name:"),
    "customer.name_empty": N_("The customer name cannot be empty."),
    "customer.bad_grade": N_("Grade must be A, B or C, not {value!r}."),
    "customer.bad_size": N_("Size must be one of {allowed}, not {value!r}."),
    "customer.empty_tag": N_("A tag cannot be empty."),
    "customer.bad_sort": N_("Sort must be one of {allowed}."),
    "customer.bad_scope": N_("A customer listing shows one of {allowed}, not {value!r}."),
    "customer.duplicate": N_("{name!r} duplicates customer #{id} {existing} ({reason})."),
    "customer.edit_duplicate": N_("That would duplicate customer #{id} {existing} ({reason})."),
    "customer.already_archived": N_("Customer #{id} {name} is already archived."),
    "customer.not_archived": N_("Customer #{id} {name} is not archived."),
    "customer.archived": N_("Customer #{id} {name} is archived; restore it first."),
    "pool.cap_reached": N_(
        "You already own {owned} customers, the most allowed (pool.max_owned = {cap}); release one first."
    ),
    "contact.ref_required": N_("A contact name is required."),
    "contact.ambiguous": N_("{ref!r} matches {count} contacts at {customer}:"),
    "contact.no_match": N_("{customer} has no contact {ref!r} (contacts: {known})."),
    "contact.no_such_id": N_("There is no contact #{id}."),
    "contact.ref_needs_customer": N_("Give the contact's id, or its name and its customer."),
    "contact.name_empty": N_("The contact name cannot be empty."),
    "customer.bad_id": N_("{ref!r} is not a customer id: a # is followed by the number, as in #12."),
    "contact.bad_id": N_("{ref!r} is not a contact id: a # is followed by the number, as in #12."),
    "customer.no_such_tag": N_("#{id} {name} has no tag {tags}; its tags: {has}."),
    "contact.bad_birthday": N_("Not a birthday: {value!r} (use 1985-03-14 or 03-14)."),
    "contact.birthday_out_of_range": N_(
        "{value!r} cannot be a birthday: it must be a past day, no earlier than {earliest}."
    ),
    "input.bad_phone": N_("Not a phone number: {value!r}."),
    "input.bad_email": N_("Not an email address: {value!r}."),
    "input.bad_characters": N_("The {field} cannot contain {what} ({char})."),
    "input.too_long": N_("The {field} is {length} characters long; at most {limit} are allowed."),
    "edit.nothing": N_("Nothing to change."),
    "listing.bad_limit": N_("The limit must be at least 1."),
    # follow-ups, tasks, agenda
    "follow_up.summary_empty": N_("The summary cannot be empty: say what happened."),
    "follow_up.bad_kind": N_("Kind must be one of {allowed}, not {value!r}."),
    "follow_up.in_future": N_(
        "That time is in the future; log what already happened, and plan the rest as a next step."
    ),
    "follow_up.action_needs_date": N_("A next action needs a date."),
    "follow_up.next_before": N_("The next date is before the follow-up itself; give a later date."),
    "task.not_found": N_("There is no open task #{id}."),
    "task.already_done": N_("Task #{id} is already done."),
    "agenda.date_out_of_range": N_("The agenda date must be between 1900 and 2199, not {day}."),
    "forgotten.bad_days": N_("The number of days must be at least 1."),
    # the demo store
    "demo.is_folder": N_("{path} is a folder; give a file name for the demo store."),
    "demo.changed": N_("The demo store {path} was changed after it was built; the demo will not replace it."),
    "demo.exists": N_("{path} already exists; the demo will not overwrite it."),
    "demo.cannot_replace": N_("Cannot replace {path}: {problem}."),
    # notices
    "settings.file_value_moved": N_(
        "Moved {key} = {value} from {path} into the store: team rules live there, the same for every rep."
    ),
    "settings.file_value_ignored": N_(
        "Ignored {key} = {value} in {path}: team rules live in the store, which has {key} = {store_value};"
        " removed it from the file."
    ),
    "settings.file_value_invalid": N_(
        "Ignored {key} = {value!r} in {path}: expected {allowed}; removed it from the file."
    ),
    "settings.file_not_cleaned": N_(
        "Could not take the team rules out of {path} ({problem}); they are ignored there."
    ),
}

# Words filled into the templates above.
REASONS = {"name": N_("same name"), "phone": N_("same phone"), "email": N_("same email")}
ROLE_GROUPS = {("admin",): N_("an admin"), ("manager", "admin"): N_("a manager or an admin")}
ACTIONS = {
    "change_team_rules": N_("change team rules"),
    "add_user": N_("add users"),
    "change_role": N_("change roles"),
    "deactivate_user": N_("deactivate users"),
    "activate_user": N_("reactivate users"),
    "edit": N_("edit it"),
    "archive": N_("archive it"),
    "restore": N_("restore it"),
    "log": N_("log follow-ups on it"),
    "add_contact": N_("add contacts to it"),
    "edit_contact": N_("edit its contacts"),
    "close": N_("close it"),
    "see_others_reports": N_("see other reps' reports"),
    "add_deal": N_("add deals to it"),
    "move": N_("move it"),
    "schedule_payment": N_("schedule its payments"),
    "mark_paid": N_("mark its payments paid"),
    "assign_customer": N_("assign pool customers to reps"),
    "transfer_customer": N_("transfer customers between reps"),
    "handover": N_("hand over a rep's customers"),
    "claim": N_("claim it"),
    "release": N_("release it"),
    "lock": N_("lock it"),
    "unlock": N_("unlock it"),
}
ROLE_REQUIRED_NOBODY = N_("Only {roles} can {action} (your role: {role}).")
NOT_OWNER_ASK = N_("{record} belongs to {owner}; only they or a manager can {action} (ask {ask}).")
RECORDS = {"customer": N_("Customer #{id} {name}"), "task": N_("Task #{id} ({name})"),
           "deal": N_("Deal #{id} {name}")}
UNKNOWN_SETTING_CLOSE = N_("Did you mean: {keys}?")
NOT_A_TABLE = N_("{area} must be a table ([{area}] with keys under it), not a single value.")


def display_value(value: Any) -> str:
    """A setting's value as a person reads it: true/false, auto for "the default rule"."""
    if value is None:
        return "auto"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and value and all(_is_stage(item) for item in value):
        return stage_list_line(value)
    return str(value)


def _is_stage(item: Any) -> bool:
    from salescli.core.stages import Stage

    return isinstance(item, Stage) or (isinstance(item, dict) and "name" in item and "probability" in item)


def stage_list_line(stages: Any) -> str:
    """A stage list (pipeline.stages, as Stage objects or their stored dicts) on one line:
    `new 10%, contacted 20% [note], proposal 60% [note+amount+close_on]`."""
    parts = []
    for stage in stages:
        fields = stage if isinstance(stage, dict) else stage.as_dict()
        gate = fields.get("gate") or []
        parts.append(f"{fields['name']} {fields['probability']}%" + (f" [{'+'.join(map(str, gate))}]" if gate else ""))
    return ", ".join(parts)


def allowed_values(setting: Any) -> str:
    """What a setting accepts, in words."""
    from salescli.core.i18n import LANGUAGES

    if setting.kind in ("int", "opt_int"):
        if setting.maximum is not None:
            words = _("a whole number from {minimum} to {maximum}").format(
                minimum=setting.minimum or 0, maximum=setting.maximum)
        else:
            words = _("a whole number of at least {minimum}").format(minimum=setting.minimum or 0)
        return words + (" " + _("(or empty for the general value)") if setting.kind == "opt_int" else "")
    if setting.kind == "bool":
        return _("true or false")
    if setting.kind == "auto_bool":
        return _("true, false or auto")
    if setting.kind == "choice":
        return _("one of: {choices}").format(choices=", ".join(setting.choices))
    if setting.kind == "lang":
        return _("one of: {choices}").format(choices=", ".join(LANGUAGES)) + " " + _("(or empty for the locale)")
    if setting.kind == "zone":
        return _("a time zone name such as Asia/Shanghai or America/New_York") + " " + _("(or empty for the system's)")
    if setting.kind == "handle":
        return _("a handle: lowercase letters, digits, '.', '_' or '-' (or empty for your login name)")
    if setting.kind == "store_url":
        from salescli.core.paths import SUPPORTED_SCHEMES

        return _("a file path or an address starting with {schemes} (or empty for the default file)").format(
            schemes=", ".join(f"{scheme}://" for scheme in SUPPORTED_SCHEMES))
    if setting.kind == "currency":
        return _("an ISO 4217 currency code such as CNY, USD or EUR")
    if setting.kind == "region":
        return _("a two-letter region code such as CN, US or HK")
    if setting.kind == "stages":
        from salescli.present.stage_messages import ALLOWED

        return _(ALLOWED)
    return _("any text")


def _people(ask: list[tuple[str, str]]) -> str:
    return ", ".join(f"{handle} ({_(ROLES.get(role, role))})" for handle, role in ask)


# The free-text fields of domain/text.py FIELDS, as a sentence names them.
FIELD_NAMES = {
    "customer_name": N_("customer name"), "industry": N_("industry"), "city": N_("city"),
    "address": N_("address"), "source": N_("source"), "phone": N_("phone number"), "email": N_("email address"),
    "notes": N_("notes"), "tag": N_("tag"), "contact_name": N_("contact name"), "title": N_("job title"),
    "wechat": N_("WeChat ID"), "summary": N_("summary"), "location": N_("location"),
    "next_action": N_("next action"), "done_note": N_("note"), "user_name": N_("user's name"),
    "search": N_("search text"), "deal_title": N_("deal title"), "product": N_("product"),
    "stage_note": N_("note"), "lost_reason": N_("lost reason"),
    "ownership_reason": N_("reason"),
}
CHARACTER_KINDS = {
    "control": N_("a control character"), "line_break": N_("a line break"),
    "direction": N_("a text-direction control"), "invisible": N_("an invisible character"),
    "undecodable": N_("bytes that are not text"),
}


@prepares("input.bad_characters", "input.too_long")
def _text_field(template: str, p: dict[str, Any]) -> Prepared:
    field, kind = p["field"], p.get("kind")
    words = {"field": _(FIELD_NAMES[field]) if field in FIELD_NAMES else field}
    if kind is not None:
        words["what"] = _(CHARACTER_KINDS[kind]) if kind in CHARACTER_KINDS else kind
    return template, p | words


CAP_REACHED_OTHER = N_(
    "{handle} already owns {owned} customers, the most allowed (pool.max_owned = {cap}); they must release one first."
)


NO_TAGS = N_("#{id} {name} has no tag {tags}, and no tags at all.")


@prepares("customer.no_such_tag")
def _no_such_tag(template: str, p: dict[str, Any]) -> Prepared:
    words = {"tags": ", ".join(repr(t) for t in p["tags"]), "has": ", ".join(p["has"])}
    return (template if p["has"] else NO_TAGS), p | words


@prepares("pool.cap_reached")
def _cap_reached(template: str, p: dict[str, Any]) -> Prepared:
    # The sentence fits what would take one more customer (`taking`): present/pool_messages.py.
    from salescli.present.pool_messages import cap_reached

    return cap_reached(template, CAP_REACHED_OTHER, p)


@prepares("setting.unknown")
def _unknown_setting(template: str, p: dict[str, Any]) -> Prepared:
    if p.get("close"):
        return "{first} {second}", {"first": _(template).format(**p),
                                    "second": _(UNKNOWN_SETTING_CLOSE).format(keys=", ".join(p["close"]))}
    return template, p


BAD_STAGE_LIST = N_("Bad value for {key}: {problem}.")
STAGE_LIST_IN_FILE = N_("Ignored {key} in {path}: {problem}; removed it from the file.")


@prepares("setting.bad_value", "setting.bad_stored_value", "settings.file_value_invalid")
def _bad_setting(template: str, p: dict[str, Any]) -> Prepared:
    if p.get("problem") and template in (MESSAGES["setting.bad_value"], MESSAGES["settings.file_value_invalid"]):
        # A stage list: say what is wrong with it rather than repeat the whole list.
        from salescli.present.stage_messages import list_problem

        template = BAD_STAGE_LIST if template == MESSAGES["setting.bad_value"] else STAGE_LIST_IN_FILE
        return template, p | {"problem": list_problem(p["problem"], p.get("detail"))}
    return template, p | {"allowed": allowed_values(p["setting"])}


UNKNOWN_KEY_CLOSE = N_("Unknown setting {key!r} in {path}; did you mean {close}?")


@prepares("config.unknown_key")
def _unknown_key(template: str, p: dict[str, Any]) -> Prepared:
    return (UNKNOWN_KEY_CLOSE if p.get("close") else template), p


@prepares("config.not_a_table")
def _not_a_table(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"problem": _(NOT_A_TABLE).format(area=p["area"])}


@prepares("config.bad_value_in_file")
def _bad_in_file(template: str, p: dict[str, Any]) -> Prepared:
    bad = MESSAGES["setting.bad_value"]
    inner = _(bad).format(**(p | {"allowed": allowed_values(p["setting"])}))
    return template, p | {"problem": inner}


@prepares("settings.file_value_moved", "settings.file_value_ignored")
def _setting_values(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"value": display_value(p["value"]),
                          "store_value": display_value(p.get("store_value"))}


@prepares("user.bad_role", "customer.bad_size", "customer.bad_sort", "customer.bad_scope", "follow_up.bad_kind")
def _allowed(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"allowed": ", ".join(p["allowed"])}


@prepares("user.role_unchanged")
def _role(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"role": label(ROLES, p["role"])}


@prepares("user.still_owns")
def _still_owns(template: str, p: dict[str, Any]) -> Prepared:
    customers, tasks = p["customers"], p["tasks"]
    return template, p | {
        "customers": ngettext("{n} owned customer", "{n} owned customers", customers).format(n=customers),
        "tasks": ngettext("{n} open task", "{n} open tasks", tasks).format(n=tasks),
    }


@prepares("access.role_required")
def _role_required(template: str, p: dict[str, Any]) -> Prepared:
    roles, action = tuple(p["roles"]), p["action"]
    words = {
        "roles": _(ROLE_GROUPS[roles]) if roles in ROLE_GROUPS else " / ".join(roles),
        "action": _(ACTIONS[action]) if action in ACTIONS else action,
        "role": label(ROLES, p["role"]),
        "ask": _people(p["ask"]),
    }
    return (template if p["ask"] else ROLE_REQUIRED_NOBODY), p | words


@prepares("access.not_owner")
def _not_owner(template: str, p: dict[str, Any]) -> Prepared:
    kind, action = p["record"], p["action"]
    record = _(RECORDS[kind]).format(id=p["id"], name=p.get("name") or "")
    ask = [(h, r) for h, r in p["ask"] if h != p["owner"]]
    words = {"record": record, "owner": p["owner"] or _("nobody"),
             "action": _(ACTIONS[action]) if action in ACTIONS else action, "ask": _people(ask)}
    return (NOT_OWNER_ASK if ask else template), p | words


@prepares("customer.duplicate", "customer.edit_duplicate")
def _duplicate(template: str, p: dict[str, Any]) -> Prepared:
    reason = p["reason"]
    return template, p | {"reason": _(REASONS[reason])}


@prepares("customer.ambiguous")
def _ambiguous(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"count": f"{len(p['candidates'])}+" if p.get("more") else p["count"]}


@prepares("contact.no_match")
def _no_contact(template: str, p: dict[str, Any]) -> Prepared:
    return template, p | {"known": ", ".join(p["known"]) or _("none yet")}


def _customer_lines(p: dict[str, Any]) -> list[str]:
    lines = []
    for c in p["candidates"]:
        extra = ", ".join(x for x in (c["city"], c["owner"] or _("pool")) if x)
        if c["archived"]:
            extra += ", " + _("archived")
        lines.append(f"  #{c['id']} {c['name']}" + (f" ({extra})" if extra else ""))
    return lines


def _duplicate_lines(p: dict[str, Any]) -> list[str]:
    lines = []
    for match in p["matches"]:
        lines.append(f"  #{match['id']} {match['name']}")
        facts = [
            (_("owner"), match["owner"] or _("in the pool")),
            (_("city"), match["city"]),
            (_("phone"), match["phone"]),
            (_("email"), match["email"]),
            (_("status"), _("archived") if match["archived"] else None),
        ]
        lines += [f"    {name}: {value}" for name, value in facts if value]
        contact = _("contact")  # outside the f-string, where extraction can find it
        lines += [
            f"    {contact}: " + ", ".join(v for v in (c["name"], c["phone"], c["email"]) if v)
            for c in match["contacts"]
        ]
    return lines


def _contact_lines(p: dict[str, Any]) -> list[str]:
    return [f"  #{c['id']} {c['name']}" + (f" ({c['title']})" if c["title"] else "") for c in p["candidates"]]


DETAILS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "customer.ambiguous": _customer_lines,
    "customer.duplicate": _duplicate_lines,
    "customer.edit_duplicate": _duplicate_lines,
    "contact.ambiguous": _contact_lines,
}


_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?![.\w])")  # a day range (2026-10-01..2026-11-30) stays


def one_period(text: str) -> str:
    """A sentence ending in a name that ends in a period ("Acme Co., Ltd.") ends there,
    as in print: "Updated customer #1 Acme Co., Ltd." rather than "... Ltd..". An ellipsis
    stays."""
    return _DOUBLE_PERIOD.sub(".", text)


def describe(item: SalescliError | Notice, wording: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
    """(the sentence, detail lines) for an error or notice, in the interface language."""
    template = (wording or {}).get(item.code) or MESSAGES.get(item.code)
    if template is None:  # a code nobody worded: still say something true
        return f"{item.code} {item.params}", []
    params = dict(item.params)
    prepare = _PREPARE.get(item.code)
    if prepare is not None:
        template, params = prepare(template, params)
    try:
        text = _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        text = template.format(**params)
    details = DETAILS.get(item.code)
    # Values quoted from the store or the command line are drawn, never obeyed (docs/text.md).
    return visible(one_period(text), newlines=False), [visible(line, newlines=False) for line in
                                           (details(item.params) if details else [])]


def sentence(item: SalescliError | Notice, wording: Mapping[str, str] | None = None) -> str:
    return describe(item, wording)[0]


# Each area words its errors in a module of its own (MESSAGES, and the command line's
# CLI_WORDING, which terminal/messages.py merges from the same list), merged here in order.
from salescli.present import (  # noqa: E402
    activity_messages,
    deal_messages,
    import_messages,
    lead_messages,
    merge_messages,
    payment_messages,
    plan_messages,
    pool_messages,
    report_messages,
    stage_messages,
    target_messages,
    transfer_messages,
)

AREAS = (deal_messages, stage_messages, report_messages, payment_messages, transfer_messages, pool_messages,
         lead_messages, import_messages, merge_messages, target_messages, plan_messages, activity_messages)
for _area in AREAS:
    MESSAGES.update(_area.MESSAGES)
