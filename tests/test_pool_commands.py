"""`salescli pool rules|list|claim|release|sweep` and `customer lock|unlock`: the public
pool (公海) as a rep uses it (docs/pool.md), on SQLite and PostgreSQL.

The clock is fixed by conftest at Monday 2026-11-23 09:00 in Shanghai; a test moves it
with SALESCLI_NOW in the env of one command. Every refusal is one sentence with its exit
code, saying why and, for the rules that are a matter of time, from when it is allowed.
"""

from __future__ import annotations

import pytest

from checks import one_line_error

BOB = {"SALESCLI_USER": "bob"}
YEAR_AGO = {"SALESCLI_NOW": "2025-11-23T09:00:00+08:00"}
POOL_ROW_KEYS = {"id", "name", "grade", "industry", "size", "city", "last_contact_at", "created_at", "left",
                 "left_at", "last_owner", "reason", "follow_ups", "pooled_at", "days_in_pool"}


def at(day: str, clock: str = "09:00") -> dict[str, str]:
    return {"SALESCLI_NOW": f"{day}T{clock}:00+08:00"}


def lines(run) -> list[str]:  # noqa: ANN001 - a conftest.Run
    return [line.rstrip() for line in run.stdout.splitlines()]


def row(run, first: str) -> str:  # noqa: ANN001
    """The table line whose first cell is `first`."""
    found = [line for line in lines(run) if line.split("│")[0].strip() == first]
    assert len(found) == 1, run.stdout
    return found[0]


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("│")]


def owners(cli) -> dict[str, str | None]:  # noqa: ANN001
    return {c["name"]: c["owner"] for c in cli.ok("customer", "list", "--all", "--json").json()}


def swept(cli, **env: str) -> list[tuple[str, str]]:  # noqa: ANN001
    data = cli.ok("pool", "sweep", "--dry-run", "--json", env=env or None).json()
    return [(item["customer"], item["rule"]) for item in data["items"]]


