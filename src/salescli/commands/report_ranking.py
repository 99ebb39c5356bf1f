"""`salescli report ranking`: the team board, every active rep against their target for a
period (docs/targets.md)."""

from typing import Annotated, Any

import typer

from salescli.commands._common import JsonOption, choices, open_ctx
from salescli.core.i18n import _
from salescli.domain.metrics import METRICS


def register(app: Any) -> None:
    """Attach `ranking` to the `report` group."""

    @app.command("ranking", help=_("Reps ranked by how much of their target they have done (aggregates only)."))
    def ranking(
        period: Annotated[str | None, typer.Option(
            "--period", help=_("2026, 2026-Q4, 2026-11 or 2026-W47 (default: this month)."), metavar="PERIOD")] = None,
        metric: Annotated[str | None, typer.Option(
            "--metric", help=_("won_amount (default), won_deals, new_customers, follow_ups or visits."),
            metavar="METRIC", autocompletion=choices(METRICS))] = None,
        json: JsonOption = False,
    ) -> None:
        from salescli.services.targets import ranking as rank

        ctx = open_ctx()
        report = rank(ctx, period=period, metric=metric)
        if json:
            from salescli.terminal.render import print_json

            print_json(report)
            return
        from salescli.terminal.targets import render_ranking

        render_ranking(report, ctx.now())
