"""The week plan's pure rules (domain/planner.py): scores, purposes, and placing
candidates on days within the capacities, visits of a city kept together."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain import planner
from salescli.domain.planner import Candidate, Part, Reason

MONDAY = date(2026, 11, 23)
CITIES = ["上海", "苏州", "Beijing", None]


@st.composite
def candidates(draw: st.DrawFn, fixed: bool = True) -> list[Candidate]:
    ids = draw(st.lists(st.integers(1, 500), unique=True, max_size=40))
    out = []
    for cid in ids:
        day = draw(st.one_of(st.none(), st.integers(0, 6).map(lambda n: MONDAY + timedelta(days=n)))) if fixed \
            else None
        deadline = draw(st.one_of(st.none(), st.integers(0, 8).map(lambda n: MONDAY + timedelta(days=n))))
        out.append(Candidate(cid, draw(st.integers(0, 120)), draw(st.sampled_from(["call", "visit"])), "develop",
                             (), city=draw(st.sampled_from(CITIES)), day=day, deadline=deadline))
    return out


weeks = st.integers(1, 7).map(lambda n: [MONDAY + timedelta(days=i) for i in range(n)])


def _key(result: tuple[list, list]) -> tuple:
    placed, unplaced = result
    return ([(p.candidate.customer_id, p.day, p.position, p.kind, p.downgraded) for p in placed],
            [(u.candidate.customer_id, u.reason) for u in unplaced])


@settings(max_examples=150, deadline=None)
@given(candidates(), weeks, st.integers(1, 6), st.integers(0, 4), st.randoms(use_true_random=False))
def test_capacity_once_each_and_deterministic(cands, days, calls, visits, rnd: random.Random) -> None:
    placed, unplaced = planner.plan(cands, days, calls, visits)
    per_day = Counter((p.day, p.kind) for p in placed)
    assert all(n <= (calls if kind == "call" else visits) for (_, kind), n in per_day.items())
    assert all(p.day in days for p in placed)
    seen = [p.candidate.customer_id for p in placed] + [u.candidate.customer_id for u in unplaced]
    assert sorted(seen) == sorted(c.customer_id for c in cands)  # each exactly once
    for day in days:  # positions 1..n, visits first
        today = [p for p in placed if p.day == day]
        assert [p.position for p in today] == list(range(1, len(today) + 1))
        kinds = [p.kind for p in today]
        assert kinds == sorted(kinds, key=lambda k: k != "visit")
    # a visit planned as a call only when the week had no visit slot left
    for p in placed:
        if p.downgraded:
            assert all(per_day[(d, "visit")] == visits for d in days
                       if p.candidate.deadline is None or d <= p.candidate.deadline)
    # a customer about to return to the pool is contacted before it, or listed as why not
    assert all(p.day <= p.candidate.deadline for p in placed if p.candidate.deadline is not None)
    last = max(days)
    assert all(u.reason == ("no_slot_before_pool" if u.candidate.deadline is not None and u.candidate.deadline <= last
                            else "no_visit_slot" if u.candidate.kind == "visit" else "no_call_slot")
               for u in unplaced)
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    assert _key(planner.plan(shuffled, list(reversed(days)), calls, visits)) == _key((placed, unplaced))


@settings(max_examples=150, deadline=None)
@given(candidates(fixed=False), weeks, st.integers(1, 6), st.integers(1, 4))
def test_visits_of_a_city_share_a_day_while_it_has_room(cands, days, calls, visits) -> None:
    placed, _ = planner.plan(cands, days, calls, visits)
    per_day = Counter(p.day for p in placed if p.kind == "visit")
    for city in CITIES[:3]:
        city_days = {p.day for p in placed if p.kind == "visit" and p.candidate.city == city}
        # a second day for a city opens only when the first is full: at most one is not
        assert sum(1 for d in city_days if per_day[d] < visits) <= 1
        route = [p for p in placed if p.kind == "visit"]
        for d in city_days:  # within a day, a city's visits are next to each other
            order = [p.candidate.city for p in route if p.day == d]
            positions = [i for i, c in enumerate(order) if c == city]
            assert positions == list(range(positions[0], positions[-1] + 1))


def test_higher_scores_get_the_earlier_days_and_a_fixed_day_is_kept() -> None:
    cands = [Candidate(1, 10, "call", "develop", ()), Candidate(2, 90, "call", "develop", ()),
             Candidate(3, 50, "call", "develop", (), day=MONDAY + timedelta(days=2))]
    placed, unplaced = planner.plan(cands, [MONDAY + timedelta(days=i) for i in range(3)], 1, 1)
    assert [(p.candidate.customer_id, p.day.day) for p in placed] == [(2, 23), (1, 24), (3, 25)]
    assert unplaced == []


def test_visits_fall_back_to_calls_then_overflow() -> None:
    cands = [Candidate(i, 100 - i, "visit", "service", (), city="苏州") for i in range(1, 5)]
    placed, unplaced = planner.plan(cands, [MONDAY], 1, 2)
    assert [(p.candidate.customer_id, p.kind, p.downgraded) for p in placed] == [
        (1, "visit", False), (2, "visit", False), (3, "call", True)]
    assert [(u.candidate.customer_id, u.reason) for u in unplaced] == [(4, "no_visit_slot")]


def test_a_zero_visit_capacity_makes_every_visit_a_call() -> None:
    placed, _ = planner.plan([Candidate(1, 5, "visit", "service", ())], [MONDAY], 3, 0)
    assert [(p.kind, p.downgraded) for p in placed] == [("call", True)]


def test_merged_candidate_sums_parts_and_picks_purpose_kind_and_day() -> None:
    reasons = [
        Reason(Part("overdue_task", planner.overdue_task(10), 10), task_id=7, overdue_days=10),
        Reason(Part("due_task", planner.due_task(), MONDAY + timedelta(days=3)), day=MONDAY + timedelta(days=3)),
        Reason(Part("a_visit_due", planner.a_visit_due(None), None), visit=True),
    ]
    c = planner.candidate(4, reasons, grade="A", city="苏州")
    assert [p.reason for p in c.parts] == ["overdue_task", "due_task", "a_visit_due", "a_grade"]
    assert c.score == 70 + 30 + 45 + 10
    assert (c.purpose, c.kind, c.day, c.task_id) == ("handle_problem", "visit", MONDAY + timedelta(days=3), 7)


@given(st.lists(st.sampled_from(planner.REASONS), max_size=6), st.integers(0, 30), st.booleans())
def test_purpose_follows_the_priority(reasons, overdue, has_deal) -> None:
    purpose = planner.purpose_of(reasons, overdue_days=overdue, has_deal=has_deal)
    assert purpose in planner.PURPOSES
    if "payment_due" in reasons:
        assert purpose == "collect_payment"
    elif not set(reasons) & {"closing_deal", "stale_deal", "contract_ending", "overdue_task", "a_visit_due",
                             "recycle_warning"}:
        assert purpose == ("gather_info" if has_deal else "develop")


@given(st.integers(-400, 400))
def test_points_grow_with_urgency_and_stay_capped(days) -> None:
    assert 40 <= planner.overdue_task(days) <= 70
    assert planner.overdue_task(days) <= planner.overdue_task(days + 1)
    assert 45 <= planner.recycle_warning(days) <= 65
    assert planner.recycle_warning(days) >= planner.recycle_warning(days + 1)
    assert 25 <= planner.a_visit_due(days) <= 45
    assert 10 <= planner.forgotten("C", days) <= planner.forgotten("A", days) <= 40
