"""`salescli log`, `tasks` and `done` (docs/agenda.md).

The clock is fixed by conftest at Monday 2026-11-23 09:00 in Shanghai. Tests about what
is stored and queried run on both backends (`cli`); tests about what a rep types and
sees before the store is involved run once (`sqlite_cli`).
"""

from __future__ import annotations

import pytest

from checks import one_line_error as assert_one_sentence

NOW_ISO = "2026-11-23T09:00:00+08:00"


def card(cli, ref: str = "Acme") -> dict:
    return cli.ok("customer", "show", ref, "--json").json()


def open_task_ids(cli, *args: str) -> list[int]:
    return [t["id"] for t in cli.ok("tasks", "--json", *args).json()]


@pytest.fixture
def acme(cli):
    cli.ok("customer", "add", "Acme", "--grade", "A", "--city", "Shanghai")
    return cli


@pytest.fixture
def acme1(sqlite_cli):
    sqlite_cli.ok("customer", "add", "Acme", "--grade", "A", "--city", "Shanghai")
    return sqlite_cli


# --- log ------------------------------------------------------------------------------------


def test_log_records_the_follow_up_and_says_when_the_next_task_is_due(acme) -> None:
    run = acme.ok("log", "Acme", "Called about pricing", "--next", "fri", "--next-action", "Send the quote")
    assert "Logged call with Acme" in run.stdout
    assert "Send the quote" in run.stdout
    assert "Fri Nov 27" in run.stdout
    assert "in 4 days" in run.stdout

    shown = card(acme)
    assert shown["last_contact_at"] == NOW_ISO
    [entry] = shown["timeline"]
    assert (entry["kind"], entry["summary"], entry["author"]) == ("call", "Called about pricing", "alice")
    assert (entry["due_on"], entry["next_action"]) == ("2026-11-27", "Send the quote")
    assert [t["id"] for t in shown["open_tasks"]] == [entry["id"]]


def test_log_json_carries_every_field(acme) -> None:
    acme.ok("contact", "add", "Acme", "王芳")
    data = acme.ok(
        "log", "Acme", "Visited the plant", "--kind", "visit", "--contact", "王芳", "--location", "Pudong site",
        "--at", "2026-11-20 15:30", "--next", "+2w", "--next-action", "Demo", "--json",
    ).json()
    assert isinstance(data["id"], int)
    assert (data["kind"], data["summary"], data["contact"]) == ("visit", "Visited the plant", "王芳")
    assert data["location"] == "Pudong site"
    assert data["happened_at"] == "2026-11-20T15:30:00+08:00"
    assert (data["due_on"], data["next_action"]) == ("2026-12-07", "Demo")
    assert (data["customer"], data["closed_tasks"], data["closed_at"]) == ("Acme", [], None)
    assert card(acme)["last_contact_at"] == "2026-11-20T15:30:00+08:00"


def test_a_new_follow_up_closes_earlier_open_tasks_unless_keep_open(acme) -> None:
    first = acme.ok("log", "Acme", "Intro call", "--next", "tomorrow", "--json").json()["id"]
    second = acme.ok("log", "Acme", "Sent brochure", "--kind", "email", "--next", "+3d", "--keep-open",
                     "--json").json()["id"]
    assert acme.ok("log", "Acme", "Quick note", "--kind", "note", "--keep-open", "--json").json()["closed_tasks"] == []
    assert open_task_ids(acme) == [first, second]

    run = acme.ok("log", "Acme", "Met the buyer", "--kind", "meeting")
    assert f"Closed 2 open tasks (#{first}, #{second})" in run.stdout
    assert open_task_ids(acme) == []
    closed = {t["id"]: t for t in card(acme)["timeline"]}
    assert closed[first]["closed_at"] == NOW_ISO


def test_a_backdated_follow_up_closes_only_tasks_from_before_it(acme) -> None:
    later = acme.ok("log", "Acme", "Today's call", "--next", "fri", "--json").json()["id"]
    data = acme.ok("log", "Acme", "Forgot to log Friday's visit", "--kind", "visit", "--at", "2026-11-20",
                   "--json").json()
    assert data["closed_tasks"] == []
    assert open_task_ids(acme) == [later]
    # The customer's last contact stays the latest follow-up, not the backdated one.
    assert card(acme)["last_contact_at"] == NOW_ISO

    acme.ok("customer", "add", "Globex")
    old = acme.ok("log", "Globex", "Call", "--at", "2026-11-16 10:00", "--next", "2026-11-19", "--json").json()["id"]
    assert card(acme, "Globex")["last_contact_at"] == "2026-11-16T10:00:00+08:00"
    data = acme.ok("log", "Globex", "Visit", "--at", "2026-11-19 14:00", "--json").json()
    assert data["closed_tasks"] == [old]
    assert card(acme, "Globex")["last_contact_at"] == "2026-11-19T14:00:00+08:00"


