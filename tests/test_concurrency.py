"""Writes that check before they write hold when several reps act at the same moment
(docs/concurrency.md), on SQLite and on PostgreSQL.

Each test starts 8 real processes. They import salescli first, then wait for one shared
instant and run their command together, so the checks really race. Afterwards the store
holds exactly what the rules allow, every loser got a clear refusal, and nobody saw a lock
error or a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

PROCESSES = 8
# Warm up (imports), then start the command at RACE_AT (a Unix time), all together.
RACER = """
import os, sys, time
import salescli.cli, salescli.services.customers, salescli.services.users, salescli.store.engine  # noqa
from salescli.__main__ import main
start = float(os.environ["RACE_AT"])
while time.time() < start:
    time.sleep(0.0005)
sys.argv = ["salescli", *sys.argv[1:]]
main()
"""


def race(commands: list[tuple[list[str], dict[str, str]]], *, lead: float = 3.5) -> list[subprocess.CompletedProcess]:
    at = time.time() + lead
    procs = []
    for args, extra in commands:
        env = dict(os.environ) | extra | {"RACE_AT": f"{at:.6f}"}
        procs.append(subprocess.Popen([sys.executable, "-c", RACER, *args], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    late = time.time() > at + 30
    assert not late, "the racers took too long to finish"
    return done


def assert_clean(results: list[subprocess.CompletedProcess]) -> None:
    for result in results:
        text = result.stdout + result.stderr
        assert "Traceback" not in text, text
        assert "locked" not in text.lower(), text
        assert "unexpected" not in text.lower(), text


def exit_codes(results: list[subprocess.CompletedProcess]) -> list[int]:
    return sorted(r.returncode for r in results)


SPELLINGS = [
    "Hongda Machinery Co., Ltd.", "HONGDA MACHINERY", "Hongda Machinery Ltd", "hongda machinery",
    "Hongda  Machinery, Inc.", "Hongda-Machinery", "Hongda Machinery LLC", "ＨＯＮＧＤＡ ＭＡＣＨＩＮＥＲＹ",
]


def test_concurrent_adds_of_one_company_leave_one_customer(cli) -> None:
    cli.ok("user", "list")  # the store exists, alice is its admin
    results = race([(["customer", "add", name], {}) for name in SPELLINGS])
    assert_clean(results)
    assert exit_codes(results) == [0] + [1] * (PROCESSES - 1), [(r.returncode, r.stderr) for r in results]
    for result in results:
        if result.returncode:
            assert result.stderr.startswith("Error: ") and "duplicates customer #1" in result.stderr
    assert len(cli.ok("customer", "list", "--all", "--json").json()) == 1


def test_the_ownership_cap_holds_under_racing_adds(cli) -> None:
    cli.ok("user", "add", "bob")  # two active users: the pool rules are in force
    cli.ok("config", "set", "pool.max_owned", "1")
    results = race([(["customer", "add", f"Racing Company {i}"], {}) for i in range(PROCESSES)])
    assert_clean(results)
    assert exit_codes(results) == [0] + [1] * (PROCESSES - 1), [(r.returncode, r.stderr) for r in results]
    for result in results:
        if result.returncode:
            assert "the most allowed (pool.max_owned = 1)" in result.stderr
    owned = cli.ok("customer", "list", "--json").json()
    assert len(owned) == 1 and owned[0]["owner"] == "alice"
    assert len(cli.ok("customer", "list", "--all", "--json").json()) == 1


def test_the_first_user_of_a_new_store_becomes_admin_exactly_once(cli) -> None:
    handles = [f"rep{i}" for i in range(PROCESSES)]
    results = race([(["user", "list", "--json"], {"SALESCLI_USER": h}) for h in handles])
    assert_clean(results)
    assert exit_codes(results) == [0] + [2] * (PROCESSES - 1), [(r.returncode, r.stderr) for r in results]
    winner = next(r for r in results if r.returncode == 0)
    users = json.loads(winner.stdout)
    assert len(users) == 1 and users[0]["role"] == "admin"
    for result in results:
        if result.returncode:
            assert "Unknown user" in result.stderr
    admin = users[0]["handle"]
    final = cli.ok("user", "list", "--json", env={"SALESCLI_USER": admin}).json()
    assert [(u["handle"], u["role"]) for u in final] == [(admin, "admin")]


@pytest.mark.parametrize("handle", ["alice"])
def test_one_user_connecting_many_times_at_once_is_created_once(cli, handle: str) -> None:
    results = race([(["user", "list", "--json"], {"SALESCLI_USER": handle}) for _ in range(PROCESSES)])
    assert_clean(results)
    assert exit_codes(results) == [0] * PROCESSES
    assert [(u["handle"], u["role"]) for u in cli.ok("user", "list", "--json").json()] == [(handle, "admin")]
