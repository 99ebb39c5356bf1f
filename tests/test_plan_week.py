"""`salescli plan week` (services/plan.py, docs/plan.md): candidates from every source with
their purpose and score parts, capacities, city grouping, weekends, overflow, the
iCalendar export and recording the plan as tasks.

The clock is Monday 2026-11-23 09:00 in Shanghai (tests/conftest.py); the plan covers
Mon 23 to Fri 27 unless weekends are on.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from checks import one_line_error
from pipeline_rows import at, insert_deal, insert_payment

LONG_AGO = {"SALESCLI_NOW": "2026-08-01T09:00:00+08:00"}
LAST_WEEK = {"SALESCLI_NOW": "2026-11-10T09:00:00+08:00"}


def _add(cli, name: str, *args: str, env: dict[str, str] | None = None) -> int:
    return cli.ok("customer", "add", name, "--json", *args, env=env).json()["id"]


def _book(cli) -> dict[str, int]:
    """One customer per source (see each line)."""
    ids = {}
    # an overdue task (due Nov 13: 10 days before the start): a problem to handle
    ids["overdue"] = _add(cli, "Acme", "--city", "上海", env=LAST_WEEK)
    cli.ok("log", "Acme", "Called", "--next", "2026-11-13", env=LAST_WEEK)
    # a visit task due Wednesday: a fixed-day visit
    ids["due"] = _add(cli, "Beta", "--city", "杭州", env=LAST_WEEK)
    cli.ok("log", "Beta", "Visited", "--kind", "visit", "--next", "2026-11-25", env=LAST_WEEK)
    # two A customers in 苏州 never visited: service visits on one day
    ids["a1"] = _add(cli, "Gamma", "--grade", "A", "--city", "苏州", env=LAST_WEEK)
    ids["a2"] = _add(cli, "Delta", "--grade", "A", "--city", "苏州", env=LAST_WEEK)
    # a deal closing Wednesday: advance the deal
    ids["closing"] = _add(cli, "Epsilon", "--city", "北京", env=LAST_WEEK)
    insert_deal(customer_id=ids["closing"], title="E deal", stage="proposal", amount=20000,
                close_on=date(2026, 11, 25), created_at=at("2026-11-20T10:00+08:00"))
    # an overdue payment of 100,000 on a won deal: collect in person
    ids["payment"] = _add(cli, "Zeta", "--city", "上海", env=LAST_WEEK)
    won = insert_deal(customer_id=ids["payment"], title="Z deal", stage="negotiation", status="won",
                      amount=100000, created_at=at("2026-10-01T10:00+08:00"), closed_at=at("2026-11-01T10:00+08:00"))
    insert_payment(won, amount=100000, due_on=date(2026, 11, 16), created_at=at("2026-11-01T10:00+08:00"))
    # a contract ending in 17 days: take an order
    ids["contract"] = _add(cli, "Eta", env=LAST_WEEK)
    insert_deal(customer_id=ids["contract"], title="H deal", stage="negotiation", status="won", amount=5000,
                contract_end=date(2026, 12, 10), created_at=at("2026-10-01T10:00+08:00"),
                closed_at=at("2026-10-20T10:00+08:00"))
    # untouched since August, grade C (90 days): forgotten
    ids["forgotten"] = _add(cli, "Theta", "--grade", "C", env=LONG_AGO)
    # nothing to do: not planned at all
    _add(cli, "Quiet", env=LAST_WEEK)
    return ids


def _plan(cli, *args: str, **kwargs) -> dict:  # noqa: ANN003
    return cli.ok("plan", "week", "--json", *args, **kwargs).json()


def _by_customer(data: dict) -> dict[int, dict]:
    return {i["customer_id"]: i for i in data["items"]}


def test_every_source_is_planned_with_its_purpose_kind_and_parts(cli) -> None:
    ids = _book(cli)
    data = _plan(cli)
    assert (data["week"], data["start"], data["last"]) == ("2026-W48", "2026-11-23", "2026-11-27")
    assert data["days"] == [f"2026-11-{d}" for d in range(23, 28)]
    assert (data["calls_per_day"], data["visits_per_day"], data["weekends"]) == (8, 3, False)
    items = _by_customer(data)
    assert set(items) == {v for k, v in ids.items()}  # Quiet has no reason
    want = {
        "overdue": ("call", "handle_problem", ["overdue_task"]),
        "due": ("visit", "develop", ["due_task"]),
        "a1": ("visit", "service", ["a_visit_due", "a_grade"]),
        "a2": ("visit", "service", ["a_visit_due", "a_grade"]),
        "closing": ("call", "advance_deal", ["closing_deal"]),
        "payment": ("visit", "collect_payment", ["payment_due"]),
        "contract": ("call", "take_order", ["contract_ending"]),
        "forgotten": ("call", "develop", ["forgotten"]),
    }
    for key, (kind, purpose, reasons) in want.items():
        item = items[ids[key]]
        assert (item["kind"], item["purpose"], [p["reason"] for p in item["parts"]]) == (kind, purpose, reasons), key
        assert item["score"] == sum(p["points"] for p in item["parts"])
    assert items[ids["overdue"]]["parts"][0] == {"reason": "overdue_task", "points": 70, "value": 10,
                                                   "amount": None, "currency": None}
    assert items[ids["overdue"]]["task_id"] is not None
    assert items[ids["due"]]["day"] == "2026-11-25"  # the task's day
    assert items[ids["payment"]]["parts"][0] == {"reason": "payment_due", "points": 35 + 14 + 15, "value": 7,
                                                 "amount": "100000.00", "currency": "CNY"}
    assert items[ids["payment"]]["deal_id"] is not None
    # the two 苏州 visits share a day, next to each other
    a1, a2 = items[ids["a1"]], items[ids["a2"]]
    assert a1["day"] == a2["day"] and abs(a1["position"] - a2["position"]) == 1
    assert data["overflow"] == []


def test_table_shows_days_parts_in_words_and_a_hint(sqlite_cli) -> None:
    _book(sqlite_cli)
    out = sqlite_cli.ok("plan", "week").stdout
    # one city a day: 上海 on Monday, the two 苏州 visits on Tuesday, the task's own day Wednesday
    assert "Mon Nov 23 · 1 visit, 4 calls" in out
    assert "Tue Nov 24 · 2 visits, 0 calls" in out
    assert "Wed Nov 25 · 1 visit, 0 calls" in out
    assert "Thu Nov 26 · 0 visits, 0 calls: nothing planned." in out
    assert "overdue task (10 d) +70" in out and "payment overdue (7 d) ¥100,000.00 +64" in out
    assert "collect payment" in out and "handle problem" in out
    assert "Week 2026-W48: 4 visits and 4 calls planned over 5 days, 0 not planned." in out
    assert "--commit" in out.splitlines()[-1]


def test_capacity_overflow_and_the_same_json_twice(sqlite_cli) -> None:
    ids = _book(sqlite_cli)
    data = _plan(sqlite_cli, "--calls-per-day", "1", "--visits-per-day", "1", "--start", "fri")
    assert data["days"] == ["2026-11-27"]
    kinds = [i["kind"] for i in data["items"]]
    assert kinds.count("visit") == 1 and kinds.count("call") == 1
    assert len(data["overflow"]) == len(ids) - 2
    assert {o["reason"] for o in data["overflow"]} == {"no_call_slot", "no_visit_slot"}
    assert data["overflow"] == sorted(data["overflow"], key=lambda o: (-o["score"], o["customer_id"]))
    again = sqlite_cli.ok("plan", "week", "--json", "--calls-per-day", "1", "--visits-per-day", "1", "--start", "fri")
    assert again.json() == data
    text = sqlite_cli.ok("plan", "week", "--calls-per-day", "1", "--visits-per-day", "1", "--start", "fri").stdout
    assert "Not planned" in text and "no call slot left this week" in text


def test_weekends_off_by_default_and_on_when_asked(sqlite_cli) -> None:
    _book(sqlite_cli)
    saturday = {"SALESCLI_NOW": "2026-11-28T09:00:00+08:00"}
    assert _plan(sqlite_cli, env=saturday)["start"] == "2026-11-30"  # the next Monday
    assert _plan(sqlite_cli, "--weekends", env=saturday)["days"] == ["2026-11-28", "2026-11-29"]
    assert len(_plan(sqlite_cli, "--weekends")["days"]) == 7
    sqlite_cli.ok("config", "set", "plan.weekends", "true")
    assert _plan(sqlite_cli, "--start", "2026-W49")["days"][-1] == "2026-12-06"


@pytest.mark.parametrize("args, sentence", [
    (["--calls-per-day", "0"], "Error: --calls-per-day must be a whole number from 1 to 200."),
    (["--visits-per-day", "-2"], "Error: --visits-per-day must be a whole number from 1 to 50."),
])
def test_a_non_positive_capacity_is_bad_usage(sqlite_cli, args, sentence) -> None:
    run = sqlite_cli("plan", "week", *args)
    assert run.exit_code == 2 and run.stderr.splitlines()[0] == sentence, run.stderr


@pytest.mark.parametrize("args, needle", [
    (["--start", "someday"], "someday"),
    (["--start", "2026-W60"], "2026-W60"),
    (["--start", "2026-11-20"], "before today"),
])
def test_bad_options_exit_2_with_one_sentence(sqlite_cli, args, needle) -> None:
    one_line_error(sqlite_cli("plan", "week", *args), 2, needle)


def test_ics_parses_back_with_one_event_per_item(sqlite_cli, tmp_path) -> None:
    from icalendar import Calendar

    _book(sqlite_cli)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "week.ics"
    data = sqlite_cli.ok("plan", "week", "--json", "--ics", str(path)).json()
    cal = Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(data["items"])
    assert str(cal["VERSION"]) == "2.0" and "salescli" in str(cal["PRODID"])
    by_uid = {str(e["UID"]): e for e in events}
    payment = next(i for i in data["items"] if i["purpose"] == "collect_payment")
    event = by_uid[f"salescli-2026-W48-alice-{payment['customer_id']}@salescli"]
    assert event.decoded("DTSTART") == date.fromisoformat(payment["day"])
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).days == 1
    assert str(event["SUMMARY"]) == "Visit Zeta: collect payment"
    assert "payment overdue (7 d)" in str(event["DESCRIPTION"]) and str(event["LOCATION"]) == "上海"
    assert event.decoded("DTSTAMP").isoformat() == "2026-11-23T01:00:00+00:00"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["week.ics"]  # no temporary file left


@pytest.mark.parametrize("where", ["missing/week.ics", ".", "locked/week.ics"])
def test_an_unwritable_ics_path_exits_2_and_commits_nothing(sqlite_cli, tmp_path, where) -> None:
    _book(sqlite_cli)
    (tmp_path / "locked").mkdir()
    os.chmod(tmp_path / "locked", 0o500)
    if where == "locked/week.ics" and os.access(tmp_path / "locked", os.W_OK):
        pytest.skip("running as root: permissions are not enforced")
    path = str(tmp_path / where)
    one_line_error(sqlite_cli("plan", "week", "--commit", "--ics", path), 2, "calendar file")
    assert all(t["kind"] != "plan" for t in sqlite_cli.ok("tasks", "--json").json())


def test_commit_makes_tasks_once_and_replaces_the_items(cli) -> None:
    ids = _book(cli)
    before = {t["id"] for t in cli.ok("tasks", "--json").json()}
    run = cli.ok("plan", "week", "--commit", "--json").json()
    summary = run["committed"]
    assert summary == {"created_tasks": 6, "linked_tasks": 2, "replaced_items": 0}
    tasks = cli.ok("tasks", "--json").json()
    made = [t for t in tasks if t["id"] not in before]
    assert len(made) == 6 and all(t["kind"] == "plan" for t in made)
    gamma = next(t for t in made if t["customer_id"] == ids["a1"])
    assert gamma["action"] == "Visit: service (plan 2026-W48)"
    # the open tasks are linked, not duplicated
    items = _by_customer(run)
    assert items[ids["overdue"]]["task_id"] in before and items[ids["due"]]["task_id"] in before
    again = cli.ok("plan", "week", "--commit", "--json").json()
    assert again["committed"] == {"created_tasks": 0, "linked_tasks": 8, "replaced_items": 8}
    assert len(cli.ok("tasks", "--json").json()) == len(tasks)
    assert [i["task_id"] for i in again["items"]] == [i["task_id"] for i in run["items"]]
    assert "planned" in cli.ok("agenda").stdout or "plan 2026-W48" in cli.ok("agenda").stdout


def test_a_plan_task_is_not_a_contact(sqlite_cli) -> None:
    ids = _book(sqlite_cli)
    sqlite_cli.ok("plan", "week", "--commit")
    forgotten = [r["customer_id"] for r in sqlite_cli.ok("forgotten", "--json").json()]
    assert ids["forgotten"] in forgotten
    history = sqlite_cli.ok("customer", "history", "Theta").stdout
    assert "planned" in history
    one_line_error(sqlite_cli("log", "Theta", "x", "--kind", "plan"), 2)


def test_recycle_warnings_are_planned_as_development(sqlite_cli) -> None:
    year_ago = {"SALESCLI_NOW": "2025-11-01T09:00:00+08:00"}
    old = _add(sqlite_cli, "Old C", "--grade", "C", env=year_ago)
    sqlite_cli.ok("user", "add", "bob")  # two reps: the pool rules are in force from now
    data = _plan(sqlite_cli, env={"SALESCLI_NOW": "2026-12-07T09:00:00+08:00"})
    item = _by_customer(data)[old]
    assert item["purpose"] == "develop"
    assert [p["reason"] for p in item["parts"]] == ["recycle_warning", "forgotten"]
    assert item["parts"][0]["value"] == 1  # due back on Tuesday


def test_a_deal_in_its_last_stage_is_a_visit_and_no_visit_slots_make_calls(sqlite_cli) -> None:
    late = _add(sqlite_cli, "Late", "--city", "上海", env=LAST_WEEK)
    insert_deal(customer_id=late, title="L deal", stage="negotiation", amount=500, close_on=date(2026, 11, 27),
                created_at=at("2026-11-20T10:00+08:00"))
    [item] = _plan(sqlite_cli)["items"]
    assert (item["kind"], item["purpose"], item["downgraded"]) == ("visit", "advance_deal", False)
    sqlite_cli.ok("config", "set", "plan.visits_per_day", "0")  # the team plans no visits
    [item] = _plan(sqlite_cli)["items"]
    assert (item["kind"], item["downgraded"]) == ("call", True)
    assert "Call (was a visit)" in sqlite_cli.ok("plan", "week").stdout


def test_part_words_read_a_part_or_its_stored_json() -> None:
    from salescli.present.plan import part_words, purpose_words

    stored = {"reason": "due_task", "points": 30, "value": "2026-11-25", "amount": None, "currency": None}
    assert part_words(stored) == "task due Wed Nov 25 +30"
    paid = {"reason": "payment_due", "points": 35, "value": 0, "amount": "1200.50", "currency": "CNY"}
    assert part_words(paid) == "payment due today ¥1,200.50 +35"
    assert purpose_words("gather_info") == "gather information"


def test_an_a_customer_is_due_for_a_visit_by_its_last_visit_only(cli) -> None:
    """`plan.a_visit_days` (30) counts from the last visit: a recent visit keeps an A customer
    off the plan, a call does not count, an old visit gives the days past due as the part."""
    recent = _add(cli, "Recent", "--grade", "A", env=LONG_AGO)
    cli.ok("log", "Recent", "Visited", "--kind", "visit", "--at", "2026-11-13 10:00")
    old = _add(cli, "Old", "--grade", "A", env=LONG_AGO)
    cli.ok("log", "Old", "Visited", "--kind", "visit", "--at", "2026-10-14 10:00")
    cli.ok("log", "Old", "Called", "--at", "2026-11-13 10:00")
    items = _by_customer(_plan(cli))
    assert recent not in items
    parts = {p["reason"]: p for p in items[old]["parts"]}
    assert (items[old]["kind"], parts["a_visit_due"]["value"]) == ("visit", 40 - 30)