def test_log_finds_the_customer_by_id_and_by_part_of_the_name(cli) -> None:
    cid = cli.ok("customer", "add", "上海明星电缆股份有限公司", "--json").json()["id"]
    assert cli.ok("log", str(cid), "By id", "--json").json()["customer_id"] == cid
    assert cli.ok("log", "明星电缆", "By name", "--json").json()["customer_id"] == cid
    assert cli.ok("log", "#" + str(cid), "By #id", "--json").json()["customer_id"] == cid


def test_every_kind_is_accepted(acme1) -> None:
    for kind in ["call", "visit", "email", "meeting", "message", "note"]:
        assert acme1.ok("log", "Acme", f"A {kind}", "--kind", kind, "--json").json()["kind"] == kind


REFUSED_LOGS = [
    (["--at", "tomorrow"], "--at"),
    (["--at", "today 10:00"], "--at"),
    (["--next-action", "Send quote"], "--next"),
    (["--at", "2026-11-20", "--next", "2026-11-19"], "--next"),
    (["--next", "yesterday"], "--next"),
    (["--next", "2026-13-40"], "'2026-13-40'"),
    (["--at", "someday"], "someday"),
    (["--kind", "telepathy"], "telepathy"),
    (["--contact", "Nobody"], "Nobody"),
]


def test_refused_follow_ups_are_exit_2_with_one_sentence_and_change_nothing(acme1) -> None:
    acme1.ok("contact", "add", "Acme", "王芳")
    acme1.ok("log", "Acme", "First", "--next", "fri")
    before = card(acme1), acme1.ok("db", "info", "--json").json()
    for args, needle in REFUSED_LOGS:
        run = acme1("log", "Acme", "Second", *args)
        assert_one_sentence(run, 2)
        assert needle in run.stderr, (args, run.stderr)
        assert run.stdout == ""
    assert_one_sentence(acme1("log", "Acme", "   "), 2)
    run = acme1("log", "Globex", "Hello")
    assert_one_sentence(run, 2)
    assert "Globex" in run.stderr
    assert (card(acme1), acme1.ok("db", "info", "--json").json()) == before


NEXT_WORDS = [
    ("2026-12-01", "2026-12-01"),
    ("today", "2026-11-23"),
    ("tomorrow", "2026-11-24"),
    ("+3d", "2026-11-26"),
    ("+2w", "2026-12-07"),
    ("mon", "2026-11-30"),  # today is a Monday: the next one
    ("friday", "2026-11-27"),
    ("明天", "2026-11-24"),
    ("周五", "2026-11-27"),
    ("下周一", "2026-11-30"),
    ("+3天", "2026-11-26"),
]


def test_next_accepts_the_date_words_reps_type(acme1) -> None:
    for word, expected in NEXT_WORDS:
        data = acme1.ok("log", "Acme", f"next {word}", "--next", word, "--keep-open", "--json").json()
        assert data["due_on"] == expected, word


def test_output_has_no_colour_codes_without_no_color(acme1) -> None:
    acme1.ok("log", "Acme", "Call", "--at", "2026-11-20", "--next", "2026-11-21", "--keep-open")
    for args in (["log", "Acme", "Call", "--next", "fri", "--keep-open"], ["tasks"], ["tasks", "--everyone"]):
        run = acme1.ok(*args, env={"NO_COLOR": None, "TERM": "xterm-256color"})
        assert "\x1b[" not in run.stdout + run.stderr


# --- tasks ----------------------------------------------------------------------------------


