"""`salescli agenda` and `salescli forgotten` (docs/agenda.md).

The clock is fixed by conftest at Monday 2026-11-23 09:00 in Shanghai; customers are
created "in the past" by running `customer add` with an earlier SALESCLI_NOW.
"""

from __future__ import annotations

import re

# The documented order of the agenda's sections; features may add more keys in between.
SECTION_ORDER = [
    "overdue_tasks", "due_today", "recycle_warnings", "payments", "stale_deals", "closing_soon",
    "contracts_ending", "birthdays", "forgotten",
]
CORE = ["overdue_tasks", "due_today", "birthdays", "forgotten"]
ANSI = re.compile(r"\x1b\[")


def at(iso: str) -> dict[str, str]:
    return {"SALESCLI_NOW": iso}


def add(cli, name: str, grade: str, created: str | None = None, **env: str) -> int:
    extra = at(created) if created else {}
    return cli.ok("customer", "add", name, "--grade", grade, "--json", env=extra | env).json()["id"]


def sections(data: dict) -> dict[str, list]:
    return {s["key"]: s["items"] for s in data["sections"]}


def key_order(data: dict) -> list[str]:
    return [s["key"] for s in data["sections"]]


# --- agenda ---------------------------------------------------------------------------------


def test_empty_agenda(cli) -> None:
    run = cli.ok("agenda")
    assert "Agenda for alice" in run.stdout
    assert "Nothing on the agenda" in run.stdout

    data = cli.ok("agenda", "--json").json()
    assert data["date"] == "2026-11-23"
    assert data["user"] == "alice"
    keys = key_order(data)
    assert set(CORE) <= set(keys)
    assert keys == [k for k in SECTION_ORDER if k in keys]
    assert all(s["items"] == [] for s in data["sections"])


def _busy_day(cli) -> dict[str, int]:
    """One item for each core section of alice's agenda on Monday 2026-11-23."""
    ids = {
        "acme": add(cli, "Acme", "B"),
        "globex": add(cli, "Globex", "B"),
        "dusty": add(cli, "Dusty Corp", "A", "2026-10-01T10:00:00+08:00"),
    }
    ids["overdue"] = cli.ok("log", "Acme", "Call", "--at", "2026-11-16 10:00", "--next", "2026-11-20",
                            "--next-action", "Send the quote", "--json").json()["id"]
    ids["today"] = cli.ok("log", "Globex", "Email", "--kind", "email", "--next", "today",
                          "--next-action", "Call back", "--json").json()["id"]
    ids["contact"] = cli.ok("contact", "add", "Acme", "王芳", "--birthday", "1985-11-25", "--json").json()["id"]
    return ids


def test_agenda_sections_come_in_spec_order(cli) -> None:
    ids = _busy_day(cli)
    data = cli.ok("agenda", "--json").json()
    keys = key_order(data)
    assert keys == [k for k in SECTION_ORDER if k in keys]
    items = sections(data)

    [overdue] = items["overdue_tasks"]
    assert overdue["id"] == ids["overdue"]
    assert (overdue["customer"], overdue["due_on"], overdue["action"]) == ("Acme", "2026-11-20", "Send the quote")
    [today] = items["due_today"]
    assert (today["id"], today["customer"], today["due_on"]) == (ids["today"], "Globex", "2026-11-23")
    [birthday] = items["birthdays"]
    assert birthday["contact_id"] == ids["contact"]
    assert (birthday["contact"], birthday["customer"], birthday["on"]) == ("王芳", "Acme", "2026-11-25")
    assert (birthday["days_until"], birthday["turns"]) == (2, 41)
    [dusty] = items["forgotten"]
    assert (dusty["customer_id"], dusty["customer"], dusty["grade"]) == (ids["dusty"], "Dusty Corp", "A")
    assert dusty["days_overdue"] == 53 - 14  # calendar days: Oct 1 to Nov 23

    text = cli.ok("agenda").stdout
    titles = ["Overdue tasks (1)", "Due today (1)", "Birthdays this week (1)", "Forgotten customers (1)"]
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "Nothing on the agenda" not in text
    for needle in ("Send the quote", "3 days overdue", "Call back", "due today", "王芳", "in 2 days", "Dusty Corp"):
        assert needle in text, needle

    # JSON keys and values do not depend on the interface language.
    english = cli.ok("agenda", "--json").stdout
    assert cli.ok("--lang", "zh_CN", "agenda", "--json").stdout == english
    assert cli.ok("agenda", "--json", env={"LANG": "zh_CN.UTF-8"}).stdout == english

    # Piped output has no colour codes, even without NO_COLOR.
    for args in (["agenda"], ["forgotten"]):
        run = cli.ok(*args, env={"NO_COLOR": None, "TERM": "xterm-256color"})
        assert run.stdout.strip()
        assert not ANSI.search(run.stdout + run.stderr)


