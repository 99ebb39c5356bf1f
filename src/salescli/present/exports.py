"""What `customer export`, `lead export` and `customer import` say when they are done
(docs/export.md), the same for every interface."""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext

PROBLEM_REASONS = {
    "no_name": N_("no customer name"),
    "bad_grade": N_("grade {value!r} is not A, B or C"),
    "bad_size": N_("size {value!r} is not micro, small, medium or large"),
    "bad_archived": N_("archived {value!r} is not true or false"),
    "bad_text": N_("{problem}"),  # the error's own sentence names the field
    "bad_phone": N_("phone {value!r} does not look like a phone number (kept)"),
    "bad_email": N_("e-mail {value!r} does not look like an e-mail address (kept)"),
    "bad_contact_phone": N_("contact phone {value!r} does not look like a phone number (kept)"),
    "bad_contact_email": N_("contact e-mail {value!r} does not look like an e-mail address (kept)"),
    "unknown_owner": N_("owner {value!r} is not an active user: imported into the pool"),
    "duplicate": N_("matches customer #{id} {name} by {by}"),
    "duplicate_in_file": N_("matches line {other_line} of this file by {by}"),
    "duplicate_updated": N_("matches customer #{id} {name} by {by}; its empty fields were filled"),
    "duplicate_in_file_updated": N_("matches line {other_line} of this file by {by}; filled what that row left"
                                    " empty"),
    "contact_no_name": N_("{fields} given without a contact name: not imported"),
    "not_yours": N_("matches customer #{id} {name} by {by}, owned by {owner}: not updated"),
}
MATCH_KEYS = {"name": N_("name"), "phone": N_("phone"), "email": N_("e-mail")}
PROBLEM_KINDS = {"rejected": N_("rejected"), "duplicate": N_("duplicate"), "flagged": N_("flagged")}
SHOWN_PROBLEMS = 20


def exported_sentence(result: Any) -> str:
    """`Wrote 1,204 customers to book.csv.`"""
    n = result.count
    if result.kind == "lead":
        text = ngettext("Wrote {n} lead to {path}.", "Wrote {n} leads to {path}.", n)
    else:
        text = ngettext("Wrote {n} customer to {path}.", "Wrote {n} customers to {path}.", n)
    return text.format(n=n, path=result.out)


def problem_reason(problem: Any) -> str:
    """One problem of an import in words: why a row was rejected, what it duplicated, what
    was flagged."""
    params = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in problem.params.items()}
    if "by" in params:
        params["by"] = _(MATCH_KEYS.get(params["by"], params["by"]))
    if problem.reason == "bad_text":
        from salescli.core.errors import BadInputError
        from salescli.present.messages import sentence

        params["problem"] = sentence(BadInputError(params["code"], **problem.params.get("facts", {}))).rstrip(".")
    template = PROBLEM_REASONS.get(problem.reason)
    if template is None:
        return problem.reason
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return problem.reason


def import_summary_lines(summary: Any) -> list[str]:
    """The summary of `customer import`: counts, how the file was read, the columns, the
    first problems."""
    lines = []
    if summary.dry_run:
        lines.append(_("Dry run: nothing was written."))
    lines.append(
        _("Read {read}: imported {imported}, duplicates {duplicates}, rejected {rejected}, flagged {flagged},"
          " updated {updated}.").format(read=summary.read, imported=summary.imported,
                                        duplicates=summary.duplicates, rejected=summary.rejected,
                                        flagged=summary.flagged, updated=summary.updated)
    )
    if summary.batch is not None:
        lines.append(_("Import batch #{batch}.").format(batch=summary.batch))
    how = _("Read as {encoding}").format(encoding=summary.encoding)
    if summary.encoding_guessed:
        how += _(" (guessed; --encoding to override)")
    if summary.delimiter:
        how += _(", delimiter {delimiter!r}").format(delimiter=summary.delimiter)
    lines.append(how + ".")
    used = ", ".join(f"{header}→{field}" for header, field in summary.columns.items())
    if used:
        lines.append(_("Columns used: {columns}.").format(columns=used))
    if summary.ignored_columns:
        lines.append(_("Columns not imported: {columns}.").format(columns=", ".join(summary.ignored_columns)))
    for problem in summary.problems[:SHOWN_PROBLEMS]:
        lines.append(_("Line {line}: {kind}, {reason}.").format(
            line=problem.line, kind=_(PROBLEM_KINDS[problem.kind]), reason=problem_reason(problem)))
    more = summary.problems_total - min(len(summary.problems), SHOWN_PROBLEMS)
    if more > 0:
        lines.append(ngettext("... and {n} more problem (--json lists the first 1000).",
                              "... and {n} more problems (--json lists the first 1000).", more).format(n=more))
    return lines