@pytest.fixture
def team(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """alice (admin) and bob (rep): the pool rules are in force. alice owns Acme (#1, A,
    Shanghai) and Globex (#2); Initech (#3, C, Beijing) is in the pool, released by bob."""
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme", "--grade", "A", "--city", "Shanghai", "--industry", "Machinery")
    cli.ok("customer", "add", "Globex")
    cli.ok("customer", "add", "Initech", "--grade", "C", "--city", "Beijing", env=BOB)
    cli.ok("log", "Initech", "Intro call, no budget this year", env=BOB)
    cli.ok("pool", "release", "Initech", "--reason", "No budget until 2027", env=BOB)
    return cli


# --- pool rules --------------------------------------------------------------------------------


def test_pool_rules_say_whether_they_are_in_force_and_why(cli) -> None:
    run = cli.ok("pool", "rules")
    assert lines(run)[0] == ("The pool rules are not in force: you are the only active user; set pool.enabled = true"
                             " to apply them anyway.")
    assert cells(row(run, "pool.max_owned"))[:3] == ["pool.max_owned", "20", "20"]
    assert cells(row(run, "pool.enabled"))[:3] == ["pool.enabled", "auto", "auto"]
    assert cells(row(run, "pool.recycle_no_follow_up_days_a"))[1] == "same as general (15)"
    data = cli.ok("pool", "rules", "--json").json()
    assert (data["in_force"], data["why"], data["active_users"], data["counting_since"]) == (False, "solo", 1, None)
    by_key = {rule["key"]: rule for rule in data["rules"]}
    assert set(by_key["pool.max_owned"]) == {"key", "value", "default", "is_set", "help"}
    assert by_key["pool.recycle_no_deal_days_c"]["value"] is None
    assert by_key["pool.claims_per_day"] == {**by_key["pool.claims_per_day"], "value": 10, "is_set": False}
    # A solo store recycles nothing, whatever is due.
    assert lines(cli.ok("pool", "sweep")) == [
        "The pool rules are not in force (one active user, or pool.enabled = false): nothing is recycled."]

    cli.ok("user", "add", "bob")
    cli.ok("config", "set", "pool.recycle_no_follow_up_days_a", "40")
    run = cli.ok("pool", "rules")
    # bob made the rules come into force: the countdowns start then, never earlier.
    assert lines(run)[0] == ("The pool rules are in force: the store has 2 active users. Recycle countdowns count"
                             " from Nov 23 09:00 at the earliest (when the rules came into force or a threshold"
                             " was lowered).")
    assert cells(row(run, "pool.recycle_no_follow_up_days_a"))[1:3] == ["40", "same as general"]
    assert cells(row(run, "pool.recycle_no_follow_up_days_b"))[1] == "same as general (15)"
    cli.ok("config", "set", "pool.enabled", "false")
    assert lines(cli.ok("pool", "rules"))[0] == "The pool rules are not in force: pool.enabled is false."
    cli.ok("config", "set", "pool.enabled", "true")
    data = cli.ok("pool", "rules", "--json").json()
    assert (data["in_force"], data["why"], data["counting_since"]) == (True, "enabled", "2026-11-23T09:00:00+08:00")


# --- list, release, claim ------------------------------------------------------------------------


def test_a_released_customer_is_listed_with_why_and_can_be_claimed(team) -> None:
    run = team.ok("pool", "release", "Acme", "--reason", "Moving to Beijing")
    assert run.stdout == "Released #1 Acme to the pool.\n"
    run = team.ok("pool", "list")
    assert cells(row(run, "1")) == ["1", "Acme", "A", "Shanghai", "Machinery", "alice",
                                    "released: Moving to Beijing", "0 days", "0"]
    assert cells(row(run, "3"))[1:] == ["Initech", "C", "Beijing", "", "bob", "released: No budget until 2027",
                                        "0 days", "1"]
    assert lines(run)[-1] == "2 customers in the pool"
    listed = team.ok("pool", "list", "--json").json()
    assert [c["id"] for c in listed] == [1, 3]
    assert set(listed[0]) == POOL_ROW_KEYS
    assert (listed[0]["left"], listed[0]["reason"]) == ("release", "Moving to Beijing")
    assert listed[1]["follow_ups"] == 1 and listed[1]["last_owner"] == "bob"

    # bob claims it: the sentence counts his book and the day's claims.
    run = team.ok("pool", "claim", "Acme", env=BOB)
    assert run.stdout == "Claimed #1 Acme. You own 1 of 20; 9 of 10 claims left today.\n"
    assert owners(team)["Acme"] == "bob"
    assert [c["id"] for c in team.ok("pool", "list", "--json").json()] == [3]
    # Two at once, a week later (bob's own release of Initech has cooled down by then).
    team.ok("pool", "release", "Globex", "--reason", "Duplicate of Acme")
    done = team.ok("pool", "claim", "Globex", "#3", "--json", env={**BOB, **at("2026-12-01")}).json()
    assert {k: v for k, v in done.items() if k != "claimed"} == {
        "owned": 3, "cap": 20, "claims_today": 2, "claims_per_day": 10}
    assert [c["id"] for c in done["claimed"]] == [2, 3]
    # The pool is empty now: one sentence, and an empty array.
    assert team.ok("pool", "list").stdout == "No customers in the pool match.\n"
    assert team.ok("pool", "list", "--json").json() == []


def test_a_claim_outside_the_rules_has_no_cap_part(cli) -> None:
    cli.ok("customer", "add", "Acme")
    cli.ok("pool", "release", "Acme", "--reason", "Not my region")
    assert cli.ok("pool", "claim", "Acme").stdout == "Claimed #1 Acme.\n"  # solo: no cap, no limit
    assert cli.ok("customer", "lock", "Acme").stdout == "Locked #1 Acme against recycling.\n"


def test_pool_list_filters(team) -> None:
    team.ok("pool", "release", "Acme", "--reason", "Moving")
    team.ok("pool", "release", "Globex", "--reason", "Moving")

    def ids(*args: str) -> list[int]:
        return [c["id"] for c in team.ok("pool", "list", *args, "--json").json()]

    assert ids("--grade", "A") == [1]
    assert ids("--grade", "重点") == [1]  # the words a rep types for a grade
    assert ids("--city", "Beijing") == [3]
    assert ids("--industry", "Machinery") == [1]
    assert ids("--search", "glob") == [2]
    assert ids("--limit", "2") == [1, 2]
    # A listing cut by --limit says these are the first, not the whole pool.
    assert team.ok("pool", "list", "--limit", "2").stdout.endswith("The first 2 customers in the pool (--limit).\n")
    assert team.ok("pool", "list").stdout.endswith("3 customers in the pool\n")
    one_line_error(team("pool", "list", "--grade", "Z"), 2, "Grade must be A, B or C", "'Z'")


def test_claim_refusals_say_why_and_when(team) -> None:
    before = owners(team)
    one_line_error(team("pool", "claim", "Acme", env=BOB), 1, "Customer #1 Acme is already owned by alice")
    one_line_error(team("pool", "claim", "Acme"), 1, "You already own customer #1 Acme.")
    one_line_error(team("pool", "claim", "Nosuch"), 2, "No customer matches 'Nosuch'")
    # All or nothing: a week on, Initech is claimable, Acme is not.
    one_line_error(team("pool", "claim", "Initech", "Acme", env={**BOB, **at("2026-12-01")}), 1,
                   "already owned by alice")
    # The one who released it waits out the cool-down; then it is allowed.
    one_line_error(team("pool", "claim", "Initech", env=BOB), 1,
                   "You released customer #3 Initech on Mon Nov 23 09:00; you can claim it again from"
                   " Mon Nov 30 09:00.")
    assert owners(team) == before
    assert team.ok("pool", "claim", "Initech", env={**BOB, **at("2026-11-30")}).stdout.startswith(
        "Claimed #3 Initech.")


def test_the_daily_limit_and_the_cap_hold_for_claims(team) -> None:
    for name in ("Hooli", "Wayne"):
        team.ok("customer", "add", name)
    for name in ("Acme", "Globex", "Hooli", "Wayne"):
        team.ok("pool", "release", name, "--reason", "Not my region")
    for name in ("Umbrella", "Stark"):
        team.ok("customer", "add", name, env=BOB)
    team.ok("config", "set", "pool.claims_per_day", "1")
    team.ok("pool", "claim", "Acme", env=BOB)
    one_line_error(team("pool", "claim", "Globex", env=BOB), 1,
                   "You have already claimed 1 customer today, the most allowed (pool.claims_per_day = 1);"
                   " you can claim again from Tue Nov 24.")
    tomorrow = {**BOB, **at("2026-11-24")}
    team.ok("config", "set", "pool.claims_per_day", "2")
    one_line_error(team("pool", "claim", "Globex", "Hooli", "Wayne", env=tomorrow), 1,
                   "Claiming 3 customers would pass today's limit", "claim at most 2 now")
    team.ok("config", "set", "pool.max_owned", "4")
    one_line_error(team("pool", "claim", "Globex", "Hooli", env=tomorrow), 1,
                   "Claiming 2 customers would take you past your cap: you own 3 of 4 (pool.max_owned);"
                   " claim at most 1.")
    assert team.ok("pool", "claim", "Globex", env=tomorrow).stdout == (
        "Claimed #2 Globex. You own 4 of 4; 1 of 2 claims left today.\n")
    one_line_error(team("pool", "claim", "Hooli", env=tomorrow), 1,
                   "You already own 4 customers, the most allowed (pool.max_owned = 4); release one before"
                   " claiming another.")
    # Adding one says it counts toward the cap too.
    one_line_error(team("customer", "add", "Cyberdyne", env=tomorrow), 1,
                   "Adding a customer counts toward your cap: you already own 4 customers, the most allowed"
                   " (pool.max_owned = 4); release one first.")
    assert sorted(n for n, owner in owners(team).items() if owner == "bob") == ["Acme", "Globex", "Stark", "Umbrella"]


def test_an_archived_pool_customer_is_restored_before_it_is_claimed(team) -> None:
    team.ok("customer", "archive", "Initech")
    one_line_error(team("pool", "claim", "Initech"), 1, "Customer #3 Initech is archived",
                   "salescli customer restore 3")


def test_cap_counts_won_decides_whether_won_customers_count(team) -> None:
    team.ok("deal", "add", "Acme", "Lathes", "--amount", "10000")
    team.ok("deal", "won", "1")
    team.ok("config", "set", "pool.max_owned", "2")
    team.ok("config", "set", "pool.cap_counts_won", "true")
    one_line_error(team("pool", "claim", "Initech"), 1, "You already own 2 customers", "pool.max_owned = 2")
    team.ok("config", "set", "pool.cap_counts_won", "false")
    run = team.ok("pool", "claim", "Initech")
    assert run.stdout == "Claimed #3 Initech. You own 2 of 2; 9 of 10 claims left today.\n"


def test_release_refusals(team) -> None:
    before = owners(team)
    run = team("pool", "release", "Acme")
    one_line_error(run, 2, "A release needs a reason for the next rep to read: give --reason TEXT.")
    one_line_error(team("pool", "release", "Acme", "--reason", "  "), 2, "give --reason TEXT")
    one_line_error(team("pool", "release", "Acme", "--reason", "mine now", env=BOB), 1,
                   "Customer #1 Acme belongs to alice; only they or a manager can release it")
    one_line_error(team("pool", "release", "Initech", "--reason", "again"), 1,
                   "Customer #3 Initech is already in the pool.")
    one_line_error(team("pool", "release", "Nosuch", "--reason", "r"), 2, "No customer matches 'Nosuch'")
    assert owners(team) == before
    done = team.ok("pool", "release", "Acme", "--reason", "Moving", "--json").json()
    assert {k: done[k] for k in ("id", "name", "kind", "from", "to", "by", "reason")} == {
        "id": 1, "name": "Acme", "kind": "release", "from": "alice", "to": None, "by": "alice", "reason": "Moving"}
    assert done["at"] == "2026-11-23T09:00:00+08:00"


# --- locks ---------------------------------------------------------------------------------------


def test_lock_and_unlock(team) -> None:
    assert team.ok("customer", "lock", "Acme").stdout == "Locked #1 Acme against recycling (1 of 5 locks used).\n"
    one_line_error(team("customer", "lock", "Acme"), 1, "Customer #1 Acme is already locked against recycling.")
    team.ok("config", "set", "pool.max_locked", "1")
    one_line_error(team("customer", "lock", "Globex"), 1,
                   "You already have 1 customer locked, the most allowed (pool.max_locked = 1); unlock one first"
                   " with: salescli customer unlock CUSTOMER")
    one_line_error(team("customer", "lock", "Initech"), 1, "Customer #3 Initech is in the pool")
    one_line_error(team("customer", "lock", "Acme", env=BOB), 1, "belongs to alice", "lock it")
    one_line_error(team("customer", "lock", "Nosuch"), 2, "No customer matches 'Nosuch'")
    assert team.ok("customer", "unlock", "Acme").stdout == (
        "Unlocked #1 Acme; its recycle countdown starts again now.\n")
    one_line_error(team("customer", "unlock", "Acme"), 1, "Customer #1 Acme is not locked.")
    done = team.ok("customer", "lock", "Globex", "--json").json()
    assert done == {"id": 2, "name": "Globex", "owner": "alice", "locked": True, "locked_count": 1, "max_locked": 1}


# --- recycling -----------------------------------------------------------------------------------


def _old_book(cli) -> None:  # noqa: ANN001
    """alice's customers from a year ago, never followed up; then bob joins on Monday
    2026-11-23 and the pool rules come into force."""
    cli.ok("customer", "add", "Old A", "--grade", "A", env=YEAR_AGO)
    cli.ok("customer", "add", "Old C", "--grade", "C", env=YEAR_AGO)
    cli.ok("user", "add", "bob")


def test_recycling_is_never_retroactive_and_a_dry_run_writes_nothing(cli) -> None:
    _old_book(cli)
    assert cli.ok("pool", "sweep").stdout == "Nothing to recycle.\n"
    assert swept(cli, **at("2026-12-07")) == []  # 14 days after the rules came in
    due = at("2026-12-09")
    run = cli.ok("pool", "sweep", "--dry-run", env=due)
    assert cells(row(run, "1")) == ["1", "Old A", "A", "alice", "no follow-up for 15 days", "Nov 23 09:00"]
    assert lines(run)[-1] == "Would recycle 2 customers (dry run: nothing changed)."
    assert cli.ok("pool", "sweep", "--dry-run", env=due).stdout == run.stdout  # nothing was moved
    data = cli.ok("pool", "sweep", "--dry-run", "--json", env=due).json()
    assert set(data) == {"dry_run", "at", "in_force", "items"}
    assert data["items"][0] == {"customer_id": 1, "customer": "Old A", "grade": "A", "owner": "alice",
                                "rule": "no_follow_up", "days": 15, "since": "2026-11-23T09:00:00+08:00"}
    run = cli.ok("pool", "sweep", env=due)
    assert lines(run)[-1] == "Recycled 2 customers."
    assert cli.ok("pool", "sweep", env=due).stdout == "Nothing to recycle.\n"
    assert owners(cli) == {"Old A": None, "Old C": None}
    # alice lost them to recycling: the cool-down applies to her as to a release.
    one_line_error(cli("pool", "claim", "Old A", env=due), 1,
                   "Customer #1 Old A was recycled from you on Wed Dec 9 09:00; you can claim it again from"
                   " Wed Dec 16 09:00.")


def test_lazy_recycling_shows_without_a_sweep(cli) -> None:
    _old_book(cli)
    due = at("2026-12-09")
    listed = cli.ok("customer", "list", "--all", "--json", env=due).json()
    assert {c["name"]: c["owner"] for c in listed} == {"Old A": None, "Old C": None}
    pool = cli.ok("pool", "list", "--json", env=due).json()
    assert [(c["left"], c["reason"], c["last_owner"]) for c in pool] == [("recycle", "no_follow_up:15", "alice")] * 2
    assert "recycled: no follow-up for 15 days" in row(cli.ok("pool", "list", env=due), "1")


def test_a_per_grade_override_gives_a_grade_longer(cli) -> None:
    _old_book(cli)
    cli.ok("config", "set", "pool.recycle_no_follow_up_days_a", "40")
    cli.ok("config", "set", "pool.recycle_no_deal_days_a", "60")
    assert swept(cli, **at("2026-12-09")) == [("Old C", "no_follow_up")]
    data = cli.ok("pool", "sweep", "--dry-run", "--json", env=at("2027-01-03")).json()
    assert [(i["customer"], i["rule"], i["days"]) for i in data["items"]] == [
        ("Old A", "no_follow_up", 40), ("Old C", "no_follow_up", 15)]
    run = cli.ok("pool", "sweep", "--dry-run", env=at("2027-01-03"))
    assert "no follow-up for 40 days" in row(run, "1")


def test_locks_deals_in_negotiation_and_won_deals_are_exempt(cli) -> None:
    cli.ok("user", "add", "bob")
    for name in ("Plain", "Locked", "Negotiating", "Won"):
        cli.ok("customer", "add", name)
    cli.ok("customer", "lock", "Locked")
    cli.ok("deal", "add", "Negotiating", "Lathes", "--amount", "10000", "--close", "+4w", "--stage", "negotiation")
    cli.ok("deal", "add", "Won", "Spares", "--amount", "500")
    cli.ok("deal", "won", "2")
    later = at("2026-12-09")
    assert swept(cli, **later) == [("Plain", "no_follow_up")]
    # Unlocking restarts the countdown: not lost the same minute (Plain goes, as the
    # write applies what is due), but 16 days on.
    cli.ok("customer", "unlock", "Locked", env=later)
    assert swept(cli, **later) == []
    assert owners(cli) == {"Plain": None, "Locked": "alice", "Negotiating": "alice", "Won": "alice"}
    assert ("Locked", "no_follow_up") in swept(cli, **at("2026-12-25"))


def test_the_agenda_warns_before_recycling(cli) -> None:
    _old_book(cli)
    day = at("2026-12-06")  # due Tue Dec 8 09:00; pool.warn_days = 3
    data = cli.ok("agenda", "--json", env=day).json()
    warnings = next(s["items"] for s in data["sections"] if s["key"] == "recycle_warnings")
    assert [(w["customer"], w["rule"], w["days"], w["days_left"]) for w in warnings] == [
        ("Old A", "no_follow_up", 15, 2), ("Old C", "no_follow_up", 15, 2)]
    run = cli.ok("agenda", env=day)
    assert "About to return to the pool (2)" in run.stdout
    assert "1 │ Old A    │ A     │ no follow-up │ 15   │ in 2 days" in run.stdout
    # Worked, it leaves the warning.
    cli.ok("log", "Old A", "Called, they want a quote", env=day)
    data = cli.ok("agenda", "--json", env=day).json()
    warnings = next(s["items"] for s in data["sections"] if s["key"] == "recycle_warnings")
    assert [w["customer"] for w in warnings] == ["Old C"]
