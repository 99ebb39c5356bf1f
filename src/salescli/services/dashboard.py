"""What the dashboard's home screen shows, read in one call (docs/dashboard.md): the
agenda (its forgotten section too), the targets in force today with their pace, and the
rep's open pipeline by stage; and who is acting on which store, for every screen.

Each part is the service the CLI's own command calls (`agenda`, `target show`, `report
funnel`), so the two interfaces cannot disagree about a number.
"""

from __future__ import annotations

from datetime import datetime

from salescli.services.agenda import Agenda, build_agenda
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.services.reports import FunnelReport, funnel_report
from salescli.services.targets import TargetReport, target_progress


@record
class SessionFacts(Record):
    handle: str
    now: datetime
    store: str  # where the store is, as `db path` says it (a password never shown)


@record
class Home(Record):
    agenda: Agenda
    targets: TargetReport
    funnel: FunnelReport


def session_facts(ctx: Context) -> SessionFacts:
    """Every screen's status line: read with each screen's data (tui/screens/base.py `load`)."""
    from salescli.services.store_admin import store_location

    return SessionFacts(ctx.handle, ctx.now(), store_location(ctx.config))


def home(ctx: Context) -> Home:
    return Home(build_agenda(ctx), target_progress(ctx), funnel_report(ctx))
