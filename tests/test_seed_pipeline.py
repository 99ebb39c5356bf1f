"""The seeded generator's pipeline and pool: deals in every stage, consistent stage
histories and payment schedules, and a living pool (nobody's customer due for recycling at
the generator's clock, a few recycle warnings and locks a rep), in the demo and benchmark
stores (store/seed/generator.py, docs/pool.md)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

NOW = datetime.fromisoformat("2026-11-23T09:00:00+08:00")  # the conftest clock
TODAY = NOW.date()
REPS = [("alice", "Alice Chen"), ("wangfang", "王芳"), ("lilei", "李雷"), ("bob", "Bob Tan")]
STAGES = ["new", "contacted", "qualified", "proposal", "negotiation"]  # the defaults, in order


def _seed(url: str, **kwargs: Any) -> dict[str, int]:
    from salescli.services.demo import seed_store

    options = {"seed": 7, "reps": REPS, "customers": 100, "follow_ups": 800, "owned_per_rep": 12} | kwargs
    return seed_store(url, now=NOW, **options).to_json()


def _tables(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the pipeline tables (and who owns which customer), by id."""
    from sqlalchemy import select

    from salescli.store import tables
    from salescli.store.engine import open_store

    store = open_store(url)
    try:
        with store.sqlalchemy_engine().connect() as conn:
            def rows(table: Any, *columns: str, order: tuple[str, ...] = ("id",)) -> list[dict[str, Any]]:
                picked = [table.c[name] for name in columns] if columns else [table]
                query = select(*picked).order_by(*(table.c[name] for name in order))
                return [dict(r._mapping) for r in conn.execute(query)]

            return {
                "deals": rows(tables.deals),
                "stage_changes": rows(tables.stage_changes),
                "payments": rows(tables.payments),
                "customers": rows(tables.customers, "id", "owner_id"),
                "events": rows(tables.ownership_events, "customer_id", "kind", "from_user_id", "at",
                               order=("at", "id")),
                "users": rows(tables.users, "id", "handle"),
            }
    finally:
        store.dispose()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _url() -> str:
    from salescli.core.paths import url_for

    return url_for(os.environ["SALESCLI_DB"])


def test_deals_fill_every_stage_with_consistent_histories(cli, backend: str) -> None:
    summary = _seed(_url())
    data = _tables(_url())
    deals, changes = data["deals"], data["stage_changes"]
    assert summary["deals"] == len(deals) > 100 and summary["stage_changes"] == len(changes)
    owner_of = {c["id"]: c["owner_id"] for c in data["customers"]}
    reps = {u["id"] for u in data["users"]}

    # Open deals in every stage, for every rep, fewer in the later stages.
    open_deals = [d for d in deals if d["status"] == "open"]
    for rep in reps:
        assert {d["stage"] for d in open_deals if d["owner_id"] == rep} == set(STAGES)
    per_stage = [sum(d["stage"] == s for d in open_deals) for s in STAGES]
    assert per_stage[0] > per_stage[-1]
    statuses = {d["status"] for d in deals}
    assert statuses == {"open", "won", "lost"}

    # Owned customers' deals belong to their owner; pool customers have only closed deals
    # of the rep who released them.
    released_by: dict[int, int] = {}
    for e in data["events"]:
        if e["kind"] in ("release", "recycle"):
            released_by[e["customer_id"]] = e["from_user_id"]
    for d in deals:
        owner = owner_of[d["customer_id"]]
        if owner is not None:
            assert d["owner_id"] == owner
        else:
            assert d["status"] != "open" and d["owner_id"] == released_by[d["customer_id"]]

    history: dict[int, list[dict[str, Any]]] = {}
    for c in changes:
        history.setdefault(c["deal_id"], []).append(c)
    kinds_seen: set[str] = set()
    for d in deals:
        rows = sorted(history[d["id"]], key=lambda r: (_aware(r["at"]), r["id"]))
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows), "ids follow time"
        first = rows[0]
        assert first["kind"] == "create" and first["from_stage"] is None and first["to_stage"] in STAGES
        assert _aware(first["at"]) == _aware(d["created_at"])
        state = prev_stage = first["to_stage"]
        for r in rows[1:]:
            kinds_seen.add(r["kind"])
            assert r["from_stage"] == state, (d["id"], rows)
            if r["kind"] in ("won", "lost"):
                assert state in STAGES and r["to_stage"] == r["kind"]
            elif r["kind"] == "reopen":
                assert state in ("won", "lost") and r["to_stage"] == prev_stage
            else:
                step = STAGES.index(r["to_stage"]) - STAGES.index(state)
                assert {"advance": step == 1, "skip": step > 1, "back": step < 0}[r["kind"]], (r, step)
            prev_stage = state
            state = r["to_stage"]
        last = rows[-1]
        assert _aware(last["at"]) == _aware(d["stage_changed_at"]) <= NOW
        if d["status"] == "open":
            assert state == d["stage"] and d["closed_at"] is None and d["lost_reason"] is None
        else:
            assert last["kind"] == d["status"] and last["from_stage"] == d["stage"]
            assert _aware(d["closed_at"]) == _aware(last["at"])
        if d["status"] == "lost":
            assert d["lost_reason"] and last["feedback"] == d["lost_reason"]
        # Gates: from `proposal` on, a deal has an amount and an expected close day; won needs an amount.
        if d["status"] == "won" or (d["status"] == "open" and STAGES.index(d["stage"]) >= 3):
            assert d["amount_cents"] and d["close_on"] is not None
        if d["amount_cents"] is not None:
            assert d["amount_cents"] > 0 and d["amount_cents"] % 10_000 == 0  # whole hundreds: round-ish
    assert {"advance", "skip", "back", "won", "lost", "reopen"} <= kinds_seen

    stale_before = NOW - timedelta(days=42)
    assert any(_aware(d["stage_changed_at"]) < stale_before for d in open_deals)
    ahead = sum(1 for d in open_deals if d["close_on"] is not None and d["close_on"] >= TODAY)
    slipping = sum(1 for d in open_deals if d["close_on"] is not None and d["close_on"] < TODAY)
    assert ahead > 2 * slipping > 0
    from salescli.store.seed import wordlists

    lost_reasons = {d["lost_reason"] for d in deals if d["status"] == "lost"}
    chinese, english = ({r for r, _w in words} for words in (wordlists.ZH_LOST_REASONS, wordlists.EN_LOST_REASONS))
    assert lost_reasons <= chinese | english and lost_reasons & chinese and lost_reasons & english
    assert {"价格太高", "Price too high", "No budget", "Chose a competitor"} <= chinese | english
    won = [d for d in deals if d["status"] == "won"]
    ending = [d for d in won if d["contract_end"] and TODAY <= d["contract_end"] <= TODAY + timedelta(days=30)]
    assert ending and len(ending) < len(won)