def test_agenda_for_a_later_date_moves_tasks_to_overdue(cli) -> None:
    add(cli, "Acme", "B")
    task = cli.ok("log", "Acme", "Call", "--next", "fri", "--next-action", "Send the quote", "--json").json()["id"]

    today = sections(cli.ok("agenda", "--json").json())
    assert today["overdue_tasks"] == [] and today["due_today"] == []

    friday = cli.ok("agenda", "--date", "fri", "--json").json()
    assert friday["date"] == "2026-11-27"
    assert [t["id"] for t in sections(friday)["due_today"]] == [task]
    assert sections(friday)["overdue_tasks"] == []
    assert "due today" in cli.ok("agenda", "--date", "2026-11-27").stdout

    later = cli.ok("agenda", "--date", "2026-11-30", "--json").json()
    assert [t["id"] for t in sections(later)["overdue_tasks"]] == [task]
    assert sections(later)["due_today"] == []
    text = cli.ok("agenda", "--date", "2026-11-30").stdout
    assert "Overdue tasks (1)" in text
    assert "3 days overdue" in text  # counted from the agenda's day, not from today


def test_agenda_date_accepts_date_words_and_refuses_bad_ones(sqlite_cli) -> None:
    cli = sqlite_cli
    assert cli.ok("agenda", "--date", "tomorrow", "--json").json()["date"] == "2026-11-24"
    assert cli.ok("agenda", "--date", "下周一", "--json").json()["date"] == "2026-11-30"
    run = cli("agenda", "--date", "2026-13-40")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "2026-13-40" in run.stderr


def test_agenda_shows_only_my_own_work(cli) -> None:
    cli.ok("user", "add", "bob")
    bob = {"SALESCLI_USER": "bob"}
    cli.ok("customer", "add", "Initech", "--grade", "A", env=bob | at("2026-09-01T09:00:00+08:00"))
    cli.ok("log", "Initech", "Call", "--at", "2026-11-16", "--next", "2026-11-20", env=bob)
    cli.ok("contact", "add", "Initech", "Peter", "--birthday", "11-24", env=bob)

    mine = sections(cli.ok("agenda", "--json").json())
    assert all(items == [] for items in mine.values())
    theirs = sections(cli.ok("agenda", "--json", env=bob).json())
    assert [t["customer"] for t in theirs["overdue_tasks"]] == ["Initech"]
    assert [b["contact"] for b in theirs["birthdays"]] == ["Peter"]
    assert theirs["forgotten"] == []  # a follow-up a week ago: not forgotten


def test_birthdays_this_week(cli) -> None:
    add(cli, "Acme", "B")
    for name, birthday in [("Today", "11-23"), ("Sunday", "1990-11-29"), ("NextMonday", "11-30"),
                           ("Yesterday", "11-22"), ("Leap", "2000-02-29")]:
        cli.ok("contact", "add", "Acme", name, "--birthday", birthday)

    week = sections(cli.ok("agenda", "--json").json())["birthdays"]
    assert [(b["contact"], b["on"], b["days_until"], b["turns"]) for b in week] == [
        ("Today", "2026-11-23", 0, None), ("Sunday", "2026-11-29", 6, 36),
    ]
    assert "today" in cli.ok("agenda").stdout

    # 29 February birthdays show on the 28th in a common year.
    late_feb = sections(cli.ok("agenda", "--date", "2027-02-25", "--json").json())["birthdays"]
    assert [(b["contact"], b["on"], b["turns"]) for b in late_feb] == [("Leap", "2027-02-28", 27)]


# --- forgotten ------------------------------------------------------------------------------


def _by_grade(cli) -> dict[str, int]:
    """Customers just past and just short of each grade's threshold (A 14, B 30, C 90 days)."""
    return {
        "a_late": add(cli, "A late", "A", "2026-11-08T09:00:00+08:00"),  # 15 days
        "a_edge": add(cli, "A edge", "A", "2026-11-09T09:00:00+08:00"),  # exactly 14 days
        "a_ok": add(cli, "A ok", "A", "2026-11-10T09:00:00+08:00"),  # 13 days
        "b_late": add(cli, "B late", "B", "2026-10-23T09:00:00+08:00"),  # 31 days
        "b_ok": add(cli, "B ok", "B", "2026-10-25T09:00:00+08:00"),  # 29 days
        "c_late": add(cli, "C late", "C", "2026-08-15T09:00:00+08:00"),  # 100 days
        "c_ok": add(cli, "C ok", "C", "2026-09-01T09:00:00+08:00"),  # 83 days
    }


