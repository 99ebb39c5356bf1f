"""Whose day it is: `user.timezone`, else the offset `SALESCLI_NOW` carries, else the
machine's zone (docs/time.md). Day boundaries and every shown instant follow it."""

from __future__ import annotations

import pytest

from checks import one_line_error
from salescli.core import clock


@pytest.fixture
def acme(cli):
    cli.ok("customer", "add", "Acme", "--grade", "A")
    return cli


@pytest.mark.parametrize("machine_zone", ["UTC", "America/Los_Angeles", "Asia/Shanghai"])
def test_salescli_now_with_an_offset_is_the_reps_zone_whatever_the_machine(acme, monkeypatch, machine_zone) -> None:
    monkeypatch.setenv("TZ", machine_zone)
    data = acme.ok("log", "Acme", "Visited", "--at", "-40d", "--next", "-3d", "--json").json()
    assert data["happened_at"] == "2026-10-14T09:00:00+08:00"
    [task] = acme.ok("tasks", "--json").json()
    assert task["due_on"] == "2026-11-20"
    assert "3 days overdue" in acme.ok("tasks").stdout


def test_user_timezone_moves_the_day_boundary(acme, monkeypatch) -> None:
    # 2026-11-23 01:00 in Shanghai is still Sunday the 22nd in New York.
    monkeypatch.setenv("SALESCLI_NOW", "2026-11-23T01:00:00+08:00")
    acme.ok("log", "Acme", "Called", "--next", "today")
    assert acme.ok("tasks", "--json").json()[0]["due_on"] == "2026-11-23"
    acme.ok("config", "set", "user.timezone", "America/New_York")
    data = acme.ok("log", "Acme", "Called again", "--next", "today", "--keep-open", "--json").json()
    assert data["due_on"] == "2026-11-22"
    assert data["happened_at"] == "2026-11-22T12:00:00-05:00"


def test_a_timed_task_is_stored_in_the_reps_zone(acme, monkeypatch) -> None:
    acme.ok("config", "set", "user.timezone", "Europe/Berlin")
    acme.ok("log", "Acme", "Called", "--next", "fri 14:30")
    [task] = acme.ok("tasks", "--json").json()
    assert task["due_at"] == "2026-11-27T14:30:00+01:00"
    acme.ok("config", "set", "user.timezone", "Asia/Shanghai")
    [task] = acme.ok("tasks", "--json").json()
    assert task["due_at"] == "2026-11-27T21:30:00+08:00"  # the same instant, read from Shanghai


@pytest.mark.parametrize("bad", ["Mars/Olympus", "+08:00", "Asia/Shanghai ; rm"])
def test_an_unknown_zone_is_refused(cli, bad: str) -> None:
    one_line_error(cli("config", "set", "user.timezone", bad), 2, "user.timezone")


def test_an_empty_zone_unsets_it(cli) -> None:
    cli.ok("config", "set", "user.timezone", "Europe/Paris")
    cli.ok("config", "set", "user.timezone", "")
    assert cli.ok("config", "get", "user.timezone").stdout.strip() == ""


def test_a_naive_salescli_now_is_wall_time_in_the_machine_zone(monkeypatch) -> None:
    monkeypatch.setenv("SALESCLI_NOW", "2026-11-23T09:00:00")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    clock.forget_zone()
    assert clock.now().isoformat() == "2026-11-23T09:00:00+01:00"


def test_the_offset_of_salescli_now_wins_over_the_machine_zone(monkeypatch) -> None:
    monkeypatch.setenv("SALESCLI_NOW", "2026-11-23T09:00:00-03:00")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    clock.forget_zone()
    assert clock.now().isoformat() == "2026-11-23T09:00:00-03:00"
    assert clock.parse_when("fri 10:00").as_datetime(clock.now()).isoformat() == "2026-11-27T10:00:00-03:00"


def test_forgotten_counts_calendar_days_as_the_table_reads(cli) -> None:
    cli.ok("customer", "add", "At Limit", "--grade", "A")
    cli.ok("customer", "add", "Over Limit", "--grade", "A")
    cli.ok("log", "At Limit", "x", "--at", "2026-11-09 23:59")  # 14 calendar days before Monday
    cli.ok("log", "Over Limit", "x", "--at", "2026-11-08 23:59")  # 15: 14 days and 9 hours
    [item] = cli.ok("forgotten", "--json").json()
    assert (item["customer"], item["days_since"], item["days_overdue"]) == ("Over Limit", 15, 1)
    assert "15 days ago" in cli.ok("forgotten").stdout
