"""Pipeline rules on plain values: moving a deal between stages, gates, staleness,
weights and amounts (docs/pipeline.md).

The stage list itself (its shape, defaults and checks) is a team rule declared in
core/stages.py; these functions take the checked list and the clock as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from salescli.core.stages import CLOSED, Stage, folded

OPEN = "open"
WON, LOST = CLOSED
STATUSES: tuple[str, ...] = (OPEN, WON, LOST)

# What a stage-change row records (stage_changes.kind).
CREATE, ADVANCE, SKIP, BACK, REOPEN = "create", "advance", "skip", "back", "reopen"
CHANGE_KINDS: tuple[str, ...] = (CREATE, ADVANCE, SKIP, BACK, WON, LOST, REOPEN)

# The closed outcomes' own gates (SPEC): won needs an amount, lost a reason.
WON_GATE: tuple[str, ...] = ("amount",)
LOST_GATE: tuple[str, ...] = ("reason",)

# Amounts are kept as whole hundredths (cents, 分) in a 64-bit integer: exact sums in SQL
# on both engines, never a float. The largest amount is far below what that can hold.
CENTS = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999999.99")  # 10 trillion less a cent
_UNITS = {"万": Decimal(10_000), "w": Decimal(10_000), "亿": Decimal(100_000_000), "k": Decimal(1000),
          "m": Decimal(1_000_000)}


class AmountError(ValueError):
    """`problem`: not_number | negative | too_large | too_precise."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_amount(text: str | Decimal | int) -> Decimal:
    """An amount as a rep types it: `12000`, `12,000.50`, `1.2万`, `50k`, `¥8,000`, `１２，０００`.

    Decimal all the way; more than two decimals (after a unit) is refused rather than
    rounded, since a rounded amount is a different contract."""
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        value = Decimal(text)
    else:
        import unicodedata

        # NFKC: full-width digits and commas typed with a Chinese input method read as ASCII.
        raw = "".join(unicodedata.normalize("NFKC", str(text)).split()).replace(",", "").replace("_", "")
        raw = raw.lstrip("¥￥$€£").removeprefix("CNY").strip()
        unit = Decimal(1)
        if raw and raw[-1].lower() in _UNITS:
            unit, raw = _UNITS[raw[-1].lower()], raw[:-1]
        if not raw or not all(c.isascii() and (c.isdigit() or c in ".-+") for c in raw):
            raise AmountError("not_number")
        try:
            value = Decimal(raw) * unit
        except InvalidOperation:
            raise AmountError("not_number") from None
    if not value.is_finite():
        raise AmountError("not_number")
    if value < 0:
        raise AmountError("negative")
    if value > MAX_AMOUNT:
        raise AmountError("too_large")
    if value != value.quantize(CENTS, rounding=ROUND_HALF_UP):
        raise AmountError("too_precise")
    return value.quantize(CENTS)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def from_cents(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(int(cents)) / 100).quantize(CENTS)


def weighted_cents(amount_cents: int, probability: int) -> Decimal:
    """amount × probability, exact (the SQL sums these as integer cent-percents)."""
    return Decimal(amount_cents * probability) / 100


# ----------------------------------------------------------------------------- stages


def find_stage(stages: Sequence[Stage], typed: str) -> Stage | None:
    """The stage a rep means by `typed`: its name or its key, ignoring case."""
    word = folded(typed)
    for stage in stages:
        if folded(stage.name) == word or stage.key == word:
            return stage
    return None


def closest_names(stages: Sequence[Stage], typed: str, n: int = 3) -> list[str]:
    from difflib import get_close_matches

    names = [stage.name for stage in stages]
    by_fold = {folded(name): name for name in names}
    return [by_fold[m] for m in get_close_matches(folded(typed), list(by_fold), n=n, cutoff=0.5)]


def index_of(stages: Sequence[Stage], key: str) -> int | None:
    for i, stage in enumerate(stages):
        if stage.key == key:
            return i
    return None


def next_stage(stages: Sequence[Stage], key: str) -> Stage | None:
    """The stage after `key`; None at the last open stage (the next step is `won`)."""
    i = index_of(stages, key)
    if i is None or i + 1 >= len(stages):
        return None
    return stages[i + 1]


def move_kind(stages: Sequence[Stage], from_key: str, to_key: str) -> str:
    """`advance` (the next stage), `skip` (further on: needs --force) or `back`."""
    i, j = index_of(stages, from_key), index_of(stages, to_key)
    if i is None:  # the deal's stage left the list: any move is a new start
        return ADVANCE
    assert j is not None
    if j == i + 1:
        return ADVANCE
    return SKIP if j > i else BACK


@dataclass(frozen=True, slots=True)
class DealFacts:
    """What a gate may ask about a deal, after the change being made."""

    note: str | None
    amount_cents: int | None
    close_on: date | None
    product: str | None
    reason: str | None = None


def missing(gate: Sequence[str], facts: DealFacts) -> list[str]:
    """The gate's items the deal lacks, in the gate's order (empty: it may enter)."""
    have = {
        "note": bool(facts.note and facts.note.strip()),
        "amount": facts.amount_cents is not None and facts.amount_cents > 0,
        "close_on": facts.close_on is not None,
        "product": bool(facts.product and facts.product.strip()),
        "reason": bool(facts.reason and facts.reason.strip()),
    }
    return [item for item in gate if not have[item]]


def is_stale(stage_changed_at: datetime, now: datetime, cycle_days: int) -> bool:
    """An open deal whose stage has not moved for longer than the sales cycle."""
    return now - stage_changed_at > timedelta(days=cycle_days)


def stale_before(now: datetime, cycle_days: int) -> datetime:
    """The instant a stage change must be later than for an open deal not to be stale
    (what the SQL compares `stage_changed_at` with)."""
    return now - timedelta(days=cycle_days)


def close_in_past(close_on: date | None, today: date) -> bool:
    """An expected close date already gone: a warning, not a refusal (SPEC)."""
    return close_on is not None and close_on < today
