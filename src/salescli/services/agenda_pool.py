"""The agenda's pool section (docs/agenda.md): `recycle_warnings`, the acting rep's
customers that return to the pool within `pool.warn_days` unless worked, locked or
exempted, soonest first (services/pool.py: recycle_warnings). Imported at the end of
services/agenda.py, which registers the provider.
"""

from __future__ import annotations

from salescli.services.agenda import AgendaQuery, section
from salescli.services.pool import RecycleWarningItem, recycle_warnings
from salescli.store.engine import Session


@section("recycle_warnings")
def _recycle_warnings(session: Session, q: AgendaQuery) -> list[RecycleWarningItem]:
    return recycle_warnings(session, q.ctx.user_id, q.rules, q.at)
