"""The pool rules hold through any sequence of what a team does (docs/pool.md): random
runs of claims, releases, follow-ups, locks, deals won and in negotiation, new customers,
assignments and transfers, rule changes, sweeps and jumps of the clock, by an admin and two
reps, on a SQLite store.

Before each step the test works out, on its own and from the store's rows, which owned
customers are due for recycling at the step's clock and what the step must answer (done,
or which refusal); after it, it compares the store with what the rules allow:

- a claim never takes a rep over `pool.max_owned` or the day's `pool.claims_per_day`, and
  never comes within `pool.reclaim_cooldown_days` of the rep losing that customer;
- a recycle takes exactly the due customers, once each, under the rule that fired, never a
  locked one, one in negotiation or won in the last 365 days, and never before its
  countdown (claim, last follow-up, the moment the rules or a shorter threshold started)
  has run out;
- every change of owner leaves exactly one ownership event, the events of a customer
  chain from owner to owner, and a refused step writes nothing at all.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from conftest import NOW

USERS = ("alice", "bob", "carol")  # alice is the admin (may act for others), bob and carol reps
START = datetime.fromisoformat(NOW)
LOCAL = timezone(timedelta(hours=8))  # the clock's zone: a day's claims count from local midnight
EXEMPT_STAGES = ("negotiation",)  # the default stage list: negotiation is its last open stage
START_RULES = {
    "pool.max_owned": 4, "pool.claims_per_day": 2, "pool.reclaim_cooldown_days": 1, "pool.max_locked": 1,
    "pool.recycle_no_follow_up_days": 4, "pool.recycle_no_deal_days": 7, "pool.recycle_no_follow_up_days_a": None,
    "pool.cap_counts_won": False, "pool.enabled": None,
}
# (owner, grade) of the customers every run starts with; None: alice put it in the pool.
START_BOOK = [("alice", "A"), ("alice", "B"), ("bob", "B"), ("bob", "C"), ("carol", "A"), ("carol", "C"),
              (None, "B"), (None, "A"), (None, "C"), (None, "B")]
RULE_VALUES = {
    "pool.max_owned": st.integers(1, 5),
    "pool.claims_per_day": st.integers(0, 3),
    "pool.reclaim_cooldown_days": st.integers(0, 5),
    "pool.max_locked": st.integers(0, 2),
    "pool.recycle_no_follow_up_days": st.integers(1, 12),
    "pool.recycle_no_deal_days": st.integers(1, 20),
    "pool.recycle_no_follow_up_days_a": st.none() | st.integers(1, 20),
    "pool.cap_counts_won": st.booleans(),
    "pool.enabled": st.sampled_from([None, True, False]),  # None: auto, in force with the three users
}


@dataclass
class Snapshot:
    customers: dict[int, Any]
    events: list[Any]
    deals: list[Any]
    follow_ups: int
    counting_since: datetime | None  # the floor of every countdown: when the rules last (re)started

    def deals_of(self, customer_id: int) -> list[Any]:
        return [d for d in self.deals if d.customer_id == customer_id]


def _context(url: str, handle: str, clock: Any) -> Any:
    from salescli.core.config import load
    from salescli.services.context import Context

    return Context(load(), url, handle, now=clock)


def make_template(path: Path) -> None:
    """The store every run starts from: three users, START_BOOK, START_RULES."""
    from salescli.core.paths import url_for
    from salescli.services.customers import CustomerInput, add_customer
    from salescli.services.pool import release
    from salescli.services.settings import set_setting
    from salescli.services.users import add_user

    url = url_for(str(path))
    ctxs = {h: _context(url, h, lambda: START) for h in USERS}
    try:
        alice = ctxs["alice"]
        alice.store.create()
        for handle in USERS[1:]:
            add_user(alice, handle)
        for i, (owner, grade) in enumerate(START_BOOK):
            added = add_customer(ctxs[owner or "alice"], CustomerInput(name=f"Company {chr(65 + i)}", grade=grade))
            if owner is None:
                release(alice, f"#{added.customer.id}", "not our market")
        for key, value in START_RULES.items():
            if value is not None and key not in ("pool.cap_counts_won", "pool.enabled"):
                set_setting(key, str(value), lambda: alice)
    finally:
        for ctx in ctxs.values():
            ctx.close()


def snapshot(ctx: Any) -> Snapshot:
    with ctx.session() as session:
        customers = session.execute(
            "SELECT id, name, grade, owner_id, claimed_at, created_at, recycle_from, last_contact_at, locked_at,"
            " archived FROM customers ORDER BY id", {}).all()
        events = session.execute(
            "SELECT id, customer_id, kind, from_user_id, to_user_id, by_user_id, at, reason FROM ownership_events"
            " ORDER BY id", {}).all()
        deals = session.execute("SELECT id, customer_id, status, stage, closed_at FROM deals ORDER BY id", {}).all()
        follow_ups = session.execute("SELECT count(*) FROM follow_ups", {}).scalar()
        since = session.execute("SELECT value FROM settings WHERE key = 'pool.counting_since'", {}).scalar()
    return Snapshot({c.id: c for c in customers}, list(events), list(deals), follow_ups,
                    None if since is None else datetime.fromisoformat(json.loads(since)))


class PoolMachine(RuleBasedStateMachine):
    template: Path
    folder: Path
    runs = 0

    def __init__(self) -> None:
        super().__init__()
        from salescli.core.paths import url_for

        PoolMachine.runs += 1
        self.path = self.folder / f"run-{PoolMachine.runs}.db"
        # A fresh store per run, copied in milliseconds (SQLite's backup also takes what the
        # write-ahead log still holds).
        with closing(sqlite3.connect(self.template)) as source, closing(sqlite3.connect(self.path)) as copy:
            source.backup(copy)
        self.now = START
        self.rules = dict(START_RULES)
        url = url_for(str(self.path))
        self.ctx = {h: _context(url, h, lambda: self.now) for h in USERS}
        self.ids = {h: self.ctx[h].user_id for h in USERS}
        self.customers = sorted(snapshot(self.ctx["alice"]).customers)
        self.negotiating: list[int] = []  # open deals in negotiation
        self.added = 0

    def teardown(self) -> None:
        for ctx in self.ctx.values():
            ctx.close()
        self.path.unlink(missing_ok=True)

    # ----------------------------------------------------------------------- the rules, worked out by hand

    @property
    def in_force(self) -> bool:
        return self.rules["pool.enabled"] is not False  # auto: three active users

    def days(self, rule: str, grade: str) -> int:
        override = self.rules.get(f"pool.recycle_{rule}_days_{grade.lower()}")
        return override if override is not None else self.rules[f"pool.recycle_{rule}_days"]

    def exempt(self, snap: Snapshot, customer: Any) -> bool:
        year_ago = self.now - timedelta(days=365)
        return any((d.status == "open" and d.stage in EXEMPT_STAGES) or (d.status == "won" and d.closed_at >= year_ago)
                   for d in snap.deals_of(customer.id))

    def due(self, snap: Snapshot) -> dict[int, str]:
        """The owned customers due at `now`, with the reason their recycle event must give."""
        found: dict[int, str] = {}
        for c in snap.customers.values():
            if not self.in_force or c.owner_id is None or c.archived or c.locked_at is not None or self.exempt(snap, c):
                continue
            claimed = c.claimed_at or c.created_at
            floor = max(m for m in (claimed, c.recycle_from, snap.counting_since) if m is not None)
            contact = max(m for m in (floor, c.last_contact_at) if m is not None)
            won_since_claim = any(d.status == "won" and d.closed_at >= claimed for d in snap.deals_of(c.id))
            if contact + timedelta(days=self.days("no_follow_up", c.grade)) < self.now:
                found[c.id] = f"no_follow_up:{self.days('no_follow_up', c.grade)}"
            elif not won_since_claim and floor + timedelta(days=self.days("no_deal", c.grade)) < self.now:
                found[c.id] = f"no_deal:{self.days('no_deal', c.grade)}"
        return found

    def owner_now(self, snap: Snapshot, due: dict[int, str], customer_id: int) -> int | None:
        """The owner a write sees once its lazy recycling has run."""
        return None if customer_id in due else snap.customers[customer_id].owner_id

    def capped(self, snap: Snapshot, due: dict[int, str], user_id: int) -> int:
        return sum(1 for c in snap.customers.values()
                   if self.owner_now(snap, due, c.id) == user_id and not c.archived
                   and (self.rules["pool.cap_counts_won"] or not any(d.status == "won" for d in snap.deals_of(c.id))))

    def claims_today(self, snap: Snapshot, user_id: int) -> int:
        midnight = datetime.combine(self.now.astimezone(LOCAL).date(), time(), LOCAL)
        return sum(1 for e in snap.events if e.kind == "claim" and e.to_user_id == user_id and e.at >= midnight)

    def may_act_for(self, user: str, owner_id: int | None) -> bool:
        return owner_id is None or owner_id == self.ids[user] or user == "alice"

    # ----------------------------------------------------------------------- one step, checked

    def step(self, action: Any, expected: Any = None, *, lazy: bool | None,
             ) -> tuple[Snapshot, Snapshot, str | None, Any]:
        """Run `action`; `expected(before, due)` says the refusal code it must end with (None:
        done). `lazy`: the step applies due recycles first (every write that reads ownership);
        False: it recycles nothing; None: either (no rule says)."""
        from salescli.core.errors import RefusedError

        before = snapshot(self.ctx["alice"])
        due = self.due(before)
        want = expected(before, due) if expected else None
        result, code, facts = None, None, None
        try:
            result = action()
        except RefusedError as err:
            code, facts = err.code, err.params
        after = snapshot(self.ctx["alice"])
        assert code == want, (code, want, facts, self.now)
        self.check_changes(before, after, due, recycles=False if code is not None else lazy)
        return before, after, code, result

    def check_changes(self, before: Snapshot, after: Snapshot, due: dict[int, str], *, recycles: bool | None,
                      ) -> None:
        last = before.events[-1].id if before.events else 0
        new = [e for e in after.events if e.id > last]
        recycled = [e for e in new if e.kind == "recycle"]
        assert len(recycled) == len({e.customer_id for e in recycled}), recycled  # once each
        if recycles or (recycles is None and recycled):  # all that is due, under the rule that fired
            assert {e.customer_id: e.reason for e in recycled} == due, (recycled, due, self.now)
        else:
            assert not recycled, recycled
        for event in recycled:  # from the owner it had, by nobody, at the step's clock; never a kept one
            was = before.customers[event.customer_id]
            assert (event.from_user_id, event.to_user_id, event.by_user_id, event.at) == \
                   (was.owner_id, None, None, self.now)
            assert was.locked_at is None and not self.exempt(before, was), (was, before.deals_of(was.id))
        for customer_id, customer in after.customers.items():
            chain = [e for e in new if e.customer_id == customer_id]
            owner = before.customers[customer_id].owner_id if customer_id in before.customers else None
            for event in chain:  # each event moves the customer from the owner it had to another
                assert event.from_user_id == owner and event.to_user_id != owner, (event, owner)
                owner = event.to_user_id
            assert owner == customer.owner_id, (customer_id, chain, customer.owner_id)

    @invariant()
    def each_owner_is_the_one_the_last_event_gave(self) -> None:
        snap = snapshot(self.ctx["alice"])
        last: dict[int, Any] = {}
        for event in snap.events:
            last[event.customer_id] = event
        assert {i: last[i].to_user_id for i in snap.customers} == {i: c.owner_id for i, c in snap.customers.items()}

    def ref(self, pick: int) -> tuple[int, str]:
        customer_id = self.customers[pick % len(self.customers)]
        return customer_id, f"#{customer_id}"

    # ----------------------------------------------------------------------- what the team does

    @rule(user=st.sampled_from(USERS), picks=st.lists(st.integers(0, 99), min_size=1, max_size=2),
          from_pool=st.booleans())
    def claim(self, user: str, picks: list[int], from_pool: bool) -> None:
        # Half the time among the customers in the pool (as the rep sees it before the claim).
        choices = self.customers
        if from_pool:
            choices = [i for i, c in snapshot(self.ctx["alice"]).customers.items() if c.owner_id is None] or choices
        self.try_claim(user, list(dict.fromkeys(choices[p % len(choices)] for p in picks)))

    @rule(pick=st.integers(0, 99))
    def claim_back(self, pick: int) -> None:
        """The rep who lost a customer (release or recycle) tries to take it back."""
        lost = [e for e in snapshot(self.ctx["alice"]).events if e.kind in ("release", "recycle")]
        if lost:
            event = lost[-1 - pick % min(3, len(lost))]
            self.try_claim(next(h for h, i in self.ids.items() if i == event.from_user_id), [event.customer_id])

    def try_claim(self, user: str, wanted: list[int]) -> None:
        from salescli.services.pool import claim

        me = self.ids[user]

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            if self.in_force and len(wanted) > max(0, self.rules["pool.claims_per_day"] - self.claims_today(snap, me)):
                return "pool.daily_limit"
            if self.in_force and self.capped(snap, due, me) + len(wanted) > self.rules["pool.max_owned"]:
                return "pool.cap_reached"
            for customer_id in wanted:
                if self.owner_now(snap, due, customer_id) is not None:
                    return "pool.already_owned"
                if not self.in_force:
                    continue
                lost = [e.at for e in snap.events if e.customer_id == customer_id and e.from_user_id == me
                        and e.kind in ("release", "recycle")]
                if customer_id in due and snap.customers[customer_id].owner_id == me:
                    lost.append(self.now)  # recycled from me by this very claim
                if lost and self.now < max(lost) + timedelta(days=self.rules["pool.reclaim_cooldown_days"]):
                    return "pool.cooldown"
            return None

        before, after, code, _result = self.step(lambda: claim(self.ctx[user], [f"#{i}" for i in wanted]), expected,
                                                 lazy=True)
        if code is None:  # each claimed once; while in force, within the cap and the day's limit
            assert all(after.customers[i].owner_id == me for i in wanted)
            new = [e for e in after.events if e.kind == "claim" and e not in before.events]
            assert sorted(e.customer_id for e in new) == sorted(wanted)
            if not self.in_force:
                return
            assert self.capped(after, {}, me) <= self.rules["pool.max_owned"]
            assert self.claims_today(after, me) <= self.rules["pool.claims_per_day"]
            cooldown = timedelta(days=self.rules["pool.reclaim_cooldown_days"])
            assert all(e.at + cooldown <= self.now for e in after.events  # nobody takes back too soon
                       if e.customer_id in wanted and e.from_user_id == me and e.kind in ("release", "recycle"))

    @rule(user=st.sampled_from(USERS), pick=st.integers(0, 99))
    def release(self, user: str, pick: int) -> None:
        from salescli.services.pool import release

        customer_id, ref = self.ref(pick)

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            owner = self.owner_now(snap, due, customer_id)
            if owner is None:
                return "pool.already_in_pool"
            return None if self.may_act_for(user, owner) else "access.not_owner"

        _b, after, code, _r = self.step(lambda: release(self.ctx[user], ref, "no budget this year"), expected,
                                        lazy=True)
        if code is None:
            assert after.customers[customer_id].owner_id is None
            assert after.events[-1].kind == "release" and after.events[-1].by_user_id == self.ids[user]

    @rule(user=st.sampled_from(USERS), pick=st.integers(0, 99))
    def log(self, user: str, pick: int) -> None:
        from salescli.services.follow_ups import LogInput, log_follow_up

        customer_id, ref = self.ref(pick)

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            return None if self.may_act_for(user, self.owner_now(snap, due, customer_id)) else "access.not_owner"

        _b, after, code, _r = self.step(lambda: log_follow_up(self.ctx[user], LogInput(ref, "Called about the order")),
                                        expected, lazy=True)
        if code is None:
            assert after.customers[customer_id].last_contact_at == self.now

    @rule(user=st.sampled_from(USERS), pick=st.integers(0, 99), locked=st.booleans())
    def lock(self, user: str, pick: int, locked: bool) -> None:
        from salescli.services.pool import set_locked

        customer_id, ref = self.ref(pick)

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            customer = snap.customers[customer_id]
            owner = self.owner_now(snap, due, customer_id)
            if owner is None:
                return "pool.lock_pool_customer"
            if not self.may_act_for(user, owner):
                return "access.not_owner"
            if (customer.locked_at is not None) == locked:
                return "pool.already_locked" if locked else "pool.not_locked"
            held = sum(1 for c in snap.customers.values() if c.owner_id == owner and c.locked_at is not None)
            if locked and self.in_force and held + 1 > self.rules["pool.max_locked"]:
                return "pool.lock_cap"
            return None

        _b, after, code, _r = self.step(lambda: set_locked(self.ctx[user], ref, locked), expected, lazy=True)
        if code is None:
            customer = after.customers[customer_id]
            if locked:
                assert customer.locked_at == self.now
            else:  # unlocking restarts the countdowns: not lost the same minute
                assert customer.locked_at is None and customer.recycle_from == self.now

    @rule(kind=st.sampled_from(["assign", "transfer"]), pick=st.integers(0, 99), to=st.sampled_from(USERS))
    def move(self, kind: str, pick: int, to: str) -> None:
        """The admin gives a pool customer to a rep, or an owned one to another: the cap holds
        for the rep who receives it."""
        from salescli.services.transfers import assign_customer, transfer_customer

        customer_id, ref = self.ref(pick)
        target = self.ids[to]

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            owner = self.owner_now(snap, due, customer_id)
            if owner == target:
                return "transfer.same_owner"
            if (kind == "assign") != (owner is None):
                return "transfer.use_transfer" if kind == "assign" else "transfer.use_assign"
            if self.in_force and self.capped(snap, due, target) + 1 > self.rules["pool.max_owned"]:
                return "pool.cap_reached"
            return None

        move = assign_customer if kind == "assign" else transfer_customer
        _b, after, code, _r = self.step(lambda: move(self.ctx["alice"], ref, to), expected, lazy=True)
        if code is None:
            assert after.customers[customer_id].owner_id == target and after.events[-1].kind == kind
            if self.in_force:
                assert self.capped(after, {}, target) <= self.rules["pool.max_owned"]

    def _deal_owner(self, customer_id: int) -> str:
        owner = snapshot(self.ctx["alice"]).customers[customer_id].owner_id
        return next((h for h, i in self.ids.items() if i == owner), "alice")

    @rule(pick=st.integers(0, 99))
    def win(self, pick: int) -> None:
        from salescli.services.deals import add_deal, win_deal

        customer_id, ref = self.ref(pick)
        ctx = self.ctx[self._deal_owner(customer_id)]
        self.step(lambda: win_deal(ctx, add_deal(ctx, ref, "Spare parts", amount="12000").id), lazy=None)

    @rule(pick=st.integers(0, 99))
    def negotiate(self, pick: int) -> None:
        from salescli.services.deals import add_deal

        customer_id, ref = self.ref(pick)
        ctx = self.ctx[self._deal_owner(customer_id)]
        _b, _a, _c, card = self.step(lambda: add_deal(ctx, ref, "Production line", amount="800000",
                                                      close="2027-12-31", stage="negotiation"), lazy=None)
        self.negotiating.append(card.id)

    @precondition(lambda self: self.negotiating)
    @rule(pick=st.integers(0, 99))
    def lose(self, pick: int) -> None:
        from salescli.services.deals import lose_deal

        deal_id = self.negotiating.pop(pick % len(self.negotiating))
        self.step(lambda: lose_deal(self.ctx["alice"], deal_id, reason="went with a competitor"), lazy=None)

    @rule(user=st.sampled_from(USERS), grade=st.sampled_from("ABC"))
    def add(self, user: str, grade: str) -> None:
        from salescli.services.customers import CustomerInput, add_customer

        self.added += 1
        name = f"Newco {self.added} {grade}"
        me = self.ids[user]

        def expected(snap: Snapshot, due: dict[int, str]) -> str | None:
            over = self.in_force and self.capped(snap, due, me) + 1 > self.rules["pool.max_owned"]
            return "pool.cap_reached" if over else None

        _b, _a, code, result = self.step(lambda: add_customer(self.ctx[user], CustomerInput(name=name, grade=grade)),
                                         expected, lazy=True)
        if code is None:
            self.customers.append(result.customer.id)

    @rule(dry_run=st.booleans())
    def sweep(self, dry_run: bool) -> None:
        from salescli.services.pool import sweep

        before, after, _c, result = self.step(lambda: sweep(self.ctx["bob"], dry_run=dry_run), lazy=not dry_run)
        assert {item.customer_id: f"{item.rule}:{item.days}" for item in result.items} == self.due(before)
        if dry_run:
            assert after == before

    @rule()
    def read(self) -> None:
        from salescli.services.pool import ensure_recycled

        self.step(lambda: ensure_recycled(self.ctx["carol"]), lazy=True)

    @rule(data=st.data(), key=st.sampled_from(sorted(RULE_VALUES)))
    def change_rule(self, data: st.DataObject, key: str) -> None:
        from salescli.services.settings import set_setting

        value = data.draw(RULE_VALUES[key], label=key)
        raw = "" if value is None else str(value).lower()
        old = {g: (self.days("no_follow_up", g), self.days("no_deal", g)) for g in "ABC"}
        was_in_force = self.in_force
        before, after, _c, _r = self.step(lambda: set_setting(key, raw, lambda: self.ctx["alice"]), lazy=False)
        self.rules[key] = value
        shorter = any(new < was for g in "ABC"
                      for new, was in zip((self.days("no_follow_up", g), self.days("no_deal", g)), old[g], strict=True))
        # Never retroactive: rules coming into force, or a shorter threshold, restart every countdown now.
        restarted = self.in_force and (shorter or not was_in_force)
        assert after.counting_since == (self.now if restarted else before.counting_since), (key, value)
        assert after.customers == before.customers

    # Whole days too, so that countdowns and cool-downs end exactly at the step's clock.
    @rule(hours=st.integers(1, 24 * 9) | st.sampled_from([24, 48, 72, 96, 120]))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)


def test_the_pool_rules_hold_through_random_team_work(tmp_path: Path) -> None:
    PoolMachine.template = tmp_path / "template.db"
    PoolMachine.folder = tmp_path
    make_template(PoolMachine.template)
    run_state_machine_as_test(PoolMachine, settings=settings(
        max_examples=100, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