def test_payments_follow_won_deals_some_overdue(cli, backend: str) -> None:
    summary = _seed(_url())
    data = _tables(_url())
    deals = {d["id"]: d for d in data["deals"]}
    payments = data["payments"]
    assert summary["payments"] == len(payments) > 0
    scheduled: dict[int, int] = {}
    for p in payments:
        deal = deals[p["deal_id"]]
        assert deal["status"] == "won"
        scheduled[p["deal_id"]] = scheduled.get(p["deal_id"], 0) + p["amount_cents"]
        assert p["amount_cents"] > 0
        if p["paid_on"] is not None:
            assert p["paid_on"] <= TODAY and _aware(p["paid_at"]) <= NOW
    for deal_id, total in scheduled.items():
        assert total <= deals[deal_id]["amount_cents"]
    assert max(sum(p["deal_id"] == d for p in payments) for d in scheduled) >= 3
    overdue = [p for p in payments if p["paid_on"] is None and p["due_on"] < TODAY]
    due_soon = [p for p in payments if p["paid_on"] is None and TODAY <= p["due_on"] <= TODAY + timedelta(days=7)]
    paid = [p for p in payments if p["paid_on"] is not None]
    assert overdue and due_soon and len(paid) > len(overdue)
    assert len(overdue) <= 5 * len(REPS)  # a few per rep, not hundreds


def test_same_seed_and_clock_give_the_same_pipeline(tmp_path: Path) -> None:
    from salescli.core.paths import url_for

    one, two = url_for(str(tmp_path / "one.db")), url_for(str(tmp_path / "two.db"))
    _seed(one)
    _seed(two)
    first, second = _tables(one), _tables(two)
    for table in ("deals", "stage_changes", "payments"):
        assert first[table] and first[table] == second[table], f"{table} differs between two builds"
    _seed(url_for(str(tmp_path / "three.db")), seed=8)
    assert _tables(url_for(str(tmp_path / "three.db")))["deals"] != first["deals"]


