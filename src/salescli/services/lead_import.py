"""`lead import`: a lead list read as it comes, deduped, written in committed chunks, and
undone as a whole (docs/import.md).

Why chunks: a file may hold a million rows and a process may be killed at any moment.
Each chunk (CHUNK_ROWS rows) runs in its own transaction: its keys are computed once in
Python, its matches among live leads are found with a few `IN (...)` look-ups, its new
leads go in with one executemany, and the batch row's counters move with it. A killed
import therefore leaves whole chunks, and running it again finds every row already in
the store a duplicate and imports exactly the rest. Duplicates within the file across
chunks are found in the store the same way, so nothing grows with the file but the
reject file on disk (memory stays flat). `--dry-run` runs the same path in one
transaction that is rolled back.

The rows, the file's reading and its header mapping are `services/table_reader.py` and
`domain/lead_fields.py`; the words of every problem are the interface's (`words`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import json.encoder
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from salescli.core.errors import BadInputError, NotFoundError, RefusedError, SalescliError
from salescli.domain import dedupe, text
from salescli.domain.ids import storable, typed_id
from salescli.domain.users import may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.file_import import FileImportSummary
from salescli.services.input import clean_text
from salescli.services.lookup import resolve_user
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store import locks
from salescli.store.engine import Session
from salescli.store.queries import import_batches
from salescli.store.queries import lead_import as queries

CHUNK_ROWS = 10_000
PROBLEMS_KEPT = 1_000  # problems returned to the interface; the reject file has them all
WORKER_MIN_BYTES = 256 * 1024  # a smaller file is prepared in the importing process (_prepared)

# Each field's rules as text (domain/text.py): its limit is its column's size.
FIELD_RULES: dict[str, text.Field] = {
    "company": text.FIELDS["customer_name"], "contact": text.FIELDS["contact_name"],
    "title": text.FIELDS["title"], "phone": text.FIELDS["phone"], "email": text.FIELDS["email"],
    "wechat": text.FIELDS["wechat"], "city": text.FIELDS["city"], "address": text.FIELDS["address"],
    "industry": text.FIELDS["industry"], "source": text.FIELDS["source"], "website": text.Field(200),
    "note": text.FIELDS["notes"],
}
_SHORTEST_LIMIT = min(rules.limit for rules in FIELD_RULES.values())


@dataclass
class ImportRequest:
    """What the user asked for, as typed; the service checks it."""

    path: str
    source: str | None = None
    maps: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    assign: str | None = None
    pool: bool = False
    update: bool = False
    dry_run: bool = False
    reject_file: str | None = None
    stdin: IO[bytes] | None = None  # what `-` reads


@record
class Problem(Record):
    """One row that was rejected, was a duplicate, or was imported with a flag.

    `reason`: no_identity | contact_only | too_long | bad_characters (rejected);
    duplicate (with `by`: phone | email | company_contact and what it matched);
    bad_phone | bad_email (flagged). The interface words it."""

    line: int
    kind: str  # rejected | duplicate | flagged
    reason: str
    field: str | None = None
    limit: int | None = None
    value: str | None = None
    by: str | None = None
    matched_lead: int | None = None  # the live lead it matched (None: a row of this chunk, not yet written)
    matched_line: int | None = None  # the line of this file it matched, when the match came from this file
    matched_contact: str | None = None
    matched_company: str | None = None
    updated: bool = False  # --update filled some of the matched lead's empty fields


@record
class ImportSummary(FileImportSummary):
    """`lead import`: the shared summary, with the leads linked to customers, the columns
    kept as extra data, who owns the new leads (None: the pool) and the reject file."""

    linked: int
    extra_columns: list[str]
    owner: str | None
    reject_file: str | None


@record
class UndoResult(Record):
    batch: int
    file: str | None
    removed: int
    kept: int
    at: datetime


# --------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _Row:
    """A row ready to be a lead: clean values, keys, flags, and its file line and cells."""

    line: int
    cells: list[str]
    values: dict[str, str | None]
    keys: dict[str, str | None]
    extra: dict[str, str]
    flags: list[str]
    lead_id: int | None = None  # set when the row stands for a live lead being filled
    pending: bool = True  # a new lead of this chunk (not yet written)
    batch_id: int | None = None  # a live lead's batch: "line N of this file" when it is this one


def _clean_value(name: str, raw: str) -> tuple[str | None, Problem | None]:
    """A cell as the field's text rules allow it: runs of spaces, line ends and tabs in a
    one-line field are one space (a spreadsheet cell may hold them), invisible format
    characters are dropped, a control or direction character or a value over the column's
    size rejects the row."""
    rules = FIELD_RULES[name]
    value = raw.replace("\r\n", "\n").strip() if rules.multiline else " ".join(raw.split())
    if not value.isprintable():  # printable text holds nothing bad_character() refuses: skip it
        value = "".join(c for c in value if not _invisible(c, rules.multiline))
        char = text.bad_character(value, multiline=rules.multiline)
        if char is not None:
            return None, Problem(0, "rejected", "bad_characters", field=name, value=text.code_point(char))
        value = text.tidy(value, multiline=rules.multiline)
    if len(value) > rules.limit:  # characters, as domain/text.py length() counts them
        return None, Problem(0, "rejected", "too_long", field=name, limit=rules.limit)
    return value or None, None


def _invisible(char: str, multiline: bool) -> bool:
    import unicodedata

    if multiline and char in "\u200c\u200d":
        return False
    return unicodedata.category(char) == "Cf" and char not in text.BIDI


def prepare_row(line: int, cells: list[str], fields: dict[str, str], extra: dict[str, str], *,
                source: str | None, region: str) -> _Row | Problem:
    """One file row as a lead to write, or the reason it is rejected (pure but for the
    keys' region): a lead needs a company or a contact, and a bare contact needs a way to
    reach them (company, phone or e-mail). Runs once per row of a file that may hold
    millions, so it is written for speed: the common clean cell takes the short path."""
    values: dict[str, str | None] = dict.fromkeys(queries.VALUE_COLUMNS)
    cells_in = fields.values()
    blob = "".join(cells_in)
    # The common row, checked in one go: known fields, printable, one space between words,
    # no value longer than the shortest limit (cells come stripped from split_row).
    if (blob.isprintable() and "  " not in blob and fields.keys() <= FIELD_RULES.keys()
            and max(map(len, cells_in), default=0) <= _SHORTEST_LIMIT):
        values.update(fields)
        fields = {}
    for name, raw in fields.items():
        rules = FIELD_RULES.get(name)
        if rules is None:  # a field this version does not store: keep it as read
            if raw:
                extra = extra | {name: raw}
            continue
        if not raw:
            continue
        # The common cell (printable, one space between words, within its limit) is kept
        # as it is; anything else goes the careful way.
        if raw.isprintable() and "  " not in raw and len(raw) <= rules.limit and raw == raw.strip():
            values[name] = raw
            continue
        value, problem = _clean_value(name, raw)
        if problem is not None:
            problem.line = line
            return problem
        values[name] = value
    if values["source"] is None:
        values["source"] = source
    company, contact, phone, email = values["company"], values["contact"], values["phone"], values["email"]
    if company is None and contact is None:
        return Problem(line, "rejected", "no_identity")
    phone_key = dedupe.phone_key(phone, region) if phone is not None else None
    email_key = dedupe.email_key(email) if email else None
    if company is None and phone_key is None and email_key is None:
        return Problem(line, "rejected", "contact_only")
    flags = []
    if phone is not None and not dedupe.looks_like_phone(phone):
        flags.append("bad_phone")
    if email is not None and not dedupe.looks_like_email(email):
        flags.append("bad_email")
    keys = {
        "company_key": dedupe.name_key(company) if company else None,
        "contact_key": dedupe.person_key(contact),
        "phone_key": phone_key,
        "email_key": email_key,
    }
    return _Row(line, cells, values, keys, extra, flags)


# --------------------------------------------------------------------------- the reject file


class RejectWriter:
    """The reject file, written as problems come (UTF-8 with a BOM, so Excel reads it):
    the file's header plus reject_line, reject_reason, reject_matched, and each rejected
    or duplicate row's cells as read."""

    def __init__(self, path: str, words: Callable[[Problem], tuple[str, str]]) -> None:
        import csv

        try:
            self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise BadInputError("import.reject_file_unwritable", path=path, problem=exc.strerror or str(exc)) from None
        self._writer = csv.writer(self._file)
        self._words = words
        self.path = path

    def header(self, header: list[str]) -> None:
        self._writer.writerow([*header, "reject_line", "reject_reason", "reject_matched"])

    def write(self, problem: Problem, cells: list[str]) -> None:
        reason, matched = self._words(problem)
        self._writer.writerow([*cells, problem.line, reason, matched])

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


# --------------------------------------------------------------------------- import


@dataclass
class _Run:
    """One import's running state: counts, the problems kept, where rows go."""

    batch_id: int | None  # None: a dry run
    owner_id: int | None
    user_id: int
    now: datetime
    region: str
    update: bool
    reject: RejectWriter | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("read_rows", "imported", "duplicates", "rejected", "flagged", "updated", "linked"), 0))
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    committed: dict[str, int] = field(default_factory=dict)  # the counts the batch row holds
    dry_floor: int | None = None  # a dry run: the highest lead id before it (its leads have no batch)

    def problem(self, problem: Problem, cells: list[str] | None) -> None:
        self.problems_total += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)
        if cells is not None and self.reject is not None:
            self.reject.write(problem, cells)


