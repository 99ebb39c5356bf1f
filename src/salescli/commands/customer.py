"""`salescli customer ...`"""


from typing import Annotated, Any

import typer

from salescli.commands._common import (
    CityOption,
    CustomerRef,
    GradeOption,
    IndustryOption,
    JsonOption,
    LimitOption,
    SearchOption,
    SizeOption,
    complete_archived_customer,
    open_ctx,
)
from salescli.core.i18n import _

app = typer.Typer(no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help=_("Customer name (company or person)."), metavar="NAME")]
RefArg = CustomerRef
ArchivedRefArg = Annotated[
    str,
    typer.Argument(help=_("Customer id or name."), metavar="CUSTOMER", autocompletion=complete_archived_customer),
]
Address = Annotated[str | None, typer.Option("--address", help=_("Street address."))]
Source = Annotated[str | None, typer.Option("--source", help=_("Where the customer came from."))]
Tags = Annotated[list[str] | None, typer.Option("--tag", help=_("A tag; repeat for several."), metavar="TAG")]
Phone = Annotated[str | None, typer.Option("--phone", help=_("Phone number."))]
Email = Annotated[str | None, typer.Option("--email", help=_("Email address."))]
Note = Annotated[str | None, typer.Option("--note", help=_("Free-text notes."))]
Force = Annotated[bool, typer.Option("--force", help=_("Save even if it duplicates an existing customer."))]


@app.command("add", help=_("Add a customer you own, checked for duplicates first."))
def add(
    name: NameArg,
    industry: IndustryOption = None,
    size: SizeOption = None,
    city: CityOption = None,
    address: Address = None,
    source: Source = None,
    grade: GradeOption = None,
    tag: Tags = None,
    phone: Phone = None,
    email: Email = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help=_("Primary contact's name (gets --phone and --email)."))
    ] = None,
    note: Note = None,
    force: Force = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.customers import CustomerInput, add_customer
    from salescli.terminal.render import message, print_json, warn

    data = CustomerInput(
        name=name, industry=industry, size=size, city=city, address=address, source=source,
        grade=grade, tags=tag or [], phone=phone, email=email, contact=contact, notes=note,
    )
    result = add_customer(open_ctx(), data, force=force)
    if result.similar:
        warn(_("Possible duplicates (check before going on):"))
        from salescli.present.merge import similar_words

        for item in result.similar:
            warn("  " + similar_words(item))
    if json:
        print_json(result)
        return
    customer = result.customer
    message(
        _("Added customer #{id} {name} (grade {grade}, owner {owner}).").format(
            id=customer.id, name=customer.name, grade=customer.grade, owner=customer.owner,
        )
    )


@app.command("list", help=_("List customers, yours by default."))
def list_(
    mine: Annotated[bool, typer.Option("--mine", help=_("Only customers you own (the default)."))] = False,
    all_: Annotated[bool, typer.Option("--all", help=_("Every customer, including the pool."))] = False,
    archived: Annotated[bool, typer.Option("--archived", help=_("Only archived customers."))] = False,
    grade: GradeOption = None,
    city: CityOption = None,
    industry: IndustryOption = None,
    tag: Tags = None,
    search: SearchOption = None,
    sort: Annotated[
        str, typer.Option("--sort", help=_("Order by name, last_contact or created."), metavar="KEY")
    ] = "name",
    limit: LimitOption = None,
    json: JsonOption = False,
) -> None:
    from salescli.core.errors import BadInputError
    from salescli.services.customers import ListFilter, list_customers

    if sum([mine, all_, archived]) > 1:
        raise BadInputError("options.exclusive_scope")
    scope = "all" if all_ else "archived" if archived else "mine"
    ctx = open_ctx()
    rows = list_customers(
        ctx,
        ListFilter(scope=scope, grade=grade, city=city, industry=industry, tags=tag or [],
                   search=search, sort=sort, limit=limit),
    )
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)  # streams: written row by row
        return
    _render_list(list(rows), ctx.now(), show_owner=scope != "mine")


def _render_list(rows: list[Any], now: Any, *, show_owner: bool) -> None:
    from salescli.core.i18n import ngettext
    from salescli.present.formatting import ago_phrase, due_phrase
    from salescli.terminal.render import message, styled, table

    if not rows:
        message(_("No customers match."))
        return
    today = now.date()
    short = {"no_wrap": True}
    # (header, column options, cell) per column. A long CJK name is one unbreakable
    # "word": the Name column folds it rather than cutting it to an ellipsis.
    # On a narrow terminal the `drop` columns go first (highest first), so names keep room.
    spec: list[tuple[str, dict[str, Any], Any]] = [
        (_("ID"), {"justify": "right", **short}, lambda r: r.id),
        (_("Name"), {"overflow": "fold", "ratio": 3}, lambda r: r.name),
        (_("Grade"), {**short, "drop": 1}, lambda r: r.grade),
        (_("City"), {"ratio": 1, "drop": 3}, lambda r: r.city),
        (_("Industry"), {"ratio": 1, "drop": 6}, lambda r: r.industry),
    ]
    if show_owner:
        spec.append((_("Owner"), {**short, "drop": 2}, lambda r: r.owner or _("pool")))
    spec += [
        (_("Last contact"), {**short, "drop": 4}, lambda r: ago_phrase(r.last_contact_at, now)),
        (_("Next task"), short, lambda r: styled(due_phrase(r.next_due_on, today),
                                                  "red" if r.next_due_on < today else "")
         if r.next_due_on else ""),
        (_("Tags"), {"ratio": 1, "drop": 5}, lambda r: ", ".join(r.tags)),
    ]
    body = [[cell(row) for _h, _o, cell in spec] for row in rows]
    # Leave out columns nobody filled in (no industries, no tags yet): room for names.
    keep = [i for i, (header, _o, _c) in enumerate(spec) if header in (_("ID"), _("Name"))
            or any(str(r[i]) not in ("", "None") for r in body)]
    table([(spec[i][0], spec[i][1]) for i in keep], [[r[i] for i in keep] for r in body])
    message(ngettext("{n} customer", "{n} customers", len(rows)).format(n=len(rows)))


