"""Plan versus actual (docs/plan.md, "Plan versus actual"): the status of each committed
item of a week plan, from the follow-ups the rep logged that week. Pure: the service
reads the items and the week's contacts and calls `judge`.

- `done`: a follow-up with the item's customer during the week (one of the planned kind
  preferred, then the earliest; each follow-up serves at most one item), or the item's
  task closed during the week; its day is compared with the planned day (early, on_day,
  late).
- `pending`: not done and planned for a day after today.
- `swapped`: not done, but on the planned day a follow-up of the same kind with a
  customer outside the plan; items in (day, position) order take the earliest one not
  yet taken.
- `missed`: none of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DONE, SWAPPED, MISSED, PENDING = "done", "swapped", "missed", "pending"
STATUSES = (DONE, SWAPPED, MISSED, PENDING)


@dataclass(frozen=True, slots=True)
class Contact:
    """One logged follow-up of the week, as the matching sees it."""

    id: int
    customer_id: int
    customer: str
    kind: str
    day: date  # local


@dataclass(frozen=True, slots=True)
class Planned:
    """One plan item, as the matching sees it."""

    day: date
    position: int
    kind: str
    customer_id: int
    task_closed_on: date | None  # the local day its task was closed within the week


@dataclass(slots=True)
class Verdict:
    status: str
    done_on: date | None = None
    timing: str | None = None
    done_kind: str | None = None
    kind_matched: bool | None = None
    contact: Contact | None = None


def timing_of(done_on: date, planned: date) -> str:
    return "on_day" if done_on == planned else "early" if done_on < planned else "late"


def judge(items: list[Planned], contacts: list[Contact], today: date) -> list[Verdict]:
    """The status of each item (in the order given: (day, position)); pure, see the module
    docstring for the rules. `contacts` are the week's follow-ups, earliest first."""
    verdicts: list[Verdict | None] = [None] * len(items)
    used: set[int] = set()
    for i, item in enumerate(items):
        mine = [c for c in contacts if c.customer_id == item.customer_id and c.id not in used]
        chosen = next((c for c in mine if c.kind == item.kind), None) or (mine[0] if mine else None)
        if chosen is not None:
            used.add(chosen.id)
            verdicts[i] = Verdict(DONE, chosen.day, timing_of(chosen.day, item.day), chosen.kind,
                                  chosen.kind == item.kind, chosen)
        elif item.task_closed_on is not None:
            verdicts[i] = Verdict(DONE, item.task_closed_on, timing_of(item.task_closed_on, item.day), None, True)
    planned_customers = {item.customer_id for item in items}
    outside = [c for c in contacts if c.customer_id not in planned_customers]
    taken: set[int] = set()
    for i, item in enumerate(items):
        if verdicts[i] is not None:
            continue
        if item.day > today:
            verdicts[i] = Verdict(PENDING)
            continue
        swap = next((c for c in outside if c.id not in taken and c.day == item.day and c.kind == item.kind), None)
        if swap is not None:
            taken.add(swap.id)
            verdicts[i] = Verdict(SWAPPED, contact=swap)
        else:
            verdicts[i] = Verdict(MISSED)
    return [v for v in verdicts if v is not None]