class _DryRunDone(Exception):  # noqa: N818 - not an error: ends the dry run's transaction, rolled back
    pass


def import_leads(
    ctx: Context, req: ImportRequest, *, words: Callable[[Problem], tuple[str, str]],
    progress: Callable[[int, int | None], None] | None = None,
) -> ImportSummary:
    """Import a lead list (see the module's doc); `words` gives a problem's reason and
    what it matched as the reject file writes them, `progress` hears of each chunk (bytes
    read, the file's size)."""
    from salescli.domain.export_fields import is_lead_export, restore_lead_extra
    from salescli.domain.lead_fields import describe_mapping, guess_mapping, parse_map_options, row_splitter
    from salescli.services.table_reader import open_table

    if req.assign is not None and req.pool:
        raise BadInputError("import.assign_and_pool")
    overrides = parse_map_options(req.maps)
    source = clean_text(req.source, "source")
    with open_table(req.path, encoding=req.encoding, delimiter=req.delimiter, stdin=req.stdin) as table:
        header_map = guess_mapping(table.header, overrides, kind="lead")
        described = describe_mapping(table.header, header_map)
        columns = {h: f for h, f in described if f not in ("extra", "ignore")}
        extra_columns = [h for h, f in described if f == "extra"]
        ignored = [h for h, f in described if f == "ignore"]
        reject = RejectWriter(req.reject_file, words) if req.reject_file else None
        # The rows make millions of short-lived dicts and no reference cycles: the cyclic
        # collector would only walk them again and again (~10 % of an import's time).
        collecting = gc.isenabled()
        gc.disable()
        started = False
        try:
            if reject is not None:
                reject.header(list(table.header))
            run, owner = _start(ctx, req, table, columns, source)
            run.reject = reject
            started = True

            split = row_splitter(header_map)
            # A `lead export` file reads back as the leads it was written from (docs/export.md).
            exported = is_lead_export(table.header)

            def rows() -> Iterator[tuple[int, list[str], Any]]:
                region = run.region
                for line, cells in table.rows():
                    fields, extra = split(cells)
                    if exported:
                        extra = restore_lead_extra(extra)
                    yield line, cells, prepare_row(line, cells, fields, extra, source=source, region=region)

            if req.dry_run:
                try:
                    with ctx.session(write=True) as session:
                        # No batch row: ids drawn from a PostgreSQL sequence are not given back.
                        run.dry_floor = queries.max_lead_id(session)
                        for chunk, position in _prepared(lambda: _chunks(rows(), table), table.size):
                            _chunk(session, run, chunk)
                            _report(progress, position, table.size)
                        raise _DryRunDone
                except _DryRunDone:
                    pass
            else:
                queries.tune_for_bulk(ctx.store)
                for chunk, position in _prepared(lambda: _chunks(rows(), table), table.size):
                    with ctx.session(write=True) as session:
                        _chunk(session, run, chunk)
                        queries.add_counts(session, run.batch_id, _chunk_counts(run))
                    if reject is not None:
                        reject.flush()
                    _report(progress, position, table.size)
                with ctx.session(write=True) as session:
                    queries.finish_batch(session, run.batch_id, ctx.now())
        finally:
            if collecting:
                gc.enable()
            if reject is not None:
                reject.close()
                if not started:  # refused before any row was read (the owner): leave no file behind
                    reject.discard()
        c = run.counts
        return ImportSummary(
            file=req.path, read=c["read_rows"], imported=c["imported"], duplicates=c["duplicates"],
            rejected=c["rejected"], flagged=c["flagged"], updated=c["updated"], linked=c["linked"],
            batch=None if req.dry_run else run.batch_id, encoding=table.encoding,
            encoding_guessed=bool(table.encoding_guessed), delimiter=table.delimiter, format=table.format,
            columns=columns, extra_columns=extra_columns, ignored_columns=ignored, owner=owner, dry_run=req.dry_run,
            update=req.update, problems=sorted(run.problems, key=lambda p: p.line), problems_total=run.problems_total,
            reject_file=req.reject_file,
        )


