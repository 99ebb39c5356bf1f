"""`salescli lead list|show|take|release|assign|log|convert|disqualify|reopen|merge` and
`salescli report sources`: working leads until they become customers (docs/leads.md)."""


from typing import Annotated, Any

import typer

from salescli.commands._common import KIND_CODES, JsonOption, LimitOption, choices, coded, open_ctx
from salescli.core.i18n import _

LeadArg = Annotated[str, typer.Argument(help=_("Lead id, like 12 or #12."), metavar="LEAD")]
LeadsArg = Annotated[list[str], typer.Argument(help=_("Lead ids; all are taken, or none."), metavar="LEAD...")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help=_("Why (required)."), metavar="TEXT")]


def list_(
    status: Annotated[
        str | None, typer.Option("--status", help=_("Only leads in this status (default: new and working)."),
                                 metavar="new|working|converted|disqualified")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help=_("Only leads from this source."))] = None,
    mine: Annotated[bool, typer.Option("--mine", help=_("Your leads (the default)."))] = False,
    pool: Annotated[bool, typer.Option("--pool", help=_("Leads nobody owns yet."))] = False,
    everyone: Annotated[bool, typer.Option("--all", help=_("Every rep's leads and the pool (managers)."))] = False,
    owner: Annotated[
        str | None, typer.Option("--owner", help=_("One rep's leads (managers, for others)."), metavar="HANDLE")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help=_("Text in the company, contact, phone, e-mail, city or note."))
    ] = None,
    limit: LimitOption = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.leads import LeadFilter, list_leads

    ctx = open_ctx()
    rows = list_leads(ctx, LeadFilter(status=status, source=source, mine=mine, pool=pool, everyone=everyone,
                                      owner=owner, search=search, limit=limit))
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)  # streams: written row by row
        return
    from salescli.present.leads import LIST_COLUMNS, NO_LEADS, count_line, row_view
    from salescli.terminal.render import columns_table, message

    shown = [row_view(row) for row in rows]
    if not shown:
        message(_(NO_LEADS))
        return
    columns_table(LIST_COLUMNS, shown, now=ctx.now())
    message(count_line(len(shown), limit))


def show(ref: LeadArg, json: JsonOption = False) -> None:
    from salescli.services.leads import lead_card

    card = lead_card(open_ctx(), ref)
    if json:
        from salescli.terminal.render import print_json

        print_json(card)
        return
    _render_card(card)


def _render_card(card: Any) -> None:
    from salescli.present import leads as words
    from salescli.present.formatting import format_moment
    from salescli.terminal.render import console, styled, table

    console().print(styled(words.card_title(card), "bold"))
    fields = [(_(header), options) for header, options in words.FIELD_COLUMNS]
    table(fields, words.card_facts(card, format_moment))
    extra = words.extra_lines(card)
    if extra:
        table(fields, extra, title=_(words.EXTRA_TITLE))
    if card.events:
        table([(_(header), options) for header, options in words.TIMELINE_COLUMNS],
              [(format_moment(event.at), *words.event_cells(event)) for event in card.events],
              title=_(words.TIMELINE_TITLE))


def take(refs: LeadsArg, json: JsonOption = False) -> None:
    from salescli.services.leads import take as take_leads

    _done(take_leads(open_ctx(), refs), json, "taken_sentence")


def release(ref: LeadArg, reason: ReasonOption = None, json: JsonOption = False) -> None:
    from salescli.services.leads import release as release_lead

    _done(release_lead(open_ctx(), ref, reason), json, "changed_sentence")


def assign(
    ref: LeadArg,
    to: Annotated[str, typer.Option("--to", help=_("The rep who works it from now."), metavar="HANDLE")],
    json: JsonOption = False,
) -> None:
    from salescli.services.leads import assign as assign_lead

    _done(assign_lead(open_ctx(), ref, to), json, "changed_sentence")


def log(
    ref: LeadArg,
    summary: Annotated[str, typer.Argument(help=_("What happened."), metavar="SUMMARY")],
    kind: Annotated[
        str, typer.Option("--kind", help=_("Kind of contact."), metavar="call|visit|email|meeting|message|note",
                          autocompletion=choices(KIND_CODES), callback=coded("KINDS"))
    ] = "call",
    at: Annotated[str | None, typer.Option("--at", help=_("When it happened (default: now)."), metavar="WHEN")] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.leads import log as log_lead

    _done(log_lead(open_ctx(), ref, summary, kind=kind, at=at), json, "changed_sentence")


def convert(
    ref: LeadArg,
    deal: Annotated[str | None, typer.Option("--deal", help=_("Open a deal with this title too."),
                                             metavar="TITLE")] = None,
    amount: Annotated[str | None, typer.Option("--amount", help=_("The deal's amount: 12000, 1.2万, 50k."),
                                               metavar="N")] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=_("Convert into this existing customer."), metavar="CUSTOMER")
    ] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.leads import ConvertInput
    from salescli.services.leads import convert as convert_lead

    _done(convert_lead(open_ctx(), ref, ConvertInput(deal=deal, amount=amount, customer=customer)), json,
          "converted_sentence")


def disqualify(ref: LeadArg, reason: ReasonOption = None, json: JsonOption = False) -> None:
    from salescli.services.leads import disqualify as disqualify_lead

    _done(disqualify_lead(open_ctx(), ref, reason), json, "changed_sentence")


def reopen(ref: LeadArg, json: JsonOption = False) -> None:
    from salescli.services.leads import reopen as reopen_lead

    _done(reopen_lead(open_ctx(), ref), json, "changed_sentence")


def merge(
    keep: Annotated[str, typer.Argument(help=_("The lead to keep."), metavar="KEEP")],
    other: Annotated[str, typer.Argument(help=_("The lead merged into it and archived."), metavar="OTHER")],
    json: JsonOption = False,
) -> None:
    from salescli.services.leads import merge as merge_leads

    _done(merge_leads(open_ctx(), keep, other), json, "merged_sentence")


def _done(result: Any, json: bool, sentence: str) -> None:
    """The result as JSON, or its sentence from present/leads.py."""
    from salescli.terminal.render import message, print_json

    if json:
        print_json(result)
        return
    from salescli.present import leads as words

    message(getattr(words, sentence)(result))


def sources(
    since: Annotated[
        str | None, typer.Option("--since", help=_("Only leads and customers created since this day."),
                                 metavar="WHEN")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help=_("Another rep's leads."), metavar="HANDLE")] = None,
    team: Annotated[bool, typer.Option("--team", help=_("Every rep's leads."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.reports import sources_report

    ctx = open_ctx()
    report = sources_report(ctx, since=since, user=user, team=team)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.present import reports as words
    from salescli.terminal.render import columns_table, message

    if not report.rows:
        message(_(words.NO_SOURCES))
        return
    columns_table(words.SOURCE_COLUMNS, [words.source_row_view(row, report.currency) for row in report.rows],
                  now=ctx.now(), title=words.sources_title(report))


def register(lead_app: typer.Typer, report_app: typer.Typer) -> None:
    """The lead work's commands on `lead`, and `report sources`."""
    lead_app.command("list", help=_("List leads, newest first: yours and open by default."))(list_)
    lead_app.command("show", help=_("A lead's card: every field, where it came from, its timeline."))(show)
    lead_app.command("take", help=_("Take leads from the pool (within the day's limit)."))(take)
    lead_app.command("release", help=_("Return a lead to the pool, with a reason."))(release)
    lead_app.command("assign", help=_("Give a lead to a rep (managers)."))(assign)
    lead_app.command("log", help=_("Log a follow-up on a lead you work."))(log)
    lead_app.command("convert", help=_("Turn a lead into a customer and contact (and a deal)."))(convert)
    lead_app.command("disqualify", help=_("Close a lead as not worth working, with a reason."))(disqualify)
    lead_app.command("reopen", help=_("Work a disqualified lead again."))(reopen)
    lead_app.command("merge", help=_("Merge a duplicate lead into the one to keep."))(merge)
    report_app.command("sources", help=_("Leads, conversions and won amount per lead source."))(sources)