def test_totals_and_average_changes_as_asked(tmp_path: Path) -> None:
    """The benchmark's shape: a total of deals (most on pool customers, closed) and about
    five stage changes per deal; the stage list in force is the one used."""
    from salescli.core.paths import url_for
    from salescli.core.stages import Stage
    from salescli.domain.pool import RecycleRules
    from salescli.store.engine import open_store
    from salescli.store.seed.generator import SeedRules, generate

    url = url_for(str(tmp_path / "big.db"))
    stages = (Stage("lead", "Lead", 10), Stage("demo", "Demo", 50, ("note",)),
              Stage("contract", "Contract", 90, ("note", "amount", "close_on", "product")))
    rules = SeedRules(max_owned=10, forgotten_days={"A": 14, "B": 30, "C": 90}, recycle=RecycleRules(15, 30),
                      region="CN", stages=stages, sales_cycle_days=30)
    store = open_store(url)
    try:
        summary = generate(store, now=NOW, seed=3, reps=3, customers=150, follow_ups=900, deals=1500,
                           changes_per_deal=5.0, rules=rules)
    finally:
        store.dispose()
    assert summary["deals"] == 1500
    assert 4.7 <= summary["stage_changes"] / summary["deals"] <= 5.3
    data = _tables(url)
    assert {d["stage"] for d in data["deals"]} == {"lead", "demo", "contract"}
    for d in data["deals"]:
        if d["stage"] == "contract":
            assert d["product"] and d["amount_cents"] and d["close_on"]
    open_per_rep = [sum(d["status"] == "open" and d["owner_id"] == u["id"] for d in data["deals"])
                    for u in data["users"]]
    assert all(0 < n < 60 for n in open_per_rep)  # the extra deals are closed history, not open work


def test_demo_agenda_shows_the_pipeline_sections(sqlite_cli, tmp_path: Path) -> None:
    from salescli.services.agenda import registered_sections

    wanted = ("payments", "stale_deals", "closing_soon", "contracts_ending")
    missing = [key for key in wanted if key not in registered_sections()]
    if missing:
        pytest.skip(f"agenda sections not built yet: {', '.join(missing)}")
    target = tmp_path / "demo.db"
    sqlite_cli.ok("demo", "--path", str(target), "--quiet")
    users = sqlite_cli.ok("--db", str(target), "user", "list", "--json").json()
    assert len(users) == 6
    for handle in (u["handle"] for u in users):
        agenda = sqlite_cli.ok("--db", str(target), "agenda", "--json", env={"SALESCLI_USER": handle}).json()
        counts = {s["key"]: len(s["items"]) for s in agenda["sections"]}
        for key in wanted:
            assert 1 <= counts.get(key, 0) <= 12, f"{handle}: {key} has {counts.get(key)} items"


# --------------------------------------------------------------------------- the pool at `now`


def _pool_state(url: str, rules: Any, warn_days: int, now: datetime = NOW) -> dict[int, dict[str, list[int]]]:
    """Per rep, their live customers by what the recycle rules make of them at `now`:
    locked (and `locked_due`: would be due but for the lock), exempt (open deal in
    negotiation, deal won within a year), due, warned (due within warn_days), running."""
    from sqlalchemy import select

    from salescli.domain.pool import EXEMPT_WON_DAYS, recycle_due
    from salescli.store import tables
    from salescli.store.engine import open_store

    data = _tables(url)
    store = open_store(url)
    try:
        with store.sqlalchemy_engine().connect() as conn:
            C = tables.customers.c
            owned = conn.execute(
                select(C.id, C.owner_id, C.grade, C.claimed_at, C.last_contact_at, C.locked_at, C.recycle_from)
                .where(C.owner_id.is_not(None), C.archived.is_(False))
            ).all()
    finally:
        store.dispose()
    won: dict[int, datetime] = {}
    negotiating = set()
    for d in data["deals"]:
        if d["status"] == "won":
            won[d["customer_id"]] = max(won.get(d["customer_id"], _aware(d["closed_at"])), _aware(d["closed_at"]))
        elif d["status"] == "open" and d["stage"] == "negotiation":
            negotiating.add(d["customer_id"])
    state: dict[int, dict[str, list[int]]] = {}
    for c in owned:
        mine = state.setdefault(c.owner_id, {k: [] for k in ("locked", "locked_due", "exempt", "due", "warned",
                                                                  "running")})
        claimed = _aware(c.claimed_at)
        won_at = won.get(c.id)
        due, _rule = recycle_due(rules, claimed_at=claimed, last_follow_up=_aware(c.last_contact_at),
                                 has_won_deal=won_at is not None and won_at >= claimed, grade=c.grade,
                                 recycle_from=c.recycle_from and _aware(c.recycle_from))
        if c.locked_at is not None:
            mine["locked"].append(c.id)
            if due <= now:
                mine["locked_due"].append(c.id)
        elif c.id in negotiating or won_at is not None and won_at >= now - timedelta(days=EXEMPT_WON_DAYS):
            mine["exempt"].append(c.id)
        elif due <= now:
            mine["due"].append(c.id)
        elif due <= now + timedelta(days=warn_days):
            mine["warned"].append(c.id)
        else:
            mine["running"].append(c.id)
    return state