def test_forgotten_by_grade_most_overdue_first_and_configurable(cli) -> None:
    ids = _by_grade(cli)
    rows = cli.ok("forgotten", "--json").json()
    assert [(r["customer_id"], r["days_overdue"]) for r in rows] == [
        (ids["c_late"], 10), (ids["a_late"], 1), (ids["b_late"], 1),
    ]
    c_late = rows[0]
    assert c_late["customer"] == "C late"
    assert c_late["grade"] == "C"
    assert c_late["days_since"] == 100
    assert c_late["threshold_days"] == 90
    assert c_late["last_contact_at"] is None
    assert {"customer_id", "customer", "grade", "city", "last_contact_at", "days_overdue"} <= set(c_late)

    text = cli.ok("forgotten").stdout
    assert text.index("C late") < text.index("A late") < text.index("B late")
    for absent in ("A edge", "A ok", "B ok", "C ok"):
        assert absent not in text
    assert "10 days" in text

    agenda = sections(cli.ok("agenda", "--json").json())["forgotten"]
    assert [r["customer_id"] for r in agenda] == [r["customer_id"] for r in rows]

    # --days N replaces every grade's threshold.
    rows = cli.ok("forgotten", "--days", "20", "--json").json()
    assert [(r["customer_id"], r["days_overdue"]) for r in rows] == [
        (ids["c_late"], 80), (ids["c_ok"], 63), (ids["b_late"], 11), (ids["b_ok"], 9),
    ]
    assert {r["threshold_days"] for r in rows} == {20}

    cli.ok("config", "set", "forgotten.a_days", "10")
    cli.ok("config", "set", "forgotten.c_days", "120")
    rows = cli.ok("forgotten", "--json").json()
    assert [(r["customer_id"], r["days_overdue"]) for r in rows] == [
        (ids["a_late"], 5), (ids["a_edge"], 4), (ids["a_ok"], 3), (ids["b_late"], 1),
    ]

    for bad in ("0", "-3", "many"):
        run = cli("forgotten", "--days", bad)
        assert run.exit_code == 2, bad
        assert "Traceback" not in run.stderr


def test_forgotten_counts_from_the_last_follow_up(cli) -> None:
    old = add(cli, "Old friend", "A", "2026-06-01T09:00:00+08:00")
    recent = add(cli, "Recently called", "A", "2026-06-01T09:00:00+08:00")
    cli.ok("log", "Old friend", "Visit", "--kind", "visit", "--at", "2026-11-01 09:00")
    cli.ok("log", "Recently called", "Call", "--at", "2026-11-20 09:00")
    rows = cli.ok("forgotten", "--json").json()
    assert [(r["customer_id"], r["days_since"], r["days_overdue"]) for r in rows] == [(old, 22, 8)]
    assert rows[0]["last_contact_at"] == "2026-11-01T09:00:00+08:00"
    assert recent not in [r["customer_id"] for r in rows]
    assert "22 days ago" in cli.ok("forgotten").stdout

    cli.ok("log", "Old friend", "Call")
    assert cli.ok("forgotten", "--json").json() == []
    assert "No forgotten customers" in cli.ok("forgotten").stdout


def test_forgotten_leaves_out_archived_and_other_reps_customers(cli) -> None:
    cli.ok("user", "add", "bob")
    bob = {"SALESCLI_USER": "bob"}
    mine = add(cli, "Mine", "A", "2026-09-01T09:00:00+08:00")
    add(cli, "Archived", "A", "2026-09-01T09:00:00+08:00")
    cli.ok("customer", "archive", "Archived")
    theirs = add(cli, "Theirs", "A", "2026-09-01T09:00:00+08:00", **bob)

    assert [r["customer_id"] for r in cli.ok("forgotten", "--json").json()] == [mine]
    assert [r["customer_id"] for r in cli.ok("forgotten", "--json", env=bob).json()] == [theirs]
    agenda = sections(cli.ok("agenda", "--json").json())["forgotten"]
    assert [r["customer_id"] for r in agenda] == [mine]