def _report(progress: Callable[[int, int | None], None] | None, position: int, size: int | None) -> None:
    if progress is not None:
        progress(position, size)


def _start(ctx: Context, req: ImportRequest, table: Any, columns: dict[str, str],
           source: str | None) -> tuple[_Run, str | None]:
    """Check who gets the leads and, unless this is a dry run, commit the batch row: a
    killed import leaves it unfinished (finished_at None), with its counts so far."""
    now = ctx.now()
    with ctx.session(write=not req.dry_run) as session:
        owner_id, owner = _owner(session, ctx, req)
        region = team_rules(session).get("import.default_region")
        run = _Run(None, owner_id, ctx.user_id, now, region, req.update, None)
        if not req.dry_run:
            run.batch_id = _create_batch(session, ctx, req, table, columns, source, run)
    return run, owner


def _create_batch(session: Session, ctx: Context, req: ImportRequest, table: Any, columns: dict[str, str],
                  source: str | None, run: _Run) -> int:
    return import_batches.create_batch(
        session, kind="lead", file_name=req.path[:500], source=source, encoding=table.encoding[:32],
        delimiter=(table.delimiter or None), mapping=json.dumps(columns, ensure_ascii=False), by_user_id=ctx.user_id,
        assigned_to_id=run.owner_id, started_at=run.now, read_rows=0, imported=0, duplicates=0, rejected=0,
        flagged=0, updated=0, linked=0,
    )


