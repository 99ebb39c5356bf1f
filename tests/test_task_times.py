"""A task keeps the time of day it was set for (docs/agenda.md), and `done` is a contact.

conftest's clock: Monday 2026-11-23 09:00 in Shanghai (+08:00).
"""

from __future__ import annotations

import re

import pytest

from checks import one_line_error


@pytest.fixture
def acme(cli):
    cli.ok("customer", "add", "Acme Co., Ltd.", "--grade", "A")
    return cli


def tasks(cli) -> list[dict]:
    return cli.ok("tasks", "--json").json()


@pytest.mark.parametrize("typed", ["next fri 14:30", "周五 14:30", "2026-11-27 14:30", "fri 14：30"])
def test_a_typed_time_is_kept_beside_the_day(acme, typed: str) -> None:
    run = acme.ok("log", "Acme", "Called", "--next", typed)
    day = "Fri Dec 4" if typed.startswith("next") else "Fri Nov 27"
    assert f"{day} 14:30" in run.stdout
    [task] = tasks(acme)
    assert task["due_on"] == ("2026-12-04" if typed.startswith("next") else "2026-11-27")
    assert task["due_at"] == f"{task['due_on']}T14:30:00+08:00"


def test_a_bare_day_has_no_time(acme) -> None:
    acme.ok("log", "Acme", "Called", "--next", "fri")
    [task] = tasks(acme)
    assert task["due_on"] == "2026-11-27" and task["due_at"] is None
    assert not re.search(r"Fri Nov 27 \d\d:\d\d", acme.ok("tasks").stdout)


def test_within_a_day_timed_tasks_come_first_in_time_order(acme) -> None:
    acme.ok("customer", "add", "Beta")
    acme.ok("customer", "add", "Gamma")
    acme.ok("log", "Acme", "a", "--next", "fri")
    acme.ok("log", "Beta", "b", "--next", "fri 16:00")
    acme.ok("log", "Gamma", "c", "--next", "fri 08:30")
    acme.ok("log", "Gamma", "d", "--next", "thu", "--keep-open")
    assert [t["customer"] for t in tasks(acme)] == ["Gamma", "Gamma", "Beta", "Acme Co., Ltd."]
    assert [t["from_summary"] for t in tasks(acme)] == ["d", "c", "b", "a"]
    table = acme.ok("tasks").stdout
    assert table.index("Fri Nov 27 08:30") < table.index("Fri Nov 27 16:00") < table.rindex("Fri Nov 27 ")


def test_the_time_shows_on_the_agenda_and_the_customer_card(acme) -> None:
    acme.ok("log", "Acme", "Called", "--next", "today 17:45", "--next-action", "Send the quote")
    assert "due today 17:45" in acme.ok("agenda").stdout
    card = acme.ok("customer", "show", "Acme").stdout
    assert "due today 17:45" in card and "17:45: Send the quote" in card
    shown = acme.ok("customer", "show", "Acme", "--json").json()
    assert shown["open_tasks"][0]["due_at"] == "2026-11-23T17:45:00+08:00"


def test_a_task_shows_when_it_was_created_not_when_the_call_happened(acme) -> None:
    acme.ok("log", "Acme", "Called yesterday", "--at", "yesterday 10:00", "--next", "fri")
    [task] = tasks(acme)
    assert task["created_at"] == "2026-11-23T09:00:00+08:00"


def test_log_names_the_same_action_that_tasks_shows(acme) -> None:
    run = acme.ok("log", "Acme", "Asked for a quote", "--next", "fri")
    assert "Next: Asked for a quote, Fri Nov 27" in run.stdout
    assert tasks(acme)[0]["action"] == "Asked for a quote"


def test_done_is_a_contact_and_its_note_is_in_the_timeline(acme) -> None:
    acme.ok("log", "Acme", "Called", "--at", "-20d", "--next", "-1d")
    [task] = tasks(acme)
    before = acme.ok("customer", "show", "Acme", "--json").json()["last_contact_at"]
    run = acme.ok("done", str(task["id"]), "--note", "Quote sent by email", "--kind", "email")
    assert run.stdout.splitlines()[0] == f"Done: task #{task['id']} for Acme Co., Ltd.: Called"
    assert "Quote sent by email" in run.stdout
    card = acme.ok("customer", "show", "Acme", "--json").json()
    assert card["last_contact_at"] == "2026-11-23T09:00:00+08:00" != before
    newest = card["timeline"][0]
    assert (newest["kind"], newest["summary"]) == ("email", "Quote sent by email")
    assert "Quote sent by email" in acme.ok("customer", "show", "Acme").stdout
    assert acme.ok("forgotten", "--json").json() == []


def test_tasks_overdue_says_none_are_overdue(acme) -> None:
    acme.ok("log", "Acme", "Called", "--next", "fri")
    assert acme.ok("tasks", "--overdue").stdout.strip() == "No overdue tasks."


def test_a_sentence_ending_in_a_name_with_a_period_has_one_period(acme) -> None:
    run = acme.ok("customer", "edit", "Acme", "--city", "Beijing")
    assert run.stdout.strip() == "Updated customer #1 Acme Co., Ltd."


@pytest.mark.parametrize(("word", "code"), [("邮件", "email"), ("拜访", "visit"), ("微信", "message"),
                                            ("Meeting", "meeting"), ("电话", "call")])
def test_kinds_accept_their_words_in_either_language(acme, word: str, code: str) -> None:
    data = acme.ok("log", "Acme", "x", "--kind", word, "--json").json()
    assert data["kind"] == code


def test_grades_sizes_and_roles_accept_their_words(acme) -> None:
    acme.ok("customer", "edit", "Acme", "--grade", "潜在", "--size", "中型")
    shown = acme.ok("customer", "show", "Acme", "--json").json()
    assert (shown["grade"], shown["size"]) == ("C", "medium")
    assert acme.ok("user", "add", "bob", "--role", "经理", "--json").json()["role"] == "manager"


def test_an_unknown_kind_word_is_refused_with_the_codes(acme) -> None:
    one_line_error(acme("log", "Acme", "x", "--kind", "飞鸽"), 2, "call, visit")


def test_removing_a_tag_the_customer_lacks_changes_nothing(acme) -> None:
    acme.ok("customer", "edit", "Acme", "--tag", "vip")
    one_line_error(acme("customer", "edit", "Acme", "--untag", "nope"), 2, "no tag 'nope'", "vip")
    run = acme.ok("customer", "edit", "Acme", "--untag", "nope", "--city", "Xi'an")
    assert "no tag 'nope'" in run.stderr
    assert acme.ok("customer", "show", "Acme", "--json").json()["city"] == "Xi'an"


@pytest.mark.parametrize("birthday", ["2090-01-01", "2026-11-24", "1850-05-05"])
def test_a_birthday_must_be_in_a_lifetime(acme, birthday: str) -> None:
    one_line_error(acme("contact", "add", "Acme", "Zhang Wei", "--birthday", birthday), 2, "cannot be a birthday")
    assert acme.ok("contact", "list", "Acme", "--json").json() == []


@pytest.mark.parametrize("ref", ["#abc", "#12a", "#"])
def test_a_malformed_id_is_refused_not_searched_as_a_name(acme, ref: str) -> None:
    acme.ok("customer", "add", "#abc trading")
    one_line_error(acme("customer", "show", ref), 2, "is not a customer id")
    one_line_error(acme("log", ref, "x"), 2, "is not a customer id")
    assert acme.ok("customer", "show", "#abc trading", "--json").json()["name"] == "#abc trading"