@app.command("show", help=_("A customer's card: fields, contacts, open tasks and the follow-up timeline."))
def show(ref: RefArg, json: JsonOption = False) -> None:
    from salescli.services.customers import customer_card

    ctx = open_ctx()
    card = customer_card(ctx, ref)
    if json:
        from salescli.terminal.render import print_json

        print_json(card)
        return
    _render_card(card, ctx.now())


def _render_card(card: Any, now: Any) -> None:
    from salescli.present import customer_card as words
    from salescli.terminal.render import columns_table, console, message, styled, table

    out = console()
    title = f"#{card.id} {card.name}"
    if card.archived:
        title += "  [" + _("archived") + "]"
    out.print(styled(title, "bold"))
    if card.merged_into is not None:  # archived by `customer merge` (docs/merge.md)
        from salescli.present.merge import merged_line

        message(merged_line(card.merged_into))
    fields = [(_("Field"), {"whole": True}), (_("Value"), {"multiline": True})]
    table(fields, words.card_facts(card, now))
    if card.pool is not None:  # why the last owner let it go, for the next rep (docs/ownership.md)
        from salescli.present.history import pool_facts

        table(fields, pool_facts(card.pool), title=_("Pool"))
    if card.contacts:
        columns_table(words.CONTACT_COLUMNS, words.contact_rows(card), now=now, title=_("Contacts"))
    if card.open_tasks:
        columns_table(words.TASK_COLUMNS, words.task_rows(card), now=now, title=_("Open tasks"))
    if card.timeline:
        columns_table(words.TIMELINE_COLUMNS, words.timeline_rows(card), now=now, title=_("Timeline"))
    else:
        message(_("No follow-ups yet: salescli log {id} \"...\"").format(id=card.id))
    if len(card.ownership) > 1:
        columns_table(words.OWNERSHIP_COLUMNS, words.ownership_rows(card), now=now, title=_("Ownership"))
    if card.deals:
        _render_card_deals(card, now)


def _render_card_deals(card: Any, now: Any) -> None:
    from salescli.commands.deal import render_receivable
    from salescli.present.deals import CHANGE_COLUMNS, CHANGE_DEAL_COLUMN, CUSTOMER_DEAL_COLUMNS
    from salescli.terminal.render import columns_table

    columns_table(CUSTOMER_DEAL_COLUMNS, card.deals, now=now, title=_("Deals"))
    if card.receivable is not None and card.receivable.scheduled:
        render_receivable(card.receivable, card.receivable.currency)
    if card.stage_changes:
        columns_table((CHANGE_DEAL_COLUMN, *CHANGE_COLUMNS), card.stage_changes, now=now, title=_("Stage changes"))


@app.command("edit", help=_("Change a customer's fields; an empty value ('') clears an optional field."))
def edit(
    ref: RefArg,
    name: Annotated[str | None, typer.Option("--name", help=_("New name."))] = None,
    industry: IndustryOption = None,
    size: SizeOption = None,
    city: CityOption = None,
    address: Address = None,
    source: Source = None,
    grade: GradeOption = None,
    tag: Tags = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", help=_("Remove a tag; repeat for several."), metavar="TAG")
    ] = None,
    phone: Phone = None,
    email: Email = None,
    note: Note = None,
    force: Force = False,
    json: JsonOption = False,
) -> None:
    from salescli.services.customers import CustomerInput, edit_customer
    from salescli.terminal.render import message, print_json

    data = CustomerInput(
        name=name, industry=industry, size=size, city=city, address=address, source=source,
        grade=grade, tags=tag or [], phone=phone, email=email, notes=note,
    )
    card = edit_customer(open_ctx(), ref, data, remove_tags=untag or [], force=force)
    if json:
        print_json(card)
        return
    message(_("Updated customer #{id} {name}.").format(id=card.id, name=card.name))


@app.command("archive", help=_("Hide a customer from lists and the agenda; nothing is deleted."))
def archive(ref: RefArg) -> None:
    from salescli.services.customers import set_archived
    from salescli.terminal.render import message

    card = set_archived(open_ctx(), ref, True)
    message(_("Archived customer #{id} {name}; restore it with: salescli customer restore {id}").format(
        id=card.id, name=card.name))


@app.command("restore", help=_("Bring an archived customer back."))
def restore(ref: ArchivedRefArg) -> None:
    from salescli.services.customers import set_archived
    from salescli.terminal.render import message

    card = set_archived(open_ctx(), ref, False)
    message(_("Restored customer #{id} {name}.").format(id=card.id, name=card.name))


# `customer history` lives in its own module.
from salescli.commands.history import register as register_history  # noqa: E402

register_history(app)