def _owner(session: Session, ctx: Context, req: ImportRequest) -> tuple[int | None, str | None]:
    """Who the imported leads start with: the importer, nobody (`--pool`), or `--assign`'s
    user (someone else only for those who may move customers between reps)."""
    if req.pool:
        return None, None
    who = actor(session, ctx)
    if req.assign is None:
        return who.id, who.handle
    target = resolve_user(session, req.assign)
    if not target.active:
        raise RefusedError("transfer.target_inactive", handle=target.handle)
    if target.id != who.id and not may(who.role, "move_customers", active_users=who.active_users):
        raise RefusedError("import.assign_not_allowed", handle=target.handle, role=who.role)
    return target.id, target.handle


_Chunk = list[tuple[int, list[str], Any]]


def _chunks(rows: Iterator[tuple[int, list[str], Any]], table: Any) -> Iterator[tuple[_Chunk, int]]:
    """The prepared rows in chunks, each with how far into the file it reaches (for the
    progress bar; read where the file is read)."""
    chunk: _Chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= CHUNK_ROWS:
            yield chunk, table.position()
            chunk = []
    if chunk:
        yield chunk, table.position()


def _prepared(make: Callable[[], Iterator[Any]], size: int) -> Iterator[Any]:
    """The chunks `make()` gives, prepared in a forked worker process while this one writes
    the chunks before (docs/import.md, "Speed").

    Reading and preparing rows (parsing, cleaning, keys) is about half of an import and
    writing the other half; both are Python holding the GIL, so a thread would not overlap
    them, a second process does. The worker inherits the open file and the plan by fork;
    at most WORKER_QUEUE chunks wait in the pipe, so memory stays flat. If this process is
    killed the worker's next send fails and it ends; if this one stops early it stops the
    worker. Small files, and systems without fork, are prepared in this process."""
    import multiprocessing

    if size < WORKER_MIN_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        yield from make()
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_prepare_in_worker, args=(make, send), name="lead-import-reader", daemon=True)
    worker.start()
    send.close()
    try:
        while True:
            try:
                kind, payload = receive.recv()
            except EOFError:  # the worker died without a word (killed): a bug to report, not bad input
                raise RuntimeError(f"the import's reading process ended early (exit code {worker.exitcode})") from None
            if kind == "chunk":
                yield payload
            elif kind == "done":
                return
            else:
                raise _rebuilt(payload)
    finally:
        receive.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _prepare_in_worker(make: Callable[[], Iterator[Any]], send: Any) -> None:
    try:
        for item in make():
            send.send(("chunk", item))
        send.send(("done", None))
    except (BrokenPipeError, EOFError):  # the importing process is gone
        pass
    except SalescliError as error:
        send.send(("error", (type(error), error.code, error.params)))
    except BaseException as error:  # noqa: BLE001 - told to the importing process, which raises it
        send.send(("error", (RuntimeError, repr(error), None)))


