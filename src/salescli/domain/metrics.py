"""What a target measures (docs/targets.md). Every metric is counted from logged work over
a period, for a rep or the team; `won_amount` in whole cents of the team's currency, the
others as counts.

- `won_amount`, `won_deals`: deals closed as won in the period, credited to the deal's
  owner (a closed deal keeps the owner it was won by; a transfer moves only open deals).
- `new_customers`: customers the rep created in the period (added, imported or converted
  from a lead); claiming from the pool is not new business.
- `follow_ups`: follow-ups the rep logged as happening in the period, of any kind but a
  plan's task (`plan week --commit` writes those; they are plans, not contacts).
- `visits`: those of kind `visit`.
"""

from __future__ import annotations

METRICS: tuple[str, ...] = ("won_amount", "won_deals", "new_customers", "follow_ups", "visits")
MONEY_METRICS: frozenset[str] = frozenset({"won_amount"})
PLAN_TASK_KIND = "plan"  # the follow-up kind of a task `plan week --commit` recorded: never a contact
