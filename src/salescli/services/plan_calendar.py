"""The week plan as an iCalendar file (`plan week --ics`, docs/plan.md): one all-day event
per planned item, with a UID stable across runs so a calendar app updates rather than
duplicates an item imported twice.

The file is opened before any work (`open_calendar`), so an unwritable path is refused
first, and written whole or not at all (services/files.py).
`icalendar` is imported only here, and only when a file is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from salescli.services.files import AtomicFile
from salescli.services.plan import PlanItem, WeekPlan

Words = Callable[[PlanItem], str]


def open_calendar(path: str) -> AtomicFile:
    """The calendar file about to be written: made now, so a path that cannot be written is
    refused (exit 2) before any work; `write_calendar` fills it and puts it in place."""
    return AtomicFile(path, "plan.ics_cannot_write")


def uid(plan: WeekPlan, item: PlanItem) -> str:
    return f"salescli-{plan.week}-{plan.user}-{item.customer_id}@salescli"


def calendar_bytes(plan: WeekPlan, now: datetime, *, summary: Words, description: Words) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//salescli//plan week//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = now.astimezone(UTC)
    for item in plan.items:
        event = Event()
        event.add("uid", uid(plan, item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", summary(item))
        event.add("description", description(item))
        where = ", ".join(x for x in (item.city, item.address) if x)
        if where:
            event.add("location", where)
        cal.add_component(event)
    return cal.to_ical()


def write_calendar(out: AtomicFile, plan: WeekPlan, now: datetime, *, summary: Words, description: Words) -> None:
    """Write the plan's calendar into `out` and put it in place whole (services/files.py)."""
    try:
        out.binary.write(calendar_bytes(plan, now, summary=summary, description=description))
    except BaseException:
        out.discard()
        raise
    out.commit()
