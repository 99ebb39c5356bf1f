"""`salescli demo` and the seeded generator behind it (services/demo.py, store/seed/)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

NOW = "2026-11-23T09:00:00+08:00"  # the conftest clock

AGENDA_SECTIONS = ("Overdue tasks", "Due today", "Birthdays this week", "Forgotten customers")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_builds_a_store_and_shows_a_full_agenda(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    run = sqlite_cli.ok("demo", "--path", str(target))
    assert target.exists()
    assert "Built a demo store" in run.stdout and "160 customers" in run.stdout
    assert "Agenda for alice" in run.stdout
    for title in AGENDA_SECTIONS:
        assert title in run.stdout, f"{title!r} missing from the demo agenda:\n{run.stdout}"
    assert f"SALESCLI_DB={target}" in run.stdout


def test_demo_is_fast() -> None:
    from salescli.services.demo import build_demo

    started = time.perf_counter()
    summary = build_demo(Path(os.environ["SALESCLI_DB"]).with_name("fast.db"), replace=False)
    assert time.perf_counter() - started < 5
    assert summary.users == 6 and summary.customers == 160 and summary.follow_ups == 3000


def test_two_builds_are_identical(sqlite_cli, tmp_path: Path) -> None:
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    sqlite_cli.ok("demo", "--path", str(first), "--quiet")
    sqlite_cli.ok("demo", "--path", str(second), "--quiet")
    listings = (["customer", "list", "--all", "--json"], ["tasks", "--everyone", "--json"], ["user", "list", "--json"])
    for args in listings:
        one = sqlite_cli.ok("--db", str(first), *args).json()
        two = sqlite_cli.ok("--db", str(second), *args).json()
        assert one and one == two, f"{' '.join(args)} differs between two builds"
    card_one = sqlite_cli.ok("--db", str(first), "customer", "show", "1", "--json").json()
    card_two = sqlite_cli.ok("--db", str(second), "customer", "show", "1", "--json").json()
    assert card_one == card_two


def test_acting_user_is_a_rep_with_work(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    sqlite_cli.ok("demo", "--path", str(target), "--quiet")
    users = sqlite_cli.ok("--db", str(target), "user", "list", "--json").json()
    assert len(users) == 6 and "alice" in {u["handle"] for u in users}
    assert any(u["name"] != u["handle"] and not u["name"].isascii() for u in users)  # Chinese names too
    mine = sqlite_cli.ok("--db", str(target), "customer", "list", "--json").json()
    assert 0 < len(mine) <= 20 and all(c["owner"] == "alice" for c in mine)
    tasks = sqlite_cli.ok("--db", str(target), "tasks", "--json").json()
    assert tasks and all(t["assignee"] == "alice" for t in tasks)
    agenda = sqlite_cli.ok("--db", str(target), "agenda", "--json").json()
    counts = {s["key"]: len(s["items"]) for s in agenda["sections"]}
    assert counts["overdue_tasks"] >= 2 and counts["due_today"] >= 2
    assert counts["birthdays"] >= 1 and counts["forgotten"] >= 1
    # The demo store works like any store: log a follow-up and the task it closes goes away.
    task = tasks[0]
    sqlite_cli.ok("--db", str(target), "log", str(task["customer_id"]), "Called back", "--json")
    left = {t["id"] for t in sqlite_cli.ok("--db", str(target), "tasks", "--json").json()}
    assert task["id"] not in left


def test_demo_for_another_acting_user(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    run = sqlite_cli.ok("demo", "--path", str(target), env={"SALESCLI_USER": "zoe"})
    assert "Agenda for zoe" in run.stdout and "Overdue tasks" in run.stdout
    users = sqlite_cli.ok("--db", str(target), "user", "list", "--json", env={"SALESCLI_USER": "zoe"}).json()
    assert "zoe" in {u["handle"] for u in users} and len(users) == 6


def test_existing_store_is_refused_without_force(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "work.db"
    sqlite_cli.ok("--db", str(target), "customer", "add", "Acme Trading Co., Ltd.")
    before = _digest(target)
    run = sqlite_cli("demo", "--path", str(target))
    assert run.exit_code == 1
    assert "--force" in run.stderr and str(target) in run.stderr
    assert _digest(target) == before
    names = [c["name"] for c in sqlite_cli.ok("--db", str(target), "customer", "list", "--all", "--json").json()]
    assert names == ["Acme Trading Co., Ltd."]
    sqlite_cli.ok("demo", "--path", str(target), "--force", "--quiet")
    names = [c["name"] for c in sqlite_cli.ok("--db", str(target), "customer", "list", "--all", "--json").json()]
    assert len(names) > 130 and "Acme Trading Co., Ltd." not in names  # a few demo customers are archived


def test_default_path_is_rebuilt_each_time(sqlite_cli) -> None:
    from salescli.core.paths import default_demo_path

    sqlite_cli.ok("demo", "--quiet")
    sqlite_cli.ok("demo", "--quiet")
    assert default_demo_path().exists()


def test_a_folder_is_not_a_demo_path(sqlite_cli, tmp_path: Path) -> None:
    run = sqlite_cli("demo", "--path", str(tmp_path), "--force")
    assert run.exit_code == 2 and "folder" in run.stderr


def test_generate_writes_consistent_data(cli, backend: str) -> None:
    from sqlalchemy import and_, func, select

    from salescli.core.paths import url_for
    from salescli.services.demo import seed_store
    from salescli.store.engine import open_store
    from salescli.store.tables import contacts, customers, follow_ups, ownership_events, users
    Contact = contacts.c
    Customer = customers.c
    FollowUp = follow_ups.c
    OwnershipEvent = ownership_events.c
    User = users.c

    url = url_for(os.environ["SALESCLI_DB"])
    now = datetime.fromisoformat(NOW)
    reps = [("alice", "Alice Chen"), ("wangfang", "王芳"), ("lilei", "李雷"), ("bob", "Bob Tan")]
    summary = seed_store(url, now=now, seed=7, reps=reps, customers=80, contacts_per_customer=1.5, follow_ups=600,
                         owned_per_rep=8).to_json()
    store = open_store(url)
    try:
        assert summary["customers"] == 80 and summary["follow_ups"] == 600 and summary["contacts"] == 120
        is_open = and_(FollowUp.due_on.is_not(None), FollowUp.closed_at.is_(None))
        with store.sqlalchemy_engine().connect() as s:
            latest = (
                select(FollowUp.customer_id, func.max(FollowUp.happened_at).label("latest"))
                .group_by(FollowUp.customer_id).subquery()
            )
            mismatched = s.execute(
                select(func.count()).select_from(customers)
                .outerjoin(latest, latest.c.customer_id == Customer.id)
                .where(Customer.last_contact_at.is_distinct_from(latest.c.latest))
            ).scalar_one()
            assert mismatched == 0
            owned = dict(s.execute(
                select(Customer.owner_id, func.count()).where(Customer.owner_id.is_not(None))
                .group_by(Customer.owner_id)
            ).all())
            assert len(owned) == 4 and max(owned.values()) <= 8
            assert s.execute(select(func.count()).where(Customer.owner_id.is_(None))).scalar_one() == 80 - sum(
                owned.values()
            )
            per_rep = dict(s.execute(
                select(FollowUp.assignee_id, func.count()).where(is_open).group_by(FollowUp.assignee_id)
            ).all())
            assert set(per_rep) == set(owned) and sum(per_rep.values()) == summary["open_tasks"] > 0
            overdue = s.execute(
                select(func.count(func.distinct(FollowUp.assignee_id))).where(is_open, FollowUp.due_on < now.date())
            ).scalar_one()
            assert overdue == 4  # every rep has something overdue
            most_open = s.execute(
                select(func.count()).where(is_open).group_by(FollowUp.customer_id).order_by(func.count().desc())
            ).scalars().first()
            assert most_open == 1
            # Open tasks sit on owned customers, assigned to their owner.
            stray = s.execute(
                select(func.count()).select_from(follow_ups).join(customers, Customer.id == FollowUp.customer_id)
                .where(is_open, FollowUp.assignee_id.is_distinct_from(Customer.owner_id))
            ).scalar_one()
            assert stray == 0
            without_event = s.execute(
                select(func.count()).select_from(customers).where(
                    Customer.owner_id.is_not(None),
                    ~Customer.id.in_(select(OwnershipEvent.customer_id).where(OwnershipEvent.kind == "create")),
                )
            ).scalar_one()
            assert without_event == 0
            assert s.execute(select(func.count()).where(FollowUp.happened_at > now)).scalar_one() == 0
            keyed = s.execute(
                select(func.count()).where(Contact.phone.is_not(None), Contact.phone_key.is_(None))
            ).scalar_one()
            assert keyed == 0
            assert s.execute(select(func.count(User.id))).scalar_one() == 4
    finally:
        store.dispose()
    # Ids were assigned by the generator: the store keeps working (PostgreSQL sequences moved on).
    added = cli.ok("customer", "add", "Brand New Widgets Ltd.", "--json").json()
    assert added["id"] == 81 and added["owner"] == "alice"
    cli.ok("log", str(added["id"]), "First call", "--next", "tomorrow")
    assert cli.ok("agenda", "--json").json()["user"] == "alice"


def test_generate_needs_an_aware_clock(backend: str) -> None:
    from salescli.core.paths import url_for
    from salescli.services.demo import seed_store

    with pytest.raises(ValueError, match="aware"):
        seed_store(url_for(os.environ["SALESCLI_DB"]), now=datetime(2026, 11, 23, 9, 0), customers=5, follow_ups=10)


def test_generated_history_follows_the_stores_team_rules(cli, backend: str) -> None:
    """The generator reads the team rules from the store and applies them through the
    domain functions: change a rule and the generated store changes with it."""
    from datetime import timedelta

    from sqlalchemy import func, select

    from salescli.core.paths import url_for
    from salescli.domain.pool import RecycleRules, parse_recycle_reason, recycle_due
    from salescli.services.demo import seed_store
    from salescli.store.engine import open_store
    from salescli.store.tables import customers, follow_ups, ownership_events
    Customer = customers.c
    FollowUp = follow_ups.c
    OwnershipEvent = ownership_events.c

    cli.ok("config", "set", "pool.max_owned", "5")
    cli.ok("config", "set", "pool.recycle_no_follow_up_days", "9")
    cli.ok("config", "set", "pool.recycle_no_deal_days", "60")
    url = url_for(os.environ["SALESCLI_DB"])
    now = datetime.fromisoformat(NOW)
    seed_store(url, now=now, seed=11, reps=[("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")],
               customers=120, follow_ups=1500)
    rules = RecycleRules(9, 60)
    store = open_store(url)
    try:
        with store.sqlalchemy_engine().connect() as s:
            owned = s.execute(
                select(func.count()).where(Customer.owner_id.is_not(None)).group_by(Customer.owner_id)
            ).scalars().all()
            assert owned and max(owned) <= 5
            recycles = s.execute(
                select(OwnershipEvent.customer_id, OwnershipEvent.at, OwnershipEvent.reason)
                .where(OwnershipEvent.kind == "recycle")
            ).all()
            assert recycles
            for customer_id, at, reason in recycles:
                # The rule and the days it allowed, as the product keeps them (present/pool_reasons.py).
                assert parse_recycle_reason(reason) in {("no_follow_up", 9), ("no_deal", 60)}, reason
                created = s.execute(
                    select(OwnershipEvent.at).where(OwnershipEvent.customer_id == customer_id,
                                                    OwnershipEvent.kind == "create")
                ).scalar_one()
                last_before = s.execute(
                    select(func.max(FollowUp.happened_at)).where(FollowUp.customer_id == customer_id,
                                                                 FollowUp.happened_at < at)
                ).scalar_one()
                due, _rule = recycle_due(rules, claimed_at=created, last_follow_up=last_before)
                assert at >= due - timedelta(seconds=1), (customer_id, at, due)
    finally:
        store.dispose()


def _owners(path: Path) -> tuple[dict[int, int | None], int]:
    """Who owns which customer, and how many recycle events there are, read from the file
    (commands may recycle before they read)."""
    with closing(sqlite3.connect(path)) as db:
        owners = dict(db.execute("SELECT id, owner_id FROM customers").fetchall())
        recycles = db.execute("SELECT count(*) FROM ownership_events WHERE kind = 'recycle'").fetchone()[0]
    return owners, recycles


def test_the_demo_has_a_living_pool(sqlite_cli, tmp_path: Path) -> None:
    """At the demo's clock the pool rules are in force (six reps) yet the first commands
    recycle nobody's customer; each rep sees a recycle warning or two, and has a locked
    customer or two (docs/pool.md)."""
    from salescli.services.agenda import registered_sections

    target = tmp_path / "demo.db"
    sqlite_cli.ok("demo", "--path", str(target), "--quiet")
    owners, recycles = _owners(target)
    owned = sum(owner is not None for owner in owners.values())
    assert 0.5 * len(owners) < owned < len(owners) and recycles > 0  # most stay with their owners
    users = [u["handle"] for u in sqlite_cli.ok("--db", str(target), "user", "list", "--json").json()]
    with_warnings = "recycle_warnings" in registered_sections()
    for handle in users:
        env = {"SALESCLI_USER": handle}
        agenda = sqlite_cli.ok("--db", str(target), "agenda", "--json", env=env).json()
        if with_warnings:
            warned = next(s["items"] for s in agenda["sections"] if s["key"] == "recycle_warnings")
            assert 1 <= len(warned) <= 2, f"{handle}: {warned}"
        sqlite_cli.ok("--db", str(target), "customer", "list", "--json", env=env)
    assert _owners(target) == (owners, recycles), "a command recycled customers of the demo"
    with closing(sqlite3.connect(target)) as db:
        locks = dict(db.execute(
            "SELECT owner_id, count(*) FROM customers WHERE locked_at IS NOT NULL GROUP BY owner_id").fetchall())
    assert len(locks) == len(users) and set(locks.values()) <= {1, 2}


def test_the_demo_leaves_team_rules_in_the_reps_file_alone(sqlite_cli, tmp_path: Path) -> None:
    """They belong to the rep's real store, not to a throwaway demo."""
    config = Path(os.environ["SALESCLI_CONFIG"])
    config.write_text("[pool]\nmax_owned = 8\n", encoding="utf-8")
    run = sqlite_cli.ok("demo", "--path", str(tmp_path / "demo.db"))
    assert "Agenda for alice" in run.stdout and "Note:" not in run.stderr
    assert config.read_text(encoding="utf-8") == "[pool]\nmax_owned = 8\n"


