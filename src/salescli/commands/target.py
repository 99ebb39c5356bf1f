"""`salescli target set|list|show`: targets per rep (or the team) and period, split from a
year down to quarters, months and weeks, with progress, pace and planning aids
(docs/targets.md)."""

from typing import Annotated

import typer

from salescli.commands._common import JsonOption, choices, open_ctx
from salescli.core.i18n import _
from salescli.domain.metrics import METRICS

app = typer.Typer(no_args_is_help=True)

UserOption = Annotated[str | None, typer.Option("--user", help=_("Another rep's targets."), metavar="HANDLE")]
TeamOption = Annotated[bool, typer.Option("--team", help=_("The team's targets."))]
MetricOption = Annotated[
    str | None,
    typer.Option("--metric", help=_("won_amount, won_deals, new_customers, follow_ups or visits."), metavar="METRIC",
                 autocompletion=choices(METRICS)),
]


@app.command("set", help=_("Set a target for a year, quarter, month or ISO week, optionally split into its parts."))
def set_(
    period: Annotated[str, typer.Option("--period", help=_("2027, 2027-Q1, 2027-03 or 2027-W05."),
                                        metavar="PERIOD")],
    metric: Annotated[str, typer.Option("--metric", help=_("won_amount, won_deals, new_customers, follow_ups or "
                                                           "visits."), metavar="METRIC",
                                        autocompletion=choices(METRICS))],
    value: Annotated[str, typer.Option("--value", help=_("An amount for won_amount (1200000, 120万), a whole "
                                                         "number otherwise."), metavar="N")],
    split: Annotated[str | None, typer.Option(
        "--split", metavar="even|W1,W2,...",
        help=_("Split a year into quarters and months (4 or 12 weights), a quarter into months (3) or a month "
               "into its ISO weeks; even or weights."))] = None,
    user: UserOption = None, team: TeamOption = False, json: JsonOption = False,
) -> None:
    from salescli.services.targets import set_target

    ctx = open_ctx()
    result = set_target(ctx, period=period, metric=metric, value=value, split=split, user=user, team=team)
    if json:
        from salescli.terminal.render import print_json

        print_json(result)
        return
    from salescli.terminal.targets import render_set

    render_set(result, ctx.now())


@app.command("list", help=_("Targets in force, by who, metric and start, longest period first."))
def list_(
    user: UserOption = None, team: TeamOption = False,
    everyone: Annotated[bool, typer.Option("--all", help=_("Every rep's and the team's targets."))] = False,
    metric: MetricOption = None, json: JsonOption = False,
) -> None:
    from salescli.services.targets import list_targets

    ctx = open_ctx()
    rows = list_targets(ctx, user=user, team=team, everyone=everyone, metric=metric)
    if json:
        from salescli.terminal.render import print_json

        print_json(rows)
        return
    from salescli.terminal.targets import render_list

    render_list(rows, ctx.now())


@app.command("show", help=_("Progress against the targets in force now (or of one period): actual, pace, gap "
                            "and planning aids."))
def show(
    period: Annotated[str | None, typer.Option("--period", help=_("Only this period's targets: 2027, 2027-Q1, "
                                                                  "2027-03 or 2027-W05."), metavar="PERIOD")] = None,
    user: UserOption = None, team: TeamOption = False, json: JsonOption = False,
) -> None:
    from salescli.services.targets import target_progress

    ctx = open_ctx()
    report = target_progress(ctx, period=period, user=user, team=team)
    if json:
        from salescli.terminal.render import print_json

        print_json(report)
        return
    from salescli.terminal.targets import render_show

    render_show(report, ctx.now())
