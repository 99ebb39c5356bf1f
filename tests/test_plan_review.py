"""`salescli plan review`: a committed week plan against the follow-ups logged that week
(docs/plan.md, "Plan versus actual").

Plans are written straight into `plan_items` (as `plan week --commit` stores them), so each
case is exact; follow-ups are logged with the real `log` command. The clock is Monday
2026-11-23 09:00 in Shanghai, so the default week reviewed is 2026-W47 (Nov 16 - 22).
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from pipeline_rows import _session, at, user_id
from salescli.domain.plan_review import Contact, Planned, judge
from salescli.services.context import close_all

W47 = "2026-W47"


def _customers(cli, *names: str) -> dict[str, int]:
    return {name: cli.ok("customer", "add", name, "--json").json()["id"] for name in names}


def _task(customer_id: int, *, happened: datetime, due: date, closed: datetime | None = None) -> int:
    """A plan's task (a follow-up of kind `plan`), as a committed plan records it."""
    uid = user_id()
    with _session() as s:
        return s.execute(
            "INSERT INTO follow_ups (customer_id, author_id, assignee_id, happened_at, kind, summary, due_on,"
            " closed_at, created_at) VALUES (:c, :u, :u, :h, 'plan', 'Planned', :due, :closed, :h) RETURNING id",
            {"c": customer_id, "u": uid, "h": happened, "due": due, "closed": closed},
        ).scalar()


def _plan(items: list[tuple[str, str, int, str]], *, week: str = W47, task_ids: dict[int, int] | None = None,
          replaced: bool = False) -> None:
    """Committed items: (day, kind, customer id, purpose), positions in the order given per day."""
    uid = user_id()
    positions: dict[str, int] = {}
    with _session() as s:
        for day, kind, customer, purpose in items:
            positions[day] = positions.get(day, 0) + 1
            s.execute(
                "INSERT INTO plan_items (user_id, week, day, position, customer_id, kind, purpose, score, parts,"
                " task_id, committed_at, replaced_at) VALUES (:u, :w, :d, :p, :c, :k, :purpose, 50, '[]', :t,"
                " :at, :replaced)",
                {"u": uid, "w": week, "d": date.fromisoformat(day), "p": positions[day], "c": customer, "k": kind,
                 "purpose": purpose, "t": (task_ids or {}).get(customer),
                 "at": at("2026-11-15T20:00+08:00"), "replaced": at("2026-11-15T21:00+08:00") if replaced else None},
            )
    close_all()


def _week47(cli) -> dict[str, int]:
    ids = _customers(cli, "Acme", "Globex", "Initech", "Umbrella", "Stark", "Hooli", "Wayne")
    stark_task = _task(ids["Stark"], happened=at("2026-11-15T20:00+08:00"), due=date(2026, 11, 20))
    _plan([("2026-11-16", "visit", ids["Acme"], "service"),
           ("2026-11-17", "visit", ids["Globex"], "take_order"),
           ("2026-11-18", "call", ids["Initech"], "gather_info"),
           ("2026-11-19", "visit", ids["Umbrella"], "collect_payment"),
           ("2026-11-20", "call", ids["Stark"], "advance_deal")], task_ids={ids["Stark"]: stark_task})
    # A plan committed earlier for the same week and replaced: never reviewed.
    _plan([("2026-11-16", "call", ids["Wayne"], "service")], replaced=True)
    cli.ok("log", "Acme", "Visited", "--kind", "visit", "--at", "2026-11-16 10:00")
    cli.ok("log", "Globex", "Called instead", "--kind", "call", "--at", "2026-11-17 11:00")
    cli.ok("log", "Initech", "Called late", "--kind", "call", "--at", "2026-11-20 15:00")
    cli.ok("log", "Hooli", "Dropped in", "--kind", "visit", "--at", "2026-11-19 14:00")
    cli.ok("log", "Wayne", "Saturday call", "--kind", "call", "--at", "2026-11-21 10:00")
    cli.ok("log", "Acme", "Next week", "--kind", "call", "--at", "2026-11-23 08:00")  # outside W47
    return ids


