"""How `plan review` reads (docs/plan.md, "Plan versus actual"): the table's columns, the
status words and the summary sentences, the same for every interface (the CLI draws them
in terminal/plan_review.py). Rates arrive as Decimal fractions and read as percentages.
"""

from __future__ import annotations

from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.columns import Column
from salescli.present.formatting import format_short_day
from salescli.present.reports import percent

TITLE = N_("Plan review: {user}, {week} ({first} – {last})")
NO_PLAN = N_("No plan was committed for {week}; make one with `salescli plan week --commit`.")
STATUSES = {"done": N_("done"), "swapped": N_("swapped"), "missed": N_("missed"), "pending": N_("pending")}
TIMINGS = {"early": N_("{day}, early"), "on_day": N_("{day}, on the day"), "late": N_("{day}, late")}
OTHER_KIND = N_("{when}, as a {kind}")
TASK_CLOSED = N_("{when}, task closed")
SWAPPED_WITH = N_("{customer} instead")
SUMMARY = N_("Planned {planned}: {done} done, {swapped} swapped, {missed} missed, {pending} pending.")
VISITS = N_("Visits: {done} of {planned} made as planned ({rate}).")
CALLS = N_("Calls: {done} of {planned} done ({rate}).")
NO_VISITS = N_("Visits: none planned.")
NO_CALLS = N_("Calls: none planned.")

COLUMNS: tuple[Column, ...] = (
    Column(N_("Day"), "day", "day"),
    Column(N_("Kind"), "kind", whole=True),
    Column(N_("Customer"), "customer"),
    Column(N_("Purpose"), "purpose", drop=1),
    Column(N_("Status"), "status", whole=True),
    Column(N_("Done / instead"), "detail"),
)


def purpose_label(code: str) -> str:
    """A purpose in words, as the plan itself names it (present/plan.py)."""
    from salescli.present.plan import purpose_words

    return purpose_words(code)


def kind_label(kind: str) -> str:
    from salescli.present.plan import kind_words

    return kind_words(kind)


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


def detail(item: Any) -> str:
    """What the table says after the status: when and how it was done, or who instead."""
    from salescli.present import labels

    if item.status == "done" and item.done_on is not None:
        when = _(TIMINGS[item.timing]).format(day=format_short_day(item.done_on))
        if item.done_kind is None:
            return _(TASK_CLOSED).format(when=when)
        if not item.kind_matched:
            return _(OTHER_KIND).format(when=when, kind=labels.label(labels.KINDS, item.done_kind))
        return when
    if item.status == "swapped":
        return _(SWAPPED_WITH).format(customer=item.swapped_with)
    return ""


def title(review: Any) -> str:
    return _(TITLE).format(user=review.user, week=review.week, first=format_short_day(review.start),
                           last=format_short_day(review.last))


def summary_lines(summary: Any) -> list[str]:
    """The summary under the table: counts by status, visit and call rates, unplanned work."""
    lines = [_(SUMMARY).format(planned=summary.planned, done=summary.done, swapped=summary.swapped,
                               missed=summary.missed, pending=summary.pending)]
    if summary.visits_planned:
        lines.append(_(VISITS).format(done=summary.visits_done, planned=summary.visits_planned,
                                      rate=percent(summary.visit_rate)))
    else:
        lines.append(_(NO_VISITS))
    if summary.calls_planned:
        lines.append(_(CALLS).format(done=summary.calls_done, planned=summary.calls_planned,
                                     rate=percent(summary.call_rate)))
    else:
        lines.append(_(NO_CALLS))
    lines.append(ngettext("{count} follow-up outside the plan.", "{count} follow-ups outside the plan.",
                          summary.unplanned).format(count=summary.unplanned))
    return lines


def no_plan(week: str) -> str:
    return _(NO_PLAN).format(week=week)
