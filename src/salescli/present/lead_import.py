"""What `lead import` says (docs/import.md): the sentences of its errors (merged into the
registries through present/import_messages.py), each problem's reason and what it
matched (the summary, the JSON and the reject file say them alike), and the summary.

Kept light: present/messages.py imports this module whenever any error is worded.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.message_registry import Prepared, prepares

IMPORT_MESSAGES: dict[str, str] = {
    "import.assign_and_pool": N_("The leads can go to a user or to the pool, not both."),
    "import.no_file": N_("Name the file to import, or - to read standard input."),
    "import.reject_file_unwritable": N_("Cannot write the reject file {path}: {problem}; nothing was imported."),
    "import.assign_not_allowed": N_(
        "Only a manager or an admin can import leads for {handle} (your role: {role}); import them for yourself"
        " or into the pool."
    ),
    "import.bad_batch": N_("{ref!r} is not an import batch number; the summary of each import names its batch."),
    "import.unknown_batch": N_("There is no lead import batch #{batch}."),
    "import.undo_not_allowed": N_(
        "Only whoever imported batch #{batch}, a manager or an admin can undo it (your role: {role})."
    ),
    "import.already_undone": N_("Batch #{batch} was already undone on {at}."),
}

IMPORT_CLI_WORDING: dict[str, str] = {
    "import.assign_and_pool": N_("--assign and --pool cannot be used together: give the leads to a user, or put"
                                 " them in the pool."),
    "import.assign_not_allowed": N_(
        "Only a manager or an admin can import leads for {handle} (your role: {role}); leave out --assign to import"
        " them for yourself, or use --pool."
    ),
    "import.bad_batch": N_(
        "{ref!r} is not an import batch number; the summary of each import names its batch (--undo BATCH)."
    ),
}


@prepares("import.already_undone")
def _already_undone(template: str, p: dict[str, Any]) -> Prepared:
    from salescli.present.formatting import format_moment

    return template, p | {"at": format_moment(p["at"])}


# --------------------------------------------------------------------------- problems

REASONS = {
    "no_identity": N_("no company and no contact name"),
    "contact_only": N_("only a contact name: no company, phone or e-mail to reach them by"),
    "too_long": N_("the {field} is longer than {limit} characters"),
    "bad_characters": N_("the {field} holds a character that cannot be stored ({value})"),
    "duplicate": N_("duplicate"),
    "duplicate_updated": N_("duplicate; filled the empty fields of the lead it matched"),
    "bad_phone": N_("kept, but the phone {value!r} does not look like a phone number"),
    "bad_email": N_("kept, but the e-mail {value!r} does not look like an e-mail address"),
}
BY = {"phone": N_("by phone"), "email": N_("by e-mail"), "company_contact": N_("by company and contact")}
KINDS = {"rejected": N_("rejected"), "duplicate": N_("duplicate"), "flagged": N_("flagged")}


def reason_words(problem: Any) -> str:
    key = "duplicate_updated" if problem.reason == "duplicate" and problem.updated else problem.reason
    template = REASONS.get(key)
    if template is None:
        return problem.reason
    return _(template).format(field=problem.field, limit=problem.limit, value=problem.value)


def matched_words(problem: Any) -> str:
    """What a duplicate matched: `lead #12 李华 @ 宏达科技, by phone`, `line 7 of this file,
    by e-mail`; "" for other problems."""
    if problem.kind != "duplicate":
        return ""
    by = _(BY[problem.by]) if problem.by in BY else (problem.by or "")
    if problem.matched_line is not None:
        if problem.matched_lead is not None:
            what = _("line {line} of this file (lead #{id})").format(line=problem.matched_line,
                                                                   id=problem.matched_lead)
        else:
            what = _("line {line} of this file").format(line=problem.matched_line)
    else:
        what = lead_words(problem.matched_lead, problem.matched_contact, problem.matched_company)
    return _("{what}, {by}").format(what=what, by=by)


def lead_words(lead_id: int | None, contact: str | None, company: str | None) -> str:
    if contact and company:
        return _("lead #{id} {contact} @ {company}").format(id=lead_id, contact=contact, company=company)
    return _("lead #{id} {name}").format(id=lead_id, name=contact or company or "")


def problem_words(problem: Any) -> tuple[str, str]:
    """(reason, matched) as the reject file writes them."""
    return reason_words(problem), matched_words(problem)


def problem_json(problem: Any) -> dict[str, Any]:
    return {
        "line": problem.line, "kind": problem.kind, "reason": problem.reason, "message": reason_words(problem),
        "field": problem.field, "by": problem.by, "matched": matched_words(problem) or None,
        "matched_lead": problem.matched_lead, "matched_line": problem.matched_line, "updated": problem.updated,
    }


def summary_json(summary: Any) -> dict[str, Any]:
    return summary.to_json() | {"problems": [problem_json(p) for p in summary.problems]}


# --------------------------------------------------------------------------- the summary

SHOWN_PROBLEMS = 20


def delimiter_words(delimiter: str | None) -> str:
    names = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("vertical bar")}
    if delimiter is None:
        return ""
    return _(names[delimiter]) if delimiter in names else repr(delimiter)


def summary_lines(summary: Any) -> list[str]:
    """The summary as lines of text: counts, the batch, how the file was read, its columns,
    and the first problems."""
    s = summary
    rows = ngettext("{n} row", "{n} rows", s.read).format(n=s.read)
    if s.dry_run:
        lines = [_("Dry run: would import {imported} of {rows} from {file}; nothing was written.").format(
            imported=s.imported, rows=rows, file=s.file)]
    else:
        lines = [_("Imported {imported} of {rows} from {file} (batch #{batch}).").format(
            imported=s.imported, rows=rows, file=s.file, batch=s.batch)]
    lines.append(_("  linked to existing customers: {n}").format(n=s.linked))
    if s.update:
        lines.append(_("  duplicates: {n} ({updated} updated with empty fields filled)").format(
            n=s.duplicates, updated=s.updated))
    else:
        lines.append(_("  duplicates: {n} (skipped)").format(n=s.duplicates))
    lines.append(_("  rejected: {n}").format(n=s.rejected))
    lines.append(_("  flagged: {n} (imported; bad phone or e-mail)").format(n=s.flagged))
    lines.append(_("Owner: {owner}").format(owner=s.owner) if s.owner else _("The leads are in the pool."))
    if s.encoding_guessed:
        read = _("Read as {encoding} (guessed; --encoding to override)").format(encoding=s.encoding)
    else:
        read = _("Read as {encoding}").format(encoding=s.encoding)
    if s.format == "xlsx" or not s.delimiter:
        lines.append(_("{read}.").format(read=read))
    else:
        lines.append(_("{read}, delimiter {delimiter}.").format(read=read, delimiter=delimiter_words(s.delimiter)))
    used = ", ".join(f"{header} → {name}" for header, name in s.columns.items())
    lines.append(_("Columns: {columns}").format(columns=used or _("none")))
    if s.extra_columns:
        lines.append(_("Extra columns kept on each lead: {columns}").format(columns=", ".join(s.extra_columns)))
    if s.ignored_columns:
        lines.append(_("Columns ignored: {columns}").format(columns=", ".join(s.ignored_columns)))
    if s.problems_total:
        lines.append(_("Problems:"))
        for problem in s.problems[:SHOWN_PROBLEMS]:
            detail = _summary_detail(problem)
            lines.append(_("  line {line}, {kind}: {detail}").format(
                line=problem.line, kind=_(KINDS.get(problem.kind, problem.kind)), detail=detail))
        more = s.problems_total - min(len(s.problems), SHOWN_PROBLEMS)
        if more:
            if s.reject_file:
                lines.append(_("  ... and {n} more ({file} lists them all)").format(n=more, file=s.reject_file))
            else:
                lines.append(_("  ... and {n} more (--reject-file FILE lists them all)").format(n=more))
    return lines


def _summary_detail(problem: Any) -> str:
    """A problem as one summary line words it: a duplicate by what it matched."""
    if problem.kind != "duplicate":
        return reason_words(problem)
    if problem.updated:
        return _("filled the empty fields of {matched}").format(matched=matched_words(problem))
    return _("same as {matched}").format(matched=matched_words(problem))


def undo_lines(result: Any) -> list[str]:
    removed = ngettext("Removed {n} lead of batch #{batch}", "Removed {n} leads of batch #{batch}",
                       result.removed).format(n=result.removed, batch=result.batch)
    if not result.kept:
        return [_("{removed}.").format(removed=removed)]
    kept = ngettext("kept {n} that someone has worked", "kept {n} that someone has worked",
                    result.kept).format(n=result.kept)
    return [_("{removed}; {kept}.").format(removed=removed, kept=kept)]