def test_the_default_demo_is_rebuilt_only_while_nobody_has_written_to_it(sqlite_cli) -> None:
    from checks import one_line_error
    from salescli.core.paths import default_demo_path

    demo = str(default_demo_path())
    sqlite_cli.ok("demo")  # showing its agenda is not a change
    sqlite_cli.ok("--db", demo, "agenda")  # nor is reading it
    sqlite_cli.ok("--db", demo, "customer", "list", "--all")
    sqlite_cli.ok("demo", "--quiet")
    # A new record: the next `demo` refuses, and says how to rebuild anyway.
    sqlite_cli.ok("--db", demo, "customer", "add", "My Real Customer")
    run = sqlite_cli("demo", "--quiet")
    one_line_error(run, 1, demo, "--force")
    assert run.stdout == ""
    names = [c["name"] for c in sqlite_cli.ok("--db", demo, "customer", "list", "--all", "--json").json()]
    assert "My Real Customer" in names
    sqlite_cli.ok("demo", "--quiet", "--force")
    names = [c["name"] for c in sqlite_cli.ok("--db", demo, "customer", "list", "--all", "--json").json()]
    assert "My Real Customer" not in names
    # An edit counts as much as a new record.
    sqlite_cli.ok("--db", demo, "customer", "archive", "1")
    one_line_error(sqlite_cli("demo", "--quiet"), 1, "--force")
    sqlite_cli.ok("demo", "--quiet", "--force")
    sqlite_cli.ok("demo", "--quiet")


def test_a_demo_path_in_a_missing_folder_is_bad_input(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "demo.db"
    run = sqlite_cli("demo", "--path", str(target), "--quiet")
    assert run.exit_code == 2 and str(target) in run.stderr
    assert not (tmp_path / "no").exists()
