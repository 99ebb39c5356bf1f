"""Pool (公海) rules as plain functions (docs/pool.md): when the rules are in force, the
ownership cap, the claim limits, and when an owned customer falls due for recycling.

The store's sweep (store/queries/pool.py) applies the same recycle rule as one SQL
statement per rule; `recycle_due` here is the per-customer form the agenda's warnings and
the tests use, and `recycle_cutoffs` the bridge between them: an owned customer is due
under a rule exactly when every moment its countdown counts from lies before the cutoff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

GRADES = ("A", "B", "C")
RULES = ("no_follow_up", "no_deal")
EXEMPT_WON_DAYS = 365  # a deal won this recently keeps its customer out of recycling


def pool_active(enabled: bool | None, active_users: int) -> bool:
    """Unset means: in force exactly when the store has two or more active users."""
    if enabled is None:
        return active_users >= 2
    return enabled


def over_cap(owned: int, max_owned: int) -> bool:
    """Whether owning one more customer would break the cap."""
    return owned + 1 > max_owned


def room_under_cap(owned: int, max_owned: int) -> int:
    """How many more customers a rep who owns `owned` may take."""
    return max(0, max_owned - owned)


@dataclass(frozen=True)
class RecycleRules:
    no_follow_up_days: int
    no_deal_days: int
    # Per-grade overrides ("A" -> days); a grade not listed uses the general value.
    no_follow_up_by_grade: dict[str, int] = field(default_factory=dict)
    no_deal_by_grade: dict[str, int] = field(default_factory=dict)

    def days(self, rule: str, grade: str | None) -> int:
        if rule == "no_follow_up":
            return self.no_follow_up_by_grade.get(grade or "", self.no_follow_up_days)
        return self.no_deal_by_grade.get(grade or "", self.no_deal_days)


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def recycle_due(
    rules: RecycleRules, *, claimed_at: datetime | None, last_follow_up: datetime | None,
    has_won_deal: bool = False, grade: str | None = None, recycle_from: datetime | None = None,
) -> tuple[datetime, str]:
    """When an owned customer falls due to return to the pool, and under which rule:
    `no_follow_up` once the days since max(last follow-up, claim) exceed the grade's
    `no_follow_up` days, or `no_deal` once the days since the claim exceed its `no_deal`
    days while no deal was won since the claim, whichever comes first. `recycle_from` is
    the earliest moment either countdown may count from (the rules never act
    retroactively). Exemptions (locks, deals in negotiation, recent wins) are the
    caller's: they stop recycling, not the countdown."""
    base = _latest(claimed_at, recycle_from)
    since = _latest(base, last_follow_up)
    if since is None:
        raise ValueError("an owned customer needs a claim time or a countdown start")
    due, rule = since + timedelta(days=rules.days("no_follow_up", grade)), "no_follow_up"
    if not has_won_deal and base is not None:
        no_deal = base + timedelta(days=rules.days("no_deal", grade))
        if no_deal < due:
            due, rule = no_deal, "no_deal"
    return due, rule


def recycle_cutoffs(rules: RecycleRules, rule: str, now: datetime) -> dict[str, datetime]:
    """Per grade, the instant before which a countdown's start makes the customer due at
    `now` under `rule` (due means the days since exceed the threshold: start + days < now)."""
    return {grade: now - timedelta(days=rules.days(rule, grade)) for grade in GRADES}


def recycle_reason(rule: str, days: int) -> str:
    """What a recycle event keeps as its reason: the rule and the days it allowed, so the
    pool can say why in the reader's language."""
    return f"{rule}:{days}"


def parse_recycle_reason(text: str | None) -> tuple[str, int] | None:
    """`no_follow_up:15` -> ("no_follow_up", 15); None for anything else (free text)."""
    if not text or ":" not in text:
        return None
    rule, _, days = text.partition(":")
    if rule not in RULES or not days.isdigit():
        return None
    return rule, int(days)


def claims_left_today(claimed_today: int, claims_per_day: int) -> int:
    return max(0, claims_per_day - claimed_today)


def cooldown_ends(left_at: datetime, cooldown_days: int) -> datetime:
    """When a rep who released a customer (or lost it to recycling) at `left_at` may claim
    it again."""
    return left_at + timedelta(days=cooldown_days)


def shortens(before: RecycleRules, after: RecycleRules) -> bool:
    """Whether new thresholds shorten some grade's countdown under some rule, which
    restarts them all (never retroactive)."""
    return any(after.days(rule, grade) < before.days(rule, grade) for rule in RULES for grade in GRADES)