def _departures(url: str) -> list[dict[str, Any]]:
    """Every release and recycle event with its reason and the customer's grade."""
    from sqlalchemy import select

    from salescli.store import tables
    from salescli.store.engine import open_store

    E, C = tables.ownership_events.c, tables.customers.c
    store = open_store(url)
    try:
        with store.sqlalchemy_engine().connect() as conn:
            rows = conn.execute(
                select(E.customer_id, E.kind, E.at, E.reason, C.grade, C.owner_id)
                .join(tables.customers, C.id == E.customer_id).where(E.kind.in_(("release", "recycle")))
            ).all()
    finally:
        store.dispose()
    return [dict(r._mapping) for r in rows]


def test_no_owned_customer_is_due_for_recycling_at_the_clock(cli, backend: str) -> None:
    """The first command on a generated store recycles nothing: every owned customer is
    locked, exempt, or inside both countdowns; each rep has 1-2 recycle warnings and 1-2
    locks, the locks on customers that would be due without them."""
    from salescli.domain.pool import RecycleRules

    summary = _seed(_url())
    state = _pool_state(_url(), RecycleRules(15, 30), warn_days=3)
    assert len(state) == len(REPS)
    for rep, mine in state.items():
        assert mine["due"] == [], f"rep {rep}: customers {mine['due']} are due for recycling"
        assert 1 <= len(mine["warned"]) <= 2, (rep, mine)
        assert 1 <= len(mine["locked"]) <= 2 and mine["locked_due"] == mine["locked"], (rep, mine)
        assert len(mine["running"]) + len(mine["exempt"]) > len(mine["locked"]) + len(mine["warned"])
    assert sum(len(m) for mine in state.values() for m in mine.values()) - sum(
        len(mine["locked_due"]) for mine in state.values()) == summary["owned"]


def test_the_pool_keeps_why_its_customers_left(cli, backend: str) -> None:
    """Releases keep the rep's reason; recycles keep the rule and the days it allowed, and
    no customer was recycled while a deal won within a year exempted it."""
    from salescli.domain.pool import parse_recycle_reason

    _seed(_url())
    departures = _departures(_url())
    data = _tables(_url())
    kinds = {e["kind"] for e in departures}
    assert kinds == {"release", "recycle"}
    for e in departures:
        if e["kind"] == "release":
            assert e["reason"] and parse_recycle_reason(e["reason"]) is None
        else:
            assert parse_recycle_reason(e["reason"]) in {("no_follow_up", 15), ("no_deal", 30)}, e["reason"]
    recycled_at = {e["customer_id"]: _aware(e["at"]) for e in departures if e["kind"] == "recycle"}
    for d in data["deals"]:
        at = recycled_at.get(d["customer_id"])
        if at is not None and d["status"] == "won" and _aware(d["closed_at"]) < at:
            raise AssertionError(f"customer {d['customer_id']} was recycled after deal {d['id']} was won")


def test_the_living_pool_follows_other_team_rules(tmp_path: Path) -> None:
    """Per-grade thresholds, one lock a rep and five warning days: still nothing due at the
    clock, the locks within the cap, warnings within the days, recycles at the grade's days."""
    from salescli.core.paths import url_for
    from salescli.domain.pool import RecycleRules, parse_recycle_reason
    from salescli.store.engine import open_store
    from salescli.store.seed.generator import SeedRules, generate

    recycle = RecycleRules(10, 20, {"A": 25}, {"A": 45})
    rules = SeedRules(max_owned=15, forgotten_days={"A": 14, "B": 30, "C": 90}, recycle=recycle, region="CN",
                      max_locked=1, warn_days=5)
    url = url_for(str(tmp_path / "rules.db"))
    store = open_store(url)
    try:
        generate(store, now=NOW, seed=5, reps=REPS, customers=120, follow_ups=1000, rules=rules)
    finally:
        store.dispose()
    state = _pool_state(url, recycle, warn_days=5)
    for rep, mine in state.items():
        assert mine["due"] == [] and len(mine["locked"]) <= 1, (rep, mine)
    assert sum(len(mine["warned"]) for mine in state.values()) >= len(REPS)
    allowed = {"A": {("no_follow_up", 25), ("no_deal", 45)}}
    for e in _departures(url):
        if e["kind"] == "recycle":
            assert parse_recycle_reason(e["reason"]) in allowed.get(e["grade"], {("no_follow_up", 10),
                                                                                ("no_deal", 20)}), e