def _rebuilt(payload: tuple[type[BaseException], str, dict[str, Any] | None]) -> BaseException:
    kind, code, params = payload
    return kind(code, **params) if params is not None else kind(code)


def _chunk_counts(run: _Run) -> dict[str, int]:
    """The counts added since the last chunk (the batch row adds them up)."""
    delta = {k: v - run.committed.get(k, 0) for k, v in run.counts.items()}
    run.committed = dict(run.counts)
    return delta


def _chunk(session: Session, run: _Run, chunk: list[tuple[int, list[str], Any]]) -> None:
    """One chunk: match, link, insert, fill; all inside the caller's transaction."""
    locks.hold(session, queries.LEADS_LOCK)
    counts = run.counts
    counts["read_rows"] += len(chunk)
    stored = _stored_matches(session, [prepared for _l, _c, prepared in chunk if isinstance(prepared, _Row)],
                             full=run.update)
    # Key -> the row (a new lead of this chunk, or a live lead being filled) that holds it.
    held: dict[tuple[str, Any], _Row] = {}
    new_rows: list[_Row] = []
    filled: dict[int, _Row] = {}
    for _line, cells, row in chunk:  # in line order, so the reject file is too
        if row.__class__ is Problem:
            counts["rejected"] += 1
            run.problem(row, cells)
            continue
        # The first key that matches (phone, e-mail, company and contact), inlined: this
        # loop runs once per row of the file.
        keys = _keys_of(row.keys)
        match = by = None
        for key in keys:
            match = held.get(key) or stored.get(key)
            if match is not None:
                by = key[0]
                break
        if match is None:
            new_rows.append(row)
            for key in keys:
                held.setdefault(key, row)
            continue
        counts["duplicates"] += 1
        changed = False
        if run.update:
            changed = _fill(match, row, lambda key, me: _taken(session, key, me, held, stored))
            if changed:
                counts["updated"] += 1
                if match.lead_id is not None:
                    filled[match.lead_id] = match
                _hold(held, match)
        run.problem(_duplicate_problem(row, match, by, run, changed), row.cells)
    _insert(session, run, new_rows)
    if filled:
        queries.fill_leads(session, [_fill_values(r, run.now) for r in filled.values()])