def test_review_statuses_rates_and_json_shape(cli) -> None:
    ids = _week47(cli)
    data = cli.ok("plan", "review", "--json").json()
    assert data["week"] == W47 and data["committed"] is True
    assert (data["start"], data["last"]) == ("2026-11-16", "2026-11-22")
    items = {item["customer"]: item for item in data["items"]}
    assert [item["customer"] for item in data["items"]] == ["Acme", "Globex", "Initech", "Umbrella", "Stark"]
    acme, globex, initech = items["Acme"], items["Globex"], items["Initech"]
    assert (acme["status"], acme["timing"], acme["kind_matched"], acme["done_on"]) == ("done", "on_day", True,
                                                                                         "2026-11-16")
    # A planned visit done as a call: done, but not the planned kind.
    assert (globex["status"], globex["done_kind"], globex["kind_matched"]) == ("done", "call", False)
    assert (initech["status"], initech["timing"], initech["done_on"]) == ("done", "late", "2026-11-20")
    assert items["Umbrella"]["status"] == "swapped"
    assert (items["Umbrella"]["swapped_with"], items["Umbrella"]["swapped_with_id"]) == ("Hooli", ids["Hooli"])
    # Its plan task (kind `plan`) is no contact: still missed.
    assert items["Stark"]["status"] == "missed" and items["Stark"]["task_id"] is not None
    assert data["summary"] == {
        "planned": 5, "done": 3, "swapped": 1, "missed": 1, "pending": 0,
        "visits_planned": 3, "visits_done": 1, "visit_rate": "0.3333",
        "calls_planned": 2, "calls_done": 1, "call_rate": "0.5000", "unplanned": 2,
    }


def test_review_table_and_summary(sqlite_cli) -> None:
    _week47(sqlite_cli)
    out = sqlite_cli.ok("plan", "review", "--week", "2026-11-18").stdout
    assert "2026-W47" in out and "Plan review" in out
    for words in ("on the day", "late", "as a call", "Hooli instead", "missed"):
        assert words in out, (words, out)
    assert "Visits: 1 of 3 made as planned (33.3%)." in out
    assert "Calls: 1 of 2 done (50.0%)." in out
    assert "2 follow-ups outside the plan." in out


def test_current_week_pending_and_closed_task(sqlite_cli) -> None:
    ids = _customers(sqlite_cli, "Acme", "Globex", "Initech")
    task = _task(ids["Initech"], happened=at("2026-11-22T20:00+08:00"), due=date(2026, 11, 23),
                 closed=at("2026-11-23T08:30+08:00"))
    _plan([("2026-11-23", "call", ids["Acme"], "service"), ("2026-11-23", "call", ids["Initech"], "service"),
           ("2026-11-24", "visit", ids["Globex"], "service")], week="2026-W48", task_ids={ids["Initech"]: task})
    data = sqlite_cli.ok("plan", "review", "--week", "2026-W48", "--json").json()
    status = {item["customer"]: item for item in data["items"]}
    assert status["Globex"]["status"] == "pending"  # tomorrow
    assert status["Acme"]["status"] == "missed"  # today, nothing logged yet
    # The item's task closed within the week without a logged contact: done.
    assert (status["Initech"]["status"], status["Initech"]["done_kind"]) == ("done", None)
    assert data["summary"]["pending"] == 1 and data["summary"]["visit_rate"] == "0.0000"


def test_no_committed_plan(sqlite_cli) -> None:
    run = sqlite_cli.ok("plan", "review")
    assert "No plan was committed for 2026-W47" in run.stdout and "plan week --commit" in run.stdout
    data = sqlite_cli.ok("plan", "review", "--json").json()
    assert data["committed"] is False and data["items"] == []
    assert data["summary"]["planned"] == 0 and data["summary"]["visit_rate"] is None


