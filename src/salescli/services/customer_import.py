"""`customer import`: customers from a CSV or .xlsx file (a `customer export` among them),
deduped like `customer add`, written set-based (docs/export.md).

The file is read by services/table_reader.py and its header mapped by
domain/lead_fields.py (kind "customer"); a customer export's own column names
(domain/export_fields.py) are read as the fields they name, so an export imported into an
empty store gives the same customers.

Why one transaction: an import of a team's book is all or nothing. A row that may not be
imported by this user (a customer for another rep, without the `move_customers`
permission) stops the whole import before anything is kept, and a killed process leaves
the store as it was; running the import again starts from the top. Inside it the rows
go in chunks: the chunk's keys are computed once, its duplicates among existing customers
found with a few `IN (...)` look-ups on the key indexes, and its customers, tags, contacts
and ownership events written with one executemany each. Customers written by earlier
chunks are in the store, so a duplicate later in the file is found there and memory stays
flat.

Owners: a file with an `owner` column gives each customer that user (an empty cell: the
pool); a handle that is not an active user puts the customer in the pool, flagged. A file
without one gives every customer to the importing user. An import is a team's book coming
in, not a claim: it is not held to the pool cap (`pool.max_owned`), and giving customers to
someone else needs the `move_customers` permission (a manager or an admin).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from salescli.core.errors import BadInputError, RefusedError
from salescli.domain import dedupe, text
from salescli.domain.codes import DEFAULT_GRADE
from salescli.domain.export_fields import (
    CUSTOMER_IMPORT_FIELDS,
    CUSTOMER_SYSTEM_COLUMNS,
    is_customer_export,
    parse_flag,
    split_tags,
)
from salescli.domain.users import may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.customers import identity_keys
from salescli.services.file_import import FileImportSummary
from salescli.services.input import clean_text, parse_grade, parse_size
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import customer_import as queries
from salescli.store.queries import import_batches

CHUNK_ROWS = 1_000
PROBLEMS_KEPT = 1_000

# The header mapping's customer fields (domain/lead_fields.py), as this import names them.
ALIASES = {"company": "name", "contact": "contact_name", "title": "contact_title", "wechat": "contact_wechat",
           "note": "notes", "tag": "tags"}
# Each text field's rules (domain/text.py).
TEXT_RULES = {
    "name": "customer_name", "industry": "industry", "city": "city", "address": "address", "source": "source",
    "phone": "phone", "email": "email", "notes": "notes", "contact_name": "contact_name",
    "contact_title": "title", "contact_phone": "phone", "contact_email": "email", "contact_wechat": "wechat",
}


@dataclass
class ImportRequest:
    path: str
    mapping: list[str] = field(default_factory=list)  # --map COLUMN=FIELD, as typed
    encoding: str | None = None
    delimiter: str | None = None
    update: bool = False
    dry_run: bool = False


@record
class Problem(Record):
    """A row rejected, a duplicate, or imported with a flag; `reason` a code, `params` its
    facts (present/exports.py words them)."""

    line: int
    kind: str  # rejected | duplicate | flagged
    reason: str
    params: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "kind": self.kind, "reason": self.reason} | {
            k: v for k, v in self.params.items() if k != "facts"}


@record
class ImportSummary(FileImportSummary):
    """`customer import`: the shared summary; its problems are `Problem`s."""


# --------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _Row:
    line: int
    values: dict[str, Any]  # customer columns (store/queries/customer_import.py)
    tags: list[str]
    contact: dict[str, Any] | None
    flags: list[Problem]


class _Rejected(Exception):  # noqa: N818 - a row's verdict, not an error of the import
    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def _text(values: dict[str, str], name: str) -> str | None:
    """A cell checked against its field's text rules; a line break or tab in a one-line
    field (a spreadsheet cell may hold one) becomes a space."""
    raw = values.get(name)
    if raw is None:
        return None
    rule = TEXT_RULES[name]
    if not text.FIELDS[rule].multiline:
        raw = raw.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    try:
        return clean_text(raw, rule)
    except BadInputError as exc:
        raise _Rejected("bad_text", field=name, code=exc.code, facts=exc.params) from None


def prepare_row(line: int, values: dict[str, str], *, region: str, users: dict[str, int], default_owner: int | None,
                owner_column: bool) -> _Row:
    """One file row as a customer to write (pure but for the users given); `_Rejected` when
    it cannot be one."""
    flags: list[Problem] = []
    name = _text(values, "name")
    if not name:
        raise _Rejected("no_name")
    row: dict[str, Any] = {"name": name}
    for key in ("industry", "city", "address", "source", "notes"):
        row[key] = _text(values, key)
    try:
        row["grade"] = parse_grade(values.get("grade") or None) or DEFAULT_GRADE
    except BadInputError:
        raise _Rejected("bad_grade", value=values.get("grade")) from None
    try:
        row["size"] = parse_size(values.get("size"))
    except BadInputError:
        raise _Rejected("bad_size", value=values.get("size")) from None
    archived = parse_flag(values.get("archived"))
    if archived is None:
        raise _Rejected("bad_archived", value=values.get("archived"))
    row["archived"] = archived
    for key in ("phone", "email"):
        row[key] = _text(values, key)
    tags = sorted({tag for raw in split_tags(values.get("tags")) if (tag := _tag(raw))})
    contact = {key: _text(values, key) for key in ("contact_name", "contact_title", "contact_phone",
                                                  "contact_email", "contact_wechat")}
    if contact["contact_name"] is None:
        # No one to hang them on: the contact's phone and e-mail become the customer's when
        # it has none; anything else is said, never dropped silently.
        for key in ("phone", "email"):
            if contact[f"contact_{key}"] and not row[key]:
                row[key] = contact[f"contact_{key}"]
                contact[f"contact_{key}"] = None
        left = [k for k, v in contact.items() if v]
        if left:
            flags.append(Problem(line, "flagged", "contact_no_name", {"fields": left}))
        contact = None
    for key, value in (("phone", row["phone"]), ("email", row["email"])) + (
            (("contact_phone", contact["contact_phone"]), ("contact_email", contact["contact_email"]))
            if contact else ()):
        if value and not (dedupe.looks_like_phone(value) if key.endswith("phone") else dedupe.looks_like_email(value)):
            flags.append(Problem(line, "flagged", f"bad_{key}", {"value": value}))
    owner_id = default_owner
    if owner_column:
        handle = (values.get("owner") or "").strip().lower()
        owner_id = users.get(handle) if handle else None
        if handle and owner_id is None:
            flags.append(Problem(line, "flagged", "unknown_owner", {"value": values.get("owner")}))
    row["owner_id"] = owner_id
    row |= identity_keys({"name": name, "phone": row["phone"] or "", "email": row["email"] or ""}, region)
    row["phone_key"] = row["phone_key"] or None
    row["email_key"] = row["email_key"] or None
    if contact is not None:
        contact["phone_key"] = dedupe.phone_key(contact["contact_phone"], region) if contact["contact_phone"] else None
        contact["email_key"] = dedupe.email_key(contact["contact_email"]) if contact["contact_email"] else None
    return _Row(line, row, tags, contact, flags)


def _tag(raw: str) -> str | None:
    try:
        return clean_text(raw, "tag")
    except BadInputError as exc:
        raise _Rejected("bad_text", field="tags", code=exc.code, facts=exc.params) from None


# --------------------------------------------------------------------------- the import


@dataclass
class _Run:
    batch_id: int
    actor_id: int
    may_move: bool  # the actor may give customers to others and update theirs
    now: datetime
    update: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("read_rows", "imported", "duplicates", "rejected", "flagged", "updated"), 0))
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)


class _DryRunDone(Exception):  # noqa: N818 - ends the dry run's transaction, which is rolled back
    pass


def import_customers(ctx: Context, req: ImportRequest, *, stdin: IO[bytes] | None = None) -> ImportSummary:
    """Import a customer file (see the module's doc)."""
    from salescli.domain.lead_fields import parse_map_options
    from salescli.services.table_reader import open_table

    overrides = parse_map_options(req.mapping, kind="customer")
    with open_table(req.path, encoding=req.encoding, delimiter=req.delimiter, stdin=stdin) as table:
        header = list(table.header)
        header_map, columns, ignored = _mapping(header, overrides)
        if "name" not in columns.values():
            raise BadInputError("customer_import.no_name_column", file=req.path, columns=header)
        owner_column = "owner" in columns.values()
        from salescli.domain.lead_fields import split_row

        def rows() -> Iterator[tuple[int, dict[str, str]]]:
            for line, cells in table.rows():
                values, _extra = split_row(header_map, cells)
                yield line, {ALIASES.get(k, k): v for k, v in values.items()}

        now = ctx.now()
        try:
            with ctx.session(write=True) as session:
                locks.hold(session, queries.IMPORT_LOCK)
                who = actor(session, ctx)
                region = team_rules(session).get("import.default_region")
                users = queries.active_users(session)
                run = _Run(0, who.id, may(who.role, "move_customers", active_users=who.active_users), now,
                           req.update)
                run.batch_id = import_batches.create_batch(
                    session, kind="customer", file_name=req.path[:500], encoding=table.encoding[:32],
                    delimiter=table.delimiter or None, mapping=json.dumps(columns, ensure_ascii=False),
                    by_user_id=who.id, started_at=now, read_rows=0, imported=0, duplicates=0, rejected=0,
                    flagged=0, updated=0, linked=0,
                )
                chunk: list[_Row] = []
                for line, values in rows():
                    run.counts["read_rows"] += 1
                    try:
                        chunk.append(prepare_row(line, values, region=region, users=users, default_owner=who.id,
                                                 owner_column=owner_column))
                    except _Rejected as rejected:
                        run.counts["rejected"] += 1
                        run.problem(Problem(line, "rejected", rejected.reason, rejected.params))
                    if len(chunk) >= CHUNK_ROWS:
                        _chunk(session, run, chunk)
                        chunk = []
                _chunk(session, run, chunk)
                queries.finish_batch(session, run.batch_id, run.counts | {"finished_at": ctx.now()})
                if req.dry_run:
                    raise _DryRunDone
        except _DryRunDone:
            pass
        c = run.counts
        return ImportSummary(
            file=req.path, read=c["read_rows"], imported=c["imported"], duplicates=c["duplicates"],
            rejected=c["rejected"], flagged=c["flagged"], updated=c["updated"],
            batch=None if req.dry_run else run.batch_id, encoding=table.encoding,
            encoding_guessed=bool(table.encoding_guessed), delimiter=table.delimiter, format=table.format,
            columns=columns, ignored_columns=ignored, dry_run=req.dry_run, update=req.update,
            problems=sorted(run.problems, key=lambda p: p.line), problems_total=run.problem_count,
        )


def _mapping(header: list[str], overrides: dict[str, str]) -> tuple[Any, dict[str, str], list[str]]:
    """The header mapping for customers: the guesses of domain/lead_fields.py, then a
    customer export's own column names read as the fields they name (unless `--map` said
    otherwise), its store columns (id, created_at, last_contact_at) skipped. Returns the
    mapping, header -> field of the columns used, and the headers not imported."""
    from dataclasses import replace

    from salescli.domain.lead_fields import guess_mapping

    header_map = guess_mapping(header, overrides, kind="customer")
    fields = dict(header_map.fields)
    extra = dict(header_map.extra)
    ignored = set(header_map.ignored)
    export = is_customer_export(header)
    taken = {ALIASES.get(f, f) for f in fields.values()}
    mapped: set[int] = set()  # the columns --map named: left as it said
    if overrides:
        guessed = guess_mapping(header, {}, kind="customer")
        mapped = {i for i in range(len(header)) if guessed.fields.get(i) != header_map.fields.get(i)
                  or (i in guessed.ignored) != (i in header_map.ignored)}
    for index, raw in enumerate(header):
        name = raw.strip()
        if index in ignored or index in mapped:
            continue
        if name in CUSTOMER_IMPORT_FIELDS and ALIASES.get(fields.get(index, ""), fields.get(index)) != name:
            if index in extra or name not in taken:  # a column named as a field reads as it
                extra.pop(index, None)
                fields = {i: f for i, f in fields.items() if ALIASES.get(f, f) != name}
                fields[index] = name
                taken.add(name)
        elif export and name in CUSTOMER_SYSTEM_COLUMNS and index in extra:
            extra.pop(index)
            ignored.add(index)
    header_map = replace(header_map, fields=fields, extra=extra, ignored=tuple(sorted(ignored)))
    columns = {header[i]: ALIASES.get(f, f) for i, f in sorted(fields.items()) if i < len(header)}
    not_imported = [header[i] for i in sorted(set(extra) | ignored) if i < len(header)]
    return header_map, columns, not_imported


def _chunk(session: Session, run: _Run, chunk: list[_Row]) -> None:
    """Find the chunk's duplicates (in the store and within the chunk), then write the rest
    and, with `--update`, fill the matched customers."""
    if not chunk:
        return
    found = queries.matches(
        session,
        name_keys=[r.values["name_key"] for r in chunk if r.values["name_key"]],
        phone_keys=[k for r in chunk for k in (r.values["phone_key"],) if k],
        email_keys=[k for r in chunk for k in (r.values["email_key"],) if k],
    )
    by_key: dict[tuple[str, str], Any] = {}
    for match in sorted(found, key=lambda m: m.id):
        for kind, key in (("name", match.name_key), ("phone", match.phone_key), ("email", match.email_key),
                          ("phone", match.contact_phone_key), ("email", match.contact_email_key)):
            if key:
                by_key.setdefault((kind, key), match)
    in_chunk: dict[tuple[str, str], _Row] = {}
    new: list[_Row] = []
    fills: dict[int, _Row] = {}
    for row in chunk:
        keys = [("name", row.values["name_key"]), ("phone", row.values["phone_key"]),
                ("email", row.values["email_key"])]
        keys = [(kind, key) for kind, key in keys if key]
        match = next(((kind, by_key[(kind, key)]) for kind, key in keys if (kind, key) in by_key), None)
        earlier = next(((kind, in_chunk[(kind, key)]) for kind, key in keys if (kind, key) in in_chunk), None)
        if match is not None:
            by, customer = match
            run.counts["duplicates"] += 1
            if run.update and (customer.owner_id in (None, run.actor_id) or run.may_move):
                fills.setdefault(customer.id, row)
                run.counts["updated"] += 1
                run.problem(Problem(row.line, "duplicate", "duplicate_updated",
                                    {"id": customer.id, "name": customer.name, "by": by}))
            elif run.update:
                run.problem(Problem(row.line, "duplicate", "not_yours",
                                    {"id": customer.id, "name": customer.name, "by": by,
                                     "owner": _handle(session, customer.owner_id)}))
            else:
                run.problem(Problem(row.line, "duplicate", "duplicate",
                                    {"id": customer.id, "name": customer.name, "by": by}))
            continue
        if earlier is not None:
            by, first = earlier
            run.counts["duplicates"] += 1
            if run.update:
                _fill_pending(first, row)
                run.counts["updated"] += 1
            run.problem(Problem(row.line, "duplicate", "duplicate_in_file_updated" if run.update else
                                "duplicate_in_file", {"other_line": first.line, "by": by}))
            continue
        owner = row.values["owner_id"]
        if owner is not None and owner != run.actor_id and not run.may_move:
            raise RefusedError("customer_import.others_need_manager", line=row.line, name=row.values["name"],
                               owner=_handle(session, owner))
        for key in keys:
            in_chunk[key] = row
        new.append(row)
    _write_new(session, run, new)
    _write_fills(session, run, fills)


def _fill_pending(first: _Row, row: _Row) -> None:
    """`--update` within the file: a later row fills what the first one left empty."""
    for name in queries.FILLED:
        if first.values.get(name) in (None, "") and row.values.get(name):
            first.values[name] = row.values[name]
            if name in ("phone", "email"):
                first.values[f"{name}_key"] = row.values[f"{name}_key"]
    first.tags = sorted(set(first.tags) | set(row.tags))
    if first.contact is None and row.contact is not None:
        first.contact = row.contact


def _write_new(session: Session, run: _Run, rows: list[_Row]) -> None:
    if not rows:
        return
    now, by = run.now, run.actor_id
    ids = queries.new_ids(session, len(rows))
    customers, tags, contacts, events = [], [], [], []
    for customer_id, row in zip(ids, rows, strict=True):
        v = row.values
        customers.append({
            "id": customer_id, **{k: v.get(k) for k in queries.CUSTOMER_COLUMNS if k in v},
            "claimed_at": now if v["owner_id"] is not None else None, "created_at": now, "created_by_id": by,
            "updated_at": now, "archived_at": now if v["archived"] else None,
        })
        tags += [{"customer_id": customer_id, "tag": tag} for tag in row.tags]
        if row.contact is not None:
            contacts.append(_contact_row(customer_id, row.contact, now))
        events.append({"customer_id": customer_id, "kind": "create", "at": now, "from_user_id": None,
                       "to_user_id": v["owner_id"], "by_user_id": by, "reason": None})
        if row.flags:
            run.counts["flagged"] += 1
            for flag in row.flags:
                run.problem(flag)
    for row in customers:  # every column named, absent ones None
        for column in queries.CUSTOMER_COLUMNS:
            row.setdefault(column, None)
    queries.insert_customers(session, customers)
    queries.insert_tags(session, tags)
    queries.insert_contacts(session, contacts)
    queries.insert_events(session, events)
    run.counts["imported"] += len(rows)


def _contact_row(customer_id: int, contact: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {"customer_id": customer_id, "name": contact["contact_name"], "title": contact["contact_title"],
            "phone": contact["contact_phone"], "phone_key": contact["phone_key"], "email": contact["contact_email"],
            "email_key": contact["email_key"], "wechat": contact["contact_wechat"], "is_primary": True,
            "created_at": now, "archived": False}


def _write_fills(session: Session, run: _Run, fills: dict[int, _Row]) -> None:
    if not fills:
        return
    updates, tags, contacts = [], [], []
    for customer_id, row in fills.items():
        v = row.values
        updates.append({"id": customer_id, "updated_at": run.now,
                        **{name: v.get(name) or None for name in queries.FILLED},
                        "phone_key": v.get("phone_key"), "email_key": v.get("email_key")})
        tags += [{"customer_id": customer_id, "tag": tag} for tag in row.tags]
        if row.contact is not None:
            contacts.append(_contact_row(customer_id, row.contact, run.now))
    queries.fill_customers(session, updates)
    queries.insert_tags(session, tags)
    queries.insert_contacts_if_none(session, contacts)


def _handle(session: Session, user_id: int | None) -> str | None:
    from salescli.store.queries import users as user_queries

    return user_queries.handle_of(session, user_id)