def _stored_matches(session: Session, rows: list[_Row], *, full: bool) -> dict[tuple[str, Any], _Row]:
    """Key -> the oldest live lead holding it, for every key of the chunk's rows; `full`
    reads every field (for `--update` to fill), else only what a duplicate is reported with."""
    phones = [r.keys["phone_key"] for r in rows if r.keys["phone_key"]]
    emails = [r.keys["email_key"] for r in rows if r.keys["email_key"]]
    pairs = [(r.keys["company_key"], r.keys["contact_key"] or "") for r in rows if r.keys["company_key"]]
    found: dict[tuple[str, Any], _Row] = {}
    by_id: dict[int, _Row] = {}

    def add(kind: str, key: Any, lead: Any) -> None:
        row = by_id.get(lead.id)
        if row is None:
            row = by_id[lead.id] = _lead_row(lead)
        held = found.get((kind, key))
        if held is None or (held.lead_id or 0) > lead.id:  # the oldest, without sorting in SQL
            found[(kind, key)] = row

    for lead in queries.live_by_phone(session, phones, full=full) if phones else ():
        add("phone", lead.phone_key, lead)
    for lead in queries.live_by_email(session, emails, full=full) if emails else ():
        add("email", lead.email_key, lead)
    for lead in queries.live_by_company_contact(session, pairs, full=full) if pairs else ():
        add("company_contact", (lead.company_key, lead.contact_key or ""), lead)
    return found


def _taken(session: Session, key: tuple[str, Any], me: _Row, held: dict[tuple[str, Any], _Row],
           stored: dict[tuple[str, Any], _Row]) -> bool:
    """Whether a lead other than `me` holds `key`: one of this chunk, one the chunk's
    look-ups found, or (for a key no row of the chunk has: a filled company meeting a
    filled contact) one in the store."""
    holder = held.get(key) or stored.get(key)
    if holder is not None:
        return holder is not me
    kind, value = key
    if kind == "company_contact":
        found = queries.live_by_company_contact(session, [value], full=False)
    else:
        found = (queries.live_by_phone if kind == "phone" else queries.live_by_email)(session, [value], full=False)
    return any(lead.id != me.lead_id for lead in found)


def _lead_row(lead: Any) -> _Row:
    values = {name: getattr(lead, name, None) for name in queries.VALUE_COLUMNS}
    keys = {name: getattr(lead, name) for name in queries.KEY_COLUMNS}
    raw_extra = getattr(lead, "extra", None)
    extra = json.loads(raw_extra) if raw_extra else {}
    flags = [f for f in (getattr(lead, "flags", None) or "").split(",") if f]
    return _Row(lead.source_line or 0, [], values, keys, extra, flags, lead_id=lead.id, pending=False,
                batch_id=lead.batch_id)


def _row_keys(row: _Row) -> list[tuple[str, Any]]:
    return _keys_of(row.keys)


def _keys_of(keys: dict[str, Any]) -> list[tuple[str, Any]]:
    """The dedupe keys of a lead's key columns, in matching order: phone, e-mail, company
    and contact together."""
    found = []
    if keys["phone_key"]:
        found.append(("phone", keys["phone_key"]))
    if keys["email_key"]:
        found.append(("email", keys["email_key"]))
    if keys["company_key"]:
        found.append(("company_contact", (keys["company_key"], keys["contact_key"] or "")))
    return found


def _hold(held: dict[tuple[str, Any], _Row], row: _Row) -> None:
    for key in _row_keys(row):
        held.setdefault(key, row)


_FILL_GROUPS = (("company", "company_key"), ("contact", "contact_key"), ("phone", "phone_key"),
                ("email", "email_key"))


def _fill(target: _Row, row: _Row, taken: Callable[[tuple[str, Any], _Row], bool]) -> bool:
    """`--update`: the target's empty fields (and extra data) filled from the row, never
    overwritten; whether anything changed. A key travels with its field, and a field whose
    key another live lead already holds is left empty (that would make two leads one)."""
    changed = False
    grouped = {name for group in _FILL_GROUPS for name in group}
    for name, key in _FILL_GROUPS:
        if target.values[name] is None and row.values[name] is not None:
            keys = target.keys | {key: row.keys[key]}
            if any(taken(k, target) for k in _keys_of(keys) if k not in _keys_of(target.keys)):
                continue
            target.values[name] = row.values[name]
            target.keys = keys
            changed = True
    for name in queries.VALUE_COLUMNS:
        if name not in grouped and target.values[name] is None and row.values[name] is not None:
            target.values[name] = row.values[name]
            changed = True
    for name, value in row.extra.items():
        if name not in target.extra:
            target.extra[name] = value
            changed = True
    if changed:
        target.flags = _flags(target.values)
    return changed