def test_tasks_lists_open_tasks_soonest_first(acme) -> None:
    assert "No open tasks." in acme.ok("tasks").stdout
    assert acme.ok("tasks", "--json").json() == []

    acme.ok("customer", "add", "Globex")
    acme.ok("customer", "add", "Gone Ltd")
    acme.ok("log", "Acme", "Call", "--next", "fri", "--next-action", "Send quote")
    acme.ok("log", "Globex", "Call", "--at", "2026-11-16", "--next", "2026-11-20", "--next-action", "Chase")
    acme.ok("log", "Globex", "Note", "--kind", "note", "--next", "today", "--keep-open")
    acme.ok("log", "Gone Ltd", "Call", "--next", "tomorrow")
    acme.ok("customer", "archive", "Gone Ltd")  # its task leaves the lists

    rows = acme.ok("tasks", "--json").json()
    assert [(r["customer"], r["due_on"]) for r in rows] == [
        ("Globex", "2026-11-20"), ("Globex", "2026-11-23"), ("Acme", "2026-11-27"),
    ]
    assert rows[0]["action"] == "Chase"
    assert rows[1]["action"] == "Note"  # no next action: the summary stands in
    assert {r["assignee"] for r in rows} == {"alice"}
    assert all(isinstance(r["id"], int) for r in rows)

    table = acme.ok("tasks").stdout
    assert table.index("Globex") < table.index("Acme")
    for needle in ("3 days overdue", "due today", "in 4 days", "Send quote"):
        assert needle in table
    assert "Gone Ltd" not in table

    overdue = acme.ok("tasks", "--overdue", "--json").json()
    assert [(r["customer"], r["due_on"]) for r in overdue] == [("Globex", "2026-11-20")]

    run = acme("log", "Gone Ltd", "Hello")
    assert_one_sentence(run, 1)
    assert "archived" in run.stderr


def test_tasks_for_another_rep_and_for_everyone(acme) -> None:
    acme.ok("user", "add", "bob", "--name", "Bob")
    bob = {"SALESCLI_USER": "bob"}
    acme.ok("customer", "add", "Initech", env=bob)
    acme.ok("log", "Initech", "Bob's call", "--next", "tomorrow", env=bob)
    acme.ok("log", "Acme", "Alice's call", "--next", "fri")

    assert [r["customer"] for r in acme.ok("tasks", "--json").json()] == ["Acme"]
    assert [r["customer"] for r in acme.ok("tasks", "--json", env=bob).json()] == ["Initech"]
    theirs = acme.ok("tasks", "--user", "bob", "--json").json()
    assert [(r["customer"], r["assignee"]) for r in theirs] == [("Initech", "bob")]
    everyone = acme.ok("tasks", "--everyone", "--json").json()
    assert [(r["customer"], r["assignee"]) for r in everyone] == [("Initech", "bob"), ("Acme", "alice")]
    table = acme.ok("tasks", "--everyone").stdout
    assert "Rep" in table and "bob" in table and "alice" in table

    run = acme("tasks", "--user", "zed")
    assert_one_sentence(run, 2)
    assert "zed" in run.stderr


# --- done -----------------------------------------------------------------------------------


def test_done_closes_a_task_with_a_note(acme) -> None:
    acme.ok("contact", "add", "Acme", "王芳")
    first = acme.ok("log", "Acme", "Call", "--next", "tomorrow", "--json").json()["id"]
    task = acme.ok("log", "Acme", "Call", "--contact", "王芳", "--next", "fri", "--next-action", "Quote",
                   "--keep-open", "--json").json()["id"]
    run = acme.ok("done", str(first))
    assert f"task #{first}" in run.stdout and "Acme" in run.stdout
    assert open_task_ids(acme) == [task]

    acme.ok("user", "add", "bob", "--role", "manager")
    data = acme.ok("done", str(task), "--note", "Quote sent by email", "--json", env={"SALESCLI_USER": "bob"}).json()
    assert (data["id"], data["customer"], data["action"], data["due_on"]) == (task, "Acme", "Quote", "2026-11-27")
    assert (data["closed_at"], data["closed_note"]) == (NOW_ISO, "Quote sent by email")
    assert data["contact"] == "王芳"
    assert data["assignee"] == "alice"  # closed by a manager, still alice's task
    assert open_task_ids(acme) == []
    entry = next(t for t in card(acme)["timeline"] if t["id"] == task)
    assert (entry["closed_at"], entry["closed_note"]) == (NOW_ISO, "Quote sent by email")

    # A later follow-up does not touch a task that is already done.
    assert acme.ok("log", "Acme", "Next call", "--json").json()["closed_tasks"] == []


def test_done_twice_is_refused_and_unknown_ids_are_bad_input(acme) -> None:
    task = acme.ok("log", "Acme", "Call", "--next", "fri", "--json").json()["id"]
    plain = acme.ok("log", "Acme", "No task here", "--keep-open", "--json").json()["id"]
    acme.ok("done", str(task))

    run = acme("done", str(task))
    assert_one_sentence(run, 1)
    assert "already done" in run.stderr

    for missing in ("999", str(plain)):
        run = acme("done", missing)
        assert_one_sentence(run, 2)
        assert f"#{missing}" in run.stderr

    run = acme("done", "abc")
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr
