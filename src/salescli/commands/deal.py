"""`salescli deal ...`: a rep's deals through the team's stages to won or lost."""


from typing import Annotated, Any

import typer

from salescli.commands import deal_payment
from salescli.commands._common import (
    JsonOption,
    LimitOption,
    coded,
    complete_customer,
    complete_deal,
    complete_stage,
    open_ctx,
)
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

DealArg = Annotated[
    str, typer.Argument(help=_("Deal number (12 or #12)."), metavar="DEAL", autocompletion=complete_deal)
]
CustomerArg = Annotated[
    str, typer.Argument(help=_("Customer id or name."), metavar="CUSTOMER", autocompletion=complete_customer)
]
Amount = Annotated[
    str | None, typer.Option("--amount", help=_("Amount: 12000, 12,000.50, 1.2万, 50k."), metavar="N")
]
Close = Annotated[
    str | None, typer.Option("--close", help=_("Expected close day: 2026-12-01, +2w, fri."), metavar="WHEN")
]
Product = Annotated[str | None, typer.Option("--product", help=_("Product or line."), metavar="TEXT")]
ContractEnd = Annotated[
    str | None, typer.Option("--contract-end", help=_("When the contract ends."), metavar="WHEN")
]
Note = Annotated[str | None, typer.Option("--note", help=_("What happened (the feedback note)."), metavar="TEXT")]


def _stage_option(help_text: str, name: str = "--stage") -> Any:
    return typer.Option(name, help=help_text, metavar="STAGE", autocompletion=complete_stage,
                        callback=coded("STAGES"))


@app.command("add", help=_("Add a deal for a customer, in the first stage unless --stage says otherwise."))
def add(
    customer: CustomerArg,
    title: Annotated[str, typer.Argument(help=_("What the deal is about."), metavar="TITLE")],
    amount: Amount = None,
    close: Close = None,
    stage: Annotated[str | None, _stage_option(_("Stage to start in."))] = None,
    product: Product = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.deals import add_deal

    card = add_deal(open_ctx(), customer, title, amount=amount, close=close, stage=stage, product=product)
    if json:
        from salescli.terminal.render import print_json

        print_json(card)
        return
    from salescli.terminal.render import message

    message(_("Added deal #{id} {title} for {customer} ({stage}, {amount}).").format(
        id=card.id, title=card.title, customer=card.customer, stage=_stage_text(card), amount=_money(card)))


def _stage_text(item: Any, key: str = "stage") -> str:
    from salescli.present.labels import stage_label

    value = getattr(item, key)
    if value is None:
        return ""
    return stage_label(value, getattr(item, _NAME_OF[key], None))


_NAME_OF = {"stage": "stage_name", "from_stage": "from_name", "to_stage": "to_name"}


def _money(item: Any, key: str = "amount", currency: str | None = None) -> str:
    from salescli.present.formatting import format_money

    value = getattr(item, key)
    if value is None:
        return _("no amount") if key == "amount" else ""
    return format_money(value, currency or item.currency)


@app.command("list", help=_("List deals, your open ones by default, by expected close day."))
def list_(
    mine: Annotated[bool, typer.Option("--mine", help=_("Only your deals (the default)."))] = False,
    all_: Annotated[bool, typer.Option("--all", help=_("Every rep's deals."))] = False,
    user: Annotated[str | None, typer.Option("--user", help=_("Another rep's deals."), metavar="HANDLE")] = None,
    stage: Annotated[str | None, _stage_option(_("Only deals in this stage."))] = None,
    status: Annotated[
        str, typer.Option("--status", help=_("open, won, lost or all."), metavar="open|won|lost|all")
    ] = "open",
    stale: Annotated[bool, typer.Option("--stale", help=_("Only open deals stuck longer than the sales cycle."))]
    = False,
    closing_within: Annotated[
        int | None, typer.Option("--closing-within", min=0, max=3650, metavar="DAYS",
                                 help=_("Only open deals expected to close within DAYS days."))
    ] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=_("Only this customer's deals."), metavar="CUSTOMER",
                                 autocompletion=complete_customer)
    ] = None,
    limit: LimitOption = None,
    json: JsonOption = False,
) -> None:
    from salescli.core.errors import BadInputError
    from salescli.services.deals import DealFilter, list_deals

    if sum([mine, all_, user is not None]) > 1:
        raise BadInputError("deal.exclusive_scope")
    scope = "all" if all_ else "user" if user is not None else "mine"
    ctx = open_ctx()
    rows = list_deals(ctx, DealFilter(scope=scope, user=user, stage=stage, status=status, stale=stale,
                                      closing_within=closing_within, customer=customer, limit=limit))
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)
        return
    from salescli.core.i18n import ngettext
    from salescli.present.deals import DEAL_COLUMNS, OWNER_COLUMN, STATUS_COLUMN
    from salescli.terminal.render import columns_table, message

    if not rows:
        message(_("No deals match."))
        return
    columns = list(DEAL_COLUMNS)
    if status.strip().lower() != "open":
        columns.insert(4, STATUS_COLUMN)
    if scope != "mine":
        columns.append(OWNER_COLUMN)
    columns_table(columns, rows, now=ctx.now())
    message(ngettext("{n} deal", "{n} deals", len(rows)).format(n=len(rows)))


@app.command("show", help=_("A deal: its fields, stage history and payments."))
def show(ref: DealArg, json: JsonOption = False) -> None:
    from salescli.services.deals import show_deal

    ctx = open_ctx()
    card = show_deal(ctx, ref)
    if json:
        from salescli.terminal.render import print_json

        print_json(card)
        return
    render_deal(card, ctx.now())


def render_deal(card: Any, now: Any) -> None:
    from salescli.core.clock import to_local
    from salescli.present.deals import CHANGE_COLUMNS
    from salescli.present.formatting import days_phrase, format_day
    from salescli.present.labels import DEAL_STATUSES, label
    from salescli.terminal.render import columns_table, console, styled, table

    console().print(styled(f"#{card.id} {card.title}", "bold"))
    stage = _stage_text(card)
    facts = [
        (_("Customer"), f"#{card.customer_id} {card.customer}"),
        (_("Owner"), card.owner),
        (_("Status"), label(DEAL_STATUSES, card.status)),
        (_("Stage"), f"{stage} ({card.probability}%)"),
        (_("Amount"), _money(card)),
        (_("Weighted"), _money(card, "weighted")),
        (_("Expected close"), format_day(card.close_on) if card.close_on else ""),
        (_("Product"), card.product),
        (_("Contract end"), format_day(card.contract_end) if card.contract_end else ""),
        (_("Lost reason"), card.lost_reason),
        (_("Created"), format_day(to_local(card.created_at).date())),
        (_("In stage"), days_phrase(card.days_in_stage) if card.status == "open" else ""),
        (_("Stale"), (_("yes") if card.stale else _("no")) if card.status == "open" else ""),
    ]
    table([(_("Field"), {"whole": True}), (_("Value"), {"multiline": True})], [(k, v) for k, v in facts if v])
    if card.changes:
        columns_table(CHANGE_COLUMNS, list(reversed(card.changes)), now=now, title=_("Stage history"))
    if card.payments:
        from salescli.present.payments import DEAL_PAYMENT_COLUMNS

        columns_table(DEAL_PAYMENT_COLUMNS, card.payments, now=now, title=_("Payments"))
    if card.receivable is not None and card.payments:
        render_receivable(card.receivable, card.currency)


def render_receivable(receivable: Any, currency: str) -> None:
    from salescli.present.formatting import format_money
    from salescli.terminal.render import message

    message(_("Receivable: {open} open ({overdue} overdue) of {scheduled} scheduled, {paid} paid.").format(
        open=format_money(receivable.open, currency), overdue=format_money(receivable.overdue, currency),
        scheduled=format_money(receivable.scheduled, currency), paid=format_money(receivable.paid, currency)))


@app.command("edit", help=_("Change an open deal's fields (a won deal: only its contract end)."))
def edit(
    ref: DealArg,
    title: Annotated[str | None, typer.Option("--title", help=_("New title."), metavar="TEXT")] = None,
    amount: Amount = None,
    close: Close = None,
    product: Product = None,
    contract_end: ContractEnd = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.deals import DealInput, edit_deal

    card = edit_deal(open_ctx(), ref, DealInput(title=title, amount=amount, close=close, product=product,
                                                 contract_end=contract_end))
    _moved(card, json, _("Saved deal #{id} {title} ({stage}, {amount})."))


def _moved(card: Any, json: bool, sentence: str) -> None:
    from salescli.terminal.render import message, print_json

    if json:
        print_json(card)
        return
    message(sentence.format(id=card.id, title=card.title, stage=_stage_text(card), amount=_money(card),
                            reason=card.lost_reason or ""))


@app.command("advance", help=_("Move a deal to the next stage, or to --to STAGE, with a feedback note."))
def advance(
    ref: DealArg,
    to: Annotated[str | None, _stage_option(_("The stage to move to (default: the next one)."), "--to")] = None,
    note: Note = None,
    force: Annotated[bool, typer.Option("--force", help=_("Allow skipping stages ahead."))] = False,
    json: JsonOption = False,
) -> None:
    from salescli.present.deals import advanced_sentence
    from salescli.services.deals import advance_deal
    from salescli.terminal.render import message, print_json

    card = advance_deal(open_ctx(), ref, to=to, note=note, force=force)
    if json:
        print_json(card)
        return
    message(advanced_sentence(card))


@app.command("won", help=_("Close a deal as won, from any open stage."))
def won(
    ref: DealArg,
    amount: Amount = None,
    contract_end: ContractEnd = None,
    note: Note = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.deals import win_deal

    card = win_deal(open_ctx(), ref, amount=amount, contract_end=contract_end, note=note)
    _moved(card, json, _("Deal #{id} {title} won ({amount})."))


@app.command("lost", help=_("Close a deal as lost, with the reason."))
def lost(
    ref: DealArg,
    reason: Annotated[str | None, typer.Option("--reason", help=_("Why it was lost."), metavar="TEXT")] = None,
    json: JsonOption = False,
) -> None:
    from salescli.services.deals import lose_deal

    card = lose_deal(open_ctx(), ref, reason=reason)
    _moved(card, json, _("Deal #{id} {title} lost: {reason}"))


@app.command("reopen", help=_("Reopen a won or lost deal in the stage it closed from."))
def reopen(ref: DealArg, note: Note = None, json: JsonOption = False) -> None:
    from salescli.services.deals import reopen_deal

    card = reopen_deal(open_ctx(), ref, note=note)
    _moved(card, json, _("Deal #{id} {title} reopened in {stage}."))


# `salescli deal payment ...` (commands/deal_payment.py, the payments use cases).
app.add_typer(deal_payment.app, name="payment")
