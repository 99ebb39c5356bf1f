"""ABC analysis of customers by won amount (docs/reports.md, ABC).

Customers are sorted by amount, largest first (ties: the smaller key first). A customer
is class A while the cumulative share *before* it is below 80% (so the customer that
crosses 80% is still A), B while it is below 95%, C after. Comparisons are made on whole
cents, exactly; shares are reported to 4 places. Pure: no store, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from salescli.domain.funnel import rate

CLASSES: tuple[str, ...] = ("A", "B", "C")
A_LIMIT, B_LIMIT = 80, 95  # percent of the total reached before a customer


@dataclass(frozen=True, slots=True)
class Ranked:
    key: int  # the customer id
    cents: int
    share: Decimal  # of the total, 4 places
    cumulative: Decimal  # the running share including this customer, 4 places
    klass: str  # A | B | C


@dataclass(frozen=True, slots=True)
class ClassSum:
    klass: str
    customers: int
    cents: int
    share: Decimal


def _share(part: int, whole: int) -> Decimal:
    """part / whole to 4 places (domain/funnel.py rate); 0 of nothing is a share of 0."""
    return rate(part, whole) or Decimal("0.0000")


def classify(amounts: Iterable[tuple[int, int]]) -> list[Ranked]:
    """(customer id, won cents) pairs ranked and classed. With nothing won in money (a
    total of 0) every customer is C: there is no amount to concentrate."""
    ordered = sorted(((key, max(int(cents), 0)) for key, cents in amounts), key=lambda kc: (-kc[1], kc[0]))
    total = sum(cents for _, cents in ordered)
    ranked: list[Ranked] = []
    before = 0
    for key, cents in ordered:
        if total <= 0:
            klass = "C"
        elif before * 100 < A_LIMIT * total:
            klass = "A"
        elif before * 100 < B_LIMIT * total:
            klass = "B"
        else:
            klass = "C"
        before += cents
        ranked.append(Ranked(key, cents, _share(cents, total), _share(before, total), klass))
    return ranked


def summary(ranked: Iterable[Ranked]) -> list[ClassSum]:
    """Customers, cents and share of the total per class, A, B, C (a class may be empty)."""
    items = list(ranked)
    total = sum(r.cents for r in items)
    sums = []
    for klass in CLASSES:
        mine = [r for r in items if r.klass == klass]
        cents = sum(r.cents for r in mine)
        sums.append(ClassSum(klass, len(mine), cents, _share(cents, total)))
    return sums