def _flags(values: dict[str, str | None]) -> list[str]:
    flags = []
    if values["phone"] is not None and not dedupe.looks_like_phone(values["phone"]):
        flags.append("bad_phone")
    if values["email"] is not None and not dedupe.looks_like_email(values["email"]):
        flags.append("bad_email")
    return flags


def _fill_values(row: _Row, now: datetime) -> dict[str, Any]:
    return {**row.values, **row.keys, "extra": _extra(row.extra), "flags": ",".join(row.flags) or None,
            "updated_at": now, "id": row.lead_id}


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined] - the C string escaper json itself uses


def _extra(extra: dict[str, str]) -> str | None:
    """The extra columns as a JSON object, as json.dumps(ensure_ascii=False) writes it, built
    directly: the values are always strings, and this runs once per lead."""
    if not extra:
        return None
    return "{" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in extra.items()) + "}"


def _duplicate_problem(row: _Row, match: _Row, by: str | None, run: _Run, updated: bool) -> Problem:
    if run.dry_floor is not None:  # a dry run's leads have no batch: they are the ones it inserted
        this_file = match.pending or (match.lead_id or 0) > run.dry_floor
    else:
        this_file = match.pending or match.batch_id == run.batch_id
    return Problem(
        row.line, "duplicate", "duplicate", by=by, matched_lead=match.lead_id,
        matched_line=match.line if this_file else None, matched_contact=match.values["contact"],
        matched_company=match.values["company"], updated=updated,
    )


def _insert(session: Session, run: _Run, rows: list[_Row]) -> None:
    if not rows:
        return
    companies = [r.keys["company_key"] for r in rows if r.keys["company_key"]]
    customers = queries.customers_by_name_key(session, companies) if companies else {}
    records = []
    for row in rows:
        customer_id = customers.get(row.keys["company_key"]) if customers else None
        if customer_id is not None:
            run.counts["linked"] += 1
        if row.flags:
            run.counts["flagged"] += 1
            for flag in row.flags:
                run.problem(Problem(row.line, "flagged", flag, field=flag.removeprefix("bad_"),
                                    value=row.values[flag.removeprefix("bad_")]), None)
        # In queries.ROW_COLUMNS order: the values and keys dicts keep their columns' order.
        records.append((*row.values.values(), *row.keys.values(), _extra(row.extra), ",".join(row.flags) or None,
                        customer_id, row.line))
    queries.insert_leads(session, records, status="new", owner_id=run.owner_id,
                         claimed_at=run.now if run.owner_id is not None else None, batch_id=run.batch_id,
                         created_at=run.now, created_by_id=run.user_id, updated_at=run.now, archived=False)
    run.counts["imported"] += len(records)


# --------------------------------------------------------------------------- undo


def undo_import(ctx: Context, ref: str) -> UndoResult:
    """Archive a batch's leads nobody has worked yet, each with an `undo` event; the ones
    someone took, followed up, converted, disqualified or merged stay. The importer or a
    manager may undo; a batch is undone once."""
    batch_id = typed_id(ref or "")
    if batch_id is None or not storable(batch_id):
        raise BadInputError("import.bad_batch", ref=ref)
    now = ctx.now()
    with ctx.session(write=True) as session:
        locks.hold(session, queries.LEADS_LOCK)
        batch = queries.get_batch(session, batch_id)
        if batch is None or batch.kind != "lead":
            raise NotFoundError("import.unknown_batch", batch=batch_id)
        who = actor(session, ctx)
        if batch.by_user_id != who.id and not may(who.role, "act_for_others", active_users=who.active_users):
            raise RefusedError("import.undo_not_allowed", batch=batch_id, role=who.role)
        if batch.undone_at is not None:
            raise RefusedError("import.already_undone", batch=batch_id, at=batch.undone_at)
        removed, kept = queries.undo_batch(session, batch_id, by_id=who.id, at=now)
        return UndoResult(batch_id, batch.file_name, removed, kept, now)