def test_bad_week_is_one_sentence(sqlite_cli) -> None:
    from checks import one_line_error

    one_line_error(sqlite_cli("plan", "review", "--week", "someday"), 2, "someday")


_DAYS = [date(2026, 11, 16 + i) for i in range(7)]


@given(
    items=st.lists(st.tuples(st.sampled_from(_DAYS), st.sampled_from(["call", "visit"]), st.integers(1, 6)),
                   max_size=8),
    contacts=st.lists(st.tuples(st.sampled_from(_DAYS), st.sampled_from(["call", "visit", "email"]),
                                st.integers(1, 9)), max_size=10),
)
def test_each_follow_up_serves_one_item(items, contacts) -> None:
    """Whatever the week: every item gets one status, and no follow-up does two items' work."""
    planned = [Planned(day, i, kind, customer, None) for i, (day, kind, customer) in enumerate(sorted(items))]
    logged = [Contact(i, customer, str(customer), kind, day)
              for i, (day, kind, customer) in enumerate(sorted(contacts))]
    verdicts = judge(planned, logged, date(2026, 11, 19))
    assert len(verdicts) == len(planned)
    used = [v.contact.id for v in verdicts if v.contact is not None]
    assert len(used) == len(set(used))
    in_plan = {p.customer_id for p in planned}
    for item, verdict in zip(planned, verdicts, strict=True):
        if verdict.status == "done":
            assert verdict.contact is not None and verdict.contact.customer_id == item.customer_id
        if verdict.status == "swapped":
            assert verdict.contact.customer_id not in in_plan and verdict.contact.day == item.day
        if verdict.status == "pending":
            assert item.day > date(2026, 11, 19)


def test_review_of_a_plan_committed_with_plan_week(sqlite_cli) -> None:
    """The whole path: `plan week --commit` on Monday, work logged during the week, the
    review on Friday."""
    friday = {"SALESCLI_NOW": "2026-11-27T18:00:00+08:00"}
    sqlite_cli.ok("customer", "add", "Globex", "--grade", "A")
    sqlite_cli.ok("customer", "add", "Acme", "--grade", "A")
    sqlite_cli.ok("customer", "add", "Hooli")
    sqlite_cli.ok("log", "Globex", "Call", "--at", "2026-11-10 10:00", "--next", "2026-11-24")
    sqlite_cli.ok("plan", "week", "--commit")
    planned = sqlite_cli.ok("plan", "review", "--week", "2026-W48", "--json", env=friday).json()["items"]
    assert {i["customer"]: i["kind"] for i in planned} == {"Acme": "visit", "Globex": "visit"}
    acme_day = next(i["day"] for i in planned if i["customer"] == "Acme")
    sqlite_cli.ok("log", "Globex", "Visited", "--kind", "visit", "--at", "2026-11-26 10:00", env=friday)
    sqlite_cli.ok("log", "Hooli", "Dropped in", "--kind", "visit", "--at", f"{acme_day} 15:00", env=friday)
    data = sqlite_cli.ok("plan", "review", "--week", "2026-W48", "--json", env=friday).json()
    status = {i["customer"]: i for i in data["items"]}
    assert (status["Globex"]["status"], status["Globex"]["done_on"]) == ("done", "2026-11-26")
    assert (status["Acme"]["status"], status["Acme"]["swapped_with"]) == ("swapped", "Hooli")
    assert data["summary"]["visit_rate"] == "0.5000" and data["summary"]["unplanned"] == 1


def test_another_reps_plan_needs_a_manager(sqlite_cli) -> None:
    from checks import one_line_error

    sqlite_cli.ok("user", "add", "bob")
    ids = _customers(sqlite_cli, "Acme")
    _plan([("2026-11-16", "call", ids["Acme"], "service")])
    one_line_error(sqlite_cli("plan", "review", "--user", "alice", env={"SALESCLI_USER": "bob"}), 1)
    data = sqlite_cli.ok("plan", "review", "--user", "bob", "--json").json()  # alice is the admin
    assert data["user"] == "bob" and data["committed"] is False
