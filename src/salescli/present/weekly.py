"""`report weekly` as Markdown text (docs/weekly-report.md): plain strings, no Rich, ready
to paste into a mail or a chat. Every heading and sentence is marked for translation and
drawn in the interface language; names from the store are escaped so Markdown shows them
as typed (a `|` in a name does not break a table, a `*` does not start emphasis).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.formatting import format_money, format_short_day

TITLE = N_("Weekly report: {name}, {period}")
DONE = N_("Done")
NUMBERS = N_("Numbers")
NEXT_WEEK = N_("Next week")
HELP = N_("Help needed")
NOTHING_DONE = N_("Nothing recorded this week.")
NOTHING_NEEDED = N_("Nothing needed.")
NOTHING_PLANNED = N_("Nothing to plan.")
WON = N_("Won: {customer}, {deal}, {amount}")
WON_NO_AMOUNT = N_("Won: {customer}, {deal}")
ADVANCED = N_("Advanced: {deal} ({customer}): {from_stage} → {to_stage}")
ADVANCED_NOTE = N_("Advanced: {deal} ({customer}): {from_stage} → {to_stage}; {note}")
NEW_CUSTOMERS = N_("New customers: {names}")
MORE = N_("{names} and {more} more")
PAID = N_("Payment collected: {customer}, {deal}, {amount} on {day}")
VISITED = N_("Visits made: {customers}")
VISITS_TIMES = N_("{customer} ×{n}")
FIGURE = N_("Figure")
THIS_WEEK = N_("This week")
LAST_WEEK = N_("Last week")
TARGET = N_("Target")
PERIOD = N_("Period")
ACTUAL = N_("Actual / target")
DONE_SHARE = N_("% done")
PACE = N_("Pace today")
PLAN_ITEM = N_("{kind}: {customer} ({purpose})")
STALE = N_("Stale deal: {deal} ({customer}), {days} days in {stage}")
PAST_CLOSE = N_("Past its expected close day: {deal} ({customer}), {day}")
RECYCLE = N_("Returns to the pool in {days} days: {customer}")
LOST = N_("Lost: {deal} ({customer}), {reason}")
LOST_NO_REASON = N_("Lost: {deal} ({customer}), no reason given")
NOTE_WIDTH = 60  # a gate's note is cut to this many characters


def md(value: Any) -> str:
    """Text from the store as Markdown shows it literally, on one line."""
    text = " ".join(str("" if value is None else value).split())
    for sign in ("\\", "`", "*", "_", "[", "]", "<", ">", "|", "#"):
        text = text.replace(sign, "\\" + sign)
    return text


def shortened(text: str | None, width: int = NOTE_WIDTH) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _stage(key: str | None, name: str | None) -> str:
    from salescli.present.labels import stage_label

    return md(stage_label(key or "", name))


def _money(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else format_money(amount, currency)


def done_lines(report: Any) -> list[str]:
    done, money = report.done, report.currency
    lines = []
    for w in done.won:
        if w.amount is None:
            lines.append(_(WON_NO_AMOUNT).format(customer=md(w.customer), deal=md(w.title)))
        else:
            lines.append(_(WON).format(customer=md(w.customer), deal=md(w.title), amount=_money(w.amount, money)))
    for a in done.advances:
        words = {"deal": md(a.title), "customer": md(a.customer), "from_stage": _stage(a.from_stage, a.from_name),
                 "to_stage": _stage(a.to_stage, a.to_name)}
        if a.feedback and a.feedback.strip():
            lines.append(_(ADVANCED_NOTE).format(note=md(shortened(a.feedback)), **words))
        else:
            lines.append(_(ADVANCED).format(**words))
    if done.new_customers_count:
        names = ", ".join(md(n) for n in done.new_customers)
        more = done.new_customers_count - len(done.new_customers)
        lines.append(_(NEW_CUSTOMERS).format(names=_(MORE).format(names=names, more=more) if more > 0 else names))
    for p in done.payments:
        lines.append(_(PAID).format(customer=md(p.customer), deal=md(p.title), amount=_money(p.amount, money),
                                    day=format_short_day(p.paid_on)))
    if done.visits:
        customers = ", ".join(md(v.customer) if v.visits == 1 else _(VISITS_TIMES).format(customer=md(v.customer),
                                                                                          n=v.visits)
                              for v in done.visits)
        lines.append(_(VISITED).format(customers=customers))
    return [f"- {line}" for line in lines] or [_(NOTHING_DONE)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    align = ["---"] * right + ["---:"] * (len(headers) - right)
    return [_row(headers), _row(align), *(_row(r) for r in rows)]


def number_lines(report: Any) -> list[str]:
    from salescli.present.activity import FIGURES, MONEY_FIGURES

    activity = report.activity
    rows = []
    for key, name in FIGURES:
        now, before = getattr(activity.total, key), getattr(activity.previous, key)
        if key in MONEY_FIGURES:
            now, before = format_money(now, activity.currency), format_money(before, activity.currency)
        rows.append([_(name), str(now), str(before)])
    lines = _table([_(FIGURE), _(THIS_WEEK), _(LAST_WEEK)], rows)
    targets = report.targets
    if targets is not None and targets.rows:
        from salescli.present.reports import percent
        from salescli.present.targets import amount, metric_label

        money = targets.currency
        target_rows = [[md(metric_label(t.metric)), t.period,
                        f"{amount(t.metric, t.actual, money)} / {amount(t.metric, t.target, money)}",
                        percent(t.done), amount(t.metric, t.pace, money)] for t in targets.rows]
        lines += ["", *_table([_(TARGET), _(PERIOD), _(ACTUAL), _(DONE_SHARE), _(PACE)], target_rows, right=2)]
    return lines


def next_week_lines(report: Any) -> list[str]:
    from salescli.present.plan import day_heading, kind_words, purpose_words

    plan = report.next_week
    if plan is None or not plan.items:
        return [_(NOTHING_PLANNED)]
    lines: list[str] = []
    for day in plan.days:
        items = [i for i in plan.items if i.day == day]
        if not items:
            continue
        visits = sum(i.kind == "visit" for i in items)
        if lines:
            lines.append("")
        lines.append(f"**{md(day_heading(day, visits, len(items) - visits))}**")
        lines.append("")
        lines += ["- " + _(PLAN_ITEM).format(kind=kind_words(i.kind), customer=md(i.customer),
                                             purpose=purpose_words(i.purpose)) for i in items]
    return lines


def help_lines(report: Any) -> list[str]:
    from salescli.present.formatting import format_day
    from salescli.present.labels import stage_label

    help_ = report.help
    lines = [_(STALE).format(deal=md(s.title), customer=md(s.customer), days=s.days_in_stage,
                             stage=md(stage_label(s.stage, s.stage_name))) for s in help_.stale_deals]
    lines += [_(PAST_CLOSE).format(deal=md(c.title), customer=md(c.customer), day=format_day(c.close_on))
              for c in help_.past_close]
    lines += [_(RECYCLE).format(days=r.days_left, customer=md(r.customer)) for r in help_.recycle_warnings]
    if help_.overdue_tasks:
        lines.append(ngettext("{n} overdue task.", "{n} overdue tasks.", help_.overdue_tasks)
                     .format(n=help_.overdue_tasks))
    for lost in help_.lost:
        if lost.reason:
            lines.append(_(LOST).format(deal=md(lost.title), customer=md(lost.customer),
                                        reason=md(shortened(lost.reason))))
        else:
            lines.append(_(LOST_NO_REASON).format(deal=md(lost.title), customer=md(lost.customer)))
    return [f"- {line}" for line in lines] or [_(NOTHING_NEEDED)]


def markdown(report: Any) -> str:
    """The whole report: the title, then Done, Numbers, Next week and Help needed."""
    from salescli.present.activity import period_words

    period = period_words(report.week, report.start, report.last)
    parts = [f"# {_(TITLE).format(name=md(report.name), period=period)}", "",
             f"## {_(DONE)}", "", *done_lines(report), "",
             f"## {_(NUMBERS)}", "", *number_lines(report), "",
             f"## {_(NEXT_WEEK)}", "", *next_week_lines(report), "",
             f"## {_(HELP)}", "", *help_lines(report)]
    return "\n".join(parts) + "\n"
